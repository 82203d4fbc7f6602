package generator

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestMergeFile checks the merge each kind of file gets, and the regions that need no decision.
func TestMergeFile(t *testing.T) {
	tests := []struct {
		name                 string
		path                 string
		base, theirs, target string
		want                 string
		wantConflicts        int
	}{
		{
			name: "both added different lines: both kept, yours first",
			path: "notes.txt",
			base: "a\nz\n", theirs: "a\nmine\nz\n", target: "a\nfeature\nz\n",
			want: "a\nmine\nfeature\nz\n",
		},
		{
			name: "both added the same lines: one copy",
			path: "notes.txt",
			base: "a\nz\n", theirs: "a\nsame\nline\nz\n", target: "a\nsame\nline\nz\n",
			want: "a\nsame\nline\nz\n",
		},
		{
			name: "both added the same lines beside other edits: one copy",
			path: "notes.txt",
			base: "a\nb\nc\nd\ne\nf\n", theirs: "A\nb\nc\nsame\nd\ne\nf\n", target: "a\nb\nc\nsame\nd\ne\nF\n",
			want: "A\nb\nc\nsame\nd\ne\nF\n",
		},
		{
			name: "the same line changed differently: conflict",
			path: "notes.txt",
			base: "one\ntwo\nthree\n", theirs: "one\n2\nthree\n", target: "one\nTWO\nthree\n",
			want:          "one\n<<<<<<< yours\n2\n||||||| scaffold (before)\ntwo\n=======\nTWO\n>>>>>>> scaffold (now)\nthree\n",
			wantConflicts: 1,
		},
		{
			name:   "package.json by key",
			path:   "package.json",
			base:   "{\n  \"dependencies\": {\n    \"express\": \"5.3.0\"\n  }\n}\n",
			theirs: "{\n  \"dependencies\": {\n    \"express\": \"5.3.0\",\n    \"lodash\": \"4.17.21\"\n  }\n}\n",
			target: "{\n  \"dependencies\": {\n    \"express\": \"5.3.0\",\n    \"pg\": \"8.23.1\"\n  }\n}\n",
			want:   "{\n  \"dependencies\": {\n    \"express\": \"5.3.0\",\n    \"lodash\": \"4.17.21\",\n    \"pg\": \"8.23.1\"\n  }\n}\n",
		},
		{
			name: "a package.json that is not JSON is merged by line",
			path: "package.json",
			base: "{\n  \"a\": 1\n}\n", theirs: "{\n  \"a\": 1,\n}\n// mine\n", target: "{\n  \"a\": 1\n}\n// new\n",
			want: "{\n  \"a\": 1,\n}\n// mine\n// new\n",
		},
		{
			name: "valid JavaScript additions at the same place: both kept",
			path: "src/app.js",
			base: "import a from './a.js';\n\nexport default a;\n", theirs: "import a from './a.js';\nimport b from './b.js';\n\nexport default a;\n",
			target: "import a from './a.js';\nimport c from './c.js';\n\nexport default a;\n",
			want:   "import a from './a.js';\nimport b from './b.js';\nimport c from './c.js';\n\nexport default a;\n",
		},
		{
			name: "untouched by the templates: the user's file as it is",
			path: "src/app.js",
			base: "a\n", theirs: "broken(\n", target: "a\n",
			want: "broken(\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := MergeFile(t.Context(), tt.path, []byte(tt.base), []byte(tt.theirs), []byte(tt.target))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(res.Data)); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			if len(res.Conflicts) != tt.wantConflicts || res.Invalid != "" {
				t.Errorf("conflicts = %+v, invalid = %q; want %d conflicts and valid", res.Conflicts, res.Invalid, tt.wantConflicts)
			}
		})
	}
}

// appJS is an Express app.js as the generator writes it, with lines to be replaced by the sides.
const appJS = `import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { config } from './config.js';
import { errorHandler } from './middleware/error.js';
import { notFound } from './middleware/not-found.js';
import { createUsersRouter } from './users/router.js';
// IMPORTS

export function createApp({ logger }) {
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(pinoHttp({ logger }));
  app.use(helmet());
  app.use(express.json({ limit: '100kb' }));
  app.use('/api/v1/users', createUsersRouter());
  // ROUTES
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
`

