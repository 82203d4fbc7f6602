package iostreams

import (
	"bytes"
	"testing"
)

func TestLineWriter(t *testing.T) {
	for _, tt := range []struct {
		name   string
		writes []string
		want   string
	}{
		{"nothing written", nil, ""},
		{"a finished line", []string{"added 3 packages\n"}, "added 3 packages\n"},
		{"an unfinished line", []string{"done\n", "progress"}, "done\nprogress\n"},
		{"finished by a later write", []string{"progress", "\n"}, "progress\n"},
		{"a carriage return after erasing the line", []string{"spinner", "\x1b[2K\r"}, "spinner\x1b[2K\r"},
		{"control sequences after a newline", []string{"done\n\x1b[?25h"}, "done\n\x1b[?25h"},
		{"control sequences after text", []string{"done\x1b[0m"}, "done\x1b[0m\n"},
		{"only control sequences keep the state", []string{"text", "\x1b[0m"}, "text\x1b[0m\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := &LineWriter{W: &buf}
			for _, s := range tt.writes {
				if _, err := w.Write([]byte(s)); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.EndLine(); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tt.want {
				t.Errorf("wrote %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTerminalWidth(t *testing.T) {
	ios, _, _, _ := Test()
	if got := ios.TerminalWidth(); got != DefaultWidth {
		t.Errorf("TerminalWidth() = %d without a terminal, want %d", got, DefaultWidth)
	}
	ios.SetTerminalWidth(40)
	if got := ios.TerminalWidth(); got != 40 {
		t.Errorf("TerminalWidth() = %d, want 40", got)
	}
}
