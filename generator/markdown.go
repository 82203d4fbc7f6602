package generator

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// markdownTable formats a table the way Prettier does, every column padded to its widest cell, so
// generated READMEs pass `prettier --check` however long the rows features add.
func markdownTable(header []string, rows [][]string) string {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = max(3, utf8.RuneCountInString(h))
	}
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	// Every line is as long, in characters, as the widths and the "| " and " " around each cell:
	// growing the builder as the table fills copied it several times over.
	lineLen := 2
	for _, w := range widths {
		lineLen += w + 3
	}
	var b strings.Builder
	b.Grow(lineLen * (len(rows) + 2))
	line := func(cells []string) {
		for i, cell := range cells {
			b.WriteString("| ")
			b.WriteString(cell)
			for range widths[i] - utf8.RuneCountInString(cell) {
				b.WriteByte(' ')
			}
			b.WriteByte(' ')
		}
		b.WriteString("|\n")
	}
	line(header)
	dashes := make([]string, len(header))
	for i, w := range widths {
		dashes[i] = strings.Repeat("-", w)
	}
	line(dashes)
	for _, row := range rows {
		line(row)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// envTable is the README's table of environment variables.
func (m *Model) envTable() string {
	rows := make([][]string, 0, len(m.Env))
	for _, e := range m.Env {
		rows = append(rows, []string{"`" + e.Name + "`", e.Default, e.Description})
	}
	return markdownTable([]string{"variable", "default", "meaning"}, rows)
}

// scriptsTable is the README's table of npm scripts.
func (m *Model) scriptsTable() string {
	rows := make([][]string, 0, len(m.Scripts))
	for _, s := range m.Scripts {
		cmd := "`npm run " + s.Name + "`"
		if s.Name == "start" || s.Name == "test" {
			cmd = "`npm " + s.Name + "`"
		}
		rows = append(rows, []string{cmd, s.Description})
	}
	return markdownTable([]string{"script", "what it does"}, rows)
}

// pipelineList is the README's numbered list of the phases src/app.js registers.
func (m *Model) pipelineList() string {
	var b strings.Builder
	n := 0
	for _, g := range m.Pipeline() {
		if len(g.Entries) == 0 {
			continue
		}
		n++
		names := make([]string, len(g.Entries))
		for i, e := range g.Entries {
			names[i] = e.Name
		}
		title := strings.ToUpper(g.Phase.String()[:1]) + g.Phase.String()[1:]
		fmt.Fprintf(&b, "%d. **%s**: %s.\n", n, title, strings.Join(names, ", "))
	}
	return strings.TrimSuffix(b.String(), "\n")
}
