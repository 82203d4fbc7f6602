package generator

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"text/template"

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
