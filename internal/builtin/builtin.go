// Package builtin is this build's catalog as Go values, so that scaffold loads its catalog
// without reading YAML: decoding the manifests was most of what a `scaffold new` cost. The values
// are generated from the templates (go generate ./internal/builtin), and a test fails while they
// differ from what the templates' YAML says. It also embeds, in one piece (copied.bin), the files
// a project gets as they are, so that a render can hand out their bytes without copying them: the
// embedded templates can only be read as copies. It holds no logic of its own.
package builtin

import (
	_ "embed"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

//go:generate go test . -run TestSourceIsTheTemplates -update

// Catalog returns this build's catalog: the templates' files with the generated Source.
func Catalog() (*generator.Catalog, error) {
	src := *source
	src.Copied = copiedFiles()
	return generator.NewCatalog(templates.FS, &src)
}

// copiedBlob is every file of copiedEnds, one after the other.
//
//go:embed copied.bin
var copiedBlob []byte

// copiedFiles returns the files of copiedBlob by path. Each slice's capacity ends with the file,
// so that appending to one cannot overwrite the next.
func copiedFiles() map[string][]byte {
	files := make(map[string][]byte, len(copiedEnds))
	start := 0
	for _, f := range copiedEnds {
		if f.end < start || f.end > len(copiedBlob) {
			// Only a copied.bin from another generation than copied.go: fall back to reading.
			return nil
		}
		files[f.path] = copiedBlob[start:f.end:f.end]
		start = f.end
	}
	return files
}
