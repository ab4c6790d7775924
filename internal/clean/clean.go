// Package clean removes page boilerplate (menus, related-article links,
// bylines, captions, share and ad widgets) from scraped news text and HTML,
// keeping a byte-offset map from the clean text back to the raw input.
//
// Text keeps every surviving line of a text dump verbatim, so its offset map
// is exact. HTML finds the main text with go-trafilatura, locates each of its
// paragraphs in the raw markup and applies the same line rules. Both are safe
// for concurrent use.
package clean

import (
	"slices"
	"strings"
	"unicode/utf8"

	"mitra/internal/article"
)

// Text cleans the text dump d.Raw with the default rules. It sets d.Text,
// d.Map (clean offsets to d.Raw offsets) and d.Title (the first
// headline-like line above the news text, "" when there is none).
//
// Kept lines are copied verbatim, without their surrounding spaces, so every
// segment of d.Map is exact (an invalid UTF-8 byte becomes an inexact
// U+FFFD). Lines that were adjacent in d.Raw are joined with "\n"; lines
// separated by a blank line or by dropped lines are joined with "\n\n".
func Text(d *article.Doc) { DefaultRules().Text(d) }

// HTML extracts the main text of the HTML page d.Raw (UTF-8) with the
// default rules. It sets d.Text, d.Map and d.Title; d.PubDate when it is
// zero and the page metadata gives a date (PubDateSource "html-meta" for
// <meta> tags and JSON-LD, "htmldate" for go-htmldate's guess); and d.URL
// when it is empty and the page names a canonical URL.
//
// Each block of the page (paragraph, heading, list item, line after <br>)
// becomes one line of d.Text, and lines are joined with "\n\n". Text copied
// from the markup maps exactly; decoded entities and folded spaces map as
// inexact segments.
func HTML(d *article.Doc) { DefaultRules().HTML(d) }

// rawLine is a line of a text dump: text is raw[start:start+len(text)].
type rawLine struct {
	start int
	text  string
}

// Text is like the package-level Text with the rules rs.
func (rs *Rules) Text(d *article.Doc) {
	raw := string(d.Raw)
	sc := getScratch()
	defer sc.put()
	n := strings.Count(raw, "\n") + 1
	rl := slices.Grow(sc.rl[:0], n)
	info := slices.Grow(sc.info[:0], n)
	blank := false
	for i := 0; i < len(raw); {
		j := i
		for j < len(raw) && raw[j] != '\n' && raw[j] != '\r' {
			j++
		}
		a, b := trimSpaceRange(raw, i, j)
		if a < b {
			rl = append(rl, rawLine{start: a, text: raw[a:b]})
			info = append(info, lineInfo{text: raw[a:b], blankBefore: blank})
			blank = false
		} else if len(info) > 0 {
			blank = true
		}
		// One line break: "\n", "\r\n" or a lone "\r".
		if j < len(raw) && raw[j] == '\r' && j+1 < len(raw) && raw[j+1] == '\n' {
			j++
		}
		i = j + 1
	}
	sc.rl, sc.info = rl, info
	v := rs.decide(info, sc)

	kept := 0
	for _, k := range v.keep {
		if k {
			kept++
		}
	}
	var out strings.Builder
	out.Grow(len(raw))
	m := article.OffsetMap{Segs: make([]article.Segment, 0, kept)}
	prev := -1
	for i, k := range v.keep {
		if !k {
			continue
		}
		if prev >= 0 {
			if info[i].blankBefore || i > prev+1 {
				out.WriteString("\n\n")
			} else {
				out.WriteByte('\n')
			}
		}
		c := v.cut[i]
		writeValid(&out, &m, rl[i].text[c:], rl[i].start+c)
		prev = i
	}
	d.Text = out.String()
	d.Map = m
	d.Title = ""
	if v.title >= 0 {
		d.Title = titleText(info[v.title].text)
	}
}

// trimSpaceRange trims spaces (ASCII, U+00A0, U+FEFF, U+3000) from both
// ends of s[a:b].
func trimSpaceRange(s string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:b])
		if !isSpaceRune(r) {
			break
		}
		a += n
	}
	for a < b {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !isSpaceRune(r) {
			break
		}
		b -= n
	}
	return a, b
}

func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', '\r', '\n', '\u00a0', '\ufeff', '\u3000', '\u200b', '\u2009', '\u202f':
		return true
	}
	return false
}

// writeValid appends s (found at raw offset off) to out and records it in m:
// valid UTF-8 runs as exact segments, each invalid byte as an inexact U+FFFD.
func writeValid(out *strings.Builder, m *article.OffsetMap, s string, off int) {
	for s != "" {
		n := validPrefix(s)
		if n > 0 {
			m.Add(out.Len(), off, n)
			out.WriteString(s[:n])
			s, off = s[n:], off+n
			continue
		}
		m.AddInexact(out.Len(), len("\uFFFD"), off, 1)
		out.WriteString("\uFFFD")
		s, off = s[1:], off+1
	}
}

// validPrefix returns the length of the longest valid UTF-8 prefix of s.
func validPrefix(s string) int {
	i := 0
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	return i
}

// titleText tidies a headline line for Doc.Title: no bullets, no
// breadcrumb trail ("Home > Berita > Judul").
func titleText(s string) string {
	s, _ = trimBullets(s)
	if i := strings.LastIndex(s, " > "); i >= 0 && strings.TrimSpace(s[i+3:]) != "" {
		s = strings.TrimSpace(s[i+3:])
	}
	return validString(s)
}

func validString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
