package commands

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// This file holds what the property test of add and sync (property_test.go) needs beside the
// trials themselves: a JavaScript syntax checker, snapshots of a project tree, and line-based
// editing of text files that keeps their line endings.

// jsCheckerSource parses each file named on stdin as Node does for `node --check`: as an ES module
// (every .js of a generated project is one, package.json says "type": "module") or, for .cjs, as a
// script. V8 reports syntax errors and early errors, a name declared twice included, while
// parsing, so nothing is evaluated. One process answers every check, which costs a millisecond
// where starting `node --check` costs some 70.
const jsCheckerSource = `import vm from 'node:vm';
import fs from 'node:fs';
import readline from 'node:readline';
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (p) => {
  let res = 'ok';
  try {
    const src = fs.readFileSync(p, 'utf8');
    if (p.endsWith('.cjs')) new vm.Script(src, { filename: p });
    else new vm.SourceTextModule(src, { identifier: p });
  } catch (e) {
    res = 'error ' + String(e && e.message).replace(/[\r\n]+/g, ' ');
  }
  process.stdout.write(res + '\n');
});
`

// jsChecker checks JavaScript files with a long-running node process; it is safe for concurrent
// use.
type jsChecker struct {
	mu   sync.Mutex
	node string
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
}

// startJSChecker starts the checker, its script written into dir. It fails when node is missing.
func startJSChecker(dir string) (*jsChecker, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "check.mjs")
	if err := os.WriteFile(script, []byte(jsCheckerSource), 0o644); err != nil {
		return nil, err
	}
	// node --check, which confirms a refusal, reads a .js file as a module only in a module package.
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type":"module"}`+"\n"), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(node, "--no-warnings", "--experimental-vm-modules", script)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &jsChecker{node: node, cmd: cmd, in: in, out: bufio.NewReader(out)}
	// The checker must tell a good module from one that declares a name twice, as node --check does.
	good, bad := filepath.Join(dir, "good.js"), filepath.Join(dir, "bad.js")
	_ = os.WriteFile(good, []byte("import x from 'a';\nexport const y = await x;\n"), 0o644)
	_ = os.WriteFile(bad, []byte("import x from 'a';\nimport x from 'b';\n"), 0o644)
	if msg, err := c.check(good); err != nil || msg != "" {
		c.close()
		return nil, fmt.Errorf("the node checker refuses a valid module: %v %s", err, msg)
	}
	if msg, err := c.check(bad); err != nil || msg == "" {
		c.close()
		return nil, fmt.Errorf("the node checker accepts an import declared twice: %v", err)
	}
	return c, nil
}

// check returns why the file does not parse, "" when it does; err is the checker's own failure.
// A file the fast checker refuses is checked again with `node --check`, whose verdict stands.
func (c *jsChecker) check(path string) (string, error) {
	c.mu.Lock()
	_, err := fmt.Fprintln(c.in, path)
	var line string
	if err == nil {
		line, err = c.out.ReadString('\n')
	}
	c.mu.Unlock()
	if err != nil {
		return "", fmt.Errorf("node checker: %w", err)
	}
	line = strings.TrimSpace(line)
	if line == "ok" {
		return "", nil
	}
	out, err := exec.Command(c.node, "--check", path).CombinedOutput()
	if err == nil {
		return "", nil
	}
	if msg := strings.TrimPrefix(line, "error "); msg != "" {
		return msg, nil
	}
	return strings.TrimSpace(string(out)), nil
}

func (c *jsChecker) close() {
	_ = c.in.Close()
	_ = c.cmd.Wait()
}

// treeEntry is one file or directory of a snapshot.
type treeEntry struct {
	Data string
	Mode fs.FileMode // permission bits, plus fs.ModeDir for a directory
}

// snapshotTree reads every file and directory under dir, with its permission bits.
func snapshotTree(dir string) (map[string]treeEntry, error) {
	tree := map[string]treeEntry{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			tree[rel] = treeEntry{Mode: fs.ModeDir | info.Mode().Perm()}
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			tree[rel] = treeEntry{Data: string(data), Mode: info.Mode().Perm()}
		default:
			tree[rel] = treeEntry{Mode: info.Mode()}
		}
		return nil
	})
	return tree, err
}

// listFiles lists the files under dir, by slash-separated path, sorted.
func listFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(files)
	return files, err
}

// filesOf drops the directories of a snapshot.
func filesOf(tree map[string]treeEntry) map[string]treeEntry {
	out := map[string]treeEntry{}
	for p, e := range tree {
		if !e.Mode.IsDir() {
			out[p] = e
		}
	}
	return out
}

