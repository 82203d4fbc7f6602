package cli

import (
	"fmt"
	"strings"
)

// cobraUsagePrefixes begin the errors cobra returns as plain errors for a command line it cannot
// accept: unknown commands and flags, wrong numbers of arguments, and flags used against their
// groups (mutually exclusive, required together, one required) or left out when required.
var cobraUsagePrefixes = []string{
	"unknown command ",
	"unknown flag",
	"unknown shorthand flag",
	"invalid argument ",
	"accepts ",
	"requires at least ",
	"if any flags in the group ",
	"at least one of the flags in the group ",
	"required flag(s) ",
}

// isCobraUsageError recognises the usage errors cobra returns as plain errors.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range cobraUsagePrefixes {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

// oneLine returns an error's message on one line, as every error is printed. Cobra's unknown
// command error ends with its suggestions on lines of their own ("Did you mean this?" and a
// tab-indented name each): they become `did you mean "features"?`. Any other line break becomes
// "; ".
func oneLine(msg string) string {
	head, suggestions, found := strings.Cut(msg, "\n\nDid you mean this?\n")
	if found {
		var names []string
		for _, s := range strings.Split(suggestions, "\n") {
			if s = strings.TrimSpace(s); s != "" {
				names = append(names, fmt.Sprintf("%q", s))
			}
		}
		msg = head
		if len(names) > 0 {
			msg = fmt.Sprintf("%s: did you mean %s?", head, strings.Join(names, " or "))
		}
	}
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "; ")
}
