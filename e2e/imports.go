package e2e

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// packageJSON is the part of a package.json the checks read.
type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
}

func readPackageJSON(file string) (*packageJSON, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var pkg packageJSON
	if err := json.Unmarshal(data, &pkg); err != nil {
		return nil, fmt.Errorf("parse %s: %w", file, err)
	}
	return &pkg, nil
}

// ImportProblem is an import that a project's package.json does not allow.
type ImportProblem struct {
	File      string // slash-separated, relative to the project
	Specifier string // as written in the import
	Package   string // the npm package the specifier names
	Reason    string
}

func (p ImportProblem) String() string {
	return fmt.Sprintf("%s: import %q: %s", p.File, p.Specifier, p.Reason)
}

// runtimeDirs hold the code that runs in production, where devDependencies are not installed.
var runtimeDirs = []string{"src", "migrations"}

// CheckImports proves that a project imports only what its own package.json declares. It reads
// every JavaScript file below dir (node_modules excluded) and, for each import of an npm package
// (static imports, export-from and dynamic import() of a string literal), requires the package in
// dependencies, or, outside src/ and migrations/, in dependencies or devDependencies. Relative
// imports and node: builtins need nothing. It does not resolve files: a relative import of a
// missing file is the project's own tests' business.
func CheckImports(dir string) ([]ImportProblem, error) {
	pkg, err := readPackageJSON(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("check imports: %w", err)
	}
	var problems []ImportProblem
	err = filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "node_modules" || name == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(file); ext != ".js" && ext != ".mjs" && ext != ".cjs" {
			return nil
		}
		src, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, file)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		for _, spec := range ModuleSpecifiers(string(src)) {
			if p, ok := checkSpecifier(pkg, rel, spec); !ok {
				problems = append(problems, p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check imports: %w", err)
	}
	return problems, nil
}

// checkSpecifier reports whether file may import spec, and the problem when it may not.
func checkSpecifier(pkg *packageJSON, file, spec string) (ImportProblem, bool) {
	name, isPackage := PackageName(spec)
	if !isPackage {
		return ImportProblem{}, true
	}
	problem := ImportProblem{File: file, Specifier: spec, Package: name}
	_, inDeps := pkg.Dependencies[name]
	_, inDevDeps := pkg.DevDependencies[name]
	runtime := slices.Contains(runtimeDirs, strings.SplitN(file, "/", 2)[0])
	switch {
	case inDeps:
		return ImportProblem{}, true
	case inDevDeps && !runtime:
		return ImportProblem{}, true
	case inDevDeps:
		problem.Reason = fmt.Sprintf("%s is only in devDependencies, which are not installed in production; code under %s/ needs it in dependencies", name, strings.Join(runtimeDirs, "/ and "))
	case runtime:
		problem.Reason = fmt.Sprintf("package.json does not declare %s in dependencies", name)
	default:
		problem.Reason = fmt.Sprintf("package.json does not declare %s in dependencies or devDependencies", name)
	}
	if nodeBuiltins[name] {
		problem.Reason += fmt.Sprintf(" (%s is a Node.js builtin: import it as node:%s)", name, name)
	}
	return problem, false
}

// PackageName returns the npm package a module specifier names ("@scope/name" or "name", without
// a subpath), and false for specifiers that name no package: relative and absolute paths,
// package.json "imports" (#name) and URLs such as node:fs.
func PackageName(spec string) (string, bool) {
	switch {
	case spec == "", strings.HasPrefix(spec, "."), strings.HasPrefix(spec, "/"), strings.HasPrefix(spec, "#"):
		return "", false
	case strings.Contains(strings.SplitN(spec, "/", 2)[0], ":"):
		return "", false // node:fs, data:..., file:///...
	case strings.HasPrefix(spec, "@"):
		parts := strings.SplitN(spec, "/", 3)
		if len(parts) < 2 {
			return spec, true
		}
		return path.Join(parts[0], parts[1]), true
	}
	return strings.SplitN(spec, "/", 2)[0], true
}

// nodeBuiltins are the Node.js core modules that can be imported without the node: prefix.
var nodeBuiltins = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`assert async_hooks buffer child_process cluster console
		constants crypto dgram diagnostics_channel dns domain events fs http http2 https inspector
		module net os path perf_hooks process punycode querystring readline repl stream
		string_decoder sys timers tls trace_events tty url util v8 vm wasi worker_threads zlib`) {
		nodeBuiltins[name] = true
	}
}

