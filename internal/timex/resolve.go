package timex

import (
	"fmt"
	"strings"

	"mitra/internal/article"
	"mitra/internal/token"
)

// Result is one date expression of a sentence and the date it fixes.
type Result struct {
	Date article.Date // zero when the expression does not fix a date here
	Span article.Span // byte range of the expression in the sentence
	Text string       // the expression as written
	// Note explains a doubtful or empty reading: "weekday mismatch: …",
	// "reporting date", "range", "no publication date", "year from context",
	// "decade" (a zero Date: "pada tahun 1990-an" names no year).
	Note string
	// Nominal is set on a year written with nothing before it but a unit
	// word ("tahun 1951"), not after a preposition of time ("pada", "sejak")
	// or a qualifier ("awal"). Such a year may name a thing rather than
	// date an act: "perjanjian pertahanan AS-Filipina tahun 1951" is the
	// 1951 treaty. Telling the two apart needs the words before it, which
	// the caller's lexicon knows.
	Nominal bool

	reporting bool // a date after "kata …," or "dilansir …,": when it was said
}

// resolver holds the state of one call.
type resolver struct {
	t        *Table
	s        string
	toks     []token.Token
	base     int // toks[k].Span - base = offset in s
	pub, ctx article.Date
	maxYear  int
	out      []Result
}

// Notes a Result may carry that callers act on.
const (
	// NoteReporting marks the date a source reported something (after
	// "dilansir", "said on"): often the publication date, not the act's.
	NoteReporting = "reporting date"
	// NoteDecade marks a decade ("tahun 1990-an"): read, but no date.
	NoteDecade = "decade"
)

// Resolve returns the date expression that dates the sentence's event, read
// against the publication date pub (zero when unknown). toks are the
// sentence's tokens from token.Tokenize or token.Sentences (their offsets may
// be relative to the sentence or to the whole text); nil means "tokenise the
// sentence". The choice among several expressions is deliberately simple:
//
//  1. expressions that are not reporting dates (a date right after "kata
//     X," or "dilansir Y," says when it was said or published) come first;
//  2. then the most precise (day, then month, then year);
//  3. then the first in the sentence.
//
// Expressions that fix no date (a weekday with no publication date) are
// chosen only when nothing else is found; the zero Result means the sentence
// has no date expression.
func (t *Table) Resolve(sentence string, toks []token.Token, pub article.Date) Result {
	return t.ResolveWith(sentence, toks, pub, article.Date{})
}

// ResolveWith is Resolve with a context date: the date of the previous
// sentence of the same paragraph (zero when none). When pub is zero the
// context date supplies the year of a date written without one ("Selasa
// (7/2)" after a sentence dated 2023-02-06 is 2023-02-07); when the sentence
// has no date expression at all, the context date is returned with the Note
// "context".
func (t *Table) ResolveWith(sentence string, toks []token.Token, pub, ctx article.Date) Result {
	r := t.newResolver(sentence, toks, pub, ctx)
	r.run()
	if len(r.out) == 0 {
		if !ctx.IsZero() {
			return Result{Date: ctx, Note: "context"}
		}
		return Result{}
	}
	return Pick(r.out)
}

// Pick returns the result Resolve chooses among rs, the expressions of one
// sentence in order (as from ResolveAll, perhaps with some left out): the
// zero Result when rs is empty.
func Pick(rs []Result) Result {
	if len(rs) == 0 {
		return Result{}
	}
	best := 0
	for k := 1; k < len(rs); k++ {
		if better(&rs[k], &rs[best]) {
			best = k
		}
	}
	return rs[best]
}

// ResolveAll returns every date expression of the sentence in order, with the
// date each fixes (zero, with a Note, when it fixes none).
func (t *Table) ResolveAll(sentence string, toks []token.Token, pub article.Date) []Result {
	r := t.newResolver(sentence, toks, pub, article.Date{})
	r.run()
	return r.out
}

var precisionRank = map[string]int{"": 0, "year": 1, "month": 2, "day": 3}

