package commands

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scaffold-cli/scaffold/e2e"
	"github.com/scaffold-cli/scaffold/internal/builtin"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
	"github.com/scaffold-cli/scaffold/templates"
)

// The benchmarks run `scaffold new` in-process, as the CLI does (the built-in catalog, files
// written to memory where /dev/shm exists), without npm and git: what a whole new costs beyond the
// process start, which cmd/scaffold's BenchmarkProcess measures.
// go test -run '^$' -bench . ./internal/commands

var allFeatures = []string{"jwt", "sessions", "oauth2", "redis", "postgres", "graphql", "websockets"}

// BenchmarkNew runs `scaffold new` with every feature.
func BenchmarkNew(b *testing.B) {
	base := benchDir(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dir := base + "/svc"
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		runNewBench(b, dir, allFeatures)
	}
}

// BenchmarkNewEveryFeatureSet runs a whole `scaffold new` of every distinct feature set the catalog
// resolves (64 today) in one loop, each into a directory of its own, and reports the time per set
// and for the loop.
func BenchmarkNewEveryFeatureSet(b *testing.B) {
	cat, err := builtin.Catalog()
	if err != nil {
		b.Fatal(err)
	}
	// The sets the feature matrix runs (e2e), so that the figures are for the same projects.
	featureSets, err := e2e.FeatureSets(cat)
	if err != nil {
		b.Fatal(err)
	}
	sets := make([][]string, len(featureSets))
	for i, set := range featureSets {
		sets[i] = set.Features
	}
	base := benchDir(b)
	var elapsed time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(base + "/sets"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for i, set := range sets {
			runNewBench(b, base+"/sets/"+strconv.Itoa(i), set)
		}
		elapsed += time.Since(start)
	}
	loop := float64(elapsed.Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(float64(len(sets)), "sets")
	b.ReportMetric(loop/float64(len(sets)), "ms/set")
	b.ReportMetric(loop, "ms/loop")
}

// benchDir returns a directory for the benchmark's projects: in /dev/shm where there is one, so
// that the figures are scaffold's and not the disk's.
func benchDir(b *testing.B) string {
	if dir, err := os.MkdirTemp("/dev/shm", "scaffold-bench-"); err == nil {
		b.Cleanup(func() { _ = os.RemoveAll(dir) })
		return dir
	}
	return b.TempDir()
}

// runNewBench runs `scaffold new svc --features ... --yes --no-install --no-git --dir dir` as the
// CLI does, with the built-in catalog.
func runNewBench(b *testing.B, dir string, features []string) {
	ios, _, _, _ := iostreams.Test()
	f := &Factory{IOStreams: ios, Templates: templates.FS, ReleaseArchive: templates.Releases(),
		Runner: &fakeRunner{}, BuiltinCatalog: builtin.Catalog}
	cmd := NewCmdRoot(f, []string{"new", "svc", "--features", strings.Join(features, ","),
		"--yes", "--no-install", "--no-git", "--dir", dir})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		b.Fatal(err)
	}
}
