//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readmeSets are the feature sets whose README examples TestReadmeExamples runs: each feature's
// examples alone and with sign-in in front of them.
var readmeSets = [][]string{
	nil,
	{"graphql"},
	{"jwt", "graphql"},
	{"postgres", "jwt"},
	{"redis", "jwt"},
	{"redis", "sessions", "graphql"},
	{"redis", "postgres", "jwt", "sessions", "oauth2", "graphql", "websockets"},
}

// curlAsAClient is the one thing the examples' shell gets besides them: `curl` that fails, with
// what the service answered, on an HTTP error or on an error in a JSON body (a GraphQL error is
// answered 200), so that an example that no longer works fails the test.
const curlAsAClient = `set -euo pipefail
curl() {
  local out
  out=$(command curl --silent --show-error --fail-with-body "$@") || { printf '%s\n' "$out" >&2; return 1; }
  case "$out" in *'"errors":['*|*'"error":{'*) printf 'error in the answer: %s\n' "$out" >&2; return 1 ;; esac
  printf '%s\n' "$out"
}
`

// shellBlock matches a fenced sh block of a README.
var shellBlock = regexp.MustCompile("(?s)```sh\n(.*?)```")

// TestReadmeExamples generates projects, starts each as its README's quick start does (`.env`
// copied from `.env.example`, migrations run) and runs every shell example of its README that
// talks to the service, in order, in one shell, as written: only the port differs, so that
// projects can run side by side.
func TestReadmeExamples(t *testing.T) {
	requireNode(t)
	svc := requireServices(t)
	root := t.TempDir()
	// One install serves every project: the one with every feature has every package.
	all := []string{"redis", "postgres", "jwt", "sessions", "oauth2", "graphql", "websockets"}
	run(t, root, scaffoldBin, "new", "full", "--features", strings.Join(all, ","), "--yes", "--no-git")
	modules := filepath.Join(root, "full", "node_modules")
	for i, features := range readmeSets {
		name := fmt.Sprintf("readme-%d", i)
		t.Run(strings.Join(append([]string{"core"}, features...), "+"), func(t *testing.T) {
			dir := filepath.Join(root, name)
			run(t, root, scaffoldBin, "new", name, "--features", strings.Join(features, ","), "--yes", "--no-git", "--no-install")
			if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
				t.Fatal(err)
			}
			env := []string{"PORT=" + freePort(t), "HOST=127.0.0.1", "REDIS_URL=" + svc.redisURL, "REDIS_KEY_PREFIX=" + name + ":"}
			if slices.Contains(features, "postgres") {
				dbURL, r := svc.createDatabase(100 + i)
				if r.Err != nil {
					t.Fatalf("create database: %v\n%s", r.Err, r.Output)
				}
				t.Cleanup(func() { svc.dropDatabase(100 + i) })
				env = append(env, "DATABASE_URL="+dbURL)
			}
			readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
			if err != nil {
				t.Fatal(err)
			}
			setup, examples := readmeScripts(t, string(readme))
			if r := runBounded(dir, env, time.Minute, "bash", "-euo", "pipefail", "-c", setup); r.Err != nil {
				t.Fatalf("the README's quick start failed: %v\n%s\n--- the quick start:\n%s", r.Err, r.Output, setup)
			}
			runExamples(t, dir, env, examples)
		})
	}
}

// readmeScripts returns the README's quick start, without what the test does itself (installing,
// starting services and the server), and every later shell example that calls the service.
func readmeScripts(t *testing.T, readme string) (setup, examples string) {
	t.Helper()
	_, quickStart, ok := strings.Cut(readme, "## Quick start\n")
	if !ok {
		t.Fatal("the README has no Quick start")
	}
	blocks := shellBlock.FindAllStringSubmatch(quickStart, -1)
	if len(blocks) == 0 {
		t.Fatal("the README's Quick start has no sh block")
	}
	for line := range strings.Lines(blocks[0][1]) {
		switch {
		case strings.HasPrefix(line, "npm install"), strings.HasPrefix(line, "docker compose"), strings.HasPrefix(line, "npm run dev"):
		default:
			setup += line
		}
	}
	examples = curlAsAClient
	for _, block := range blocks[1:] {
		if strings.Contains(block[1], "curl ") {
			examples += block[1]
		}
	}
	return setup, examples
}

// runExamples starts the service in dir as `npm start` does and runs script against it.
func runExamples(t *testing.T, dir string, env []string, script string) {
	t.Helper()
	port := strings.TrimPrefix(env[0], "PORT=")
	script = strings.ReplaceAll(script, "localhost:3000", "localhost:"+port)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	server := exec.CommandContext(ctx, "node", "--env-file-if-exists=.env", "src/server.js")
	server.Dir = dir
	server.Env = append(os.Environ(), env...)
	var logs syncBuffer
	server.Stdout, server.Stderr = &logs, &logs
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = server.Process.Signal(syscall.SIGTERM)
		_ = server.Wait()
	}()
	waitFor(t, "http://127.0.0.1:"+port+"/health", &logs)

	work := t.TempDir()
	r := runBounded(work, nil, time.Minute, "bash", "-c", script)
	if r.Err != nil {
		t.Fatalf("the README's examples failed: %v\n%s\n--- the examples:\n%s\n--- the service's logs:\n%s",
			r.Err, r.Output, script, excerpt(logs.String(), 5, 20))
	}
	t.Logf("the README's examples answered:\n%s", r.Output)
}
