//go:build e2e

package e2e

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// matrixWorkers is how many projects install or test at once: two, as CI machines have two
// cores, unless SCAFFOLD_E2E_WORKERS says otherwise.
func matrixWorkers(t *testing.T) int {
	v := os.Getenv("SCAFFOLD_E2E_WORKERS")
	if v == "" {
		return 2
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("SCAFFOLD_E2E_WORKERS=%q: want a positive number", v)
	}
	return n
}

// selectSets keeps the sets SCAFFOLD_E2E_SETS names (project names, comma-separated, such as
// "core,svc-jwt-pg"), so that a template change can be tried on the sets it touches first; the
// whole matrix runs when it is unset.
func selectSets(t *testing.T, sets []FeatureSet) []FeatureSet {
	v := os.Getenv("SCAFFOLD_E2E_SETS")
	if v == "" {
		return sets
	}
	var out []FeatureSet
	for _, name := range strings.Split(v, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(sets, func(s FeatureSet) bool { return s.Project() == name })
		if i < 0 {
			t.Fatalf("SCAFFOLD_E2E_SETS: no feature set makes a project named %q", name)
		}
		out = append(out, sets[i])
	}
	return out
}

// deadlineMargin is how much of go test's -timeout must be left to start a project's checks.
// Past it the remaining projects are reported as not run, so that the summary is still printed
// instead of go test panicking in the middle of the matrix.
const deadlineMargin = 5 * time.Minute

// detailedFailures is how many failed sets the report shows with their output; the others get one
// line each and their log, so that one broken template does not bury the summary.
const detailedFailures = 10

const (
	generateTimeout = time.Minute
	installTimeout  = 10 * time.Minute
	checkTimeout    = 5 * time.Minute // npm run lint, npm run format:check
	testTimeout     = 10 * time.Minute
)

// TestFeatureSetMatrix holds scaffold to its first promise for every feature set the catalog
// resolves today (64 once all seven features are available): the project generates, imports only
// what its package.json declares, lints clean, is formatted, and passes its own tests against real
// PostgreSQL and Redis.
//
// All sets are generated first. Then node_modules: the largest set and the core service install
// from their own package.json, and every other project links to the node_modules of the largest
// set that contains it, after checking that it holds every package the project pins at its
// version. Then each project gets its own PostgreSQL database and Redis logical database and runs
// npm run lint, npm run format:check and npm test, two projects at a time (SCAFFOLD_E2E_WORKERS),
// largest sets first. A set is green when every step passed and its tests ran, none failing.
func TestFeatureSetMatrix(t *testing.T) {
	requireNode(t)
	svc := requireServices(t)
	workers := matrixWorkers(t)
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	sets, err := FeatureSets(cat)
	if err != nil {
		t.Fatal(err)
	}
	sets = selectSets(t, sets)
	root := t.TempDir()
	logDir, err := os.MkdirTemp("", "scaffold-matrix-logs-")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("matrix: %d feature sets; logs in %s\n", len(sets), logDir)
	projects := make([]*matrixProject, len(sets))
	for i, set := range sets {
		projects[i] = &matrixProject{
			index:   i,
			set:     set,
			dir:     filepath.Join(root, set.Project()),
			logFile: filepath.Join(logDir, set.Project()+".log"),
		}
	}

	// The project with the most features also proves the longest names.
	slices.MaxFunc(projects, func(a, b *matrixProject) int {
		return cmp.Compare(len(a.set.Features), len(b.set.Features))
	}).longestNames = true
	start := time.Now()
	for _, p := range projects {
		p.generate(root)
	}
	fmt.Printf("matrix: generated and checked imports in %s\n", since(start))

	start = time.Now()
	roots := installRoots(projects)
	forEachParallel(workers, roots, (*matrixProject).npmInstall)
	var linked []*matrixProject
	for _, p := range projects {
		if p.passed(stepGenerate) && !slices.Contains(roots, p) {
			linked = append(linked, p)
		}
	}
	forEachParallel(workers, linked, func(p *matrixProject) { p.shareNodeModules(roots) })
	fmt.Printf("matrix: node_modules ready in %s (%d installed, %d linked)\n", since(start), len(roots), len(linked))

	start = time.Now()
	var runnable []*matrixProject
	for _, p := range slices.Backward(projects) { // largest first: the longest runs start early
		if p.passed(stepNodeModules) {
			runnable = append(runnable, p)
		}
	}
	deadline, hasDeadline := t.Deadline()
	var mu sync.Mutex
	done := 0
	forEachParallel(workers, runnable, func(p *matrixProject) {
		if hasDeadline && time.Until(deadline) < deadlineMargin {
			p.record(stepResult{name: stepTime, failure: fmt.Sprintf("not run: less than %s of go test -timeout was left", deadlineMargin)})
		} else {
			p.runChecks(svc)
		}
		mu.Lock()
		defer mu.Unlock()
		done++
		status := "green in " + p.elapsed().Round(100*time.Millisecond).String()
		if p.stepNamed(stepTime) != nil {
			status = "not run, out of time"
		} else if !p.green() {
			status = "FAILED in " + p.elapsed().Round(100*time.Millisecond).String()
		}
		fmt.Printf("matrix: [%d/%d] %s: %s\n", done, len(runnable), p.set.Name(), status)
	})
	fmt.Printf("matrix: lint, format and tests in %s\n", since(start))

	printMatrixSummary(projects)
	fmt.Printf("matrix: logs in %s\n", logDir)
	detailed := 0
	var unrun []string
	for _, p := range projects {
		switch {
		case p.green():
		case p.stepNamed(stepTime) != nil:
			unrun = append(unrun, p.set.Name())
		case detailed < detailedFailures:
			detailed++
			t.Errorf("feature set %s failed (log: %s)\n%s", p.set.Name(), p.logFile, p.failureReport(true))
		default:
			t.Errorf("feature set %s failed (log: %s): %s", p.set.Name(), p.logFile, p.failureReport(false))
		}
	}
	if len(unrun) > 0 {
		t.Errorf("%d feature sets did not run, as less than %s of go test -timeout was left: %s", len(unrun), deadlineMargin, strings.Join(unrun, " "))
	}
}

