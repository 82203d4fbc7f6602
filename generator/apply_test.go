package generator

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteNewLeavesNothingBehindOnFailure(t *testing.T) {
	parent := t.TempDir()
	// "a" as a file and as a directory cannot both be written: the second write fails midway.
	plan := &Plan{Files: []File{{Path: "a", Data: []byte("x")}, {Path: "a/b", Data: []byte("y")}}}
	if err := WriteNew(plan, filepath.Join(parent, "svc"), false); err == nil {
		t.Fatal("WriteNew succeeded with an impossible plan")
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestWriteNewRefusesANonEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := &Plan{Files: []File{{Path: "src/app.js", Data: []byte("app")}}}
	var notEmpty *NotEmptyError
	if err := WriteNew(plan, dir, false); !errors.As(err, &notEmpty) {
		t.Fatalf("WriteNew = %v, want NotEmptyError", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "src")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("wrote into a non-empty directory without force: %v", err)
	}
	if err := WriteNew(plan, dir, true); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"keep", "src/app.js"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*.scaffold-*"))
	if len(leftovers) != 0 {
		t.Errorf("staging directories left: %v", leftovers)
	}
}

func TestProjectFileRoundTrip(t *testing.T) {
	in := ProjectFile{Version: Version, Name: "demo", Features: []string{"jwt"}, Files: map[string]string{"b": HashContent([]byte("b")), "a": HashContent(nil)}}
	data, err := in.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	out, err := ParseProjectFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if out.Name != in.Name || out.Version != in.Version || len(out.Files) != 2 || out.Files["a"] != in.Files["a"] || out.Features[0] != "jwt" {
		t.Errorf("round trip changed the file: %+v", out)
	}
	if _, err := ParseProjectFile([]byte("scaffold: 1\nunknown: x\n")); err == nil {
		t.Error("ParseProjectFile accepted an unknown key")
	}
}
