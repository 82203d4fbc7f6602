package commands

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// completeList completes the last element of a comma-separated list, offering only names the list
// does not have yet.
func completeList(toComplete string, names []string) []cobra.Completion {
	done, current := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		done, current = toComplete[:i+1], toComplete[i+1:]
	}
	have := strings.Split(strings.TrimSuffix(done, ","), ",")
	var out []cobra.Completion
	for _, n := range names {
		if strings.HasPrefix(n, current) && !slices.Contains(have, n) {
			out = append(out, done+n)
		}
	}
	return out
}