// better reports whether a should be chosen over b (b comes first).
func better(a, b *Result) bool {
	if a.Date.IsZero() != b.Date.IsZero() {
		return !a.Date.IsZero()
	}
	if a.reporting != b.reporting {
		return !a.reporting
	}
	return precisionRank[a.Date.Precision()] > precisionRank[b.Date.Precision()]
}

func (t *Table) newResolver(sentence string, toks []token.Token, pub, ctx article.Date) resolver {
	r := resolver{t: t, s: sentence, pub: pub, ctx: ctx, maxYear: 2100}
	r.toks, r.base = localize(sentence, toks)
	if !pub.IsZero() {
		r.maxYear = pub.Year + 1
	}
	return r
}

// run tries the rules at every token, collecting matches in r.out.
func (r *resolver) run() {
	for i := 0; i < len(r.toks); {
		next := r.at(i)
		if next <= i {
			next = i + 1
		}
		i = next
	}
}

// localize returns tokens for sentence and the offset to subtract from their
// spans. Tokens that do not fit the sentence are replaced by fresh ones.
func localize(s string, toks []token.Token) ([]token.Token, int) {
	fits := func(base int) bool {
		for _, k := range [2]int{0, len(toks) - 1} {
			sp := toks[k].Span
			a, b := sp.Start-base, sp.End-base
			if a < 0 || b > len(s) || a > b || s[a:b] != toks[k].Text {
				return false
			}
		}
		return true
	}
	if len(toks) > 0 {
		if fits(0) {
			return toks, 0
		}
		if k := strings.Index(s, toks[0].Text); k >= 0 && toks[0].Text != "" {
			if base := toks[0].Span.Start - k; fits(base) {
				return toks, base
			}
		}
	}
	return token.Tokenize(s, 0), 0
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// word returns the roles of token k alone (nil for numbers and punctuation).
func (r *resolver) word(k int) *word {
	if k < 0 || k >= len(r.toks) || r.toks[k].Kind != token.Word {
		return nil
	}
	return r.t.words[r.toks[k].Lower]
}

// form returns the longest form starting at token k and its length.
func (r *resolver) form(k int) (*word, int) {
	if k < 0 || k >= len(r.toks) || r.toks[k].Kind != token.Word {
		return nil, 0
	}
	return r.t.lookup(len(r.toks), func(j int) string { return r.toks[j].Lower }, k)
}

func (r *resolver) lower(k int) string {
	if k < 0 || k >= len(r.toks) {
		return ""
	}
	return r.toks[k].Lower
}

func (r *resolver) isPunct(k int, p string) bool {
	return k >= 0 && k < len(r.toks) && r.toks[k].Kind == token.Punct && r.toks[k].Lower == p
}

// emit records a match for tokens [i, j) and returns j.
func (r *resolver) emit(i, j int, d article.Date, note string) int {
	sp := article.Span{Start: r.toks[i].Span.Start - r.base, End: r.toks[j-1].Span.End - r.base}
	if sp.Start < 0 || sp.End > len(r.s) || sp.Start > sp.End {
		return j // tokens out of order: not from this sentence
	}
	if !d.IsZero() && !d.Valid() {
		d, note = article.Date{}, joinNote(note, "invalid date")
	}
	m := Result{Date: d, Span: sp, Text: r.s[sp.Start:sp.End], Note: note}
	if m.reporting = r.reportingAt(i, j); m.reporting {
		m.Note = joinNote(m.Note, NoteReporting)
	}
	r.out = append(r.out, m)
	return j
}

// at tries every rule at token i, emits the match if any, and returns the
// index after the tokens used; i when nothing starts there. An expression
// that is recognised but must not date anything (an end point such as
// "hingga 2019", a future period) uses its tokens and emits nothing.
func (r *resolver) at(i int) int {
	tk := r.toks[i]
	switch tk.Kind {
	case token.Num:
		return r.number(i)
	case token.Word:
	default:
		return i
	}
	w, n := r.form(i)
	if w == nil {
		return i
	}
	switch {
	case w.rel.unit != 0 && (n > 1 || w.weekday == 0 && w.month == 0):
		return r.relative(i, n, w.rel)
	case w.weekday > 0 && (!w.wdCap || tk.Upper):
		return r.weekday(i, int(w.weekday))
	case w.month > 0:
		return r.month(i, int(w.month))
	case w.num != 0 || w.unitN > 0:
		return r.ago(i)
	}
	return i
}

// prefix looks at the words before token i: prepositions, fillers and
// qualifiers ("pada hari", "sejak awal", "hingga tahun"), and reports the
// roles found (fAt, fSince, fEnd, fFiller, fQual) and whether a document
// number precedes ("Nomor 12 Tahun 2011").
func (r *resolver) prefix(i int) (prep role, docno bool) {
	k := i - 1
	for steps := 0; k >= 0 && steps < 3; steps++ {
		w := r.word(k)
		if w == nil || w.flags&(fAt|fSince|fEnd|fFiller|fQual) == 0 {
			break
		}
		prep |= w.flags & (fAt | fSince | fEnd | fFiller | fQual)
		if w.flags&fAt != 0 && k >= 1 && r.toks[k-1].Kind == token.Num {
			j := k - 2
			if r.isPunct(j, ".") {
				j--
			}
			if w := r.word(j); w != nil && w.flags&fDocNo != 0 {
				docno = true
			}
		}
		k--
	}
	return prep, docno
}

// unitOnly reports whether the only word of time before token i is a unit
// word ("tahun 1951"), with no preposition before it ("pada tahun", "di
// tahun").
func (r *resolver) unitOnly(i int) bool {
	w := r.word(i - 1)
	if w == nil || w.unit == 0 || w.flags&fAt == 0 {
		return false
	}
	if p, _ := r.form(i - 2); p != nil && p.flags&(fAt|fSince|fEnd|fFiller|fQual) != 0 {
		return false
	}
	return true
}

// reportingAt reports whether tokens [i, j) follow a citation or speech cue
// in the same clause and end it.
func (r *resolver) reportingAt(i, j int) bool {
	if j < len(r.toks) {
		if tk := r.toks[j]; tk.Kind != token.Punct || !strings.Contains(".,;)\"'", tk.Lower) {
			return false
		}
	}
	for k := i - 1; k >= 0 && k >= i-10; k-- {
		if r.isPunct(k, ".") || r.isPunct(k, ";") {
			return false
		}
		if w, _ := r.form(k); w != nil && w.flags&(fSource|fSay) != 0 {
			return true
		}
	}
	return false
}

// decadeSuffix returns how many tokens after the year at token i spell a
// decade suffix written onto it ("1990s": 1, "1990's": 2), or 0.
func (r *resolver) decadeSuffix(i int) int {
	k := i + 1
	if r.isPunct(k, "'") && r.toks[k].Span.Start == r.toks[i].Span.End {
		k++
	}
	if k >= len(r.toks) || r.toks[k].Span.Start != r.toks[k-1].Span.End {
		return 0
	}
	if w := r.word(k); w != nil && w.flags&fDecade != 0 {
		return k - i
	}
	return 0
}

// year reads a plausible year from a number token's text.
func (r *resolver) year(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, ok := atoi(s)
	if !ok || y < 1900 || y > r.maxYear {
		return 0, false
	}
	return y, true
}

// day reads a day of the month.
func day(s string) (int, bool) {
	if len(s) < 1 || len(s) > 2 {
		return 0, false
	}
	d, ok := atoi(s)
	return d, ok && d >= 1 && d <= 31
}

// dmy splits "24/1", "24/1/2022", "24/1/22" or "24.1.2022". y is 0 when the
// year is missing; ok is false when s is not such a date.
func dmy(s string) (d, m, y int, ok bool) {
	sep := byte('/')
	if strings.IndexByte(s, '/') < 0 {
		sep = '.'
	}
	var parts [3]string
	n := 0
	for {
		k := strings.IndexByte(s, sep)
		if n == 2 || k < 0 {
			parts[n] = s
			n++
			break
		}
		parts[n], s = s[:k], s[k+1:]
		n++
	}
	if n < 2 || (sep == '.' && n != 3) {
		return 0, 0, 0, false
	}
	d, ok1 := day(parts[0])
	m, ok2 := day(parts[1])
	if !ok1 || !ok2 || m > 12 {
		return 0, 0, 0, false
	}
	if n == 3 {
		v, ok := atoi(parts[2])
		switch {
		case !ok:
			return 0, 0, 0, false
		case len(parts[2]) == 4:
			y = v
		case len(parts[2]) == 2 && sep == '/':
			y = 2000 + v
			if v >= 70 {
				y = 1900 + v
			}
		default:
			return 0, 0, 0, false
		}
	}
	return d, m, y, true
}

// atoi parses up to 9 ASCII digits without allocating on failure.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, true
}

