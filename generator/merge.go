package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Labels of the three sides in conflict markers, as a user reads them in the merged file.
const (
	labelYours    = "yours"
	labelBase     = "scaffold (before)"
	labelTemplate = "scaffold (now)"
)

// MergeResult is a three-way merge of one file.
type MergeResult struct {
	// Data is the merged file; where Conflicts is not empty it holds git-style conflict markers.
	Data      []byte
	Conflicts []ConflictRegion
}

// ConflictRegion is a place where the user and the templates changed the same lines.
type ConflictRegion struct {
	// Line is the 1-based line of Data on which the conflict markers begin.
	Line     int
	Yours    []string
	Base     []string
	Template []string
}

// Merge3 applies the changes the templates made from base to target onto theirs, the user's
// file, with `git merge-file`: the merge git itself uses, rather than one written here. Where
// both sides only added lines at the same place (a middleware line of theirs and one of a new
// feature, say), both are kept, the user's first; every other overlap is a conflict.
func Merge3(base, theirs, target []byte) (MergeResult, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return MergeResult{}, errors.New("merge: git is needed to merge files you edited; install git and retry")
	}
	dir, err := os.MkdirTemp("", "scaffold-merge-")
	if err != nil {
		return MergeResult{}, fmt.Errorf("merge: %w", err)
	}
	defer os.RemoveAll(dir)
	paths := make([]string, 3)
	for i, data := range [][]byte{theirs, base, target} {
		paths[i] = filepath.Join(dir, fmt.Sprint(i))
		if err := os.WriteFile(paths[i], data, 0o600); err != nil {
			return MergeResult{}, fmt.Errorf("merge: %w", err)
		}
	}
	cmd := exec.Command(git, "merge-file", "-p", "--diff3",
		"-L", labelYours, "-L", labelBase, "-L", labelTemplate, paths[0], paths[1], paths[2])
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// merge-file exits with the number of conflicts, and with a code above 127 when it failed.
	var exit *exec.ExitError
	if err != nil && (!errors.As(err, &exit) || exit.ExitCode() > 127) {
		return MergeResult{}, fmt.Errorf("merge: git merge-file: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return resolveInsertions(out), nil
}

// resolveInsertions keeps both sides of every conflict in which neither side changed a base line,
// and lists the conflicts that remain.
func resolveInsertions(merged []byte) MergeResult {
	lines := strings.SplitAfter(string(merged), "\n")
	var out []string
	var conflicts []ConflictRegion
	for i := 0; i < len(lines); i++ {
		if !isMarker(lines[i], "<<<<<<< ") {
			out = append(out, lines[i])
			continue
		}
		region, end, ok := parseConflict(lines, i)
		if !ok {
			out = append(out, lines[i])
			continue
		}
		if len(region.Base) == 0 {
			out = append(out, region.Yours...)
			out = append(out, region.Template...)
		} else {
			region.Line = len(out) + 1
			conflicts = append(conflicts, region)
			out = append(out, lines[i:end+1]...)
		}
		i = end
	}
	return MergeResult{Data: []byte(strings.Join(out, "")), Conflicts: conflicts}
}

// parseConflict reads the diff3-style conflict that starts at lines[start] and returns it with the
// index of its closing marker.
func parseConflict(lines []string, start int) (ConflictRegion, int, bool) {
	var region ConflictRegion
	side := &region.Yours
	for i := start + 1; i < len(lines); i++ {
		switch {
		case isMarker(lines[i], "||||||| "):
			side = &region.Base
		case isMarker(lines[i], "======="):
			side = &region.Template
		case isMarker(lines[i], ">>>>>>> "):
			return region, i, true
		default:
			*side = append(*side, lines[i])
		}
	}
	return region, 0, false
}

func isMarker(line, prefix string) bool {
	return strings.HasPrefix(line, prefix) &&
		(prefix != "=======" || strings.TrimRight(line, "\r\n") == prefix)
}
