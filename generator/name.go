package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// NameError says why a project name was refused.
type NameError struct {
	Name   string
	Reason string
}

func (e *NameError) Error() string {
	return fmt.Sprintf("invalid project name %q: %s", e.Name, e.Reason)
}

// maxNameLength is shorter than npm's limit (214): the name is the default of settings such as the
// JWT audience and the Redis key prefix, and those lines of config.js must stay within Prettier's
// print width.
const maxNameLength = 50

// namePattern reports whether name is made of lowercase letters, digits, '.', '_' and '-', and
// starts with a letter or digit: ^[a-z0-9][a-z0-9._-]*$, by hand, as every run checks a name.
func namePattern(name string) bool {
	for i := range len(name) {
		switch c := name[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return name != ""
}

// nodeBuiltins are names npm refuses for new packages because they shadow Node.js core modules.
var nodeBuiltins = []string{
	"assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
	"crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2",
	"https", "inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode",
	"querystring", "readline", "repl", "stream", "string_decoder", "sys", "test", "timers",
	"tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib",
}

// ValidateName checks that name works both as a directory name and as an npm package name, so
// the generated package.json is one npm accepts.
func ValidateName(name string) error {
	fail := func(reason string) error { return &NameError{Name: name, Reason: reason} }
	switch {
	case name == "":
		return fail("it is empty")
	case strings.ContainsAny(name, `/\`):
		return fail("it must be a single directory name, without '/' (use --dir to choose where it goes)")
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
		return fail("npm names cannot start with '.' or '_'")
	case strings.TrimSpace(name) != name || strings.ContainsAny(name, " \t"):
		return fail("it contains spaces; use lowercase letters, digits and '-', e.g. " + suggestName(name))
	case strings.ToLower(name) != name:
		return fail("npm names are lowercase; try " + suggestName(name))
	case len(name) > maxNameLength:
		return fail(fmt.Sprintf("scaffold keeps names to %d characters, as generated code uses them as defaults", maxNameLength))
	case name == "node_modules" || name == "favicon.ico":
		return fail("npm reserves this name")
	case slices.Contains(nodeBuiltins, name):
		return fail("it is the name of a Node.js core module, which npm refuses")
	case !namePattern(name):
		return fail("use lowercase letters, digits, '-', '.' and '_', starting with a letter or digit")
	}
	return nil
}

// suggestName turns a refused name into one ValidateName accepts, for the error message.
func suggestName(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return "my-service"
	}
	return s
}

// lazyRegexp returns a function that compiles expr the first time it is called: compiled at
// start-up, the package's patterns cost every run, most of which never use them.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
