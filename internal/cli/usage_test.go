package cli

import (
	"errors"
	"testing"
)

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"invalid project name \"\": it is empty":                                           "invalid project name \"\": it is empty",
		"unknown command \"fetures\" for \"scaffold\"\n\nDid you mean this?\n\tfeatures\n": "unknown command \"fetures\" for \"scaffold\": did you mean \"features\"?",
		"unknown command \"s\" for \"scaffold\"\n\nDid you mean this?\n\tsync\n\tnew\n":    "unknown command \"s\" for \"scaffold\": did you mean \"sync\" or \"new\"?",
		"git: exit status 1\nfatal: not a git repository\n":                                "git: exit status 1; fatal: not a git repository",
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsCobraUsageError(t *testing.T) {
	for msg, want := range map[string]bool{
		"if any flags in the group [check dry-run] are set none of the others can be; [check dry-run] were all set": true,
		"at least one of the flags in the group [a b] is required":                                                  true,
		`required flag(s) "dir" not set`:                                                                            true,
		"accepts at most 1 arg(s), received 2":                                                                      true,
		"requires at least 1 arg(s), only received 0":                                                               true,
		`unknown command "x" for "scaffold"`:                                                                        true,
		"unknown shorthand flag: 'z' in -z":                                                                         true,
		"npm install: exit status 1":                                                                                false,
		"requires redis":                                                                                            false,
	} {
		if got := isCobraUsageError(errors.New(msg)); got != want {
			t.Errorf("isCobraUsageError(%q) = %v, want %v", msg, got, want)
		}
	}
}