// parenDate reads "(24/1)", "(24/1/2022)" or "(5/12-2023)" with "(" at
// token k. It returns the index after ")".
func (r *resolver) parenDate(k int) (d, m, y, next int, ok bool) {
	if !r.isPunct(k, "(") || k+2 >= len(r.toks) || r.toks[k+1].Kind != token.Num {
		return
	}
	d, m, y, ok = dmy(r.toks[k+1].Text)
	if !ok {
		return
	}
	j := k + 2
	if y == 0 && r.isPunct(j, "-") && j+1 < len(r.toks) && r.toks[j+1].Kind == token.Num && len(r.toks[j+1].Text) == 4 {
		y, _ = atoi(r.toks[j+1].Text)
		j += 2
	}
	if !r.isPunct(j, ")") {
		return 0, 0, 0, 0, false
	}
	return d, m, y, j + 1, true
}

// textDate reads "24 Januari", "24 Januari 2022" or the range "12-14 Maret
// 2024" starting at the number token k.
func (r *resolver) textDate(k int) (d, m, y, next int, note string, ok bool) {
	d, ok = day(r.lower(k))
	if !ok || r.toks[k].Kind != token.Num {
		return 0, 0, 0, 0, "", false
	}
	j := k + 1
	if (r.isPunct(j, "-") || r.isPunct(j, "/")) && j+1 < len(r.toks) && r.toks[j+1].Kind == token.Num {
		if d2, ok2 := day(r.toks[j+1].Text); ok2 && d2 > d {
			if w := r.word(j + 2); w != nil && w.month > 0 {
				j += 2
				note = "range"
			}
		}
	}
	w := r.word(j)
	if w == nil || w.month == 0 {
		return 0, 0, 0, 0, "", false
	}
	m = int(w.month)
	j++
	if r.isPunct(j, ".") && r.toks[j].Span.Start == r.toks[j-1].Span.End && j+1 < len(r.toks) && r.toks[j+1].Kind == token.Num {
		j++ // "13 Nov. 2017"
	}
	if j < len(r.toks) && r.toks[j].Kind == token.Num {
		if yy, ok := r.year(r.toks[j].Text); ok {
			return d, m, yy, j + 1, note, true
		}
		if len(r.toks[j].Text) == 4 {
			return 0, 0, 0, 0, "", false // a year out of range
		}
	}
	return d, m, 0, j, note, true
}

