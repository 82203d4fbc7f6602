package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
)

// Version is the version of scaffold's templates, recorded in every project's scaffold.yaml so
// that `scaffold sync` can tell which render a project came from.
const Version = "0.7.0"

// templateSuffix marks files rendered with text/template; others are copied as they are.
const templateSuffix = ".tmpl"

// dotPrefix stands for a leading dot in template paths, so that files like .gitignore in the
// templates do not act on this repository itself.
const dotPrefix = "dot-"

// Result is a rendered project and how it came about.
type Result struct {
	Resolution *Resolution
	Model      *Model
	Plan       *Plan
}

// Generate builds the model for a resolution and the project's resources, and renders it.
func (c *Catalog) Generate(name string, res *Resolution, resources []Resource) (*Result, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	model, err := c.BuildModel(name, res, resources)
	if err != nil {
		return nil, err
	}
	plan, err := c.Render(model)
	if err != nil {
		return nil, err
	}
	return &Result{Resolution: res, Model: model, Plan: plan}, nil
}

// Render turns a model into a plan: every entry's files, package.json and scaffold.yaml.
func (c *Catalog) Render(m *Model) (*Plan, error) {
	plan := &Plan{}
	owner := map[string]string{}
	add := func(f File, by string) error {
		if prev, ok := owner[f.Path]; ok {
			return fmt.Errorf("render: %s and %s both write %s", prev, by, f.Path)
		}
		owner[f.Path] = by
		plan.add(f)
		return nil
	}
	files, hashes, err := c.renderFiles(m)
	if err != nil {
		return nil, err
	}
	project := ProjectFile{Version: c.Version, Name: m.Name, Features: m.Features, Files: make(map[string]string, len(files)+1)}
	for i, of := range m.files {
		if err := add(files[i], of.entry.Name); err != nil {
			return nil, err
		}
		project.Files[files[i].Path] = hashes[i]
	}
	pkg, err := renderPackageJSON(m)
	if err != nil {
		return nil, err
	}
	if err := add(File{Path: "package.json", Data: pkg, Mode: 0o644}, CoreName); err != nil {
		return nil, err
	}
	project.Files["package.json"] = HashContent(pkg)
	for _, r := range m.Domain {
		project.Resources = append(project.Resources, r.Answer())
	}
	data, err := project.Marshal()
	if err != nil {
		return nil, err
	}
	if err := add(File{Path: ProjectFileName, Data: data, Mode: 0o644}, CoreName); err != nil {
		return nil, err
	}
	plan.sort()
	return plan, nil
}

// renderFiles renders the model's files on as many threads as there are cores, in their order,
// and hashes each for scaffold.yaml on the thread that rendered it.
func (c *Catalog) renderFiles(m *Model) (files []File, hashes []string, err error) {
	files = make([]File, len(m.files))
	hashes = make([]string, len(m.files))
	errs := make([]error, len(m.files))
	// One namespace for the whole render, holding this model's functions: binding them per file
	// (a clone and a function map for each) was a third of what rendering allocated.
	set := template.New("").Option("missingkey=error").Funcs(templateFuncs(m))
	// Templates first: they are most of the work, and one left for last kept the other threads
	// waiting while it rendered. Copies are quick and even out the end.
	order := make([]int, 0, len(m.files))
	for _, templates := range []bool{true, false} {
		for i, of := range m.files {
			if strings.HasSuffix(of.src, templateSuffix) == templates {
				order = append(order, i)
			}
		}
	}
	var next atomic.Int64
	work := func() {
		growStack()
		var out outputArena
		for k := int(next.Add(1) - 1); k < len(order); k = int(next.Add(1) - 1) {
			i := order[k]
			files[i], errs[i] = c.renderFile(m, set, m.files[i], &out)
			if hashes[i] = m.files[i].hash; errs[i] == nil && hashes[i] == "" {
				hashes[i] = HashContent(files[i].Data)
			}
		}
	}
	// This goroutine works too, rather than waiting for the others to finish.
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(order)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	// The first error in file order, so that a broken template is reported the same way each time.
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return files, hashes, nil
}

