package generator

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFindProjectRoot(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mkdir := func(parts ...string) string {
		t.Helper()
		d := filepath.Join(append([]string{root}, parts...)...)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	touch := func(parts ...string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(append([]string{root}, parts...)...), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// proj is a project with a subdirectory; repo is a git repository (inside a directory that has
	// a scaffold.yaml of its own) holding a project in a subdirectory; worktree has .git as a file.
	mkdir("proj", "src", "routes")
	touch("proj", ProjectFileName)
	mkdir("outer", "repo", ".git")
	touch("outer", ProjectFileName)
	mkdir("outer", "repo", "services", "api", "src")
	touch("outer", "repo", "services", "api", ProjectFileName)
	mkdir("outer", "repo", "docs")
	mkdir("outer", "worktree", "src")
	touch("outer", "worktree", ".git")
	mkdir("outer", "plain", "deep")
	mkdir("lonely", "deep")
	mkdir("proj", "dir-named", ProjectFileName)
	touch("proj", "file.txt")

	for _, tt := range []struct {
		name string
		dir  string
		want string // "" for not a project
	}{
		{"the project itself", filepath.Join(root, "proj"), filepath.Join(root, "proj")},
		{"a subdirectory", filepath.Join(root, "proj", "src", "routes"), filepath.Join(root, "proj")},
		{"a project inside a repository", filepath.Join(root, "outer", "repo", "services", "api", "src"), filepath.Join(root, "outer", "repo", "services", "api")},
		{"not above the repository root", filepath.Join(root, "outer", "repo", "docs"), ""},
		{"not above a worktree root", filepath.Join(root, "outer", "worktree", "src"), ""},
		{"above a directory outside any repository", filepath.Join(root, "outer", "plain", "deep"), filepath.Join(root, "outer")},
		{"a directory named scaffold.yaml does not count", filepath.Join(root, "proj", "dir-named", ProjectFileName), filepath.Join(root, "proj")},
		{"nowhere", filepath.Join(root, "lonely", "deep"), ""},
		{"a missing directory", filepath.Join(root, "missing"), ""},
		{"a file", filepath.Join(root, "proj", "file.txt"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindProjectRoot(tt.dir)
			if tt.want == "" {
				var notProject *NotProjectError
				if !errors.As(err, &notProject) || notProject.Dir != tt.dir {
					t.Fatalf("FindProjectRoot(%s) = %q, %v; want a NotProjectError for %s", tt.dir, got, err, tt.dir)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("FindProjectRoot(%s) = %q, %v; want %q", tt.dir, got, err, tt.want)
			}
		})
	}
}

// A relative directory is resolved against the working directory, and the error names it as given.
func TestFindProjectRootRelative(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ProjectFileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "src"))
	for _, dir := range []string{".", "..", "", "../src"} {
		if got, err := FindProjectRoot(dir); err != nil || got != root {
			t.Errorf("FindProjectRoot(%q) = %q, %v; want %q", dir, got, err, root)
		}
	}
	_, err = FindProjectRoot("nope")
	var notProject *NotProjectError
	if !errors.As(err, &notProject) || notProject.Dir != "nope" {
		t.Errorf("FindProjectRoot(nope) error = %v, want a NotProjectError for nope", err)
	}
}

// A directory reached through a symbolic link is searched from where the link points, as git does.
func TestFindProjectRootThroughSymlink(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(root, "proj")
	if err := os.MkdirAll(filepath.Join(proj, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(proj, ProjectFileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "link")
	if err := os.Symlink(filepath.Join(proj, "src"), link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if got, err := FindProjectRoot(link); err != nil || got != proj {
		t.Errorf("FindProjectRoot(%s) = %q, %v; want %q", link, got, err, proj)
	}
}
