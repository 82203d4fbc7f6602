package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/internal/prompt"
	"github.com/spf13/cobra"
)

// NewOptions are the answers and switches of `scaffold new`.
type NewOptions struct {
	Factory *Factory

	Name        string
	NameSet     bool // the name was given as an argument, even empty
	Features    []string
	FeaturesSet bool // --features was given, even empty: the core service alone
	Dir         string
	DryRun      bool
	Force       bool
	NoInstall   bool
	NoGit       bool
	Yes         bool
}

// NewCmdNew returns `scaffold new`. runF replaces the run function in tests of flag parsing.
func NewCmdNew(f *Factory, runF func(context.Context, *NewOptions) error) *cobra.Command {
	opts := &NewOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "new [name]",
		Short: "Create a new Express service",
		Long: `Create a new Express service in ./<name> (or --dir).

Without a terminal, every answer must come from flags: the name as an argument, and the
features with --features (or --yes for the core service alone). In a terminal, scaffold asks
for what is missing and then prints the equivalent command.`,
		Example: `  scaffold new api --features jwt,postgres
  scaffold new api --yes --no-install --no-git
  scaffold new api --features sessions --dry-run`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Name, opts.NameSet = args[0], true
			}
			opts.FeaturesSet = cmd.Flags().Changed("features")
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runNew(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.Features, "features", nil, "features to include, comma-separated (see `scaffold features`)")
	fl.StringVar(&opts.Dir, "dir", "", "directory to create the project in (default ./<name>)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "list the files that would be written, and write nothing")
	fl.BoolVar(&opts.Force, "force", false, "write into a directory that is not empty")
	fl.BoolVar(&opts.NoInstall, "no-install", false, "do not run npm install")
	fl.BoolVar(&opts.NoGit, "no-git", false, "do not initialise a git repository")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "accept defaults instead of prompting (no features unless --features)")
	_ = cmd.RegisterFlagCompletionFunc("features", featureCompletion(f))
	return cmd
}

func runNew(ctx context.Context, opts *NewOptions) error {
	ios := opts.Factory.IOStreams
	cat, err := opts.Factory.Catalog()
	if err != nil {
		return err
	}
	prompted, err := opts.askMissing(cat)
	if err != nil {
		return err
	}
	if err := generator.ValidateName(opts.Name); err != nil {
		return asUsage(err)
	}
	res, err := cat.Resolve(opts.Features)
	if err != nil {
		return asUsage(err)
	}
	for _, a := range res.Added {
		fmt.Fprintf(ios.ErrOut, "added %s: %s requires it (%s)\n", a.Feature, a.RequiredBy, a.Reason)
	}
	if prompted {
		fmt.Fprintf(ios.ErrOut, "To do this again without prompts:\n  %s\n", opts.equivalentCommand())
	}
	result, err := cat.Generate(opts.Name, res)
	if err != nil {
		return err
	}
	dir := opts.Dir
	if dir == "" {
		dir = opts.Name
	}
	if opts.DryRun {
		return printDryRun(ios.Out, result.Plan, dir, opts.Force)
	}
	if err := generator.WriteNew(result.Plan, dir, opts.Force); err != nil {
		var notEmpty *generator.NotEmptyError
		if errors.As(err, &notEmpty) {
			return fmt.Errorf("%w: choose another --dir, or pass --force to write into it", err)
		}
		return fmt.Errorf("create %s: %w", dir, err)
	}
	fmt.Fprintf(ios.ErrOut, "wrote %d files to %s\n", len(result.Plan.Files), dir)
	installed := false
	if !opts.NoInstall {
		if err := npmInstall(ctx, opts.Factory, dir); err != nil {
			return fmt.Errorf("%w (the project is written; run npm install in %s when that is fixed)", err, dir)
		}
		installed = true
	}
	if !opts.NoGit {
		initGit(ctx, opts.Factory, dir)
	}
	printNextSteps(ios.Out, opts.Name, dir, result, installed)
	return nil
}

// askMissing fills the answers flags did not give, by prompting when a person can answer and
// failing with the flag to use when nobody can. It reports whether anything was asked.
func (opts *NewOptions) askMissing(cat *generator.Catalog) (bool, error) {
	ios := opts.Factory.IOStreams
	canPrompt := ios.CanPrompt() && !opts.Yes && opts.Factory.Prompter != nil
	asked := false
	if !opts.NameSet {
		if !canPrompt {
			return false, flagErrorf("missing project name: pass it as the argument, e.g. scaffold new my-service")
		}
		name, err := opts.Factory.Prompter.Input("Project name", "Used for the directory and package.json", generator.ValidateName)
		if err != nil {
			return false, err
		}
		opts.Name, asked = strings.TrimSpace(name), true
	}
	if !opts.FeaturesSet && !opts.Yes {
		if !canPrompt {
			return false, flagErrorf("missing --features: pass --features jwt,postgres (see scaffold features), or --yes for the core service alone")
		}
		var options []prompt.Option
		for _, m := range cat.Features() {
			if m.Planned {
				continue
			}
			options = append(options, prompt.Option{Value: m.Name, Label: fmt.Sprintf("%-10s %s", m.Name, m.Summary)})
		}
		// With nothing to choose from there is no question to ask: the answer is the core service.
		if len(options) == 0 {
			opts.FeaturesSet = true
			return asked, nil
		}
		chosen, err := opts.Factory.Prompter.MultiSelect("Features", "Space to select, enter to confirm; none gives the core service", options)
		if err != nil {
			return false, err
		}
		opts.Features, opts.FeaturesSet, asked = chosen, true, true
	}
	return asked, nil
}

