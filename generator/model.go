package generator

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
)

// Model is everything the templates need to know about a project, gathered from the resolved
// entries' manifests. Lists keep catalog order (core first) unless they say otherwise, so the
// same answers always give the same model.
type Model struct {
	Name string
	// Features are the resolved feature names, core excluded, in catalog order.
	Features []string

	Middleware  []MiddlewareEntry
	Env         []EnvEntry
	Packages    []NPMPackage
	DevPackages []NPMPackage
	// RefusedInstallScripts are the dependencies whose install scripts package.json refuses.
	RefusedInstallScripts []string
	// Scripts keep the order manifests declare them in: start, dev and test read best first.
	Scripts   []Script
	Resources []SnippetEntry
	Checks    []SnippetEntry
	Shutdown  []SnippetEntry
	Services  []ComposeService
	Docs      []DocEntry
	// Summaries holds each resolved feature's one-line summary, in catalog order.
	Summaries []FeatureSummary

	// Domain are the project's own resources, in the order they were added.
	Domain []*ResourceView

	imports map[string][]Import
	lines   map[linePoint][]string
	files   []ownedFile
	res     *Resolution
}

// MiddlewareEntry is a Middleware with the catalog entry it comes from.
type MiddlewareEntry struct {
	Middleware
	Feature string
}

// EnvEntry is an EnvVar of a model, its Feature set. The entry types the templates range over
// are the manifest types themselves, not structs embedding them: text/template finds a promoted
// field only through reflect's breadth-first search, which allocates at every lookup and was a
// fifth of what executing the templates cost.
type EnvEntry = EnvVar

// NPMPackage is a package with its pinned version.
type NPMPackage struct {
	Name    string
	Version string
}

// SnippetEntry is a Snippet of a model, its Feature set (see EnvEntry).
type SnippetEntry = Snippet

// ComposeService is a Service of a model, its Feature set (see EnvEntry).
type ComposeService = Service

// DocEntry is a Doc of a model, its Feature set (see EnvEntry).
type DocEntry = Doc

// FeatureSummary is a resolved feature and what it brings, for the README.
type FeatureSummary struct {
	Name    string
	Summary string
}

type linePoint struct{ file, point string }

// PhaseGroup is one phase of the pipeline with its entries in registration order.
type PhaseGroup struct {
	Phase   MiddlewarePhase
	Entries []MiddlewareEntry
}

// ownedFile is a file of the plan: its template, where it goes, and what renders it.
type ownedFile struct {
	entry *Manifest
	src   string // the template's path in the catalog's file system
	out   string // the generated path, .tmpl suffix included
	hash  string // the content hash of a copied file, when the catalog knows it
	// data is what a resource's templates render from; nil for the entries' own files, which
	// render from the model.
	data any
}

// BuildModel gathers the contributions of every resolved entry, then of the project's resources.
func (c *Catalog) BuildModel(name string, res *Resolution, resources []Resource) (*Model, error) {
	m := &Model{Name: name, Features: res.FeatureNames(), RefusedInstallScripts: c.RefusedInstallScripts,
		imports: map[string][]Import{}, lines: map[linePoint][]string{}, res: res}
	b := &modelBuilder{m: m, res: res, packages: map[string]bool{}, devPackages: map[string]bool{}, scripts: map[string]string{}}
	x := func(s string) string { return expandName(s, name) }
	for _, e := range res.Entries {
		if e.Name != CoreName && !e.Internal {
			m.Summaries = append(m.Summaries, FeatureSummary{Name: e.Name, Summary: e.Summary})
		}
		if err := b.contribute(e, x); err != nil {
			return nil, err
		}
		for _, f := range e.files {
			if e.fileIncluded(f, res) {
				src := path.Join(e.dir, "files", f)
				m.files = append(m.files, ownedFile{entry: e, src: src, out: outputPath(f), hash: c.copiedHashes[src]})
			}
		}
	}
	if err := c.addResources(b, resources); err != nil {
		return nil, err
	}
	m.Resources = replaceByName(m.Resources)
	for _, s := range slices.Concat(m.Resources, m.Checks, m.Shutdown) {
		m.addImports(res, "src/dependencies.js", s.Imports)
	}
	// A stable sort keeps catalog order within a phase.
	slices.SortStableFunc(m.Middleware, func(a, b MiddlewareEntry) int { return cmp.Compare(a.Phase, b.Phase) })
	var err error
	if m.Packages, err = c.pin(b.packages); err != nil {
		return nil, err
	}
	if m.DevPackages, err = c.pin(b.devPackages); err != nil {
		return nil, err
	}
	return m, nil
}

