package commands

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/spf13/cobra"
)

// ExplainOptions are the answers of `scaffold explain`.
type ExplainOptions struct {
	Factory     *Factory
	Features    []string
	FeaturesSet bool // --features was given, even empty: explain that set, not the project's
	Dir         string
	DirSet      bool // --dir was given: it must be in a project
}

// NewCmdExplain returns `scaffold explain`, which prints the middleware pipeline of src/app.js
// for a feature set, phase by phase.
func NewCmdExplain(f *Factory, runF func(*ExplainOptions) error) *cobra.Command {
	opts := &ExplainOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "explain",
		Short: "Show the middleware pipeline a feature set generates, in order",
		Long: `Show the request pipeline of src/app.js for a feature set: every middleware and router in
the order Express runs them, grouped by phase, each with the file that implements it.

Inside a project scaffold generated (this directory or one above it, up to the root of its git
repository), it explains that project's features as scaffold.yaml records them; --features
explains another set instead.`,
		Example: `  scaffold explain
  scaffold explain --features jwt,redis
  scaffold explain --dir services/api`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.FeaturesSet = cmd.Flags().Changed("features")
			opts.Features = normalizeFeatures(opts.Features)
			opts.DirSet = cmd.Flags().Changed("dir")
			if runF != nil {
				return runF(opts)
			}
			return runExplain(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Features, "features", nil, "features to include, comma-separated (default: the project's)")
	cmd.Flags().StringVar(&opts.Dir, "dir", ".", "a directory of the project to explain")
	_ = cmd.RegisterFlagCompletionFunc("features", featureCompletion(f))
	return cmd
}

func runExplain(opts *ExplainOptions) error {
	cat, err := opts.Factory.Catalog()
	if err != nil {
		return err
	}
	name, features := "explain", opts.Features
	var resources []generator.Resource
	heading, source := "", ""
	if !opts.FeaturesSet {
		project, file, err := findProject(opts.Dir)
		var notProject *generator.NotProjectError
		switch {
		case errors.As(err, &notProject) && !opts.DirSet:
			// Outside a project: the core service, unless --features names a set.
		case err != nil:
			return err
		default:
			name, features, source = project.Name, project.Features, file
			heading = fmt.Sprintf("Features of %s (%s)", project.Name, file)
			if resources, err = generator.ParseResourceAnswers(project.Resources); err != nil {
				return err
			}
		}
	}
	res, err := cat.Resolve(features)
	if err != nil {
		if source != "" {
			return fmt.Errorf("explain the features %s records: %w", source, err)
		}
		return asUsage(err)
	}
	model, err := cat.BuildModel(name, res, resources)
	if err != nil {
		return err
	}
	w := opts.Factory.IOStreams.Out
	names := strings.Join(res.FeatureNames(), ", ")
	if names == "" {
		names = "none (core service only)"
	}
	if heading == "" {
		heading = "Features"
	}
	fmt.Fprintf(w, "Request pipeline of src/app.js, in order. %s: %s\n\n", heading, names)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PHASE\tMIDDLEWARE\tFILE\tFROM")
	for i, group := range model.Pipeline() {
		phase := fmt.Sprintf("%d. %s", i+1, group.Phase)
		if len(group.Entries) == 0 {
			fmt.Fprintf(tw, "%s\t(none)\t-\t-\n", phase)
		}
		for _, mw := range group.Entries {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", phase, strings.ReplaceAll(mw.Name, "`", ""), mw.Source, mw.Feature)
			phase = ""
		}
	}
	return tw.Flush()
}

// findProject reads the scaffold.yaml of the project dir is in, and says where that file is:
// relative to the working directory when it is below it or one of its parents, else absolute.
func findProject(dir string) (*generator.ProjectFile, string, error) {
	root, err := generator.FindProjectRoot(dir)
	if err != nil {
		return nil, "", err
	}
	project, err := generator.ReadProjectFile(root)
	if err != nil {
		return nil, "", err
	}
	source := filepath.Join(root, generator.ProjectFileName)
	if wd, err := os.Getwd(); err == nil {
		if wd, err := filepath.EvalSymlinks(wd); err == nil {
			if rel, err := filepath.Rel(wd, source); err == nil {
				source = rel
			}
		}
	}
	return project, source, nil
}
