package generator

import "github.com/aymanbagabas/go-udiff/lcs"

// DiffLines returns the edits that turn lines a into lines b, comparing whole lines: each
// distinct line becomes one symbol and the symbols are diffed, so an unchanged line is never
// reported as removed and added again (as a diff of characters widened to lines can).
func DiffLines(a, b []string) []lcs.Diff {
	ids := map[string]rune{}
	symbols := func(lines []string) []rune {
		out := make([]rune, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = rune(len(ids))
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	return lcs.DiffRunes(symbols(a), symbols(b))
}
