package commands

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
	"github.com/scaffold-cli/scaffold/templates"
)

// featureSets returns every distinct resolved set of the catalog's available features, each as
// its feature names in catalog order.
func featureSets(t *testing.T) (*generator.Catalog, [][]string) {
	t.Helper()
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	var available []string
	for _, m := range cat.Features() {
		if !m.Planned {
			available = append(available, m.Name)
		}
	}
	seen := map[string]bool{}
	var sets [][]string
	for mask := 0; mask < 1<<len(available); mask++ {
		var requested []string
		for i, name := range available {
			if mask&(1<<i) != 0 {
				requested = append(requested, name)
			}
		}
		res, err := cat.Resolve(requested)
		if err != nil {
			t.Fatalf("resolve %v: %v", requested, err)
		}
		names := res.FeatureNames()
		if key := strings.Join(names, ","); !seen[key] {
			seen[key] = true
			sets = append(sets, names)
		}
	}
	return cat, sets
}

func generate(t *testing.T, cat *generator.Catalog, features []string) *generator.Plan {
	t.Helper()
	res, err := cat.Resolve(features)
	if err != nil {
		t.Fatal(err)
	}
	result, err := cat.Generate("demo", res, nil)
	if err != nil {
		t.Fatal(err)
	}
	return result.Plan
}

func generateInto(t *testing.T, cat *generator.Catalog, dir string, features []string) {
	t.Helper()
	if err := generator.WriteNew(generate(t, cat, features), dir, false); err != nil {
		t.Fatal(err)
	}
}

// planFiles is what `new` writes for the features, without writing it.
func planFiles(t *testing.T, cat *generator.Catalog, features []string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, f := range generate(t, cat, features).Files {
		files[f.Path] = string(f.Data)
	}
	return files
}

func readProject(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// runAddCommand runs `scaffold add` on the project in dir. It leaves the working directory alone,
// unlike testFactory, so that tests running it may run in parallel.
func runAddCommand(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	f := &Factory{IOStreams: ios, Templates: templates.FS, Runner: &fakeRunner{}}
	cmd := NewCmdAdd(f, nil)
	cmd.SetArgs(append([]string{"--dir", dir, "--no-install"}, args...))
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	err := cmd.ExecuteContext(context.Background())
	return out.String() + errOut.String(), err
}

// TestAddIsPathIndependent adds each missing feature to a project of every feature set and
// compares the result with `new` for the larger set, byte for byte and scaffold.yaml included.
// Every order of adding features is a path through these steps, so every order gives the same
// project.
func TestAddIsPathIndependent(t *testing.T) {
	cat, sets := featureSets(t)
	all := sets[len(sets)-1]
	for _, set := range sets {
		for _, feature := range all {
			if slices.Contains(set, feature) {
				continue
			}
			name := strings.Join(append([]string{"core"}, set...), "+") + "/add-" + feature
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				dir := filepath.Join(t.TempDir(), "demo")
				generateInto(t, cat, dir, set)
				if out, err := runAddCommand(t, dir, feature); err != nil {
					t.Fatalf("add %s: %v\n%s", feature, err, out)
				}
				if diff := cmp.Diff(planFiles(t, cat, append(slices.Clone(set), feature)), readProject(t, dir)); diff != "" {
					t.Errorf("add %s differs from new (-new +added):\n%s", feature, diff)
				}
			})
		}
	}
}

func TestAddOutsideAProject(t *testing.T) {
	_, err := runAddCommand(t, t.TempDir(), "jwt")
	if err == nil || !strings.Contains(err.Error(), "is not a scaffold project") {
		t.Errorf("err = %v, want a not-a-project error", err)
	}
}

func edit(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := edit(string(data))
	if changed == string(data) {
		t.Fatalf("the edit of %s changed nothing", path)
	}
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
}

// userEdits are the kinds of change people make right after generating: a middleware of their
// own in app.js, a dependency and a script in package.json, a README section, and a route.
var userEdits = []struct {
	path, old, new string
}{
	{"src/app.js",
		"import { createUsersRouter } from './routes/users.routes.js';\n",
		"import { createUsersRouter } from './routes/users.routes.js';\nimport { serverTiming } from './middlewares/logging/serverTiming.js';\n"},
	{"src/app.js", "  app.use(compressResponses());\n", "  app.use(compressResponses());\n  app.use(serverTiming());\n"},
	{"package.json", `    "format:check": "prettier --check ."`, `    "format:check": "prettier --check .",` + "\n" + `    "seed": "node scripts/seed.js"`},
	{"package.json", `    "helmet": `, `    "lodash": "4.17.21",` + "\n" + `    "helmet": `},
	{"README.md", "## Scripts\n", "## Our deployment\n\nWe deploy on Fridays.\n\n## Scripts\n"},
	{"src/routes/users.routes.js", "  return describeRoutes(router, usersOperations);\n}", "  router.get('/:id/avatar', (req, res) => res.status(204).end());\n\n  return describeRoutes(router, usersOperations);\n}"},
}