// modelBuilder collects contributions into a model.
type modelBuilder struct {
	m                     *Model
	res                   *Resolution
	packages, devPackages map[string]bool
	scripts               map[string]string
}

// contribute adds what a manifest contributes, apart from its files, to the model; x expands the
// project name in its code.
func (b *modelBuilder) contribute(e *Manifest, x func(string) string) error {
	m, res := b.m, b.res
	for _, p := range e.Packages {
		if p.holds(res) {
			b.packages[p.Name] = true
		}
	}
	for _, p := range e.DevPackages {
		if p.holds(res) {
			b.devPackages[p.Name] = true
		}
	}
	for _, s := range e.Scripts {
		if _, ok := b.scripts[s.Name]; ok {
			return fmt.Errorf("build model: %s redefines npm script %q", e.Name, s.Name)
		}
		b.scripts[s.Name] = s.Command
		m.Scripts = append(m.Scripts, s)
	}
	for _, v := range e.Env {
		if v.holds(res) {
			if v.Secret && v.Example != "" {
				return fmt.Errorf("build model: %s ships an example value for secret %s", e.Name, v.Name)
			}
			v.Schema, v.Example, v.Default, v.Description = x(v.Schema), x(v.Example), x(v.Default), x(v.Description)
			v.Feature = e.Name
			m.Env = append(m.Env, v)
		}
	}
	for _, imp := range e.Imports {
		if imp.holds(res) {
			m.addImport(imp.File, imp)
		}
	}
	for _, mw := range e.Middleware {
		if mw.holds(res) {
			mw.Code = x(mw.Code)
			m.Middleware = append(m.Middleware, MiddlewareEntry{Middleware: mw, Feature: e.Name})
			m.addImports(res, "src/app.js", mw.Imports)
		}
	}
	for _, l := range e.Lines {
		if l.holds(res) {
			key := linePoint{l.File, l.Point}
			m.lines[key] = append(m.lines[key], x(l.Code))
			m.addImports(res, l.File, l.Imports)
		}
	}
	m.Resources = appendSnippets(m.Resources, e, res, e.Resources, x)
	m.Checks = appendSnippets(m.Checks, e, res, e.Checks, x)
	m.Shutdown = appendSnippets(m.Shutdown, e, res, e.Shutdown, x)
	for _, s := range e.Services {
		if s.holds(res) {
			s.Compose, s.CI = x(s.Compose), x(s.CI)
			s.AppEnv, s.CIEnv = expandAll(s.AppEnv, x), expandAll(s.CIEnv, x)
			s.Feature = e.Name
			m.Services = append(m.Services, s)
		}
	}
	for _, d := range e.Docs {
		if d.holds(res) {
			d.Title, d.Body = x(d.Title), x(d.Body)
			d.Feature = e.Name
			m.Docs = append(m.Docs, d)
		}
	}
	return nil
}

func appendSnippets(dst []SnippetEntry, e *Manifest, res *Resolution, src []Snippet, x func(string) string) []SnippetEntry {
	for _, s := range src {
		if s.holds(res) {
			s.Code = x(s.Code)
			s.Feature = e.Name
			dst = append(dst, s)
		}
	}
	return dst
}

// NamePlaceholder stands for the project name in a manifest's code, env vars, services and docs,
// as `[[ .Name ]]` does in template files: a Redis key prefix or an issuer can default to it.
const NamePlaceholder = "[[ .Name ]]"

func expandName(s, name string) string { return strings.ReplaceAll(s, NamePlaceholder, name) }

func expandAll(list []string, x func(string) string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = x(s)
	}
	return out
}

