package actor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mitra/internal/article"
	"mitra/internal/token"
)

// Find returns the mentions in a sentence's tokens, longest match first,
// non-overlapping, left to right. Persons resolve to the code of the term
// that covers date (see the package documentation). Find is safe for
// concurrent use and does not allocate unless it finds something.
func (g *Gazetteer) Find(toks []token.Token, date article.Date) []Mention {
	return g.AppendFind(nil, toks, date)
}

// AppendFind is Find appending to dst, so that a caller can reuse one slice
// across sentences.
func (g *Gazetteer) AppendFind(dst []Mention, toks []token.Token, date article.Date) []Mention {
	out := dst
	prevEnd, prevPlace := -1, false
	day, zero := int32(0), date.IsZero()
	if !zero {
		day = dateDay(date)
	}
	for i := 0; i < len(toks); {
		end, ei := g.longest(toks, i)
		if ei < 0 {
			i++
			continue
		}
		e := &g.entries[ei]
		if e.code == "-" {
			i = end
			continue
		}
		if (e.kind == KindState || e.kind == KindNick || e.kind == KindDemonym) && i > 0 && g.words.Language(toks[i-1].Lower) {
			i = end
			continue
		}
		if e.flags&flagGeneric != 0 && end < len(toks) {
			if _, next := g.longest(toks, end); next >= 0 {
				k := g.entries[next].kind
				if k == KindState || k == KindNick {
					i = end // the named state speaks for itself
					continue
				}
			}
		}
		m := Mention{
			Code: e.code, Kind: e.kind, Tok0: i, Tok1: end,
			Span: article.Span{Start: toks[i].Span.Start, End: toks[end-1].Span.End},
			Weak: e.flags&flagWeak != 0, Home: e.flags&flagHome != 0, Generic: e.flags&flagGeneric != 0,
		}
		if e.kind == KindPerson {
			t, former := resolve(e.terms, day, zero)
			m.Code, m.Role, m.Former = t.code, t.role, former
		}
		if e.kind == KindCapital || e.kind == KindTerritory || e.flags&flagVenue != 0 {
			m.Place = g.isPlace(toks, i, end, prevPlace && prevEnd == i-1) ||
				g.inAddress(toks, i, end, e.code, prevEnd)
		}
		m.Span.End -= g.words.Possessive(toks[end-1].Text)
		m.Text = spanText(toks[i:end], m.Span.End)
		if out == nil {
			out = make([]Mention, 0, len(toks)/4+2)
		}
		out = append(out, m)
		prevEnd, prevPlace = end, m.Place
		i = end
	}
	return out
}

// longest returns the end and entry index of the longest form that starts at
// toks[i], or -1.
func (g *Gazetteer) longest(toks []token.Token, i int) (end int, ent int32) {
	ent = -1
	if toks[i].Kind != token.Word {
		return i, -1
	}
	var scratch [96]byte
	n := int32(0)
	for j := i; j < len(toks); j++ {
		next := g.nodes[n].next
		if next == nil {
			break
		}
		key, folded := keyOf(toks[j].Lower, scratch[:])
		var c int32
		var ok bool
		if folded != nil {
			c, ok = next[string(folded)]
		} else {
			c, ok = next[key]
		}
		if !ok {
			break
		}
		n = c
		if ents := g.nodes[n].ents; len(ents) > 0 {
			if e := g.pick(ents, toks[i:j+1]); e >= 0 {
				end, ent = j+1, e
			}
		}
	}
	return end, ent
}

// pick chooses among the entries of one node: a case form whose capitalisation
// matches, else the case-insensitive form, else none.
func (g *Gazetteer) pick(ents []int32, toks []token.Token) int32 {
	for _, ei := range ents {
		e := &g.entries[ei]
		if e.exact == nil {
			return ei
		}
		if g.exactMatch(e.exact, toks) {
			return ei
		}
	}
	return -1
}

// exactMatch compares token texts with a case form: equal, or written in all
// capitals when the form has four letters or more ("CHILI" for "Chili", but
// not "XI" for "Xi").
func (g *Gazetteer) exactMatch(want []string, toks []token.Token) bool {
	if len(want) != len(toks) {
		return false
	}
	equal := true
	for k, w := range want {
		if g.trimPossessive(toks[k].Text) != w {
			equal = false
			break
		}
	}
	if equal {
		return true
	}
	letters := 0
	for k, w := range want {
		t := g.trimPossessive(toks[k].Text)
		if !strings.EqualFold(t, w) || !allUpper(t) {
			return false
		}
		letters += utf8.RuneCountInString(w)
	}
	return letters >= 4
}

func allUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func (g *Gazetteer) trimPossessive(text string) string {
	return text[:len(text)-g.words.Possessive(text)]
}

