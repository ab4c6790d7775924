package timex

import (
	"strings"

	"mitra/internal/article"
)

const (
	// headLimit is how far into a page any full date is a candidate for the
	// publication date. Scraped pages put menus, titles and captions first, so
	// this is wider than the ~1500 bytes a reader sees as "the top".
	headLimit = 3000
	// scanLimit bounds the scan for date lines and URL dates further down.
	scanLimit = 64 << 10
	// maxCands bounds the work on pages that are long tables of dates.
	maxCands = 256
)

// form is the written shape of a full date.
type form uint8

const (
	formSlash form = iota // 24/3/2015, 5/12-2023
	formText              // 24 Maret 2015, March 24, 2015
	formISO               // 2015-03-24
	formURL               // …/20150324/… inside a URL
)

// cand is one full date found on the page, with how strongly it looks like
// the publication date.
type cand struct {
	d     article.Date
	score int
	how   string
}

// PubDate finds the publication date printed on a page. It looks for full
// dates (day, month and year) and scores each by where it sits:
//
//   - "date-line": on a short line of its own, or followed by a clock time
//     ("Selasa, 25 Januari 2022, 13:04 WIB", "Kompas.com - 13/09/2019, 13:45
//     WIB"), or after a label such as "Diterbitkan";
//   - "dateline-cue": after a citation or speech cue in its sentence
//     ("seperti dilansir …, Selasa (24/3/2015)", "hari ini, Senin, …");
//   - "dateline-paren": a weekday with a bracketed date ("Sabtu (22/7/2017)");
//   - "weekday-date": a weekday with a written date ("per Selasa, 9 Januari 2024");
//   - "url-date": a date in a URL printed on the page;
//   - "full-date": any other full date.
//
// Dates after "pada", "sejak" or "hingga" and dates in future phrases count
// for less; a date seen several times counts for more; later dates count for
// a little less. Any full date in the first few kilobytes is a candidate;
// further down (up to 64 KiB) only date lines and URLs are. PubDate returns
// the zero Date and "" when the page prints no full date.
func (t *Table) PubDate(text string) (d article.Date, how string) {
	n := len(text)
	if n > scanLimit {
		n = scanLimit
	}
	var store [24]cand
	cs := store[:0]
	for i := 0; i < n && len(cs) < maxCands; i++ {
		if !isDigit(text[i]) {
			continue
		}
		if alnumBefore(text, i) {
			for i+1 < n && isDigit(text[i+1]) {
				i++
			}
			continue
		}
		d, start, end, f := t.dateAt(text, i)
		if d.IsZero() {
			for i+1 < n && isDigit(text[i+1]) {
				i++
			}
			continue
		}
		score, how := t.judge(text, start, end, f)
		if start >= headLimit && how != "date-line" && how != "url-date" {
			i = end - 1
			continue
		}
		pen := start / 200
		if pen > 15 {
			pen = 15
		}
		cs = append(cs, cand{d: d, score: score - pen, how: how})
		i = end - 1
	}
	best, bestScore := -1, 0
	for k, c := range cs {
		count := 0
		for _, o := range cs {
			if o.d == c.d {
				count++
			}
		}
		bonus := 4 * (count - 1)
		if bonus > 12 {
			bonus = 12
		}
		if s := c.score + bonus; best < 0 || s > bestScore {
			best, bestScore = k, s
		}
	}
	if best < 0 {
		return article.Date{}, ""
	}
	return cs[best].d, cs[best].how
}

