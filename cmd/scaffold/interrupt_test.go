//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// tree is a project directory as the tests compare it: every file, hidden ones included, with its
// mode.
type tree map[string]string

func snapshot(t *testing.T, dir string) tree {
	t.Helper()
	out := tree{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			out[rel+"/"] = info.Mode().String()
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link " + target
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = info.Mode().String() + "\n" + string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// differences names the paths in which two trees differ, for a failure message.
func (a tree) differences(b tree) string {
	var paths []string
	for p, v := range a {
		if b[p] != v {
			paths = append(paths, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	if len(paths) > 8 {
		paths = append(paths[:8], fmt.Sprintf("and %d more", len(paths)-8))
	}
	return strings.Join(paths, ", ")
}

func (a tree) equal(b tree) bool { return len(a) == len(b) && a.differences(b) == "" }

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", src+"/.", dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
}

func runIn(t *testing.T, dir, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// interruptFixture is a project whose `add` both merges edited files (git merge-file) and writes
// many new ones, with its tree before and after an uninterrupted add.
type interruptFixture struct {
	bin, project     string
	args             []string
	before, complete tree
	took             time.Duration
}

func newInterruptFixture(t *testing.T, command string) *interruptFixture {
	bins := buildReleases(t)
	bin := filepath.Join(bins, "scaffold1")
	root := t.TempDir()
	runIn(t, root, bin, "new", "demo", "--features", "redis", "--yes", "--no-install", "--no-git")
	project := filepath.Join(root, "demo")
	for _, f := range []string{"src/app.js", "README.md", "src/config.js"} {
		appendTo(t, filepath.Join(project, f), "\n// a line of the team's own\n")
	}
	// A file the team keeps private: its mode must survive.
	if err := os.Chmod(filepath.Join(project, "src/config.js"), 0o600); err != nil {
		t.Fatal(err)
	}
	fx := &interruptFixture{bin: bin, project: project, args: []string{"add", "jwt", "postgres", "websockets", "graphql", "--no-install"}}
	if command == "sync" {
		// The next release's sync: it merges the edited app.js and writes a new file.
		fx.bin = filepath.Join(bins, "scaffold2")
		fx.args = []string{"sync", "--no-install"}
	}
	fx.before = snapshot(t, project)
	done := filepath.Join(t.TempDir(), "done")
	copyDir(t, project, done)
	start := time.Now()
	runIn(t, done, fx.bin, fx.args...)
	fx.took = time.Since(start)
	fx.complete = snapshot(t, done)
	if fx.complete.equal(fx.before) {
		t.Fatalf("%s changed nothing: nothing to interrupt", strings.Join(fx.args, " "))
	}
	if !strings.HasPrefix(fx.complete["src/config.js"], "-rw-------") {
		t.Fatalf("add changed the mode of src/config.js: %q", strings.SplitN(fx.complete["src/config.js"], "\n", 2)[0])
	}
	return fx
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// delays spreads n signal times over a run that takes about took, from before it starts to past
// its end.
func delays(took time.Duration, n int) []time.Duration {
	var out []time.Duration
	for i := range n {
		out = append(out, time.Duration(i)*took*3/2/time.Duration(n))
	}
	return out
}

// TestInterrupted signals `scaffold add` and `scaffold sync` at many points of their runs, to the
// process alone and to its whole process group as a terminal's Ctrl-C does: every outcome is the
// project as it was (and a failing exit) or the complete change (and exit 0), never a partial one.
func TestInterrupted(t *testing.T) {
	for _, command := range []string{"add", "sync"} {
		t.Run(command, func(t *testing.T) { testInterrupted(t, newInterruptFixture(t, command)) })
	}
}

func testInterrupted(t *testing.T, fx *interruptFixture) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, group := range []bool{false, true} {
			outcomes := map[string]int{}
			for _, d := range delays(fx.took, 24) {
				dir := t.TempDir()
				copyDir(t, fx.project, dir)
				cmd := exec.Command(fx.bin, fx.args...)
				cmd.Dir = dir
				cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(d)
				pid := cmd.Process.Pid
				if group {
					pid = -pid
				}
				_ = syscall.Kill(pid, sig)
				err := cmd.Wait()
				got := snapshot(t, dir)
				switch {
				case err == nil && got.equal(fx.complete):
					outcomes["complete"]++
				case err != nil && got.equal(fx.before):
					outcomes["as before"]++
				default:
					t.Fatalf("%v to the %s after %v: exit %v, and the project is neither as before (%s differ) nor complete (%s differ)\n%s",
						sig, target(group), d, err, got.differences(fx.before), got.differences(fx.complete), out.String())
				}
			}
			t.Logf("%s, %v to the %s: %v", fx.args[0], sig, target(group), outcomes)
		}
	}
}

func target(group bool) string {
	if group {
		return "process group"
	}
	return "process"
}

// TestNewInterrupted signals `scaffold new` at many points of its run, from before the process has
// its signal handler (it installs it on another thread while the command starts) to past the end:
// every outcome is the whole project and exit 0, or nothing at all where it would be written (not
// even the staging directory) and a failing exit.
func TestNewInterrupted(t *testing.T) {
	bin := filepath.Join(buildReleases(t), "scaffold1")
	args := []string{"new", "demo", "--features", "jwt,redis,postgres,websockets", "--yes", "--no-install", "--no-git"}
	// The quickest of a few runs: the first, with the binary not yet in the page cache, takes
	// ten times as long.
	var whole string
	took := time.Hour
	for range 3 {
		whole = t.TempDir()
		start := time.Now()
		runIn(t, whole, bin, args...)
		took = min(took, time.Since(start))
	}
	complete := snapshot(t, whole)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		outcomes := map[string]int{}
		// Closer together at first: the points where a signal must stop the run are all before
		// the files are written, which is most of a run on a disk.
		for i := range 24 {
			d := took * 3 / 2 * time.Duration(i*i) / (24 * 24)
			dir := t.TempDir()
			cmd := exec.Command(bin, args...)
			cmd.Dir = dir
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(d)
			_ = cmd.Process.Signal(sig)
			err := cmd.Wait()
			got := snapshot(t, dir)
			switch {
			case err == nil && got.equal(complete):
				outcomes["complete"]++
			case err != nil && len(got) == 1: // the directory itself
				// Killed by the signal before the handler was in place, or stopped by it.
				outcomes[fmt.Sprintf("nothing (%v)", cmd.ProcessState)]++
			default:
				t.Fatalf("%v after %v: exit %v, and the directory holds neither the project nor nothing (%s differ from the project)\n%s",
					sig, d, err, got.differences(complete), out.String())
			}
		}
		t.Logf("new, %v (a run takes %v): %v", sig, took, outcomes)
	}
}

// TestKilled kills `scaffold add` and `scaffold sync` outright (SIGKILL, as a power loss would
// stop them) at many points. Whatever a run left, sync --check never calls the project up to date
// while a run is unfinished, and the next run finishes or discards it, so the project ends
// complete.
func TestKilled(t *testing.T) {
	for _, command := range []string{"add", "sync"} {
		t.Run(command, func(t *testing.T) { testKilled(t, newInterruptFixture(t, command)) })
	}
}

func testKilled(t *testing.T, fx *interruptFixture) {
	unfinished := 0
	for _, d := range delays(fx.took, 24) {
		dir := t.TempDir()
		copyDir(t, fx.project, dir)
		cmd := exec.Command(fx.bin, fx.args...)
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(d)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if _, err := os.Stat(filepath.Join(dir, ".scaffold-txn")); err == nil {
			unfinished++
			check := exec.Command(fx.bin, "sync", "--check")
			check.Dir = dir
			out, err := check.CombinedOutput()
			if err == nil || !strings.Contains(string(out), "run scaffold sync to finish or discard it") {
				t.Fatalf("killed after %v: sync --check over an unfinished run: %v\n%s", d, err, out)
			}
		}
		again := exec.Command(fx.bin, fx.args...)
		again.Dir = dir
		out, err := again.CombinedOutput()
		if err != nil {
			t.Fatalf("killed after %v: the next run failed: %v\n%s", d, err, out)
		}
		if got := snapshot(t, dir); !got.equal(fx.complete) {
			t.Fatalf("killed after %v, then run again: %s differ from an uninterrupted run\n%s", d, got.differences(fx.complete), out)
		}
	}
	t.Logf("%s: %d of 24 runs were killed with their staging in place", fx.args[0], unfinished)
}

// TestConcurrentAdds runs two adds in one project at once: the second waits for the first and
// then adds to what the first wrote, so the project ends exactly as `new` writes both features.
func TestConcurrentAdds(t *testing.T) {
	bin := filepath.Join(buildReleases(t), "scaffold1")
	root := t.TempDir()
	runIn(t, root, bin, "new", "want", "--features", "jwt,postgres", "--yes", "--no-install", "--no-git")
	for i := range 5 {
		dir := filepath.Join(root, fmt.Sprint("run", i))
		runIn(t, root, bin, "new", "want", "--dir", dir, "--yes", "--no-install", "--no-git")
		var wg sync.WaitGroup
		outs := make([]string, 2)
		errs := make([]error, 2)
		for j, feature := range []string{"jwt", "postgres"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(bin, "add", feature, "--no-install")
				cmd.Dir = dir
				out, err := cmd.CombinedOutput()
				outs[j], errs[j] = string(out), err
			}()
		}
		wg.Wait()
		for j := range errs {
			if errs[j] != nil {
				t.Fatalf("run %d: add %d failed: %v\n%s", i, j, errs[j], outs[j])
			}
		}
		if got, want := snapshot(t, dir), snapshot(t, filepath.Join(root, "want")); !got.equal(want) {
			t.Fatalf("run %d: two adds at once differ from new with both features: %s\n%s\n%s", i, got.differences(want), outs[0], outs[1])
		}
	}
}
