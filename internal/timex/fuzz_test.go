package timex

import (
	"testing"
	"unicode/utf8"

	"mitra/internal/article"
	"mitra/internal/token"
)

func checkResult(t *testing.T, s string, r Result) {
	t.Helper()
	if !r.Date.IsZero() && !r.Date.Valid() {
		t.Fatalf("invalid date %+v for %q", r.Date, s)
	}
	sp := r.Span
	if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
		t.Fatalf("span %v outside sentence of %d bytes: %q", sp, len(s), s)
	}
	// Rune boundaries are defined for valid UTF-8 only.
	if utf8.ValidString(s) && ((sp.Start < len(s) && !utf8.RuneStart(s[sp.Start])) || (sp.End < len(s) && !utf8.RuneStart(s[sp.End]))) {
		t.Fatalf("span %v not on rune boundaries in %q", sp, s)
	}
	if r.Text != s[sp.Start:sp.End] {
		t.Fatalf("Text %q != sentence[%v] %q", r.Text, sp, s[sp.Start:sp.End])
	}
}

func FuzzResolve(f *testing.F) {
	for _, tt := range resolveTests {
		f.Add(tt.sentence, 2022, 1, 25, tt.pub != "")
	}
	f.Add("Senin (29/2) dan Selasa (31/4/2023), 0/0, (99/99/9999)", 2024, 3, 1, true)
	f.Add("(", 1, 1, 1, false)
	for _, tt := range englishResolveTests {
		f.Add(tt.sentence, 2024, 2, 7, tt.pub != "")
	}
	f.Add("the 1990's 1990s' Tuesday's Feb. 30, 2024", 2024, 2, 7, true)
	tab, en := testTable(f), englishTable(f)
	f.Fuzz(func(t *testing.T, s string, y, m, d int, hasPub bool) {
		var pub article.Date
		if hasPub {
			pub = ymd(1900+abs(y)%300, 1+abs(m)%12, 1+abs(d)%31)
		}
		for _, r := range en.ResolveAll(s, nil, pub) {
			checkResult(t, s, r)
		}
		for _, toks := range [][]token.Token{nil, token.Tokenize(s, 0), token.Tokenize(s, 1000)} {
			checkResult(t, s, tab.Resolve(s, toks, pub))
			for _, r := range tab.ResolveAll(s, toks, pub) {
				checkResult(t, s, r)
			}
			checkResult(t, s, tab.ResolveWith(s, toks, article.Date{}, pub))
		}
		// Tokens that belong to another text must not break anything.
		checkResult(t, s, tab.Resolve(s, token.Tokenize("Senin (24/1/2022) dan 25 Januari 2022", 3), pub))
	})
}

func FuzzPubDate(f *testing.F) {
	for _, tt := range pubDateTests {
		f.Add(tt.page)
	}
	f.Add("1/1/1 99/99/9999 2024-02-30 https://x/20240230/ March 32, 2024 31 Februari 2024")
	f.Add("Updated: Feb. 7, 2024 10:32 a.m. ET\nMOSCOW, Feb 7 (Reuters) -")
	tab, en := testTable(f), englishTable(f)
	f.Fuzz(func(t *testing.T, page string) {
		if d, how := en.PubDate(page); !d.IsZero() && (!d.Valid() || how == "") {
			t.Fatalf("English PubDate(%q) = %+v (%q)", page, d, how)
		}
		d, how := tab.PubDate(page)
		if !d.IsZero() && (!d.Valid() || d.Precision() != "day" || how == "") {
			t.Fatalf("PubDate(%q) = %+v (%q)", page, d, how)
		}
		if d.IsZero() && how != "" {
			t.Fatalf("PubDate(%q) = zero with how %q", page, how)
		}
		_ = URLDate(page)
	})
}

func abs(x int) int {
	if x < 0 {
		if x == -x { // math.MinInt
			return 0
		}
		return -x
	}
	return x
}
