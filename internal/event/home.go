package event

import (
	"net/url"
	"slices"
	"strings"

	"mitra/internal/actor"
	"mitra/internal/article"
	"mitra/internal/lang"
	"mitra/internal/token"
)

// A page often names its own state's government without the state: a
// Malaysian page says "Kerajaan", "Perdana Menteri", "Menteri Luar"; an
// Indonesian one "pemerintah", "Menlu". These home references (refs.tsv,
// number "home:CODES") are resolved at the level of the document:
//
//  1. A home reference written with a state right after it ("Pemerintah
//     Niger", "Perdana Menteri Jepang Fumio Kishida", "pemerintah dan
//     rakyat Kenya") names that state, and is no bare reference; the same
//     words bare later in the page name the state last written after them
//     ("… pemerintah telah memutuskan": Niger).
//  2. Otherwise a bare reference names the page's home state, when the page
//     shows one and it is among the reference's CODES ("Kerajaan" names
//     Malaysia, Brunei or Singapore, never Indonesia, where the word is a
//     kingdom; "pemerintah" only Indonesia; "Perdana Menteri" only states
//     that have one).
//  3. Otherwise it names nothing and the sentence reads as it did without
//     it (a bare "pemerintah" may still carry the subject of the sentences
//     before, see roles.go).
//
// The home state comes from the page itself (pageHome), strongest first:
// the dateline ("KUALA LUMPUR, 5 Mei —", "Jakarta (ANTARA) -",
// "PUTRAJAYA:"); the outlet — its address when the input has one, the
// name in the dateline, a closing credit ("– Bernama") — from the shared
// table home.tsv; and, only when neither exists, the institutions that only
// their own state's press names bare (actors.tsv flag home: Wisma Putra,
// Seri Perdana, Kemlu, "RI"). Evidence that disagrees gives no home state:
// a dateline abroad ("BEIJING, 3 Jun —") on a Malaysian outlet reports news
// from China, where a bare "kerajaan" could be either government, so it
// names none; a dateline whose place the tables do not know is taken to be
// abroad. The page's language is no evidence: Malay is written in
// Malaysia, Brunei and Singapore, and Indonesian pages retell foreign news
// in which "pemerintah" is the foreign government.
//
// A resolved party's text keeps its evidence ("Kerajaan [home: dateline
// KUALA LUMPUR]", "pemerintah [as Pemerintah Niger]"), its kind is kindHome, and the event's reading takes the step
// stepHome (see confidence.go).

// kindHome marks a party named by a home reference resolved to the page's
// home state.
const kindHome actor.Kind = "home"

// homeUnknown is the qualification of a home reference followed by a name
// the gazetteer does not know ("Perdana Menteri Sheikh Mohammed").
const homeUnknown = "?"

// homeRef is a home reference in a sentence.
type homeRef struct {
	tok0, tok1 int
	key        string   // the form's words
	states     []string // the states it names as a bare reference
	text       string
	// qual is the code of the state written right after it, homeUnknown
	// for an unknown name, "" for a bare reference; qualText the words
	// that name that state ("Pemerintah Niger").
	qual, qualText string
	// generic reports that the gazetteer read the same words as a generic
	// institution ("Kementerian Luar Negeri": IDN unless the page says
	// otherwise): the party is recoded instead of added.
	generic bool
}

// homeState is a page's own state and the words that show it.
type homeState struct {
	code     string
	evidence string // "dateline KUALA LUMPUR", "outlet bernama.com", "credit Bernama", "named Wisma Putra"
}

// homeEvidence is a mention of an institution that names its state's page
// (actors.tsv flag home).
type homeEvidence struct{ code, text string }

// namedUse is the state last written after a home reference's words.
type namedUse struct{ code, text string }

// Labels of a resolved party's evidence, in its text.
const (
	evDateline = "dateline "
	evOutlet   = "outlet "
	evCredit   = "credit "
	evNamed    = "named "
	evHome     = " [home: "
	evAs       = " [as "
	evEnd      = "]"
)

// homeLines is how many of a page's first lines may hold its dateline
// (headlines, menus, bylines and a standfirst may stand before it).
const homeLines = 12

// readHomeRefs finds the sentence's home references among its referring
// phrases and decides whether each is bare. ps are the sentence's parties,
// sorted.
func (s *sentence) readHomeRefs(as []actor.Anaphor, ps []party, ms []actor.Mention) {
	for _, a := range as {
		if a.Tok0 > 0 && s.toks[a.Tok0-1].Text == "-" && s.toks[a.Tok0-1].Span.End == s.toks[a.Tok0].Span.Start {
			continue // "antar-pemerintah": part of a compound word
		}
		r := homeRef{tok0: a.Tok0, tok1: a.Tok1, key: a.Key, states: a.States,
			text: s.s.Text[a.Span.Start-s.s.Span.Start : a.Span.End-s.s.Span.Start]}
		for _, m := range ms {
			if m.Tok1 <= a.Tok0 || m.Tok0 >= a.Tok1 {
				continue
			}
			if m.Generic && m.Tok0 == a.Tok0 && m.Tok1 == a.Tok1 {
				r.generic = true
			} else {
				r.qual, r.qualText = m.Code, m.Text // "Kerajaan Malaysia": a form of the gazetteer
			}
			break
		}
		if r.qual == "" {
			// "Kementerian Luar Negeri (Kemlu) RI": a generic form with its
			// state after it is no bare reference either.
			var end int
			if r.qual, end = s.qualifier(a.Tok1, ps); end > 0 {
				r.qualText = s.text(a.Tok0, end)
			}
		}
		s.homeRefs = append(s.homeRefs, r)
	}
}

