// Command release records a change of scaffold's templates as a new release: it archives the
// templates of the release before as a delta (templates/releases/<version>.txtar), adds the new
// release to templates/releases/index.txt, bumps generator.Version, and records what the old
// release renders (testdata/releases/<version>.yaml) so a later change of the engine that would
// render it otherwise fails a test. Run it from the repository root after changing templates:
//
//	go run ./internal/cmd/release            # bump the minor version
//	go run ./internal/cmd/release -amend     # fold further changes into the unreleased version
//
// It needs the templates as the last release had them: by default it finds them in git history
// by their tree hash; -from names a directory that holds them instead.
package main

import (
	"archive/tar"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
)

const (
	templatesDir = "templates"
	releasesDir  = "templates/releases"
	versionFile  = "generator/render.go"
	rendersDir   = "testdata/releases"
)

func main() {
	from := flag.String("from", "", "a templates directory as the last release had it (default: found in git history)")
	next := flag.String("next", "", "the new version (default: the next minor version)")
	amend := flag.Bool("amend", false, "record the templates as the current, unreleased version instead of bumping it")
	flag.Parse()
	if err := run(*from, *next, *amend); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
}

func run(from, next string, amend bool) error {
	cur, err := readTemplates(templatesDir)
	if err != nil {
		return err
	}
	indexPath := filepath.Join(releasesDir, generator.ReleaseIndexName)
	data, err := os.ReadFile(indexPath)
	if errors.Is(err, fs.ErrNotExist) {
		// The first release recorded: nothing earlier to archive.
		index := []generator.ReleaseEntry{{Version: generator.Version, Tree: cur.Hash()}}
		fmt.Printf("recorded scaffold %s\n", generator.Version)
		return os.WriteFile(indexPath, generator.FormatReleaseIndex(index), 0o644)
	}
	if err != nil {
		return err
	}
	index, err := generator.ParseReleaseIndex(data)
	if err != nil {
		return err
	}
	if len(index) == 0 || index[0].Version != generator.Version {
		return fmt.Errorf("%s does not start with generator.Version %s", indexPath, generator.Version)
	}
	if cur.Hash() == index[0].Tree {
		fmt.Printf("the templates are those of scaffold %s; nothing to record\n", index[0].Version)
		return nil
	}
	last, err := lastRelease(from, index[0].Tree)
	if err != nil {
		return err
	}
	if amend {
		if len(index) > 1 {
			// The delta of the release before is relative to the unreleased templates; rebuild it.
			prev := clone(last)
			delta, err := os.ReadFile(filepath.Join(releasesDir, index[1].Version+".txtar"))
			if err != nil {
				return err
			}
			if err := generator.ApplyReleaseDelta(prev, delta); err != nil {
				return err
			}
			if err := writeDelta(index[1].Version, index[0].Version, prev, cur); err != nil {
				return err
			}
		}
		index[0].Tree = cur.Hash()
		fmt.Printf("recorded the templates as scaffold %s (amended)\n", index[0].Version)
		return os.WriteFile(indexPath, generator.FormatReleaseIndex(index), 0o644)
	}
	if next == "" {
		v, _ := generator.ParseVersion(generator.Version)
		next = fmt.Sprintf("%d.%d.0", v[0], v[1]+1)
	}
	if generator.CompareVersions(next, generator.Version) <= 0 {
		return fmt.Errorf("next version %s is not newer than %s", next, generator.Version)
	}
	if err := writeDelta(index[0].Version, next, last, cur); err != nil {
		return err
	}
	if err := writeRenders(index[0].Version, last); err != nil {
		return err
	}
	index = append([]generator.ReleaseEntry{{Version: next, Tree: cur.Hash()}}, index...)
	if err := os.WriteFile(indexPath, generator.FormatReleaseIndex(index), 0o644); err != nil {
		return err
	}
	if err := setVersion(next); err != nil {
		return err
	}
	fmt.Printf("archived scaffold %s; this is scaffold %s now: rewrite the goldens (go generate ./...) and review them\n",
		index[1].Version, next)
	return nil
}

