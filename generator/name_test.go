package generator

import (
	"regexp"
	"strings"
	"testing"
)

func TestValidateName(t *testing.T) {
	for _, ok := range []string{"api", "my-service", "svc2", "a.b", "a_b", strings.Repeat("a", 50)} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("ValidateName(%q) = %v, want nil", ok, err)
		}
	}
	for _, tt := range []struct{ name, reason string }{
		{"", "it is empty"},
		{"../x", "single directory name"},
		{"a/b", "single directory name"},
		{`a\b`, "single directory name"},
		{".hidden", "cannot start with '.'"},
		{"_private", "cannot start with '.' or '_'"},
		{"Bad Name", "contains spaces; use lowercase letters, digits and '-', e.g. bad-name"},
		{"MyApp", "lowercase; try myapp"},
		{"node_modules", "npm reserves this name"},
		{"favicon.ico", "npm reserves this name"},
		{"http", "Node.js core module"},
		{"caf\u00e9", "use lowercase letters"},
		{"a~b", "use lowercase letters"},
		{strings.Repeat("a", 51), "to 50 characters"},
	} {
		err := ValidateName(tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("ValidateName(%q) = %v, want an error saying %q", tt.name, err, tt.reason)
		}
	}
}

// TestNamePatternIsThePattern holds namePattern to the pattern it writes out by hand.
func TestNamePatternIsThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
	alphabet := []string{"a", "z", "0", "9", ".", "_", "-", "A", " ", "/", "é"}
	eachString(alphabet, 4, func(s string) {
		if got, want := namePattern(s), pattern.MatchString(s); got != want {
			t.Errorf("namePattern(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}

// eachString calls check with every string of at most n elements of alphabet, the empty one
// included: small enough to try them all against the pattern a hand-written check replaces.
func eachString(alphabet []string, n int, check func(string)) {
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			all(prefix+c, n-1)
		}
	}
	all("", n)
}
