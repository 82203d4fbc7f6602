package commands

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/generator"
)

// pathResources are the resources the path-independence trials add: one referencing itself,
// one referenced, and an owned one referencing both and users.
var pathResources = [][]string{
	{"categories", "name:string:unique", "parent:ref=categories?"},
	{"suppliers", "name:string:indexed", "email:email:unique"},
	{"products", "name:string", "price:number:min=0", "category:ref=categories", "supplier:ref=suppliers?",
		"reviewer:ref=users?", "--owned"},
}

// TestPathIndependence holds answers to one meaning whatever the way to them: for each seed, a
// project reaches a random feature set and the three resources through `scaffold new` with some
// features, then `add` and `resource` in a random order, and must end byte for byte (scaffold.yaml
// included) where rendering the final answers at once does. After a random half of the steps,
// `remove` of what the step added must first return the project to where it was before the step,
// byte for byte, and the step is then taken again. A failure prints the seed's steps as commands.
func TestPathIndependence(t *testing.T) {
	env := newPropEnv(t)
	for seed := range 24 {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			env.pathTrial(t, uint64(seed))
		})
	}
}

func (env *propEnv) pathTrial(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var target []string
	for _, f := range env.features {
		if rng.IntN(2) == 0 {
			target = append(target, f)
		}
	}
	var initial, later []string
	for _, f := range target {
		if rng.IntN(3) == 0 {
			initial = append(initial, f)
		} else {
			later = append(later, f)
		}
	}
	// The steps after new: features one or two at a time, and the resources, shuffled with the
	// referencing resource (products) kept after the ones it references.
	var steps [][]string
	for len(later) > 0 {
		n := min(len(later), 1+rng.IntN(2))
		steps = append(steps, append([]string{"add"}, later[:n]...))
		later = later[n:]
	}
	for _, r := range pathResources {
		steps = append(steps, append([]string{"resource"}, r...))
	}
	rng.Shuffle(len(steps), func(i, j int) { steps[i], steps[j] = steps[j], steps[i] })
	// products references the other two: it moves after the later of them.
	isResource := func(name string) func([]string) bool {
		return func(s []string) bool { return s[0] == "resource" && s[1] == name }
	}
	products := slices.IndexFunc(steps, isResource("products"))
	referenced := max(slices.IndexFunc(steps, isResource("categories")), slices.IndexFunc(steps, isResource("suppliers")))
	if products < referenced {
		p := steps[products]
		steps = slices.Insert(slices.Delete(steps, products, products+1), referenced, p)
	}

	dir := filepath.Join(env.base, fmt.Sprintf("path-%d", seed))
	var log []string
	run := func(args ...string) {
		t.Helper()
		full := append(slices.Clone(args), "--dir", dir, "--no-install")
		if args[0] == "new" {
			full = append(slices.Clone(args), "--dir", dir, "--no-install", "--no-git", "--yes")
		}
		log = append(log, "scaffold "+strings.Join(args, " "))
		if out, err := env.scaffold(full...); err != nil {
			t.Fatalf("%s: %v\n%s\nsteps so far:\n  %s", log[len(log)-1], err, out, strings.Join(log, "\n  "))
		}
	}
	newArgs := []string{"new", "demo"}
	if len(initial) > 0 {
		newArgs = append(newArgs, "--features", strings.Join(initial, ","))
	}
	run(newArgs...)
	for _, s := range steps {
		if rng.IntN(2) == 0 {
			before := readTree(t, dir)
			recorded := readRecord(t, dir)
			run(s...)
			after := readRecord(t, dir)
			undo := []string{"remove"}
			if s[0] == "resource" {
				undo = append(undo, s[1])
			} else {
				for _, f := range after.Features {
					if !slices.Contains(recorded.Features, f) {
						undo = append(undo, f)
					}
				}
			}
			if len(undo) == 1 {
				continue // the step added nothing (a feature an earlier one required)
			}
			run(undo...)
			if diff := cmp.Diff(before, readTree(t, dir)); diff != "" {
				t.Fatalf("%s did not undo %s (-before +after):\n%s\nsteps:\n  %s", strings.Join(undo, " "), strings.Join(s, " "), diff, strings.Join(log, "\n  "))
			}
		}
		run(s...)
	}

	rec := readRecord(t, dir)
	resources, err := generator.ParseResourceAnswers(rec.Resources)
	if err != nil {
		t.Fatal(err)
	}
	if len(resources) != len(pathResources) {
		t.Fatalf("scaffold.yaml records %d resources, want %d", len(resources), len(pathResources))
	}
	res, err := env.cat.Resolve(target)
	if err != nil {
		t.Fatal(err)
	}
	// At once: the same resources, numbered in the order this trial added them.
	result, err := env.cat.Generate("demo", res, resources)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range result.Plan.Files {
		want[f.Path] = string(f.Data)
	}
	if diff := cmp.Diff(want, readTree(t, dir)); diff != "" {
		t.Fatalf("the project differs from its answers rendered at once (-at once +step by step):\n%s\nsteps:\n  %s", diff, strings.Join(log, "\n  "))
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree, err := snapshotTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for p, e := range filesOf(tree) {
		out[p] = e.Data
	}
	return out
}

func readRecord(t *testing.T, dir string) *generator.ProjectFile {
	t.Helper()
	rec, err := generator.ReadProjectFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}
