package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// TestReleasesRenderAsTheyDid rebuilds every archived release's templates and renders its core
// and all-features projects with today's engine: the hashes must be those the release recorded,
// or projects of that release would lose the base of their merges.
func TestReleasesRenderAsTheyDid(t *testing.T) {
	rel, err := generator.LoadReleases(templates.FS, templates.Releases())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rel.Index()[1:] {
		t.Run(e.Version, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("..", "testdata", "releases", e.Version+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			cat, err := rel.Catalog(e.Version)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			for _, set := range [][]string{nil, cat.FeatureNames()} {
				res, err := cat.Resolve(set)
				if err != nil {
					t.Fatal(err)
				}
				r, err := cat.Generate("demo", res, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range r.Plan.Files {
					if f.Path == generator.ProjectFileName {
						got.WriteString("---\n")
						got.Write(f.Data)
					}
				}
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("scaffold %s renders otherwise than it did (-recorded +now):\n%s", e.Version, diff)
			}
		})
	}
}

// TestReleaseDeltaRoundTrip checks that a delta gives back the older tree exactly, including a
// file without a final newline, a file the newer release added and one it removed.
func TestReleaseDeltaRoundTrip(t *testing.T) {
	older := generator.Tree{
		"catalog.yaml":    []byte("features: []\n"),
		"core/kept.txt":   []byte("same\n"),
		"core/env":        []byte("A=1"),
		"core/removed.js": []byte("export const x = 1;\n"),
	}
	newer := generator.Tree{
		"catalog.yaml":  []byte("features: [x]\n"),
		"core/kept.txt": []byte("same\n"),
		"core/env":      []byte("A=1\nB=2"),
		"core/added.js": []byte("export const y = 2;\n"),
	}
	delta := generator.ReleaseDelta("0.1.0", "0.2.0", older, newer)
	back := generator.Tree{}
	for p, d := range newer {
		back[p] = d
	}
	if err := generator.ApplyReleaseDelta(back, delta); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(older, back); diff != "" {
		t.Errorf("delta does not give the older tree back (-want +got):\n%s\ndelta:\n%s", diff, delta)
	}
	if bytes.Contains(delta, []byte("same")) {
		t.Errorf("delta holds an unchanged file:\n%s", delta)
	}
}

func TestCompareVersions(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"0.1.0", "0.2.0", -1}, {"0.10.0", "0.9.0", 1}, {"1.0.0", "1.0.0", 0}, {"x", "0.1.0", -1},
	} {
		if got := generator.CompareVersions(c.a, c.b); got != c.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
