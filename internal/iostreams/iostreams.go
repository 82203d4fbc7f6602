// Package iostreams holds the standard streams a command uses, and whether it may prompt.
// Commands receive an IOStreams instead of touching os.Stdin and friends, so tests run them with
// buffers and no terminal.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are a command's input and output. Results go to Out; progress, warnings and prompts
// go to ErrOut, so that piping a command's output captures only its result.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY  bool
	stderrTTY bool
	width     int // columns of the terminal on stderr; 0 when unknown
}

// DefaultWidth is the width assumed when stderr is not a terminal or its size is unknown.
const DefaultWidth = 80

// System returns the process's own streams.
func System() *IOStreams {
	s := &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
	if s.stderrTTY {
		if w, _, err := term.GetSize(int(os.Stderr.Fd())); err == nil {
			s.width = w
		}
	}
	return s
}

// Test returns streams backed by buffers, none of them a terminal.
func Test() (ios *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// SetTTY makes the streams claim (or stop claiming) to be terminals, for tests of prompting.
func (s *IOStreams) SetTTY(tty bool) {
	s.stdinTTY, s.stderrTTY = tty, tty
}

// SetTerminalWidth sets the width TerminalWidth reports, for tests of output that fits a terminal.
func (s *IOStreams) SetTerminalWidth(columns int) {
	s.width = columns
}

// TerminalWidth returns the number of columns of the terminal on stderr, where prompts and
// progress appear, or DefaultWidth when that is not known.
func (s *IOStreams) TerminalWidth() int {
	if s.width > 0 {
		return s.width
	}
	return DefaultWidth
}

// CanPrompt reports whether a person can answer questions: stdin to read the answers and stderr
// to show the questions must both be terminals.
func (s *IOStreams) CanPrompt() bool {
	return s.stdinTTY && s.stderrTTY
}

// IsStderrTTY reports whether progress output reaches a person.
func (s *IOStreams) IsStderrTTY() bool {
	return s.stderrTTY
}
