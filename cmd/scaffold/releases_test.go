package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/scaffold-cli/scaffold/generator"
)

// The second release the lifecycle scripts run against: this tree with a template change, archived
// and bumped by the release tool exactly as a developer would.
const (
	// appChange is a line the next release adds to every src/app.js.
	appChange = "  // Changed in the next release: every app keeps this line.\n"
	// newReleaseFile is a file only the next release renders.
	newReleaseFile = "core/files/docs/UPGRADING.md"
)

type releases struct {
	bin  string // holds scaffold1 (this tree) and scaffold2 (the next release)
	err  error
	once sync.Once
}

var twoReleases releases

// buildReleases builds this tree as scaffold1 and the next release as scaffold2, once per test
// binary, and returns the directory holding both.
func buildReleases(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds scaffold twice; not in -short")
	}
	for _, tool := range []string{"go", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	twoReleases.once.Do(func() { twoReleases.bin, twoReleases.err = doBuildReleases() })
	if twoReleases.err != nil {
		t.Fatal(twoReleases.err)
	}
	return twoReleases.bin
}

func doBuildReleases() (string, error) {
	root, err := filepath.Abs("../..")
	if err != nil {
		return "", err
	}
	bin, err := os.MkdirTemp("", "scaffold-releases-")
	if err != nil {
		return "", err
	}
	if err := goCmd(root, "build", "-o", filepath.Join(bin, "scaffold1"), "./cmd/scaffold"); err != nil {
		return "", err
	}
	next := filepath.Join(bin, "src")
	if err := copyModule(root, next); err != nil {
		return "", err
	}
	app := filepath.Join(next, "templates/core/files/src/app.js.tmpl")
	data, err := os.ReadFile(app)
	if err != nil {
		return "", err
	}
	const anchor = "  const app = express();\n"
	if !strings.Contains(string(data), anchor) {
		return "", os.ErrNotExist
	}
	data = []byte(strings.Replace(string(data), anchor, anchor+appChange, 1))
	if err := os.WriteFile(app, data, 0o644); err != nil {
		return "", err
	}
	extra := filepath.Join(next, "templates", newReleaseFile)
	if err := os.MkdirAll(filepath.Dir(extra), 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(extra, []byte("# Upgrading\n\nRun `scaffold sync` after upgrading scaffold.\n"), 0o644); err != nil {
		return "", err
	}
	// The copy has no git history: the release tool takes the last release from this tree.
	if err := goCmd(next, "run", "./internal/cmd/release", "-from", filepath.Join(root, "templates")); err != nil {
		return "", err
	}
	// As the README's release steps do: the built-in catalog carries the templates' files.
	if err := goCmd(next, "generate", "./internal/builtin"); err != nil {
		return "", err
	}
	if err := goCmd(next, "build", "-o", filepath.Join(bin, "scaffold2"), "./cmd/scaffold"); err != nil {
		return "", err
	}
	return bin, nil
}

func goCmd(dir string, args ...string) error {
	return goCmdEnv(dir, nil, args...)
}

// goCmdEnv runs go in dir with env added to the environment.
func goCmdEnv(dir string, env []string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local"), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return &buildError{args: args, out: string(out), err: err}
	}
	return nil
}

type buildError struct {
	args []string
	out  string
	err  error
}

func (e *buildError) Error() string {
	return "go " + strings.Join(e.args, " ") + ": " + e.err.Error() + "\n" + e.out
}

// copyModule copies the Go module at src (its go.mod, go.sum and package directories, without
// .git and the test data) to dst.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "e2e" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// TestLifecycle lives a project's life across two releases of scaffold, in the scripts of
// testdata/lifecycle: scaffold1 is this tree, scaffold2 the next release with a template change.
func TestLifecycle(t *testing.T) {
	bin := buildReleases(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/lifecycle",
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exitcode": cmdExitCode},
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", bin+string(os.PathListSeparator)+env.Getenv("PATH"))
			// The scripts name the two versions as $V1 and $V2 (dots escaped, for patterns), so
			// that a release changes no script.
			v, err := generator.ParseVersion(generator.Version)
			if err != nil {
				return err
			}
			env.Setenv("V1", regexp.QuoteMeta(generator.Version))
			env.Setenv("V2", regexp.QuoteMeta(fmt.Sprintf("%d.%d.0", v[0], v[1]+1)))
			for k, v := range map[string]string{
				"GIT_AUTHOR_NAME": "Team", "GIT_AUTHOR_EMAIL": "team@example.com",
				"GIT_COMMITTER_NAME": "Team", "GIT_COMMITTER_EMAIL": "team@example.com",
				"GIT_CONFIG_NOSYSTEM": "1",
			} {
				env.Setenv(k, v)
			}
			return nil
		},
	})
}
