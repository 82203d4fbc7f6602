package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// ChangeKind says what updating a project does to one file.
type ChangeKind int

const (
	// Create writes a file the project did not have.
	Create ChangeKind = iota
	// Replace overwrites a file the user never edited with its new render.
	Replace
	// Merged writes a file the user edited, with the templates' changes merged in.
	Merged
	// Delete removes a file the templates no longer produce and the user never edited.
	Delete
	// Conflict marks a file whose edits overlap the templates' changes.
	Conflict
)

func (k ChangeKind) String() string {
	return [...]string{"create", "update", "merge", "delete", "conflict"}[k]
}

// FileChange is what an update does to one file.
type FileChange struct {
	Path string
	Kind ChangeKind
	// Before is the file on disk, nil when there is none.
	Before []byte
	// After is what the file becomes, nil when it is deleted or left alone. For a conflict it is
	// the merge with conflict markers, written only on request.
	After []byte
	Mode  fs.FileMode
	// Reason explains a conflict in a sentence; Regions lists its overlapping lines when there are
	// any to show.
	Reason  string
	Regions []ConflictRegion
}

// Update is every change that moving a project from one render to another makes, sorted by path.
// Files that stay as they are do not appear.
type Update struct {
	Changes []FileChange
}

// Conflicts returns the changes that are conflicts.
func (u *Update) Conflicts() []FileChange {
	var out []FileChange
	for _, c := range u.Changes {
		if c.Kind == Conflict {
			out = append(out, c)
		}
	}
	return out
}

// Empty reports whether the update changes nothing.
func (u *Update) Empty() bool { return len(u.Changes) == 0 }

// PlanUpdate works out how to move the project in dir from base, the render of its recorded
// answers, to target, the render of its new answers, without losing an edit. recorded is the
// project's scaffold.yaml: its hashes tell a file the user never touched (replaced outright) from
// one they edited (merged three ways). It reads dir and writes nothing.
func PlanUpdate(dir string, recorded *ProjectFile, base, target *Plan) (*Update, error) {
	baseFiles, targetFiles := base.byPath(), target.byPath()
	paths := map[string]bool{}
	for _, files := range []map[string]File{baseFiles, targetFiles} {
		for p := range files {
			paths[p] = true
		}
	}
	for p := range recorded.Files {
		paths[p] = true
	}
	u := &Update{}
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		disk, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		exists := err == nil
		_, generated := recorded.Files[p]
		t, inTarget := targetFiles[p]
		// scaffold.yaml is the tool's own record, never the user's to edit.
		untouched := p == ProjectFileName || (exists && recorded.Files[p] == HashContent(disk))
		var c *FileChange
		switch {
		case inTarget && exists && bytes.Equal(disk, t.Data):
			// already what it should be
		case inTarget && !exists && generated:
			if recorded.Files[p] != HashContent(t.Data) {
				c = &FileChange{Kind: Conflict, Reason: "you deleted this file, and the templates change it; it stays deleted"}
			}
		case inTarget && !exists:
			c = &FileChange{Kind: Create, After: t.Data}
		case inTarget && untouched:
			c = &FileChange{Kind: Replace, After: t.Data}
		case inTarget && !generated:
			c = &FileChange{Kind: Conflict, Reason: "a file of yours is where the templates now write one; it is kept"}
		case inTarget:
			original, ok := originalRender(dir, p, recorded.Files[p], baseFiles[p].Data)
			if !ok {
				c = &FileChange{Kind: Conflict, Reason: "you edited this file and the templates changed it since it was generated, " +
					"but its original render is neither what these templates give nor in the project's git history, so the edits cannot be merged"}
				break
			}
			if c, err = mergeFile(p, original, disk, t.Data); err != nil {
				return nil, err
			}
		case exists && untouched:
			c = &FileChange{Kind: Delete}
		case exists && generated:
			c = &FileChange{Kind: Conflict, Reason: "you edited this file, and the templates no longer produce it; it is kept"}
		}
		if c == nil {
			continue
		}
		c.Path = p
		if exists {
			c.Before = disk
		}
		c.Mode = 0o644
		if inTarget && t.Mode != 0 {
			c.Mode = t.Mode
		}
		u.Changes = append(u.Changes, *c)
	}
	return u, nil
}

