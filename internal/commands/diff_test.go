package commands

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteUnifiedDiff(t *testing.T) {
	for _, tt := range []struct {
		name          string
		from, to      string
		before, after string
		want          string
	}{
		{
			// A line inserted near the top and one changed further down: two hunks, and no
			// unchanged line among the removed or added ones. The expected text is git diff's.
			name: "insert and change",
			from: "a/src/app.js", to: "b/src/app.js",
			before: "import a from \"a\";\nimport b from \"b\";\n\nexport function one() {\n  return 1;\n}\n\n" +
				"export function two() {\n  return 2;\n}\n\nexport function three() {\n  return 3;\n}\n",
			after: "import a from \"a\";\nimport b from \"b\";\nimport c from \"c\";\n\nexport function one() {\n  return 1;\n}\n\n" +
				"export function two() {\n  return 2;\n}\n\nexport function three() {\n  return 33;\n}\n",
			want: `--- a/src/app.js
+++ b/src/app.js
@@ -1,5 +1,6 @@
 import a from "a";
 import b from "b";
+import c from "c";
 
 export function one() {
   return 1;
@@ -10,5 +11,5 @@
 }
 
 export function three() {
-  return 3;
+  return 33;
 }
`,
		},
		{
			// Lines that share most of their characters with their neighbours: a character diff
			// widened to lines would take the unchanged ones along.
			name: "similar lines",
			from: "a/x", to: "b/x",
			before: "app.use(a);\napp.use(b);\napp.use(c);\n",
			after:  "app.use(a);\napp.use(ab);\napp.use(b);\napp.use(c);\n",
			want: `--- a/x
+++ b/x
@@ -1,3 +1,4 @@
 app.use(a);
+app.use(ab);
 app.use(b);
 app.use(c);
`,
		},
		{
			name: "no newline at the end before",
			from: "a/x", to: "b/x",
			before: "a\nb\nc",
			after:  "a\nb\nd\n",
			want: `--- a/x
+++ b/x
@@ -1,3 +1,3 @@
 a
 b
-c
\ No newline at end of file
+d
`,
		},
		{
			name: "a newline added at the end",
			from: "a/x", to: "b/x",
			before: "a\nb",
			after:  "a\nb\n",
			want: `--- a/x
+++ b/x
@@ -1,2 +1,2 @@
 a
-b
\ No newline at end of file
+b
`,
		},
		{
			name: "new file",
			from: "/dev/null", to: "b/x",
			before: "",
			after:  "a\nb\nc",
			want: `--- /dev/null
+++ b/x
@@ -0,0 +1,3 @@
+a
+b
+c
\ No newline at end of file
`,
		},
		{
			name: "deleted file",
			from: "a/x", to: "/dev/null",
			before: "a\nb\n",
			after:  "",
			want: `--- a/x
+++ /dev/null
@@ -1,2 +0,0 @@
-a
-b
`,
		},
		{
			name: "unchanged",
			from: "a/x", to: "b/x",
			before: "a\n",
			after:  "a\n",
			want:   "",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := writeUnifiedDiff(&buf, tt.from, tt.to, []byte(tt.before), []byte(tt.after)); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("diff (-want +got):\n%s", diff)
			}
			assertNoUnchangedLineRewritten(t, tt.before, tt.after, buf.String())
		})
	}
}

// assertNoUnchangedLineRewritten checks that no line appears both removed and added in a hunk
// unless before and after really hold it a different number of times.
func assertNoUnchangedLineRewritten(t *testing.T, before, after, diff string) {
	t.Helper()
	count := func(text, line string) int {
		n := 0
		for _, l := range splitLinesKeepEnds(text) {
			if strings.TrimSuffix(l, "\n") == line {
				n++
			}
		}
		return n
	}
	removed, added := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(diff, "\n") {
		switch {
		case strings.HasPrefix(l, "---"), strings.HasPrefix(l, "+++"):
		case strings.HasPrefix(l, "-"):
			removed[l[1:]] = true
		case strings.HasPrefix(l, "+"):
			added[l[1:]] = true
		}
	}
	for l := range removed {
		// The same text with and without its newline is a real change.
		if added[l] && count(before, l) == count(after, l) && strings.HasSuffix(before, "\n") == strings.HasSuffix(after, "\n") {
			t.Errorf("unchanged line %q shown as removed and added:\n%s", l, diff)
		}
	}
}

// With many lines changing, the diff stays correct: applying its hunks gives after.
func TestWriteUnifiedDiffManyChanges(t *testing.T) {
	var before, after strings.Builder
	for i := range 400 {
		before.WriteString(strings.Repeat("x", i%7) + "\n")
		if i%3 == 0 {
			after.WriteString("changed\n")
		} else {
			after.WriteString(strings.Repeat("x", i%7) + "\n")
		}
	}
	var buf bytes.Buffer
	if err := writeUnifiedDiff(&buf, "a/x", "b/x", []byte(before.String()), []byte(after.String())); err != nil {
		t.Fatal(err)
	}
	// The lines after the diff are the context and added lines in order, hunk by hunk; with
	// every third line changed the hunks join into one covering the whole file.
	var got strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")[3:] {
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "+") {
			got.WriteString(l[1:] + "\n")
		}
	}
	if diff := cmp.Diff(after.String(), got.String()); diff != "" {
		t.Errorf("applied diff (-want +got):\n%s", diff)
	}
}
