package e2e

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
)

// FeatureSet is one distinct resolved set of features: what a user gets for some --features value.
type FeatureSet struct {
	// Features holds the resolved features a user can name, in catalog order; none for the core
	// service alone. Internal catalog entries a feature pulls in are not listed: they follow from
	// these.
	Features []string
}

// Name is how reports show the set: the features comma-separated, or "core".
func (s FeatureSet) Name() string {
	if len(s.Features) == 0 {
		return generator.CoreName
	}
	return strings.Join(s.Features, ",")
}

// Project is the name of the project the set is generated as: "core", or "svc-" and the features.
func (s FeatureSet) Project() string {
	if len(s.Features) == 0 {
		return generator.CoreName
	}
	short := make([]string, len(s.Features))
	for i, f := range s.Features {
		short[i] = cmp.Or(projectAbbreviations[f], f)
	}
	return "svc-" + strings.Join(short, "-")
}

// projectAbbreviations keep project names within scaffold's 50 characters for every set.
var projectAbbreviations = map[string]string{
	"redis": "rd", "postgres": "pg", "jwt": "jwt", "sessions": "ses",
	"oauth2": "oa", "graphql": "gql", "websockets": "ws",
}

// Contains reports whether every feature of other is also in s.
func (s FeatureSet) Contains(other FeatureSet) bool {
	for _, f := range other.Features {
		if !slices.Contains(s.Features, f) {
			return false
		}
	}
	return true
}

// maxAvailableFeatures bounds the subsets FeatureSets tries (2^n of them).
const maxAvailableFeatures = 16

// FeatureSets returns every distinct set of features the catalog resolves today: each subset of
// the features a user can ask for (the catalog's public listing, without planned ones) is resolved
// as `scaffold new --features` would, sets that resolve to the same features are counted once, and
// subsets that name conflicting features are left out. The core service comes first, then sets by
// size, then in catalog order.
func FeatureSets(cat *generator.Catalog) ([]FeatureSet, error) {
	position := map[string]int{}
	var available []string
	for i, m := range cat.Features() {
		position[m.Name] = i
		if !m.Planned {
			available = append(available, m.Name)
		}
	}
	if len(available) > maxAvailableFeatures {
		return nil, fmt.Errorf("feature sets: %d features make %d subsets; the matrix stops at %d features", len(available), 1<<len(available), maxAvailableFeatures)
	}
	seen := map[string]bool{}
	var sets []FeatureSet
	for subset := range 1 << len(available) {
		var requested []string
		for i, name := range available {
			if subset&(1<<i) != 0 {
				requested = append(requested, name)
			}
		}
		res, err := cat.Resolve(requested)
		if err != nil {
			var planned *generator.PlannedFeatureError
			var conflict *generator.ConflictError
			if errors.As(err, &planned) || errors.As(err, &conflict) {
				continue // requires a feature that is not available yet, or cannot be combined
			}
			return nil, fmt.Errorf("feature sets: resolve %q: %w", strings.Join(requested, ","), err)
		}
		var set FeatureSet
		for _, name := range res.FeatureNames() {
			if _, visible := position[name]; visible {
				set.Features = append(set.Features, name)
			}
		}
		if key := set.Name(); !seen[key] {
			seen[key] = true
			sets = append(sets, set)
		}
	}
	slices.SortFunc(sets, func(a, b FeatureSet) int {
		if c := cmp.Compare(len(a.Features), len(b.Features)); c != 0 {
			return c
		}
		for i := range a.Features {
			if c := cmp.Compare(position[a.Features[i]], position[b.Features[i]]); c != 0 {
				return c
			}
		}
		return 0
	})
	return sets, nil
}
