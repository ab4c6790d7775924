// Package phrase matches short word patterns in sentences: the lists of
// words that tell, for instance, a withdrawal (package shift) or a signing
// (package summary). Patterns live in plain-text data files beside the
// package that uses them.
//
// A file has one pattern a line; blank lines and lines starting with #
// are skipped. A pattern is matched on the lower-cased words (runs of
// letters and digits) of a text: words are separated by spaces; "a|b" is
// either word; a word ending in "*" matches any word it begins ("pasukan*"
// matches "pasukannya"); "...N" allows up to N other words in between.
package phrase

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode"
)

// Set is a set of word patterns. The zero value (and nil) matches nothing.
// It is read-only once loaded and safe for concurrent use.
type Set struct {
	pats [][]step
}

// step is one word of a pattern: alternatives, each a whole word or a
// prefix, and how many words may come before it after the previous step.
type step struct {
	words  []string
	prefix []bool
	gap    int
}

// Load reads a patterns file from fsys; errors name the file and line.
func Load(fsys fs.FS, name string) (*Set, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(name, f)
}

// Read reads patterns from r; name prefixes errors.
func Read(name string, r io.Reader) (*Set, error) {
	w := &Set{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, err := parsePattern(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		w.pats = append(w.pats, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return w, nil
}

func parsePattern(line string) ([]step, error) {
	var p []step
	gap := 0
	for _, f := range strings.Fields(strings.ToLower(line)) {
		if rest, ok := strings.CutPrefix(f, "..."); ok {
			g, err := strconv.Atoi(rest)
			if err != nil || g < 1 || g > 20 || len(p) == 0 {
				return nil, fmt.Errorf("gap %q: want ...N (1–20) between two words", f)
			}
			gap = g
			continue
		}
		var s step
		for _, alt := range strings.Split(f, "|") {
			pre := strings.HasSuffix(alt, "*")
			alt = strings.TrimSuffix(alt, "*")
			if alt == "" || strings.IndexFunc(alt, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
				return nil, fmt.Errorf("word %q: want letters, alternatives a|b, an optional * at the end", f)
			}
			s.words = append(s.words, alt)
			s.prefix = append(s.prefix, pre)
		}
		s.gap = gap
		gap = 0
		p = append(p, s)
	}
	if len(p) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	if gap != 0 {
		return nil, fmt.Errorf("pattern ends with a gap")
	}
	return p, nil
}

// Match reports whether any pattern matches the words of text.
func (w *Set) Match(text string) bool {
	if w == nil || len(w.pats) == 0 || text == "" {
		return false
	}
	return w.MatchWords(Words(text))
}

// Words returns the lower-cased words of text, as Match reads them: a
// caller matching one text against several sets splits it once.
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// MatchWords reports whether any pattern matches toks (see Words).
func (w *Set) MatchWords(toks []string) bool {
	if w == nil {
		return false
	}
	for _, p := range w.pats {
		for i := range toks {
			if p[0].matches(toks[i]) && rest(p[1:], toks[i+1:]) {
				return true
			}
		}
	}
	return false
}

// rest reports whether steps match toks from its start (each step after at
// most its gap of other words).
func rest(steps []step, toks []string) bool {
	if len(steps) == 0 {
		return true
	}
	s := steps[0]
	for j := 0; j <= s.gap && j < len(toks); j++ {
		if s.matches(toks[j]) && rest(steps[1:], toks[j+1:]) {
			return true
		}
	}
	return false
}

func (s step) matches(tok string) bool {
	for i, w := range s.words {
		if tok == w || s.prefix[i] && strings.HasPrefix(tok, w) {
			return true
		}
	}
	return false
}
