package commands

import (
	"slices"
	"strings"
)

// normalizeFeatures cleans feature names as typed: each item may itself be a comma-separated
// list; names are trimmed and lower-cased, and empty items and repeats are dropped, so that
// --features "jwt, redis", --features JWT and `scaffold add JWT " redis"` all mean what they say.
func normalizeFeatures(items []string) []string {
	var out []string
	for _, item := range items {
		for _, name := range strings.Split(item, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "" && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}
