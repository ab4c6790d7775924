package cli

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
)

// Text from pages (sentences, ids, file names, URLs in error messages)
// reaches the user's terminal. A page could hold escape sequences that set
// the window title, rewrite what is on screen, plant hyperlinks or make
// some terminals answer back; printable removes them from what commands
// print for people, and c1Escaper keeps JSON output, which escapes C0
// characters already, from carrying raw C1 ones.

// printable returns s without terminal control sequences: ESC sequences
// (CSI, OSC, DCS, SOS, PM, APC up to their terminator; two-byte ones), the
// C1 forms of the same, and every other C0 and C1 control character but
// tab and newline, DEL, and the bidirectional overrides and isolates
// (which reorder what is displayed). Invalid UTF-8 becomes U+FFFD.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if dropped(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == 0x1b: // ESC
			if i >= len(s) {
				break
			}
			c := s[i]
			i++
			switch c {
			case '[':
				i = skipCSI(s, i)
			case ']', 'P', 'X', '^', '_':
				i = skipString(s, i)
			}
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i)
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i)
		case dropped(r):
		default:
			b.WriteRune(r) // U+FFFD for an invalid byte
		}
	}
	return b.String()
}

// dropped reports the characters printable removes on their own.
func dropped(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// skipCSI returns the end of a control sequence starting at s[i]: its
// parameter and intermediate bytes (0x20–0x3F) and its final byte
// (0x40–0x7E). Any other byte ends the sequence without being consumed.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c < 0x20 || c > 0x7e:
			return i
		}
		i++
	}
	return i
}

// skipString returns the end of a control string starting at s[i]: after
// BEL, ST (ESC \) or C1 ST, or the end of s.
func skipString(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x07 || r == 0x9c:
			return i + n
		case r == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // another sequence starts
		}
		i += n
	}
	return i
}

// c1Escaper writes JSON with every C1 control character (U+0080–U+009F,
// UTF-8 C2 80 to C2 9F) and DEL written as a \u escape: the same JSON
// value, but nothing a terminal could take for a control (encoding/json
// escapes C0 itself). JSON text holds these characters only inside
// strings, where the escape is valid.
type c1Escaper struct {
	w       io.Writer
	pending bool // the last byte written was C2, held back
}

// flush writes a C2 byte held back at the end of the last Write.
func (e *c1Escaper) flush() error {
	if !e.pending {
		return nil
	}
	e.pending = false
	_, err := e.w.Write([]byte{0xc2})
	return err
}

func (e *c1Escaper) Write(p []byte) (int, error) {
	n := len(p)
	if e.pending {
		e.pending = false
		p = append([]byte{0xc2}, p...)
	}
	if bytes.IndexByte(p, 0xc2) < 0 && bytes.IndexByte(p, 0x7f) < 0 {
		if _, err := e.w.Write(p); err != nil {
			return 0, err
		}
		return n, nil
	}
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == 0x7f: // DEL, which JSON leaves as it is
			out = append(out, `\u007f`...)
		case c != 0xc2:
			out = append(out, c)
		case i+1 == len(p):
			e.pending = true
		case p[i+1] >= 0x80 && p[i+1] <= 0x9f:
			d := p[i+1]
			out = append(out, '\\', 'u', '0', '0', "0123456789abcdef"[d>>4], "0123456789abcdef"[d&15])
			i++
		default:
			out = append(out, c)
		}
	}
	if len(out) > 0 {
		if _, err := e.w.Write(out); err != nil {
			return 0, err
		}
	}
	return n, nil
}
