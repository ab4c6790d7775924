package timex

import (
	"unicode"
	"unicode/utf8"

	"mitra/internal/article"
)

// Byte-level helpers for PubDate, which reads raw page text without
// tokenising it (tokenising a whole page costs more than the budget).

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// letterAt reports whether a letter starts at s[i], and its width.
func letterAt(s string, i int) (bool, int) {
	c := s[i]
	if c < 0x80 {
		return isASCIILetter(c), 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r), n
}

// alnumBefore reports whether a letter or digit ends just before s[i].
func alnumBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	c := s[i-1]
	if c < 0x80 {
		return isDigit(c) || isASCIILetter(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// readNum reads up to 9 digits at s[i] and returns the value and the end.
func readNum(s string, i int) (int, int) {
	v, j := 0, i
	for j < len(s) && isDigit(s[j]) && j-i < 9 {
		v = v*10 + int(s[j]-'0')
		j++
	}
	return v, j
}

// digitsEnd reports whether no digit follows s[j].
func digitsEnd(s string, j int) bool { return j >= len(s) || !isDigit(s[j]) }

// wordAt returns the end of the word (letters and inner apostrophes) that
// starts at s[i], or i when no letter starts there.
func wordAt(s string, i int) int {
	j := i
	for j < len(s) {
		if ok, n := letterAt(s, j); ok {
			j += n
			continue
		}
		if j > i && j+1 < len(s) && s[j] == '\'' {
			if ok, _ := letterAt(s, j+1); ok {
				j++
				continue
			}
		}
		if j > i && j+3 < len(s) && s[j:j+3] == "’" {
			if ok, _ := letterAt(s, j+3); ok {
				j += 3
				continue
			}
		}
		break
	}
	return j
}

// lowerInto appends the lower-cased, quote-folded s to b.
func lowerInto(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '’' || r == '‘' {
			b = append(b, '\'')
		} else {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		i += n
	}
	return b
}

// wordIn looks up the single word s[i:j] (lower-cased into buf).
func (t *Table) wordIn(buf []byte, s string, i, j int) *word {
	if j-i > 40 {
		return nil
	}
	b := lowerInto(buf[:0], s[i:j])
	return t.words[string(b)]
}

// monthAt returns the month named by the word at s[i:j], or 0.
func (t *Table) monthAt(buf []byte, s string, i, j int) int {
	if w := t.wordIn(buf, s, i, j); w != nil {
		return int(w.month)
	}
	return 0
}

// inURL reports whether s[i] lies inside a URL (a run of non-space bytes
// that contains "://" or starts with "www.").
func inURL(s string, i int) bool {
	k := i
	for k > 0 && i-k < 300 {
		c := s[k-1]
		if c == ' ' || c == '\n' || c == '\t' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '(' {
			break
		}
		k--
	}
	run := s[k:i]
	for x := 0; x+3 <= len(run); x++ {
		if run[x] == ':' && run[x+1] == '/' && run[x+2] == '/' {
			return true
		}
	}
	return len(run) >= 4 && (run[:4] == "www." || run[:4] == "WWW.")
}

// URLDate returns the date written in a URL path (/2021/03/30/, /20210330/,
// /2021-03-30-…), or the zero Date.
func URLDate(u string) article.Date {
	for i := 0; i < len(u); i++ {
		if !isDigit(u[i]) || (i > 0 && isDigit(u[i-1])) {
			continue
		}
		v, j := readNum(u, i)
		switch {
		case j-i == 8 && digitsEnd(u, j) && (i == 0 || u[i-1] != '='):
			if d := plausible(ymd(v/10000, v/100%100, v%100)); !d.IsZero() {
				return d
			}
		case j-i == 4 && j < len(u) && (u[j] == '/' || u[j] == '-'):
			m, k := readNum(u, j+1)
			if k-j-1 != 2 || k >= len(u) || u[k] != u[j] {
				continue
			}
			d, l := readNum(u, k+1)
			if l-k-1 != 2 || !digitsEnd(u, l) {
				continue
			}
			if x := plausible(ymd(v, m, d)); !x.IsZero() {
				return x
			}
		}
	}
	return article.Date{}
}

// plausible keeps dates between 1900 and 2100 for publication dates.
func plausible(d article.Date) article.Date {
	if d.Year < 1900 || d.Year > 2100 {
		return article.Date{}
	}
	return d
}
