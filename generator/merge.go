package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Labels of the three sides in conflict markers, as a user reads them in the merged file.
const (
	labelYours    = "yours"
	labelBase     = "scaffold (before)"
	labelTemplate = "scaffold (now)"
)

// markerLen is the length of the conflict markers written into merged files: git's, which is
// what editors and `git diff --check` recognise.
const markerLen = 7

// MergeResult is a three-way merge of one file.
type MergeResult struct {
	// Data is the merged file. When the result is a conflict it holds git-style conflict markers
	// around the places in question, and every line of the user's version.
	Data      []byte
	Conflicts []ConflictRegion
	// Invalid says in one sentence why the merge is a conflict although it may have no
	// overlapping regions: "the merged file would not parse as JavaScript: ...". Empty otherwise.
	Invalid string
}

// Conflicted reports whether the merge cannot be written without the user's decision.
func (r MergeResult) Conflicted() bool { return len(r.Conflicts) > 0 || r.Invalid != "" }

// ConflictRegion is a place where the user and the templates changed the same lines.
type ConflictRegion struct {
	// Line is the 1-based line of Data on which the conflict markers begin.
	Line int
	// Yours, Base and Template are the region's lines in each version, each ending in "\n": in a
	// file merged with CRLF line endings, which Data has, the lines here end in "\n" alone.
	Yours    []string
	Base     []string
	Template []string
	// TwoWay is set when the region sets the user's lines against the new render's only, without
	// the common ancestor's: its markers then have no ||||||| section and Base is empty.
	TwoWay bool
}

// MergeFile merges the changes the templates made to the file at path, from base to target, into
// theirs, the user's version, choosing the merge by the kind of file: package.json by key, other
// files by line with `git merge-file`. A JavaScript file (.js, .mjs, .cjs) must still parse after
// the merge, with no name declared twice, or the merge is a conflict: two sides adding the same
// import in different places merge cleanly as lines but give a module Node refuses to load.
//
// It returns an error only when it could not merge at all (git missing, failed or interrupted,
// ctx cancelled); a conflict is a result, see MergeResult.Conflicted.
func MergeFile(ctx context.Context, path string, base, theirs, target []byte) (MergeResult, error) {
	if filepath.Base(path) == "package.json" && json.Valid(base) && json.Valid(theirs) && json.Valid(target) {
		return mergePackageJSON(ctx, base, theirs, target)
	}
	// A package.json that is not JSON (the user's, half-edited) is still merged, by line.
	isJS, module := isJavaScript(path)
	return mergeLines(ctx, base, theirs, target, isJS, module)
}

// Merge3 applies the changes the templates made from base to target onto theirs, the user's
// file, with `git merge-file`: the merge git itself uses, rather than one written here. Where
// both sides only added lines at the same place (a middleware line of theirs and one of a new
// feature, say), both are kept, the user's first; every other overlap is a conflict. It knows
// nothing of the file's language; MergeFile does.
func Merge3(base, theirs, target []byte) (MergeResult, error) {
	return mergeLines(context.Background(), base, theirs, target, false, false)
}

// MergeWithoutBase merges the user's version of the file at path with the new render when their
// common ancestor is lost. Lines both have are kept; every place where they differ is a conflict
// (two-way markers, yours against scaffold (now)), since without the ancestor nothing tells an
// edit of the user's from a change of the templates, so nothing can be decided for the user.
func MergeWithoutBase(path string, theirs, target []byte) MergeResult {
	crlf := mostlyCRLF(theirs)
	theirs, target = toLF(theirs, crlf), toLF(target, true)
	chunks := twoWayChunks(splitLines(string(theirs)), splitLines(string(target)))
	data, regions := renderChunks(chunks, false)
	return finish(MergeResult{Data: data, Conflicts: regions}, crlf)
}

// mergeLines is the line merge of MergeFile; js and module say whether the file is JavaScript
// and an ES module, whose merge must parse.
func mergeLines(ctx context.Context, base, theirs, target []byte, js, module bool) (MergeResult, error) {
	// The identities of a three-way merge, which need no git and no checks: the result is one of
	// the inputs, each of which is valid as far as the merge is concerned.
	switch {
	case bytes.Equal(base, target), bytes.Equal(theirs, target):
		return MergeResult{Data: slices.Clone(theirs)}, nil
	case bytes.Equal(base, theirs):
		return MergeResult{Data: slices.Clone(target)}, nil
	}
	// Templates are rendered with LF. A user's file saved with CRLF would differ from them on
	// every line and conflict as a whole, so all three are merged with LF and the result given
	// the user's line endings back. A user's LF file is left as it is, byte for byte.
	crlf := mostlyCRLF(theirs)
	base, theirs, target = toLF(base, true), toLF(theirs, crlf), toLF(target, true)

	chunks, err := gitChunks(ctx, base, theirs, target)
	if err != nil {
		return MergeResult{}, err
	}
	data, regions := renderChunks(chunks, true)
	res := MergeResult{Data: data, Conflicts: regions}
	if js {
		res = checkMergedJS(res, chunks, theirs, target, module)
	}
	return finish(res, crlf), nil
}

