package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"go.yaml.in/yaml/v3"
)

// ProjectFileName is the file in which a generated project records how it was generated.
const ProjectFileName = "scaffold.yaml"

// ProjectFile is scaffold.yaml: the answers a project was generated with, the version of the
// templates that rendered it, and a hash of every file as rendered. The hashes let `scaffold add`
// tell a file the user edited from one they never touched.
type ProjectFile struct {
	Version  string   `yaml:"scaffold"`
	Name     string   `yaml:"name"`
	Features []string `yaml:"features"`
	// Resources are the project's own resources, in the order they were added; projects without
	// any leave the key out.
	Resources []ResourceAnswer  `yaml:"resources,omitempty"`
	Files     map[string]string `yaml:"files"`
}

// ResourceAnswer is a resource as scaffold.yaml records it: what `scaffold resource` was told,
// with each field spec written the canonical way (see Resource.Specs).
type ResourceAnswer struct {
	Name string `yaml:"name"`
	// Number is the resource's place in the order resources were added (see Resource.Number).
	Number int      `yaml:"number"`
	Fields []string `yaml:"fields"`
	Owned  bool     `yaml:"owned,omitempty"`
}

// Answer returns what scaffold.yaml records of r.
func (r Resource) Answer() ResourceAnswer {
	return ResourceAnswer{Name: r.Name, Number: r.Number, Fields: r.Specs(), Owned: r.Owned}
}

// ParseResourceAnswers checks the resources scaffold.yaml records, as `scaffold resource` checked
// them when they were added: each in turn, knowing the ones before it, so that a resource only
// references resources added earlier. Numbers must be positive and increasing.
func ParseResourceAnswers(answers []ResourceAnswer) ([]Resource, error) {
	var out []Resource
	var known KnownNames
	last := 0
	for _, a := range answers {
		if a.Number <= last {
			return nil, fmt.Errorf("%s: resource %q: number %d must be greater than %d", ProjectFileName, a.Name, a.Number, last)
		}
		r, err := ParseResource(a.Name, a.Fields, a.Owned, known)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ProjectFileName, err)
		}
		r.Number = a.Number
		last = a.Number
		known.Resources = append(known.Resources, a.Name)
		out = append(out, *r)
	}
	return out, nil
}

// ResourceAnswers returns what scaffold.yaml records of resources.
func ResourceAnswers(resources []Resource) []ResourceAnswer {
	var out []ResourceAnswer
	for _, r := range resources {
		out = append(out, r.Answer())
	}
	return out
}

const projectFileHeader = `# Written by scaffold. It records how this project was generated, so that
# scaffold add and scaffold sync can change it later without losing your edits.
# Hashes are of the files as scaffold rendered them; edit the files, not this list.
`

// Marshal returns the file's bytes; map keys are sorted, so output is stable.
func (p ProjectFile) Marshal() ([]byte, error) {
	if p.Features == nil {
		p.Features = []string{}
	}
	var buf bytes.Buffer
	buf.WriteString(projectFileHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("encode %s: %w", ProjectFileName, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode %s: %w", ProjectFileName, err)
	}
	return buf.Bytes(), nil
}

// ParseProjectFile reads scaffold.yaml.
func ParseProjectFile(data []byte) (*ProjectFile, error) {
	var p ProjectFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("parse %s: %w", ProjectFileName, err)
	}
	// A cloned repository controls this file: no path in it may lead anywhere but the project.
	for _, path := range slices.Sorted(maps.Keys(p.Files)) {
		if err := CheckProjectPath(path); err != nil {
			return nil, fmt.Errorf("%s: file %w; nothing was written", ProjectFileName, err)
		}
	}
	return &p, nil
}

// NotProjectError is returned for a directory that has no scaffold.yaml.
type NotProjectError struct {
	Dir string
}

func (e *NotProjectError) Error() string {
	return fmt.Sprintf("%s is not a scaffold project: it has no %s (start one with `scaffold new <name>`)", e.Dir, ProjectFileName)
}

// ReadProjectFile reads the scaffold.yaml of the project in dir.
func ReadProjectFile(dir string) (*ProjectFile, error) {
	data, err := os.ReadFile(filepath.Join(dir, ProjectFileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotProjectError{Dir: dir}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ProjectFileName, err)
	}
	return ParseProjectFile(data)
}
