package commands

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
	"github.com/scaffold-cli/scaffold/templates"
)

// The property test of add and sync. Each trial generates a project (`scaffold new`, or the
// render of an archived release written as that release's `new` would), then takes random steps:
// edits of every kind a user makes, each followed by `scaffold add` of missing features or
// `scaffold sync`, run in-process through the root command with the release archive and the
// default --conflicts=stop. After every command it checks the rules add and sync promise:
//
//   - the command succeeded, or failed naming conflicts in files the user changed, and then
//     nothing on disk changed (contents, modes, directories);
//   - no line the user added or changed is lost (CRLF files compared without the CR); a
//     dependency or script added to package.json is still there, in the file's indentation;
//   - no conflict marker the user did not write is in any file;
//   - every .js file the command changed parses (node; skipped without it);
//   - `scaffold sync --check` is clean;
//   - a file the user never edited is exactly its new render, and no other file appeared;
//   - the user's own files are untouched, chmod'ed files keep their mode, CRLF files keep CRLF,
//     and generated files the user deleted stay deleted.
//
// When a command stops on conflicts, the trial resolves them as a user who gives up their edit
// would: every file it names goes back to its render as scaffold.yaml records it (restored when
// the user had deleted it), the edits in it are no longer expected to survive, and the command
// runs again, which must then succeed.
//
// Trials without edits add one feature at a time, in random order, with syncs between, and
// must end byte for byte (and mode for mode) where `scaffold new` for the final set starts.
//
// A failing trial is replayed with steps left out, one at a time, for as long as it still fails
// the same way, and the shortest sequence is printed as a script. Reproduce one trial with
// go test ./internal/commands -run 'TestPropertyAddSync/edits/^17$' -v.

// propTrials overrides the number of trials with edits, to search longer: go test
// ./internal/commands -run Property -property.trials=2000 (trials without edits: a third as many).
var propTrials = flag.Int("property.trials", 0, "trials with edits of TestPropertyAddSync (0: the default)")

const (
	propEditTrials   = 160
	propNoEditTrials = 50
	// A trial runs at most this many add or sync commands.
	propMaxCommands = 6
)

// propStep is one step of a trial, concrete enough to be replayed without the random source.
type propStep struct {
	Kind string
	Path string
	// Anchor is the line an insert follows ("" for the top of the file), or the line a literal
	// edit changes.
	Anchor string
	// Lines are the lines added (append, insert, new file) or the changed line (literal).
	Lines []string
	// Key and Value are the entry added to package.json.
	Key, Value string
	// Features are what add adds.
	Features []string
	// Note says in words what the step is, for the reproduction.
	Note string
}

const (
	stepAppend   = "append"
	stepInsert   = "insert"
	stepLiteral  = "literal"
	stepUserFile = "userfile"
	stepDelete   = "delete"
	stepDep      = "dependency"
	stepScript   = "script"
	stepIndent4  = "indent4"
	stepCRLF     = "crlf"
	stepChmod    = "chmod"
	stepAdd      = "add"
	stepSync     = "sync"
)

func (s propStep) isCommand() bool { return s.Kind == stepAdd || s.Kind == stepSync }

// script prints the step as a human would carry it out in the project's directory.
func (s propStep) script() string {
	var b strings.Builder
	if s.Note != "" {
		fmt.Fprintf(&b, "# %s\n", s.Note)
	}
	heredoc := func(lines []string) {
		b.WriteString("<<'EOF'\n")
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		b.WriteString("EOF\n")
	}
	switch s.Kind {
	case stepAppend:
		fmt.Fprintf(&b, "cat >> %s ", s.Path)
		heredoc(s.Lines)
	case stepInsert:
		if s.Anchor == "" {
			fmt.Fprintf(&b, "# insert at the top of %s:\n", s.Path)
		} else {
			fmt.Fprintf(&b, "# in %s, after the first line that is exactly\n#   %q\n# insert:\n", s.Path, s.Anchor)
		}
		for _, l := range s.Lines {
			fmt.Fprintf(&b, "#   %q\n", l)
		}
	case stepLiteral:
		fmt.Fprintf(&b, "# in %s, change the first line that is exactly\n#   %q\n# to\n#   %q\n", s.Path, s.Anchor, s.Lines[0])
	case stepUserFile:
		fmt.Fprintf(&b, "mkdir -p %s && cat > %s ", filepath.Dir(s.Path), s.Path)
		heredoc(s.Lines)
	case stepDelete:
		fmt.Fprintf(&b, "rm %s\n", s.Path)
	case stepDep, stepScript:
		block := map[string]string{stepDep: "dependencies", stepScript: "scripts"}[s.Kind]
		where := "last"
		if s.Kind == stepDep {
			where = "in sorted position"
		}
		fmt.Fprintf(&b, "# in package.json, add the line %q to %q, %s, keeping the file's layout\n", fmt.Sprintf("%q: %q", s.Key, s.Value), block, where)
	case stepIndent4:
		b.WriteString(`node -e "const fs=require('fs');fs.writeFileSync('package.json',fs.readFileSync('package.json','utf8').replace(/^ +/gm,(s)=>s+s))"  # 4 spaces a level` + "\n")
	case stepCRLF:
		fmt.Fprintf(&b, "sed -i 's/$/\\r/' %s  # CRLF line endings\n", s.Path)
	case stepChmod:
		fmt.Fprintf(&b, "chmod 600 %s\n", s.Path)
	case stepAdd:
		fmt.Fprintf(&b, "scaffold add %s --no-install\n", strings.Join(s.Features, " "))
	case stepSync:
		b.WriteString("scaffold sync --no-install\n")
	}
	return b.String()
}

// propEnv is what every trial shares.
type propEnv struct {
	cat      *generator.Catalog
	rel      *generator.Releases
	versions []string
	features []string
	js       *jsChecker
	base     string

	mu      sync.Mutex
	renders map[string]map[string]generator.File

	trials, steps, commands, edits, conflicts, merged, skipped atomic.Int64
}

