package commands

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
)

// gitRepo makes a git repository in a temporary directory with an identity of its own, and
// returns it with a function that runs git there.
func gitRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	for k, v := range map[string]string{
		"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
		"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
	} {
		t.Setenv(k, v)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "--quiet")
	return repo, git
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestUncommittedPaths(t *testing.T) {
	repo, git := gitRepo(t)
	// The project is a directory inside the repository, beside another that does not count.
	project := filepath.Join(repo, "services", "api")
	for _, name := range []string{"clean.js", "modified.js", "staged.js", "deleted.js", "renamed.js", "src/lib/deep.js", "odd name*.js"} {
		writeFile(t, filepath.Join(project, name), "one\n")
	}
	writeFile(t, filepath.Join(repo, "services", "other", "modified.js"), "one\n")
	git("add", "--all")
	git("commit", "--quiet", "-m", "first")

	writeFile(t, filepath.Join(project, "modified.js"), "two\n")
	writeFile(t, filepath.Join(project, "staged.js"), "two\n")
	git("add", "services/api/staged.js")
	if err := os.Remove(filepath.Join(project, "deleted.js")); err != nil {
		t.Fatal(err)
	}
	git("mv", "services/api/renamed.js", "services/api/moved.js")
	writeFile(t, filepath.Join(project, "untracked.js"), "new\n")
	writeFile(t, filepath.Join(project, "odd name*.js"), "two\n")
	writeFile(t, filepath.Join(project, "src", "lib", "deep.js"), "two\n")
	writeFile(t, filepath.Join(repo, "services", "other", "modified.js"), "two\n")

	ios, _, _, _ := iostreams.Test()
	f := &Factory{IOStreams: ios, Runner: ExecRunner{}}
	asked := []string{
		"clean.js", "modified.js", "staged.js", "deleted.js", "renamed.js", "moved.js",
		"untracked.js", "src", "missing.js", "odd name*.js", "modified.js",
	}
	got := uncommittedPaths(context.Background(), f, project, asked)
	want := []string{"modified.js", "staged.js", "deleted.js", "renamed.js", "moved.js", "untracked.js", "src", "odd name*.js"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("uncommittedPaths (-want +got):\n%s", diff)
	}

	// At the top of the repository the paths are the repository's own.
	got = uncommittedPaths(context.Background(), f, repo, []string{"services/other/modified.js", "services/api/clean.js"})
	if diff := cmp.Diff([]string{"services/other/modified.js"}, got); diff != "" {
		t.Errorf("uncommittedPaths at the top (-want +got):\n%s", diff)
	}
}

func TestUncommittedPathsWithoutGit(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.js"), "x\n")
	// Not a repository: git fails, and there is nothing to report.
	if _, err := exec.LookPath("git"); err == nil {
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
		if got := uncommittedPaths(context.Background(), &Factory{IOStreams: ios, Runner: ExecRunner{}}, dir, []string{"a.js"}); got != nil {
			t.Errorf("outside a repository: %v, want nil", got)
		}
	}
	// No git at all.
	r := &fakeRunner{missing: []string{"git"}}
	if got := uncommittedPaths(context.Background(), &Factory{IOStreams: ios, Runner: r}, dir, []string{"a.js"}); got != nil {
		t.Errorf("without git: %v, want nil", got)
	}
	if len(r.ran) != 0 {
		t.Errorf("ran %v without git", r.ran)
	}
}
