package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// CoreName is the catalog entry every project has; it is not a feature a user can name.
const CoreName = "core"

// Catalog is every entry the templates offer, core first, then features in catalog order.
type Catalog struct {
	// Entries holds core followed by the features, in the order catalog.yaml lists them. That order
	// is also the order in which contributions are rendered, so output never depends on the order
	// a user typed features in.
	Entries []*Manifest
	// Versions pins every npm package a template may name; it is the one place versions live.
	Versions map[string]string
	// RefusedInstallScripts names the dependencies whose install scripts package.json refuses.
	RefusedInstallScripts []string
	// Version is the scaffold release whose templates these are; scaffold.yaml records it.
	Version string

	fsys fs.FS
	// resources holds the resource templates, parsed the first time a project has resources:
	// most runs (every new) have none.
	resources func() (*resourceTemplateSet, error)
	// parsed holds the templates rendered so far, by path (see parsedTemplate).
	parsed sync.Map
	// copiedHashes is CatalogSource.CopiedHashes: the content hash of every file copied as it is.
	copiedHashes map[string]string
	// contents is CatalogSource.Contents.
	contents map[string][]byte
}

// resourceTemplateSet is the two resource template folders; either is nil in a release without it.
type resourceTemplateSet struct {
	once, each *resourceTemplates
}

// catalogFile is templates/catalog.yaml.
type catalogFile struct {
	Features              []string          `yaml:"features"`
	RefusedInstallScripts []string          `yaml:"refusedInstallScripts"`
	NPM                   map[string]string `yaml:"npm"`
}

// CatalogSource is what the templates' YAML says: catalog.yaml and every manifest, before they
// are checked and tied to their files. A build can carry it as Go code (internal/builtin does), so
// that loading the catalog reads no YAML, which is most of what loading costs.
type CatalogSource struct {
	Features              []string
	RefusedInstallScripts []string
	NPM                   map[string]string
	// Manifests holds core's manifest, then the features' in the order of Features.
	Manifests []*Manifest
	// Files lists, for each of Manifests, the files below its folder's files/, relative to it and
	// sorted, so that a catalog carried as Go code walks no directory.
	Files [][]string
	// CopiedHashes holds the HashContent of every entry file that is copied rather than rendered,
	// by its path in the templates: such a file is the same in every project, so a build can hash
	// it once, not every run.
	CopiedHashes map[string]string
	// Contents holds the entries' files by their path in the templates, when a build carries them
	// in its binary (internal/builtin does): a render hands a copied file's out as its data, and
	// parses a template from it, where reading either from the templates would copy it first.
	// Nothing writes to them. ReadCatalogSource leaves it nil, and a file missing from it is read.
	Contents map[string][]byte
	// Parsed holds templates of the entries already parsed, when a build carries them as Go
	// values (internal/builtin does): parsing was the largest part of rendering in a process that
	// renders once. ReadCatalogSource leaves it nil, and a template missing from it is parsed.
	Parsed []ParsedTemplate
}

// LoadCatalog reads catalog.yaml and every manifest from fsys, and checks that they agree with
// each other: every listed feature has a folder, every folder is listed, every name a manifest
// uses exists, and every npm package is pinned.
func LoadCatalog(fsys fs.FS) (*Catalog, error) {
	src, err := ReadCatalogSource(fsys)
	if err != nil {
		return nil, err
	}
	c, err := NewCatalog(fsys, src)
	if err != nil {
		return nil, err
	}
	// Templates read from their files may be in the making: their resource manifests are checked
	// now, not when the first resource is added.
	if _, err := c.resources(); err != nil {
		return nil, err
	}
	return c, nil
}

// ReadCatalogSource reads catalog.yaml and the manifests it lists from fsys.
func ReadCatalogSource(fsys fs.FS) (*CatalogSource, error) {
	var cf catalogFile
	if err := decodeYAML(fsys, "catalog.yaml", &cf); err != nil {
		return nil, err
	}
	src := &CatalogSource{Features: cf.Features, RefusedInstallScripts: cf.RefusedInstallScripts, NPM: cf.NPM}
	dirs := []string{CoreName}
	for _, name := range cf.Features {
		dirs = append(dirs, path.Join("features", name))
	}
	src.CopiedHashes = map[string]string{}
	for _, dir := range dirs {
		var m Manifest
		if err := decodeYAML(fsys, path.Join(dir, "manifest.yaml"), &m); err != nil {
			return nil, err
		}
		src.Manifests = append(src.Manifests, &m)
		files, err := listFiles(fsys, path.Join(dir, "files"))
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", dir, err)
		}
		src.Files = append(src.Files, files)
		for _, f := range files {
			if strings.HasSuffix(f, templateSuffix) {
				continue
			}
			p := path.Join(dir, "files", f)
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil, fmt.Errorf("load %s: %w", dir, err)
			}
			src.CopiedHashes[p] = HashContent(data)
		}
	}
	return src, nil
}

