package event

import (
	"slices"

	"mitra/internal/actor"
	"mitra/internal/article"
	"mitra/internal/lang"
	"mitra/internal/token"
)

// party is a run of mentions naming one or more parties in a sentence.
type party struct {
	codes      []string
	text       string
	role       string
	tok0, tok1 int
	kind       actor.Kind // the kind of the (first) mention
	place      bool       // a place, not a party ("di Moskow")
	anaphor    bool
	plural     bool       // an anaphor for two parties ("kedua negara")
	nonstate   bool       // a non-state actor ("Barat", "militan"): holds a role, names no state
	civil      bool       // a state named as the people of a non-state head ("warga Palestina")
	prep       lang.Class // the preposition before it: lang.Rcp, With, To, From, Agent, Place, Between, About or 0
	possessive bool       // its last token carries a possessive ending ("Myanmar's")
	// home is the kind of a party named by a home reference ("Kerajaan",
	// see home.go): kindHome for the page's home state, kindAnaphor for the
	// state last written after the same words; "" for any other party.
	home actor.Kind
}

// ref is a resolved party of an event.
type ref struct {
	code, text, role string
	kind             actor.Kind // the kind of mention that named it ("" when from context)
	tok              int        // its first token in the sentence, or -1
	prep             lang.Class // the preposition before it
}

func refs(p party) []ref {
	out := make([]ref, 0, len(p.codes))
	for _, c := range p.codes {
		k := p.kind
		if p.anaphor {
			k = kindAnaphor
		}
		if p.home != "" {
			k = p.home
		}
		out = append(out, ref{c, p.text, p.role, k, p.tok0, p.prep})
	}
	return out
}

// kindAnaphor marks a party named by a referring phrase.
const kindAnaphor actor.Kind = "anaphor"

// contextRef is a party the sentence does not name: taken from the context.
func contextRef(code string) ref { return ref{code: code, role: sectorGov, tok: -1} }

// Sectors (PLOVER's sector codes) of the parties the engine names.
const (
	sectorGov = "GOV"
	sectorIGO = "IGO"
	sectorBus = "BUS"
	sectorJrn = "JRN"
	sectorMil = "MIL"
)

// sectorOf returns the PLOVER sector of a mention's kind.
func sectorOf(kind actor.Kind) string {
	switch kind {
	case actor.KindOrg:
		return sectorIGO
	case actor.KindCompany:
		return sectorBus
	case actor.KindMedia:
		return sectorJrn
	case actor.KindForce:
		return sectorMil
	}
	return sectorGov
}

// parties turns gazetteer mentions and anaphors into party runs, merging a
// state and the person or title right after it ("Presiden Kuba Miguel
// Díaz-Canel") into one run.
func (x *Extractor) parties(s *sentence, pub article.Date, a *arena) []party {
	ms := x.gaz.AppendFind(a.mentions[:0], s.toks, pub)
	a.mentions = ms
	var ps []party
	for _, m := range ms {
		p := party{codes: []string{m.Code}, text: m.Text, role: sectorOf(m.Kind), tok0: m.Tok0, tok1: m.Tok1, place: m.Place,
			possessive: x.gr.Possessive(s.toks[m.Tok1-1].Text) > 0}
		if m.Home {
			s.homeEv = append(s.homeEv, homeEvidence{m.Code, m.Text})
		}
		if k := len(ps); k > 0 {
			last := &ps[k-1]
			if last.codes[0] == m.Code && !last.anaphor && (m.Tok0-last.tok1 <= 1 || s.titleRun(last.tok1, m.Tok0)) && !s.hasClassBetween(last.tok1, m.Tok0, lang.And) {
				last.tok1 = m.Tok1
				last.text = s.s.Text[s.toks[last.tok0].Span.Start-s.s.Span.Start : s.toks[m.Tok1-1].Span.End-s.s.Span.Start]
				last.place = last.place && m.Place
				continue
			}
		}
		ps = append(ps, p)
	}
	// Non-state heads: "Barat" as an actor holds the subject slot; "warga
	// Palestina" names people, not the state acting.
	for i := range s.toks {
		if !s.classes[i].Has(lang.Nonstate) {
			continue
		}
		end := i + max(s.clen[i], 1)
		civil := false
		for k := range ps {
			// "warga Palestina", "perusahaan swasta asal Turki"
			if ps[k].tok0 >= end && ps[k].tok0 <= end+3 && s.plainBetween(end, ps[k].tok0) {
				ps[k].civil = true
				civil = true
			}
		}
		if !civil {
			ps = append(ps, party{nonstate: true, tok0: i, tok1: end, text: s.toks[i].Text})
		}
	}
	var homes []actor.Anaphor
	for _, a := range x.pack.Refs.Find(s.toks) {
		if a.Home {
			homes = append(homes, a)
			continue
		}
		ps = append(ps, party{anaphor: true, tok0: a.Tok0, tok1: a.Tok1, text: s.s.Text[a.Span.Start-s.s.Span.Start : a.Span.End-s.s.Span.Start], role: sectorGov, plural: a.Plural})
	}
	slices.SortStableFunc(ps, func(p, q party) int { return p.tok0 - q.tok0 })
	for i := range ps {
		ps[i].prep = prepBefore(s, ps[i].tok0)
		// "di Hamburg, Jerman": the state after a place is a place too.
		if i > 0 && (ps[i-1].place || ps[i-1].prep == lang.Place) && ps[i].tok0-ps[i-1].tok1 == 1 && s.toks[ps[i-1].tok1].Lower == "," {
			ps[i].place = true
		}
		// "di Jenewa, Swiss": a state after an unknown place.
		if c := ps[i].tok0 - 1; c > 0 && s.toks[c].Lower == "," && ps[i].prep == 0 {
			for j := c - 1; j >= 0 && j >= c-3; j-- {
				if s.classes[j].Has(lang.Place) {
					ps[i].prep = lang.Place // where; an attack's target may still be named so
					break
				}
				if !s.toks[j].Upper {
					break
				}
			}
		}
	}
	if len(homes) > 0 {
		s.readHomeRefs(homes, ps, ms)
	}
	return ps
}