// openYear completes the year y of a date that ends before token next.
// When y is 0 (not written), a future word after the date ("1 Oktober
// mendatang") makes it a date not to read against the publication year, and
// an end date with a year ("1 Oktober hingga 31 Desember 2019") lends its
// year.
func (r *resolver) openYear(next, y int) (int, bool, string) {
	if y != 0 {
		return y, false, ""
	}
	w, n := r.form(next)
	if w != nil && (w.flags&fFuture != 0 || w.rel.n > 0) {
		return 0, true, ""
	}
	if (w != nil && w.flags&fEnd != 0) || r.isPunct(next, "-") {
		if n == 0 {
			n = 1
		}
		if _, _, y2, _, _, ok := r.textDate(next + n); ok && y2 != 0 {
			return y2, false, "range"
		}
	}
	return 0, false, ""
}

// englishDate reads "March 5, 2024" or "March 5" with the month at token k.
func (r *resolver) englishDate(k int) (d, m, y, next int, ok bool) {
	w := r.word(k)
	if w == nil || w.month == 0 || !r.toks[k].Upper {
		return
	}
	j := k + 1
	if r.isPunct(j, ".") && r.toks[j].Span.Start == r.toks[k].Span.End {
		j++ // "Aug. 19"
	}
	if j >= len(r.toks) || r.toks[j].Kind != token.Num {
		return
	}
	d, ok = day(r.toks[j].Text)
	if !ok {
		return
	}
	j++
	if j < len(r.toks) && r.toks[j].Kind == token.Word && r.toks[j].Span.Start == r.toks[j-1].Span.End {
		switch r.lower(j) {
		case "st", "nd", "rd", "th":
			j++ // "March 5th"
		}
	}
	c := j
	if r.isPunct(c, ",") {
		c++
	}
	if c < len(r.toks) && r.toks[c].Kind == token.Num && len(r.toks[c].Text) == 4 {
		if yy, ok := r.year(r.toks[c].Text); ok {
			return d, int(w.month), yy, c + 1, true
		}
		return 0, 0, 0, 0, false // a year out of range
	}
	return d, int(w.month), 0, j, true
}

