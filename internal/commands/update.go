package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/spf13/cobra"
)

// Ways to handle conflicts, the values of --conflicts.
const (
	conflictsStop    = "stop"
	conflictsMarkers = "markers"
)

// UpdateOptions are what add and sync share: where the project is and how to apply changes.
type UpdateOptions struct {
	Dir       string
	DryRun    bool
	NoInstall bool
	Conflicts string
}

func (o *UpdateOptions) addFlags(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&o.Dir, "dir", ".", "the project's directory")
	fl.BoolVar(&o.DryRun, "dry-run", false, "print the diff of every change, and write nothing")
	fl.BoolVar(&o.NoInstall, "no-install", false, "do not run npm install")
	fl.StringVar(&o.Conflicts, "conflicts", conflictsStop,
		"on conflicting edits: stop (write nothing) or markers (write git-style conflict markers)")
	_ = cmd.RegisterFlagCompletionFunc("conflicts", cobra.FixedCompletions(
		[]string{conflictsStop, conflictsMarkers}, cobra.ShellCompDirectiveNoFileComp))
}

func (o *UpdateOptions) validate() error {
	if o.Conflicts != conflictsStop && o.Conflicts != conflictsMarkers {
		return flagErrorf("invalid --conflicts %q: use stop or markers", o.Conflicts)
	}
	return nil
}

// project is a scaffold project opened by add or sync: where it is, what scaffold.yaml records, and
// the catalogs of this release and of the release that wrote it.
type project struct {
	root     string
	recorded *generator.ProjectFile
	// resources are the resources scaffold.yaml records, checked.
	resources []generator.Resource
	catalog   *generator.Catalog
	releases  *generator.Releases
	unlock    func()
}

// close releases the project's lock.
func (p *project) close() {
	if p.unlock != nil {
		p.unlock()
	}
}

// openProject checks the options, finds the project from o.Dir as git finds a repository, and
// reads its scaffold.yaml. For a command that writes, it first takes the project's lock (waiting
// for another run to finish) and completes or discards whatever a killed run left; a command that
// only reads refuses a project a killed run left half-written.
func (o *UpdateOptions) openProject(ctx context.Context, f *Factory, write bool) (*project, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	root, err := generator.FindProjectRoot(o.Dir)
	if err != nil {
		return nil, err
	}
	p := &project{root: root}
	ok := false
	defer func() {
		if !ok {
			p.close()
		}
	}()
	if write {
		p.unlock, err = generator.LockProject(ctx, root, func() {
			fmt.Fprintf(f.IOStreams.ErrOut, "waiting for another scaffold command in %s to finish\n", root)
		})
		if err != nil {
			return nil, err
		}
		switch rec, err := generator.RecoverTransaction(root); {
		case err != nil:
			return nil, err
		case rec == generator.Discarded:
			fmt.Fprintln(f.IOStreams.ErrOut, "an earlier scaffold run was killed before it changed anything; discarded what it had staged")
		case rec == generator.Finished:
			fmt.Fprintln(f.IOStreams.ErrOut, "an earlier scaffold run was killed while writing; finished its changes")
		}
	} else if generator.InterruptedRun(root) {
		return nil, fmt.Errorf("an earlier scaffold run was killed and left %s in %s: run scaffold sync to finish or discard it",
			generator.TxnDirName, root)
	}
	if p.recorded, err = generator.ReadProjectFile(root); err != nil {
		return nil, err
	}
	if err := generator.CheckProjectVersion(p.recorded); err != nil {
		return nil, err
	}
	if p.resources, err = generator.ParseResourceAnswers(p.recorded.Resources); err != nil {
		return nil, err
	}
	if p.catalog, err = f.Catalog(); err != nil {
		return nil, err
	}
	if p.releases, err = f.Releases(); err != nil {
		return nil, err
	}
	ok = true
	return p, nil
}

// renders holds a project's answers rendered three ways: as the release that wrote it rendered
// them (the base of every merge), as this release renders them (what add or sync compares the
// new setup with), and with the new answers by this release (the target).
type renders struct {
	recorded *generator.ProjectFile
	base     *generator.Plan
	before   *generator.Result
	target   *generator.Result
}