// TestAddKeepsUserEdits makes typical edits, adds each available feature in turn, and checks that
// every edit is still there and the features arrived.
func TestAddKeepsUserEdits(t *testing.T) {
	cat, sets := featureSets(t)
	all := sets[len(sets)-1]
	if len(all) == 0 {
		t.Skip("no feature is available yet")
	}
	dir := filepath.Join(t.TempDir(), "demo")
	generateInto(t, cat, dir, nil)
	for _, e := range userEdits {
		edit(t, filepath.Join(dir, e.path), func(s string) string { return strings.Replace(s, e.old, e.new, 1) })
	}
	var notes []string
	for _, feature := range all {
		// And one more edit between every two steps.
		note := "// note before adding " + feature
		edit(t, filepath.Join(dir, "src/config.js"), func(s string) string { return s + note + "\n" })
		notes = append(notes, note)
		if out, err := runAddCommand(t, dir, feature); err != nil {
			t.Fatalf("add %s: %v\n%s", feature, err, out)
		}
		files := readProject(t, dir)
		for _, e := range userEdits {
			if !strings.Contains(files[e.path], e.new) {
				t.Errorf("after add %s, %s lost the edit %q", feature, e.path, e.new)
			}
		}
		for _, n := range notes {
			if !strings.Contains(files["src/config.js"], n) {
				t.Errorf("after add %s, src/config.js lost the edit %q", feature, n)
			}
		}
		recorded, err := generator.ParseProjectFile([]byte(files[generator.ProjectFileName]))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(recorded.Features, feature) {
			t.Errorf("after add %s, scaffold.yaml lists %v", feature, recorded.Features)
		}
	}
}

// TestAddEveryFeatureOneByOne starts from the core service and adds every feature, one at a time
// in catalog order, and expects exactly what `new` writes for all of them.
func TestAddEveryFeatureOneByOne(t *testing.T) {
	cat, sets := featureSets(t)
	all := sets[len(sets)-1]
	dir := filepath.Join(t.TempDir(), "demo")
	generateInto(t, cat, dir, nil)
	for _, feature := range all {
		if out, err := runAddCommand(t, dir, feature); err != nil {
			t.Fatalf("add %s: %v\n%s", feature, err, out)
		}
	}
	if diff := cmp.Diff(planFiles(t, cat, all), readProject(t, dir)); diff != "" {
		t.Errorf("adding %v one by one differs from new (-new +added):\n%s", all, diff)
	}
}

// TestAddConflictWritesNothing edits a line the feature must change as well: the command reports
// the file and the lines, fails, and leaves every file as it was.
func TestAddConflictWritesNothing(t *testing.T) {
	cat, sets := featureSets(t)
	if !slices.ContainsFunc(sets, func(s []string) bool { return slices.Equal(s, []string{"jwt"}) }) {
		t.Skip("jwt is not available")
	}
	dir := filepath.Join(t.TempDir(), "demo")
	generateInto(t, cat, dir, nil)
	edit(t, filepath.Join(dir, "src/app.js"), func(s string) string {
		return strings.Replace(s, "app.use('/api/v1/users',", "app.use('/api/v1/people',", 1)
	})
	before := readProject(t, dir)
	out, err := runAddCommand(t, dir, "jwt")
	if err == nil || !strings.Contains(err.Error(), "1 file conflict with your edits; nothing was written") {
		t.Fatalf("err = %v, want a conflict that wrote nothing\n%s", err, out)
	}
	for _, want := range []string{
		"conflict in src/app.js: your edits and the templates' changes overlap",
		"yours  |   app.use('/api/v1/people', createUsersRouter(dependencies));",
		"before |   app.use('/api/v1/users', createUsersRouter(dependencies));",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if diff := cmp.Diff(before, readProject(t, dir)); diff != "" {
		t.Errorf("a conflicting add changed files (-before +after):\n%s", diff)
	}
}