// originalRender returns the file as it was generated, the common ancestor of the user's version
// and the new render. The render of the recorded answers is it, unless the templates changed since;
// then the project's git history may still hold it, found by its recorded hash.
func originalRender(dir, p, hash string, rendered []byte) ([]byte, bool) {
	if rendered != nil && HashContent(rendered) == hash {
		return rendered, true
	}
	return findInGitHistory(dir, p, hash)
}

// findInGitHistory looks through the recent commits that touched p for the version with the hash.
func findInGitHistory(dir, p, hash string) ([]byte, bool) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, false
	}
	revs, err := exec.Command(git, "-C", dir, "rev-list", "--all", "--max-count=200", "--", p).Output()
	if err != nil {
		return nil, false
	}
	for _, rev := range strings.Fields(string(revs)) {
		data, err := exec.Command(git, "-C", dir, "show", rev+":./"+p).Output()
		if err == nil && HashContent(data) == hash {
			return data, true
		}
	}
	return nil, false
}

func mergeFile(p string, base, theirs, target []byte) (*FileChange, error) {
	merge := Merge3
	if p == "package.json" {
		merge = MergePackageJSON
	}
	res, err := merge(base, theirs, target)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	switch {
	case len(res.Conflicts) > 0:
		return &FileChange{Kind: Conflict, After: res.Data, Regions: res.Conflicts,
			Reason: "your edits and the templates' changes overlap"}, nil
	case bytes.Equal(res.Data, theirs):
		return nil, nil
	}
	return &FileChange{Kind: Merged, After: res.Data}, nil
}

func (p *Plan) byPath() map[string]File {
	m := make(map[string]File, len(p.Files))
	for _, f := range p.Files {
		m[f.Path] = f
	}
	return m
}

// ApplyUpdate writes an update into dir. With conflicts it refuses unless withMarkers is set, and
// then writes merges with their conflict markers and leaves the other conflicting files as they
// are. Every file is first written beside its destination and only renamed into place, and the
// deletions made, once all are written, so a failure while writing leaves the project as it was.
func ApplyUpdate(dir string, u *Update, withMarkers bool) error {
	if n := len(u.Conflicts()); n > 0 && !withMarkers {
		return fmt.Errorf("apply update: %d conflicting files", n)
	}
	type staged struct{ tmp, dst string }
	var done []staged
	cleanup := func() {
		for _, s := range done {
			os.Remove(s.tmp)
		}
	}
	for _, c := range u.Changes {
		if c.After == nil {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(c.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			cleanup()
			return fmt.Errorf("create directory for %s: %w", c.Path, err)
		}
		f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".scaffold-*")
		if err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", c.Path, err)
		}
		done = append(done, staged{f.Name(), dst})
		_, werr := f.Write(c.After)
		cerr := f.Close()
		if err := errors.Join(werr, cerr, os.Chmod(f.Name(), c.Mode)); err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", c.Path, err)
		}
	}
	for _, s := range done {
		if err := os.Rename(s.tmp, s.dst); err != nil {
			cleanup()
			return fmt.Errorf("move %s into place: %w", s.dst, err)
		}
	}
	for _, c := range u.Changes {
		if c.Kind == Delete {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(c.Path))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("delete %s: %w", c.Path, err)
			}
			removeEmptyParents(dir, c.Path)
		}
	}
	return nil
}

// removeEmptyParents removes the directories a deleted file leaves empty, up to the project root.
func removeEmptyParents(root, p string) {
	for d := filepath.Dir(filepath.FromSlash(p)); d != "." && !strings.HasPrefix(d, ".."); d = filepath.Dir(d) {
		if os.Remove(filepath.Join(root, d)) != nil {
			return
		}
	}
}