func newPropEnv(t *testing.T) *propEnv {
	t.Helper()
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := generator.LoadReleases(templates.FS, templates.Releases())
	if err != nil {
		t.Fatal(err)
	}
	env := &propEnv{cat: cat, rel: rel, features: cat.FeatureNames(), base: propBaseDir(t), renders: map[string]map[string]generator.File{}}
	for _, e := range rel.Index() {
		env.versions = append(env.versions, e.Version)
	}
	slices.Sort(env.versions) // the order of the random choice must not depend on the index's
	js, err := startJSChecker(t.TempDir())
	if err != nil {
		t.Logf("not checking that JavaScript files parse: %v", err)
	} else {
		env.js = js
		t.Cleanup(js.close)
	}
	t.Cleanup(func() {
		t.Logf("%d trials, %d steps: %d edits, %d add/sync commands (%d files merged), %d stopped on conflicts (resolved and run again), %d edits skipped in replays",
			env.trials.Load(), env.steps.Load(), env.edits.Load(), env.commands.Load(), env.merged.Load(), env.conflicts.Load(), env.skipped.Load())
	})
	return env
}

// propBaseDir is where trials write their projects: in memory (/dev/shm) where there is such a
// file system, since add and sync sync every file they write to disk and the trials write
// thousands; otherwise the test's temporary directory.
func propBaseDir(t *testing.T) string {
	t.Helper()
	if dir, err := os.MkdirTemp("/dev/shm", "scaffold-property-"); err == nil {
		t.Cleanup(func() { _ = os.RemoveAll(dir) })
		return dir
	}
	return t.TempDir()
}

// render is the plan the release version renders for the features, by path.
func (env *propEnv) render(version string, features []string) (map[string]generator.File, error) {
	key := version + "|" + strings.Join(features, ",")
	env.mu.Lock()
	files, ok := env.renders[key]
	env.mu.Unlock()
	if ok {
		return files, nil
	}
	cat := env.cat
	if version != generator.Version {
		var err error
		if cat, err = env.rel.Catalog(version); err != nil {
			return nil, err
		}
	}
	res, err := cat.Resolve(features)
	if err != nil {
		return nil, err
	}
	result, err := cat.Generate("demo", res, nil)
	if err != nil {
		return nil, err
	}
	files = map[string]generator.File{}
	for _, f := range result.Plan.Files {
		files[f.Path] = f
	}
	env.mu.Lock()
	env.renders[key] = files
	env.mu.Unlock()
	return files, nil
}

// scaffold runs the root command in-process as the CLI would, with the release archive.
func (env *propEnv) scaffold(args ...string) (string, error) {
	ios, _, out, errOut := iostreams.Test()
	f := &Factory{IOStreams: ios, Templates: templates.FS, ReleaseArchive: templates.Releases(), Runner: &fakeRunner{}}
	cmd := NewCmdRoot(f, args)
	err := cmd.ExecuteContext(context.Background())
	return out.String() + errOut.String(), err
}

// propFailure is a broken rule: where, which (Kind and Path tell two failures apart when a
// reproduction is shrunk) and the details.
type propFailure struct {
	Step int
	Kind string
	Path string
	Msg  string
}

func (f *propFailure) same(g *propFailure) bool {
	return g != nil && f.Kind == g.Kind && f.Path == g.Path
}

func failf(kind, path, format string, args ...any) *propFailure {
	return &propFailure{Kind: kind, Path: path, Msg: fmt.Sprintf(format, args...)}
}

type trialConfig struct {
	seed    uint64
	noEdits bool
}

// propTrial is one project and what the test knows of the user's edits to it.
type propTrial struct {
	env *propEnv
	cfg trialConfig
	dir string
	rng *rand.Rand // nil while replaying

	startVersion  string
	startFeatures []string
	version       string
	features      []string

	n         int                 // numbers the user's additions so that each is unique
	lines     map[string][]string // lines the user added or changed, by file, that must survive
	deps      map[string]string   // dependencies the user added to package.json
	scripts   map[string]string   // and scripts
	indent4   bool                // the user re-indented package.json with four spaces
	crlf      map[string]bool     // files the user converted to CRLF
	modes     map[string]fs.FileMode
	deleted   map[string]bool            // generated files the user deleted
	edited    map[string]bool            // generated files whose content the user changed
	kinds     map[string]map[string]bool // and the kinds of edit they made to each
	userFiles map[string]string

	notes map[int][]string // what happened at a step, for the reproduction
}

// runTrial runs a trial: generating its steps from the seed when replay is nil, or replaying
// them. It returns the steps taken and the first broken rule, if any.
func (env *propEnv) runTrial(cfg trialConfig, replay []propStep) (steps []propStep, notes map[int][]string, fail *propFailure) {
	dir, err := os.MkdirTemp(env.base, "trial-")
	if err != nil {
		return nil, nil, failf("setup", "", "%v", err)
	}
	defer os.RemoveAll(dir)
	tr := &propTrial{
		env: env, cfg: cfg, dir: filepath.Join(dir, "demo"),
		lines: map[string][]string{}, deps: map[string]string{}, scripts: map[string]string{},
		crlf: map[string]bool{}, modes: map[string]fs.FileMode{}, deleted: map[string]bool{},
		edited: map[string]bool{}, kinds: map[string]map[string]bool{}, userFiles: map[string]string{}, notes: map[int][]string{},
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 0x5caff01d))
	tr.startVersion = env.versions[rng.IntN(len(env.versions))]
	for _, f := range env.features {
		if rng.IntN(3) == 0 {
			tr.startFeatures = append(tr.startFeatures, f)
		}
	}
	if fail := tr.create(); fail != nil {
		return nil, tr.notes, fail
	}
	defer func() {
		if fail != nil {
			fail.Step = len(steps) - 1
		}
	}()
	if replay != nil {
		for _, s := range replay {
			if s.Kind == "" {
				continue // the final comparison, which is not a step
			}
			steps = append(steps, s)
			if fail := tr.apply(len(steps)-1, s); fail != nil {
				return steps, tr.notes, fail
			}
		}
	} else {
		tr.rng = rng
		for commands := 0; commands < propMaxCommands; commands++ {
			if !cfg.noEdits {
				for range rng.IntN(4) {
					s, ok, fail := tr.genEdit()
					if fail != nil {
						return steps, tr.notes, fail
					}
					if !ok {
						continue
					}
					steps = append(steps, s)
					if fail := tr.apply(len(steps)-1, s); fail != nil {
						return steps, tr.notes, fail
					}
				}
			}
			s, last := tr.genCommand()
			steps = append(steps, s)
			if fail := tr.apply(len(steps)-1, s); fail != nil {
				return steps, tr.notes, fail
			}
			if last {
				break
			}
		}
	}
	if cfg.noEdits {
		if fail := tr.compareWithNew(); fail != nil {
			steps = append(steps, propStep{Note: "compare the project with `scaffold new demo --features " + strings.Join(tr.features, ",") + "`"})
			return steps, tr.notes, fail
		}
	}
	return steps, tr.notes, nil
}

