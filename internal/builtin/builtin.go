// Package builtin is this build's catalog as Go values, so that scaffold loads its catalog
// without reading YAML: decoding the manifests was most of what a `scaffold new` cost. The values
// are generated from the templates (go generate ./internal/builtin), and a test fails while they
// differ from what the templates' YAML says. It also embeds the entries' files in one piece
// (files.bin), so that a render can hand out their bytes without copying them: the embedded
// templates can only be read as copies. And it carries the templates parsed (trees.go), laid out
// by the compiler in the binary: parsing them was the largest part of rendering in a process that
// renders once. It holds no logic of its own.
package builtin

import (
	_ "embed"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

//go:generate go test . -run TestSourceIsTheTemplates -update

// Catalog returns this build's catalog: the templates' files with the generated source, contents
// and parsed templates.
func Catalog() (*generator.Catalog, error) {
	src := *source
	src.Contents = fileContents()
	src.Parsed = parsedTemplates
	return generator.NewCatalog(templates.FS, &src)
}

// filesBlob is every file of fileEnds, one after the other.
//
//go:embed files.bin
var filesBlob []byte

// fileContents returns the files of filesBlob by path. Each slice's capacity ends with the file,
// so that appending to one cannot overwrite the next.
func fileContents() map[string][]byte {
	files := make(map[string][]byte, len(fileEnds))
	start := 0
	for _, f := range fileEnds {
		if f.end < start || f.end > len(filesBlob) {
			// Only a files.bin from another generation than files.go: read the templates.
			return nil
		}
		files[f.path] = filesBlob[start:f.end:f.end]
		start = f.end
	}
	return files
}
