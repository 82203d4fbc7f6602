package commands

import (
	"context"
	"os"
	"testing"

	"github.com/scaffold-cli/scaffold/internal/builtin"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
	"github.com/scaffold-cli/scaffold/templates"
)

// BenchmarkNew runs `scaffold new` with every feature in-process, as the CLI does (the built-in
// catalog, files written to memory where /dev/shm exists), without npm and git: what a whole new
// costs beyond the process start.
func BenchmarkNew(b *testing.B) {
	base := b.TempDir()
	if dir, err := os.MkdirTemp("/dev/shm", "scaffold-bench-"); err == nil {
		base = dir
		b.Cleanup(func() { _ = os.RemoveAll(dir) })
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dir := base + "/svc"
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		ios, _, _, _ := iostreams.Test()
		f := &Factory{IOStreams: ios, Templates: templates.FS, ReleaseArchive: templates.Releases(),
			Runner: &fakeRunner{}, BuiltinCatalog: builtin.Catalog}
		cmd := NewCmdRoot(f)
		cmd.SetArgs([]string{"new", "svc", "--features", "jwt,sessions,oauth2,redis,postgres,graphql,websockets",
			"--yes", "--no-install", "--no-git", "--dir", dir})
		b.StartTimer()
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
