package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// The resource templates live in resource/ beside the features (see its README.md):
//
//	resource/once/  a manifest and files rendered once when a project has any resource: what
//	                all resources share (a cache factory, SQL error mapping)
//	resource/each/  a manifest rendered for every resource, whose files list names each
//	                template and the path it renders to for that resource
//
// Both manifests are templates themselves, executed with the resource data before they are read
// as YAML, so that a contribution can name the resource ("app.use('/api/v1/[[ .R.Name ]]', ...)").
const (
	resourceOnceDir = "resource/once"
	resourceEachDir = "resource/each"
)

// resourceTemplates is one of the two resource template folders, its manifest parsed as a
// template.
type resourceTemplates struct {
	dir      string
	manifest *template.Template
	files    []string
}

// ResourceData is what resource templates render from: the project's model (its name, features
// and contributions), the resource being rendered (nil in resource/once) and every resource.
type ResourceData struct {
	*Model
	R *ResourceView
	// All is every resource of the project, in the order they were added.
	All []*ResourceView
}

// loadResourceTemplates reads a resource template folder; a release without one has none.
func loadResourceTemplates(fsys fs.FS, dir string) (*resourceTemplates, error) {
	name := path.Join(dir, "manifest.yaml")
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	tmpl, err := template.New(name).Delims("[[", "]]").Funcs(templateFuncs(&Model{})).Option("missingkey=error").Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	files, err := listFiles(fsys, path.Join(dir, "files"))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	return &resourceTemplates{dir: dir, manifest: tmpl, files: files}, nil
}

// manifestFor executes the manifest template with data and reads the result.
func (t *resourceTemplates) manifestFor(data *ResourceData, entryName string) (*Manifest, error) {
	tmpl, err := t.manifest.Clone()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.Funcs(templateFuncs(data.Model)).Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("render %s manifest: %w", t.dir, err)
	}
	var m Manifest
	dec := yaml.NewDecoder(&buf)
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("parse %s/manifest.yaml for %s: %w", t.dir, entryName, err)
	}
	m.Name, m.dir = entryName, t.dir
	return &m, nil
}

// addResources adds the contributions and files of the project's resources to the model.
func (c *Catalog) addResources(b *modelBuilder, resources []Resource) error {
	if len(resources) == 0 {
		return nil
	}
	set, err := c.resources()
	if err != nil {
		return err
	}
	if set.each == nil {
		return fmt.Errorf("build model: the templates of scaffold %s have no resources", c.Version)
	}
	m := b.m
	for _, r := range resources {
		m.Domain = append(m.Domain, NewResourceView(r))
	}
	identity := func(s string) string { return s }
	if set.once != nil {
		data := &ResourceData{Model: m, All: m.Domain}
		e, err := set.once.manifestFor(data, "resources")
		if err != nil {
			return err
		}
		if err := c.checkResourceManifest(e); err != nil {
			return err
		}
		if err := b.contribute(e, identity); err != nil {
			return err
		}
		for _, f := range set.once.files {
			if e.fileIncluded(f, b.res) {
				m.files = append(m.files, ownedFile{entry: e, src: path.Join(e.dir, "files", f), out: outputPath(f), data: data})
			}
		}
	}
	for _, r := range m.Domain {
		data := &ResourceData{Model: m, R: r, All: m.Domain}
		e, err := set.each.manifestFor(data, "resource "+r.Name)
		if err != nil {
			return err
		}
		if err := c.checkResourceManifest(e); err != nil {
			return err
		}
		if err := b.contribute(e, identity); err != nil {
			return err
		}
		for _, f := range e.Files {
			if f.Template == "" {
				return fmt.Errorf("build model: %s/manifest.yaml: file %s names no template", e.dir, f.Path)
			}
			if !slices.Contains(set.each.files, f.Template) {
				return fmt.Errorf("build model: %s/manifest.yaml: no template %s in %s/files", e.dir, f.Template, e.dir)
			}
			if f.holds(b.res) {
				m.files = append(m.files, ownedFile{entry: e, src: path.Join(e.dir, "files", f.Template), out: f.Path, data: data})
			}
		}
	}
	return nil
}

// checkResourceManifest holds a rendered resource manifest to the rules features follow.
func (c *Catalog) checkResourceManifest(e *Manifest) error {
	for _, dep := range e.conditionNames() {
		if dep == CoreName || c.Lookup(dep) == nil {
			return fmt.Errorf("build model: %s/manifest.yaml names unknown feature %q", e.dir, dep)
		}
	}
	for _, pkg := range slices.Concat(e.Packages, e.DevPackages) {
		if c.Versions[pkg.Name] == "" {
			return fmt.Errorf("build model: %s/manifest.yaml uses npm package %q, which catalog.yaml does not pin", e.dir, pkg.Name)
		}
	}
	if len(e.Requires)+len(e.Conflicts)+len(e.Env)+len(e.Services)+len(e.Scripts) > 0 {
		return fmt.Errorf("build model: %s/manifest.yaml: resources add no requirements, env vars, services or scripts", e.dir)
	}
	return nil
}
