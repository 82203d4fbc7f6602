// Package builtin is this build's catalog as Go values, so that scaffold loads its catalog
// without reading YAML: decoding the manifests was most of what a `scaffold new` cost. The values
// are generated from the templates (go generate ./internal/builtin), and a test fails while they
// differ from what the templates' YAML says. It holds no logic of its own.
package builtin

import (
	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

//go:generate go test . -run TestSourceIsTheTemplates -update

// Catalog returns this build's catalog: the templates' files with the generated Source.
func Catalog() (*generator.Catalog, error) {
	return generator.NewCatalog(templates.FS, source)
}