// readTemplates reads what templates.FS embeds: catalog.yaml, core/, features/ and resource/.
func readTemplates(dir string) (generator.Tree, error) {
	all, err := generator.ReadTree(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	return embedded(all), nil
}

func embedded(all generator.Tree) generator.Tree {
	t := generator.Tree{}
	for p, data := range all {
		if p == "catalog.yaml" || strings.HasPrefix(p, "core/") || strings.HasPrefix(p, "features/") || strings.HasPrefix(p, "resource/") {
			t[p] = data
		}
	}
	return t
}

func clone(t generator.Tree) generator.Tree {
	out := generator.Tree{}
	for p, d := range t {
		out[p] = d
	}
	return out
}

// lastRelease finds the templates whose tree hashes to want: in the directory from, or else in the
// newest commit of git history that has them.
func lastRelease(from, want string) (generator.Tree, error) {
	if from != "" {
		t, err := readTemplates(from)
		if err != nil {
			return nil, err
		}
		if t.Hash() != want {
			return nil, fmt.Errorf("%s is not the last release's templates (%s, want %s)", from, t.Hash(), want)
		}
		return t, nil
	}
	revs, err := exec.Command("git", "rev-list", "--max-count=200", "HEAD", "--", templatesDir).Output()
	if err != nil {
		return nil, fmt.Errorf("find the last release in git history: %w", err)
	}
	for _, rev := range strings.Fields(string(revs)) {
		t, err := treeAt(rev)
		if err != nil {
			return nil, err
		}
		if t.Hash() == want {
			return t, nil
		}
	}
	return nil, errors.New("the last release's templates are in none of the last 200 commits that changed them; pass -from")
}

func treeAt(rev string) (generator.Tree, error) {
	out, err := exec.Command("git", "archive", "--format=tar", rev, templatesDir).Output()
	if err != nil {
		return nil, fmt.Errorf("git archive %s: %w", rev, err)
	}
	all := generator.Tree{}
	tr := tar.NewReader(bytes.NewReader(out))
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("git archive %s: %w", rev, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		all[strings.TrimPrefix(h.Name, templatesDir+"/")] = data
	}
	return embedded(all), nil
}

// writeDelta archives older as changes from newer, and checks that the archive gives it back.
func writeDelta(version, newerVersion string, older, newer generator.Tree) error {
	delta := generator.ReleaseDelta(version, newerVersion, older, newer)
	back := clone(newer)
	if err := generator.ApplyReleaseDelta(back, delta); err != nil {
		return err
	}
	if back.Hash() != older.Hash() {
		return fmt.Errorf("the delta of %s does not give its templates back", version)
	}
	return os.WriteFile(filepath.Join(releasesDir, version+".txtar"), delta, 0o644)
}

// writeRenders records scaffold.yaml of the core and all-features renders of a release, which a
// test renders again from the archive.
func writeRenders(version string, tree generator.Tree) error {
	cat, err := generator.LoadCatalog(tree.FS())
	if err != nil {
		return err
	}
	cat.Version = version
	var out bytes.Buffer
	for _, set := range [][]string{nil, cat.FeatureNames()} {
		res, err := cat.Resolve(set)
		if err != nil {
			return err
		}
		r, err := cat.Generate("demo", res, nil)
		if err != nil {
			return err
		}
		for _, f := range r.Plan.Files {
			if f.Path == generator.ProjectFileName {
				out.WriteString("---\n")
				out.Write(f.Data)
			}
		}
	}
	if err := os.MkdirAll(rendersDir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(rendersDir, version+".yaml"), out.Bytes(), 0o644)
}

var versionConst = regexp.MustCompile(`(?m)^const Version = "[^"]*"$`)

func setVersion(v string) error {
	src, err := os.ReadFile(versionFile)
	if err != nil {
		return err
	}
	if !versionConst.Match(src) {
		return fmt.Errorf("%s: no `const Version = \"...\"` line", versionFile)
	}
	return os.WriteFile(versionFile, versionConst.ReplaceAll(src, []byte(`const Version = "`+v+`"`)), 0o644)
}