// prepBefore returns the preposition governing the run starting at tok
// (looking back over titles and other non-party words, at most three). A
// word that can name an act ends the look: in "atas bantuan Rusia" the
// preposition governs the noun, and Rusia is its genitive.
//
// A preposition right after a word of class title is the title's genitive,
// and the look goes on before the title ("the foreign ministers of Vietnam
// and Cambodia met", "talks with the President of Indonesia"). With the
// clause rules (syntax.go), a preposition inside a longer form takes that
// form's reading ("a statement on Ukraine": the topic).
func prepBefore(s *sentence, tok int) lang.Class {
	for j, lim := tok-1, tok-4; j >= 0 && j >= lim; j-- {
		if s.toks[j].Kind == token.Punct && s.toks[j].Lower != "-" {
			break
		}
		if len(s.words[j].trig) > 0 && s.classes[j].Prep() == 0 {
			break
		}
		cs := s.classes[j]
		if p := cs.Prep(); p != 0 {
			if t := s.titleEndingAt(j); t >= 0 {
				j, lim = t, t-4
				continue
			}
			if s.clauses() {
				if c := s.coveringPrep(j); c != 0 {
					return c
				}
			}
			return p
		}
		if cs.Has(lang.And | lang.Relpro) {
			break
		}
	}
	return 0
}

// inParty reports whether token tok belongs to a named party.
func (s *sentence) inParty(tok int) bool {
	for _, p := range s.parties {
		if !p.anaphor && tok >= p.tok0 && tok < p.tok1 {
			return true
		}
	}
	return false
}

// resolveAnaphora fills the codes of anaphors from the document context:
// earlier parties of this sentence, then the parties the document named
// last.
func (x *Extractor) resolveAnaphora(s *sentence, st *docState) {
	var here []string // codes of the sentence's named parties so far
	next := 0
	for i := range s.parties {
		for ; next < i; next++ {
			if q := s.parties[next]; !q.anaphor && !q.place {
				here = append(here, q.codes...)
			}
		}
		p := &s.parties[i]
		if !p.anaphor || p.codes != nil {
			continue
		}
		var codes []string
		pick := func(list []string) {
			for k := len(list) - 1; k >= 0 && len(codes) < 2; k-- {
				if !slices.Contains(codes, list[k]) {
					codes = append(codes, list[k])
				}
			}
		}
		// Most recent first: the last event's pair (for a plural), this
		// sentence's parties, then the document's. With the clause rules a
		// pair this sentence has named comes first ("Vietnam fought a war
		// with the United States …, and the two countries normalised
		// relations").
		if p.plural && s.clauses() && len(distinct(here)) >= 2 {
			pick(here)
		}
		if p.plural && len(st.lastPair) >= 2 {
			pick(st.lastPair)
		}
		pick(here)
		pick(st.recent)
		if !p.plural {
			if len(codes) > 0 {
				codes = codes[:1]
			}
		} else if len(codes) < 2 {
			codes = nil
		}
		slices.Reverse(codes)
		p.codes = codes
	}
}

// group returns the coordinated run of parties starting at index i
// ("Inggris, Australia, Kanada, dan Uni Eropa"), stopping before token limit.
// A right-hand group may run groupReach tokens past limit; a subject group
// never passes its trigger (limit).
func (s *sentence) group(i, limit int, allowPlace bool) (codes []ref, last int) {
	return s.groupTo(i, limit, limit, allowPlace)
}

// rightGroup is group for parties after a trigger. A window that ended at
// a new clause (clause rules) bounds the list too.
func (s *sentence) rightGroup(i, limit int, allowPlace bool) []ref {
	hard := limit + groupReach
	if s.clauseEnd == limit {
		hard = limit
	}
	rs, _ := s.groupTo(i, limit, hard, allowPlace)
	return rs
}