// ModuleSpecifiers returns, in order, the module specifiers a JavaScript module imports: from
// static import declarations (import x from 'm', import 'm', import * as x from 'm', ...), from
// export-from declarations (export { x } from 'm', export * from 'm') and from dynamic imports of
// a string literal (import('m')). Imports inside comments, strings, template literals and regular
// expressions are not imports; import.meta and dynamic imports of computed specifiers are skipped.
func ModuleSpecifiers(src string) []string {
	toks := lexJS(src)
	var specs []string
	for i, t := range toks {
		if t.kind != tokName || t.text != "import" && t.text != "export" {
			continue
		}
		if i > 0 && toks[i-1].kind == tokPunct && toks[i-1].text == "." {
			continue // a property named import, as in obj.import(...)
		}
		if spec, ok := specifierAfter(toks, i); ok {
			specs = append(specs, spec)
		}
	}
	return specs
}

// specifierAfter parses the import or export declaration (or dynamic import) starting at toks[i].
func specifierAfter(toks []token, i int) (string, bool) {
	at := func(j int) token {
		if j < len(toks) {
			return toks[j]
		}
		return token{kind: tokOther}
	}
	punct := func(j int, s string) bool { return at(j).kind == tokPunct && at(j).text == s }
	name := func(j int, s string) bool { return at(j).kind == tokName && at(j).text == s }
	// named parses { a, b as c, "d" as e } and returns the index after it.
	named := func(j int) (int, bool) {
		if !punct(j, "{") {
			return j, false
		}
		for j++; j < len(toks); j++ {
			switch {
			case punct(j, "}"):
				return j + 1, true
			case at(j).kind == tokName, at(j).kind == tokString, punct(j, ","):
			default:
				return j, false
			}
		}
		return j, false
	}
	from := func(j int) (string, bool) {
		if name(j, "from") && at(j+1).kind == tokString {
			return at(j + 1).text, true
		}
		return "", false
	}
	j := i + 1
	if toks[i].text == "export" {
		switch {
		case punct(j, "*"):
			j++
			if name(j, "as") && at(j+1).kind == tokName {
				j += 2
			}
		case punct(j, "{"):
			var ok bool
			if j, ok = named(j); !ok {
				return "", false
			}
		default:
			return "", false // export const, export default, export function, ...
		}
		return from(j)
	}
	switch {
	case at(j).kind == tokString:
		return at(j).text, true // import 'm'
	case punct(j, "("):
		if at(j+1).kind == tokString && (punct(j+2, ")") || punct(j+2, ",")) {
			return at(j + 1).text, true // import('m'), import('m', { with: ... })
		}
		return "", false
	case punct(j, "."):
		return "", false // import.meta
	}
	// import d from, import d, * as ns from, import d, { a } from, import * as ns from, import { a } from
	namespace := func(j int) (int, bool) {
		if punct(j, "*") && name(j+1, "as") && at(j+2).kind == tokName {
			return j + 3, true
		}
		return j, false
	}
	if at(j).kind == tokName {
		if _, ok := from(j); ok {
			return "", false // "import from 'm'" is not JavaScript
		}
		j++
		if !punct(j, ",") {
			return from(j)
		}
		j++
	}
	if k, ok := namespace(j); ok {
		return from(k)
	}
	if k, ok := named(j); ok {
		return from(k)
	}
	return "", false
}

type tokenKind int

const (
	tokName   tokenKind = iota // an identifier or keyword
	tokString                  // a string literal, or a template literal without substitutions
	tokPunct                   // one punctuation character
	tokOther                   // a number, a regular expression, a template with substitutions
)

// token is a JavaScript token, as far as finding imports needs: comments and white space are
// dropped, and a string's text is what is between its quotes.
type token struct {
	kind tokenKind
	text string
}