// qualifier returns the state written right after a home reference ending
// at token end: a party right after it, after a bracketed abbreviation
// ("Perdana Menteri (PM) Jepang"), after a comma, or after a run of names
// ("Perdana Menteri Datuk Seri Anwar Ibrahim"), or one coordinated with it
// ("pemerintah dan rakyat Kenya"), and the end of the party's words. It
// returns homeUnknown for a name the gazetteer does not know and "" for a
// bare reference.
func (s *sentence) qualifier(end int, ps []party) (string, int) {
	j := end
	if j+2 < len(s.toks) && s.toks[j].Text == "(" && s.toks[j+2].Text == ")" {
		j += 3
	}
	if j < len(s.toks) && s.toks[j].Text == "," {
		j++
	}
	partyAt := func(k int) (string, int) {
		for _, p := range ps {
			if p.tok0 == k {
				if len(p.codes) == 0 || p.nonstate {
					return homeUnknown, 0
				}
				return p.codes[0], p.tok1
			}
		}
		return "", 0
	}
	for k := j; k < len(s.toks) && k < j+4; k++ {
		if c, e := partyAt(k); c != "" {
			return c, e
		}
		t := s.toks[k]
		if t.Kind != token.Word || !t.Upper || len(s.words[k].trig) > 0 || s.classes[k] != 0 {
			if k > j {
				return homeUnknown, 0 // "Perdana Menteri Sheikh Mohammed"
			}
			break
		}
		if k == j+3 {
			return homeUnknown, 0
		}
	}
	// "pemerintah dan rakyat Kenya": the state of a coordinated noun.
	if end < len(s.toks) && s.classes[end].Has(lang.And) {
		for k := end + 1; k < len(s.toks) && k <= end+3; k++ {
			if c, e := partyAt(k); c != "" {
				return c, e
			}
			if t := s.toks[k]; t.Kind != token.Word || t.Upper {
				break
			}
		}
	}
	return "", 0
}

// pageHome decides the page's home state from the page itself (see the
// comment at the top of this file).
func (x *Extractor) pageHome(d *article.Doc, ss []*sentence) homeState {
	h := x.pack.Homes
	if h == nil {
		return homeState{}
	}
	var outlets []homeState
	if host := urlHost(d.URL); host != "" {
		if c := h.Outlet(host); c != "" {
			outlets = append(outlets, homeState{c, evOutlet + host})
		}
	}
	var dl actor.Dateline
	dated := false
	n := 0
	for rest := d.Text; rest != ""; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if n++; n <= homeLines && !dated {
			dl, dated = h.Dateline(x.gaz, line)
		}
		if name, c := h.Credit(line); c != "" {
			outlets = append(outlets, homeState{c, evCredit + name})
		}
	}
	if dated && dl.OutletCode != "" {
		outlets = append(outlets, homeState{dl.OutletCode, evOutlet + dl.Outlet})
	}
	if dated {
		if dl.PlaceCode == "" {
			return homeState{} // a place abroad the tables do not know
		}
		for _, o := range outlets {
			if o.code != dl.PlaceCode {
				return homeState{} // filed abroad for a home outlet
			}
		}
		return homeState{dl.PlaceCode, evDateline + dl.Place}
	}
	if len(outlets) > 0 {
		for _, o := range outlets[1:] {
			if o.code != outlets[0].code {
				return homeState{}
			}
		}
		return outlets[0]
	}
	var home homeState
	for _, s := range ss {
		for _, e := range s.homeEv {
			switch {
			case home.code == "":
				home = homeState{e.code, evNamed + e.text}
			case home.code != e.code:
				return homeState{}
			}
		}
	}
	return home
}

// urlHost returns the lower-case host of a page's address, or "".
func urlHost(u string) string {
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(p.Hostname())
}

// resolveHome resolves the sentence's home references, in text order, and
// remembers the states written after them for later sentences.
func (x *Extractor) resolveHome(s *sentence, st *docState) {
	for _, r := range s.homeRefs {
		if r.qual != "" {
			if r.qual != homeUnknown {
				if st.named == nil {
					st.named = map[string]namedUse{}
				}
				st.named[r.key] = namedUse{r.qual, r.qualText}
			}
			continue
		}
		code, text, kind := "", r.text, kindHome
		if u, ok := st.named[r.key]; ok {
			code, text, kind = u.code, r.text+evAs+u.text+evEnd, kindAnaphor
		} else if home := st.home(); home.code != "" && slices.Contains(r.states, home.code) {
			code, text = home.code, r.text+evHome+home.evidence+evEnd
		}
		if code == "" {
			continue
		}
		if r.generic {
			for i := range s.parties {
				if p := &s.parties[i]; p.tok0 == r.tok0 && !p.anaphor {
					p.codes, p.text, p.home = []string{code}, text, kind
				}
			}
			continue
		}
		p := party{codes: []string{code}, text: text, role: sectorGov, tok0: r.tok0, tok1: r.tok1, home: kind, kind: actor.KindGov}
		p.prep = prepBefore(s, r.tok0)
		at, _ := slices.BinarySearchFunc(s.parties, r.tok0, func(q party, t int) int { return q.tok0 - t })
		s.parties = slices.Insert(s.parties, at, p)
	}
}

// home returns the page's home state, deciding it on first use.
func (st *docState) home() homeState {
	if !st.homeDone {
		st.homeDone = true
		st.homeState = st.decideHome()
	}
	return st.homeState
}
