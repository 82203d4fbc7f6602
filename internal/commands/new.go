package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
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
for what is missing and then prints the equivalent command.

Afterwards it runs npm install, then git init and a first commit of the files it wrote (and of
nothing that was already in the directory). Inside an existing git repository it creates no
nested one: commit the new files there.`,
		Example: `  scaffold new api --features jwt,postgres
  scaffold new api --yes --no-install --no-git
  scaffold new api --features sessions --dry-run`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Name, opts.NameSet = args[0], true
			}
			opts.FeaturesSet = cmd.Flags().Changed("features")
			opts.Features = normalizeFeatures(opts.Features)
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
	fl.BoolVar(&opts.Force, "force", false, "write into a directory that is not empty, naming each file it overwrites")
	fl.BoolVar(&opts.NoInstall, "no-install", false, "do not run npm install")
	fl.BoolVar(&opts.NoGit, "no-git", false, "do not initialise a git repository (never done inside one)")
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
	askedName, err := opts.askName()
	if err != nil {
		return err
	}
	if err := generator.ValidateName(opts.Name); err != nil {
		return asUsage(err)
	}
	dir := opts.targetDir()
	// The target is checked before any question about features, so that nobody picks features
	// for a project that cannot be written there.
	if !opts.Force {
		if err := checkEmptyTarget(dir); err != nil {
			return err
		}
	}
	askedFeatures, err := opts.askFeatures(cat)
	if err != nil {
		return err
	}
	res, err := cat.Resolve(opts.Features)
	if err != nil {
		return asUsage(err)
	}
	for _, a := range res.Added {
		fmt.Fprintf(ios.ErrOut, "added %s: %s requires it (%s)\n", a.Feature, a.RequiredBy, a.Reason)
	}
	if askedName || askedFeatures {
		fmt.Fprintf(ios.ErrOut, "To do this again without prompts:\n  %s\n", opts.equivalentCommand())
	}
	result, err := cat.Generate(opts.Name, res, nil)
	if err != nil {
		return err
	}
	overwritten, err := existingFiles(result.Plan, dir)
	if err != nil {
		return err
	}
	if opts.DryRun {
		for _, p := range overwritten {
			fmt.Fprintf(ios.ErrOut, "would overwrite %s\n", p)
		}
		return printDryRun(ios.Out, result.Plan, dir)
	}
	for _, p := range overwritten {
		fmt.Fprintf(ios.ErrOut, "overwriting %s\n", p)
	}
	if ctx.Err() != nil {
		// Ctrl-C or SIGTERM while the plan was made: stop before the first file.
		return errors.New("new: interrupted; nothing was written")
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
		initGit(ctx, opts.Factory, dir, result.Plan)
	}
	printNextSteps(ios.Out, opts.Name, dir, result, installed)
	return nil
}

// targetDir is where the project goes: --dir, or ./<name>.
func (opts *NewOptions) targetDir() string {
	if opts.Dir != "" {
		return opts.Dir
	}
	return opts.Name
}

// canPrompt reports whether missing answers can be asked for.
func (opts *NewOptions) canPrompt() bool {
	return opts.Factory.IOStreams.CanPrompt() && !opts.Yes && opts.Factory.Prompter != nil
}

// askName asks for the project name when no argument gave it, and fails with the way to give it
// when nobody can answer. It reports whether it asked.
func (opts *NewOptions) askName() (bool, error) {
	if opts.NameSet {
		return false, nil
	}
	if !opts.canPrompt() {
		return false, flagErrorf("missing project name: pass it as the argument, e.g. scaffold new my-service")
	}
	name, err := opts.Factory.Prompter.Input("Project name", "Used for the directory and package.json", generator.ValidateName)
	if err != nil {
		return false, err
	}
	opts.Name, opts.NameSet = strings.TrimSpace(name), true
	return true, nil
}

// askFeatures asks which features to include when neither --features nor --yes answered, and
// fails with the flag to use when nobody can answer. It reports whether it asked.
func (opts *NewOptions) askFeatures(cat *generator.Catalog) (bool, error) {
	if opts.FeaturesSet || opts.Yes {
		return false, nil
	}
	if !opts.canPrompt() {
		return false, flagErrorf("missing --features: pass --features jwt,postgres (see scaffold features), or --yes for the core service alone")
	}
	options := featureOptions(cat, opts.Factory.IOStreams.TerminalWidth())
	// With nothing to choose from there is no question to ask: the answer is the core service.
	if len(options) == 0 {
		opts.FeaturesSet = true
		return false, nil
	}
	chosen, err := opts.Factory.Prompter.MultiSelect("Features", "Space selects, enter confirms; none gives the core service", options)
	if err != nil {
		return false, err
	}
	opts.Features, opts.FeaturesSet = chosen, true
	return true, nil
}

// promptOverhead is how many columns a multi-select spends before each option's label: the
// form's border and padding, the cursor and the check box ("┃ > [•] ").
const promptOverhead = 8

// minSummaryWidth is the fewest columns worth showing of a feature's summary; below it the label
// is only the name and what it requires (and the summary is left to scaffold features).
const minSummaryWidth = 8

// featureOptions returns the features a person can choose, each labelled with its summary and
// what it requires, fitted to a terminal of the given width: the summary is cut short first, so
// that the name and the requirements stay readable.
func featureOptions(cat *generator.Catalog, width int) []prompt.Option {
	var features []*generator.Manifest
	nameWidth := 0
	for _, m := range cat.Features() {
		if !m.Planned {
			features = append(features, m)
			nameWidth = max(nameWidth, len(m.Name))
		}
	}
	avail := max(width-promptOverhead, 1)
	options := make([]prompt.Option, 0, len(features))
	for _, m := range features {
		suffix := ""
		if reqs := publicRequires(cat, m); len(reqs) > 0 {
			suffix = " (requires " + strings.Join(reqs, ", ") + ")"
		}
		head := fmt.Sprintf("%-*s — ", nameWidth, m.Name)
		var label string
		switch n := avail - utf8.RuneCountInString(head) - utf8.RuneCountInString(suffix); {
		case n >= minSummaryWidth:
			label = head + truncateRunes(m.Summary, n) + suffix
		case suffix != "" && n >= -1:
			label = head + strings.TrimSpace(suffix) // where the summary would start
		default:
			label = truncateRunes(strings.TrimSpace(m.Name+suffix), avail)
		}
		options = append(options, prompt.Option{Value: m.Name, Label: label})
	}
	return options
}

// truncateRunes shortens s to at most n characters, ending it with "…" when something was cut.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n <= 1 {
		return string(r[:n])
	}
	return string(r[:n-1]) + "…"
}

// checkEmptyTarget fails unless dir is missing or an empty directory.
func checkEmptyTarget(dir string) error {
	empty, err := generator.IsEmptyDir(dir)
	if err != nil {
		return fmt.Errorf("create %s: check target directory: %w", dir, err)
	}
	if !empty {
		return fmt.Errorf("%w: choose another --dir, or pass --force to write into it", &generator.NotEmptyError{Dir: dir})
	}
	return nil
}

// existingFiles returns the paths, joined to dir, of the files in plan that dir already has: what
// writing the plan there with --force overwrites.
func existingFiles(plan *generator.Plan, dir string) ([]string, error) {
	if empty, err := generator.IsEmptyDir(dir); err == nil && empty {
		return nil, nil
	}
	var paths []string
	for _, f := range plan.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		_, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("check %s: %w", p, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
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

func printDryRun(w io.Writer, plan *generator.Plan, dir string) error {
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
	// npm's progress may end without a newline; the next message starts on a line of its own.
	out := &iostreams.LineWriter{W: ios.ErrOut}
	err := f.Runner.Run(ctx, dir, out, out, "npm", args...)
	_ = out.EndLine()
	if err != nil {
		return fmt.Errorf("npm install: %w", err)
	}
	return nil
}

// initGit makes the project a repository with a first commit of the files scaffold wrote, and of
// nothing else: with --force the directory may hold files of its own. Inside an existing work
// tree it creates no nested repository. Git is a convenience here: without git or a git identity
// the project is still complete, so problems are warnings.
func initGit(ctx context.Context, f *Factory, dir string, plan *generator.Plan) {
	ios := f.IOStreams
	if err := f.Runner.LookPath("git"); err != nil {
		fmt.Fprintln(ios.ErrOut, "warning: git not found; skipped git init")
		return
	}
	if top := gitTopLevel(ctx, f, dir); top != "" {
		if sameDir(top, dir) {
			fmt.Fprintf(ios.ErrOut, "%s is already a git repository: not committing; commit the new files there\n", dir)
		} else {
			fmt.Fprintf(ios.ErrOut, "inside the git repository at %s: not creating a nested repository; commit the new files there\n", top)
		}
		return
	}
	run := func(args ...string) error {
		var out strings.Builder
		if err := f.Runner.Run(ctx, dir, &out, &out, "git", args...); err != nil {
			return fmt.Errorf("%w: %s", err, oneLineOutput(out.String()))
		}
		return nil
	}
	if err := run("init", "--quiet"); err != nil {
		fmt.Fprintf(ios.ErrOut, "warning: git init: %v\n", err)
		return
	}
	add := []string{"--literal-pathspecs", "add", "--force", "--"}
	for _, file := range plan.Files {
		add = append(add, file.Path)
	}
	if err := run(add...); err != nil {
		fmt.Fprintf(ios.ErrOut, "warning: git add: %v\n", err)
		return
	}
	if err := run("commit", "--quiet", "--message", "Initial commit from scaffold"); err != nil {
		fmt.Fprintln(ios.ErrOut, "warning: git commit failed (is user.name and user.email set?); the files are staged, commit them yourself")
	}
}

// gitTopLevel returns the root of the git work tree dir is in, or "" when it is in none.
func gitTopLevel(ctx context.Context, f *Factory, dir string) string {
	var out strings.Builder
	if err := f.Runner.Run(ctx, dir, &out, io.Discard, "git", "rev-parse", "--show-toplevel"); err != nil {
		return ""
	}
	return strings.TrimSpace(out.String())
}

// sameDir reports whether two paths name the same directory.
func sameDir(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// oneLineOutput joins a program's output into one line, for a warning.
func oneLineOutput(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// printNextSteps says what was created and what to do next: "Created demo with jwt, redis." when
// the project is in ./<name>, "Created demo in ./services/api with ..." otherwise.
func printNextSteps(w io.Writer, name, dir string, result *generator.Result, installed bool) {
	desc := "the core service"
	if features := result.Resolution.FeatureNames(); len(features) > 0 {
		desc = strings.Join(features, ", ")
	}
	where := ""
	if filepath.Clean(dir) != name {
		where = " in " + displayDir(dir)
	}
	fmt.Fprintf(w, "Created %s%s with %s.\n\nNext steps:\n", name, where, desc)
	if rel := filepath.Clean(dir); rel != "." {
		fmt.Fprintf(w, "  cd %s\n", rel)
	}
	if !installed {
		fmt.Fprintln(w, "  npm install")
	}
	fmt.Fprintln(w, "  cp .env.example .env")
	// .env.example leaves every secret empty: each gets a random value of its own.
	for _, name := range result.Model.SecretEnvNames() {
		fmt.Fprintln(w, "  "+generator.NewSecretCommand(name))
	}
	if names := result.Model.ServiceNames(); len(names) > 0 {
		fmt.Fprintln(w, "  docker compose up -d --wait "+strings.Join(names, " "))
	}
	if hasScript(result.Model, "migrate") {
		fmt.Fprintln(w, "  npm run migrate")
	}
	fmt.Fprintln(w, "  npm run dev")
}

// displayDir shows a directory as a person would type it: ./api for a relative path below the
// working directory, the current directory for ., and other paths as they are.
func displayDir(dir string) string {
	dir = filepath.Clean(dir)
	switch {
	case dir == ".":
		return "the current directory"
	case filepath.IsAbs(dir), dir == "..", strings.HasPrefix(dir, ".."+string(filepath.Separator)):
		return dir
	default:
		return "." + string(filepath.Separator) + dir
	}
}
