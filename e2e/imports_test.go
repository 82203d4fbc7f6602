package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestModuleSpecifiers(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"default", `import express from 'express';`, []string{"express"}},
		{"double quotes, no semicolon", "import pino from \"pino\"\nconst x = 1", []string{"pino"}},
		{"named over lines", "import {\n  a,\n  b as c,\n} from '@scope/pkg/sub';", []string{"@scope/pkg/sub"}},
		{"namespace", `import * as z from 'zod';`, []string{"zod"}},
		{"default and named", `import d, { e } from 'd';`, []string{"d"}},
		{"default and namespace", `import d, * as ns from 'd';`, []string{"d"}},
		{"string export name", `import { "a-b" as ab } from 'm';`, []string{"m"}},
		{"side effect", `import 'dotenv/config';`, []string{"dotenv/config"}},
		{"import attributes", `import data from './data.json' with { type: 'json' };`, []string{"./data.json"}},
		{"export star", `export * from './a.js';`, []string{"./a.js"}},
		{"export star as", `export * as b from 'b';`, []string{"b"}},
		{"export named", `export { x, y as z } from 'c';`, []string{"c"}},
		{"export without from", "export { x };\nexport const from = 'no';\nexport default 1;", nil},
		{"dynamic", `const pg = await import('pg');`, []string{"pg"}},
		{"dynamic with options", `await import('m', { with: { type: 'json' } });`, []string{"m"}},
		{"dynamic template literal", "await import(`m`);", []string{"m"}},
		{"dynamic computed", "await import(name); await import(`./${name}.js`); await import('a' + b);", nil},
		{"import.meta", `const root = new URL('..', import.meta.url);`, nil},
		{"property named import", `loader.import('x'); a?.import('y');`, nil},
		{"line comment", "// import a from 'a';\n// await import('b')\nimport c from 'c';", []string{"c"}},
		{"block comment", "/*\nimport a from 'a';\n*/\n/** @example import('b') */", nil},
		{"strings", `const s = "import a from 'a'"; const t = 'import("b")';`, nil},
		{"template text", "const s = `import a from 'a'`;", nil},
		{"template substitution", "const s = `x ${await import('a')} y`;", []string{"a"}},
		{"nested template", "const s = `a ${`b ${c}`} ${ { d: 1 }.d }`; import e from 'e';", []string{"e"}},
		{"regex with quotes", "const re = /import 'a'|[/\"']/g;\nimport b from 'b';", []string{"b"}},
		{"division is not a regex", "const x = a / b; const y = (c) / 2; import d from 'd';", []string{"d"}},
		{"url in string", "const u = 'http://x/y'; import a from 'a';", []string{"a"}},
		{"escaped quote", `const s = 'it\'s'; import a from 'a';`, []string{"a"}},
		{"several", "import a from 'a';\nimport { b } from 'node:b';\nexport * from './c.js';\nawait import('d');", []string{"a", "node:b", "./c.js", "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ModuleSpecifiers(tt.src); !slices.Equal(got, tt.want) {
				t.Errorf("ModuleSpecifiers(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestPackageName(t *testing.T) {
	tests := []struct {
		spec, want string
		isPackage  bool
	}{
		{"express", "express", true},
		{"eslint/config", "eslint", true},
		{"@eslint/js", "@eslint/js", true},
		{"@socket.io/redis-adapter/dist/x.js", "@socket.io/redis-adapter", true},
		{"node:fs", "", false},
		{"node:fs/promises", "", false},
		{"./app.js", "", false},
		{"../src/app.js", "", false},
		{"/abs/file.js", "", false},
		{"#internal", "", false},
		{"data:text/javascript,1", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := PackageName(tt.spec)
		if got != tt.want || ok != tt.isPackage {
			t.Errorf("PackageName(%q) = %q, %v; want %q, %v", tt.spec, got, ok, tt.want, tt.isPackage)
		}
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckImports(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"package.json": `{
  "name": "demo",
  "dependencies": { "express": "5.3.0", "@scope/lib": "1.0.0" },
  "devDependencies": { "supertest": "7.3.2", "eslint": "10.15.0" }
}`,
		"src/app.js":            "import express from 'express';\nimport { x } from '@scope/lib/sub';\nimport fs from 'node:fs';\nimport { y } from './y.js';\n",
		"src/bad.js":            "import request from 'supertest';\nconst pg = await import('pg');\nimport path from 'path';\n",
		"migrations/001.js":     "export * from 'eslint/config';\n",
		"test/app.test.js":      "import request from 'supertest';\nimport express from 'express';\nimport nock from 'nock';\n",
		"eslint.config.js":      "import { defineConfig } from 'eslint/config';\n",
		"src/data.json":         `{"import": "ignored"}`,
		"node_modules/x/a.js":   "import hidden from 'not-checked';\n",
		"scripts/tool.mjs":      "import chalk from 'chalk';\n",
		"src/nested/deep/z.cjs": "import 'express';\n",
	})
	problems, err := CheckImports(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.File+" "+p.Package)
	}
	want := []string{
		"migrations/001.js eslint",
		"scripts/tool.mjs chalk",
		"src/bad.js supertest",
		"src/bad.js pg",
		"src/bad.js path",
		"test/app.test.js nock",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	for _, p := range problems {
		switch p.Package {
		case "supertest", "eslint":
			if !strings.Contains(p.Reason, "only in devDependencies") {
				t.Errorf("%s: reason %q does not say the package is a devDependency", p, p.Reason)
			}
		case "path":
			if !strings.Contains(p.Reason, "node:path") {
				t.Errorf("%s: reason %q does not suggest node:path", p, p.Reason)
			}
		}
	}
}

func TestCheckImportsNeedsPackageJSON(t *testing.T) {
	if _, err := CheckImports(t.TempDir()); err == nil {
		t.Error("CheckImports of a directory without package.json succeeded")
	}
}
