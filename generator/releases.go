package generator

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// ReleaseIndexName is the file of the release archive that lists every release of the templates,
// newest first, each with the hash of its template tree.
const ReleaseIndexName = "index.txt"

// Releases gives the templates of this release and of every earlier one, so that the render a
// project was written with can always be made again: it is the common ancestor of every
// three-way merge, and it needs no git history and nothing stored in the project.
//
// The archive holds, for each earlier release, only what differs from the release after it (the
// files as that release had them, and the names of files it did not have), so it grows with the
// changes, not with the size of the templates; and each delta is plain text that diffs well.
type Releases struct {
	current fs.FS
	archive fs.FS
	index   []ReleaseEntry
}

// ReleaseEntry is one line of the release index.
type ReleaseEntry struct {
	Version string
	// Tree is TreeHash of the release's templates.
	Tree string
}

// LoadReleases reads the release index from archive. current is this release's templates; the
// index's first line must name Version. A nil archive knows only the current release.
func LoadReleases(current, archive fs.FS) (*Releases, error) {
	r := &Releases{current: current, archive: archive}
	if archive == nil {
		r.index = []ReleaseEntry{{Version: Version}}
		return r, nil
	}
	data, err := fs.ReadFile(archive, ReleaseIndexName)
	if err != nil {
		return nil, fmt.Errorf("load releases: %w", err)
	}
	r.index, err = ParseReleaseIndex(data)
	if err != nil {
		return nil, err
	}
	if len(r.index) == 0 || r.index[0].Version != Version {
		return nil, fmt.Errorf("load releases: %s does not start with this release, %s", ReleaseIndexName, Version)
	}
	return r, nil
}

// ParseReleaseIndex reads index.txt: "version sha256:..." a line, newest first; # starts a comment.
func ParseReleaseIndex(data []byte) ([]ReleaseEntry, error) {
	var out []ReleaseEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 || !strings.HasPrefix(fields[1], "sha256:") {
			return nil, fmt.Errorf("parse release index: line %d: want \"version sha256:...\"", n)
		}
		if _, err := ParseVersion(fields[0]); err != nil {
			return nil, fmt.Errorf("parse release index: line %d: %w", n, err)
		}
		if len(out) > 0 && CompareVersions(fields[0], out[len(out)-1].Version) >= 0 {
			return nil, fmt.Errorf("parse release index: line %d: %s is not older than the line before", n, fields[0])
		}
		out = append(out, ReleaseEntry{Version: fields[0], Tree: fields[1]})
	}
	return out, sc.Err()
}

// FormatReleaseIndex writes index.txt.
func FormatReleaseIndex(entries []ReleaseEntry) []byte {
	var buf bytes.Buffer
	buf.WriteString("# Every release of scaffold's templates, newest first, with the hash of its template tree.\n")
	buf.WriteString("# Written by `go run ./internal/cmd/release`; each older release has a <version>.txtar here.\n")
	for _, e := range entries {
		fmt.Fprintf(&buf, "%s %s\n", e.Version, e.Tree)
	}
	return buf.Bytes()
}

// Index returns the releases, newest first.
func (r *Releases) Index() []ReleaseEntry { return slices.Clone(r.index) }

// Known reports whether the archive can give the templates of version.
func (r *Releases) Known(version string) bool {
	return slices.ContainsFunc(r.index, func(e ReleaseEntry) bool { return e.Version == version })
}

// Templates returns the templates of version: this release's own, or an earlier one rebuilt from
// the archive and checked against the tree hash its index line recorded.
func (r *Releases) Templates(version string) (fs.FS, error) {
	if version == Version {
		return r.current, nil
	}
	i := slices.IndexFunc(r.index, func(e ReleaseEntry) bool { return e.Version == version })
	if i < 0 {
		return nil, fmt.Errorf("templates of scaffold %s: not in this scaffold's release archive", version)
	}
	tree, err := ReadTree(r.current)
	if err != nil {
		return nil, err
	}
	for _, e := range r.index[1 : i+1] {
		data, err := fs.ReadFile(r.archive, e.Version+".txtar")
		if err != nil {
			return nil, fmt.Errorf("templates of scaffold %s: %w", version, err)
		}
		if err := ApplyReleaseDelta(tree, data); err != nil {
			return nil, fmt.Errorf("templates of scaffold %s: %s.txtar: %w", version, e.Version, err)
		}
	}
	if got := tree.Hash(); got != r.index[i].Tree {
		return nil, fmt.Errorf("templates of scaffold %s: rebuilt tree hashes to %s, the index says %s", version, got, r.index[i].Tree)
	}
	return tree.FS(), nil
}

// Catalog loads the catalog of version's templates.
func (r *Releases) Catalog(version string) (*Catalog, error) {
	fsys, err := r.Templates(version)
	if err != nil {
		return nil, err
	}
	c, err := LoadCatalog(fsys)
	if err != nil {
		return nil, fmt.Errorf("templates of scaffold %s: %w", version, err)
	}
	c.Version = version
	return c, nil
}

