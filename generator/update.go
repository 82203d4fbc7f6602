package generator

import (
	"bytes"
	"context"
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

// Update is every change that moving a project from one render to another makes, sorted by path,
// with scaffold.yaml last when it changes. Files that stay as they are do not appear.
type Update struct {
	Changes []FileChange
	// Record is scaffold.yaml as the update leaves it: the new answers and the hash of each file's
	// new render, except where a conflicting file is left as it was, whose old hash it keeps so that
	// the templates' change is still pending (sync --check reports it, the next sync retries it).
	Record *ProjectFile
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
// answers by the release that wrote it, to target, the render of its new answers by this release,
// without losing an edit. recorded is the project's scaffold.yaml: its hashes tell a file the user
// never touched (replaced outright) from one they edited (merged three ways, with base's file as
// the common ancestor when it hashes as recorded). It reads dir and writes nothing.
func PlanUpdate(ctx context.Context, dir string, recorded *ProjectFile, base, target *Plan) (*Update, error) {
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
	delete(paths, ProjectFileName)
	record, err := targetRecord(recorded, target)
	if err != nil {
		return nil, err
	}
	u := &Update{Record: record}
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		if err := CheckProjectPath(p); err != nil {
			if _, ok := recorded.Files[p]; ok {
				return nil, fmt.Errorf("%s: file %w; nothing was written", ProjectFileName, err)
			}
			return nil, fmt.Errorf("templates: file %w", err)
		}
		c, keepRecord, err := planFile(ctx, dir, p, recorded, baseFiles[p], targetFiles)
		if err != nil {
			return nil, err
		}
		if keepRecord {
			if h, ok := recorded.Files[p]; ok {
				record.Files[p] = h
			} else {
				delete(record.Files, p)
			}
		}
		if c != nil {
			u.Changes = append(u.Changes, *c)
		}
	}
	data, err := record.Marshal()
	if err != nil {
		return nil, err
	}
	name := filepath.Join(dir, ProjectFileName)
	if link, err := symlinkOnPath(dir, ProjectFileName); err != nil || link != "" {
		return nil, fmt.Errorf("%s is a symbolic link or cannot be read; scaffold never writes through links", ProjectFileName)
	}
	if disk, err := os.ReadFile(name); err != nil || !bytes.Equal(disk, data) {
		c := FileChange{Path: ProjectFileName, Kind: Replace, Before: disk, After: data, Mode: 0o644}
		if info, err := os.Stat(name); err == nil {
			c.Mode = info.Mode().Perm()
		}
		u.Changes = append(u.Changes, c)
	}
	return u, nil
}

// targetRecord is the scaffold.yaml that target renders, or one made from its files when a plan
// has none (as in tests of the engine alone).
func targetRecord(recorded *ProjectFile, target *Plan) (*ProjectFile, error) {
	for _, f := range target.Files {
		if f.Path == ProjectFileName {
			return ParseProjectFile(f.Data)
		}
	}
	rec := &ProjectFile{Version: Version, Name: recorded.Name, Features: recorded.Features, Files: map[string]string{}}
	for _, f := range target.Files {
		rec.Files[f.Path] = HashContent(f.Data)
	}
	return rec, nil
}

// planFile decides what happens to one file. keepRecord says the record must keep the file's old
// hash because the file is left as it was while the templates changed it.
func planFile(ctx context.Context, dir, p string, recorded *ProjectFile, baseFile File, targetFiles map[string]File) (*FileChange, bool, error) {
	name := filepath.Join(dir, filepath.FromSlash(p))
	t, inTarget := targetFiles[p]
	recordedHash, generated := recorded.Files[p]
	link, err := symlinkOnPath(dir, p)
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", p, err)
	}
	var disk []byte
	mode := fs.FileMode(0o644)
	// Stat follows a link, so a linked file is read (to tell whether the update changes it at all)
	// but, below, never written.
	info, err := os.Stat(name)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, false, fmt.Errorf("read %s: %w", p, err)
	case exists && !info.Mode().IsRegular():
		if !inTarget && !generated {
			return nil, false, nil
		}
		return &FileChange{Path: p, Kind: Conflict, Reason: "it is not a regular file; it is left as it is"}, true, nil
	case exists:
		mode = info.Mode().Perm()
		if disk, err = os.ReadFile(name); err != nil {
			return nil, false, fmt.Errorf("read %s: %w", p, err)
		}
	case inTarget && t.Mode != 0:
		mode = t.Mode
	}
	untouched := exists && recordedHash == HashContent(disk)
	var c *FileChange
	switch {
	case inTarget && exists && bytes.Equal(disk, t.Data):
		// already what it should be
	case inTarget && !exists && generated:
		if recordedHash != HashContent(t.Data) {
			c = &FileChange{Kind: Conflict, Reason: "you deleted this file, and the templates change it; it stays deleted"}
		}
	case inTarget && !exists:
		c = &FileChange{Kind: Create, After: t.Data}
	case inTarget && untouched:
		c = &FileChange{Kind: Replace, After: t.Data}
	case inTarget && !generated:
		res := MergeWithoutBase(p, disk, t.Data)
		c = &FileChange{Kind: Conflict, After: res.Data, Regions: res.Conflicts,
			Reason: "a file of yours is where the templates now write one; it is kept, and with --conflicts=markers every difference is marked"}
	case inTarget:
		original, ok := originalRender(ctx, dir, p, recordedHash, baseFile.Data)
		if !ok {
			res := MergeWithoutBase(p, disk, t.Data)
			c = &FileChange{Kind: Conflict, After: res.Data, Regions: res.Conflicts,
				Reason: "you edited this file and the templates changed it, but its original render is neither in this scaffold's " +
					"release archive nor in the project's git history, so every difference is a conflict"}
			break
		}
		if c, err = mergeFile(ctx, p, original, disk, t.Data); err != nil {
			return nil, false, err
		}
	case exists && untouched:
		c = &FileChange{Kind: Delete}
	case exists && generated:
		c = &FileChange{Kind: Conflict, Reason: "you edited this file, and the templates no longer produce it; it is kept"}
	}
	if c == nil {
		return nil, false, nil
	}
	c.Path = p
	if exists {
		c.Before = disk
	}
	c.Mode = mode
	if link != "" {
		return &FileChange{Path: p, Kind: Conflict, Before: c.Before, Mode: mode,
			Reason: fmt.Sprintf("%s is a symbolic link; scaffold never writes through links, so this file is left as it is", link)}, c.Before != nil, nil
	}
	if exists && mode&0o200 == 0 && c.Kind != Conflict {
		// A file its owner may not write is one they chose to protect.
		return &FileChange{Path: p, Kind: Conflict, Before: disk, Mode: mode,
			Reason: fmt.Sprintf("it is read-only (mode %04o), so scaffold leaves it as it is; make it writable to take the change", mode)}, true, nil
	}
	return c, c.Kind == Conflict && c.After == nil && c.Before != nil, nil
}

