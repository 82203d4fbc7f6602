package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func plan(files map[string]string) *Plan {
	p := &Plan{}
	for path, data := range files {
		p.add(File{Path: path, Data: []byte(data)})
	}
	p.sort()
	return p
}

func record(p *Plan) *ProjectFile {
	rec := &ProjectFile{Files: map[string]string{}}
	for _, f := range p.Files {
		rec.Files[f.Path] = HashContent(f.Data)
	}
	return rec
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for path, data := range files {
		dst := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPlanUpdate walks every way a file can meet an update: created, replaced when untouched,
// merged when edited, left alone when the merge changes nothing, deleted when untouched and no
// longer rendered, and each kind of conflict.
func TestPlanUpdate(t *testing.T) {
	base := plan(map[string]string{
		"app.js":     "a\nb\nc\nd\ne\n",
		"same.js":    "same\n",
		"gone.js":    "old\n",
		"edited.js":  "x\n",
		"kept.js":    "k\n",
		"deleted.js": "del\n",
		"clash.js":   "one\ntwo\nthree\n",
	})
	target := plan(map[string]string{
		"app.js":     "a\nb\nc\nd\ne\nf\n",
		"same.js":    "same\n",
		"edited.js":  "x\ny\n",
		"new.js":     "new\n",
		"deleted.js": "del\nmore\n",
		"clash.js":   "one\nTWO\nthree\n",
		"mine.js":    "theirs\n",
	})
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"app.js":    "a\nmine\nb\nc\nd\ne\n", // edited away from the change
		"same.js":   "same, edited\n",
		"gone.js":   "old\n",
		"edited.js": "x\ny\n", // the user already made the templates' change
		"kept.js":   "k, edited\n",
		"clash.js":  "one\n2\nthree\n",
		"mine.js":   "mine\n",
	})
	u, err := PlanUpdate(context.Background(), dir, record(base), base, target)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range u.Changes {
		got[c.Path] = c.Kind.String()
	}
	want := map[string]string{
		"app.js":     "merge",
		"gone.js":    "delete",
		"new.js":     "create",
		"kept.js":    "conflict", // edited, no longer rendered
		"deleted.js": "conflict", // deleted by the user, changed by the templates
		"clash.js":   "conflict", // the same line changed on both sides
		"mine.js":    "conflict", // a file of the user's in the way
		// written last, recording the new renders
		"scaffold.yaml": "update",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("changes (-want +got):\n%s", diff)
	}
	for _, c := range u.Conflicts() {
		if c.Path == "clash.js" {
			want := []ConflictRegion{{Line: 2, Yours: []string{"2\n"}, Base: []string{"two\n"}, Template: []string{"TWO\n"}}}
			if diff := cmp.Diff(want, c.Regions); diff != "" {
				t.Errorf("clash.js regions (-want +got):\n%s", diff)
			}
		}
	}
	if err := ApplyUpdate(context.Background(), dir, u, false); err == nil {
		t.Fatal("ApplyUpdate with conflicts and no markers succeeded")
	}
	if diff := cmp.Diff("one\n2\nthree\n", readTree(t, dir)["clash.js"]); diff != "" {
		t.Errorf("a refused update wrote clash.js (-want +got):\n%s", diff)
	}
	if err := ApplyUpdate(context.Background(), dir, u, true); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dir)
	wantTree := map[string]string{
		"app.js":    "a\nmine\nb\nc\nd\ne\nf\n",
		"same.js":   "same, edited\n",
		"edited.js": "x\ny\n",
		"new.js":    "new\n",
		"kept.js":   "k, edited\n",
		"clash.js": "one\n<<<<<<< yours\n2\n||||||| scaffold (before)\ntwo\n=======\nTWO\n" +
			">>>>>>> scaffold (now)\nthree\n",
		// no common ancestor: every difference is marked
		"mine.js": "<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> scaffold (now)\n",
	}
	delete(tree, ProjectFileName)
	if diff := cmp.Diff(wantTree, tree); diff != "" {
		t.Errorf("tree after applying with markers (-want +got):\n%s", diff)
	}
}

// TestMerge3KeepsBothInsertions checks that lines added at the same place by the user and by the
// templates are both kept rather than reported as a conflict.
func TestMerge3KeepsBothInsertions(t *testing.T) {
	res, err := Merge3([]byte("a\nz\n"), []byte("a\nmine\nz\n"), []byte("a\nfeature\nz\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 0 {
		t.Errorf("conflicts: %+v", res.Conflicts)
	}
	if diff := cmp.Diff("a\nmine\nfeature\nz\n", string(res.Data)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestMergePackageJSON(t *testing.T) {
	base := `{
  "name": "demo",
  "scripts": {
    "start": "node src/server.js",
    "test": "node --test"
  },
  "dependencies": {
    "express": "5.3.0",
    "zod": "4.6.7"
  }
}
`
	theirs := strings.NewReplacer(
		`"test": "node --test"`, `"test": "node --test",`+"\n"+`    "seed": "node seed.js"`,
		`"express": "5.3.0",`, `"express": "5.3.0",`+"\n"+`    "lodash": "4.17.21",`,
	).Replace(base)
	target := strings.NewReplacer(
		`"test": "node --test"`, `"test": "node --test",`+"\n"+`    "migrate": "node-pg-migrate up"`,
		`"express": "5.3.0",`, `"express": "5.3.0",`+"\n"+`    "pg": "8.23.1",`,
	).Replace(base)
	res, err := MergePackageJSON([]byte(base), []byte(theirs), []byte(target))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "name": "demo",
  "scripts": {
    "start": "node src/server.js",
    "test": "node --test",
    "seed": "node seed.js",
    "migrate": "node-pg-migrate up"
  },
  "dependencies": {
    "express": "5.3.0",
    "lodash": "4.17.21",
    "pg": "8.23.1",
    "zod": "4.6.7"
  }
}
`
	if len(res.Conflicts) != 0 {
		t.Errorf("conflicts: %+v", res.Conflicts)
	}
	if diff := cmp.Diff(want, string(res.Data)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// Both sides changing the same key differently is a conflict that names the key.
	theirs = strings.Replace(base, `"zod": "4.6.7"`, `"zod": "4.0.0"`, 1)
	target = strings.Replace(base, `"zod": "4.6.7"`, `"zod": "4.7.0"`, 1)
	res, err = MergePackageJSON([]byte(base), []byte(theirs), []byte(target))
	if err != nil {
		t.Fatal(err)
	}
	wantRegions := []ConflictRegion{{
		Yours: []string{`dependencies.zod: "4.0.0"`}, Base: []string{`dependencies.zod: "4.6.7"`}, Template: []string{`dependencies.zod: "4.7.0"`},
	}}
	if diff := cmp.Diff(wantRegions, res.Conflicts); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
}

// TestMergePackageJSONUntouchedIsTarget checks that the key merge writes package.json exactly as
// the generator renders it, so a merged file and a fresh one agree byte for byte.
func TestMergePackageJSONUntouchedIsTarget(t *testing.T) {
	m := &Model{
		Name:     "demo",
		Scripts:  []Script{{Name: "start", Command: "node src/server.js"}},
		Packages: []NPMPackage{{Name: "express", Version: "5.3.0"}},
	}
	base, err := renderPackageJSON(m)
	if err != nil {
		t.Fatal(err)
	}
	m.Packages = append(m.Packages, NPMPackage{Name: "pg", Version: "8.23.1"})
	m.DevPackages = []NPMPackage{{Name: "eslint", Version: "10.15.0"}}
	target, err := renderPackageJSON(m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := MergePackageJSON(base, base, target)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(target), string(res.Data)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
