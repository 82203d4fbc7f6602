package generator

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// testCatalog builds a catalog from manifests given as YAML, keyed by feature name, listed in
// catalog.yaml in the order of names.
func testCatalog(t *testing.T, names []string, manifests map[string]string) *Catalog {
	t.Helper()
	fsys := fstest.MapFS{
		"core/manifest.yaml": {Data: []byte("name: core\nsummary: the core\n")},
	}
	list := "features:\n"
	for _, n := range names {
		list += "  - " + n + "\n"
		fsys["features/"+n+"/manifest.yaml"] = &fstest.MapFile{Data: []byte("name: " + n + "\n" + manifests[n])}
	}
	fsys["catalog.yaml"] = &fstest.MapFile{Data: []byte(list + "npm: {}\n")}
	c, err := LoadCatalog(fsys)
	if err != nil {
		t.Fatalf("LoadCatalog: %v", err)
	}
	return c
}

func TestResolve(t *testing.T) {
	c := testCatalog(t, []string{"a", "b", "c", "d", "e"}, map[string]string{
		"a": "requires:\n  - {feature: b, reason: a needs b}\n",
		"b": "requires:\n  - {feature: c, reason: b needs c}\n",
		"d": "conflicts:\n  - {feature: e, reason: both own the port}\n",
	})
	tests := []struct {
		name      string
		requested []string
		want      []string
		added     []Addition
	}{
		{name: "none", requested: nil, want: nil},
		{name: "leaf", requested: []string{"c"}, want: []string{"c"}},
		{
			name: "transitive", requested: []string{"a"}, want: []string{"a", "b", "c"},
			added: []Addition{{Feature: "b", RequiredBy: "a", Reason: "a needs b"}, {Feature: "c", RequiredBy: "b", Reason: "b needs c"}},
		},
		{name: "already requested is not added", requested: []string{"c", "b"}, want: []string{"b", "c"}},
		{name: "order and repetition do not matter", requested: []string{"e", "c", "e"}, want: []string{"c", "e"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Resolve(tt.requested)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, res.FeatureNames()); diff != "" {
				t.Errorf("features (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.added, res.Added); diff != "" {
				t.Errorf("added (-want +got):\n%s", diff)
			}
			if res.Entries[0].Name != CoreName {
				t.Errorf("first entry is %q, want core", res.Entries[0].Name)
			}
		})
	}
}

func TestResolveConflict(t *testing.T) {
	c := testCatalog(t, []string{"a", "d", "e"}, map[string]string{
		"a": "requires:\n  - {feature: e, reason: a needs e}\n",
		"d": "conflicts:\n  - {feature: e, reason: both own the port}\n",
	})
	_, err := c.Resolve([]string{"d", "a"})
	var ce *ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("Resolve = %v, want a ConflictError", err)
	}
	want := `features "d" and "e" cannot be combined: both own the port`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestResolveUnknown(t *testing.T) {
	c := testCatalog(t, []string{"jwt", "sessions", "postgres", "websockets"}, nil)
	tests := []struct{ name, want string }{
		{"jwtt", `unknown feature "jwtt": did you mean "jwt"?`},
		{"JWT", `unknown feature "JWT": did you mean "jwt"?`},
		{"sesions", `unknown feature "sesions": did you mean "sessions"?`},
		{"postgre", `unknown feature "postgre": did you mean "postgres"?`},
		{"web", `unknown feature "web": did you mean "websockets"?`},
		{"mongodb", `unknown feature "mongodb": known features are jwt, sessions, postgres, websockets`},
		{"core", `unknown feature "core": the core service is always included; name only features`},
	}
	for _, tt := range tests {
		_, err := c.Resolve([]string{"jwt", tt.name})
		var ue *UnknownFeatureError
		if !errors.As(err, &ue) {
			t.Fatalf("Resolve(%q) = %v, want UnknownFeatureError", tt.name, err)
		}
		if err.Error() != tt.want {
			t.Errorf("Resolve(%q):\n got %s\nwant %s", tt.name, err, tt.want)
		}
	}
}

func TestLoadCatalogChecksConsistency(t *testing.T) {
	fsys := fstest.MapFS{
		"catalog.yaml":              {Data: []byte("features: [a]\nnpm: {}\n")},
		"core/manifest.yaml":        {Data: []byte("name: core\npackages:\n  - name: express\n")},
		"features/a/manifest.yaml":  {Data: []byte("name: a\nrequires:\n  - {feature: zz}\n")},
		"features/b/manifest.yaml":  {Data: []byte("name: b\n")},
		"features/a/files/x.js":     {Data: []byte("x")},
		"features/a/files/y/z.tmpl": {Data: []byte("z")},
	}
	_, err := LoadCatalog(fsys)
	if err == nil {
		t.Fatal("LoadCatalog accepted an inconsistent catalog")
	}
	for _, want := range []string{
		"folder features/b is not listed in catalog.yaml",
		`a names unknown feature "zz"`,
		`core uses npm package "express", which catalog.yaml does not pin`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"jwt", "jwt", 0}, {"jwtt", "jwt", 1}, {"redsi", "redis", 2}, {"", "abc", 3}, {"kitten", "sitting", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestResolveInternal checks that an internal building block comes in only as a requirement,
// unannounced, and never counts as a feature of the project.
func TestResolveInternal(t *testing.T) {
	c := testCatalog(t, []string{"shared", "a", "b"}, map[string]string{
		"shared": "internal: true\n",
		"a":      "requires:\n  - {feature: shared}\n  - {feature: b, reason: a needs b}\n",
	})
	if diff := cmp.Diff([]string{"a", "b"}, c.FeatureNames()); diff != "" {
		t.Errorf("catalog features (-want +got):\n%s", diff)
	}
	res, err := c.Resolve([]string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Has("shared") {
		t.Error("the internal entry a requires was not resolved")
	}
	if diff := cmp.Diff([]string{"a", "b"}, res.FeatureNames()); diff != "" {
		t.Errorf("features (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Addition{{Feature: "b", RequiredBy: "a", Reason: "a needs b"}}, res.Added); diff != "" {
		t.Errorf("additions (-want +got):\n%s", diff)
	}
	var unknown *UnknownFeatureError
	if _, err := c.Resolve([]string{"shared"}); !errors.As(err, &unknown) {
		t.Errorf("Resolve(shared) = %v, want an unknown feature error", err)
	}
}

// TestResolvePlanned checks that a catalog entry that is not built yet is refused by name, also
// when another feature pulls it in.
func TestResolvePlanned(t *testing.T) {
	c := testCatalog(t, []string{"a", "b"}, map[string]string{
		"a": "requires:\n  - {feature: b, reason: a needs b}\n",
		"b": "planned: true\n",
	})
	for _, requested := range [][]string{{"b"}, {"a"}} {
		_, err := c.Resolve(requested)
		var planned *PlannedFeatureError
		if !errors.As(err, &planned) || planned.Name != "b" {
			t.Errorf("Resolve(%v) = %v, want a PlannedFeatureError for b", requested, err)
		}
		if want := `feature "b" is not available yet in scaffold ` + Version; err == nil || err.Error() != want {
			t.Errorf("Resolve(%v) error = %v, want %q", requested, err, want)
		}
	}
}
