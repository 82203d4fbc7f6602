// Package prompt asks a person questions. It does not decide whether asking is possible; callers
// check IOStreams.CanPrompt first, because a Terminal reads whatever In gives it.
package prompt

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scaffold-cli/scaffold/internal/iostreams"
	"golang.org/x/term"
)

// ErrAborted is returned when the person leaves a prompt without answering.
var ErrAborted = errors.New("prompt aborted")

// Option is a choice in a multi-select.
type Option struct {
	Value string
	Label string
}

// Prompter asks questions. Commands depend on this interface, not on a terminal, so their tests
// answer with a stub.
type Prompter interface {
	Input(title, description string, validate func(string) error) (string, error)
	MultiSelect(title, description string, options []Option) ([]string, error)
}

// Terminal is a Prompter that draws its questions on Out (stderr, so results on stdout stay
// clean) and reads keys from In, which it puts in raw mode while it asks when In is a terminal.
// Accessible asks line by line instead, with no redrawing, for screen readers. Width, when set,
// is the terminal's width in columns, to which long lines are cut.
//
// It replaces charmbracelet/huh, whose dependencies' package initialisation (clipboard,
// bubbletea, lipgloss, go-humanize, terminfo and its os/user, which linked the binary against
// libc) cost every scaffold command about a millisecond before it started, prompting or not.
type Terminal struct {
	In         io.Reader
	Out        io.Writer
	Accessible bool
	Width      int
}

// Input asks for one line of text, until validate accepts it.
func (t *Terminal) Input(title, description string, validate func(string) error) (string, error) {
	if validate == nil {
		validate = func(string) error { return nil }
	}
	var value string
	err := t.run(func(in io.Reader, out *iostreams.LineWriter) error {
		var err error
		if t.Accessible {
			value, err = accessibleInput(in, out, title, description, validate)
		} else {
			value, err = t.keyInput(in, out, title, description, validate)
		}
		return err
	})
	return value, err
}

// MultiSelect asks for any number of the options and returns the chosen values, in the order of
// options.
func (t *Terminal) MultiSelect(title, description string, options []Option) ([]string, error) {
	var chosen []string
	err := t.run(func(in io.Reader, out *iostreams.LineWriter) error {
		var selected []bool
		var err error
		if t.Accessible {
			selected, err = accessibleMultiSelect(in, out, title, description, options)
		} else {
			selected, err = t.keyMultiSelect(in, out, title, description, options)
		}
		for i, on := range selected {
			if on {
				chosen = append(chosen, options[i].Value)
			}
		}
		return err
	})
	return chosen, err
}

// run asks one question: with In in raw mode when it is a terminal and the prompt reads keys, and
// with whatever comes next on the terminal starting on a line of its own.
func (t *Terminal) run(ask func(in io.Reader, out *iostreams.LineWriter) error) error {
	out := &iostreams.LineWriter{W: t.Out}
	in := t.In
	restore := func() {}
	if t.Accessible {
		// One byte per read: a buffered reader would read ahead and swallow the next prompt's
		// answers.
		in = oneByteReader{t.In}
	} else if f, ok := t.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		state, err := term.MakeRaw(int(f.Fd()))
		if err != nil {
			return fmt.Errorf("prompt: %w", err)
		}
		restore = func() { _ = term.Restore(int(f.Fd()), state) }
	}
	err := ask(in, out)
	restore()
	// In accessible mode the person's own Enter ended the last line, and the terminal echoed
	// it, not this writer. Otherwise the terminal is back in its own mode, where a newline also
	// returns to the first column.
	if !t.Accessible {
		_ = out.EndLine()
	}
	if err != nil && !errors.Is(err, ErrAborted) {
		return fmt.Errorf("prompt: %w", err)
	}
	return err
}