// dateAt parses a full date whose first digit is s[i]. It returns the zero
// Date when none starts there.
func (t *Table) dateAt(s string, i int) (d article.Date, start, end int, f form) {
	v1, j1 := readNum(s, i)
	nd1 := j1 - i
	if j1 >= len(s) {
		return
	}
	c := s[j1]
	switch {
	case nd1 <= 2 && (c == '/' || c == '-' || c == '.'):
		// 24/3/2015, 24-03-2015, 24.03.2015, 5/12-2023, 24/3/15
		v2, j2 := readNum(s, j1+1)
		if j2-j1-1 < 1 || j2-j1-1 > 2 || j2 >= len(s) {
			return
		}
		if c2 := s[j2]; c2 != c && (c != '/' || c2 != '-') {
			return
		}
		v3, j3 := readNum(s, j2+1)
		y := v3
		switch {
		case j3-j2-1 == 4 && digitsEnd(s, j3):
		case j3-j2-1 == 2 && c == '/' && digitsEnd(s, j3) && (j3 >= len(s) || s[j3] != '/'):
			y = 2000 + v3
			if v3 >= 70 {
				y = 1900 + v3
			}
		default:
			return
		}
		if x := plausible(ymd(y, v2, v1)); !x.IsZero() {
			return x, i, j3, formSlash
		}
	case nd1 == 4 && (c == '-' || c == '/'):
		// 2015-03-24, and /2015/03/24/ in URLs
		v2, j2 := readNum(s, j1+1)
		if j2-j1-1 < 1 || j2-j1-1 > 2 || j2 >= len(s) || s[j2] != c {
			return
		}
		v3, j3 := readNum(s, j2+1)
		if j3-j2-1 < 1 || j3-j2-1 > 2 || !digitsEnd(s, j3) {
			return
		}
		f = formISO
		if inURL(s, i) {
			f = formURL
		}
		if x := plausible(ymd(v1, v2, v3)); !x.IsZero() {
			return x, i, j3, f
		}
	case nd1 == 8 && inURL(s, i):
		if x := plausible(ymd(v1/10000, v1/100%100, v1%100)); !x.IsZero() {
			return x, i, j1, formURL
		}
	case nd1 <= 2:
		var buf [48]byte
		// 24 Maret 2015, 13 Nov. 2017
		if k := skipSpace(s, j1); k > j1 && k < len(s) {
			if e := wordAt(s, k); e > k {
				if m := t.monthAt(buf[:], s, k, e); m > 0 {
					e2 := e
					if e2 < len(s) && (s[e2] == '.' || s[e2] == ',') {
						e2++
					}
					if y, ye, ok := yearAt(s, skipSpace(s, e2)); ok {
						if x := plausible(ymd(y, m, v1)); !x.IsZero() {
							return x, i, ye, formText
						}
					}
				}
			}
		}
		// March 24, 2015
		if k := skipSpaceBack(s, i); k < i && k > 0 {
			if s[k-1] == '.' {
				k-- // "Aug. 19, 2023"
			}
			b := k
			for b > 0 {
				if ok, _ := letterAt(s, b-1); !ok || s[b-1] >= 0x80 {
					break
				}
				b--
			}
			if b < k {
				if m := t.monthAt(buf[:], s, b, k); m > 0 {
					e := j1
					if e+2 <= len(s) {
						switch s[e : e+2] {
						case "st", "nd", "rd", "th":
							e += 2
						}
					}
					if e < len(s) && s[e] == ',' {
						e++
					}
					if y, ye, ok := yearAt(s, skipSpace(s, e)); ok {
						if x := plausible(ymd(y, m, v1)); !x.IsZero() {
							return x, b, ye, formText
						}
					}
				}
			}
		}
	}
	return
}

// yearAt reads a four-digit year at s[i].
func yearAt(s string, i int) (int, int, bool) {
	if i >= len(s) || !isDigit(s[i]) {
		return 0, i, false
	}
	v, j := readNum(s, i)
	if j-i != 4 || !digitsEnd(s, j) {
		return 0, i, false
	}
	if j < len(s) {
		if ok, _ := letterAt(s, j); ok {
			return 0, i, false
		}
	}
	return v, j, true
}

// skipSpace skips spaces, tabs and no-break spaces from s[i].
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t':
			i++
		case strings.HasPrefix(s[i:], "\u00a0"):
			i += 2
		default:
			return i
		}
	}
	return i
}

// skipSpaceBack returns the start of the run of spaces that ends at s[i].
func skipSpaceBack(s string, i int) int {
	for i > 0 {
		switch {
		case s[i-1] == ' ' || s[i-1] == '\t':
			i--
		case i >= 2 && s[i-2:i] == "\u00a0":
			i -= 2
		default:
			return i
		}
	}
	return i
}

