//go:build e2e

// Package e2e generates projects with the real scaffold binary, installs them with npm, and runs
// what their users would: lint, the format check, their own tests, and the server itself. It
// needs Node.js 26 first on PATH (see .ci/run); it fails rather than skips without it.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

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

// TestCoreService is the promise of `scaffold new demo --yes --no-git` outside a terminal: the
// service is written and installed, lints clean, is formatted, passes its own tests, serves
// /health and /ready, and exits 0 on SIGTERM.
func TestCoreService(t *testing.T) {
	requireNode(t)
	root := t.TempDir()
	run(t, root, scaffoldBin, "new", "demo", "--yes", "--no-git")
	dir := filepath.Join(root, "demo")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "express")); err != nil {
		t.Fatalf("scaffold new did not install dependencies: %v", err)
	}
	run(t, dir, "npm", "run", "lint")
	run(t, dir, "npm", "run", "format:check")
	out := run(t, dir, "npm", "test")
	pass, fail := nodeTestCounts(t, out)
	t.Logf("npm test: %d passed, %d failed", pass, fail)
	if fail != 0 || pass == 0 {
		t.Fatalf("npm test: %d passed, %d failed", pass, fail)
	}
	bootAndStop(t, dir)
}

// bootAndStop starts the service with npm start, checks its probes, sends SIGTERM and expects a
// clean exit.
func bootAndStop(t *testing.T, dir string) {
	t.Helper()
	port := freePort(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "start")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PORT="+port, "HOST=127.0.0.1", "NODE_ENV=production", "LOG_LEVEL=info")
	var logs syncBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://127.0.0.1:" + port
	waitFor(t, base+"/health", &logs)
	for path, want := range map[string]string{"/health": `{"status":"ok"}`, "/ready": `{"status":"ready","checks":{}}`} {
		body, status := get(t, base+path)
		if status != http.StatusOK || body != want {
			t.Errorf("GET %s = %d %s, want 200 %s", path, status, body, want)
		}
	}
	// The signal goes to the server process itself, as a container runtime sends it to PID 1 (the
	// Dockerfile runs node directly). npm start passes the server's exit code through.
	pid := serverPID(t, &logs)
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "shutdown complete") {
		t.Errorf("no clean shutdown in the logs:\n%s", logs.String())
	}
}

var listeningLine = regexp.MustCompile(`"pid":(\d+),[^\n]*"msg":"server listening"`)

// serverPID reads the server's process id from its "server listening" log line.
func serverPID(t *testing.T, logs *syncBuffer) int {
	t.Helper()
	var m []string
	for deadline := time.Now().Add(10 * time.Second); m == nil && time.Now().Before(deadline); {
		if m = listeningLine.FindStringSubmatch(logs.String()); m == nil {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if m == nil {
		t.Fatalf("no server listening line in the logs:\n%s", logs.String())
	}
	pid, err := strconv.Atoi(m[1])
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

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

var testCount = regexp.MustCompile(`(?m)^(?:#|ℹ) (pass|fail) (\d+)$`)

// nodeTestCounts reads the summary node --test prints last (spec reporter: "ℹ pass 46"; TAP: "# pass 46").
func nodeTestCounts(t *testing.T, out string) (pass, fail int) {
	t.Helper()
	found := 0
	for _, m := range testCount.FindAllStringSubmatch(out, -1) {
		var n int
		fmt.Sscan(m[2], &n)
		if m[1] == "pass" {
			pass = n
		} else {
			fail = n
		}
		found++
	}
	if found < 2 {
		t.Fatalf("no node --test summary in:\n%s", out)
	}
	return pass, fail
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

func waitFor(t *testing.T, url string, logs *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not answer within 30s; logs:\n%s", url, logs.String())
}

func get(t *testing.T, url string) (string, int) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return strings.TrimSpace(b.String()), resp.StatusCode
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
