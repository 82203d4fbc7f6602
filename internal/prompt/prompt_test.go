package prompt

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var features = []Option{{"jwt", "jwt — tokens"}, {"redis", "redis — cache"}, {"postgres", "postgres — database"}}

func TestMultiSelectKeys(t *testing.T) {
	for _, tc := range []struct {
		name, keys string
		want       []string
	}{
		{"enter alone chooses nothing", "\r", nil},
		{"space selects under the cursor", " \r", []string{"jwt"}},
		{"arrows move", "\x1b[B \x1b[B \x1b[A \r", []string{"postgres"}},
		{"application-mode arrows", "\x1bOB \r", []string{"redis"}},
		{"j and k move, x toggles", "jxjxkx\r", []string{"postgres"}},
		{"moving up from the top wraps", "\x1b[A \r", []string{"postgres"}},
		{"choices come in option order", "jj k k \r", []string{"jwt", "redis", "postgres"}},
		{"other sequences are ignored", "\x1b[C \x1b[3~\r", []string{"jwt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			p := &Terminal{In: strings.NewReader(tc.keys), Out: &out}
			got, err := p.MultiSelect("Features", "Space selects", features)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("chose %q, want %q", got, tc.want)
			}
			if !strings.HasSuffix(out.String(), "\n") {
				t.Errorf("output does not end its line: %q", out.String())
			}
		})
	}
}

func TestMultiSelectShowsTheChoice(t *testing.T) {
	var out bytes.Buffer
	p := &Terminal{In: strings.NewReader("j \r"), Out: &out}
	if _, err := p.MultiSelect("Features", "Space selects", features); err != nil {
		t.Fatal(err)
	}
	last := out.String()[strings.LastIndex(out.String(), "\x1b[J")+len("\x1b[J"):]
	want := "┃ Features\r\n┃ Space selects\r\n┃   [ ] jwt — tokens\r\n┃   [•] redis — cache\r\n┃   [ ] postgres — database\n"
	if last != want {
		t.Errorf("final screen\n%q\nwant\n%q", last, want)
	}
}

func TestAbort(t *testing.T) {
	for _, keys := range []string{"\x03", "\x04", "\x1b", " j", ""} {
		p := &Terminal{In: strings.NewReader(keys), Out: &bytes.Buffer{}}
		if _, err := p.MultiSelect("Features", "", features); !errors.Is(err, ErrAborted) {
			t.Errorf("MultiSelect after %q: %v, want ErrAborted", keys, err)
		}
		if _, err := p.Input("Name", "", nil); !errors.Is(err, ErrAborted) {
			t.Errorf("Input after %q: %v, want ErrAborted", keys, err)
		}
	}
}

func TestInputKeys(t *testing.T) {
	notEmpty := func(s string) error {
		if s == "" {
			return errors.New("it is empty")
		}
		return nil
	}
	for _, tc := range []struct{ keys, want string }{
		{"api\r", "api"},
		{"apx\x7fi\r", "api"},
		{"old\x15new\r", "new"},
		{"\rapi\r", "api"},       // refused while empty
		{"sërvice\r", "sërvice"}, // a backspace would take a whole character
	} {
		var out bytes.Buffer
		p := &Terminal{In: strings.NewReader(tc.keys), Out: &out}
		got, err := p.Input("Project name", "", notEmpty)
		if err != nil {
			t.Fatalf("Input after %q: %v", tc.keys, err)
		}
		if got != tc.want {
			t.Errorf("Input after %q = %q, want %q", tc.keys, got, tc.want)
		}
	}
	var out bytes.Buffer
	p := &Terminal{In: strings.NewReader("\rx\r"), Out: &out}
	if _, err := p.Input("Project name", "", notEmpty); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "┃ * it is empty") {
		t.Errorf("the refusal was not shown: %q", out.String())
	}
}

func TestLinesFitTheWidth(t *testing.T) {
	var out bytes.Buffer
	p := &Terminal{In: strings.NewReader("\r"), Out: &out, Width: 20}
	if _, err := p.MultiSelect("Features", "", []Option{{"x", strings.Repeat("long ", 10)}}); err != nil {
		t.Fatal(err)
	}
	screen := regexp.MustCompile(`\x1b\[[0-9]*[A-Z]`).ReplaceAllString(out.String(), "")
	for _, l := range strings.FieldsFunc(screen, func(r rune) bool { return r == '\r' || r == '\n' }) {
		if n := len([]rune(l)); n > 20 {
			t.Errorf("line of %d columns on a terminal of 20: %q", n, l)
		}
	}
}

func TestAccessible(t *testing.T) {
	in := strings.NewReader("\n/bad\napi\n2\nx\n9\n3\n2\n2\n\n")
	var out bytes.Buffer
	p := &Terminal{In: in, Out: &out, Accessible: true}
	name, err := p.Input("Project name", "Used for the directory", func(s string) error {
		if s == "" || strings.Contains(s, "/") {
			return fmt.Errorf("%q is not a name", s)
		}
		return nil
	})
	if err != nil || name != "api" {
		t.Fatalf("Input = %q, %v; want api", name, err)
	}
	// Each prompt read only its own lines: the rest is still there for the next one.
	chosen, err := p.MultiSelect("Features", "", features)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"redis", "postgres"}; !slices.Equal(chosen, want) {
		t.Errorf("MultiSelect = %q, want %q", chosen, want)
	}
	for _, want := range []string{`Error: "" is not a name`, `Error: "/bad" is not a name`, `Error: "x" is not a number from 1 to 3`,
		`Error: "9" is not a number from 1 to 3`, "2. [x] redis — cache"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Errorf("accessible output has control sequences:\n%q", out.String())
	}
	if _, err := p.Input("Again", "", nil); !errors.Is(err, ErrAborted) {
		t.Errorf("Input at the end of input: %v, want ErrAborted", err)
	}
}