// textFile is a text file as lines without their endings, which it writes back as it found them.
type textFile struct {
	lines []string
	crlf  bool // most lines end in CRLF
	final bool // the last line ends in a newline
}

func parseText(data string) textFile {
	crlf := strings.Count(data, "\r\n")
	tf := textFile{crlf: crlf > 0 && crlf > strings.Count(data, "\n")-crlf}
	data = strings.ReplaceAll(data, "\r\n", "\n")
	tf.final = strings.HasSuffix(data, "\n")
	data = strings.TrimSuffix(data, "\n")
	if data != "" || tf.final {
		tf.lines = strings.Split(data, "\n")
	}
	return tf
}

func (tf textFile) String() string {
	eol := "\n"
	if tf.crlf {
		eol = "\r\n"
	}
	s := strings.Join(tf.lines, eol)
	if tf.final || len(tf.lines) > 0 {
		// Edits always end the file in a newline; a generated file has one anyway.
		s += eol
	}
	return s
}

func readText(path string) (textFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return textFile{}, err
	}
	return parseText(string(data)), nil
}

// writeText writes the file, keeping the mode of one that exists.
func writeText(path string, tf textFile) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(tf.String()), 0o644)
}

// lfLines is data's lines without their endings, "\r\n" or "\n".
func lfLines(data string) []string {
	return parseText(data).lines
}

// jsonEntryKey is the key of a one-line "key": value entry of a JSON object.
var jsonEntryKey = regexp.MustCompile(`^\s*"((?:[^"\\]|\\.)*)"\s*:`)

// insertJSONEntry adds "key": "value" to the flat object named block of a JSON file written one
// entry a line, as npm writes package.json: in sorted position when sorted is set, else last. It
// keeps the file's indentation and commas right. It reports false when the object is not there
// or already has the key.
func insertJSONEntry(lines []string, block, key, value string, sorted bool) ([]string, bool) {
	open := slices.IndexFunc(lines, func(l string) bool { return strings.TrimSpace(l) == `"`+block+`": {` })
	if open < 0 {
		return nil, false
	}
	indent := lines[open][:len(lines[open])-len(strings.TrimLeft(lines[open], " \t"))]
	end := -1
	for i := open + 1; i < len(lines); i++ {
		if l := lines[i]; l == indent+"}" || l == indent+"}," {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, false
	}
	unit := jsonIndentUnit(lines)
	entry := indent + unit + fmt.Sprintf("%q: %q", key, value)
	out := slices.Clone(lines)
	if end == open+1 {
		return slices.Insert(out, end, entry), true
	}
	at := end
	for i := open + 1; i < end; i++ {
		m := jsonEntryKey.FindStringSubmatch(lines[i])
		if m == nil {
			return nil, false // not a flat object written one entry a line
		}
		if m[1] == key {
			return nil, false
		}
		if sorted && at == end && m[1] > key {
			at = i
		}
	}
	if at == end {
		out[end-1] += ","
		return slices.Insert(out, end, entry), true
	}
	return slices.Insert(out, at, entry+","), true
}

// jsonIndentUnit is the indentation of the first indented line.
func jsonIndentUnit(lines []string) string {
	for _, l := range lines {
		if content := strings.TrimLeft(l, " \t"); content != "" && len(content) < len(l) {
			return l[:len(l)-len(content)]
		}
	}
	return "  "
}

// reindent doubles the indentation of every line: two spaces a level become four.
func reindent(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		content := strings.TrimLeft(l, " ")
		out[i] = strings.Repeat(" ", 2*(len(l)-len(content))) + content
	}
	return out
}

// markerLine matches a line that starts as a git conflict marker does.
var markerLine = regexp.MustCompile(`^(<{7}|\|{7}|={7}|>{7})`)

// conflictPath matches the line add and sync print for each conflicting file.
var conflictPath = regexp.MustCompile(`(?m)^conflict in (.+?): `)

// conflictPaths lists the files the output names as conflicting.
func conflictPaths(out string) []string {
	var paths []string
	for _, m := range conflictPath.FindAllStringSubmatch(out, -1) {
		if !slices.Contains(paths, m[1]) {
			paths = append(paths, m[1])
		}
	}
	slices.Sort(paths)
	return paths
}

// errNotApplicable says an edit's file or line is no longer there, which happens when a shorter
// sequence of steps is replayed: the edit is skipped.
var errNotApplicable = errors.New("not applicable")

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~=") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