// renderRecorded renders the recorded answers by this release and, as the base, by the release
// that wrote the project. A release this scaffold does not know (one from before the archive)
// gives no base: merges then look in git history for each edited file's original render.
func (p *project) renderRecorded() (base *generator.Plan, before *generator.Result, err error) {
	before, err = render(p.catalog, p.recorded.Name, p.recorded.Features, p.resources)
	if err != nil {
		return nil, nil, recordedError(err)
	}
	if p.recorded.Version == generator.Version {
		return before.Plan, before, nil
	}
	if !p.releases.Known(p.recorded.Version) {
		return &generator.Plan{}, before, nil
	}
	cat, err := p.releases.Catalog(p.recorded.Version)
	if err != nil {
		return nil, nil, err
	}
	old, err := render(cat, p.recorded.Name, p.recorded.Features, p.resources)
	if err != nil {
		return nil, nil, recordedError(err)
	}
	return old.Plan, before, nil
}

// recordedError names scaffold.yaml in an error about its answers: the user did not type them.
func recordedError(err error) error {
	return fmt.Errorf("%s: %w", generator.ProjectFileName, err)
}

func render(cat *generator.Catalog, name string, features []string, resources []generator.Resource) (*generator.Result, error) {
	res, err := cat.Resolve(features)
	if err != nil {
		return nil, err
	}
	return cat.Generate(name, res, resources)
}

// applyUpdate works out the update between two renders of the project and carries it out as the
// options say. verb names the command in messages.
func applyUpdate(ctx context.Context, f *Factory, o *UpdateOptions, p *project, r *renders, verb string) error {
	ios := f.IOStreams
	u, err := generator.PlanUpdate(ctx, p.root, r.recorded, r.base, r.target.Plan)
	if err != nil {
		return fmt.Errorf("%s: %w", verb, err)
	}
	if u.Empty() {
		fmt.Fprintln(ios.Out, "nothing to change: the project is up to date")
		return nil
	}
	if o.DryRun {
		if err := printDiff(ios.Out, u); err != nil {
			return err
		}
		fmt.Fprintf(ios.Out, "dry run: %s, nothing written\n", summarize(u))
		return nil
	}
	if verb != "sync" {
		warnUncommitted(ctx, f, p.root, u)
	}
	conflicts := u.Conflicts()
	if len(conflicts) > 0 {
		printConflicts(ios.ErrOut, conflicts)
		if o.Conflicts != conflictsMarkers {
			return fmt.Errorf("%s: %d %s conflict with your edits; nothing was written "+
				"(resolve them, or pass --conflicts=markers to write the merge with conflict markers)",
				verb, len(conflicts), plural(len(conflicts), "file", "files"))
		}
	}
	if err := generator.ApplyUpdate(ctx, p.root, u, o.Conflicts == conflictsMarkers); err != nil {
		if errors.Is(err, generator.ErrInterrupted) {
			return fmt.Errorf("%s: interrupted; nothing was changed", verb)
		}
		return fmt.Errorf("%s: %w", verb, err)
	}
	printChanges(ios.Out, u)
	installed := false
	if !o.NoInstall && packageJSONChanged(u) {
		if err := npmInstall(ctx, f, p.root); err != nil {
			return fmt.Errorf("%w (the files are written; run npm install when that is fixed)", err)
		}
		installed = true
	}
	printFollowUp(ios.Out, r, u, installed)
	return conflictOutcome(verb, conflicts)
}

// conflictOutcome says exactly where markers were written and which conflicting files were left
// as they were, as the error that makes the command exit 1.
func conflictOutcome(verb string, conflicts []generator.FileChange) error {
	var marked, left []string
	for _, c := range conflicts {
		if c.After != nil {
			marked = append(marked, c.Path)
		} else {
			left = append(left, c.Path)
		}
	}
	var parts []string
	if len(marked) > 0 {
		parts = append(parts, fmt.Sprintf("wrote conflict markers into %s (resolve them before you commit)", strings.Join(marked, ", ")))
	}
	if len(left) > 0 {
		parts = append(parts, fmt.Sprintf("left %s as %s (see above why)", strings.Join(left, ", "), plural(len(left), "it was", "they were")))
	}
	if len(parts) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %s", verb, strings.Join(parts, "; "))
}

// warnUncommitted warns that add is about to change files that have changes git has not
// committed, which a git checkout could then no longer tell apart from the feature's.
func warnUncommitted(ctx context.Context, f *Factory, root string, u *generator.Update) {
	var paths []string
	for _, c := range u.Changes {
		if c.Before != nil && c.After != nil && c.Path != generator.ProjectFileName {
			paths = append(paths, c.Path)
		}
	}
	if dirty := uncommittedPaths(ctx, f, root, paths); len(dirty) > 0 {
		fmt.Fprintf(f.IOStreams.ErrOut, "warning: %s %s uncommitted changes; commit first to review scaffold's changes on their own\n",
			strings.Join(dirty, ", "), plural(len(dirty), "has", "have"))
	}
}