// Keys a raw terminal sends.
const (
	keyCtrlC     = 0x03
	keyCtrlD     = 0x04
	keyBackspace = 0x7f
	keyCtrlH     = 0x08
	keyCtrlU     = 0x15
	keyEscape    = 0x1b
)

// key is one key press: a rune, or one of the named keys below.
type key struct {
	r    rune
	name string // "up", "down", "enter", "backspace", "clear", "abort", "escape"; "" for a rune
}

// keyReader splits what a raw terminal sends into key presses. A terminal sends an escape
// sequence in one write, so a sequence is read from what one Read returned.
type keyReader struct {
	in  io.Reader
	buf []byte
}

func (k *keyReader) next() (key, error) {
	if len(k.buf) == 0 {
		b := make([]byte, 64)
		n, err := k.in.Read(b)
		if n == 0 {
			if err == nil || err == io.EOF {
				// Input ended before an answer: nobody is there to give one.
				return key{name: "abort"}, nil
			}
			return key{}, err
		}
		k.buf = b[:n]
	}
	c := k.buf[0]
	switch c {
	case keyCtrlC, keyCtrlD:
		k.buf = k.buf[1:]
		return key{name: "abort"}, nil
	case '\r', '\n':
		k.buf = k.buf[1:]
		return key{name: "enter"}, nil
	case keyBackspace, keyCtrlH:
		k.buf = k.buf[1:]
		return key{name: "backspace"}, nil
	case keyCtrlU:
		k.buf = k.buf[1:]
		return key{name: "clear"}, nil
	case keyEscape:
		// ESC [ A or ESC O A (application mode) are the arrows; other sequences are skipped
		// through their final byte, and a lone ESC leaves the prompt.
		if len(k.buf) >= 3 && (k.buf[1] == '[' || k.buf[1] == 'O') {
			i := 2
			for i < len(k.buf) && (k.buf[i] < 0x40 || k.buf[i] > 0x7e) {
				i++
			}
			seq := k.buf[1:min(i+1, len(k.buf))]
			k.buf = k.buf[min(i+1, len(k.buf)):]
			switch string(seq[len(seq)-1:]) {
			case "A":
				return key{name: "up"}, nil
			case "B":
				return key{name: "down"}, nil
			}
			return key{name: "ignored"}, nil
		}
		k.buf = k.buf[1:]
		return key{name: "escape"}, nil
	}
	r, size := utf8.DecodeRune(k.buf)
	k.buf = k.buf[size:]
	if r < ' ' {
		return key{name: "ignored"}, nil
	}
	return key{r: r}, nil
}

// screen redraws a prompt in place: each draw moves back up over the lines of the one before.
type screen struct {
	out   io.Writer
	width int
	lines int
}

func (s *screen) draw(lines []string) error {
	var b strings.Builder
	if s.lines > 1 {
		fmt.Fprintf(&b, "\x1b[%dA", s.lines-1)
	}
	b.WriteString("\r\x1b[J")
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(s.fit(l))
	}
	s.lines = len(lines)
	_, err := io.WriteString(s.out, b.String())
	return err
}

// fit cuts a line to the terminal's width, so that it never wraps and every redraw moves back
// over exactly the lines it drew.
func (s *screen) fit(l string) string {
	if s.width <= 1 || utf8.RuneCountInString(l) <= s.width {
		return l
	}
	r := []rune(l)
	return string(r[:s.width-1]) + "…"
}

func (t *Terminal) keyInput(in io.Reader, out io.Writer, title, description string, validate func(string) error) (string, error) {
	keys := &keyReader{in: in}
	s := &screen{out: out, width: t.Width}
	var value []rune
	problem := ""
	for {
		lines := []string{"┃ " + title}
		if description != "" {
			lines = append(lines, "┃ "+description)
		}
		lines = append(lines, "┃ > "+string(value))
		if problem != "" {
			lines = append(lines, "┃ * "+problem)
		}
		if err := s.draw(lines); err != nil {
			return "", err
		}
		k, err := keys.next()
		if err != nil {
			return "", err
		}
		switch k.name {
		case "abort", "escape":
			return "", ErrAborted
		case "enter":
			if err := validate(string(value)); err != nil {
				problem = err.Error()
				continue
			}
			return string(value), nil
		case "backspace":
			if len(value) > 0 {
				value = value[:len(value)-1]
			}
		case "clear":
			value = value[:0]
		case "":
			value = append(value, k.r)
		}
		problem = ""
	}
}