func (opts *NewOptions) equivalentCommand() string {
	parts := []string{"scaffold", "new", opts.Name}
	if len(opts.Features) > 0 {
		parts = append(parts, "--features", strings.Join(opts.Features, ","))
	} else {
		parts = append(parts, "--yes")
	}
	if opts.Dir != "" {
		parts = append(parts, "--dir", opts.Dir)
	}
	for _, f := range []struct {
		on   bool
		flag string
	}{{opts.Force, "--force"}, {opts.NoInstall, "--no-install"}, {opts.NoGit, "--no-git"}} {
		if f.on {
			parts = append(parts, f.flag)
		}
	}
	return strings.Join(parts, " ")
}

func printDryRun(w io.Writer, plan *generator.Plan, dir string, force bool) error {
	if !force {
		if empty, err := generator.IsEmptyDir(dir); err != nil {
			return fmt.Errorf("check %s: %w", dir, err)
		} else if !empty {
			return fmt.Errorf("%w: choose another --dir, or pass --force to write into it", &generator.NotEmptyError{Dir: dir})
		}
	}
	width := 0
	for _, f := range plan.Files {
		width = max(width, len(f.Path))
	}
	for _, f := range plan.Files {
		fmt.Fprintf(w, "%-*s  %6d\n", width, f.Path, len(f.Data))
	}
	_, err := fmt.Fprintf(w, "dry run: would write %d files (%d bytes) to %s\n", len(plan.Files), plan.Size(), dir)
	return err
}

func npmInstall(ctx context.Context, f *Factory, dir string) error {
	ios := f.IOStreams
	if err := f.Runner.LookPath("npm"); err != nil {
		return fmt.Errorf("npm install: npm not found on PATH (install Node.js 24 or newer, or pass --no-install)")
	}
	args := []string{"install", "--no-audit", "--no-fund"}
	if !ios.IsStderrTTY() {
		args = append(args, "--no-progress", "--loglevel=warn")
	}
	fmt.Fprintln(ios.ErrOut, "running npm install")
	if err := f.Runner.Run(ctx, dir, ios.ErrOut, ios.ErrOut, "npm", args...); err != nil {
		return fmt.Errorf("npm install: %w", err)
	}
	return nil
}

// initGit makes the project a repository with a first commit. Git is a convenience here: without
// git or a git identity the project is still complete, so problems are warnings.
func initGit(ctx context.Context, f *Factory, dir string) {
	ios := f.IOStreams
	if err := f.Runner.LookPath("git"); err != nil {
		fmt.Fprintln(ios.ErrOut, "warning: git not found; skipped git init")
		return
	}
	run := func(args ...string) error {
		var out strings.Builder
		if err := f.Runner.Run(ctx, dir, &out, &out, "git", args...); err != nil {
			return fmt.Errorf("%w: %s", err, strings.TrimSpace(out.String()))
		}
		return nil
	}
	if err := run("init", "--quiet"); err != nil {
		fmt.Fprintf(ios.ErrOut, "warning: git init: %v\n", err)
		return
	}
	if err := run("add", "--all"); err != nil {
		fmt.Fprintf(ios.ErrOut, "warning: git add: %v\n", err)
		return
	}
	if err := run("commit", "--quiet", "--message", "Initial commit from scaffold"); err != nil {
		fmt.Fprintln(ios.ErrOut, "warning: git commit failed (is user.name and user.email set?); the files are staged, commit them yourself")
	}
}

func printNextSteps(w io.Writer, name, dir string, result *generator.Result, installed bool) {
	features := result.Resolution.FeatureNames()
	desc := "the core service"
	if len(features) > 0 {
		desc = "features " + strings.Join(features, ", ")
	}
	fmt.Fprintf(w, "Created %s in %s with %s.\n\nNext steps:\n", name, dir, desc)
	if rel := filepath.Clean(dir); rel != "." {
		fmt.Fprintf(w, "  cd %s\n", rel)
	}
	if !installed {
		fmt.Fprintln(w, "  npm install")
	}
	fmt.Fprintln(w, "  cp .env.example .env")
	if names := result.Model.ServiceNames(); len(names) > 0 {
		fmt.Fprintln(w, "  docker compose up -d --wait "+strings.Join(names, " "))
	}
	if hasScript(result.Model, "migrate") {
		fmt.Fprintln(w, "  npm run migrate")
	}
	fmt.Fprintln(w, "  npm run dev")
}