// create writes the starting project: this release's through `scaffold new`, an archived one's
// with that release's render.
func (tr *propTrial) create() *propFailure {
	if tr.startVersion == generator.Version {
		out, err := tr.env.scaffold("new", "demo", "--dir", tr.dir, "--features="+strings.Join(tr.startFeatures, ","), "--no-install", "--no-git")
		if err != nil {
			return failf("setup", "", "scaffold new: %v\n%s", err, out)
		}
	} else {
		files, err := tr.env.render(tr.startVersion, tr.startFeatures)
		if err != nil {
			return failf("setup", "", "render %s: %v", tr.startVersion, err)
		}
		plan := &generator.Plan{}
		for _, p := range slices.Sorted(maps.Keys(files)) {
			plan.Files = append(plan.Files, files[p])
		}
		if err := generator.WriteNew(plan, tr.dir, false); err != nil {
			return failf("setup", "", "write the %s project: %v", tr.startVersion, err)
		}
	}
	return tr.readRecord()
}

func (tr *propTrial) readRecord() *propFailure {
	rec, err := generator.ReadProjectFile(tr.dir)
	if err != nil {
		return failf("record", generator.ProjectFileName, "%v", err)
	}
	tr.version, tr.features = rec.Version, rec.Features
	return nil
}

func (tr *propTrial) path(p string) string { return filepath.Join(tr.dir, filepath.FromSlash(p)) }

func (tr *propTrial) exists(p string) bool {
	info, err := os.Stat(tr.path(p))
	return err == nil && info.Mode().IsRegular()
}

// missing lists the catalog's features the project does not have.
func (tr *propTrial) missing() []string {
	var out []string
	for _, f := range tr.env.features {
		if !slices.Contains(tr.features, f) {
			out = append(out, f)
		}
	}
	return out
}

func (tr *propTrial) genCommand() (propStep, bool) {
	missing := tr.missing()
	if len(missing) == 0 {
		return propStep{Kind: stepSync}, true
	}
	if tr.rng.IntN(4) == 0 {
		return propStep{Kind: stepSync}, false
	}
	tr.rng.Shuffle(len(missing), func(i, j int) { missing[i], missing[j] = missing[j], missing[i] })
	n := 1
	if !tr.cfg.noEdits && len(missing) > 1 && tr.rng.IntN(3) == 0 {
		n = 2
	}
	return propStep{Kind: stepAdd, Features: missing[:n]}, false
}

// apply carries out a step, and after a command checks every rule.
func (tr *propTrial) apply(i int, s propStep) *propFailure {
	tr.env.steps.Add(1)
	if s.isCommand() {
		tr.env.commands.Add(1)
		return tr.command(i, s)
	}
	tr.env.edits.Add(1)
	err := tr.edit(s)
	if errors.Is(err, errNotApplicable) {
		tr.env.skipped.Add(1)
		tr.notes[i] = append(tr.notes[i], "(skipped: its file or line is not there)")
		return nil
	}
	if err != nil {
		return failf("edit", s.Path, "%v", err)
	}
	return nil
}

// generated reports whether p is scaffold's file rather than one the user created.
func (tr *propTrial) generated(p string) bool { _, ok := tr.userFiles[p]; return !ok }

// changedContent notes that the user changed the content of p.
func (tr *propTrial) changedContent(p string) error {
	if tr.generated(p) {
		tr.edited[p] = true
		return nil
	}
	data, err := os.ReadFile(tr.path(p))
	tr.userFiles[p] = string(data)
	return err
}

func (tr *propTrial) track(p string, lines ...string) {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			tr.lines[p] = append(tr.lines[p], l)
		}
	}
}

// forget drops what the test expects of a file the user deleted or gave back to scaffold.
func (tr *propTrial) forget(p string) {
	delete(tr.lines, p)
	delete(tr.crlf, p)
	delete(tr.edited, p)
	delete(tr.kinds, p)
	if p == "package.json" {
		tr.deps, tr.scripts, tr.indent4 = map[string]string{}, map[string]string{}, false
	}
}

// edit applies an edit step to the project.
func (tr *propTrial) edit(s propStep) error {
	name := tr.path(s.Path)
	switch s.Kind {
	case stepUserFile:
		if tr.exists(s.Path) {
			return errNotApplicable
		}
		if err := writeText(name, textFile{lines: s.Lines, final: true}); err != nil {
			return err
		}
		tr.userFiles[s.Path] = ""
		return tr.changedContent(s.Path)
	case stepDelete:
		if !tr.exists(s.Path) {
			return errNotApplicable
		}
		if err := os.Remove(name); err != nil {
			return err
		}
		tr.forget(s.Path)
		delete(tr.modes, s.Path)
		if tr.generated(s.Path) {
			tr.deleted[s.Path] = true
		} else {
			delete(tr.userFiles, s.Path)
		}
		return nil
	case stepChmod:
		if !tr.exists(s.Path) {
			return errNotApplicable
		}
		tr.modes[s.Path] = 0o600
		return os.Chmod(name, 0o600)
	}
	if !tr.exists(s.Path) {
		return errNotApplicable
	}
	tf, err := readText(name)
	if err != nil {
		return err
	}
	next, err := editText(s, tf)
	if err != nil {
		return err
	}
	if err := writeText(name, next); err != nil {
		return err
	}
	switch s.Kind {
	case stepAppend, stepInsert:
		tr.track(s.Path, s.Lines...)
	case stepLiteral:
		if i := slices.Index(tr.lines[s.Path], s.Anchor); i >= 0 {
			tr.lines[s.Path] = slices.Delete(tr.lines[s.Path], i, i+1) // the user's own edit replaces it
		}
		tr.track(s.Path, s.Lines...)
	case stepDep:
		tr.deps[s.Key] = s.Value
	case stepScript:
		tr.scripts[s.Key] = s.Value
	case stepIndent4:
		tr.indent4 = true
	case stepCRLF:
		tr.crlf[s.Path] = true
	}
	if tr.kinds[s.Path] == nil {
		tr.kinds[s.Path] = map[string]bool{}
	}
	tr.kinds[s.Path][s.Kind] = true
	return tr.changedContent(s.Path)
}

