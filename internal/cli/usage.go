package cli

import "strings"

// isCobraUsageError recognises the argument errors cobra returns as plain errors (unknown
// command, wrong number of arguments), which are usage errors too.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "accepts ", "requires ", "unknown flag", "unknown shorthand flag"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}
