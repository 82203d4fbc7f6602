// Package templates embeds the files scaffold renders: catalog.yaml (the feature list and every
// pinned npm version), core/ and one folder per feature under features/, each with its manifest;
// resource/, what `scaffold resource` renders for each resource (see its README.md);
// and releases/, the archive of every earlier release's templates. It holds data only; package
// generator interprets it.
package templates

import (
	"embed"
	"io/fs"
)

// FS holds the templates, rooted so that catalog.yaml is at its top.
//
//go:embed catalog.yaml all:core all:features all:resource
var FS embed.FS

//go:embed releases
var releases embed.FS

// Releases returns the release archive: index.txt, which lists every release newest first with
// the hash of its template tree, and for each earlier release a txtar of what it had otherwise.
func Releases() fs.FS {
	sub, err := fs.Sub(releases, "releases")
	if err != nil {
		panic(err) // the directory is embedded above; fs.Sub fails only on an invalid name
	}
	return sub
}
