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
	"sort"
	"strconv"
	"strings"

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

// Marshal returns the file's bytes; map keys are sorted (as the YAML encoder sorts them), so
// output is stable. It writes what
// the YAML encoder writes for the same value, byte for byte (a test holds it to that), without the
// encoder's cost: every render writes scaffold.yaml, and the encoder took a quarter of a render.
func (p ProjectFile) Marshal() ([]byte, error) {
	if p.multiline() {
		// Strings on several lines take YAML's block forms, indented by their place; no project
		// has one (such paths and field specs are refused), so the encoder writes them.
		return p.encode()
	}
	var b bytes.Buffer
	b.Grow(128 + 96*len(p.Files))
	b.WriteString(projectFileHeader)
	b.WriteString("scaffold: ")
	writeScalar(&b, p.Version)
	b.WriteString("\nname: ")
	writeScalar(&b, p.Name)
	b.WriteString("\nfeatures:")
	writeList(&b, "  ", p.Features)
	if len(p.Resources) > 0 {
		b.WriteString("resources:\n")
		for _, r := range p.Resources {
			b.WriteString("  - name: ")
			writeScalar(&b, r.Name)
			b.WriteString("\n    number: ")
			b.WriteString(strconv.Itoa(r.Number))
			b.WriteString("\n    fields:")
			writeList(&b, "      ", r.Fields)
			if r.Owned {
				b.WriteString("    owned: true\n")
			}
		}
	}
	b.WriteString("files:")
	if len(p.Files) == 0 {
		b.WriteString(" {}\n")
		return b.Bytes(), nil
	}
	b.WriteByte('\n')
	type key struct {
		path  string
		runes []rune
	}
	keys := make([]key, 0, len(p.Files))
	for path := range p.Files {
		keys = append(keys, key{path, []rune(path)})
	}
	sort.Slice(keys, func(i, j int) bool { return yamlKeyLess(keys[i].runes, keys[j].runes) })
	for _, k := range keys {
		b.WriteString("  ")
		writeScalar(&b, k.path)
		b.WriteString(": ")
		writeScalar(&b, p.Files[k.path])
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// multiline reports whether any string of the file spans lines.
func (p ProjectFile) multiline() bool {
	breaks := func(s string) bool { return strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0 }
	if breaks(p.Version) || breaks(p.Name) || slices.ContainsFunc(p.Features, breaks) {
		return true
	}
	for _, r := range p.Resources {
		if breaks(r.Name) || slices.ContainsFunc(r.Fields, breaks) {
			return true
		}
	}
	for k, v := range p.Files {
		if breaks(k) || breaks(v) {
			return true
		}
	}
	return false
}

// encode writes the file with the YAML encoder, which Marshal matches.
func (p ProjectFile) encode() ([]byte, error) {
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

// writeList writes a block sequence, or [] when it is empty, after its key.
func writeList(b *bytes.Buffer, indent string, items []string) {
	if len(items) == 0 {
		b.WriteString(" []\n")
		return
	}
	b.WriteByte('\n')
	for _, it := range items {
		b.WriteString(indent)
		b.WriteString("- ")
		writeScalar(b, it)
		b.WriteByte('\n')
	}
}

// plainScalar reports whether the YAML encoder writes s as it is: a letter, then letters, digits
// and marks that mean nothing there (a colon only before more of them), so never a number; oldBool
// words are the exception. It is the pattern ^[A-Za-z][A-Za-z0-9_./=|+-]*(:[A-Za-z0-9_./=|+-]+)*$
// by hand, since every path and hash of scaffold.yaml goes through it.
func plainScalar(s string) bool {
	if s == "" || !isASCIILetter(s[0]) || s[len(s)-1] == ':' {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case plainByte[c]:
		case c == ':' && s[i-1] != ':':
		default:
			return false
		}
	}
	return true
}

// plainByte holds the bytes a plain scalar may have after its first: letters, digits and _./=|+-.
// A table, since every path and hash of scaffold.yaml is looked at byte by byte.
var plainByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isASCIILetter(byte(c)) || '0' <= c && c <= '9' || strings.IndexByte("_./=|+-", byte(c)) >= 0
	}
	return t
}()

// dotPlain reports whether s is a dot and then a plain scalar, as the paths of dotfiles are,
// which the encoder also writes as they are: but for .inf and .nan, which read as numbers.
func dotPlain(s string) bool {
	if len(s) < 2 || s[0] != '.' || !plainScalar(s[1:]) {
		return false
	}
	// Only four-letter words can be the two numbers; lowering every path to look cost an
	// allocation for each one with a capital letter.
	return len(s) != len(".inf") || !strings.EqualFold(s, ".inf") && !strings.EqualFold(s, ".nan")
}

// versionNumber reports whether s is three or more numbers joined by dots, as a release is
// (scaffold.yaml's first line), which the encoder writes as it is: with two dots it reads as no
// number. It spares every Marshal a call into the encoder, which costs more than the rest of it.
func versionNumber(s string) bool {
	dots := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
		case c == '.' && i > 0 && i < len(s)-1 && s[i-1] != '.':
			dots++
		default:
			return false
		}
	}
	return dots >= 2
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// writeScalar writes a string as the YAML encoder writes it: plain when that reads back as the
// same string, otherwise as the encoder quotes it.
func writeScalar(b *bytes.Buffer, s string) {
	if plainScalar(s) && !yamlWord(s) || dotPlain(s) || versionNumber(s) {
		b.WriteString(s)
		return
	}
	out, err := yaml.Marshal(s)
	if err != nil { // a string always marshals; quote it as YAML reads it back, all the same
		b.WriteString(strconv.Quote(s))
		return
	}
	b.Write(bytes.TrimSuffix(out, []byte("\n")))
}

// yamlWord reports whether a plain word would read as a boolean or null in YAML 1.1 or 1.2.
func yamlWord(s string) bool {
	// Every path and hash of scaffold.yaml is asked; none of them is short enough to be a word.
	if len(s) > len("false") {
		return false
	}
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "true", "false", "on", "off", "null":
		return true
	}
	return false
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