// number handles expressions that start with a number token.
func (r *resolver) number(i int) int {
	text := r.toks[i].Text
	prep, docno := r.prefix(i)
	if prep&fEnd != 0 {
		// An end point ("hingga 2019", "sampai 31 Desember"): skip its tokens.
		if _, _, _, next, _, ok := r.textDate(i); ok {
			return next
		}
		return i + 1
	}
	// (24/1), (22/3/2024) without a weekday.
	if r.isPunct(i-1, "(") {
		if d, m, y, next, ok := r.parenDate(i - 1); ok {
			dt, note := r.dayDate(d, m, y, 0, "")
			return r.emit(i-1, next, dt, note)
		}
	}
	// 24/1/2022 written without brackets needs its year.
	if d, m, y, ok := dmy(text); ok {
		if y == 0 {
			return i + 1
		}
		dt, note := r.dayDate(d, m, y, 0, "")
		return r.emit(i, i+1, dt, note)
	}
	// 24 Januari 2022, 12-14 Maret 2024.
	if d, m, y, next, note, ok := r.textDate(i); ok {
		y, future, n1 := r.openYear(next, y)
		if future {
			return next
		}
		dt, n2 := r.dayDate(d, m, y, 0, "")
		return r.emit(i, next, dt, joinNote(joinNote(note, n1), n2))
	}
	// 2013 after pada/tahun/sejak/awal, and 2019-2021 ranges.
	if y, ok := r.year(text); ok {
		if docno {
			return i + 1
		}
		if w := r.word(i + 2); w != nil && w.flags&fDecade != 0 && r.isPunct(i+1, "-") {
			// "pada tahun 1990-an": a decade, which no date can say.
			return r.emit(i, i+3, article.Date{}, NoteDecade)
		}
		if n := r.decadeSuffix(i); n > 0 {
			// "in the 1990s", "the 1990's".
			return r.emit(i, i+1+n, article.Date{}, "decade")
		}
		if prep&(fAt|fSince|fQual) == 0 {
			return i + 1 // a bare year is too weak: "pemilihan presiden 2016"
		}
		next, note := i+1, ""
		if r.isPunct(i+1, "-") && i+2 < len(r.toks) {
			if y2, ok := r.year(r.toks[i+2].Text); ok && y2 > y {
				next, note = i+3, "range"
			}
		}
		n := len(r.out)
		j := r.emit(i, next, article.Date{Year: y}, note)
		if len(r.out) > n {
			r.out[n].Nominal = prep == fAt && r.unitOnly(i)
		}
		return j
	}
	// 2 hari lalu, 3 tahun yang lalu.
	if n, ok := atoi(text); ok && n > 0 && n <= 100 {
		return r.agoFrom(i, i+1, n)
	}
	return i + 1
}