// Tree is a template tree in memory: slash-separated path to content.
type Tree map[string][]byte

// ReadTree reads every file of fsys.
func ReadTree(fsys fs.FS) (Tree, error) {
	t := Tree{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		t[p] = data
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read templates: %w", err)
	}
	return t, nil
}

// Hash is the tree's content hash: of every path and content, in path order.
func (t Tree) Hash() string {
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(t)) {
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(t[p]))
		h.Write(t[p])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// FS returns the tree as a file system.
func (t Tree) FS() fs.FS {
	m := fstest.MapFS{}
	for p, data := range t {
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// Directives of a release delta's comment.
const (
	deltaAbsent         = "absent: "
	deltaNoFinalNewline = "no-final-newline: "
)

// ReleaseDelta describes older from newer: the files older had that newer lacks or changed, with
// older's content, and the files newer added. It is what the archive keeps of a release.
func ReleaseDelta(version, newerVersion string, older, newer Tree) []byte {
	var comment bytes.Buffer
	fmt.Fprintf(&comment, "The templates of scaffold %s, as changes from %s: each file below is as %s had it,\n", version, newerVersion, version)
	fmt.Fprintf(&comment, "and the \"absent\" lines name the files %s did not have. Written by go run ./internal/cmd/release.\n", version)
	for _, p := range slices.Sorted(maps.Keys(newer)) {
		if _, ok := older[p]; !ok {
			comment.WriteString(deltaAbsent + p + "\n")
		}
	}
	ar := &txtar.Archive{}
	for _, p := range slices.Sorted(maps.Keys(older)) {
		data := older[p]
		if n, ok := newer[p]; ok && bytes.Equal(n, data) {
			continue
		}
		if len(data) > 0 && data[len(data)-1] != '\n' {
			// txtar ends every file with a newline; this one had none.
			comment.WriteString(deltaNoFinalNewline + p + "\n")
		}
		ar.Files = append(ar.Files, txtar.File{Name: p, Data: data})
	}
	ar.Comment = comment.Bytes()
	return txtar.Format(ar)
}

// ApplyReleaseDelta turns tree, the templates of one release, into those of the release before
// it, as a delta written by ReleaseDelta describes them.
func ApplyReleaseDelta(tree Tree, delta []byte) error {
	ar := txtar.Parse(delta)
	noNewline := map[string]bool{}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		switch {
		case strings.HasPrefix(line, deltaAbsent):
			delete(tree, strings.TrimPrefix(line, deltaAbsent))
		case strings.HasPrefix(line, deltaNoFinalNewline):
			noNewline[strings.TrimPrefix(line, deltaNoFinalNewline)] = true
		}
	}
	for _, f := range ar.Files {
		if !fs.ValidPath(f.Name) {
			return fmt.Errorf("file %q: not a clean relative path", f.Name)
		}
		data := f.Data
		if noNewline[f.Name] {
			data = bytes.TrimSuffix(data, []byte("\n"))
		}
		tree[f.Name] = data
	}
	return nil
}

// Semver is a version as scaffold writes it: major.minor.patch.
type Semver [3]int

// ParseVersion reads "major.minor.patch".
func ParseVersion(s string) (Semver, error) {
	parts := strings.Split(s, ".")
	var v Semver
	if len(parts) != 3 {
		return v, fmt.Errorf("version %q: want major.minor.patch", s)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || strconv.Itoa(n) != p {
			return v, fmt.Errorf("version %q: want major.minor.patch", s)
		}
		v[i] = n
	}
	return v, nil
}

// CompareVersions compares two versions as -1, 0 or +1; a version that does not parse sorts
// before every one that does.
func CompareVersions(a, b string) int {
	va, errA := ParseVersion(a)
	vb, errB := ParseVersion(b)
	switch {
	case errA != nil && errB != nil:
		return strings.Compare(a, b)
	case errA != nil:
		return -1
	case errB != nil:
		return 1
	}
	for i := range va {
		if va[i] != vb[i] {
			if va[i] < vb[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// ErrNewerProject is wrapped by the error for a project that a newer scaffold wrote.
var ErrNewerProject = errors.New("project written by a newer scaffold")

// NewerProjectError says a project was written by a newer scaffold than this one, which must not
// rewrite it: it does not know that release's templates and would undo them.
type NewerProjectError struct {
	Project string
}

func (e *NewerProjectError) Error() string {
	return fmt.Sprintf("this project was written by scaffold %s, and this is scaffold %s: upgrade scaffold to %s or newer and run the command again; nothing was written",
		e.Project, Version, e.Project)
}

func (e *NewerProjectError) Unwrap() error { return ErrNewerProject }

// CheckProjectVersion refuses a project that a newer scaffold wrote.
func CheckProjectVersion(recorded *ProjectFile) error {
	if _, err := ParseVersion(recorded.Version); err != nil {
		return fmt.Errorf("%s: scaffold: %w", ProjectFileName, err)
	}
	if CompareVersions(recorded.Version, Version) > 0 {
		return &NewerProjectError{Project: recorded.Version}
	}
	return nil
}