// TestMergeFileDuplicateImport is the merge that gave "Identifier 'createAdminRouter' has already
// been declared": the user added the admin router by hand, then added the admin feature, whose
// template imports it too. Each line merge is clean, and Node refuses the result; the merge must
// be a conflict that keeps every line of the user's.
func TestMergeFileDuplicateImport(t *testing.T) {
	userImport := "import { createAdminRouter } from './admin/router.js';\n"
	route := "  app.use('/api/v1/admin', createAdminRouter());\n"
	base := strings.NewReplacer("// IMPORTS\n", "", "  // ROUTES\n", "").Replace(appJS)
	theirs := strings.NewReplacer("// IMPORTS\n", userImport, "  // ROUTES\n", route).Replace(appJS)
	tests := []struct {
		name   string
		target string
	}{
		{
			// Both added an import after the users router, in a different form: git's conflict,
			// both kept by the "both added" rule, the same binding twice.
			name: "same place, other form",
			target: strings.NewReplacer("// IMPORTS\n", `import { createAdminRouter } from "./admin/router.js";`+"\n",
				"  // ROUTES\n", route).Replace(appJS),
		},
		{
			// The template sorts its import elsewhere: a clean line merge, and the same binding twice.
			name: "other place",
			target: strings.NewReplacer("// IMPORTS\n", "",
				"import { config } from './config.js';\n", "import { createAdminRouter } from './admin/router.js';\nimport { config } from './config.js';\n",
				"  // ROUTES\n", route).Replace(appJS),
		},
		{
			// The template names the import differently: an alias binding the same name.
			name: "same place, aliased",
			target: strings.NewReplacer("// IMPORTS\n", "import { createRouter as createAdminRouter } from './admin/index.js';\n",
				"  // ROUTES\n", route).Replace(appJS),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := MergeFile(t.Context(), "src/app.js", []byte(base), []byte(theirs), []byte(tt.target))
			if err != nil {
				t.Fatal(err)
			}
			want := "the merged file would not parse as JavaScript: identifier createAdminRouter has already been declared"
			if res.Invalid != want {
				t.Errorf("Invalid = %q, want %q", res.Invalid, want)
			}
			if !res.Conflicted() || len(res.Conflicts) == 0 {
				t.Fatalf("merge is not a conflict with regions: %+v", res)
			}
			assertKeepsLines(t, theirs, string(res.Data))
			if !strings.Contains(string(res.Data), "\n<<<<<<< yours\n") || !strings.Contains(string(res.Data), "\n>>>>>>> scaffold (now)\n") {
				t.Errorf("no conflict markers in:\n%s", res.Data)
			}
			for _, r := range res.Conflicts {
				lines := splitLines(string(res.Data))
				if r.Line < 1 || r.Line > len(lines) || !strings.HasPrefix(lines[r.Line-1], "<<<<<<< ") {
					t.Errorf("region %+v does not start at a marker", r)
				}
			}
		})
	}

	// A user's file that already declares the name twice is not the merge's fault.
	broken := strings.Replace(theirs, userImport, userImport+userImport, 1)
	target := strings.NewReplacer("// IMPORTS\n", "import cors from 'cors';\n", "  // ROUTES\n", "").Replace(appJS)
	res, err := MergeFile(t.Context(), "src/app.js", []byte(base), []byte(broken), []byte(target))
	if err != nil {
		t.Fatal(err)
	}
	if res.Conflicted() {
		t.Errorf("the merge is blamed for the user's broken file: %+v", res)
	}
}

// assertKeepsLines fails unless every line of want is in got.
func assertKeepsLines(t *testing.T, want, got string) {
	t.Helper()
	have := map[string]bool{}
	for _, l := range splitLines(got) {
		have[strings.TrimRight(l, "\r\n")] = true
	}
	for _, l := range splitLines(want) {
		if !have[strings.TrimRight(l, "\r\n")] {
			t.Errorf("line %q of yours is not in the merge:\n%s", l, got)
		}
	}
}