// spanText rebuilds the mention's text from its tokens, with a space wherever
// the tokens were apart, cut at byte offset end (the possessive).
func spanText(toks []token.Token, end int) string {
	if len(toks) == 1 {
		t := toks[0]
		return t.Text[:end-t.Span.Start]
	}
	var b strings.Builder
	for k, t := range toks {
		if k > 0 && t.Span.Start > toks[k-1].Span.End {
			b.WriteByte(' ')
		}
		if k == len(toks)-1 {
			b.WriteString(t.Text[:end-t.Span.Start])
		} else {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

// inAddress reports whether the place at toks[i:end] is part of an address:
// followed by its own country ("Tokyo, Jepang", "Nairobi, Republik Kenya"),
// after a venue name and a comma at the end of a clause ("Lanud Halim
// Perdanakusuma, Jakarta."), or joined by a hyphen to a name that is no
// party ("jalur Jakarta-Surabaya"). prevEnd is where the previous mention
// ended.
func (g *Gazetteer) inAddress(toks []token.Token, i, end int, code string, prevEnd int) bool {
	if end+1 < len(toks) && toks[end].Text == "," {
		if _, e := g.longest(toks, end+1); e >= 0 && g.entries[e].code == code && g.entries[e].kind == KindState {
			return true
		}
	}
	if i >= 2 && toks[i-1].Text == "," && prevEnd != i-1 && toks[i-2].Kind == token.Word && toks[i-2].Upper {
		if end == len(toks) || toks[end].Text == "." || toks[end].Text == "(" {
			return true
		}
	}
	if end+1 < len(toks) && toks[end].Text == "-" && toks[end].Span.Start == toks[end-1].Span.End &&
		toks[end+1].Kind == token.Word && toks[end+1].Upper {
		if _, e := g.longest(toks, end+1); e < 0 {
			return true
		}
	}
	return false
}

func isDash(s string) bool { return s == "-" || s == "–" || s == "—" || s == "--" }

// isPlace applies the place rule to a capital, territory or venue at
// toks[i:end]; prevPlace reports whether the mention right before it, ending
// at a comma before toks[i], was a place ("di Istana Merdeka, Jakarta").
func (g *Gazetteer) isPlace(toks []token.Token, i, end int, prevPlace bool) bool {
	if i > 0 && g.words.Place(toks[i-1].Lower) {
		return true
	}
	if prevPlace && i > 0 && toks[i-1].Text == "," {
		return true
	}
	if end >= len(toks) {
		return false
	}
	next := toks[end]
	// "Jakarta, Selasa (21/2)", "Jakarta, 12 Mei".
	if next.Text == "," && end+1 < len(toks) && (g.words.Weekday(toks[end+1].Lower) || toks[end+1].Kind == token.Num) {
		return true
	}
	// Datelines open the text: "MOSKOW -", "Jakarta (ANTARA) -", "Jakarta:",
	// "Jakarta, CNBC Indonesia -", "TEMPO.CO, Jakarta -".
	if i > 0 && !siteName(toks[:i]) {
		return false // a sentence, not a dateline, precedes the name
	}
	switch {
	case isDash(next.Text), next.Text == "(", next.Text == ":":
		return true
	case next.Text == ",":
		if caps(toks[i:end]) {
			return true
		}
		for k := end + 1; k < len(toks) && k <= end+6; k++ {
			if isDash(toks[k].Text) {
				return true
			}
		}
	}
	return false
}

// siteName reports whether toks is an outlet name and a comma opening a
// dateline: "TEMPO.CO ,", "Liputan6.com ,", "KOMPAS ,".
func siteName(toks []token.Token) bool {
	n := len(toks)
	if n < 2 || n > 6 || toks[n-1].Text != "," {
		return false
	}
	dotted, upper := false, true
	for _, t := range toks[:n-1] {
		switch {
		case t.Text == ".":
			dotted = true
		case t.Kind == token.Word:
			upper = upper && allUpper(t.Text)
		default:
			return false
		}
	}
	return dotted || upper
}

// caps reports whether every word of a mention is in capitals ("MOSKOW").
func caps(toks []token.Token) bool {
	for _, t := range toks {
		if t.Kind == token.Word && (!allUpper(t.Text) || utf8.RuneCountInString(t.Text) < 3) {
			return false
		}
	}
	return true
}

// resolve picks the term for a day: the covering term with the senior role,
// else the nearest term (former = true). zero selects the most recent term.
func resolve(ts []term, day int32, zero bool) (t term, former bool) {
	if zero {
		best := ts[0]
		for _, x := range ts[1:] {
			if x.from > best.from || x.from == best.from && roleRank[x.role] > roleRank[best.role] {
				best = x
			}
		}
		return best, false
	}
	found := false
	for _, x := range ts {
		if x.from <= day && day <= x.to {
			if !found || roleRank[x.role] > roleRank[t.role] {
				t, found = x, true
			}
		}
	}
	if found {
		return t, false
	}
	bestDist := int64(-1)
	for _, x := range ts {
		var d int64
		if day < x.from {
			d = int64(x.from) - int64(day)
		} else {
			d = int64(day) - int64(x.to)
		}
		if bestDist < 0 || d <= bestDist {
			t, bestDist = x, d
		}
	}
	return t, true
}