// editText is a content edit as a function of the file, so that generating an edit can try it
// before making it.
func editText(s propStep, tf textFile) (textFile, error) {
	lines := slices.Clone(tf.lines)
	switch s.Kind {
	case stepAppend:
		lines = append(lines, s.Lines...)
	case stepInsert:
		at := 0
		if s.Anchor != "" {
			if at = slices.Index(lines, s.Anchor) + 1; at == 0 {
				return tf, errNotApplicable
			}
		}
		lines = slices.Insert(lines, at, s.Lines...)
	case stepLiteral:
		i := slices.Index(lines, s.Anchor)
		if i < 0 {
			return tf, errNotApplicable
		}
		lines[i] = s.Lines[0]
	case stepDep, stepScript:
		block := map[string]string{stepDep: "dependencies", stepScript: "scripts"}[s.Kind]
		var ok bool
		if lines, ok = insertJSONEntry(lines, block, s.Key, s.Value, s.Kind == stepDep); !ok {
			return tf, errNotApplicable
		}
	case stepIndent4:
		if jsonIndentUnit(lines) != "  " {
			return tf, errNotApplicable
		}
		lines = reindent(lines)
	case stepCRLF:
		if tf.crlf {
			return tf, errNotApplicable
		}
		tf.crlf = true
	default:
		return tf, fmt.Errorf("unknown edit %q", s.Kind)
	}
	tf.lines = lines
	return tf, nil
}

// Edit kinds and how often a trial picks each.
var propEditWeights = []struct {
	kind   string
	weight int
}{
	{stepAppend, 12}, {"readme", 5}, {stepInsert, 12}, {"import", 9}, {stepLiteral, 10},
	{stepUserFile, 5}, {stepDelete, 5}, {stepDep, 7}, {stepScript, 6}, {stepIndent4, 3},
	{stepCRLF, 6}, {stepChmod, 5},
}