// ago handles "dua hari lalu", "beberapa pekan lalu", "setahun yang lalu".
func (r *resolver) ago(i int) int {
	w, n := r.form(i)
	if w.unitN > 0 {
		return r.agoFrom(i, i, int(w.unitN))
	}
	return r.agoFrom(i, i+n, int(w.num))
}

// agoFrom reads "<unit> lalu" at token u after a count n (-1 = few) that
// starts at token i. When u == i the unit word carries the count itself.
func (r *resolver) agoFrom(i, u, n int) int {
	uw, un := r.word(u), 1 // units are single words; "tahun lalu" is also a phrase
	if uw == nil || uw.unit == 0 || (u > i && uw.unitN > 0) {
		return i + 1
	}
	aw, an := r.form(u + un)
	if aw == nil || aw.flags&fAgo == 0 {
		return i + 1
	}
	next := u + un + an
	if prep, _ := r.prefix(i); prep&fEnd != 0 {
		return next
	}
	if !r.hasPub(uw.unit) {
		return r.emit(i, next, article.Date{}, "no publication date")
	}
	var d article.Date
	if n < 0 {
		d = fewAgo(r.pub, uw.unit)
	} else {
		d = period(r.pub, -n, uw.unit)
	}
	note := ""
	if d.IsZero() {
		note = "period spans two months"
	}
	return r.emit(i, next, d, note)
}

// hasPub reports whether the publication date is precise enough for a
// period of the unit.
func (r *resolver) hasPub(unit byte) bool {
	switch unit {
	case 'y':
		return r.pub.Year != 0
	case 'm':
		return r.pub.Month != 0
	}
	return r.pub.Day != 0
}

// relative handles fixed relative phrases: kemarin, hari ini, pekan lalu,
// tahun lalu, …
func (r *resolver) relative(i, n int, rl rel) int {
	next := i + n
	if prep, _ := r.prefix(i); prep&fEnd != 0 || rl.n > 0 {
		return next // "hingga hari ini"; future periods never date an event
	}
	if !r.hasPub(rl.unit) {
		return r.emit(i, next, article.Date{}, "no publication date")
	}
	d := period(r.pub, rl.n, rl.unit)
	note := ""
	if d.IsZero() {
		note = "period spans two months"
	}
	return r.emit(i, next, d, note)
}