// TestMergeFileCleanMergeThatDoesNotParse checks a merge with no overlap that still breaks the
// code: every place the merge changed the user's file is then a two-way conflict.
func TestMergeFileCleanMergeThatDoesNotParse(t *testing.T) {
	base := "import a from './a.js';\n\nconst x = 1;\n\nexport { a, x };\n"
	theirs := "import a from './a.js';\n\nconst x = 1;\nconst y = 2;\n\nexport { a, x };\n"
	target := "import a from './a.js';\nimport y from './y.js';\n\nconst x = 1;\n\nexport { a, x };\n"
	res, err := MergeFile(t.Context(), "src/app.mjs", []byte(base), []byte(theirs), []byte(target))
	if err != nil {
		t.Fatal(err)
	}
	want := "import a from './a.js';\n<<<<<<< yours\n=======\nimport y from './y.js';\n>>>>>>> scaffold (now)\n\nconst x = 1;\nconst y = 2;\n\nexport { a, x };\n"
	if diff := cmp.Diff(want, string(res.Data)); diff != "" {
		t.Errorf("data (-want +got):\n%s", diff)
	}
	wantRegions := []ConflictRegion{{Line: 2, Template: []string{"import y from './y.js';\n"}, TwoWay: true}}
	if diff := cmp.Diff(wantRegions, res.Conflicts); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
	if !strings.Contains(res.Invalid, "identifier y has already been declared") {
		t.Errorf("Invalid = %q", res.Invalid)
	}
}

