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
	Version  string            `yaml:"scaffold"`
	Name     string            `yaml:"name"`
	Features []string          `yaml:"features"`
	Files    map[string]string `yaml:"files"`
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