// weekday handles expressions that start with a weekday name.
func (r *resolver) weekday(i, wd int) int {
	j := i + 1
	for j < len(r.toks) {
		if r.isPunct(j, ",") {
			j++
			continue
		}
		if w, n := r.form(j); w != nil && w.flags&fPart != 0 && w.rel.unit == 0 {
			j += n
			continue
		}
		break
	}
	prep, _ := r.prefix(i)
	end := prep&fEnd != 0
	written := r.toks[i].Text
	// Senin (24/1), Rabu (22/3/2024)
	if d, m, y, next, ok := r.parenDate(j); ok {
		if end {
			return next
		}
		dt, note := r.dayDate(d, m, y, wd, written)
		return r.emit(i, next, dt, note)
	}
	if j < len(r.toks) && r.toks[j].Kind == token.Num {
		// Senin, 13 November 2017
		if d, m, y, next, note, ok := r.textDate(j); ok {
			y, future, n1 := r.openYear(next, y)
			if end || future {
				return next
			}
			note = joinNote(note, n1)
			dt, n2 := r.dayDate(d, m, y, wd, written)
			return r.emit(i, next, dt, joinNote(note, n2))
		}
		// Senin, 13/11/2017
		if d, m, y, ok := dmy(r.toks[j].Text); ok && y != 0 {
			if end {
				return j + 1
			}
			dt, note := r.dayDate(d, m, y, wd, written)
			return r.emit(i, j+1, dt, note)
		}
	}
	// Tuesday, March 5, 2024
	if d, m, y, next, ok := r.englishDate(j); ok {
		y, future, note := r.openYear(next, y)
		if end || future {
			return next
		}
		dt, n2 := r.dayDate(d, m, y, wd, written)
		note = joinNote(note, n2)
		return r.emit(i, next, dt, note)
	}
	// Senin lalu, Senin pekan lalu, Sabtu depan.
	last := j // tokens used: the weekday and its parts of the day
	for last > i+1 && r.isPunct(last-1, ",") {
		last--
	}
	w, n := r.form(j)
	switch {
	case w != nil && w.rel.unit == 'w' && n > 0 && !r.isPunct(j-1, ","):
		next := j + n
		if end || w.rel.n > 0 {
			return next
		}
		if r.pub.Day == 0 {
			return r.emit(i, next, article.Date{}, "no publication date")
		}
		return r.emit(i, next, addDays(monday(r.pub), 7*w.rel.n+wd-1), "")
	case w != nil && !r.isPunct(j-1, ",") && (w.flags&fAgo != 0 || w.rel == rel{-1, 'd'}):
		next := j + n
		if end {
			return next
		}
		if r.pub.Day == 0 {
			return r.emit(i, next, article.Date{}, "no publication date")
		}
		back := (isoWeekday(r.pub) - wd + 7) % 7
		if back == 0 {
			back = 7
		}
		return r.emit(i, next, addDays(r.pub, -back), "")
	case w != nil && !r.isPunct(j-1, ",") && (w.flags&fFuture != 0 || w.rel.n > 0):
		return j + n
	}
	if end {
		return last
	}
	if r.pub.Day == 0 {
		return r.emit(i, last, article.Date{}, "no publication date")
	}
	back := (isoWeekday(r.pub) - wd + 7) % 7
	return r.emit(i, last, addDays(r.pub, -back), "")
}

// month handles expressions that start with a month name.
func (r *resolver) month(i, m int) int {
	prep, _ := r.prefix(i)
	end := prep&fEnd != 0
	upper := r.toks[i].Upper
	j := i + 1
	// Maret-April 2024: the first month of the range.
	if r.isPunct(j, "-") {
		if w := r.word(j + 1); w != nil && w.month > 0 && j+2 < len(r.toks) && r.toks[j+2].Kind == token.Num {
			if y, ok := r.year(r.toks[j+2].Text); ok {
				if end {
					return j + 3
				}
				return r.emit(i, j+3, article.Date{Year: y, Month: m}, "range")
			}
		}
	}
	// March 5, 2024; Aug. 19, 2023
	if d, mm, y, next, ok := r.englishDate(i); ok {
		if end {
			return next
		}
		y2, future, note := r.openYear(next, y)
		if future {
			return next
		}
		dt, n2 := r.dayDate(d, mm, y2, 0, "")
		return r.emit(i, next, dt, joinNote(note, n2))
	}
	if j < len(r.toks) && r.toks[j].Kind == token.Num {
		// Agustus 2021
		if y, ok := r.year(r.toks[j].Text); ok {
			if end {
				return j + 1
			}
			return r.emit(i, j+1, article.Date{Year: y, Month: m}, "")
		}
		return i + 1
	}
	if !upper {
		return i + 1
	}
	w, n := r.form(j)
	switch {
	case w != nil && w.rel.unit == 'y' && n > 0:
		// November tahun lalu, Februari tahun ini
		next := j + n
		if end || w.rel.n > 0 {
			return next
		}
		if r.pub.Year == 0 {
			return r.emit(i, next, article.Date{}, "no publication date")
		}
		return r.emit(i, next, article.Date{Year: r.pub.Year + w.rel.n, Month: m}, "")
	case w != nil && (w.flags&fFuture != 0 || w.rel.n > 0):
		return j + n // Oktober mendatang
	case w != nil && w.flags&fAgo != 0:
		// Agustus lalu
		next := j + n
		if end {
			return next
		}
		return r.bareMonth(i, next, m)
	}
	if prep&(fAt|fSince|fFiller|fQual) != 0 {
		if end {
			return j
		}
		return r.bareMonth(i, j, m)
	}
	return i + 1
}

