// Package templates embeds the files scaffold renders: catalog.yaml (the feature list and every
// pinned npm version), core/ and one folder per feature under features/, each with its manifest.
// It holds data only; package generator interprets it.
package templates

import "embed"

// FS holds the templates, rooted so that catalog.yaml is at its top.
//
//go:embed catalog.yaml all:core all:features
var FS embed.FS