// gitChunks merges the three versions, which have LF line endings, with git and settles the
// regions that need no decision.
func gitChunks(ctx context.Context, base, theirs, target []byte) ([]mergeChunk, error) {
	// Markers longer than any run of marker characters in the inputs: a README that shows a git
	// conflict, say, has lines git's own markers would be confused with.
	size := markerSize(base, theirs, target)
	out, reported, err := gitMergeFile(ctx, base, theirs, target, size)
	if err != nil {
		return nil, err
	}
	chunks, err := parseMerge(string(out), size)
	if err != nil {
		return nil, err
	}
	if reported > 0 && !slices.ContainsFunc(chunks, func(c mergeChunk) bool { return c.region != nil }) {
		return nil, fmt.Errorf("merge: git merge-file reported %d conflicts but printed none; nothing was merged", reported)
	}
	resolveChunks(chunks)
	return chunks, nil
}

// mergeChunk is a stretch of a merge: lines it settled, or a region where the sides differ.
type mergeChunk struct {
	lines  []string
	region *ConflictRegion
	// kept says both sides only added lines here and the merge keeps both, the user's first.
	kept bool
}

// parseMerge reads git merge-file's diff3 output, whose markers are size characters long.
func parseMerge(out string, size int) ([]mergeChunk, error) {
	open, sep, mid, end := strings.Repeat("<", size), strings.Repeat("|", size),
		strings.Repeat("=", size), strings.Repeat(">", size)
	var chunks []mergeChunk
	var region *ConflictRegion
	var side *[]string
	stable := func(line string) {
		if n := len(chunks); n > 0 && chunks[n-1].region == nil {
			chunks[n-1].lines = append(chunks[n-1].lines, line)
			return
		}
		chunks = append(chunks, mergeChunk{lines: []string{line}})
	}
	for _, line := range splitLines(out) {
		// No input line starts with size marker characters, so any that does is git's.
		switch {
		case strings.HasPrefix(line, open) && region == nil:
			region = &ConflictRegion{}
			side = &region.Yours
		case strings.HasPrefix(line, sep) && region != nil && side == &region.Yours:
			side = &region.Base
		case strings.HasPrefix(line, mid) && region != nil && side == &region.Base:
			side = &region.Template
		case strings.HasPrefix(line, end) && region != nil && side == &region.Template:
			chunks = append(chunks, mergeChunk{region: region})
			region = nil
		case strings.HasPrefix(line, open), strings.HasPrefix(line, sep), strings.HasPrefix(line, mid), strings.HasPrefix(line, end):
			return nil, fmt.Errorf("merge: git merge-file printed a conflict marker out of place: %q", strings.TrimSpace(line))
		case region != nil:
			*side = append(*side, line)
		default:
			stable(line)
		}
	}
	if region != nil {
		return nil, fmt.Errorf("merge: git merge-file printed a conflict it did not close")
	}
	return chunks, nil
}

// resolveChunks settles the regions that need no decision: both sides made the same change (one
// copy is kept), or both only added lines at the same place (both are kept, the user's first,
// as git's union merge would; for JavaScript checkMergedJS may undo that).
func resolveChunks(chunks []mergeChunk) {
	for i := range chunks {
		r := chunks[i].region
		switch {
		case r == nil:
		case slices.Equal(r.Yours, r.Template):
			chunks[i] = mergeChunk{lines: r.Yours}
		case len(r.Base) == 0:
			chunks[i].kept = true
		}
	}
}

// renderChunks writes the merge. With keep, regions both sides only added to are written with
// both sides' lines; without, they are conflicts like any other.
func renderChunks(chunks []mergeChunk, keep bool) ([]byte, []ConflictRegion) {
	var out []string
	var regions []ConflictRegion
	for _, c := range chunks {
		switch {
		case c.region == nil:
			out = append(out, c.lines...)
		case c.kept && keep:
			out = append(out, c.region.Yours...)
			out = append(out, c.region.Template...)
		default:
			r := *c.region
			r.Line = len(out) + 1
			regions = append(regions, r)
			out = append(out, markers(r)...)
		}
	}
	return []byte(strings.Join(out, "")), regions
}

// markers writes a region as git does, with 7-character markers.
func markers(r ConflictRegion) []string {
	var out []string
	side := func(marker, label string, lines []string) {
		out = append(out, strings.Repeat(marker, markerLen)+label+"\n")
		for _, l := range lines {
			if !strings.HasSuffix(l, "\n") {
				l += "\n" // the file's last line, which the marker after it must not join
			}
			out = append(out, l)
		}
	}
	side("<", " "+labelYours, r.Yours)
	if !r.TwoWay {
		side("|", " "+labelBase, r.Base)
	}
	side("=", "", r.Template)
	out = append(out, strings.Repeat(">", markerLen)+" "+labelTemplate+"\n")
	return out
}

