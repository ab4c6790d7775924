// Package token splits clean text into sentences and word tokens that keep
// their byte offsets, for Latin-script languages (Indonesian, Malay, English).
//
// It is hand-written rather than built on a UAX #29 segmenter because news
// text needs genre rules (abbreviations such as "Kol.", "Dr.", "No."; dates
// such as "(7/2)"; hyphenated pairs such as "RI-Jepang") that a generic
// segmenter gets wrong, and because it is on the hot path.
package token

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mitra/internal/article"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word  Kind = iota // letters, possibly with inner hyphens, apostrophes or dots
	Num               // digits, possibly with inner separators: 1.000, 24/1, 2022
	Punct             // any other single rune
)

// Token is one word, number or punctuation mark of a sentence.
type Token struct {
	Text  string       // as in the text
	Lower string       // lower-cased, quotes and dashes folded
	Span  article.Span // byte offsets in the clean text
	Kind  Kind
	// Upper is true when the token starts with an upper-case letter.
	Upper bool
}

// Sentence is a span of clean text and its tokens.
type Sentence struct {
	Span   article.Span
	Text   string
	Tokens []Token
	// Para is the index of the paragraph (block separated by a blank line or a
	// line break) the sentence starts in.
	Para int
}

// Abbrev reports whether a lower-case word is an abbreviation whose dot does
// not end a sentence ("kol", "dr", "gen"); a language pack provides it. Nil
// knows none.
type Abbrev func(lower string) bool

// Sentences splits text into sentences and tokenises each. Line breaks end
// sentences (scraped pages put headlines, captions and paragraphs on lines of
// their own). A dot after a word abbrev knows, or after a single capital
// letter (an initial), does not end a sentence.
func Sentences(text string, abbrev Abbrev) []Sentence {
	var out []Sentence
	// One token array for the whole text, sized by a cheap count: the
	// sentences' token slices are windows on it.
	buf := make([]Token, 0, estimate(text))
	para := 0
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		line := text[lineStart:lineEnd]
		if strings.TrimSpace(line) != "" {
			out, buf = splitLine(out, buf, text, lineStart, lineEnd, para, abbrev)
			para++
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	return out
}

func splitLine(out []Sentence, buf []Token, text string, start, end, para int, abbrev Abbrev) ([]Sentence, []Token) {
	n := len(buf)
	buf = AppendTokens(buf, text[start:end], start)
	toks := buf[n:len(buf):len(buf)]
	s0 := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != Punct || !isTerminal(t.Text) {
			continue
		}
		if t.Text == "." && i > 0 && isAbbrev(toks, i, abbrev) {
			continue
		}
		// Take closing quotes and brackets with the sentence.
		j := i + 1
		for j < len(toks) && toks[j].Kind == Punct && isCloser(toks[j].Text) {
			j++
		}
		// The next word must look like a sentence start.
		if j < len(toks) && !startsSentence(toks[j]) {
			continue
		}
		out = appendSentence(out, text, toks[s0:j], para)
		s0 = j
		i = j - 1
	}
	if s0 < len(toks) {
		out = appendSentence(out, text, toks[s0:], para)
	}
	return out, buf
}

func appendSentence(out []Sentence, text string, toks []Token, para int) []Sentence {
	if len(toks) == 0 {
		return out
	}
	sp := article.Span{Start: toks[0].Span.Start, End: toks[len(toks)-1].Span.End}
	return append(out, Sentence{Span: sp, Text: text[sp.Start:sp.End], Tokens: toks, Para: para})
}

func isTerminal(s string) bool { return s == "." || s == "!" || s == "?" || s == "…" }

func isCloser(s string) bool {
	switch s {
	case "\"", "'", ")", "]", "”", "’", "»":
		return true
	}
	return false
}

func startsSentence(t Token) bool {
	if t.Kind == Num {
		return true
	}
	if t.Kind == Punct {
		switch t.Text {
		case "\"", "“", "'", "‘", "(", "[", "«", "-", "—", "–":
			return true
		}
		return false
	}
	return t.Upper
}

func isAbbrev(toks []Token, i int, abbrev Abbrev) bool {
	prev := toks[i-1]
	if prev.Span.End != toks[i].Span.Start || prev.Kind != Word {
		return false
	}
	if abbrev != nil && abbrev(prev.Lower) {
		return true
	}
	// Initials: "J." "A.S."
	if utf8.RuneCountInString(prev.Text) == 1 && prev.Upper {
		return true
	}
	return false
}

// Tokenize splits s into tokens; base is added to every offset.
func Tokenize(s string, base int) []Token {
	return AppendTokens(make([]Token, 0, estimate(s)), s, base)
}

// estimate returns an upper bound of the tokens in s, close to their count:
// the runs of non-space bytes plus the ASCII punctuation inside them.
func estimate(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			in = false
		case c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'):
			n++
			in = false
		case !in:
			n++
			in = true
		}
	}
	return n + 1
}

// AppendTokens appends the tokens of s to toks; base is added to every
// offset.
func AppendTokens(toks []Token, s string, base int) []Token {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == 0xa0 || unicode.IsSpace(r):
			i += n
		case isLetter(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isLetter(r2) || unicode.IsDigit(r2) || r2 == '\u0301' || unicode.Is(unicode.Mn, r2) {
					j += n2
					continue
				}
				// Inner joiners: Côte d'Ivoire, U.S. Hyphens split ("RI-Jepang"
				// is two parties), and gazetteer forms are tokenised the same way.
				if (r2 == '\'' || r2 == '’' || r2 == '.') && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if isLetter(r3) && (r2 != '.' || isDottedAbbrev(s[i:j])) {
						j += n2
						continue
					}
				}
				break
			}
			toks = append(toks, makeToken(s[i:j], base+i, Word))
			i = j
		case r >= '0' && r <= '9':
			j := i + n
			for j < len(s) {
				c := s[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == '.' || c == ',' || c == '/' || c == ':') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			toks = append(toks, makeToken(s[i:j], base+i, Num))
			i = j
		default:
			toks = append(toks, makeToken(s[i:i+n], base+i, Punct))
			i += n
		}
	}
	return toks
}

// isDottedAbbrev reports whether w so far is a run of single letters joined by
// dots ("U", "U.S"), so that "U.S." and "A.S." stay one token.
func isDottedAbbrev(w string) bool {
	for k, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
		_ = k
	}
	return true
}

func isLetter(r rune) bool {
	if r < 0x80 {
		return (r|0x20) >= 'a' && (r|0x20) <= 'z'
	}
	return unicode.IsLetter(r)
}

func makeToken(text string, off int, k Kind) Token {
	t := Token{Text: text, Span: article.Span{Start: off, End: off + len(text)}, Kind: k}
	if k == Word {
		r, _ := utf8.DecodeRuneInString(text)
		t.Upper = unicode.IsUpper(r)
		t.Lower = Fold(text)
	} else {
		t.Lower = Fold(text)
	}
	return t
}

// Fold lower-cases s and folds typographic quotes and dashes to ASCII, so that
// lexicon look-ups see one spelling.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '’', '‘', '`', '´':
			r = '\''
		case '“', '”', '„', '«', '»':
			r = '"'
		case '–', '—', '‐', '‑', '−':
			r = '-'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