func since(start time.Time) time.Duration {
	return time.Since(start).Round(100 * time.Millisecond)
}

// matrixProject is one feature set's project and what happened to it. Only one goroutine handles
// a project at a time.
type matrixProject struct {
	index   int
	set     FeatureSet
	dir     string
	logFile string
	// longestNames adds LongestNamesResources to the project's resources.
	longestNames bool

	steps      []stepResult
	pass, fail int
}

// stepResult is one step of a project's run.
type stepResult struct {
	name string
	commandResult
	failure string // why the step failed; empty when it passed
}

// Step names, in the order they run.
const (
	stepGenerate    = "generate"
	stepImports     = "imports"
	stepNodeModules = "node_modules"
	stepDatabase    = "database"
	stepLint        = "lint"
	stepFormat      = "format"
	stepTest        = "test"
	stepTime        = "time" // a project whose checks did not start for want of time
)

// record keeps a step's result and appends it to the project's log.
func (p *matrixProject) record(step stepResult) {
	p.steps = append(p.steps, step)
	status := "ok"
	if step.failure != "" {
		status = "FAILED: " + step.failure
	}
	entry := fmt.Sprintf("=== %s: %s\n%s\n--- %s (%s)\n\n", step.name, step.Command,
		strings.TrimRight(step.Output, "\n"), status, step.Elapsed.Round(time.Millisecond))
	f, err := os.OpenFile(p.logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	f.WriteString(entry)
}

func (p *matrixProject) recordCommand(name string, r commandResult) bool {
	failure := ""
	if r.Err != nil {
		failure = r.Err.Error()
	}
	p.record(stepResult{name: name, commandResult: r, failure: failure})
	return failure == ""
}

// passed reports whether the named step ran and passed. A failed import check does not stop the
// later steps; a project that did not generate or has no node_modules cannot go on.
func (p *matrixProject) passed(name string) bool {
	s := p.stepNamed(name)
	return s != nil && s.failure == ""
}

func (p *matrixProject) stepNamed(name string) *stepResult {
	for i := range p.steps {
		if p.steps[i].name == name {
			return &p.steps[i]
		}
	}
	return nil
}

// ok reports whether every step so far passed.
func (p *matrixProject) ok() bool {
	return !slices.ContainsFunc(p.steps, func(s stepResult) bool { return s.failure != "" })
}

// green reports whether the project went through every step and passed them all.
func (p *matrixProject) green() bool {
	return p.ok() && p.stepNamed(stepTest) != nil
}

func (p *matrixProject) elapsed() time.Duration {
	var d time.Duration
	for _, s := range p.steps {
		d += s.Elapsed
	}
	return d
}

// generate writes the project without installing it, and checks its imports.
func (p *matrixProject) generate(root string) {
	r := runBounded(root, nil, generateTimeout, scaffoldBin, "new", p.set.Project(),
		"--features", strings.Join(p.set.Features, ","), "--yes", "--no-git", "--no-install")
	// The resources are added the way users add them, after new, so that every set also proves
	// resources of every field type with its features.
	resources := MatrixResources
	if p.longestNames {
		resources = slices.Concat(resources, LongestNamesResources)
	}
	for _, res := range resources {
		if r.Err != nil {
			break
		}
		args := append([]string{"resource"}, res...)
		more := runBounded(p.dir, nil, generateTimeout, scaffoldBin, append(args, "--no-install")...)
		more.Command = r.Command + "\n" + more.Command
		more.Output = r.Output + more.Output
		more.Elapsed += r.Elapsed
		r = more
	}
	if !p.recordCommand(stepGenerate, r) {
		return
	}
	start := time.Now()
	problems, err := CheckImports(p.dir)
	step := stepResult{name: stepImports, commandResult: commandResult{Command: "CheckImports " + p.dir}}
	var lines []string
	for _, problem := range problems {
		lines = append(lines, problem.String())
	}
	switch {
	case err != nil:
		step.failure = err.Error()
	case len(problems) > 0:
		step.failure = fmt.Sprintf("package.json does not allow %d of its imports", len(problems))
	default:
		lines = append(lines, "every import is declared in package.json")
	}
	step.Output = strings.Join(lines, "\n")
	step.Elapsed = time.Since(start)
	p.record(step)
}

// installRoots picks the projects that install their own node_modules: the largest generated set,
// any generated set no larger installed set contains (when features conflict there is no single
// superset), and the core service, which proves the core package.json installs on its own.
// Largest first.
func installRoots(projects []*matrixProject) []*matrixProject {
	var roots []*matrixProject
	for _, p := range slices.Backward(projects) {
		if !p.passed(stepGenerate) {
			continue
		}
		covered := slices.ContainsFunc(roots, func(r *matrixProject) bool { return r.set.Contains(p.set) })
		if !covered || len(p.set.Features) == 0 {
			roots = append(roots, p)
		}
	}
	return roots
}

// npmInstall installs the project's own package.json and checks the result.
func (p *matrixProject) npmInstall() {
	r := runBounded(p.dir, nil, installTimeout, "npm", "install", "--no-audit", "--no-fund")
	if r.Err == nil {
		if unmet, err := UnmetDependencies(filepath.Join(p.dir, "package.json"), filepath.Join(p.dir, "node_modules")); err != nil {
			r.Err = err
		} else if len(unmet) > 0 {
			r.Err = fmt.Errorf("npm install left package.json unmet: %s", strings.Join(unmet, "; "))
		}
	}
	p.recordCommand(stepNodeModules, r)
}

// shareNodeModules links the project's node_modules to that of the largest installed project
// that contains its features and holds every package it pins. When no such project holds them all
// (a package only a smaller set needs), it installs its own.
func (p *matrixProject) shareNodeModules(roots []*matrixProject) {
	start := time.Now()
	var reasons []string
	for _, r := range roots {
		if !r.set.Contains(p.set) {
			continue
		}
		if !r.passed(stepNodeModules) {
			reasons = append(reasons, r.set.Project()+" did not install")
			continue
		}
		target := filepath.Join(r.dir, "node_modules")
		unmet, err := UnmetDependencies(filepath.Join(p.dir, "package.json"), target)
		if err != nil {
			reasons = append(reasons, err.Error())
			continue
		}
		if len(unmet) > 0 {
			reasons = append(reasons, fmt.Sprintf("%s lacks %s", r.set.Project(), strings.Join(unmet, "; ")))
			continue
		}
		link := filepath.Join(p.dir, "node_modules")
		step := stepResult{name: stepNodeModules, commandResult: commandResult{
			Command: fmt.Sprintf("ln -s %s %s", target, link),
			Output:  fmt.Sprintf("node_modules of %s holds every package package.json pins", r.set.Project()),
		}}
		if err := os.Symlink(target, link); err != nil {
			step.failure = err.Error()
		}
		step.Elapsed = time.Since(start)
		p.record(step)
		return
	}
	// Installing for each project whose superset failed would only repeat that failure 60 times.
	if slices.ContainsFunc(roots, func(r *matrixProject) bool { return r.set.Contains(p.set) && r.passed(stepNodeModules) }) {
		p.record(stepResult{name: "note", commandResult: commandResult{
			Command: "installing node_modules of its own",
			Output:  strings.Join(reasons, "\n"),
		}})
		p.npmInstall()
		return
	}
	p.record(stepResult{
		name:          stepNodeModules,
		commandResult: commandResult{Command: "share node_modules", Output: strings.Join(reasons, "\n"), Elapsed: time.Since(start)},
		failure:       "no installed superset to share node_modules with: " + strings.Join(reasons, "; "),
	})
}

// runChecks runs what the project's CI runs, against its own databases.
func (p *matrixProject) runChecks(svc *services) {
	dbURL, r := svc.createDatabase(p.index)
	redisURL, err := svc.projectRedisURL(p.index)
	if err != nil && r.Err == nil {
		r.Err = err
	}
	r.Output = strings.TrimSpace(fmt.Sprintf("%s\nDATABASE_URL=%s\nREDIS_URL=%s", r.Output,
		urlPassword.ReplaceAllString(dbURL, "://$1:***@"), urlPassword.ReplaceAllString(redisURL, "://$1:***@")))
	if !p.recordCommand(stepDatabase, r) {
		return
	}
	defer func() {
		if r := svc.dropDatabase(p.index); r.Err != nil {
			p.record(stepResult{name: "drop database (not counted)", commandResult: r})
		}
	}()
	env := []string{"DATABASE_URL=" + dbURL, "REDIS_URL=" + redisURL}
	p.recordCommand(stepLint, runBounded(p.dir, env, checkTimeout, "npm", "run", "lint"))
	p.recordCommand(stepFormat, runBounded(p.dir, env, checkTimeout, "npm", "run", "format:check"))

	r = runBounded(p.dir, env, testTimeout, "npm", "test")
	pass, fail, counted := NodeTestCounts(r.Output)
	p.pass, p.fail = pass, fail
	step := stepResult{name: stepTest, commandResult: r}
	switch {
	case r.Err != nil:
		step.failure = r.Err.Error()
	case !counted:
		step.failure = "no node --test summary (ℹ pass N, ℹ fail N) in the output"
	case fail > 0:
		step.failure = fmt.Sprintf("%d of %d tests failed", fail, pass+fail)
	case pass == 0:
		step.failure = "no test passed"
	}
	if step.failure != "" && counted && r.Err != nil {
		step.failure += fmt.Sprintf(" (%d passed, %d failed)", pass, fail)
	}
	p.record(step)
}

// column is how the summary shows a step: ok, FAIL, or - when it did not run.
func (p *matrixProject) column(name string) string {
	switch s := p.stepNamed(name); {
	case s == nil:
		return "-"
	case s.failure != "":
		return "FAIL"
	case name == stepNodeModules && strings.HasPrefix(s.Command, "ln -s"):
		return "linked"
	case name == stepNodeModules:
		return "installed"
	}
	return "ok"
}

func (p *matrixProject) testsColumn() string {
	s := p.stepNamed(stepTest)
	switch {
	case s == nil:
		return "-"
	case p.pass+p.fail == 0:
		return "FAIL"
	}
	return fmt.Sprintf("%d/%d", p.pass, p.pass+p.fail)
}

func printMatrixSummary(projects []*matrixProject) {
	fmt.Println()
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FEATURE SET\tIMPORTS\tNODE_MODULES\tLINT\tFORMAT\tTESTS PASSED\tSECONDS")
	green := 0
	for _, p := range projects {
		if p.green() {
			green++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%.1f\n", p.set.Name(), p.column(stepImports),
			p.column(stepNodeModules), p.column(stepLint), p.column(stepFormat), p.testsColumn(),
			p.elapsed().Seconds())
	}
	tw.Flush()
	fmt.Printf("%d of %d feature sets green\n", green, len(projects))
}

// failureReport says, for each failed step, why it failed, and in detail also what ran and the
// gist of its output.
func (p *matrixProject) failureReport(detail bool) string {
	var reasons []string
	var b strings.Builder
	for _, s := range p.steps {
		if s.failure == "" {
			continue
		}
		reasons = append(reasons, s.name+": "+s.failure)
		fmt.Fprintf(&b, "--- %s failed: %s\n", s.name, s.failure)
		if s.Command != "" {
			fmt.Fprintf(&b, "$ %s\n", s.Command)
		}
		if out := strings.TrimSpace(s.Output); out != "" {
			fmt.Fprintf(&b, "%s\n", excerpt(out, 20, 60))
		}
	}
	switch {
	case len(reasons) == 0:
		return "it never reached npm test"
	case !detail:
		return strings.Join(reasons, "; ")
	}
	return b.String()
}