// groupReach is how far past the search window a coordinated list of
// parties may run ("… yaitu Uni Emirat Arab, Turki, Mesir, Qatar, dan
// Yordania").
const groupReach = 12

func (s *sentence) groupTo(i, limit, hard int, allowPlace bool) (codes []ref, last int) {
	p := s.parties[i]
	codes = append(codes, refs(p)...)
	last = i
	for k := i + 1; k < len(s.parties); k++ {
		q := s.parties[k]
		if q.tok0 >= hard || (q.place && !allowPlace) || len(q.codes) == 0 || s.appositive(k) {
			break
		}
		prev := s.parties[last]
		gap := q.tok0 - prev.tok1
		if gap > 5 {
			break
		}
		// "antara Pemerintah Indonesia dengan Pemerintah Singapura": after
		// "between", a with-phrase is the second member of the pair.
		between := k == i+1 && p.prep == lang.Between && q.prep == lang.With && gap <= 3
		if !between && (!s.joined(prev.tok1, q.tok0) || gap > 3 && !s.titleGap(prev.tok1, q.tok0)) {
			break
		}
		codes = append(codes, refs(q)...)
		last = k
	}
	return codes, last
}

// joined reports whether tokens [a, b) join two parties: nothing between
// them, or a coordination, a hyphen or a slash ("Rusia-Mali").
func (s *sentence) joined(a, b int) bool {
	if a == b {
		return true
	}
	if s.clauses() && s.hasClassBetween(a, b, lang.Relpro) {
		return false // "Ukraine, which Russia invaded": a relative clause, no list
	}
	for j := a; j < b; j++ {
		if s.classes[j].Has(lang.And) || s.toks[j].Lower == "-" || s.toks[j].Lower == "/" {
			return true
		}
	}
	return false
}

// groupStart walks left from party i over parties coordinated with it.
func (s *sentence) groupStart(i int) int {
	for i > 0 {
		prev, cur := s.parties[i-1], s.parties[i]
		if prev.place || len(prev.codes) == 0 || prev.prep != 0 && prev.prep != cur.prep {
			break
		}
		gap := cur.tok0 - prev.tok1
		if gap > 5 || gap > 3 && !s.titleGap(prev.tok1, cur.tok0) {
			break
		}
		if !s.joined(prev.tok1, cur.tok0) {
			break
		}
		i--
	}
	return i
}

// titleGap reports whether tokens [a,b) join two parties over titles: an
// "and" word with only capitalised words and commas beside it ("Indonesia
// dan Menteri Luar Negeri Jepang").
func (s *sentence) titleGap(a, b int) bool {
	and := false
	for j := a; j < b; j++ {
		t := s.toks[j]
		switch {
		case s.classes[j].Has(lang.And):
			and = true
		case t.Upper || t.Lower == ",":
		default:
			return false
		}
	}
	return and
}

// onlyParty reports whether the sentence names no party besides acts
// before token end.
func (s *sentence) onlyParty(acts []ref, end int) bool {
	for _, p := range s.parties {
		if p.tok0 >= end {
			break
		}
		for _, c := range p.codes {
			if !containsCode(acts, c) {
				return false
			}
		}
	}
	return true
}

// speaker returns the party named after a reporting verb ("…, kata Menlu
// Rusia"), for a trigger that has no subject of its own.
func (s *sentence) speaker() []ref {
	for j := 0; j < len(s.toks); j++ {
		if !s.classes[j].Has(lang.Say) {
			continue
		}
		for _, p := range s.parties {
			if p.tok0 > j && p.tok0 <= j+4 && len(p.codes) > 0 && !p.place {
				return refs(p)
			}
		}
	}
	return nil
}

func sameCodes(cs []string, rs []ref) bool {
	for _, c := range cs {
		if !containsCode(rs, c) {
			return false
		}
	}
	return true
}

func containsCode(rs []ref, c string) bool {
	for _, r := range rs {
		if r.code == c {
			return true
		}
	}
	return false
}

func uniqRefs(rs []ref) []ref {
	var out []ref
	for _, r := range rs {
		if r.code != "" && !containsCode(out, r.code) {
			out = append(out, r)
		}
	}
	return out
}

// updateContext remembers the sentence's parties for anaphora and for
// sentences without a subject of their own.
func (x *Extractor) updateContext(s *sentence, st *docState) {
	subjSet := false
	for _, p := range s.parties {
		if p.place || len(p.codes) == 0 {
			continue
		}
		if !subjSet && p.prep == 0 && !p.anaphor {
			st.lastSubject = append(st.lastSubject[:0], p.codes...)
			subjSet = true
		}
		st.recent = append(st.recent, p.codes...)
	}
	if len(st.recent) > 32 {
		st.recent = append(st.recent[:0], st.recent[len(st.recent)-16:]...)
	}
}

// distinct returns the codes of cs without repeats.
func distinct(cs []string) []string {
	var out []string
	for _, c := range cs {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
