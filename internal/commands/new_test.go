package commands

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
	"github.com/scaffold-cli/scaffold/internal/prompt"
	"github.com/scaffold-cli/scaffold/templates"
)

// stubPrompter answers from fixed values and records what it was asked.
type stubPrompter struct {
	name     string
	features []string
	asked    []string
	offered  []string
}

func (s *stubPrompter) Input(title, _ string, validate func(string) error) (string, error) {
	s.asked = append(s.asked, title)
	return s.name, validate(s.name)
}

func (s *stubPrompter) MultiSelect(title, _ string, options []prompt.Option) ([]string, error) {
	s.asked = append(s.asked, title)
	for _, o := range options {
		s.offered = append(s.offered, o.Value)
	}
	return s.features, nil
}

// fakeRunner records commands and fails those listed in fail.
type fakeRunner struct {
	missing []string
	fail    map[string]error
	ran     []string
}

func (r *fakeRunner) LookPath(name string) error {
	if slices.Contains(r.missing, name) {
		return fmt.Errorf("%s: not found", name)
	}
	return nil
}

func (r *fakeRunner) Run(_ context.Context, _ string, _, _ io.Writer, name string, args ...string) error {
	line := name + " " + strings.Join(args, " ")
	r.ran = append(r.ran, line)
	for prefix, err := range r.fail {
		if strings.HasPrefix(line, prefix) {
			return err
		}
	}
	return nil
}

// testFactory returns a factory over buffers, in a fresh working directory.
func testFactory(t *testing.T, tty bool, p prompt.Prompter, r Runner) (f *Factory, out, errOut *bytes.Buffer) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetTTY(tty)
	t.Chdir(t.TempDir())
	return &Factory{IOStreams: ios, Prompter: p, Templates: templates.FS, Runner: r}, out, errOut
}

func TestNewPromptsForWhatIsMissing(t *testing.T) {
	p := &stubPrompter{name: "shop", features: nil}
	r := &fakeRunner{}
	f, out, errOut := testFactory(t, true, p, r)
	if err := runNew(context.Background(), &NewOptions{Factory: f, NoInstall: true, NoGit: true}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Project name", "Features"}, p.asked); diff != "" {
		t.Errorf("prompts (-want +got):\n%s", diff)
	}
	if !strings.Contains(errOut.String(), "To do this again without prompts:\n  scaffold new shop --yes --no-install --no-git\n") {
		t.Errorf("stderr does not show the equivalent command:\n%s", errOut)
	}
	if !strings.Contains(out.String(), "Created shop in shop") {
		t.Errorf("stdout: %s", out)
	}
	if _, err := os.Stat(filepath.Join("shop", "src", "app.js")); err != nil {
		t.Error(err)
	}
	if len(r.ran) != 0 {
		t.Errorf("ran %v with --no-install --no-git", r.ran)
	}
}

