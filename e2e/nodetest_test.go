package e2e

import "testing"

func TestNodeTestCounts(t *testing.T) {
	tests := []struct {
		name       string
		out        string
		pass, fail int
		ok         bool
	}{
		{"spec", "✔ a (1ms)\nℹ tests 38\nℹ suites 0\nℹ pass 37\nℹ fail 1\nℹ cancelled 0\n", 37, 1, true},
		{"tap", "ok 1 - a\n# tests 3\n# pass 3\n# fail 0\n", 3, 0, true},
		{"last summary wins", "ℹ pass 1\nℹ fail 1\nℹ pass 5\nℹ fail 0\n", 5, 0, true},
		{"crlf", "ℹ pass 2\r\nℹ fail 0\r\n", 2, 0, true},
		{"no summary", "Error: Cannot find module 'x'\n", 0, 0, false},
		{"only pass", "ℹ pass 2\n", 2, 0, false},
		{"not at line start", "log: ℹ pass 9\nlog: ℹ fail 0\n", 0, 0, false},
	}
	for _, tt := range tests {
		pass, fail, ok := NodeTestCounts(tt.out)
		if pass != tt.pass || fail != tt.fail || ok != tt.ok {
			t.Errorf("%s: NodeTestCounts = %d, %d, %v; want %d, %d, %v", tt.name, pass, fail, ok, tt.pass, tt.fail, tt.ok)
		}
	}
}
