package templates_test

import (
	"io/fs"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// TestTemplatesAreTheCurrentRelease fails when the templates changed and the release was not
// recorded: a project written by these templates must say a version whose templates the archive
// can give back, or no later scaffold could find the base of its merges.
func TestTemplatesAreTheCurrentRelease(t *testing.T) {
	tree, err := generator.ReadTree(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := fs.ReadFile(templates.Releases(), generator.ReleaseIndexName)
	if err != nil {
		t.Fatal(err)
	}
	index, err := generator.ParseReleaseIndex(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(index) == 0 || index[0].Version != generator.Version {
		t.Fatalf("releases/index.txt does not start with generator.Version %s", generator.Version)
	}
	if got := tree.Hash(); got != index[0].Tree {
		t.Fatalf("the templates changed since scaffold %s was recorded (%s, recorded %s): "+
			"run `go run ./internal/cmd/release` to archive it and bump the version "+
			"(or -amend while the version is unreleased)", generator.Version, got, index[0].Tree)
	}
}