// lexer splits JavaScript into tokens. It knows strings, template literals (with substitutions),
// comments and regular expression literals, which is what keeps import-like text inside them from
// looking like code. A slash is a regular expression where an expression may start, the usual
// heuristic; it can misread code no formatter would leave, never formatted code.
type lexer struct {
	src  string
	pos  int
	toks []token
}

func lexJS(src string) []token {
	l := &lexer{src: src}
	l.code(false)
	return l.toks
}

// code lexes until the end of the source or, in a template substitution, the brace closing it.
func (l *lexer) code(inSubstitution bool) {
	depth := 0
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		rest := l.src[l.pos:]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			l.pos++
		case strings.HasPrefix(rest, "//"):
			if end := strings.IndexByte(rest, '\n'); end >= 0 {
				l.pos += end
			} else {
				l.pos = len(l.src)
			}
		case strings.HasPrefix(rest, "/*"):
			if end := strings.Index(rest[2:], "*/"); end >= 0 {
				l.pos += 2 + end + 2
			} else {
				l.pos = len(l.src)
			}
		case c == '\'' || c == '"':
			l.quoted(c)
		case c == '`':
			l.template()
		case c == '/' && l.regexAllowed():
			l.regex()
		case isNameByte(c) && !(c >= '0' && c <= '9'):
			start := l.pos
			for l.pos < len(l.src) && isNameByte(l.src[l.pos]) {
				l.pos++
			}
			l.toks = append(l.toks, token{tokName, l.src[start:l.pos]})
		case c >= '0' && c <= '9':
			start := l.pos
			for l.pos < len(l.src) && (isNameByte(l.src[l.pos]) || l.src[l.pos] == '.') {
				l.pos++
			}
			l.toks = append(l.toks, token{tokOther, l.src[start:l.pos]})
		default:
			if inSubstitution {
				if c == '{' {
					depth++
				} else if c == '}' {
					if depth == 0 {
						l.pos++
						return
					}
					depth--
				}
			}
			l.toks = append(l.toks, token{tokPunct, string(c)})
			l.pos++
		}
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// quoted reads a string literal; an unterminated one ends at the end of its line.
func (l *lexer) quoted(quote byte) {
	l.pos++
	start := l.pos
	for l.pos < len(l.src) && l.src[l.pos] != quote && l.src[l.pos] != '\n' {
		if l.src[l.pos] == '\\' {
			l.pos++
		}
		l.pos++
	}
	end := min(l.pos, len(l.src))
	l.toks = append(l.toks, token{tokString, l.src[start:end]})
	l.pos = end + 1
}

// template reads a template literal, lexing its substitutions as code.
func (l *lexer) template() {
	l.pos++
	start := l.pos
	substituted := false
	for l.pos < len(l.src) {
		switch {
		case l.src[l.pos] == '\\':
			l.pos += 2
		case l.src[l.pos] == '`':
			kind := tokString
			if substituted {
				kind = tokOther
			}
			l.toks = append(l.toks, token{kind, l.src[start:l.pos]})
			l.pos++
			return
		case strings.HasPrefix(l.src[l.pos:], "${"):
			substituted = true
			l.pos += 2
			l.code(true)
		default:
			l.pos++
		}
	}
}

// regexAllowed reports whether a slash here starts a regular expression rather than dividing.
func (l *lexer) regexAllowed() bool {
	if len(l.toks) == 0 {
		return true
	}
	prev := l.toks[len(l.toks)-1]
	switch prev.kind {
	case tokPunct:
		return prev.text != ")" && prev.text != "]" && prev.text != "}"
	case tokName:
		switch prev.text {
		case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await":
			return true
		}
	}
	return false
}

// regex reads a regular expression literal and its flags.
func (l *lexer) regex() {
	start := l.pos
	l.pos++
	inClass := false
	for l.pos < len(l.src) && l.src[l.pos] != '\n' {
		c := l.src[l.pos]
		l.pos++
		switch {
		case c == '\\':
			l.pos++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			for l.pos < len(l.src) && isNameByte(l.src[l.pos]) {
				l.pos++
			}
			l.toks = append(l.toks, token{tokOther, l.src[start:l.pos]})
			return
		}
	}
	l.toks = append(l.toks, token{tokOther, l.src[start:min(l.pos, len(l.src))]})
}
