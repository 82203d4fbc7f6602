package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// AddOptions are the answers and switches of `scaffold add`.
type AddOptions struct {
	Factory *Factory
	UpdateOptions

	Features []string
}

// NewCmdAdd returns `scaffold add`. runF replaces the run function in tests of flag parsing.
func NewCmdAdd(f *Factory, runF func(context.Context, *AddOptions) error) *cobra.Command {
	opts := &AddOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "add <feature>...",
		Short: "Add features to a project scaffold generated",
		Long: `Add features to a project scaffold generated, keeping every edit you made.

Files you never touched are replaced by their new render; files you edited get the change
merged in three ways (git merge-file). When your edits and the change overlap, nothing is
written: the conflicting lines are shown, and --conflicts=markers writes them with git-style
conflict markers instead. scaffold.yaml records the new answers.`,
		Example: `  scaffold add jwt
  scaffold add postgres websockets --dir services/api
  scaffold add sessions --dry-run`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return flagErrorf("missing feature: name one or more, e.g. scaffold add jwt (see scaffold features)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Features = normalizeFeatures(args)
			if len(opts.Features) == 0 {
				return flagErrorf("missing feature: name one or more, e.g. scaffold add jwt (see scaffold features)")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runAdd(cmd.Context(), opts)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cat, err := f.Catalog()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			var names []string
			for _, n := range cat.FeatureNames() {
				if !slices.Contains(args, n) && strings.HasPrefix(n, toComplete) {
					names = append(names, n)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	}
	opts.addFlags(cmd)
	// add never prompts, so --yes changes nothing; it is accepted because scaffold new takes it
	// and hands type it from habit.
	var yes bool
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "accepted for habit; add never prompts")
	return cmd
}

func runAdd(ctx context.Context, opts *AddOptions) error {
	p, err := opts.openProject(ctx, opts.Factory, !opts.DryRun)
	if err != nil {
		return err
	}
	defer p.close()
	ios := opts.Factory.IOStreams
	base, before, err := p.renderRecorded()
	if err != nil {
		return err
	}
	wanted := slices.Concat(p.recorded.Features, opts.Features)
	res, err := p.catalog.Resolve(wanted)
	if err != nil {
		return asUsage(err)
	}
	var missing []string
	for _, name := range res.FeatureNames() {
		if !slices.Contains(p.recorded.Features, name) {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		fmt.Fprintf(ios.Out, "nothing to add: the project already has %s\n", strings.Join(opts.Features, ", "))
		return nil
	}
	for _, a := range res.Added {
		if !slices.Contains(p.recorded.Features, a.Feature) {
			fmt.Fprintf(ios.ErrOut, "added %s: %s requires it (%s)\n", a.Feature, a.RequiredBy, a.Reason)
		}
	}
	target, err := p.catalog.Generate(p.recorded.Name, res, p.resources)
	if err != nil {
		return err
	}
	fmt.Fprintf(ios.ErrOut, "adding %s\n", strings.Join(missing, ", "))
	return applyUpdate(ctx, opts.Factory, &opts.UpdateOptions, p, &renders{p.recorded, base, before, target}, "add")
}
