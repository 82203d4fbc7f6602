package generator

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestModelConditionsAndPhases checks how contributions meet: conditions pick what applies, the
// pipeline is ordered by phase whatever the catalog order, and a later resource replaces an
// earlier one of the same name.
func TestModelConditionsAndPhases(t *testing.T) {
	c := testCatalog(t, []string{"auth", "store"}, map[string]string{
		"auth": `
middleware:
  - {phase: authentication, name: decode token, source: src/a.js, code: app.use(decode());}
  - {phase: settings, name: auth setting, source: src/app.js, code: "app.set('x', 1);"}
  - {phase: routes, name: socket auth, source: src/s.js, code: app.use(s());, when: [store]}
  - {phase: routes, name: memory auth, source: src/m.js, code: app.use(m());, unless: [store]}
`,
		"store": `
resources:
  - name: pool
    code: const pool = createPool();
    imports: [{from: ./pool.js, names: [createPool]}]
  - name: repo
    code: const repo = createPgRepo(pool);
    imports: [{from: ./pgRepo.js, names: [createPgRepo]}]
`,
	})
	c.Entries[0].Resources = []Snippet{{Name: "repo", Code: "const repo = createMemoryRepo();", Imports: []Import{{From: "./memoryRepo.js", Names: []string{"createMemoryRepo"}}}}}

	pipeline := func(features ...string) []string {
		res, err := c.Resolve(features)
		if err != nil {
			t.Fatal(err)
		}
		m, err := c.BuildModel("x", res, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, mw := range m.Middleware {
			got = append(got, mw.Phase.String()+": "+mw.Name)
		}
		return got
	}
	if diff := cmp.Diff([]string{"settings: auth setting", "authentication: decode token", "routes: memory auth"}, pipeline("auth")); diff != "" {
		t.Errorf("auth alone (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"settings: auth setting", "authentication: decode token", "routes: socket auth"}, pipeline("store", "auth")); diff != "" {
		t.Errorf("auth with store (-want +got):\n%s", diff)
	}

	res, _ := c.Resolve([]string{"store"})
	m, err := c.BuildModel("x", res, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range m.Resources {
		names = append(names, r.Feature+"/"+r.Name)
	}
	if diff := cmp.Diff([]string{"store/pool", "store/repo"}, names); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	want := []string{"import { createPgRepo } from './pgRepo.js';", "import { createPool } from './pool.js';"}
	if diff := cmp.Diff(want, m.ImportLines("src/dependencies.js")); diff != "" {
		t.Errorf("imports of a replaced resource (-want +got):\n%s", diff)
	}
}

func TestImportLines(t *testing.T) {
	m := &Model{imports: map[string][]Import{}}
	m.addImports(&Resolution{}, "src/app.js", []Import{
		{From: "./b.js", Names: []string{"zeta"}},
		{From: "express", Default: "express"},
		{From: "./b.js", Names: []string{"alpha", "zeta"}},
		{From: "compression", Default: "compression"},
		{From: "./a.js", Default: "a", Names: []string{"b"}},
	})
	want := []string{
		"import compression from 'compression';",
		"import express from 'express';",
		"import a, { b } from './a.js';",
		"import { alpha, zeta } from './b.js';",
	}
	if diff := cmp.Diff(want, m.ImportLines("src/app.js")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := m.ImportLines("src/other.js"); len(got) != 0 {
		t.Errorf("imports of another file: %v", got)
	}
}

func TestMarkdownTableIsPrettierShaped(t *testing.T) {
	got := markdownTable([]string{"a", "meaning"}, [][]string{{"`LONG_NAME`", "x"}, {"b", "longer text"}})
	want := strings.Join([]string{
		"| a           | meaning     |",
		"| ----------- | ----------- |",
		"| `LONG_NAME` | x           |",
		"| b           | longer text |",
	}, "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPhasesAreTheSeedOrder(t *testing.T) {
	var got []string
	for _, p := range Phases() {
		got = append(got, p.String())
		if parsed, err := ParsePhase(p.String()); err != nil || parsed != p {
			t.Errorf("ParsePhase(%q) = %v, %v", p, parsed, err)
		}
		if p.Comment() == "" {
			t.Errorf("phase %s has no comment for app.js", p)
		}
	}
	want := []string{"settings", "health", "infrastructure", "parsers", "authentication", "routes", "not found", "error handler"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := ParsePhase("middle"); err == nil {
		t.Error("ParsePhase accepted an unknown phase")
	}
}

// TestModelLines checks that lines gather per file and point in catalog order, that their
// conditions apply, and that their imports go to the file they are written into.
func TestModelLines(t *testing.T) {
	c := testCatalog(t, []string{"a", "b"}, map[string]string{
		"a": `
lines:
  - {file: src/r.js, point: guards, code: router.use(a());, imports: [{from: ./a.js, names: [a]}]}
  - {file: src/r.js, point: guards, code: router.use(ab());, when: [b], imports: [{from: ./ab.js, names: [ab]}]}
`,
		"b": `
lines:
  - {file: src/r.js, point: guards, code: router.use(b());}
  - {file: src/r.js, point: cache, code: router.use(c());}
`,
	})
	model := func(features ...string) *Model {
		res, err := c.Resolve(features)
		if err != nil {
			t.Fatal(err)
		}
		m, err := c.BuildModel("x", res, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := model("a")
	if diff := cmp.Diff([]string{"router.use(a());"}, m.Lines("src/r.js", "guards")); diff != "" {
		t.Errorf("guards of a (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"import { a } from './a.js';"}, m.ImportLines("src/r.js")); diff != "" {
		t.Errorf("imports of a (-want +got):\n%s", diff)
	}
	m = model("b", "a")
	want := []string{"router.use(a());", "router.use(ab());", "router.use(b());"}
	if diff := cmp.Diff(want, m.Lines("src/r.js", "guards")); diff != "" {
		t.Errorf("guards of a and b (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"router.use(c());"}, m.Lines("src/r.js", "cache")); diff != "" {
		t.Errorf("cache of a and b (-want +got):\n%s", diff)
	}
	if got := m.Lines("src/r.js", "nowhere"); got != nil {
		t.Errorf("lines of an unknown point = %q, want none", got)
	}
}

// TestImportLinesWrap checks that an import longer than Prettier's print width is broken the way
// Prettier breaks it.
func TestImportLinesWrap(t *testing.T) {
	m := &Model{imports: map[string][]Import{}}
	m.addImports(&Resolution{}, "src/r.js", []Import{
		{From: "../users/users.schemas.js", Names: []string{"createUserBody", "listUsersQuery", "updateUserBody", "userParams"}},
	})
	want := []string{"import {\n  createUserBody,\n  listUsersQuery,\n  updateUserBody,\n  userParams,\n} from '../users/users.schemas.js';"}
	if diff := cmp.Diff(want, m.ImportLines("src/r.js")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestModelExpandsTheProjectName checks that `[[ .Name ]]` in a manifest's strings becomes the
// project name, as it does in template files.
func TestModelExpandsTheProjectName(t *testing.T) {
	c := testCatalog(t, []string{"cache"}, map[string]string{
		"cache": `
env:
  - {name: PREFIX, key: prefix, schema: "z.string().default('[[ .Name ]]:')", example: "[[ .Name ]]:", default: "` + "`[[ .Name ]]:`" + `", description: "keys of [[ .Name ]]"}
lines:
  - {file: test/x.js, point: p, code: "prefix: '[[ .Name ]]:',"}
resources:
  - {name: r, code: "const r = open('[[ .Name ]]');"}
docs:
  - {title: "[[ .Name ]] cache", body: "Keys start with [[ .Name ]]:."}
`,
	})
	res, err := c.Resolve([]string{"cache"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.BuildModel("shop", res, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{m.Env[0].Schema, m.Env[0].Example, m.Env[0].Default, m.Env[0].Description, m.Lines("test/x.js", "p")[0], m.Resources[0].Code, m.Docs[0].Title, m.Docs[0].Body}
	want := []string{"z.string().default('shop:')", "shop:", "`shop:`", "keys of shop", "prefix: 'shop:',", "const r = open('shop');", "shop cache", "Keys start with shop:."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestModelSecrets checks that secrets are listed in configuration order and that a manifest
// cannot ship an example value for one, which .env.example would then hand to every project.
func TestModelSecrets(t *testing.T) {
	c := testCatalog(t, []string{"auth"}, map[string]string{
		"auth": `
env:
  - {name: TOKEN_SECRET, key: tokenSecret, schema: z.string(), example: "", secret: true}
  - {name: TOKEN_TTL, key: tokenTtl, schema: z.string(), example: 15m}
  - {name: COOKIE_SECRET, key: cookieSecret, schema: z.string(), example: "", secret: true}
`,
	})
	res, err := c.Resolve([]string{"auth"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.BuildModel("x", res, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"TOKEN_SECRET", "COOKIE_SECRET"}, m.SecretEnvNames()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	for _, e := range c.Entries {
		if e.Name == "auth" {
			e.Env[0].Example = "change-me"
		}
	}
	_, err = c.BuildModel("x", res, nil)
	if err == nil || !strings.Contains(err.Error(), "ships an example value for secret TOKEN_SECRET") {
		t.Errorf("a secret with an example: got %v", err)
	}
}
