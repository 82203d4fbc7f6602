package generator

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// jsPosition is the " on line N and column M" the parser appends to its messages. The lines it
// counts are those of the merged file without conflict markers, which the user never sees, so
// the position is dropped rather than left to mislead.
var jsPosition = lazyRegexp(` on line \d+ and column \d+$`)

// checkJavaScript reports why src is not a valid JavaScript file, or nil when it is. module says
// whether src is an ES module (.js, .mjs in generated projects) rather than CommonJS (.cjs): in a
// module every top-level declaration but var is lexical, so a name declared twice there is an
// error even where a script would allow it.
//
// The parser catches syntax errors and most redeclarations (let, const, class), but not those of
// import bindings, nor a function declared twice or beside an import, which are exactly what two
// sides adding the same import give; checkTopLevel covers those from its syntax tree.
func checkJavaScript(src []byte, module bool) error {
	ast, err := js.Parse(parse.NewInputBytes(src), js.Options{})
	if err != nil {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		return errors.New(jsPosition().ReplaceAllString(msg, ""))
	}
	return checkTopLevel(ast, module)
}

// checkTopLevel reports a name bound twice at the top level of a file, or exported twice.
func checkTopLevel(ast *js.AST, module bool) error {
	const (
		varLike = iota // may be redeclared by another var-like declaration
		lexical
	)
	bound := map[string]int{}
	exported := map[string]bool{}
	bind := func(name []byte, kind int) error {
		if len(name) == 0 {
			return nil
		}
		prev, ok := bound[string(name)]
		if ok && (prev == lexical || kind == lexical) {
			return fmt.Errorf("identifier %s has already been declared", name)
		}
		if !ok || kind == lexical {
			bound[string(name)] = kind
		}
		return nil
	}
	export := func(name string) error {
		if exported[name] {
			return fmt.Errorf("duplicate export %s", name)
		}
		exported[name] = true
		return nil
	}
	// A function at the top of a module is lexical; in a CommonJS script it is like var.
	funcKind := varLike
	if module {
		funcKind = lexical
	}
	declare := func(decl js.INode) ([]string, error) {
		var names []string
		switch d := decl.(type) {
		case *js.VarDecl:
			kind := lexical
			if d.TokenType == js.VarToken {
				kind = varLike
			}
			for _, el := range d.List {
				for _, name := range bindingNames(el.Binding) {
					if err := bind(name, kind); err != nil {
						return nil, err
					}
					names = append(names, string(name))
				}
			}
		case *js.FuncDecl:
			if d.Name != nil {
				names = append(names, string(d.Name.Data))
				return names, bind(d.Name.Data, funcKind)
			}
		case *js.ClassDecl:
			if d.Name != nil {
				names = append(names, string(d.Name.Data))
				return names, bind(d.Name.Data, lexical)
			}
		}
		return names, nil
	}
	for _, stmt := range ast.List {
		switch s := stmt.(type) {
		case *js.ImportStmt:
			if err := bind(s.Default, lexical); err != nil {
				return err
			}
			for _, alias := range s.List {
				if err := bind(alias.Binding, lexical); err != nil {
					return err
				}
			}
		case *js.ExportStmt:
			if s.Decl != nil {
				names, err := declare(s.Decl)
				if err != nil {
					return err
				}
				if s.Default {
					names = []string{"default"}
				}
				for _, name := range names {
					if err := export(name); err != nil {
						return err
					}
				}
				continue
			}
			for _, alias := range s.List {
				// `export * from` names nothing; a trailing comma leaves an empty alias.
				if alias.Binding == nil || alias.Name == nil && string(alias.Binding) == "*" {
					continue
				}
				if err := export(string(alias.Binding)); err != nil {
					return err
				}
			}
		default:
			if _, err := declare(stmt); err != nil {
				return err
			}
		}
	}
	return nil
}

// bindingNames lists the names a binding pattern declares: `a`, `{ a, b: [c] }`, `[d, ...e]`.
func bindingNames(b js.IBinding) [][]byte {
	switch b := b.(type) {
	case *js.Var:
		return [][]byte{b.Data}
	case *js.BindingArray:
		var out [][]byte
		for _, el := range b.List {
			out = append(out, bindingNames(el.Binding)...)
		}
		return append(out, bindingNames(b.Rest)...)
	case *js.BindingObject:
		var out [][]byte
		for _, item := range b.List {
			out = append(out, bindingNames(item.Value.Binding)...)
		}
		if b.Rest != nil {
			out = append(out, b.Rest.Data)
		}
		return out
	}
	return nil
}

// isJavaScript reports whether a file at path is JavaScript the merge should keep parseable, and
// whether it is an ES module.
func isJavaScript(path string) (js, module bool) {
	switch {
	case strings.HasSuffix(path, ".cjs"):
		return true, false
	case strings.HasSuffix(path, ".js"), strings.HasSuffix(path, ".mjs"):
		// Generated projects are "type": "module", so their .js files are ES modules.
		return true, true
	}
	return false, false
}
