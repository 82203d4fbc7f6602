package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// testCatalog builds a catalog from one manifest body per feature, listed in the given order.
func testCatalog(t *testing.T, features [][2]string) *generator.Catalog {
	t.Helper()
	fsys := fstest.MapFS{"core/manifest.yaml": {Data: []byte("name: core\nsummary: the core service\n")}}
	var list strings.Builder
	list.WriteString("features:\n")
	for _, f := range features {
		fmt.Fprintf(&list, "  - %s\n", f[0])
		body := fmt.Sprintf("name: %s\nsummary: %s\n%s", f[0], f[0], f[1])
		fsys["features/"+f[0]+"/manifest.yaml"] = &fstest.MapFile{Data: []byte(body)}
	}
	fsys["catalog.yaml"] = &fstest.MapFile{Data: []byte(list.String())}
	cat, err := generator.LoadCatalog(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func requires(names ...string) string {
	var b strings.Builder
	b.WriteString("requires:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  - feature: %s\n", n)
	}
	return b.String()
}

func setNames(sets []FeatureSet) []string {
	var names []string
	for _, s := range sets {
		names = append(names, s.Name())
	}
	return names
}

// The catalog's rules (sessions requires redis, oauth2 requires sessions) leave 64 of the 128
// subsets of seven features distinct.
func TestFeatureSetsOfTheFullCatalog(t *testing.T) {
	cat := testCatalog(t, [][2]string{
		{"jwt", ""}, {"sessions", requires("redis")}, {"oauth2", requires("sessions")},
		{"redis", ""}, {"postgres", ""}, {"graphql", ""}, {"websockets", ""},
	})
	sets, err := FeatureSets(cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 64 {
		t.Fatalf("got %d feature sets, want 64: %v", len(sets), setNames(sets))
	}
	if first := sets[0]; first.Name() != "core" || first.Project() != "core" {
		t.Errorf("first set = %q (project %q), want the core service", first.Name(), first.Project())
	}
	last := sets[len(sets)-1]
	if want := "jwt,sessions,oauth2,redis,postgres,graphql,websockets"; last.Name() != want {
		t.Errorf("last set = %q, want %q", last.Name(), want)
	}
	if want := "svc-jwt-ses-oa-rd-pg-gql-ws"; last.Project() != want {
		t.Errorf("last project = %q, want %q", last.Project(), want)
	}
	seen := map[string]bool{}
	for i, s := range sets {
		if seen[s.Name()] {
			t.Errorf("%s is listed twice", s.Name())
		}
		seen[s.Name()] = true
		if slices.Contains(s.Features, "oauth2") && !slices.Contains(s.Features, "sessions") ||
			slices.Contains(s.Features, "sessions") && !slices.Contains(s.Features, "redis") {
			t.Errorf("%s misses a requirement", s.Name())
		}
		if !last.Contains(s) {
			t.Errorf("the largest set does not contain %s", s.Name())
		}
		if i > 0 && len(s.Features) < len(sets[i-1].Features) {
			t.Errorf("%s comes after the larger %s", s.Name(), sets[i-1].Name())
		}
	}
}

// Planned features are left out, and so is every set that would need one.
func TestFeatureSetsSkipPlannedFeatures(t *testing.T) {
	cat := testCatalog(t, [][2]string{
		{"jwt", ""}, {"sessions", requires("redis")}, {"redis", "planned: true\n"}, {"postgres", ""},
	})
	sets, err := FeatureSets(cat)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"core", "jwt", "postgres", "jwt,postgres"}
	if got := setNames(sets); !slices.Equal(got, want) {
		t.Errorf("feature sets = %q, want %q", got, want)
	}
}

// Conflicting features never share a set, and requirements close each set before it is counted.
func TestFeatureSetsSkipConflictsAndDedupe(t *testing.T) {
	cat := testCatalog(t, [][2]string{
		{"a", "conflicts:\n  - feature: b\n"}, {"b", ""}, {"c", requires("b")},
	})
	sets, err := FeatureSets(cat)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"core", "a", "b", "b,c"}
	if got := setNames(sets); !slices.Equal(got, want) {
		t.Errorf("feature sets = %q, want %q", got, want)
	}
}

// The real catalog always yields the core service first, and only sets scaffold can generate.
func TestFeatureSetsOfTheEmbeddedCatalog(t *testing.T) {
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	sets, err := FeatureSets(cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) == 0 || sets[0].Name() != "core" {
		t.Fatalf("feature sets = %q, want the core service first", setNames(sets))
	}
	for _, s := range sets {
		if _, err := cat.Resolve(s.Features); err != nil {
			t.Errorf("%s: %v", s.Name(), err)
		}
		if err := generator.ValidateName(s.Project()); err != nil {
			t.Errorf("%s: project name: %v", s.Name(), err)
		}
	}
	t.Logf("%d feature sets: %s", len(sets), strings.Join(setNames(sets), " "))
}

// TestLongestNamesAreTheLongest keeps LongestNamesResources at the parser's limits.
func TestLongestNamesAreTheLongest(t *testing.T) {
	if resourceName != generator.MaxResourceNameLength || fieldName != generator.MaxFieldNameLength {
		t.Fatalf("e2e pads names to %d and %d; the parser accepts %d and %d", resourceName, fieldName,
			generator.MaxResourceNameLength, generator.MaxFieldNameLength)
	}
}
