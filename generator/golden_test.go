package generator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
	"golang.org/x/tools/txtar"
)

//go:generate go test . -run TestGolden -update

var update = flag.Bool("update", false, "rewrite the golden archives in ../testdata from the current templates")

// goldenDir holds one txtar archive per scenario: its comment gives the answers (name: and
// features: lines, and a resource: line for each resource, with the arguments of `scaffold
// resource`), its files are the whole generated tree.
const goldenDir = "../testdata"

func TestGolden(t *testing.T) {
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(goldenDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no golden archives in %s", goldenDir)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			archive, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			name, features, resources := parseAnswers(t, archive.Comment)
			got := planArchive(archive.Comment, generateWith(t, cat, name, features, resources))
			if *update {
				if err := os.WriteFile(path, txtar.Format(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(archiveFiles(archive), archiveFiles(got)); diff != "" {
				t.Errorf("generated tree differs from %s (-want +got); run go generate ./generator to accept:\n%s", path, diff)
			}
		})
	}
}

// TestDeterministic renders the same answers twice, from separately loaded catalogs, and expects
// the same bytes: no clock, map order or randomness may reach a generated file.
func TestDeterministic(t *testing.T) {
	render := func() []byte {
		cat, err := generator.LoadCatalog(templates.FS)
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, m := range cat.Features() {
			if !m.Planned {
				all = append(all, m.Name)
			}
		}
		return txtar.Format(planArchive(nil, generate(t, cat, "demo", all)))
	}
	first := render()
	for range 5 {
		if !bytes.Equal(first, render()) {
			t.Fatal("two renders of the same answers differ")
		}
	}
}

func parseAnswers(t *testing.T, comment []byte) (name string, features []string, resources []generator.Resource) {
	t.Helper()
	var known generator.KnownNames
	for _, line := range strings.Split(string(comment), "\n") {
		key, value, ok := strings.Cut(line, ":")
		value = strings.TrimSpace(value)
		switch {
		case !ok:
		case key == "name":
			name = value
		case key == "features" && value != "":
			features = strings.Split(value, ",")
		case key == "resource":
			args := strings.Fields(value)
			owned := slices.Contains(args, "--owned")
			args = slices.DeleteFunc(args, func(a string) bool { return a == "--owned" })
			if len(args) == 0 {
				t.Fatal("archive comment has an empty resource: line")
			}
			r, err := generator.ParseResource(args[0], args[1:], owned, known)
			if err != nil {
				t.Fatal(err)
			}
			r.Number = len(resources) + 1
			known.Resources = append(known.Resources, r.Name)
			resources = append(resources, *r)
		}
	}
	if name == "" {
		t.Fatal("archive comment has no name: line")
	}
	return name, features, resources
}

func planArchive(comment []byte, plan *generator.Plan) *txtar.Archive {
	a := &txtar.Archive{Comment: comment}
	for _, f := range plan.Files {
		a.Files = append(a.Files, txtar.File{Name: f.Path, Data: f.Data})
	}
	return a
}

// archiveFiles maps paths to contents as strings, so that cmp.Diff shows line-level differences.
func archiveFiles(a *txtar.Archive) map[string]string {
	m := make(map[string]string, len(a.Files))
	for _, f := range a.Files {
		m[f.Name] = string(f.Data)
	}
	return m
}

// TestLongestNameFitsPrintWidth generates every feature with the longest name scaffold accepts and
// checks that no line of JavaScript the name reaches is longer than Prettier's print width, so that
// the project's format check passes whatever it is called.
func TestLongestNameFitsPrintWidth(t *testing.T) {
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	res, err := cat.Resolve(cat.FeatureNames())
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("n", 50)
	result, err := cat.Generate(name, res, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range result.Plan.Files {
		if !strings.HasSuffix(f.Path, ".js") {
			continue
		}
		for i, line := range strings.Split(string(f.Data), "\n") {
			if strings.Contains(line, name) && len(line) > 100 {
				t.Errorf("%s:%d is %d characters long: %s", f.Path, i+1, len(line), line)
			}
		}
	}
}

// generate resolves features against cat and renders the project name as `scaffold new` would.
func generate(tb testing.TB, cat *generator.Catalog, name string, features []string) *generator.Plan {
	tb.Helper()
	return generateWith(tb, cat, name, features, nil)
}

// generateWith renders a project with resources, as `scaffold new` and then `scaffold resource`
// for each would.
func generateWith(tb testing.TB, cat *generator.Catalog, name string, features []string, resources []generator.Resource) *generator.Plan {
	tb.Helper()
	res, err := cat.Resolve(features)
	if err != nil {
		tb.Fatal(err)
	}
	result, err := cat.Generate(name, res, resources)
	if err != nil {
		tb.Fatal(err)
	}
	return result.Plan
}