func TestNewDoesNotPromptWithYesOrFlags(t *testing.T) {
	p := &stubPrompter{}
	f, _, errOut := testFactory(t, true, p, &fakeRunner{})
	opts := &NewOptions{Factory: f, Name: "api", NameSet: true, Yes: true, NoInstall: true, NoGit: true}
	if err := runNew(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if len(p.asked) != 0 {
		t.Errorf("asked %v although every answer was given", p.asked)
	}
	if strings.Contains(errOut.String(), "without prompts") {
		t.Errorf("printed an equivalent command without prompting:\n%s", errOut)
	}
}

func TestNewWithoutTerminalNamesTheFlag(t *testing.T) {
	f, _, _ := testFactory(t, false, &stubPrompter{}, &fakeRunner{})
	err := runNew(context.Background(), &NewOptions{Factory: f, Name: "api", NameSet: true})
	var flagErr *FlagError
	if !errors.As(err, &flagErr) || !strings.Contains(err.Error(), "missing --features") {
		t.Fatalf("err = %v, want a usage error naming --features", err)
	}
}

func TestNewRunsNpmAndGit(t *testing.T) {
	r := &fakeRunner{}
	f, out, _ := testFactory(t, false, nil, r)
	if err := runNew(context.Background(), &NewOptions{Factory: f, Name: "api", NameSet: true, Yes: true}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"npm install --no-audit --no-fund --no-progress --loglevel=warn",
		"git init --quiet",
		"git add --all",
		"git commit --quiet --message Initial commit from scaffold",
	}
	if diff := cmp.Diff(want, r.ran); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
	if strings.Contains(out.String(), "npm install") {
		t.Errorf("next steps ask for npm install after it ran:\n%s", out)
	}
}

// Git is a convenience: without it, or without an identity to commit with, the project is still
// complete and the command succeeds with a warning.
func TestNewGitProblemsAreWarnings(t *testing.T) {
	for name, r := range map[string]*fakeRunner{
		"no git":      {missing: []string{"git"}},
		"no identity": {fail: map[string]error{"git commit": errors.New("exit status 128")}},
	} {
		t.Run(name, func(t *testing.T) {
			f, _, errOut := testFactory(t, false, nil, r)
			err := runNew(context.Background(), &NewOptions{Factory: f, Name: "api", NameSet: true, Yes: true, NoInstall: true})
			if err != nil {
				t.Fatalf("runNew: %v", err)
			}
			if !strings.Contains(errOut.String(), "warning: git") {
				t.Errorf("no warning on stderr:\n%s", errOut)
			}
			if _, err := os.Stat(filepath.Join("api", "package.json")); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestNewNpmFailureKeepsTheProject(t *testing.T) {
	r := &fakeRunner{fail: map[string]error{"npm install": errors.New("exit status 1")}}
	f, _, _ := testFactory(t, false, nil, r)
	err := runNew(context.Background(), &NewOptions{Factory: f, Name: "api", NameSet: true, Yes: true, NoGit: true})
	if err == nil || !strings.Contains(err.Error(), "npm install") || !strings.Contains(err.Error(), "the project is written") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join("api", "package.json")); err != nil {
		t.Error(err)
	}
}

func TestCompleteList(t *testing.T) {
	names := []string{"jwt", "sessions", "redis"}
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"", []string{"jwt", "sessions", "redis"}},
		{"re", []string{"redis"}},
		{"jwt,", []string{"jwt,sessions", "jwt,redis"}},
		{"jwt,redis,s", []string{"jwt,redis,sessions"}},
		{"x", nil},
	} {
		var got []string
		for _, c := range completeList(tt.in, names) {
			got = append(got, string(c))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("completeList(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// A catalog with one available feature, to exercise the feature prompt before real features land.
var promptCatalog = fstest.MapFS{
	"catalog.yaml":                      {Data: []byte("features: [extra, later]\nnpm: {}\n")},
	"core/manifest.yaml":                {Data: []byte("name: core\nsummary: the core\n")},
	"core/files/README.md.tmpl":         {Data: []byte("# [[ .Name ]]\n")},
	"features/extra/manifest.yaml":      {Data: []byte("name: extra\nsummary: an extra module\n")},
	"features/extra/files/src/x.js":     {Data: []byte("export const x = 1;\n")},
	"features/later/manifest.yaml":      {Data: []byte("name: later\nsummary: not yet\nplanned: true\n")},
	"features/later/files/src/later.js": {Data: []byte("\n")},
}

func TestNewAsksForFeatures(t *testing.T) {
	p := &stubPrompter{name: "shop", features: []string{"extra"}}
	f, _, errOut := testFactory(t, true, p, &fakeRunner{})
	f.Templates = promptCatalog
	if err := runNew(context.Background(), &NewOptions{Factory: f, NoInstall: true, NoGit: true}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Project name", "Features"}, p.asked); diff != "" {
		t.Errorf("prompts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"extra"}, p.offered); diff != "" {
		t.Errorf("offered features (-want +got):\n%s", diff)
	}
	if !strings.Contains(errOut.String(), "  scaffold new shop --features extra --no-install --no-git\n") {
		t.Errorf("stderr does not show the equivalent command:\n%s", errOut)
	}
	if _, err := os.Stat(filepath.Join("shop", "src", "x.js")); err != nil {
		t.Error(err)
	}
}