// genEdit makes up a random edit that applies to the project as it is. ok is false when the
// kind picked has nothing to apply to.
func (tr *propTrial) genEdit() (propStep, bool, *propFailure) {
	total := 0
	for _, w := range propEditWeights {
		total += w.weight
	}
	pick := tr.rng.IntN(total)
	kind := ""
	for _, w := range propEditWeights {
		if pick -= w.weight; pick < 0 {
			kind = w.kind
			break
		}
	}
	listed, err := listFiles(tr.dir)
	if err != nil {
		return propStep{}, false, failf("edit", "", "%v", err)
	}
	hot, err := tr.hotFiles()
	if err != nil {
		return propStep{}, false, failf("edit", "", "%v", err)
	}
	var all, js, hotAll, hotJS []string
	for _, p := range listed {
		if p == generator.ProjectFileName {
			continue
		}
		all = append(all, p)
		if strings.HasSuffix(p, ".js") {
			js = append(js, p)
		}
		if hot[p] {
			hotAll = append(hotAll, p)
			if strings.HasSuffix(p, ".js") {
				hotJS = append(hotJS, p)
			}
		}
	}
	// choose picks a file, half the time among those the missing features change.
	choose := func(hotOnes, others []string) string {
		if len(hotOnes) > 0 && tr.rng.IntN(2) == 0 {
			return hotOnes[tr.rng.IntN(len(hotOnes))]
		}
		if len(others) == 0 {
			return ""
		}
		return others[tr.rng.IntN(len(others))]
	}
	tr.n++
	n := tr.n
	s := propStep{Kind: kind}
	switch kind {
	case stepAppend:
		s.Path = choose(hotJS, js)
		switch tr.rng.IntN(5) {
		case 0:
			s.Lines = []string{fmt.Sprintf("// user note %d: keep this line", n)}
		case 1:
			s.Lines = []string{fmt.Sprintf("export const userNote%d = 'note %d';", n, n)}
		case 2:
			s.Lines = []string{"", fmt.Sprintf("// user helper %d", n), fmt.Sprintf("export function userHelper%d() {", n),
				fmt.Sprintf("  return %d;", n), "}"}
		case 3:
			s.Note = "a comment that quotes a git conflict"
			s.Lines = []string{"/*", "<<<<<<< ours", fmt.Sprintf("user note %d", n), "=======", "theirs", ">>>>>>> theirs", "*/"}
		default:
			// Not JavaScript: the environment file every feature adds variables to.
			s.Path = ".env.example"
			s.Lines = []string{fmt.Sprintf("# user setting %d", n), fmt.Sprintf("USER_SETTING_%d=on", n)}
		}
	case "readme":
		s.Kind, s.Path = stepAppend, "README.md"
		s.Note = "a README section that shows a git conflict, markers and all"
		open, base, sep, end := "<<<<<<< HEAD", "", "=======", ">>>>>>> topic"
		switch tr.rng.IntN(3) {
		case 1: // diff3 style, with the common ancestor
			base = "||||||| base"
		case 2: // longer than git's markers
			open, sep, end = "<<<<<<<<<<<< HEAD", "============", ">>>>>>>>>>>> topic"
		}
		s.Lines = []string{"", fmt.Sprintf("## Resolving a merge (user note %d)", n), "", "```text", open, fmt.Sprintf("our line %d", n)}
		if base != "" {
			s.Lines = append(s.Lines, base, fmt.Sprintf("the base line %d", n))
		}
		s.Lines = append(s.Lines, sep, fmt.Sprintf("their line %d", n), end, "```")
		if tr.rng.IntN(2) == 0 && tr.exists(s.Path) {
			// In the middle, after a heading, rather than at the end.
			tf, _ := readText(tr.path(s.Path))
			var headings []string
			for _, l := range tf.lines {
				if strings.HasPrefix(l, "## ") && !slices.Contains(headings, l) {
					headings = append(headings, l)
				}
			}
			if len(headings) > 0 {
				s.Kind, s.Anchor = stepInsert, headings[tr.rng.IntN(len(headings))]
				s.Lines = append(s.Lines[1:], "")
			}
		}
	case stepInsert:
		s.Path = choose(hotJS, js)
		if s.Path == "" {
			return s, false, nil
		}
		tf, _ := readText(tr.path(s.Path))
		var anchors []string
		for _, l := range tf.lines {
			trimmed := strings.TrimSpace(l)
			body := (strings.HasSuffix(trimmed, "=> {") || strings.HasSuffix(trimmed, ") {")) &&
				!strings.HasPrefix(trimmed, "switch") && !strings.HasPrefix(trimmed, "class ")
			if (body || trimmed == "const app = express();") && !slices.Contains(anchors, l) {
				anchors = append(anchors, l)
			}
		}
		if len(anchors) == 0 {
			return s, false, nil
		}
		s.Anchor = anchors[tr.rng.IntN(len(anchors))]
		indent := s.Anchor[:len(s.Anchor)-len(strings.TrimLeft(s.Anchor, " "))]
		switch {
		case strings.TrimSpace(s.Anchor) == "const app = express();":
			s.Lines = []string{fmt.Sprintf("%sapp.locals.userSetting%d = 'user %d';", indent, n, n)}
		case tr.rng.IntN(2) == 0:
			s.Lines = []string{fmt.Sprintf("%s  // user note %d, inside a function", indent, n)}
		default:
			s.Lines = []string{fmt.Sprintf("%s  void 'user statement %d';", indent, n)}
		}
	case "import":
		return tr.genImport(n)
	case stepLiteral:
		s.Path = choose(hotJS, js)
		if s.Path == "" {
			return s, false, nil
		}
		tf, _ := readText(tr.path(s.Path))
		var candidates []string
		for _, l := range tf.lines {
			trimmed := strings.TrimSpace(l)
			if literalLine.MatchString(l) && !strings.HasPrefix(trimmed, "import ") && !strings.Contains(l, " from '") &&
				!strings.HasPrefix(trimmed, "//") && !strings.HasPrefix(trimmed, "*") && !strings.Contains(l, "`") &&
				!slices.Contains(candidates, l) {
				candidates = append(candidates, l)
			}
		}
		if len(candidates) == 0 {
			return s, false, nil
		}
		s.Anchor = candidates[tr.rng.IntN(len(candidates))]
		m := literalLine.FindStringSubmatchIndex(s.Anchor)
		s.Lines = []string{s.Anchor[:m[3]] + fmt.Sprintf(" (user %d)", n) + s.Anchor[m[3]:]}
	case stepUserFile:
		s.Path = fmt.Sprintf("src/user/note%d.js", n)
		s.Lines = []string{"// Written by the user; scaffold never renders this file.",
			fmt.Sprintf("export function userNote%d() {", n), fmt.Sprintf("  return 'note %d';", n), "}"}
	case stepDelete:
		var generated []string
		for _, p := range all {
			if tr.generated(p) {
				generated = append(generated, p)
			}
		}
		if s.Path = choose(nil, generated); s.Path == "" {
			return s, false, nil
		}
	case stepDep:
		s.Path, s.Key, s.Value = "package.json", fmt.Sprintf("user-dep-%d", n), fmt.Sprintf("^1.%d.0", n)
	case stepScript:
		s.Path, s.Key, s.Value = "package.json", fmt.Sprintf("user:task%d", n), fmt.Sprintf("node scripts/task-%d.js", n)
	case stepIndent4:
		s.Path = "package.json"
	case stepCRLF:
		var text []string
		for _, p := range all {
			if !tr.crlf[p] {
				text = append(text, p)
			}
		}
		var hotText []string
		for _, p := range hotAll {
			if !tr.crlf[p] {
				hotText = append(hotText, p)
			}
		}
		if s.Path = choose(hotText, text); s.Path == "" {
			return s, false, nil
		}
	case stepChmod:
		var candidates []string
		for _, p := range all {
			if _, ok := tr.modes[p]; !ok {
				candidates = append(candidates, p)
			}
		}
		if s.Path = choose(nil, candidates); s.Path == "" {
			return s, false, nil
		}
	}
	switch {
	case s.Path == "":
		return s, false, nil
	case s.Kind == stepUserFile:
		return s, true, nil
	case s.Kind == stepDelete || s.Kind == stepChmod || !tr.exists(s.Path):
		return s, tr.exists(s.Path), nil
	}
	tf, err := readText(tr.path(s.Path))
	if err != nil {
		return s, false, failf("edit", s.Path, "%v", err)
	}
	if _, err := editText(s, tf); err != nil {
		return s, false, nil
	}
	return s, tr.parses(s, tf), nil
}

// literalLine matches a line with exactly one plain single-quoted string; group 1 is its text.
var literalLine = regexp.MustCompile(`^[^']*'([A-Za-z0-9 _./:,-]+)'[^']*$`)

// parses reports whether the JavaScript file the edit changes still parses after it, so that the
// user's edits are valid code: a merge is not to blame for a file its user broke. Without node
// the edit kinds that may break a file are not made.
func (tr *propTrial) parses(s propStep, tf textFile) bool {
	if !strings.HasSuffix(s.Path, ".js") || s.Kind == stepCRLF {
		return true
	}
	if tr.env.js == nil {
		return s.Kind == stepAppend || s.Kind == stepUserFile ||
			(s.Kind == stepInsert && strings.HasPrefix(strings.TrimSpace(s.Lines[0]), "app.locals."))
	}
	next, err := editText(s, tf)
	if err != nil {
		return false
	}
	scratch := filepath.Join(filepath.Dir(tr.dir), "scratch.js")
	if err := os.WriteFile(scratch, []byte(next.String()), 0o644); err != nil {
		return false
	}
	msg, err := tr.env.js.check(scratch)
	return err == nil && msg == ""
}