// renderFile renders one file of m: a template is executed in set, the render's namespace, into
// out, and any other file is copied.
func (c *Catalog) renderFile(m *Model, set *template.Template, of ownedFile, out *outputArena) (File, error) {
	path := strings.TrimSuffix(of.out, templateSuffix)
	if !strings.HasSuffix(of.src, templateSuffix) {
		if data, ok := c.contents[of.src]; ok {
			return File{Path: path, Data: data, Mode: 0o644}, nil
		}
		data, err := fs.ReadFile(c.fsys, of.src)
		if err != nil {
			return File{}, fmt.Errorf("render: %w", err)
		}
		return File{Path: path, Data: data, Mode: 0o644}, nil
	}
	parsed, err := c.parsedTemplate(of.src)
	if err != nil {
		return File{}, err
	}
	var tdata any = m
	if of.data != nil {
		tdata = of.data
	}
	if err := parsed.execute(set, m, tdata, out); err != nil {
		if parsed.built {
			// Say where, as only trees from the parser can.
			if again, perr := c.parseTemplate(of.src); perr == nil {
				err = again.execute(set, m, tdata, out)
			}
		}
		if err != nil {
			return File{}, fmt.Errorf("render: %w", err)
		}
	}
	return File{Path: path, Data: out.take(), Mode: 0o644}, nil
}

// execute renders the template for m, with data as dot, into out; a failed render leaves out as
// it was.
func (t *cachedTemplate) execute(set *template.Template, m *Model, data any, out *outputArena) error {
	tmpl, err := t.in(set, m)
	if err != nil {
		return fmt.Errorf("%s: %w", t.Path, err)
	}
	if err := tmpl.Execute(out, data); err != nil {
		out.drop()
		return err
	}
	return nil
}

// growStack grows the calling goroutine's stack to 32 KiB, about what executing a template needs,
// in one step while the stack is shallow. text/template's recursion through reflection otherwise
// grows a new goroutine's 8 KiB stack twice or more in the middle of a render, and each growth
// copies every frame on it, looking up each one's pointer map. Measured on a whole `scaffold new`
// with every feature: 0.25 ms less CPU, 0.2 ms less wall.
//
//go:noinline
func growStack() {
	var pad [16 << 10]byte
	stackSink = pad[len(pad)-1]
}

// stackSink keeps growStack's frame from being optimised away.
var stackSink byte

// outputArena holds rendered files one after the other in a few large chunks. A file's length is
// not known before its template runs, and a buffer per file, grown as it filled, allocated and
// copied about twice what the files hold. It is not safe for concurrent use.
type outputArena struct {
	// chunk holds, up to its length, the files taken so far and, from start, the one being
	// written.
	chunk []byte
	start int
}

// arenaChunk is the smallest chunk an outputArena allocates: a few files of a project, most of
// which are shorter than 4 KiB; the longest (README.md) is over 40 KiB.
const arenaChunk = 64 << 10

// Write appends p to the file being written, moving it to a new chunk when this one is full.
func (a *outputArena) Write(p []byte) (int, error) {
	if len(a.chunk)+len(p) > cap(a.chunk) {
		cur := a.chunk[a.start:]
		next := make([]byte, len(cur), max(arenaChunk, 2*(len(cur)+len(p))))
		copy(next, cur)
		a.chunk, a.start = next, 0
	}
	a.chunk = append(a.chunk, p...)
	return len(p), nil
}

// take returns the file written since the last take or drop. Its capacity ends with it, so that
// appending to it cannot write into the next file.
func (a *outputArena) take() []byte {
	data := a.chunk[a.start:len(a.chunk):len(a.chunk)]
	a.start = len(a.chunk)
	return data
}

// drop forgets what was written since the last take or drop.
func (a *outputArena) drop() {
	a.chunk = a.chunk[:a.start]
}

// parsedTemplate returns the template src, parsed the first time the catalog renders it, unless
// the catalog came with it parsed: a catalog that renders again (sync renders a project twice,
// the benchmarks and tests many times) parses each template once. Its parse trees belong to no
// namespace; cachedTemplate.in puts them in one with a model's functions.
func (c *Catalog) parsedTemplate(src string) (*cachedTemplate, error) {
	if t, ok := c.parsed.Load(src); ok {
		return t.(*cachedTemplate), nil
	}
	parsed, err := c.parseTemplate(src)
	if err != nil {
		return nil, err
	}
	c.parsed.Store(src, parsed)
	return parsed, nil
}

// parseTemplate reads the template src and parses it.
func (c *Catalog) parseTemplate(src string) (*cachedTemplate, error) {
	data, ok := c.contents[src]
	if !ok {
		var err error
		if data, err = fs.ReadFile(c.fsys, src); err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
	}
	parsed, err := ParseTemplate(src, data)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return &cachedTemplate{ParsedTemplate: parsed}, nil
}

