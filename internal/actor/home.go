package actor

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"mitra/internal/token"
)

// Homes is the table of what tells a news page's own state: the outlets a
// page may name (a host, a country-code domain, a name printed in a
// dateline or a credit) and the towns a dateline may open with (the
// shared data file home.tsv). It is immutable once loaded and safe for
// concurrent use.
type Homes struct {
	outlets map[string]string // normalised host or name → code; ".my" for a domain
	towns   map[string]string // lower-case words joined by spaces → code
	townLen int               // the longest town in words
}

// Home table kinds (home.tsv's first column).
const (
	homeOutlet = "outlet"
	homeTown   = "town"
)

// LoadHomes reads a home table. Errors name the file and line; all errors
// found are joined.
func LoadHomes(src Source) (*Homes, error) {
	f, err := src.FS.Open(src.Name)
	if err != nil {
		return nil, fmt.Errorf("load home table: %w", err)
	}
	defer f.Close()
	h := &Homes{outlets: map[string]string{}, towns: map[string]string{}}
	var errs []error
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		errorf := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s:%d: %s", src.Name, n, fmt.Sprintf(format, args...)))
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 3 {
			errorf("want kind<TAB>form<TAB>code, got %d fields", len(fs))
			continue
		}
		kind, form, code := strings.TrimSpace(fs[0]), strings.TrimSpace(fs[1]), strings.TrimSpace(fs[2])
		if !validCode(code) {
			errorf("bad code %q", code)
			continue
		}
		var m map[string]string
		var key string
		switch kind {
		case homeOutlet:
			m, key = h.outlets, outletKey(form)
		case homeTown:
			var words []string
			for _, t := range token.Tokenize(form, 0) {
				words = append(words, t.Lower)
			}
			m, key = h.towns, strings.Join(words, " ")
			h.townLen = max(h.townLen, len(words))
		default:
			errorf("unknown kind %q (want outlet or town)", kind)
			continue
		}
		if key == "" || key == "." {
			errorf("empty form")
			continue
		}
		if old, ok := m[key]; ok {
			errorf("form %q listed twice (%s, %s)", form, old, code)
			continue
		}
		m[key] = code
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load home table %s: %w", src.Name, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return h, nil
}

// outletKey normalises an outlet's host or name: lower case, no spaces, no
// "www." before a host.
func outletKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return strings.TrimPrefix(b.String(), "www.")
}

// Outlet returns the state of the outlet with host or name s ("" when the
// table does not know it): a name as listed, a host or any host under it
// ("m.antaranews.com"), or a host under a listed country-code domain.
func (h *Homes) Outlet(s string) string {
	if h == nil {
		return ""
	}
	k := outletKey(s)
	if k == "" {
		return ""
	}
	if c, ok := h.outlets[k]; ok {
		return c
	}
	for i := strings.IndexByte(k, '.'); i >= 0; i = strings.IndexByte(k, '.') {
		if c, ok := h.outlets[k[i:]]; ok && i > 0 {
			return c // a country-code domain
		}
		k = k[i+1:]
		if c, ok := h.outlets[k]; ok && strings.Contains(k, ".") {
			return c // a host under a listed one
		}
	}
	return ""
}

// town returns the state of the town at toks[i] and its end, or "" and -1.
func (h *Homes) town(toks []token.Token, i int) (string, int) {
	if h == nil {
		return "", -1
	}
	for n := min(h.townLen, len(toks)-i); n >= 1; n-- {
		words := make([]string, n)
		ok := true
		for k := range n {
			t := toks[i+k]
			ok = ok && t.Kind == token.Word && t.Upper
			words[k] = t.Lower
		}
		if !ok {
			continue
		}
		if c, found := h.towns[strings.Join(words, " ")]; found {
			return c, i + n
		}
	}
	return "", -1
}

// Dateline is the opening of a news text that says where it was filed, and
// often by which outlet: "KUALA LUMPUR, 5 Mei —", "Jakarta (ANTARA) -",
// "TEMPO.CO, Jakarta -", "PUTRAJAYA:".
type Dateline struct {
	Place      string // the place as written
	PlaceCode  string // its state; "" for a place in capitals the tables do not know ("ALGIERS, 3 Jun —")
	Outlet     string // the outlet as written, or ""
	OutletCode string // its state, or "" when unknown
}

// datelineBytes is how far into a line a dateline's first dash, colon or
// bracket may stand; datelineTail how much of the line after it is read.
// datelineSpaces is how many spaces may stand before that mark ("BANDAR SERI
// BEGAWAN, 7 FEB –" has five).
const (
	datelineBytes  = 120
	datelineTail   = 48
	datelineSpaces = 7
)