// genImport makes the user import, in src/app.js, a name that a missing feature's src/app.js
// imports as well, with the feature's very line, at the top of the imports, after them, or where
// the feature puts it.
func (tr *propTrial) genImport(n int) (propStep, bool, *propFailure) {
	s := propStep{Kind: stepInsert, Path: "src/app.js"}
	if !tr.exists(s.Path) {
		return s, false, nil
	}
	tf, err := readText(tr.path(s.Path))
	if err != nil {
		return s, false, failf("edit", s.Path, "%v", err)
	}
	type candidate struct{ feature, line, before string }
	var candidates []candidate
	for _, f := range tr.missing() {
		files, err := tr.env.render(generator.Version, append(slices.Clone(tr.features), f))
		if err != nil {
			return s, false, failf("render", "", "%v", err)
		}
		target := lfLines(string(files[s.Path].Data))
		for i, l := range target {
			if strings.HasPrefix(l, "import ") && strings.HasSuffix(l, ";") && !slices.Contains(tf.lines, l) {
				before := ""
				if i > 0 {
					before = target[i-1]
				}
				candidates = append(candidates, candidate{f, l, before})
			}
		}
	}
	if len(candidates) == 0 {
		return s, false, nil
	}
	c := candidates[tr.rng.IntN(len(candidates))]
	s.Lines = []string{c.line}
	lastImport := ""
	for _, l := range tf.lines {
		if strings.HasPrefix(l, "import ") && strings.HasSuffix(l, ";") {
			lastImport = l
		}
	}
	switch r := tr.rng.IntN(3); {
	case r == 0:
		s.Anchor = ""
		s.Note = fmt.Sprintf("the user imports what %s's src/app.js imports, at the top", c.feature)
	case r == 1 && lastImport != "":
		s.Anchor = lastImport
		s.Note = fmt.Sprintf("the user imports what %s's src/app.js imports, after the other imports", c.feature)
	default:
		s.Anchor = c.before
		s.Note = fmt.Sprintf("the user imports what %s's src/app.js imports, where %s puts it", c.feature, c.feature)
	}
	if _, err := editText(s, tf); err != nil {
		return s, false, nil
	}
	return s, tr.parses(s, tf), nil
}

// hotFiles are the files that differ between the project's render and that of every feature by
// this release: the ones an add or sync may change.
func (tr *propTrial) hotFiles() (map[string]bool, error) {
	now, err := tr.env.render(tr.version, tr.features)
	if err != nil {
		return nil, err
	}
	later, err := tr.env.render(generator.Version, tr.env.features)
	if err != nil {
		return nil, err
	}
	hot := map[string]bool{}
	for p, f := range now {
		if g, ok := later[p]; !ok || string(g.Data) != string(f.Data) {
			hot[p] = true
		}
	}
	return hot, nil
}

// command runs add or sync and checks the outcome.
func (tr *propTrial) command(i int, s propStep) *propFailure {
	args := []string{s.Kind, "--dir", tr.dir, "--no-install"}
	args = append(args, s.Features...)
	before, err := snapshotTree(tr.dir)
	if err != nil {
		return failf("snapshot", "", "%v", err)
	}
	out, err := tr.env.scaffold(args...)
	if err != nil {
		if fail := tr.checkConflict(s, before, out, err); fail != nil {
			return fail
		}
		tr.env.conflicts.Add(1)
		paths := conflictPaths(out)
		if fail := tr.resolve(paths); fail != nil {
			return fail
		}
		tr.notes[i] = append(tr.notes[i],
			fmt.Sprintf("exits 1: conflicts in %s, nothing written", strings.Join(paths, ", ")),
			"the test gives up the edits in those files, restoring what scaffold rendered, and runs it again:",
			fmt.Sprintf("git checkout -- %s   # or write the render scaffold.yaml records", strings.Join(paths, " ")),
			strings.TrimSpace(s.script()))
		if before, err = snapshotTree(tr.dir); err != nil {
			return failf("snapshot", "", "%v", err)
		}
		if out, err = tr.env.scaffold(args...); err != nil {
			return failf("retry", strings.Join(conflictPaths(out), ","),
				"%s failed again after the conflicting files %v were restored to their render: %v\n%s", s.Kind, paths, err, out)
		}
	}
	tr.env.merged.Add(int64(len(mergedLine.FindAllString(out, -1))))
	return tr.checkSuccess(s, before, out)
}

// mergedLine is how add and sync list a file they merged.
var mergedLine = regexp.MustCompile(`(?m)^merged +\S`)

// checkConflict checks a failed command: a conflict, in files the user changed, and nothing
// written.
func (tr *propTrial) checkConflict(s propStep, before map[string]treeEntry, out string, err error) *propFailure {
	var flagErr *FlagError
	if errors.As(err, &flagErr) || !strings.Contains(err.Error(), "conflict with your edits; nothing was written") {
		return failf("error", "", "%s failed without a conflict: %v\n%s", s.Kind, err, out)
	}
	after, serr := snapshotTree(tr.dir)
	if serr != nil {
		return failf("snapshot", "", "%v", serr)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		return failf("changed-on-conflict", "", "%s stopped on conflicts (%v) but changed the project (-before +after):\n%s", s.Kind, err, diff)
	}
	paths := conflictPaths(out)
	if len(paths) == 0 {
		return failf("conflict-unnamed", "", "%s stopped on conflicts without naming a file:\n%s", s.Kind, out)
	}
	target, rerr := tr.env.render(generator.Version, append(slices.Clone(tr.features), s.Features...))
	if rerr != nil {
		return failf("render", "", "%v", rerr)
	}
	for _, p := range paths {
		switch {
		case !tr.edited[p] && !tr.deleted[p]:
			return failf("conflict-in-untouched-file", p, "%s reports a conflict in %s, which the user never edited:\n%s", s.Kind, p, out)
		case tr.deleted[p]:
		case tr.kinds[p][stepCRLF] && tr.onlyEdits(p, stepCRLF) && target[p].Path != "":
			// (A file no longer rendered is deleted only when it is as it was rendered, byte for
			// byte; one with other line endings is kept, and that is a conflict.)
			return failf("conflict-line-endings", p, "%s reports a conflict in %s, whose only edit is its CRLF line endings:\n%s", s.Kind, p, out)
		case p == "package.json" && tr.onlyEdits(p, stepDep, stepScript, stepIndent4, stepCRLF):
			return failf("conflict-package.json", p, "%s reports a conflict in package.json, to which the user only added "+
				"dependencies and scripts (or changed its indentation or line endings):\n%s", s.Kind, out)
		}
	}
	return nil
}