// ParsedTemplate is a template file's parse trees: the file's own first, named Path, then any it
// defines, in name order.
//
// A build may carry them as Go values (see CatalogSource.Parsed). Such trees hold no positions:
// their nodes cannot point back into a tree's text, which only the parser can set, and
// text/template reads that text to say where an error happened. A render that fails with one
// renders the file again from its source, to report the error as a parsed one does.
type ParsedTemplate struct {
	Path  string
	Trees []*parse.Tree
}

// ParseTemplate parses the template file path, whose text is data, as a render does.
func ParseTemplate(path string, data []byte) (ParsedTemplate, error) {
	// The parser is told to skip checking that the functions a template calls exist: checking
	// needs the names of text/template's built-in functions, which it does not export, and a list
	// of them here would fall behind a Go release that adds one. Execution still fails on an
	// unknown name, and TestTemplatesParse holds every template to text/template's own parser.
	tree := parse.New(path)
	tree.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := tree.Parse(string(data), "[[", "]]", trees); err != nil {
		return ParsedTemplate{}, fmt.Errorf("parse %s: %w", path, err)
	}
	parsed := ParsedTemplate{Path: path, Trees: []*parse.Tree{trees[path]}}
	for _, name := range slices.Sorted(maps.Keys(trees)) {
		if name != path {
			parsed.Trees = append(parsed.Trees, trees[name])
		}
	}
	return parsed, nil
}

// cachedTemplate is a template file's parse trees, parsed here or carried by the build.
type cachedTemplate struct {
	ParsedTemplate
	// built is whether the build carried the trees, which then hold no positions.
	built bool
}

// in returns the template ready to execute for m: added to set, the render's namespace, or, when
// the file defines templates of its own, in a namespace of its own so that its names cannot meet
// another file's.
func (t *cachedTemplate) in(set *template.Template, m *Model) (*template.Template, error) {
	if len(t.Trees) == 1 {
		return set.AddParseTree(t.Path, t.Trees[0])
	}
	own := template.New(t.Path).Option("missingkey=error").Funcs(templateFuncs(m))
	for _, tree := range t.Trees {
		if _, err := own.AddParseTree(tree.Name, tree); err != nil {
			return nil, err
		}
	}
	return own, nil
}

// outputPath maps a template path to the generated path.
func outputPath(p string) string {
	if !strings.Contains(p, dotPrefix) {
		return p
	}
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, dotPrefix) {
			parts[i] = "." + strings.TrimPrefix(s, dotPrefix)
		}
	}
	return strings.Join(parts, "/")
}

func templateFuncs(m *Model) template.FuncMap {
	return template.FuncMap{
		// imports returns the import block of a generated file.
		"imports": func(file string) string { return strings.Join(m.ImportLines(file), "\n") },
		// indent indents every non-empty line of s by n spaces, for multi-line snippets.
		"indent": func(n int, s string) string {
			pad := strings.Repeat(" ", n)
			lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
			for i, l := range lines {
				if l != "" {
					lines[i] = pad + l
				}
			}
			return strings.Join(lines, "\n")
		},
		"lines":        m.Lines,
		"join":         strings.Join,
		"trimRight":    func(s string) string { return strings.TrimRight(s, "\n") },
		"envTable":     m.envTable,
		"scriptsTable": m.scriptsTable,
		"pipelineList": m.pipelineList,
		"newSecret":    NewSecretCommand,
		// has reports whether the project has a feature (internal ones, such as auth, included).
		"has": func(feature string) bool { return m.res != nil && m.res.Has(feature) },
	}
}

// NewSecretCommand returns a shell command that appends a random value for the secret variable
// name to .env: 32 random bytes, as the generated config.js expects of a secret.
func NewSecretCommand(name string) string {
	return `node -p "'` + name + `=' + require('node:crypto').randomBytes(32).toString('base64url')" >> .env`
}

// HashContent is the content hash scaffold.yaml records for a file.
func HashContent(data []byte) string {
	const prefix = "sha256:"
	sum := sha256.Sum256(data)
	// One allocation for the string, where the hex encoding and the concatenation took two.
	var b [len(prefix) + 2*sha256.Size]byte
	copy(b[:], prefix)
	hex.Encode(b[len(prefix):], sum[:])
	return string(b[:])
}
