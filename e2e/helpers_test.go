//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// This file holds what every end-to-end test shares: the scaffold binary built once, the check
// for Node.js, and running commands.

const wantNodeMajor = "v26."

// scaffoldBin is the binary built once for all tests.
var scaffoldBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "scaffold-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	scaffoldBin = filepath.Join(dir, "scaffold")
	build := exec.Command("go", "build", "-o", scaffoldBin, "../cmd/scaffold")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build scaffold:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func requireNode(t *testing.T) {
	t.Helper()
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		t.Fatalf("node: %v (put Node.js 26 first on PATH; .ci/run shows how)", err)
	}
	if v := strings.TrimSpace(string(out)); !strings.HasPrefix(v, wantNodeMajor) {
		t.Fatalf("node is %s; generated projects are tested on Node.js 26 (see .ci/run)", v)
	}
}

// run runs a command in dir and fails the test when it fails.
func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	t.Logf("%s %s (%s)", name, strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

// commandResult is how a command run by runBounded ended.
type commandResult struct {
	Command string // the command line, for reports
	Output  string // stdout and stderr, interleaved
	Err     error
	Elapsed time.Duration
}

// runBounded runs a command in dir with env added to this process's environment. The command
// gets its own process group, which is killed when the command outlives timeout and again once
// it has exited, so nothing it started (a server a test forgot to close) outlives it. It never
// fails the test: the caller decides what a failure means.
func runBounded(dir string, env []string, timeout time.Duration, name string, args ...string) commandResult {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after %s: %w", timeout, err)
	} else if errors.Is(err, exec.ErrWaitDelay) {
		err = fmt.Errorf("exited, but processes it started kept its output open: %w", err)
	}
	return commandResult{
		Command: urlPassword.ReplaceAllString(strings.TrimSpace(name+" "+strings.Join(quoteArgs(args), " ")), "://$1:***@"),
		Output:  out.String(),
		Err:     err,
		Elapsed: elapsed,
	}
}

// urlPassword matches the password of a URL, which reports leave out.
var urlPassword = regexp.MustCompile(`://([^:/@\s]+):[^@/\s]+@`)

func quoteArgs(args []string) []string {
	quoted := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$*?") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		quoted[i] = a
	}
	return quoted
}

// excerpt shortens a command's output for a failure message: its first head lines and its last
// tail lines, which is where linters, test runners and npm put what matters.
func excerpt(out string, head, tail int) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) <= head+tail+1 {
		return strings.Join(lines, "\n")
	}
	skipped := len(lines) - head - tail
	return strings.Join(lines[:head], "\n") +
		fmt.Sprintf("\n[... %d lines skipped; the full output is in the log ...]\n", skipped) +
		strings.Join(lines[len(lines)-tail:], "\n")
}

// forEachParallel calls fn for every item with at most workers calls running at once.
func forEachParallel[T any](workers int, items []T, fn func(T)) {
	work := make(chan T)
	var wg sync.WaitGroup
	for range min(workers, len(items)) {
		wg.Go(func() {
			for item := range work {
				fn(item)
			}
		})
	}
	for _, item := range items {
		work <- item
	}
	close(work)
	wg.Wait()
}

// syncBuffer collects a child process's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