// judge scores how much the full date at s[start:end] looks like the page's
// publication date.
func (t *Table) judge(s string, start, end int, f form) (int, string) {
	lineStart := strings.LastIndexByte(s[:start], '\n') + 1
	lineEnd := len(s)
	if k := strings.IndexByte(s[end:], '\n'); k >= 0 {
		lineEnd = end + k
	}
	// Words of the sentence before the date, lower-cased.
	from := start - 200
	if from < lineStart {
		from = lineStart
	}
	win := s[from:start]
	if k := lastSentenceEnd(win); k >= 0 {
		win = win[k:]
	}
	var lb [256]byte
	low := string(lowerInto(lb[:0], win))
	var wstore [40]string
	ws := wstore[:0]
	for i := 0; i < len(low); {
		if ok, _ := letterAt(low, i); !ok {
			i++
			continue
		}
		e := wordAt(low, i)
		if len(ws) == cap(ws) {
			copy(ws, ws[1:])
			ws = ws[:len(ws)-1]
		}
		ws = append(ws, low[i:e])
		i = e
	}
	at := func(k int) string { return ws[k] }

	// Cues: labels and future words anywhere in the sentence before the
	// date; citation and speech cues only within ten words of it.
	var cues role
	today := -1
	for k := 0; k < len(ws); {
		w, n := t.lookup(len(ws), at, k)
		if w == nil {
			k++
			continue
		}
		f := w.flags
		if len(ws)-(k+n) > 10 {
			f &^= fSource | fSay
		}
		cues |= f
		if w.rel.unit == 'd' && w.rel.n == 0 {
			today = k + n
		}
		k += n
	}

	// Step back from the date over parts of the day, a weekday, fillers and
	// one preposition.
	k := len(ws) - 1
	partOrFiller := func(x string) bool {
		if w := t.words[x]; w != nil && w.flags&(fPart|fFiller) != 0 {
			return true
		}
		return t.inPhrase[x]&fPart != 0
	}
	for k >= 0 && partOrFiller(ws[k]) {
		k--
	}
	weekday := false
	if k >= 0 {
		if w := t.words[ws[k]]; w != nil && w.weekday > 0 {
			weekday = true
			k--
		}
	}
	for k >= 0 && partOrFiller(ws[k]) {
		k--
	}
	var prep role
	if k >= 0 {
		if w := t.words[ws[k]]; w != nil {
			prep = w.flags & (fAt | fSince | fEnd)
		}
	}
	nearToday := today >= 0 && len(ws)-today <= 4

	paren := false
	if b := skipSpaceBack(s, start); b > 0 && s[b-1] == '(' {
		paren = true
	}

	// A clock time right after the date: "13:04 WIB", "| 18:20".
	e := end
skip:
	for e < len(s) && e-end < 10 {
		switch {
		case s[e] == ' ' || s[e] == ',' || s[e] == '|' || s[e] == '-' || s[e] == '@' || s[e] == 'T':
			e++
		case strings.HasPrefix(s[e:], "–"), strings.HasPrefix(s[e:], "•"):
			e += 3
		case strings.HasPrefix(s[e:], "\u00a0"):
			e += 2
		default:
			break skip
		}
	}
	clock := false
	if h, he := readNum(s, e); he-e >= 1 && he-e <= 2 && h < 24 && he < len(s) && (s[he] == ':' || s[he] == '.') {
		if _, me := readNum(s, he+1); me-he-1 == 2 && digitsEnd(s, me) {
			clock = true
		}
	}
	lineLen := lineEnd - lineStart
	rest := lineLen - (end - start)
	shortLine := rest <= 45 && prep == 0 && f != formURL && !hasDigit(s[lineStart:start]) && !hasDigit(s[end:lineEnd])

	var score int
	var how string
	switch {
	case cues&fPublished != 0 && rest <= 60:
		score, how = 120, "date-line"
	case (clock && lineLen <= 120) || shortLine:
		score, how = 100, "date-line"
	case cues&fUpdated != 0 && rest <= 60:
		score, how = 60, "date-line"
	case cues&fSource != 0 || nearToday:
		score, how = 70, "dateline-cue"
	case cues&fSay != 0:
		score, how = 55, "dateline-cue"
	case weekday && paren:
		score, how = 40, "dateline-paren"
	case weekday:
		score, how = 35, "weekday-date"
	case f == formURL:
		score, how = 25, "url-date"
	case paren:
		score, how = 20, "full-date"
	default:
		score, how = 15, "full-date"
	}
	if how != "date-line" {
		switch {
		case prep&(fSince|fEnd) != 0:
			score -= 25
		case prep&fAt != 0:
			score -= 5
		}
		if cues&fFuture != 0 {
			score -= 25
		}
	}
	return score, how
}

// lastSentenceEnd returns the offset just after the last ". ", "! " or "? "
// in s, or -1.
func lastSentenceEnd(s string) int {
	for i := len(s) - 2; i >= 0; i-- {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			return i + 2
		}
	}
	return -1
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}
