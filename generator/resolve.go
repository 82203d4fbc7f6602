package generator

import (
	"fmt"
	"slices"
	"strings"
)

// UnknownFeatureError is returned for a feature name the catalog does not have.
type UnknownFeatureError struct {
	Name       string
	Suggestion string   // the nearest known name, or "" when none is close
	Known      []string // every feature name, in catalog order
}

func (e *UnknownFeatureError) Error() string {
	if e.Name == CoreName {
		return "unknown feature \"core\": the core service is always included; name only features"
	}
	if e.Suggestion != "" {
		return fmt.Sprintf("unknown feature %q: did you mean %q?", e.Name, e.Suggestion)
	}
	return fmt.Sprintf("unknown feature %q: known features are %s", e.Name, strings.Join(e.Known, ", "))
}

// ConflictError is returned when two resolved features cannot be combined.
type ConflictError struct {
	Feature, Other string
	Reason         string
}

func (e *ConflictError) Error() string {
	msg := fmt.Sprintf("features %q and %q cannot be combined", e.Feature, e.Other)
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// PlannedFeatureError is returned when a resolved feature is in the catalog but not available in
// this version of scaffold.
type PlannedFeatureError struct {
	Name string
}

func (e *PlannedFeatureError) Error() string {
	return fmt.Sprintf("feature %q is not available yet in scaffold %s", e.Name, Version)
}

// Addition records a feature that resolution added because another one requires it.
type Addition struct {
	Feature    string
	RequiredBy string
	Reason     string
}

// Resolution is a consistent set of catalog entries.
type Resolution struct {
	// Entries holds core and every resolved feature, in catalog order.
	Entries []*Manifest
	// Added lists, in the order they were found, the features nobody asked for by name.
	Added []Addition
}

// FeatureNames returns the resolved features (core and internal entries excluded) in catalog order.
func (r *Resolution) FeatureNames() []string {
	var names []string
	for _, m := range r.Entries {
		if m.Name != CoreName && !m.Internal {
			names = append(names, m.Name)
		}
	}
	return names
}

// Has reports whether the resolution includes the named entry.
func (r *Resolution) Has(name string) bool {
	return slices.ContainsFunc(r.Entries, func(m *Manifest) bool { return m.Name == name })
}

// Resolve closes the requested features over their requirements and checks their conflicts. The
// result does not depend on the order or repetition of requested names.
func (c *Catalog) Resolve(requested []string) (*Resolution, error) {
	selected := map[string]bool{CoreName: true}
	var added []Addition
	queue := []string{}
	for _, name := range requested {
		m := c.Lookup(name)
		if m == nil || name == CoreName || m.Internal {
			return nil, c.unknown(name)
		}
		if !selected[name] {
			selected[name] = true
			queue = append(queue, name)
		}
	}
	for len(queue) > 0 {
		m := c.Lookup(queue[0])
		queue = queue[1:]
		for _, req := range m.Requires {
			if selected[req.Feature] {
				continue
			}
			selected[req.Feature] = true
			queue = append(queue, req.Feature)
			if !c.Lookup(req.Feature).Internal {
				added = append(added, Addition{Feature: req.Feature, RequiredBy: m.Name, Reason: req.Reason})
			}
		}
	}
	res := &Resolution{Added: added}
	for _, m := range c.Entries {
		if selected[m.Name] {
			res.Entries = append(res.Entries, m)
		}
	}
	for _, m := range res.Entries {
		if m.Planned {
			return nil, &PlannedFeatureError{Name: m.Name}
		}
		for _, con := range m.Conflicts {
			if selected[con.Feature] {
				return nil, &ConflictError{Feature: m.Name, Other: con.Feature, Reason: con.Reason}
			}
		}
	}
	return res, nil
}

func (c *Catalog) unknown(name string) error {
	known := c.FeatureNames()
	return &UnknownFeatureError{Name: name, Suggestion: nearest(strings.ToLower(name), known), Known: known}
}

// nearest returns the known name a typo most likely meant: the closest by edit distance when it is
// close enough to be a typo, else one the input abbreviates, else "".
func nearest(name string, known []string) string {
	if name == CoreName {
		return ""
	}
	best, bestDist := "", max(2, len(name)/3)+1
	for _, k := range known {
		if d := editDistance(name, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" && len(name) >= 3 {
		for _, k := range known {
			if strings.HasPrefix(k, name) {
				return k
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