func packageJSONChanged(u *generator.Update) bool {
	return slices.ContainsFunc(u.Changes, func(c generator.FileChange) bool { return c.Path == "package.json" })
}

func summarize(u *generator.Update) string {
	counts := map[generator.ChangeKind]int{}
	for _, c := range u.Changes {
		counts[c.Kind]++
	}
	var parts []string
	for _, k := range []generator.ChangeKind{generator.Create, generator.Replace, generator.Merged, generator.Delete, generator.Conflict} {
		if n := counts[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d to %s", n, k))
		}
	}
	return strings.Join(parts, ", ")
}

func printChanges(w io.Writer, u *generator.Update) {
	past := map[generator.ChangeKind]string{
		generator.Create: "created", generator.Replace: "updated", generator.Merged: "merged",
		generator.Delete: "deleted", generator.Conflict: "conflict",
	}
	for _, c := range u.Changes {
		if c.Kind == generator.Conflict && c.After == nil {
			continue // left as it was; printConflicts said why
		}
		fmt.Fprintf(w, "%-8s %s\n", past[c.Kind], c.Path)
	}
}

// printConflicts names each conflicting file with the lines in question.
func printConflicts(w io.Writer, conflicts []generator.FileChange) {
	for _, c := range conflicts {
		fmt.Fprintf(w, "conflict in %s: %s\n", c.Path, c.Reason)
		for _, r := range c.Regions {
			if r.Line > 0 {
				fmt.Fprintf(w, "  at line %d of the merge:\n", r.Line)
			}
			for _, side := range []struct {
				label string
				lines []string
			}{{"yours", r.Yours}, {"before", r.Base}, {"now", r.Template}} {
				if side.label == "before" && r.TwoWay {
					continue // there is no common ancestor to show
				}
				for _, l := range side.lines {
					fmt.Fprintf(w, "    %-6s | %s\n", side.label, strings.TrimRight(l, "\n"))
				}
				if len(side.lines) == 0 {
					fmt.Fprintf(w, "    %-6s | (nothing)\n", side.label)
				}
			}
		}
	}
}

// printDiff prints every change as a unified diff, as `git diff` would show it.
func printDiff(w io.Writer, u *generator.Update) error {
	for _, c := range u.Changes {
		if c.Kind == generator.Conflict && c.After == nil {
			fmt.Fprintf(w, "# %s: conflict: %s\n", c.Path, c.Reason)
			continue
		}
		from, to := "a/"+c.Path, "b/"+c.Path
		if c.Before == nil {
			from = "/dev/null"
		}
		if c.Kind == generator.Delete {
			to = "/dev/null"
		}
		if c.Kind == generator.Conflict {
			fmt.Fprintf(w, "# %s: conflict: %s; with --conflicts=markers it becomes:\n", c.Path, c.Reason)
		}
		if err := writeUnifiedDiff(w, from, to, c.Before, c.After); err != nil {
			return err
		}
	}
	return nil
}

// printFollowUp says what changed for the user beyond files: what to install, configure and run.
func printFollowUp(w io.Writer, r *renders, u *generator.Update, installed bool) {
	var steps []string
	if !installed && packageJSONChanged(u) {
		steps = append(steps, "npm install")
	}
	var newEnv []string
	for _, e := range r.target.Model.Env {
		if !slices.ContainsFunc(r.before.Model.Env, func(b generator.EnvEntry) bool { return b.Name == e.Name }) {
			newEnv = append(newEnv, e.Name)
		}
	}
	if len(newEnv) > 0 {
		steps = append(steps, "set the new variables in .env (see .env.example): "+strings.Join(newEnv, ", "))
	}
	var services []string
	for _, s := range r.target.Model.ServiceNames() {
		if !slices.Contains(r.before.Model.ServiceNames(), s) {
			services = append(services, s)
		}
	}
	if len(services) > 0 {
		steps = append(steps, "docker compose up -d --wait "+strings.Join(services, " "))
	}
	migrations := slices.ContainsFunc(u.Changes, func(c generator.FileChange) bool {
		return strings.HasPrefix(c.Path, "migrations/") && c.Kind != generator.Delete
	})
	if migrations && hasScript(r.target.Model, "migrate") {
		steps = append(steps, "npm run migrate")
	}
	if len(steps) == 0 {
		return
	}
	fmt.Fprintln(w, "\nNext steps:")
	for _, s := range steps {
		fmt.Fprintln(w, "  "+s)
	}
}

func hasScript(m *generator.Model, name string) bool {
	return slices.ContainsFunc(m.Scripts, func(s generator.Script) bool { return s.Name == name })
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
