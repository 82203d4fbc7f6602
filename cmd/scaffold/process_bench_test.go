//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkProcess runs the built scaffold binary as a person would, a whole process each time,
// and reports its wall time (ns/op, which includes starting the process) and the CPU time it used
// (cpu-ms/op, user and system, all threads): `version` is what starting costs, `new-all` a whole
// `scaffold new` with every feature written to /dev/shm where there is one, without npm and git.
// It builds scaffold twice: `static` as the README installs it (CGO_ENABLED=0), and `default` as
// a plain go build or go run does, which links the C library where there is a C compiler.
// go test -run '^$' -bench Process ./cmd/scaffold
func BenchmarkProcess(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("go is not installed")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	base := b.TempDir()
	if dir, err := os.MkdirTemp("/dev/shm", "scaffold-bench-"); err == nil {
		base = dir
		b.Cleanup(func() { _ = os.RemoveAll(dir) })
	}
	dir := filepath.Join(base, "svc")
	for _, build := range []struct {
		name string
		env  []string
	}{
		{"static", []string{"CGO_ENABLED=0"}},
		{"default", nil},
	} {
		bin := filepath.Join(b.TempDir(), "scaffold")
		if err := goCmdEnv(root, build.env, "build", "-o", bin, "./cmd/scaffold"); err != nil {
			b.Fatal(err)
		}
		for _, bc := range []struct {
			name string
			args []string
		}{
			{"version", []string{"version"}},
			{"new-all", []string{"new", "svc", "--dir", dir, "--yes", "--no-install", "--no-git",
				"--features", "redis,postgres,jwt,sessions,oauth2,graphql,websockets"}},
		} {
			b.Run(build.name+"/"+bc.name, func(b *testing.B) {
				var cpu time.Duration
				for b.Loop() {
					b.StopTimer()
					if err := os.RemoveAll(dir); err != nil {
						b.Fatal(err)
					}
					cmd := exec.Command(bin, bc.args...)
					b.StartTimer()
					if out, err := cmd.CombinedOutput(); err != nil {
						b.Fatalf("scaffold %v: %v\n%s", bc.args, err, out)
					}
					cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				}
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
