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

func generateInto(t *testing.T, cat *generator.Catalog, dir string, features []string) {
	t.Helper()
	res, err := cat.Resolve(features)
	if err != nil {
		t.Fatal(err)
	}
	result, err := cat.Generate("demo", res)
	if err != nil {
		t.Fatal(err)
	}
	if err := generator.WriteNew(result.Plan, dir, false); err != nil {
		t.Fatal(err)
	}
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

func runAddCommand(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	f, out, errOut := testFactory(t, false, nil, &fakeRunner{})
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
			// Not parallel: testFactory changes the working directory, which is per process.
			t.Run(name, func(t *testing.T) {
				root := t.TempDir()
				got, want := filepath.Join(root, "added"), filepath.Join(root, "new")
				generateInto(t, cat, got, set)
				if out, err := runAddCommand(t, got, feature); err != nil {
					t.Fatalf("add %s: %v\n%s", feature, err, out)
				}
				generateInto(t, cat, want, append(slices.Clone(set), feature))
				if diff := cmp.Diff(readProject(t, want), readProject(t, got)); diff != "" {
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