// originalRender returns the file as it was generated, the common ancestor of the user's version
// and the new render: the render of the recorded answers by the release that wrote the project,
// when it hashes as recorded; otherwise (a project of a release before the archive) the version
// with the recorded hash in the project's git history.
func originalRender(ctx context.Context, dir, p, hash string, rendered []byte) ([]byte, bool) {
	if rendered != nil && HashContent(rendered) == hash {
		return rendered, true
	}
	return findInGitHistory(ctx, dir, p, hash)
}

// findInGitHistory looks through the recent commits that touched p for the version with the hash.
func findInGitHistory(ctx context.Context, dir, p, hash string) ([]byte, bool) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, false
	}
	revs, err := exec.CommandContext(ctx, git, "-C", dir, "rev-list", "--all", "--max-count=200", "--", p).Output()
	if err != nil {
		return nil, false
	}
	for _, rev := range strings.Fields(string(revs)) {
		data, err := exec.CommandContext(ctx, git, "-C", dir, "show", rev+":./"+p).Output()
		if err == nil && HashContent(data) == hash {
			return data, true
		}
	}
	return nil, false
}

func mergeFile(ctx context.Context, p string, base, theirs, target []byte) (*FileChange, error) {
	res, err := MergeFile(ctx, p, base, theirs, target)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	switch {
	case len(res.Conflicts) > 0 || res.Invalid != "":
		reason := "your edits and the templates' changes overlap"
		if res.Invalid != "" {
			reason = res.Invalid
		}
		return &FileChange{Kind: Conflict, After: res.Data, Regions: res.Conflicts, Reason: reason}, nil
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

// ApplyUpdate writes an update into dir as one transaction, scaffold.yaml last. With conflicts
// it refuses unless withMarkers is set, and then writes merges with their conflict markers and
// leaves the other conflicting files as they are. The caller holds the project's lock; a cancelled
// ctx before the commit point leaves the project as it was (the error wraps ErrInterrupted).
func ApplyUpdate(ctx context.Context, dir string, u *Update, withMarkers bool) error {
	if n := len(u.Conflicts()); n > 0 && !withMarkers {
		return fmt.Errorf("apply update: %d conflicting files", n)
	}
	var ops []txnOp
	for _, c := range u.Changes {
		switch {
		case c.Path == ProjectFileName:
			// last, below
		case c.Kind == Delete:
			ops = append(ops, txnOp{Path: c.Path, Delete: true})
		case c.After != nil:
			ops = append(ops, txnOp{Path: c.Path, Data: c.After, Mode: c.Mode})
		}
	}
	for _, c := range u.Changes {
		if c.Path == ProjectFileName {
			ops = append(ops, txnOp{Path: c.Path, Data: c.After, Mode: c.Mode})
		}
	}
	if len(ops) == 0 {
		return nil
	}
	return commitTransaction(ctx, dir, ops)
}

// removeEmptyParents removes the directories a deleted file leaves empty, up to the project root.
func removeEmptyParents(root, p string) {
	for d := filepath.Dir(filepath.FromSlash(p)); d != "." && !strings.HasPrefix(d, ".."); d = filepath.Dir(d) {
		if os.Remove(filepath.Join(root, d)) != nil {
			return
		}
	}
}