// chunkText is the merge as code would read it, without markers: in each kept region both
// sides (both) or the user's only, and the user's side of every other region.
func chunkText(chunks []mergeChunk, both bool) []byte {
	var buf bytes.Buffer
	for _, c := range chunks {
		switch {
		case c.region == nil:
			buf.WriteString(strings.Join(c.lines, ""))
		case c.kept && both:
			buf.WriteString(strings.Join(c.region.Yours, ""))
			buf.WriteString(strings.Join(c.region.Template, ""))
		default:
			buf.WriteString(strings.Join(c.region.Yours, ""))
		}
	}
	return buf.Bytes()
}

// checkMergedJS turns a JavaScript merge that would not parse, or would declare a name twice,
// into a conflict, unless the user's file or the new render is already broken that way: the
// merge is not to blame for what it was given.
//
// Where keeping both sides' additions broke it (and the user's side alone does not), those
// regions become conflicts again. Where the merge broke it without any such region, its own
// changes are suspect as a whole: every place where the merge differs from the user's file is
// shown as a two-way conflict against it, which shows the template's changes that did not fit
// and nothing else. Where real conflicts exist and the breakage is not the kept regions', it is
// left to the user resolving them, since their resolution decides what parses.
func checkMergedJS(res MergeResult, chunks []mergeChunk, theirs, target []byte, module bool) MergeResult {
	if checkJavaScript(theirs, module) != nil || checkJavaScript(target, module) != nil {
		return res
	}
	merged := chunkText(chunks, true)
	err := checkJavaScript(merged, module)
	if err == nil {
		return res
	}
	invalid := "the merged file would not parse as JavaScript: " + err.Error()
	conflicted := slices.ContainsFunc(chunks, func(c mergeChunk) bool { return c.region != nil && !c.kept })
	kept := slices.ContainsFunc(chunks, func(c mergeChunk) bool { return c.kept })
	switch {
	case kept && checkJavaScript(chunkText(chunks, false), module) == nil:
		data, regions := renderChunks(chunks, false)
		return MergeResult{Data: data, Conflicts: regions, Invalid: invalid}
	case !conflicted:
		twoWay := twoWayChunks(splitLines(string(theirs)), splitLines(string(merged)))
		data, regions := renderChunks(twoWay, false)
		return MergeResult{Data: data, Conflicts: regions, Invalid: invalid}
	}
	return res
}

// twoWayChunks aligns a with b line by line: lines common to both are settled, and each place
// where they differ is a two-way region, a's lines against b's.
func twoWayChunks(a, b []string) []mergeChunk {
	diffs := DiffLines(a, b)
	var chunks []mergeChunk
	ai := 0
	for i := 0; i < len(diffs); i++ {
		d := diffs[i]
		// Adjacent edits are one region to the reader.
		for i+1 < len(diffs) && diffs[i+1].Start == d.End && diffs[i+1].ReplStart == d.ReplEnd {
			d.End, d.ReplEnd = diffs[i+1].End, diffs[i+1].ReplEnd
			i++
		}
		if d.Start > ai {
			chunks = append(chunks, mergeChunk{lines: a[ai:d.Start]})
		}
		chunks = append(chunks, mergeChunk{region: &ConflictRegion{
			Yours: withNewline(a[d.Start:d.End]), Template: withNewline(b[d.ReplStart:d.ReplEnd]), TwoWay: true,
		}})
		ai = d.End
	}
	if ai < len(a) {
		chunks = append(chunks, mergeChunk{lines: a[ai:]})
	}
	return chunks
}

// withNewline returns lines, the last of which ends in "\n", as every region line does.
func withNewline(lines []string) []string {
	if len(lines) == 0 {
		return nil
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines = slices.Clone(lines)
		lines[n-1] += "\n"
	}
	return lines
}

// finish gives a merge made with LF the user's CRLF line endings back, when theirs had them.
func finish(res MergeResult, crlf bool) MergeResult {
	if crlf {
		res.Data = bytes.ReplaceAll(res.Data, []byte("\n"), []byte("\r\n"))
	}
	return res
}

// mostlyCRLF reports whether most of data's lines end in CRLF.
func mostlyCRLF(data []byte) bool {
	crlf := bytes.Count(data, []byte("\r\n"))
	return crlf > bytes.Count(data, []byte("\n"))-crlf
}

// toLF turns data's CRLF line endings to LF, when convert is set.
func toLF(data []byte, convert bool) []byte {
	if !convert {
		return data
	}
	return bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
}

// markerSize is the length of conflict markers that no line of the inputs can be mistaken for:
// one more than the longest run of a marker character starting a line, and at least git's 7.
func markerSize(inputs ...[]byte) int {
	size := markerLen
	for _, data := range inputs {
		for _, line := range splitLines(string(data)) {
			if line == "" || !strings.ContainsRune("<|=>", rune(line[0])) {
				continue
			}
			n := len(line) - len(strings.TrimLeft(line, line[:1]))
			size = max(size, n+1)
		}
	}
	return size
}

// splitLines splits s after each "\n"; the last line lacks one when s does not end in one.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
