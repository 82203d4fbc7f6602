//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// addSteps are the features TestAddOneAtATime adds, in order, to a core service.
var addSteps = []string{"jwt", "postgres", "websockets"}

// TestAddOneAtATime grows a core service the way a team would over months: `scaffold add` one
// feature at a time, with an edit of the team's own made before each step. After every step the
// project installs, lints clean, is formatted and passes its own tests against real Postgres and
// Redis, and every edit made so far is still there.
func TestAddOneAtATime(t *testing.T) {
	requireNode(t)
	svc := requireServices(t)
	databaseURL, created := svc.createDatabase(len(addSteps) + 1000)
	if created.Err != nil {
		t.Fatalf("create database: %v\n%s", created.Err, created.Output)
	}
	t.Cleanup(func() { svc.dropDatabase(len(addSteps) + 1000) })
	env := append(os.Environ(), "DATABASE_URL="+databaseURL, "REDIS_URL="+svc.redisURL)

	root := t.TempDir()
	run(t, root, scaffoldBin, "new", "demo", "--yes", "--no-git")
	dir := filepath.Join(root, "demo")
	var edits []string
	for i, feature := range addSteps {
		// A comment line of the team's own in app.js and in the users routes, different each step.
		edit := "// team note " + string(rune('A'+i))
		appendLine(t, filepath.Join(dir, "src/app.js"), edit)
		appendLine(t, filepath.Join(dir, "src/routes/users.routes.js"), edit)
		edits = append(edits, edit)

		out := run(t, dir, scaffoldBin, "add", feature)
		t.Logf("add %s:\n%s", feature, out)
		for _, check := range [][]string{{"npm", "run", "lint"}, {"npm", "run", "format:check"}, {"npm", "test"}} {
			r := runBounded(dir, env, 10*time.Minute, check[0], check[1:]...)
			if r.Err != nil {
				t.Fatalf("after add %s, %s: %v\n%s", feature, strings.Join(check, " "), r.Err, excerpt(r.Output, 40, 80))
			}
			if check[1] == "test" {
				pass, fail := nodeTestCounts(t, r.Output)
				t.Logf("after add %s: npm test %d passed, %d failed", feature, pass, fail)
				if fail != 0 || pass == 0 {
					t.Fatalf("after add %s: npm test %d passed, %d failed", feature, pass, fail)
				}
			}
		}
		for _, file := range []string{"src/app.js", "src/routes/users.routes.js"} {
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range edits {
				if !strings.Contains(string(data), e) {
					t.Errorf("after add %s, %s lost the edit %q", feature, file, e)
				}
			}
		}
	}
}

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}