// bareMonth dates a month named without a year: the publication year, or
// the year before when that month is still to come.
func (r *resolver) bareMonth(i, next, m int) int {
	switch {
	case r.pub.Month != 0:
		y := r.pub.Year
		if m > r.pub.Month {
			y--
		}
		return r.emit(i, next, article.Date{Year: y, Month: m}, "")
	case r.pub.IsZero() && !r.ctx.IsZero():
		return r.emit(i, next, article.Date{Year: r.ctx.Year, Month: m}, "year from context")
	}
	return r.emit(i, next, article.Date{}, "no publication date")
}

// dayDate completes a day and month with a year: the one written, else the
// publication year (the year before when that puts the date more than two
// days after publication), else the context date's. A weekday (1..7, 0 for
// none) that disagrees with the date moves a year that was not written to
// the neighbouring year that agrees, or is reported in the Note.
func (r *resolver) dayDate(d, m, y, wd int, written string) (article.Date, string) {
	if y != 0 {
		if y < 1900 || y > r.maxYear {
			return article.Date{}, fmt.Sprintf("year %d out of range", y)
		}
		dt := ymd(y, m, d)
		if dt.IsZero() {
			return dt, "invalid date"
		}
		return dt, r.checkWeekday(dt, wd, written)
	}
	var anchor article.Date
	note := ""
	switch {
	case r.pub.Day != 0:
		anchor = r.pub
	case !r.ctx.IsZero():
		anchor, note = r.ctx, "year from context"
		if anchor.Month == 0 {
			dt := ymd(anchor.Year, m, d)
			return dt, joinNote(note, r.checkWeekday(dt, wd, written))
		}
		if anchor.Day == 0 {
			anchor.Day = 15
		}
	default:
		return article.Date{}, "no year: publication date unknown"
	}
	var dt article.Date
	if r.pub.Day != 0 {
		y0 := anchor.Year
		dt = ymd(y0, m, d)
		if dt.IsZero() || daysBetween(anchor, dt) > 2 {
			dt = ymd(y0-1, m, d)
		}
	} else {
		// Nearest to the context date.
		bestGap := 0
		for yy := anchor.Year - 1; yy <= anchor.Year+1; yy++ {
			c := ymd(yy, m, d)
			if c.IsZero() {
				continue
			}
			gap := daysBetween(anchor, c)
			if gap < 0 {
				gap = -gap
			}
			if dt.IsZero() || gap < bestGap {
				dt, bestGap = c, gap
			}
		}
	}
	if dt.IsZero() {
		return dt, "invalid date"
	}
	if wd == 0 || isoWeekday(dt) == wd {
		return dt, note
	}
	// The weekday disagrees: try the neighbouring years that stay near the
	// anchor (up to 400 days before it, 60 after).
	for _, dy := range [2]int{-1, 1} {
		c := ymd(dt.Year+dy, m, d)
		if c.IsZero() || isoWeekday(c) != wd {
			continue
		}
		if gap := daysBetween(anchor, c); gap < -400 || gap > 60 || c.Year > r.maxYear {
			continue
		}
		return c, note
	}
	return dt, joinNote(note, r.checkWeekday(dt, wd, written))
}

// checkWeekday returns a Note when the written weekday disagrees with dt.
func (r *resolver) checkWeekday(dt article.Date, wd int, written string) string {
	if wd == 0 || dt.IsZero() || isoWeekday(dt) == wd {
		return ""
	}
	return fmt.Sprintf("weekday mismatch: %s but %s is %s", written, dt, weekdayNames[isoWeekday(dt)])
}