// TestMergeWithoutBase checks that without a common ancestor every difference is a conflict.
func TestMergeWithoutBase(t *testing.T) {
	tests := []struct {
		name, theirs, target, want string
		wantRegions                []ConflictRegion
	}{
		{name: "the same", theirs: "a\nb\n", target: "a\nb\n", want: "a\nb\n"},
		{
			name: "an added line of each side", theirs: "a\nmine\nb\nc\n", target: "a\nb\nfeature\nc\n",
			want: "a\n<<<<<<< yours\nmine\n=======\n>>>>>>> scaffold (now)\nb\n<<<<<<< yours\n=======\nfeature\n>>>>>>> scaffold (now)\nc\n",
			wantRegions: []ConflictRegion{
				{Line: 2, Yours: []string{"mine\n"}, TwoWay: true},
				{Line: 7, Template: []string{"feature\n"}, TwoWay: true},
			},
		},
		{
			name: "a changed line without a final newline", theirs: "a\nb", target: "a\nB\n",
			want:        "a\n<<<<<<< yours\nb\n=======\nB\n>>>>>>> scaffold (now)\n",
			wantRegions: []ConflictRegion{{Line: 2, Yours: []string{"b\n"}, Template: []string{"B\n"}, TwoWay: true}},
		},
		{
			name: "crlf", theirs: "a\r\nmine\r\nb\r\n", target: "a\nb\n",
			want:        "a\r\n<<<<<<< yours\r\nmine\r\n=======\r\n>>>>>>> scaffold (now)\r\nb\r\n",
			wantRegions: []ConflictRegion{{Line: 2, Yours: []string{"mine\n"}, TwoWay: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := MergeWithoutBase("src/app.js", []byte(tt.theirs), []byte(tt.target))
			if diff := cmp.Diff(tt.want, string(res.Data)); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantRegions, res.Conflicts); diff != "" {
				t.Errorf("regions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMergeFileKeepsLiteralMarkers checks that conflict markers in the user's own text (a README
// explaining git conflicts) are lines like any other, and that the merge's own markers are git's.
func TestMergeFileKeepsLiteralMarkers(t *testing.T) {
	doc := "# Resolving conflicts\n\nGit shows:\n\n<<<<<<< HEAD\nours\n||||||| base\n=======\ntheirs\n>>>>>>> branch\n\n" +
		"Long runs too:\n=========\n\nEnd.\n"
	tests := []struct {
		name          string
		theirs        string
		target        string
		want          string
		wantConflicts []ConflictRegion
	}{
		{
			name:   "clean",
			theirs: "Intro of mine.\n" + doc,
			target: strings.Replace(doc, "End.", "The end.", 1),
			want:   "Intro of mine.\n" + strings.Replace(doc, "End.", "The end.", 1),
		},
		{
			name:   "conflict next to them",
			theirs: strings.Replace(doc, "ours\n", "OURS\n", 1),
			target: strings.Replace(doc, "ours\n", "Ours\n", 1),
			want: strings.Replace(doc, "ours\n", "<<<<<<< yours\nOURS\n||||||| scaffold (before)\nours\n=======\nOurs\n"+
				">>>>>>> scaffold (now)\n", 1),
			wantConflicts: []ConflictRegion{{Line: 6, Yours: []string{"OURS\n"}, Base: []string{"ours\n"}, Template: []string{"Ours\n"}}},
		},
		{
			name:   "both added lines that look like markers",
			theirs: doc + "=======\n",
			target: doc + ">>>>>>> x\n",
			want:   doc + "=======\n>>>>>>> x\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := MergeFile(t.Context(), "README.md", []byte(doc), []byte(tt.theirs), []byte(tt.target))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(res.Data)); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantConflicts, res.Conflicts); diff != "" {
				t.Errorf("regions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMergeFileLineEndings checks that a CRLF file merges line by line and stays CRLF.
func TestMergeFileLineEndings(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	base := "a\nb\nc\nd\ne\n"
	tests := []struct {
		name, theirs, target, want string
		wantConflicts              int
	}{
		{name: "lf", theirs: "A\nb\nc\nd\ne\n", target: "a\nb\nc\nd\nE\n", want: "A\nb\nc\nd\nE\n"},
		{name: "crlf", theirs: crlf("A\nb\nc\nd\ne\n"), target: "a\nb\nc\nd\nE\n", want: crlf("A\nb\nc\nd\nE\n")},
		{name: "mostly crlf", theirs: crlf("A\nb\nc\nd\n") + "e\n", target: "a\nb\nc\nd\nE\n", want: crlf("A\nb\nc\nd\nE\n")},
		{
			name: "crlf conflict", theirs: crlf("a\nB\nc\nd\ne\n"), target: "a\nb2\nc\nd\ne\n",
			want:          crlf("a\n<<<<<<< yours\nB\n||||||| scaffold (before)\nb\n=======\nb2\n>>>>>>> scaffold (now)\nc\nd\ne\n"),
			wantConflicts: 1,
		},
		// A user's LF file keeps its few CRLF lines where the templates did not change them.
		{name: "mostly lf", theirs: "A\r\nb\nc\nd\ne\n", target: "a\nb\nc\nd\nE\n", want: "A\r\nb\nc\nd\nE\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := MergeFile(t.Context(), "notes.txt", []byte(base), []byte(tt.theirs), []byte(tt.target))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(res.Data)); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			if len(res.Conflicts) != tt.wantConflicts {
				t.Errorf("conflicts = %+v, want %d", res.Conflicts, tt.wantConflicts)
			}
		})
	}
}

// TestMergePackageJSONKeepsStyle checks that package.json is written with the user's indentation,
// line endings and final newline.
func TestMergePackageJSONKeepsStyle(t *testing.T) {
	const base = "{\n  \"name\": \"demo\",\n  \"dependencies\": {\n    \"express\": \"5.3.0\"\n  }\n}\n"
	const target = "{\n  \"name\": \"demo\",\n  \"dependencies\": {\n    \"express\": \"5.3.0\",\n    \"pg\": \"8.23.1\"\n  },\n  \"files\": [\n    \"src\"\n  ]\n}\n"
	tests := []struct {
		name, theirs, want string
	}{
		{
			name:   "four spaces",
			theirs: "{\n    \"name\": \"demo\",\n    \"dependencies\": {\n        \"express\": \"5.3.0\"\n    }\n}\n",
			want:   "{\n    \"name\": \"demo\",\n    \"dependencies\": {\n        \"express\": \"5.3.0\",\n        \"pg\": \"8.23.1\"\n    },\n    \"files\": [\n        \"src\"\n    ]\n}\n",
		},
		{
			name:   "tabs",
			theirs: "{\n\t\"name\": \"demo\",\n\t\"dependencies\": {\n\t\t\"express\": \"5.3.0\"\n\t}\n}\n",
			want:   "{\n\t\"name\": \"demo\",\n\t\"dependencies\": {\n\t\t\"express\": \"5.3.0\",\n\t\t\"pg\": \"8.23.1\"\n\t},\n\t\"files\": [\n\t\t\"src\"\n\t]\n}\n",
		},
		{
			name:   "no final newline",
			theirs: "{\n  \"name\": \"demo\",\n  \"dependencies\": {\n    \"express\": \"5.3.0\"\n  }\n}",
			want:   "{\n  \"name\": \"demo\",\n  \"dependencies\": {\n    \"express\": \"5.3.0\",\n    \"pg\": \"8.23.1\"\n  },\n  \"files\": [\n    \"src\"\n  ]\n}",
		},
		{
			name:   "crlf",
			theirs: strings.ReplaceAll("{\n  \"name\": \"demo\",\n  \"dependencies\": {\n    \"express\": \"5.3.0\"\n  }\n}\n", "\n", "\r\n"),
			want:   strings.ReplaceAll("{\n  \"name\": \"demo\",\n  \"dependencies\": {\n    \"express\": \"5.3.0\",\n    \"pg\": \"8.23.1\"\n  },\n  \"files\": [\n    \"src\"\n  ]\n}\n", "\n", "\r\n"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := MergeFile(t.Context(), "package.json", []byte(base), []byte(tt.theirs), []byte(target))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(res.Data)); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			if res.Conflicted() {
				t.Errorf("conflicts: %+v %q", res.Conflicts, res.Invalid)
			}
		})
	}
}

// fakeGit puts a `git` running script first on PATH, alone.
func fakeGit(t *testing.T, script string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake git is a shell script")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "git"), []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
}

// TestMergeFileGitFailures checks that a merge git did not finish is an error, never a result: a
// Ctrl-C that killed git used to empty the user's file.
func TestMergeFileGitFailures(t *testing.T) {
	tests := []struct {
		name, script, wantErr string
	}{
		{"killed by a signal", "kill -INT $$", "did not finish (signal: interrupt)"},
		{"printed nothing", "exit 0", "printed nothing"},
		{"failed", "echo 'error: Cannot merge binary files' >&2; exit 255", "Cannot merge binary files"},
		{"conflicts without markers", "echo half; exit 1", "reported 1 conflicts but printed none"},
		{"unclosed conflict", "printf '<<<<<<< yours\\nx\\n'; exit 1", "did not close"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fakeGit(t, tt.script)
			res, err := MergeFile(t.Context(), "src/app.js", []byte("a\n"), []byte("a\nmine\n"), []byte("a\nnew\n"))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("MergeFile = %+v, %v; want an error containing %q", res, err, tt.wantErr)
			}
		})
	}
}

// TestMergeFileCancelled checks that a cancelled merge stops git and says why.
func TestMergeFileCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := MergeFile(ctx, "notes.txt", []byte("a\n"), []byte("a\nmine\n"), []byte("a\nnew\n"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: err = %v, want context.Canceled", err)
	}

	fakeGit(t, "exec /bin/sleep 30")
	ctx, cancel = context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = MergeFile(ctx, "notes.txt", []byte("a\n"), []byte("a\nmine\n"), []byte("a\nnew\n"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled during: err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the cancelled merge took %v", d)
	}
}

// TestMergeFileKeepsUserLines edits random files at random on both sides and checks that no line
// the user added is ever lost: each is in the merge, settled or in a conflict region.
func TestMergeFileKeepsUserLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// A small vocabulary, marker look-alikes included, so that sides collide often.
	vocab := []string{"a", "b", "c", "d", "e", "", "}", "=======", "<<<<<<< HEAD", ">>>>>>> x", "|||||||"}
	fails := func(base, theirs, target []string, added []string) string {
		res, err := MergeFile(t.Context(), "notes.txt", []byte(strings.Join(base, "")), []byte(strings.Join(theirs, "")), []byte(strings.Join(target, "")))
		if err != nil {
			return err.Error()
		}
		lines := splitLines(string(res.Data))
		for _, l := range added {
			if !slices.Contains(lines, l) {
				return fmt.Sprintf("user line %q lost", l)
			}
		}
		return ""
	}
	for iter := range 1000 {
		var base []string
		for range rng.IntN(12) {
			base = append(base, vocab[rng.IntN(len(vocab))]+"\n")
		}
		theirs, added := editLines(rng, base, vocab, "user")
		target, _ := editLines(rng, base, vocab, "template")
		if msg := fails(base, theirs, target, added); msg != "" {
			// Shrink to a minimal failing case: drop any line while it still fails.
			sides := [][]string{base, theirs, target}
			for shrunk := true; shrunk; {
				shrunk = false
				for s := range sides {
					for i := 0; i < len(sides[s]); i++ {
						try := slices.Clone(sides)
						try[s] = slices.Delete(slices.Clone(sides[s]), i, i+1)
						var keep []string
						for _, l := range added {
							if slices.Contains(try[1], l) {
								keep = append(keep, l)
							}
						}
						if fails(try[0], try[1], try[2], keep) != "" {
							sides, added, shrunk = try, keep, true
							i--
						}
					}
				}
			}
			t.Fatalf("iteration %d: %s\nreproduce with MergeFile(ctx, \"notes.txt\", []byte(%q), []byte(%q), []byte(%q))\nlines added: %q",
				iter, fails(sides[0], sides[1], sides[2], added), strings.Join(sides[0], ""), strings.Join(sides[1], ""), strings.Join(sides[2], ""), added)
		}
	}
}

// editLines makes random edits to lines: inserting lines unique to who (and returning them),
// deleting lines and replacing them with lines from vocab.
func editLines(rng *rand.Rand, lines, vocab []string, who string) ([]string, []string) {
	out := slices.Clone(lines)
	for range rng.IntN(4) {
		i := rng.IntN(len(out) + 1)
		switch rng.IntN(3) {
		case 0:
			out = slices.Insert(out, i, fmt.Sprintf("%s %d\n", who, rng.IntN(1000)))
		case 1:
			if i < len(out) {
				out = slices.Delete(out, i, i+1)
			}
		case 2:
			if i < len(out) {
				out[i] = vocab[rng.IntN(len(vocab))] + "\n"
			}
		}
	}
	// What was added is what is left of the insertions after the later edits.
	var added []string
	for _, l := range out {
		if strings.HasPrefix(l, who+" ") {
			added = append(added, l)
		}
	}
	return out, added
}

// TestMergePackageJSONConflictMarkers checks that a key both sides added with different values is
// a conflict whose markers show both, rather than a file naming the key twice.
func TestMergePackageJSONConflictMarkers(t *testing.T) {
	base := "{\n  \"scripts\": {\n    \"start\": \"node src/server.js\"\n  }\n}\n"
	theirs := "{\n  \"scripts\": {\n    \"start\": \"node src/server.js\",\n    \"lint\": \"eslint src\"\n  }\n}\n"
	target := "{\n  \"scripts\": {\n    \"start\": \"node src/server.js\",\n    \"lint\": \"eslint .\"\n  }\n}\n"
	res, err := MergeFile(t.Context(), "package.json", []byte(base), []byte(theirs), []byte(target))
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"scripts\": {\n<<<<<<< yours\n    \"start\": \"node src/server.js\",\n    \"lint\": \"eslint src\"\n" +
		"||||||| scaffold (before)\n    \"start\": \"node src/server.js\"\n=======\n    \"start\": \"node src/server.js\",\n" +
		"    \"lint\": \"eslint .\"\n>>>>>>> scaffold (now)\n  }\n}\n"
	if diff := cmp.Diff(want, string(res.Data)); diff != "" {
		t.Errorf("data (-want +got):\n%s", diff)
	}
	wantRegions := []ConflictRegion{{
		Yours: []string{`scripts.lint: "eslint src"`}, Base: []string{"scripts.lint (removed)"}, Template: []string{`scripts.lint: "eslint ."`},
	}}
	if diff := cmp.Diff(wantRegions, res.Conflicts); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}
