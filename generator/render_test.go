package generator

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"
	"text/template/parse"

	"github.com/scaffold-cli/scaffold/templates"
)

// TestTemplatesParse parses every entry template with text/template's own parser, which checks
// the names of the functions a template calls, built-in ones included: rendering skips that
// check, so a misspelt function in a branch no golden reaches would otherwise fail only for the
// user who reaches it.
func TestTemplatesParse(t *testing.T) {
	n := 0
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, templateSuffix) || !strings.Contains(p, "/files/") {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		n++
		if _, err := template.New(p).Delims("[[", "]]").Funcs(templateFuncs(&Model{})).Parse(string(data)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no templates found")
	}
}

// TestJSONString holds jsonString's shortcut to the encoder it stands for.
func TestJSONString(t *testing.T) {
	for _, s := range []string{"", "demo", "node --test", "a\"b", `a\b`, "a\nb", "a\tb", "<a>&", "é", "\u2028", "\x7f", "a b/c@1.2.3", "\xff"} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := jsonString(s), strings.TrimSuffix(buf.String(), "\n"); got != want {
			t.Errorf("jsonString(%q) = %s, want %s", s, got, want)
		}
	}
}

// builtTreesCatalog returns a catalog whose core has the one template broken.txt.tmpl, and the
// same catalog carrying built as that template's trees, as internal/builtin carries its own.
func builtTreesCatalog(t *testing.T, text string, built *parse.ListNode) (parsed, carried *Catalog) {
	t.Helper()
	fsys := fstest.MapFS{
		"catalog.yaml":               {Data: []byte("features: []\nnpm: {}\n")},
		"core/manifest.yaml":         {Data: []byte("name: core\nsummary: the core\n")},
		"core/files/broken.txt.tmpl": {Data: []byte(text)},
	}
	src, err := ReadCatalogSource(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if parsed, err = NewCatalog(fsys, src); err != nil {
		t.Fatal(err)
	}
	const name = "core/files/broken.txt.tmpl"
	src.Parsed = []ParsedTemplate{{Path: name, Trees: []*parse.Tree{{Name: name, ParseName: name, Root: built}}}}
	if carried, err = NewCatalog(fsys, src); err != nil {
		t.Fatal(err)
	}
	return parsed, carried
}

// renderCore renders the core service of c.
func renderCore(c *Catalog) (*Result, error) {
	res, err := c.Resolve(nil)
	if err != nil {
		return nil, err
	}
	return c.Generate("svc", res, nil)
}

// TestRenderUsesBuiltTrees checks that a catalog carrying a template's trees renders them rather
// than parsing the file again.
func TestRenderUsesBuiltTrees(t *testing.T) {
	_, carried := builtTreesCatalog(t, "from the file\n", &parse.ListNode{NodeType: parse.NodeList, Nodes: []parse.Node{
		&parse.TextNode{NodeType: parse.NodeText, Text: []byte("from the build: ")},
		&parse.ActionNode{NodeType: parse.NodeAction, Line: 1, Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Line: 1, Cmds: []*parse.CommandNode{
			{NodeType: parse.NodeCommand, Args: []parse.Node{&parse.FieldNode{NodeType: parse.NodeField, Ident: []string{"Name"}}}},
		}}},
	}})
	result, err := renderCore(carried)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range result.Plan.Files {
		if f.Path == "broken.txt" {
			if got := string(f.Data); got != "from the build: svc" {
				t.Fatalf("broken.txt = %q, want the built trees rendered", got)
			}
			return
		}
	}
	t.Fatal("broken.txt was not rendered")
}

// TestRenderErrorFromBuiltTreesSaysWhere checks that a template carried as built trees, which
// have no positions, fails with the error its parsed source gives, line and column included.
func TestRenderErrorFromBuiltTreesSaysWhere(t *testing.T) {
	parsed, carried := builtTreesCatalog(t, "line one\n[[ .NoSuchField ]]\n", &parse.ListNode{NodeType: parse.NodeList, Nodes: []parse.Node{
		&parse.TextNode{NodeType: parse.NodeText, Text: []byte("line one\n")},
		&parse.ActionNode{NodeType: parse.NodeAction, Line: 2, Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Line: 2, Cmds: []*parse.CommandNode{
			{NodeType: parse.NodeCommand, Args: []parse.Node{&parse.FieldNode{NodeType: parse.NodeField, Ident: []string{"NoSuchField"}}}},
		}}},
		&parse.TextNode{NodeType: parse.NodeText, Text: []byte("\n")},
	}})
	_, want := renderCore(parsed)
	if want == nil || !strings.Contains(want.Error(), "broken.txt.tmpl:2:3") {
		t.Fatalf("parsed: got %v, want an error at broken.txt.tmpl:2:3", want)
	}
	_, got := renderCore(carried)
	if got == nil || got.Error() != want.Error() {
		t.Fatalf("built trees: got %v, want %v", got, want)
	}
}