// onlyEdits reports whether every edit of p is of one of the kinds.
func (tr *propTrial) onlyEdits(p string, kinds ...string) bool {
	for k := range tr.kinds[p] {
		if !slices.Contains(kinds, k) {
			return false
		}
	}
	return true
}

// resolve gives each conflicting file back to scaffold: its render as scaffold.yaml records it.
func (tr *propTrial) resolve(paths []string) *propFailure {
	files, err := tr.env.render(tr.version, tr.features)
	if err != nil {
		return failf("render", "", "%v", err)
	}
	for _, p := range paths {
		f, ok := files[p]
		if !ok {
			return failf("conflict-not-rendered", p, "a conflict in %s, which scaffold %s does not render for %v", p, tr.version, tr.features)
		}
		name := tr.path(p)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return failf("resolve", p, "%v", err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return failf("resolve", p, "%v", err)
		}
		tr.forget(p)
		delete(tr.deleted, p)
	}
	return nil
}

// checkSuccess checks every rule after a command that succeeded.
func (tr *propTrial) checkSuccess(s propStep, before map[string]treeEntry, out string) *propFailure {
	after, err := snapshotTree(tr.dir)
	if err != nil {
		return failf("snapshot", "", "%v", err)
	}
	if _, ok := after[generator.TxnDirName]; ok {
		return failf("staging-left", generator.TxnDirName, "%s succeeded and left %s behind", s.Kind, generator.TxnDirName)
	}
	if fail := tr.readRecord(); fail != nil {
		return fail
	}
	if tr.version != generator.Version {
		return failf("record", generator.ProjectFileName, "after %s, scaffold.yaml says scaffold %s, not %s", s.Kind, tr.version, generator.Version)
	}
	for _, f := range s.Features {
		if !slices.Contains(tr.features, f) {
			return failf("record", generator.ProjectFileName, "after add %s, scaffold.yaml lists %v", f, tr.features)
		}
	}
	render, err := tr.env.render(tr.version, tr.features)
	if err != nil {
		return failf("render", "", "%v", err)
	}
	files := filesOf(after)
	// A file the user never edited is its render; one they deleted stays deleted.
	for _, p := range slices.Sorted(maps.Keys(render)) {
		got, ok := files[p]
		switch {
		case tr.deleted[p] && ok:
			return failf("resurrected", p, "%s wrote %s, which the user deleted", s.Kind, p)
		case tr.deleted[p]:
		case !ok:
			return failf("missing", p, "after %s, %s is missing", s.Kind, p)
		case !tr.edited[p] && got.Data != string(render[p].Data):
			return failf("untouched-differs", p, "%s, which the user never edited, differs from its render (-render +disk):\n%s",
				p, cmp.Diff(string(render[p].Data), got.Data))
		case p != "package.json" && tr.kinds[p][stepCRLF] && tr.onlyEdits(p, stepCRLF):
			// Line endings are no edit to merge: the file is its render, with the user's CRLF.
			if want := strings.ReplaceAll(string(render[p].Data), "\n", "\r\n"); got.Data != want {
				return failf("line-endings-differ", p, "%s, whose only edit is its CRLF line endings, is not its render with CRLF (-want +disk):\n%s",
					p, cmp.Diff(want, got.Data))
			}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if _, ok := render[p]; !ok && tr.generated(p) && !tr.edited[p] {
			return failf("stray", p, "after %s, %s is there, which is neither rendered nor the user's", s.Kind, p)
		}
	}
	for p, data := range tr.userFiles {
		if files[p].Data != data {
			return failf("user-file", p, "%s changed the user's file %s (-before +after):\n%s", s.Kind, p, cmp.Diff(data, files[p].Data))
		}
	}
	// No line the user wrote is lost.
	for _, p := range slices.Sorted(maps.Keys(tr.lines)) {
		have := map[string]int{}
		for _, l := range lfLines(files[p].Data) {
			have[l]++
		}
		for l, n := range count(tr.lines[p]) {
			if have[l] < n {
				return failf("lost-line", p, "after %s, %s lacks the user's line %q (wanted %d, found %d):\n%s", s.Kind, p, l, n, have[l], files[p].Data)
			}
		}
	}
	if fail := tr.checkPackageJSON(s, files); fail != nil {
		return fail
	}
	for p := range tr.crlf {
		if data := files[p].Data; strings.Count(data, "\n") != strings.Count(data, "\r\n") {
			return failf("crlf", p, "after %s, %s, which the user converted to CRLF, has LF line endings", s.Kind, p)
		}
	}
	for p, mode := range tr.modes {
		_, rendered := render[p]
		if _, ok := files[p]; !ok && !rendered && tr.generated(p) && !tr.edited[p] {
			delete(tr.modes, p) // no longer rendered and never edited, so deleted: the user's mode goes with it
			continue
		}
		if got := files[p].Mode; got != mode {
			return failf("mode", p, "after %s, %s has mode %04o; the user set %04o", s.Kind, p, got, mode)
		}
	}
	// No conflict marker the user did not write.
	for _, p := range slices.Sorted(maps.Keys(files)) {
		mine := count(tr.lines[p])
		for _, l := range lfLines(files[p].Data) {
			if markerLine.MatchString(l) && mine[l] == 0 {
				return failf("marker", p, "after %s (exit 0), %s has the conflict marker %q, which the user did not write:\n%s", s.Kind, p, l, files[p].Data)
			}
		}
	}
	// Every JavaScript file the command changed parses.
	if tr.env.js != nil {
		for _, p := range slices.Sorted(maps.Keys(files)) {
			if strings.HasSuffix(p, ".js") && before[p].Data != files[p].Data {
				msg, err := tr.env.js.check(tr.path(p))
				if err != nil {
					return failf("checker", p, "%v", err)
				}
				if msg != "" {
					return failf("parse", p, "after %s, %s does not parse: %s\n%s", s.Kind, p, msg, files[p].Data)
				}
			}
		}
	}
	if out, err := tr.env.scaffold("sync", "--check", "--dir", tr.dir); err != nil {
		return failf("drift", "", "after %s, sync --check fails: %v\n%s", s.Kind, err, out)
	}
	return nil
}

func (tr *propTrial) checkPackageJSON(s propStep, files map[string]treeEntry) *propFailure {
	if len(tr.deps)+len(tr.scripts) == 0 && !tr.indent4 {
		return nil
	}
	data := files["package.json"].Data
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
		Scripts      map[string]string `json:"scripts"`
	}
	if err := json.Unmarshal([]byte(data), &pkg); err != nil {
		return failf("package.json", "package.json", "after %s, package.json is not JSON: %v\n%s", s.Kind, err, data)
	}
	for k, v := range tr.deps {
		if pkg.Dependencies[k] != v {
			return failf("package.json", "package.json", "after %s, package.json lost the user's dependency %s@%s:\n%s", s.Kind, k, v, data)
		}
	}
	for k, v := range tr.scripts {
		if pkg.Scripts[k] != v {
			return failf("package.json", "package.json", "after %s, package.json lost the user's script %s:\n%s", s.Kind, k, data)
		}
	}
	if tr.indent4 {
		if unit := jsonIndentUnit(lfLines(data)); unit != "    " {
			return failf("indent", "package.json", "after %s, package.json is indented with %q, not the user's four spaces:\n%s", s.Kind, unit, data)
		}
	}
	return nil
}

