package generator_test

import (
	"context"
	"testing"

	"github.com/scaffold-cli/scaffold/e2e"
	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// The benchmarks print what `scaffold new` and `scaffold add` cost in the engine, without the
// disk writes of new and the npm install that follows: go test -run '^$' -bench . ./generator

var allFeatures = []string{"jwt", "sessions", "oauth2", "redis", "postgres", "graphql", "websockets"}

func BenchmarkLoadCatalog(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := generator.LoadCatalog(templates.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate resolves, models and renders a whole project, reporting its size.
func BenchmarkGenerate(b *testing.B) {
	cat := benchCatalog(b)
	for _, bc := range []struct {
		name     string
		features []string
	}{{"core", nil}, {"all", allFeatures}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var plan *generator.Plan
			for b.Loop() {
				plan = generate(b, cat, "demo", bc.features)
			}
			b.ReportMetric(float64(len(plan.Files)), "files")
			b.ReportMetric(float64(plan.Size()), "bytes")
		})
	}
}

// BenchmarkGenerateEveryFeatureSet renders every distinct feature set the catalog resolves (64
// today) in one loop, with one catalog: what generating the whole feature matrix costs.
func BenchmarkGenerateEveryFeatureSet(b *testing.B) {
	cat := benchCatalog(b)
	// The sets the feature matrix runs (e2e), so that the figures are for the same projects.
	featureSets, err := e2e.FeatureSets(cat)
	if err != nil {
		b.Fatal(err)
	}
	sets := make([][]string, len(featureSets))
	for i, set := range featureSets {
		sets[i] = set.Features
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, set := range sets {
			generate(b, cat, "demo", set)
		}
	}
	b.ReportMetric(float64(len(sets)), "sets")
}

// BenchmarkPlanUpdate plans `scaffold add` of the six other features to a core project that the
// user has not edited: every file is read and hashed, and none needs a merge.
func BenchmarkPlanUpdate(b *testing.B) {
	cat := benchCatalog(b)
	dir := b.TempDir() + "/demo"
	base := generate(b, cat, "demo", nil)
	if err := generator.WriteNew(base, dir, false); err != nil {
		b.Fatal(err)
	}
	recorded, err := generator.ReadProjectFile(dir)
	if err != nil {
		b.Fatal(err)
	}
	target := generate(b, cat, "demo", allFeatures)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := generator.PlanUpdate(context.Background(), dir, recorded, base, target); err != nil {
			b.Fatal(err)
		}
	}
}

func benchCatalog(b *testing.B) *generator.Catalog {
	b.Helper()
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		b.Fatal(err)
	}
	return cat
}
