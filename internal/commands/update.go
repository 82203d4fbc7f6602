package commands

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/aymanbagabas/go-udiff"
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

// loadProject checks the options, then reads the catalog and the project's scaffold.yaml.
func (o *UpdateOptions) loadProject(f *Factory) (*generator.Catalog, *generator.ProjectFile, error) {
	if err := o.validate(); err != nil {
		return nil, nil, err
	}
	cat, err := f.Catalog()
	if err != nil {
		return nil, nil, err
	}
	recorded, err := generator.ReadProjectFile(o.Dir)
	if err != nil {
		return nil, nil, err
	}
	return cat, recorded, nil
}

// renders holds a project's recorded answers rendered before and after the change.
type renders struct {
	recorded *generator.ProjectFile
	base     *generator.Result
	target   *generator.Result
}

func render(cat *generator.Catalog, name string, features []string) (*generator.Result, error) {
	res, err := cat.Resolve(features)
	if err != nil {
		return nil, err
	}
	return cat.Generate(name, res)
}

// applyUpdate works out the update between two renders of the project and carries it out as the
// options say. verb names the command in messages.
func applyUpdate(ctx context.Context, f *Factory, o *UpdateOptions, r *renders, verb string) error {
	ios := f.IOStreams
	u, err := generator.PlanUpdate(o.Dir, r.recorded, r.base.Plan, r.target.Plan)
	if err != nil {
		return fmt.Errorf("%s: %w", verb, err)
	}
	if u.Empty() {
		fmt.Fprintln(ios.Out, "nothing to change: the project is up to date")
		return nil
	}
	if o.DryRun {
		printDiff(ios.Out, u)
		fmt.Fprintf(ios.Out, "dry run: %s, nothing written\n", summarize(u))
		return nil
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
	if err := generator.ApplyUpdate(o.Dir, u, o.Conflicts == conflictsMarkers); err != nil {
		return fmt.Errorf("%s: %w", verb, err)
	}
	printChanges(ios.Out, u)
	installed := false
	if !o.NoInstall && packageJSONChanged(u) {
		if err := npmInstall(ctx, f, o.Dir); err != nil {
			return fmt.Errorf("%w (the files are written; run npm install when that is fixed)", err)
		}
		installed = true
	}
	printFollowUp(ios.Out, r, u, installed)
	if len(conflicts) > 0 {
		return fmt.Errorf("%s: wrote conflict markers into %d %s; resolve them before you commit",
			verb, len(conflicts), plural(len(conflicts), "file", "files"))
	}
	return nil
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
func printDiff(w io.Writer, u *generator.Update) {
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
		fmt.Fprint(w, udiff.Unified(from, to, string(c.Before), string(c.After)))
	}
}

// printFollowUp says what changed for the user beyond files: what to install, configure and run.
func printFollowUp(w io.Writer, r *renders, u *generator.Update, installed bool) {
	var steps []string
	if !installed && packageJSONChanged(u) {
		steps = append(steps, "npm install")
	}
	var newEnv []string
	for _, e := range r.target.Model.Env {
		if !slices.ContainsFunc(r.base.Model.Env, func(b generator.EnvEntry) bool { return b.Name == e.Name }) {
			newEnv = append(newEnv, e.Name)
		}
	}
	if len(newEnv) > 0 {
		steps = append(steps, "set the new variables in .env (see .env.example): "+strings.Join(newEnv, ", "))
	}
	var services []string
	for _, s := range r.target.Model.ServiceNames() {
		if !slices.Contains(r.base.Model.ServiceNames(), s) {
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