func count(lines []string) map[string]int {
	m := map[string]int{}
	for _, l := range lines {
		m[l]++
	}
	return m
}

// compareWithNew compares the project, which the user never edited, with what `scaffold new`
// writes for its features, file by file with modes.
func (tr *propTrial) compareWithNew() *propFailure {
	fresh := filepath.Join(filepath.Dir(tr.dir), "fresh")
	out, err := tr.env.scaffold("new", "demo", "--dir", fresh, "--features="+strings.Join(tr.features, ","), "--no-install", "--no-git")
	if err != nil {
		return failf("setup", "", "scaffold new: %v\n%s", err, out)
	}
	want, err := snapshotTree(fresh)
	if err != nil {
		return failf("snapshot", "", "%v", err)
	}
	got, err := snapshotTree(tr.dir)
	if err != nil {
		return failf("snapshot", "", "%v", err)
	}
	if tr.version != generator.Version {
		return nil // no command ran; the project is the archived release's render
	}
	if diff := cmp.Diff(filesOf(want), filesOf(got)); diff != "" {
		return failf("differs-from-new", "", "adding %v one at a time differs from `scaffold new` of them (-new +added):\n%s", tr.features, diff)
	}
	return nil
}

// reproduction prints a trial's steps as a script.
func (env *propEnv) reproduction(name string, cfg trialConfig, steps []propStep, notes map[int][]string, fail *propFailure) string {
	// The start does not depend on the steps: replay the seed's choice of it.
	tr := &propTrial{}
	rng := rand.New(rand.NewPCG(cfg.seed, 0x5caff01d))
	tr.startVersion = env.versions[rng.IntN(len(env.versions))]
	for _, f := range env.features {
		if rng.IntN(3) == 0 {
			tr.startFeatures = append(tr.startFeatures, f)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: seed %d, %d steps\n", name, cfg.seed, len(steps))
	newCmd := fmt.Sprintf("scaffold new demo --features %s --no-install --no-git", shellQuote(strings.Join(tr.startFeatures, ",")))
	if tr.startVersion != generator.Version {
		fmt.Fprintf(&b, "# the project starts as scaffold %s wrote it:\n%s  # with scaffold %s\n", tr.startVersion, newCmd, tr.startVersion)
	} else {
		fmt.Fprintln(&b, newCmd)
	}
	b.WriteString("cd demo\n")
	for i, s := range steps {
		b.WriteString(s.script())
		for _, n := range notes[i] {
			fmt.Fprintf(&b, "#   -> %s\n", n)
		}
	}
	fmt.Fprintf(&b, "# FAILS at step %d (%s):\n", fail.Step+1, fail.Kind)
	for _, l := range strings.Split(strings.TrimRight(fail.Msg, "\n"), "\n") {
		fmt.Fprintf(&b, "#   %s\n", l)
	}
	return b.String()
}

// shrink removes steps, one at a time, for as long as the trial still fails the same way.
func (env *propEnv) shrink(cfg trialConfig, steps []propStep, fail *propFailure) ([]propStep, map[int][]string, *propFailure) {
	steps = steps[:min(fail.Step+1, len(steps))]
	_, notes, got := env.runTrial(cfg, steps)
	if !fail.same(got) {
		return steps, notes, fail // not reproducible by replay; print it as it happened
	}
	fail = got
	for changed := true; changed; {
		changed = false
		for i := len(steps) - 1; i >= 0; i-- {
			if steps[i].Kind == "" {
				continue // the final comparison, which is not a step
			}
			candidate := slices.Delete(slices.Clone(steps), i, i+1)
			if _, n, f := env.runTrial(cfg, candidate); fail.same(f) {
				steps, notes, fail, changed = candidate[:min(f.Step+1, len(candidate))], n, f, true
				i = min(i, len(steps))
			}
		}
	}
	return steps, notes, fail
}

func runPropertyTrials(t *testing.T, env *propEnv, kind string, trials int, noEdits bool) {
	t.Run(kind, func(t *testing.T) {
		for seed := uint64(1); seed <= uint64(trials); seed++ {
			name := fmt.Sprintf("%d", seed)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				env.trials.Add(1)
				cfg := trialConfig{seed: seed, noEdits: noEdits}
				steps, notes, fail := env.runTrial(cfg, nil)
				if fail == nil {
					return
				}
				t.Logf("seed %d fails at step %d of %d (%s); shrinking", seed, fail.Step+1, len(steps), fail.Kind)
				steps, notes, fail = env.shrink(cfg, steps, fail)
				t.Errorf("property broken; minimal reproduction:\n%s", env.reproduction(t.Name(), cfg, steps, notes, fail))
			})
		}
	})
}

// TestPropertyAddSync runs random trials of edits, adds and syncs, and trials without edits that
// must end where `scaffold new` starts. See the comment at the top of this file.
func TestPropertyAddSync(t *testing.T) {
	env := newPropEnv(t)
	edits, noEdits := propEditTrials, propNoEditTrials
	if *propTrials > 0 {
		edits, noEdits = *propTrials, max(1, *propTrials/3)
	}
	if testing.Short() {
		edits, noEdits = edits/5, noEdits/5
	}
	runPropertyTrials(t, env, "edits", edits, false)
	runPropertyTrials(t, env, "no-edits", noEdits, true)
}