// replaceByName lets a later entry provide a resource under an existing name (the Postgres users
// repository in place of the in-memory one). The later snippet stays where it is, after the
// resources it may use, and the earlier one is dropped with its imports.
func replaceByName(snippets []SnippetEntry) []SnippetEntry {
	out := snippets[:0]
	for i, s := range snippets {
		replaced := slices.ContainsFunc(snippets[i+1:], func(later SnippetEntry) bool { return later.Name == s.Name })
		if !replaced {
			out = append(out, s)
		}
	}
	return out
}

func (m *Model) addImports(res *Resolution, file string, imps []Import) {
	for _, imp := range imps {
		if imp.holds(res) {
			m.addImport(cmp.Or(imp.File, file), imp)
		}
	}
}

// Lines returns the code lines features add at a point of a file, in catalog order.
func (m *Model) Lines(file, point string) []string {
	return m.lines[linePoint{file, point}]
}

func (m *Model) addImport(file string, imp Import) {
	imp.File = file
	m.imports[file] = append(m.imports[file], imp)
}

func (c *Catalog) pin(names map[string]bool) ([]NPMPackage, error) {
	var out []NPMPackage
	for name := range names {
		v := c.Versions[name]
		if v == "" {
			return nil, fmt.Errorf("build model: npm package %q has no pinned version in catalog.yaml", name)
		}
		out = append(out, NPMPackage{Name: name, Version: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (e *Manifest) fileIncluded(path string, res *Resolution) bool {
	for _, rule := range e.Files {
		if rule.Path == path {
			return rule.holds(res)
		}
	}
	return true
}

// Pipeline returns every phase, in order, with the middleware registered in it.
func (m *Model) Pipeline() []PhaseGroup {
	groups := make([]PhaseGroup, 0, len(Phases()))
	for _, p := range Phases() {
		g := PhaseGroup{Phase: p}
		for _, mw := range m.Middleware {
			if mw.Phase == p {
				g.Entries = append(g.Entries, mw)
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// SecretEnvNames returns the environment variables that hold secrets, in the order of the
// configuration.
func (m *Model) SecretEnvNames() []string {
	var names []string
	for _, v := range m.Env {
		if v.Secret {
			names = append(names, v.Name)
		}
	}
	return names
}

// ServiceNames returns the compose services the project needs besides the app itself.
func (m *Model) ServiceNames() []string {
	var names []string
	for _, s := range m.Services {
		names = append(names, s.Name)
	}
	return names
}

// ImportLines returns the import statements of a generated file: packages first, then local
// modules, each group sorted by module, with names merged and sorted.
func (m *Model) ImportLines(file string) []string {
	type merged struct {
		def   string
		names []string
	}
	byFrom := map[string]*merged{}
	var froms []string
	for _, imp := range m.imports[file] {
		mg := byFrom[imp.From]
		if mg == nil {
			mg = &merged{}
			byFrom[imp.From] = mg
			froms = append(froms, imp.From)
		}
		if imp.Default != "" {
			mg.def = imp.Default
		}
		for _, n := range imp.Names {
			if !slices.Contains(mg.names, n) {
				mg.names = append(mg.names, n)
			}
		}
	}
	local := func(from string) bool { return strings.HasPrefix(from, ".") }
	sort.Slice(froms, func(i, j int) bool {
		if local(froms[i]) != local(froms[j]) {
			return !local(froms[i])
		}
		return froms[i] < froms[j]
	})
	lines := make([]string, 0, len(froms))
	for _, from := range froms {
		mg := byFrom[from]
		slices.Sort(mg.names)
		var parts []string
		if mg.def != "" {
			parts = append(parts, mg.def)
		}
		if len(mg.names) > 0 {
			parts = append(parts, "{ "+strings.Join(mg.names, ", ")+" }")
		}
		line := "import " + strings.Join(parts, ", ") + " from '" + from + "';"
		if len(line) > printWidth && len(mg.names) > 1 {
			// Prettier puts each name on its own line when the import does not fit, unless there
			// is only one, which it never breaks.
			head := "import {"
			if mg.def != "" {
				head = "import " + mg.def + ", {"
			}
			line = head + "\n  " + strings.Join(mg.names, ",\n  ") + ",\n} from '" + from + "';"
		}
		lines = append(lines, line)
	}
	return lines
}

// printWidth is the line length of the generated projects' Prettier configuration.
const printWidth = 100
