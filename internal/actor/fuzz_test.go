package actor

import (
	"testing"
	"unicode/utf8"

	"mitra/internal/article"
	"mitra/internal/token"
)

func FuzzFind(f *testing.F) {
	for _, tc := range findTests {
		f.Add(tc.text, tc.date.Year, tc.date.Month, tc.date.Day)
	}
	f.Add("AS’s U.S.'s Japan’S — Kim Jong-un--Rusia-Mali ' 's", 2024, 13, 40)
	f.Add("\x00\xff di di Moskow, MOSKOW –", 0, 0, 0)
	g := loadDefault(f)
	refs := testRefs(f)
	f.Fuzz(func(t *testing.T, s string, y, m, d int) {
		const base = 7
		toks := token.Tokenize(s, base)
		date := article.Date{Year: y % 3000, Month: m % 14, Day: d % 33}
		check := func(tok0, tok1 int, sp article.Span, text string) {
			if tok0 < 0 || tok0 >= tok1 || tok1 > len(toks) {
				t.Fatalf("bad token range [%d,%d) of %d in %q", tok0, tok1, len(toks), s)
			}
			if sp.Start != toks[tok0].Span.Start || sp.End > toks[tok1-1].Span.End || sp.End <= sp.Start {
				t.Fatalf("span %v outside tokens [%d,%d) in %q", sp, tok0, tok1, s)
			}
			if sp.Start < base || sp.End > base+len(s) {
				t.Fatalf("span %v outside the sentence %q", sp, s)
			}
			if text == "" || (utf8.ValidString(s) && !utf8.ValidString(text)) {
				t.Fatalf("bad text %q for %q", text, s)
			}
		}
		last := 0
		for _, m := range g.Find(toks, date) {
			check(m.Tok0, m.Tok1, m.Span, m.Text)
			if m.Tok0 < last {
				t.Fatalf("overlapping or unordered mentions in %q", s)
			}
			last = m.Tok1
			if m.Code == "" || m.Code == "-" {
				t.Fatalf("bad code %q", m.Code)
			}
		}
		last = 0
		for _, a := range refs.Find(toks) {
			check(a.Tok0, a.Tok1, a.Span, a.Text)
			if a.Tok0 < last {
				t.Fatalf("overlapping anaphors in %q", s)
			}
			last = a.Tok1
		}
	})
}
