package iostreams

import "io"

// LineWriter passes writes through to W and remembers whether they left a line unfinished, so
// that whoever writes next can start on a line of its own: a program's output that ends without a
// newline (a progress spinner, a prompt) must not run into the next message.
type LineWriter struct {
	W    io.Writer
	open bool
}

// Write implements io.Writer.
func (l *LineWriter) Write(p []byte) (int, error) {
	n, err := l.W.Write(p)
	if last, ok := lastVisible(p[:n]); ok {
		// A carriage return leaves the cursor at the start of a line, which is where the next
		// message should begin (terminal programs erase the line and return when they finish).
		l.open = last != '\n' && last != '\r'
	}
	return n, err
}

// EndLine writes a newline when the last visible byte written did not end a line.
func (l *LineWriter) EndLine() error {
	if !l.open {
		return nil
	}
	l.open = false
	_, err := io.WriteString(l.W, "\n")
	return err
}

// lastVisible returns the last byte of p that is not part of a trailing ANSI control sequence
// (ESC [ parameters final-byte), and false when there is none.
func lastVisible(p []byte) (byte, bool) {
	for i := len(p) - 1; i >= 0; i-- {
		// A final byte of a control sequence: look back for its ESC [.
		if c := p[i]; c >= 0x40 && c <= 0x7e {
			j := i - 1
			for j >= 0 && p[j] >= 0x20 && p[j] <= 0x3f {
				j--
			}
			if j >= 1 && p[j] == '[' && p[j-1] == 0x1b {
				i = j - 1
				continue
			}
		}
		return p[i], true
	}
	return 0, false
}
