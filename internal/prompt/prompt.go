// Package prompt asks a person questions. It does not decide whether asking is possible; callers
// check IOStreams.CanPrompt first, because huh never checks for a terminal itself.
package prompt

import (
	"errors"
	"fmt"
	"io"

	"github.com/charmbracelet/huh"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
)

// ErrAborted is returned when the person leaves a prompt without answering.
var ErrAborted = errors.New("prompt aborted")

// Option is a choice in a multi-select.
type Option struct {
	Value string
	Label string
}

// Prompter asks questions. Commands depend on this interface, not on huh, so their tests answer
// with a stub.
type Prompter interface {
	Input(title, description string, validate func(string) error) (string, error)
	MultiSelect(title, description string, options []Option) ([]string, error)
}

// Huh is a Prompter that draws charmbracelet/huh forms on out (stderr, so results on stdout stay
// clean) and reads keys from in. Width, when set, is the terminal's width in columns, which the
// forms wrap their text to.
type Huh struct {
	In         io.Reader
	Out        io.Writer
	Accessible bool
	Width      int
}

// Input asks for one line of text.
func (h *Huh) Input(title, description string, validate func(string) error) (string, error) {
	var value string
	field := huh.NewInput().Title(title).Description(description).Value(&value)
	if validate != nil {
		field = field.Validate(validate)
	}
	return value, h.run(huh.NewGroup(field))
}

// MultiSelect asks for any number of the options and returns the chosen values.
func (h *Huh) MultiSelect(title, description string, options []Option) ([]string, error) {
	var chosen []string
	opts := make([]huh.Option[string], 0, len(options))
	for _, o := range options {
		opts = append(opts, huh.NewOption(o.Label, o.Value))
	}
	field := huh.NewMultiSelect[string]().Title(title).Description(description).Options(opts...).Value(&chosen)
	return chosen, h.run(huh.NewGroup(field))
}

func (h *Huh) run(group *huh.Group) error {
	// In accessible mode each prompt makes its own buffered scanner, which can read ahead and
	// swallow later answers; one byte per read keeps every answer for its own prompt.
	in := h.In
	if h.Accessible {
		in = oneByteReader{h.In}
	}
	out := &iostreams.LineWriter{W: h.Out}
	form := huh.NewForm(group).WithInput(in).WithOutput(out).WithAccessible(h.Accessible).WithShowHelp(true)
	if h.Width > 0 {
		form = form.WithWidth(h.Width)
	}
	err := form.Run()
	// Whatever comes next on the terminal starts on a line of its own. In accessible mode the
	// person's own Enter ended the last line, and the terminal echoed it, not this writer.
	if !h.Accessible {
		_ = out.EndLine()
	}
	if errors.Is(err, huh.ErrUserAborted) {
		return ErrAborted
	}
	if err != nil {
		return fmt.Errorf("prompt: %w", err)
	}
	return nil
}

type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}
