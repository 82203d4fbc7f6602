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
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/generator"
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
	options  []prompt.Option
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
	s.options = options
	return s.features, nil
}

// fakeRunner records commands, fails those listed in fail, and prints the output in stdout for
// those it lists (both keyed by a prefix of the command line).
type fakeRunner struct {
	missing []string
	fail    map[string]error
	stdout  map[string]string
	ran     []string
}

func (r *fakeRunner) LookPath(name string) error {
	if slices.Contains(r.missing, name) {
		return fmt.Errorf("%s: not found", name)
	}
	return nil
}

func (r *fakeRunner) Run(_ context.Context, _ string, stdout, _ io.Writer, name string, args ...string) error {
	line := name + " " + strings.Join(args, " ")
	r.ran = append(r.ran, line)
	for prefix, out := range r.stdout {
		if strings.HasPrefix(line, prefix) {
			_, _ = io.WriteString(stdout, out)
		}
	}
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
	if !strings.HasPrefix(out.String(), "Created shop with the core service.\n") {
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
		"git rev-parse --show-toplevel",
		"git init --quiet",
		"git --literal-pathspecs add --force -- " + strings.Join(planPaths(t, "api"), " "),
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

// planPaths returns the paths of every file of the core service generated with the given name.
func planPaths(t *testing.T, name string, features ...string) []string {
	t.Helper()
	cat := loadCatalog(t)
	res, err := cat.Resolve(features)
	if err != nil {
		t.Fatal(err)
	}
	result, err := cat.Generate(name, res, nil)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range result.Plan.Files {
		paths = append(paths, f.Path)
	}
	return paths
}

func loadCatalog(t *testing.T) *generator.Catalog {
	t.Helper()
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// With --force, new names every file it overwrites, keeps the others, and commits only its own.
func TestNewForceOverwrites(t *testing.T) {
	r := &fakeRunner{}
	f, _, errOut := testFactory(t, false, nil, r)
	writeFile(t, filepath.Join("api", "package.json"), "{}\n")
	writeFile(t, filepath.Join("api", "src", "app.js"), "mine\n")
	writeFile(t, filepath.Join("api", "notes.txt"), "mine\n")
	err := runNew(context.Background(), &NewOptions{Factory: f, Name: "api", NameSet: true, Yes: true, Force: true, NoInstall: true})
	if err != nil {
		t.Fatal(err)
	}
	var overwriting []string
	for _, l := range strings.Split(errOut.String(), "\n") {
		if strings.HasPrefix(l, "overwriting ") {
			overwriting = append(overwriting, l)
		}
	}
	want := []string{"overwriting " + filepath.Join("api", "package.json"), "overwriting " + filepath.Join("api", "src", "app.js")}
	if diff := cmp.Diff(want, overwriting); diff != "" {
		t.Errorf("overwritten files on stderr (-want +got):\n%s", diff)
	}
	if data, err := os.ReadFile(filepath.Join("api", "notes.txt")); err != nil || string(data) != "mine\n" {
		t.Errorf("notes.txt = %q, %v; want it kept", data, err)
	}
	var add string
	for _, line := range r.ran {
		if strings.HasPrefix(line, "git --literal-pathspecs add") {
			add = line
		}
	}
	if !strings.Contains(add, " package.json ") || strings.Contains(add, "notes.txt") {
		t.Errorf("git add adds the generated files only: %s", add)
	}
}

// --dry-run says what --force would overwrite, and overwrites nothing.
func TestNewDryRunForceNamesOverwrites(t *testing.T) {
	f, out, errOut := testFactory(t, false, nil, &fakeRunner{})
	writeFile(t, filepath.Join("api", "package.json"), "{}\n")
	err := runNew(context.Background(), &NewOptions{Factory: f, Name: "api", NameSet: true, Yes: true, Force: true, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("would overwrite "+filepath.Join("api", "package.json")+"\n", errOut.String()); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	if !strings.Contains(out.String(), "dry run: would write") {
		t.Errorf("stdout: %s", out)
	}
	if data, _ := os.ReadFile(filepath.Join("api", "package.json")); string(data) != "{}\n" {
		t.Errorf("dry run overwrote package.json: %q", data)
	}
}

// Inside an existing git work tree, new creates no nested repository and commits nothing.
func TestNewInsideGitRepository(t *testing.T) {
	r := &fakeRunner{stdout: map[string]string{"git rev-parse --show-toplevel": "/home/me/monorepo\n"}}
	f, _, errOut := testFactory(t, false, nil, r)
	err := runNew(context.Background(), &NewOptions{Factory: f, Name: "api", NameSet: true, Yes: true, NoInstall: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"git rev-parse --show-toplevel"}, r.ran); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
	want := "inside the git repository at /home/me/monorepo: not creating a nested repository; commit the new files there\n"
	if !strings.HasSuffix(errOut.String(), want) {
		t.Errorf("stderr does not end with %q:\n%s", want, errOut)
	}
}

// The target directory is checked before any question about features.
func TestNewChecksTargetBeforeAskingFeatures(t *testing.T) {
	p := &stubPrompter{name: "shop", features: []string{"jwt"}}
	f, _, _ := testFactory(t, true, p, &fakeRunner{})
	writeFile(t, filepath.Join("shop", "notes.txt"), "mine\n")
	err := runNew(context.Background(), &NewOptions{Factory: f, NoInstall: true, NoGit: true})
	var notEmpty *generator.NotEmptyError
	if !errors.As(err, &notEmpty) || !strings.Contains(err.Error(), "pass --force") {
		t.Fatalf("err = %v, want a NotEmptyError that names --force", err)
	}
	if diff := cmp.Diff([]string{"Project name"}, p.asked); diff != "" {
		t.Errorf("prompts (-want +got):\n%s", diff)
	}
}

// The feature picker says what each feature requires, and fits a narrow terminal.
func TestNewFeaturePickerFitsTheTerminal(t *testing.T) {
	for _, width := range []int{40, 80, 200} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			p := &stubPrompter{name: "shop"}
			f, _, _ := testFactory(t, true, p, &fakeRunner{})
			f.IOStreams.SetTerminalWidth(width)
			if err := runNew(context.Background(), &NewOptions{Factory: f, NoInstall: true, NoGit: true, DryRun: true}); err != nil {
				t.Fatal(err)
			}
			labels := map[string]string{}
			for _, o := range p.options {
				labels[o.Value] = o.Label
				if n := utf8.RuneCountInString(o.Label) + promptOverhead; n > width {
					t.Errorf("%q takes %d columns, more than %d", o.Label, n, width)
				}
			}
			for feature, requires := range map[string]string{"sessions": "(requires redis)", "oauth2": "(requires sessions)"} {
				if !strings.HasSuffix(labels[feature], requires) {
					t.Errorf("label of %s = %q, want it to end with %s", feature, labels[feature], requires)
				}
			}
			if strings.Contains(labels["jwt"], "requires") {
				t.Errorf("label of jwt = %q, which requires nothing", labels["jwt"])
			}
			if !strings.HasPrefix(labels["sessions"], "sessions ") {
				t.Errorf("label of sessions = %q, want it to start with the name", labels["sessions"])
			}
		})
	}
}

func TestFeatureOptionsLabels(t *testing.T) {
	cat := loadCatalog(t)
	got := map[string]string{}
	for _, o := range featureOptions(cat, 200) {
		got[o.Value] = o.Label
	}
	if want := "sessions   — Server-side sessions in Redis with CSRF protection (requires redis)"; got["sessions"] != want {
		t.Errorf("at 200 columns: %q, want %q", got["sessions"], want)
	}
	got = map[string]string{}
	for _, o := range featureOptions(cat, 40) {
		got[o.Value] = o.Label
	}
	if want := "sessions   — (requires redis)"; got["sessions"] != want {
		t.Errorf("at 40 columns: %q, want %q", got["sessions"], want)
	}
	if want := "postgres   — PostgreSQL pool, t…"; got["postgres"] != want {
		t.Errorf("at 40 columns: %q, want %q", got["postgres"], want)
	}
	for _, o := range featureOptions(cat, 20) {
		if n := utf8.RuneCountInString(o.Label); n > 12 {
			t.Errorf("at 20 columns: %q is %d long", o.Label, n)
		}
	}
}

func TestNewSummary(t *testing.T) {
	for _, tt := range []struct {
		dir  string
		want string
	}{
		{"", "Created api with jwt.\n\nNext steps:\n  cd api\n"},
		{"api", "Created api with jwt.\n\nNext steps:\n  cd api\n"},
		{"./api/", "Created api with jwt.\n\nNext steps:\n  cd api\n"},
		{"services/api", "Created api in ./services/api with jwt.\n\nNext steps:\n  cd services/api\n"},
		{"../api", "Created api in ../api with jwt.\n\nNext steps:\n  cd ../api\n"},
	} {
		t.Run(tt.dir, func(t *testing.T) {
			f, out, errOut := testFactory(t, false, nil, &fakeRunner{})
			if err := os.Mkdir("work", 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir("work")
			opts := &NewOptions{Factory: f, Name: "api", NameSet: true, Features: []string{"jwt"}, FeaturesSet: true, Dir: tt.dir, NoInstall: true, NoGit: true}
			if err := runNew(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(out.String(), tt.want) {
				t.Errorf("stdout does not start with %q:\n%s", tt.want, out)
			}
			for name, s := range map[string]string{"stdout": out.String(), "stderr": errOut.String()} {
				if !strings.HasSuffix(s, "\n") {
					t.Errorf("%s does not end with a newline: %q", name, s)
				}
			}
		})
	}
}

func TestDisplayDir(t *testing.T) {
	abs, err := filepath.Abs("x")
	if err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		"api":    "./api",
		"./a/b/": "./a/b",
		".":      "the current directory",
		"..":     "..",
		"../x":   "../x",
		abs:      abs,
		"..x/y":  "./..x/y",
	} {
		if got := displayDir(filepath.FromSlash(dir)); got != filepath.FromSlash(want) {
			t.Errorf("displayDir(%q) = %q, want %q", dir, got, want)
		}
	}
}

// npm's output may end without a newline; what comes next starts on its own line.
func TestNpmInstallEndsItsLine(t *testing.T) {
	r := &fakeRunner{}
	f, _, errOut := testFactory(t, false, nil, r)
	f.Runner = &printingRunner{fakeRunner: r, print: "⠙ reify:zod\r\x1b[2Kadded 3 packages"}
	if err := npmInstall(context.Background(), f, "."); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(errOut.String(), "added 3 packages\n") {
		t.Errorf("stderr = %q, want it to end the line", errOut)
	}
}

// printingRunner prints to the program's stderr as it runs it.
type printingRunner struct {
	*fakeRunner
	print string
}

func (r *printingRunner) Run(ctx context.Context, dir string, stdout, stderr io.Writer, name string, args ...string) error {
	_, _ = io.WriteString(stderr, r.print)
	return r.fakeRunner.Run(ctx, dir, stdout, stderr, name, args...)
}

func TestNewFlagsNormalizeFeatures(t *testing.T) {
	for _, args := range [][]string{
		{"api", "--features", "jwt, redis"},
		{"api", "--features", "JWT,Redis,"},
		{"api", "--features", " jwt", "--features", "REDIS "},
	} {
		var got *NewOptions
		cmd := NewCmdNew(&Factory{}, func(_ context.Context, o *NewOptions) error { got = o; return nil })
		cmd.SetArgs(args)
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"jwt", "redis"}, got.Features); diff != "" || !got.FeaturesSet {
			t.Errorf("%q: features (-want +got):\n%s", args, diff)
		}
	}
}
