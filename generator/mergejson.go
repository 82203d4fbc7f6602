package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// MergePackageJSON merges package.json by key rather than by line. A line merge of two
// dependencies added at the same place, or of a new last entry and its comma, gives broken JSON
// or a false conflict; by key, a dependency or script the user added and those a feature adds
// are simply both there. A key both sides changed differently is a conflict; the result then
// carries git's line markers so that `--conflicts=markers` still has something to show. The
// merge is written in the user's style: their indentation, line endings and final newline.
func MergePackageJSON(base, theirs, target []byte) (MergeResult, error) {
	return mergePackageJSON(context.Background(), base, theirs, target)
}

func mergePackageJSON(ctx context.Context, base, theirs, target []byte) (MergeResult, error) {
	var b, y, t jsonValue
	for _, side := range []struct {
		data []byte
		v    *jsonValue
		name string
	}{{base, &b, "the previous render"}, {theirs, &y, "your package.json"}, {target, &t, "the new render"}} {
		if err := json.Unmarshal(side.data, side.v); err != nil {
			return MergeResult{}, fmt.Errorf("merge package.json: %s is not valid JSON: %w", side.name, err)
		}
	}
	var conflicts []ConflictRegion
	merged := mergeJSON(&b, &y, &t, "", &conflicts)
	if len(conflicts) > 0 {
		data, err := packageJSONMarkers(ctx, base, theirs, target)
		if err != nil {
			return MergeResult{}, err
		}
		return MergeResult{Data: data, Conflicts: conflicts}, nil
	}
	var buf bytes.Buffer
	merged.write(&buf, "", jsonIndent(theirs))
	// npm ends package.json with a newline; a user's file without one stays without.
	if trimmed := bytes.TrimRight(theirs, " \t\r\n"); len(trimmed) < len(theirs) && bytes.ContainsAny(theirs[len(trimmed):], "\n") {
		buf.WriteByte('\n')
	}
	return finish(MergeResult{Data: buf.Bytes()}, mostlyCRLF(theirs)), nil
}

// packageJSONMarkers is package.json with line conflict markers, for a merge that is a conflict by
// key. Lines both sides added at one place are marked too, not kept: kept, they could give a key
// twice. Should the line merge find no conflict (each side changed other lines of one value),
// the places where it changed the user's file are marked instead; failing that, every difference
// from the new render.
func packageJSONMarkers(ctx context.Context, base, theirs, target []byte) ([]byte, error) {
	crlf := mostlyCRLF(theirs)
	base, theirs, target = toLF(base, true), toLF(theirs, crlf), toLF(target, true)
	chunks, err := gitChunks(ctx, base, theirs, target)
	if err != nil {
		return nil, err
	}
	data, regions := renderChunks(chunks, false)
	if len(regions) == 0 {
		data, regions = renderChunks(twoWayChunks(splitLines(string(theirs)), splitLines(string(data))), false)
	}
	if len(regions) == 0 {
		data, _ = renderChunks(twoWayChunks(splitLines(string(theirs)), splitLines(string(target))), false)
	}
	return finish(MergeResult{Data: data}, crlf).Data, nil
}

// jsonIndent is the unit of indentation of a JSON file: that of its first indented line, which is
// one level deep; two spaces, as npm writes, when no line is indented.
func jsonIndent(data []byte) string {
	for _, line := range splitLines(string(data)) {
		content := strings.TrimLeft(line, " \t")
		if indent := line[:len(line)-len(content)]; indent != "" && strings.TrimSpace(content) != "" {
			if indent[0] == '\t' {
				return "\t"
			}
			return strings.Repeat(" ", len(indent)-len(strings.TrimLeft(indent, " ")))
		}
	}
	return "  "
}

// mergeJSON merges one value; a nil side means the key is absent there.
func mergeJSON(b, y, t *jsonValue, path string, conflicts *[]ConflictRegion) *jsonValue {
	switch {
	case b.equal(t):
		return y // the templates did not change it: the user's value stands
	case b.equal(y), y.equal(t):
		return t // only the templates changed it, or both the same way
	case b.isObject() && y.isObject() && t.isObject():
		return mergeObjects(b, y, t, path, conflicts)
	}
	*conflicts = append(*conflicts, ConflictRegion{
		Yours: []string{y.describe(path)}, Base: []string{b.describe(path)}, Template: []string{t.describe(path)},
	})
	return y
}

func mergeObjects(b, y, t *jsonValue, path string, conflicts *[]ConflictRegion) *jsonValue {
	out := &jsonValue{values: map[string]*jsonValue{}}
	keys := slices.Clone(y.keys)
	for _, k := range t.keys {
		if !slices.Contains(keys, k) && b.values[k] == nil {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		v := mergeJSON(b.values[k], y.values[k], t.values[k], path+"."+k, conflicts)
		if v != nil {
			out.keys = append(out.keys, k)
			out.values[k] = v
		}
	}
	// npm keeps dependency lists sorted; so does the merge, when the user's list was sorted.
	if slices.IsSorted(y.keys) {
		slices.Sort(out.keys)
	}
	return out
}

// jsonValue is a JSON value that keeps the order of object keys.
type jsonValue struct {
	keys   []string
	values map[string]*jsonValue // non-nil for objects
	raw    json.RawMessage       // compact JSON for everything else
}

func (v *jsonValue) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		var buf bytes.Buffer
		if err := json.Compact(&buf, data); err != nil {
			return err
		}
		v.raw = buf.Bytes()
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return err
	}
	v.values = map[string]*jsonValue{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string)
		var child jsonValue
		if err := dec.Decode(&child); err != nil {
			return err
		}
		if _, dup := v.values[key]; !dup {
			v.keys = append(v.keys, key)
		}
		v.values[key] = &child
	}
	_, err := dec.Token()
	return err
}

func (v *jsonValue) isObject() bool { return v != nil && v.values != nil }

func (v *jsonValue) equal(w *jsonValue) bool {
	if v == nil || w == nil {
		return v == w
	}
	if v.isObject() != w.isObject() {
		return false
	}
	if !v.isObject() {
		return bytes.Equal(v.raw, w.raw)
	}
	if len(v.values) != len(w.values) {
		return false
	}
	for k, child := range v.values {
		if !child.equal(w.values[k]) {
			return false
		}
	}
	return true
}

func (v *jsonValue) describe(path string) string {
	key := strings.TrimPrefix(path, ".")
	if v == nil {
		return key + " (removed)"
	}
	var buf bytes.Buffer
	v.write(&buf, "", "  ")
	return key + ": " + buf.String()
}

// write prints v as JSON.stringify(v, null, unit) does, which is how npm writes package.json,
// keeping the indentation unit of the file it read.
func (v *jsonValue) write(buf *bytes.Buffer, indent, unit string) {
	if !v.isObject() {
		var out bytes.Buffer
		if err := json.Indent(&out, v.raw, indent, unit); err != nil {
			buf.Write(v.raw)
			return
		}
		buf.Write(out.Bytes())
		return
	}
	if len(v.keys) == 0 {
		buf.WriteString("{}")
		return
	}
	buf.WriteString("{\n")
	for i, k := range v.keys {
		buf.WriteString(indent + unit)
		writeJSONString(buf, k)
		buf.WriteString(": ")
		v.values[k].write(buf, indent+unit, unit)
		if i < len(v.keys)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString(indent + "}")
}

// writeJSONString writes s as a JSON string without escaping <, > and &, as JavaScript does.
func writeJSONString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)           // a string always encodes
	buf.Truncate(buf.Len() - 1) // Encode ends with a newline
}