// Dateline reads a dateline at the start of a line of clean text (a
// paragraph): a place — a town of the home table, a capital of g, or a
// name in capitals — after an optional outlet name ("TEMPO.CO,"), then a
// dash or colon, an agency in brackets and a dash, or a comma and a date
// or an outlet before a dash. A capital joined by a dash to another party
// ("Jakarta - Seoul …") opens no dateline.
func (h *Homes) Dateline(g *Gazetteer, line string) (Dateline, bool) {
	// Most lines open no dateline: one needs a capital first and a dash,
	// colon or bracket early on, and no more than a few words after it.
	if r, _ := utf8.DecodeRuneInString(line); !unicode.IsUpper(r) {
		return Dateline{}, false
	}
	mark, spaces := -1, 0
	for i := 0; i < len(line) && i < datelineBytes && spaces <= datelineSpaces; i++ {
		// '-', ':', '(' or the first byte of "–" and "—" (U+2013, U+2014)
		if c := line[i]; c == '-' || c == ':' || c == '(' || c == 0xE2 {
			mark = i
			break
		} else if c == ' ' {
			spaces++
		}
	}
	if mark < 0 {
		return Dateline{}, false
	}
	if cut := mark + datelineTail; cut < len(line) {
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut]
	}
	toks := token.Tokenize(line, 0)
	if len(toks) < 2 {
		return Dateline{}, false
	}
	if d, ok := h.datelineAt(g, toks, 0); ok {
		return d, true
	}
	// "TEMPO.CO, Jakarta -", "KONTAN.CO.ID - JAKARTA.": an outlet first.
	for j := 1; j < len(toks) && j <= 6; j++ {
		t := toks[j]
		if t.Text != "," && !isDash(t.Text) {
			continue
		}
		if !siteName(append(toks[:j:j], token.Token{Text: ","})) {
			break
		}
		d, ok := h.datelineAt(g, toks, j+1)
		if !ok {
			break
		}
		d.Outlet = joinTokens(toks[:j])
		d.OutletCode = h.Outlet(d.Outlet)
		return d, true
	}
	return Dateline{}, false
}

// datelineAt reads a place and what follows it at toks[i].
func (h *Homes) datelineAt(g *Gazetteer, toks []token.Token, i int) (Dateline, bool) {
	if i >= len(toks) || toks[i].Kind != token.Word || !toks[i].Upper {
		return Dateline{}, false
	}
	code, end := h.town(toks, i)
	if end < 0 && g != nil {
		if e, ei := g.longest(toks, i); ei >= 0 && g.entries[ei].kind == KindCapital {
			code, end = g.entries[ei].code, e
		}
	}
	known := end > 0
	if !known {
		// A place the tables do not know, in capitals ("ALGIERS, 3 Jun —").
		end = i
		for end < len(toks) && end-i < 3 && toks[end].Kind == token.Word && allUpper(toks[end].Text) && utf8.RuneCountInString(toks[end].Text) >= 3 {
			end++
		}
		if end == i {
			return Dateline{}, false
		}
	}
	if end >= len(toks) {
		return Dateline{}, false
	}
	d := Dateline{Place: joinTokens(toks[i:end]), PlaceCode: code}
	next := toks[end].Text
	switch {
	case (isDash(next) || next == ":") && known:
		if end+1 < len(toks) && g != nil && isDash(next) {
			if _, ei := g.longest(toks, end+1); ei >= 0 && (g.entries[ei].kind == KindCapital || g.entries[ei].kind == KindState) {
				return Dateline{}, false // "Jakarta - Seoul", a pair
			}
		}
		return d, true
	case next == "." && known && i > 0:
		return d, true // "KONTAN.CO.ID - JAKARTA."
	case next == "(":
		for k := end + 1; k < len(toks) && k <= end+5; k++ {
			if toks[k].Text != ")" {
				continue
			}
			if k == end+1 || k+1 >= len(toks) || !isDash(toks[k+1].Text) && toks[k+1].Text != ":" {
				return Dateline{}, false
			}
			d.Outlet = joinTokens(toks[end+1 : k])
			d.OutletCode = h.Outlet(d.Outlet)
			return d, true
		}
	case next == ",":
		for k := end + 1; k < len(toks) && k <= end+8; k++ {
			if !isDash(toks[k].Text) {
				continue
			}
			between := toks[end+1 : k]
			if len(between) == 0 {
				return Dateline{}, false
			}
			if name := joinTokens(between); h.Outlet(name) != "" {
				d.Outlet, d.OutletCode = name, h.Outlet(name)
				return d, true
			}
			num, named := false, true
			for _, t := range between {
				num = num || t.Kind == token.Num
				named = named && (t.Upper || t.Text == "." || t.Kind == token.Num)
			}
			switch {
			case num:
				return d, true // "KUALA LUMPUR, 5 Mei —"
			case named && known:
				d.Outlet = joinTokens(between) // "Jakarta, Gempita.co –": an outlet the table does not know
				return d, true
			}
			return Dateline{}, false
		}
	}
	return Dateline{}, false
}

// Credit returns the outlet a line closes with as its source ("… Hamas. –
// Bernama", "-Bernama") and its state, or "" when the line names no outlet
// the table knows.
func (h *Homes) Credit(line string) (name, code string) {
	if h == nil {
		return "", ""
	}
	line = strings.TrimRight(line, " \t.)")
	start := max(0, len(line)-40)
	for start < len(line) && !utf8.RuneStart(line[start]) {
		start++
	}
	tail := line[start:]
	at, width := -1, 0
	for _, d := range []string{"-", "–", "—"} {
		if k := strings.LastIndex(tail, d); k > at {
			at, width = k, len(d)
		}
	}
	if at < 0 {
		return "", ""
	}
	at += start
	if before := strings.TrimSpace(line[:at]); before != "" {
		// The credit follows a sentence's end, or stands alone.
		if r, _ := utf8.DecodeLastRuneInString(before); !strings.ContainsRune(".)\"”'’", r) {
			return "", ""
		}
	}
	cut := at + width
	name = strings.TrimSpace(strings.TrimLeft(line[cut:], "-–— "))
	if name == "" || len(strings.Fields(name)) > 4 || strings.ContainsAny(name, ",:;") {
		return "", ""
	}
	return name, h.Outlet(name)
}

// joinTokens writes tokens as they stood, with a space where they were
// apart.
func joinTokens(toks []token.Token) string {
	var b strings.Builder
	for k, t := range toks {
		if k > 0 && t.Span.Start > toks[k-1].Span.End {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
