//go:build e2e

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
	"syscall"
	"testing"
	"time"
)

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

// nodeTestCounts reads the summary node --test prints last, and fails the test without one.
func nodeTestCounts(t *testing.T, out string) (pass, fail int) {
	t.Helper()
	pass, fail, ok := NodeTestCounts(out)
	if !ok {
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