func (t *Terminal) keyMultiSelect(in io.Reader, out io.Writer, title, description string, options []Option) ([]bool, error) {
	keys := &keyReader{in: in}
	s := &screen{out: out, width: t.Width}
	selected := make([]bool, len(options))
	cursor := 0
	for done := false; ; {
		lines := []string{"┃ " + title}
		if description != "" {
			lines = append(lines, "┃ "+description)
		}
		for i, o := range options {
			pointer, box := "  ", "[ ]"
			if i == cursor {
				pointer = "> "
			}
			if selected[i] {
				box = "[•]"
			}
			lines = append(lines, "┃ "+pointer+box+" "+o.Label)
		}
		if done {
			// The answer stays on the screen without the keys that gave it.
			return selected, s.draw(lines)
		}
		lines = append(lines, "  ↑/↓ move • space select • enter confirm • ctrl+c cancel")
		if err := s.draw(lines); err != nil {
			return nil, err
		}
		k, err := keys.next()
		if err != nil {
			return nil, err
		}
		switch {
		case k.name == "abort" || k.name == "escape":
			return nil, ErrAborted
		case k.name == "enter":
			done, cursor = true, -1
		case k.name == "up" || k.r == 'k':
			cursor = (cursor + len(options) - 1) % len(options)
		case k.name == "down" || k.r == 'j':
			cursor = (cursor + 1) % len(options)
		case k.r == ' ' || k.r == 'x':
			selected[cursor] = !selected[cursor]
		}
	}
}

// accessibleInput asks for a line, then again with the problem until validate accepts it.
func accessibleInput(in io.Reader, out io.Writer, title, description string, validate func(string) error) (string, error) {
	lines := bufio.NewReader(in)
	fmt.Fprintln(out, title)
	if description != "" {
		fmt.Fprintln(out, description)
	}
	for {
		fmt.Fprint(out, "> ")
		line, err := readLine(lines)
		if err != nil {
			return "", err
		}
		if err := validate(line); err != nil {
			fmt.Fprintf(out, "Error: %v\n", err)
			continue
		}
		return line, nil
	}
}

// accessibleMultiSelect lists the options by number and toggles the one whose number is typed,
// until an empty line (or 0) confirms.
func accessibleMultiSelect(in io.Reader, out io.Writer, title, description string, options []Option) ([]bool, error) {
	lines := bufio.NewReader(in)
	selected := make([]bool, len(options))
	fmt.Fprintln(out, title)
	if description != "" {
		fmt.Fprintln(out, description)
	}
	for {
		for i, o := range options {
			box := "[ ]"
			if selected[i] {
				box = "[x]"
			}
			fmt.Fprintf(out, "%d. %s %s\n", i+1, box, o.Label)
		}
		fmt.Fprintf(out, "Type a number from 1 to %d to select or unselect it, or press enter to confirm: ", len(options))
		line, err := readLine(lines)
		if err != nil {
			return nil, err
		}
		if line == "" || line == "0" {
			return selected, nil
		}
		n, err := strconv.Atoi(line)
		if err != nil || n < 1 || n > len(options) {
			fmt.Fprintf(out, "Error: %q is not a number from 1 to %d\n", line, len(options))
			continue
		}
		selected[n-1] = !selected[n-1]
	}
}

// readLine reads a line without its line ending; input that ends before a line does aborts.
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err == io.EOF && line == "" {
		return "", ErrAborted
	}
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}