// NewCatalog ties the manifests of src to their folders in fsys and checks them as LoadCatalog
// does, except the resource templates, which it parses when a project first has resources. It
// leaves src as it is.
func NewCatalog(fsys fs.FS, src *CatalogSource) (*Catalog, error) {
	if len(src.Manifests) != len(src.Features)+1 || len(src.Files) != len(src.Manifests) {
		return nil, fmt.Errorf("load catalog: %d manifests and %d file lists for core and %d features", len(src.Manifests), len(src.Files), len(src.Features))
	}
	c := &Catalog{Versions: src.NPM, RefusedInstallScripts: src.RefusedInstallScripts, Version: Version, fsys: fsys, copiedHashes: src.CopiedHashes, contents: src.Contents}
	for _, p := range src.Parsed {
		c.parsed.Store(p.Path, &cachedTemplate{ParsedTemplate: p, built: true})
	}
	for i, sm := range src.Manifests {
		m := *sm
		m.dir = CoreName
		if i > 0 {
			name := src.Features[i-1]
			m.dir = path.Join("features", name)
			if m.Name != name {
				return nil, fmt.Errorf("load catalog: features/%s/manifest.yaml names itself %q", name, m.Name)
			}
		}
		m.files = src.Files[i]
		c.Entries = append(c.Entries, &m)
	}
	if err := c.check(src.Features); err != nil {
		return nil, fmt.Errorf("load catalog: %w", err)
	}
	c.resources = sync.OnceValues(func() (*resourceTemplateSet, error) {
		var set resourceTemplateSet
		var err error
		if set.once, err = loadResourceTemplates(fsys, resourceOnceDir); err != nil {
			return nil, fmt.Errorf("load catalog: %w", err)
		}
		if set.each, err = loadResourceTemplates(fsys, resourceEachDir); err != nil {
			return nil, fmt.Errorf("load catalog: %w", err)
		}
		return &set, nil
	})
	return c, nil
}

func (c *Catalog) check(listed []string) error {
	var problems []error
	folders, err := fs.ReadDir(c.fsys, "features")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, d := range folders {
		if d.IsDir() && !slices.Contains(listed, d.Name()) {
			problems = append(problems, fmt.Errorf("folder features/%s is not listed in catalog.yaml", d.Name()))
		}
	}
	seen := map[string]bool{}
	for _, m := range c.Entries {
		if seen[m.Name] {
			problems = append(problems, fmt.Errorf("%s is listed twice", m.Name))
		}
		seen[m.Name] = true
	}
	for _, m := range c.Entries {
		names := m.conditionNames()
		for _, r := range slices.Concat(m.Requires, m.Conflicts) {
			names = append(names, r.Feature)
		}
		for _, dep := range names {
			if dep == CoreName || c.Lookup(dep) == nil {
				problems = append(problems, fmt.Errorf("%s names unknown feature %q", m.Name, dep))
			}
		}
		for _, pkg := range slices.Concat(m.Packages, m.DevPackages) {
			if c.Versions[pkg.Name] == "" {
				problems = append(problems, fmt.Errorf("%s uses npm package %q, which catalog.yaml does not pin", m.Name, pkg.Name))
			}
		}
	}
	return errors.Join(problems...)
}

// Lookup returns the entry with that name, or nil.
func (c *Catalog) Lookup(name string) *Manifest {
	for _, m := range c.Entries {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// Features returns the entries a user can ask for: every entry but core and internal ones.
func (c *Catalog) Features() []*Manifest {
	var features []*Manifest
	for _, m := range c.Entries[1:] {
		if !m.Internal {
			features = append(features, m)
		}
	}
	return features
}

// FeatureNames returns the names of Features, in catalog order.
func (c *Catalog) FeatureNames() []string {
	var names []string
	for _, m := range c.Features() {
		names = append(names, m.Name)
	}
	return names
}

// listFiles returns the paths below root, relative to it and sorted. A missing root is empty.
func listFiles(fsys fs.FS, root string) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if !d.IsDir() {
			files = append(files, strings.TrimPrefix(p, root+"/"))
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func decodeYAML(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	return nil
}
