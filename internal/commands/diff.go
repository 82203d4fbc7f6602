package commands

import (
	"fmt"
	"io"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/scaffold-cli/scaffold/generator"
)

// diffContextLines is how many unchanged lines surround each hunk, as in git diff.
const diffContextLines = 3

// writeUnifiedDiff writes the unified diff that turns before into after, labelled from and to
// (a/<path>, b/<path>, or /dev/null), as git diff shows it: lines are compared whole, so an
// unchanged line never appears as removed and added again, and a last line without a newline is
// marked "\ No newline at end of file". Equal contents write nothing.
func writeUnifiedDiff(w io.Writer, from, to string, before, after []byte) error {
	if string(before) == string(after) {
		return nil
	}
	text, err := udiff.ToUnified(from, to, string(before), lineEdits(string(before), string(after)), diffContextLines)
	if err != nil {
		return fmt.Errorf("diff %s: %w", to, err)
	}
	if _, err := io.WriteString(w, text); err != nil {
		return fmt.Errorf("diff %s: %w", to, err)
	}
	return nil
}

// lineEdits returns the edits that turn before into after, each replacing whole lines (udiff's
// own diff compares characters and then widens each edit to whole lines, which can take unchanged
// lines along).
func lineEdits(before, after string) []udiff.Edit {
	a, b := splitLinesKeepEnds(before), splitLinesKeepEnds(after)
	offsets := make([]int, len(a)+1) // offsets[i] is the byte offset of line i of before
	for i, l := range a {
		offsets[i+1] = offsets[i] + len(l)
	}
	diffs := generator.DiffLines(a, b)
	edits := make([]udiff.Edit, 0, len(diffs))
	for _, d := range diffs {
		edits = append(edits, udiff.Edit{
			Start: offsets[d.Start],
			End:   offsets[d.End],
			New:   strings.Join(b[d.ReplStart:d.ReplEnd], ""),
		})
	}
	return edits
}

// splitLinesKeepEnds splits s after each newline; a last line without one is kept as it is.
func splitLinesKeepEnds(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
