package event

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"mitra/internal/actor"
	"mitra/internal/article"
	"mitra/internal/lang"
	"mitra/internal/record"
	"mitra/internal/timex"
	"mitra/internal/token"
)

// Extractor finds events in documents with one language pack. It is safe for
// concurrent use.
type Extractor struct {
	pack  *lang.Pack
	gaz   *actor.Gazetteer
	dates *timex.Table
	lx    *lang.Lexicon
	stems sync.Map // lower-case word → root
	// grammar is the pack's answers about syntax, or nil: the engine then
	// keeps its Indonesian and Malay readings (see lang.Pack.Grammar).
	grammar *lang.Grammar
}

// New builds an Extractor from a pack's data.
func New(p *lang.Pack) (*Extractor, error) {
	g, err := actor.Load(p.Data, lang.ActorsFile, lang.LeadersFile)
	if err != nil {
		return nil, fmt.Errorf("%s pack: %w", p.Code, err)
	}
	dt, err := timex.LoadTable(p.Data, lang.DatesFile)
	if err != nil {
		return nil, fmt.Errorf("%s pack: %w", p.Code, err)
	}
	return &Extractor{pack: p, gaz: g, dates: dt, lx: p.Lexicon, grammar: p.Grammar}, nil
}

// Gazetteer returns the extractor's actor gazetteer.
func (x *Extractor) Gazetteer() *actor.Gazetteer { return x.gaz }

// Dates returns the extractor's date table.
func (x *Extractor) Dates() *timex.Table { return x.dates }

func (x *Extractor) stem(w string) string {
	if v, ok := x.stems.Load(w); ok {
		return v.(string)
	}
	s := x.pack.Stemmer.Stem(w)
	x.stems.Store(w, s)
	return s
}

// party is a run of mentions naming one or more parties in a sentence.
type party struct {
	codes      []string
	text       string
	role       string
	tok0, tok1 int
	place      bool // a place, not a party ("di Moskow")
	anaphor    bool
	plural     bool   // an anaphor for two parties ("kedua negara")
	nonstate   bool   // a non-state actor ("Barat", "militan"): holds a role, names no state
	civil      bool   // a state named as the people of a non-state head ("warga Palestina")
	prep       string // word class of the preposition before it: rcp, with, to, from, agent, place, between
}

// sentence holds what the engine knows about one sentence.
type sentence struct {
	s       token.Sentence
	toks    []token.Token
	stems   []string
	classes [][]string // word classes starting at each token
	clen    []int      // length in tokens of the class form starting at each token
	parties []party
	date    article.Date // the date the sentence itself fixes, if any
	note    string
	unfixed bool     // it states a period no date can say ("pada tahun 1990-an")
	aside   [2]int   // tokens of a relative clause whose date was left out (see inRelativeClause)
	ctx     []string // contexts the sentence's words suggest
	ctxDone bool
	grammar bool // the pack brings a grammar (see syntax.go)
	// clauseEnd is where the current trigger's window ended at a new clause
	// (grammar packs), or -1.
	clauseEnd int
}

type match struct {
	tr         *lang.Trigger
	t0, t1     int // whole match
	headEnd    int // end of the first element
	passive    bool
	prio       int
	factuality string
	typ        record.Type
}

// leadParas is how many lines (headline, date line, lead paragraphs) count
// as the lead of a page: acts told there without a date of their own are the
// news of the day.
const leadParas = 4

// dateSentences dates each sentence: by the date it states; else by the
// date of the sentence before it in the same paragraph; else, in the lead,
// by the lead's first stated date or the publication date. The note says
// which.
//
// A date two or more years before publication is background: it is never
// the lead date, and it carries over to the next sentence only within a
// story told as past: when either sentence marks its act as done or as
// following on ("telah", "kemudian", "saat itu"), or the next one marks
// itself as background ("sebelumnya"). "Perjanjian dengan Mali berlaku sejak
// 1972" tells a state that still holds, and "Dengan berakhirnya perjanjian
// itu, …" after it tells the present.
func (x *Extractor) dateSentences(ss []*sentence, st *docState) {
	lead, leadNote := article.Date{}, ""
	for _, s := range ss {
		r := x.ownDate(s, st.pub)
		s.date, s.note = r.Date, r.Note
		s.unfixed = r.Date.IsZero() && r.Note == "decade"
		if lead.IsZero() && !s.date.IsZero() && s.s.Para < leadParas && !strings.Contains(r.Note, "reporting date") && s.words() > 6 && !longBefore(s.date, st.pub) &&
			(x.grammar == nil || s.date.Day != 0) {
			// For packs with a grammar (English) the news of the day has a
			// day ("on Tuesday", "March 3"); a month or year in the lead
			// ("were detained in May 2022", "closed since 1994") is background.
			lead, leadNote = s.date, "lead date"
		}
	}
	if lead.IsZero() && !st.pub.IsZero() {
		lead, leadNote = st.pub, "publication date"
	}
	for i, s := range ss {
		if !s.date.IsZero() || s.unfixed {
			continue
		}
		if i > 0 && ss[i-1].s.Para == s.s.Para && !ss[i-1].date.IsZero() &&
			(!longBefore(ss[i-1].date, st.pub) || s.toldAsPast() || ss[i-1].tellsOn()) {
			s.date, s.note = ss[i-1].date, "context: the sentence before"
			continue
		}
		if s.s.Para < leadParas && !lead.IsZero() && !s.hasClassOutsideAside("past") {
			s.date, s.note = lead, leadNote
		}
	}
}

// ownDate returns the date the sentence's own words give its act: the
// expression timex would choose, leaving out years that name a thing
// ("perjanjian … tahun 1951", see namesThing), dates of a relative clause
// after the main verb ("… kedutaan yang ditutup sejak 1992", see
// inRelativeClause) and dates still to come when
// the page was published ("KTT yang akan digelar pada 11 Oktober 2018",
// "tarif berlaku mulai 1 Agustus"): a reported act has happened by then.
func (x *Extractor) ownDate(s *sentence, pub article.Date) timex.Result {
	rs := x.dates.ResolveAll(s.s.Text, s.toks, pub)
	keep := rs[:0]
	for _, r := range rs {
		if r.Nominal && s.namesThing(r) || afterPub(r.Date, pub) {
			continue
		}
		if y, ok := s.inRelativeClause(r); ok {
			// "sejak" in such a clause does not make the act background.
			end := y
			for end < len(s.toks) && s.toks[end].Span.Start-s.s.Span.Start < r.Span.End {
				end++
			}
			s.aside = [2]int{y, end}
			continue
		}
		keep = append(keep, r)
	}
	return timex.Pick(keep)
}

// afterPub reports whether d lies after the publication date pub: a day
// more than one day after it (time zones differ), or a later month or year.
func afterPub(d, pub article.Date) bool {
	switch {
	case d.IsZero() || pub.IsZero():
		return false
	case d.Day != 0 && pub.Day != 0:
		return d.Time().Sub(pub.Time()) > 24*time.Hour
	case d.Month != 0 && pub.Month != 0:
		return d.Year*12+d.Month > pub.Year*12+pub.Month
	}
	return d.Year > pub.Year
}

// thingReach is how many tokens a document noun may stand before the year
// that names it ("perjanjian pertahanan bersama AS-Filipina tahun 1951").
const thingReach = 8

// namesThing reports whether the year r, written as "tahun 1951", closes a
// noun phrase headed by a document or agreement (word class "thing"): that
// year says when the treaty was made, not when the sentence's act happened
// ("AS menegaskan bahwa perjanjian pertahanan bersama AS-Filipina tahun
// 1951 berlaku …"). The phrase runs back over names, numbers, hyphens and
// plain words; a function word (any class but "join": "itu", "yang",
// "dengan"), a verb form ("diteken") or other punctuation ends it, so
// "Pakta itu diteken tahun 2013" and "Rusia menginvasi Ukraina tahun 2022"
// keep their year.
func (s *sentence) namesThing(r timex.Result) bool {
	k := s.tokenAt(r.Span.Start)
	for j := k - 1; k > 0 && j >= 0 && j >= k-thingReach; j-- {
		t, cs := s.toks[j], s.classes[j]
		switch {
		case has(cs, "thing"):
			return true
		case t.Kind == token.Punct:
			switch t.Lower {
			case "-", "/", "(", ")", "\"", "'":
			default:
				return false
			}
		case t.Kind != token.Word:
		case has(cs, "join"):
		case len(cs) > 0, verbForm(t.Lower, s.stems[j]):
			return false
		}
	}
	return false
}

// relReach is how many tokens a relative clause may run from "yang" to
// the date in it.
const relReach = 6

// inRelativeClause reports whether the date r sits in a relative clause
// ("yang" + verb) that follows the sentence's main verb: the clause tells
// when its noun came to be, not when the act happened ("Rusia akan membuka
// kembali kedutaan besarnya yang ditutup sejak 1992", "China mengimpor gas
// melalui pipa yang beroperasi sejak 2019"). With no verb before "yang"
// the clause may hold the act itself ("Kesepakatan yang diteken pada 5 Mei
// itu …") and the date stays. Punctuation between "yang" and the date ends
// the clause.
// It returns the index of "yang".
func (s *sentence) inRelativeClause(r timex.Result) (int, bool) {
	k := s.tokenAt(r.Span.Start)
	y := -1
	for j := k - 1; k > 0 && j >= 0 && j >= k-relReach; j-- {
		if s.toks[j].Kind == token.Punct {
			return 0, false
		}
		if s.toks[j].Lower == "yang" {
			y = j
			break
		}
	}
	if y < 1 {
		return 0, false
	}
	return y, s.verbBetween(y+1, k) && s.verbBetween(0, y)
}

// verbBetween reports whether a verb form is among tokens a to b-1.
func (s *sentence) verbBetween(a, b int) bool {
	for j := a; j < b; j++ {
		if s.toks[j].Kind == token.Word && verbForm(s.toks[j].Lower, s.stems[j]) {
			return true
		}
	}
	return false
}

// tokenAt returns the index of the token starting at byte off of the
// sentence, or -1.
func (s *sentence) tokenAt(off int) int {
	for i, t := range s.toks {
		if t.Span.Start-s.s.Span.Start == off {
			return i
		}
	}
	return -1
}

// verbalPrefixes are the prefixes of Indonesian and Malay verb forms; a word
// the stemmer shortened after one of them is read as a verb.
var verbalPrefixes = []string{"me", "di", "ber", "be", "ter"}

// verbForm reports whether w, with root stem, is a verb form: "diteken"
// (teken), "berlaku" (laku), "menandatangani"; not "pertahanan" or
// "diplomatik".
func verbForm(w, stem string) bool {
	if len(stem) >= len(w) {
		return false
	}
	for _, p := range verbalPrefixes {
		if strings.HasPrefix(w, p) && !strings.HasPrefix(stem, p) {
			return true
		}
	}
	return false
}

// longBefore reports whether d lies two or more calendar years before the
// publication date pub (false when either is unknown).
func longBefore(d, pub article.Date) bool {
	return !d.IsZero() && !pub.IsZero() && d.Year <= pub.Year-2
}

// toldAsPast reports whether the sentence marks its act as done or past, or
// goes on from the sentence before ("telah", "sebelumnya", "kemudian").
func (s *sentence) toldAsPast() bool {
	return s.tellsOn() || s.hasClass("past")
}

// tellsOn reports whether the sentence tells an act as done or as following
// on from another ("telah", "kemudian"): a story the next sentence may go on
// with. "sejak" alone does not: it tells a state that still holds.
func (s *sentence) tellsOn() bool {
	return s.hasClass("done") || s.hasClass("then")
}

// words counts the sentence's word tokens; a date line has few.
func (s *sentence) words() int {
	n := 0
	for _, t := range s.toks {
		if t.Kind == token.Word {
			n++
		}
	}
	return n
}

// inherited reports whether a date note says the date came from context
// rather than from the event's own sentence.
func inherited(note string) bool {
	return note == "lead date" || note == "publication date" || strings.HasPrefix(note, "context")
}

func (s *sentence) hasClass(c string) bool {
	for _, cs := range s.classes {
		if has(cs, c) {
			return true
		}
	}
	return false
}

// hasClassOutsideAside is hasClass leaving out the relative clause whose
// date ownDate left out.
func (s *sentence) hasClassOutsideAside(c string) bool {
	return s.hasClassBetween(0, s.aside[0], c) || s.hasClassBetween(s.aside[1], len(s.toks), c)
}

// sportWords is how many distinct sports words make a page a sports page.
const sportWords = 4

// docState carries context across a document's sentences.
type docState struct {
	pub         article.Date
	lastSubject []string
	lastPair    []string // the parties of the last event, for "kedua negara"
	recent      []string // recently mentioned codes, most recent last
}

// Extract returns every event in d, asserted or not, in text order, with
// spans in d.Raw. d.Text must be cleaned; d.PubDate may be zero.
func (x *Extractor) Extract(d *article.Doc) []record.Event {
	st := &docState{pub: d.PubDate}
	if st.pub.IsZero() {
		st.pub, _ = x.dates.PubDate(d.Text)
		if !st.pub.IsZero() && d.PubDate.IsZero() {
			d.PubDate = st.pub
			d.PubDateSource = "page"
		}
	}
	sents := token.Sentences(d.Text)
	var ss []*sentence
	sport := map[string]bool{}
	for _, ts := range sents {
		s := x.analyse(ts, st.pub)
		ss = append(ss, s)
		for i, cs := range s.classes {
			if has(cs, "sport") {
				sport[s.toks[i].Lower] = true
			}
		}
	}
	// A sports page ("Timnas Indonesia menyerang …") reports matches, not
	// acts of states.
	if len(sport) >= sportWords {
		return nil
	}
	x.dateSentences(ss, st)
	var out []record.Event
	for _, s := range ss {
		evs := x.sentenceEvents(d, s, st)
		if n := len(evs); n > 0 {
			e := evs[n-1]
			st.lastPair = append(append(st.lastPair[:0], record.Codes(e.Actors)...), record.Codes(e.Recipients)...)
		}
		out = append(out, evs...)
		x.updateContext(s, st)
	}
	return dedupe(out)
}

func (x *Extractor) analyse(ts token.Sentence, pub article.Date) *sentence {
	s := &sentence{s: ts, toks: ts.Tokens, grammar: x.grammar != nil}
	n := len(s.toks)
	s.stems = make([]string, n)
	s.classes = make([][]string, n)
	s.clen = make([]int, n)
	for i, t := range s.toks {
		if t.Kind == token.Word {
			s.stems[i] = x.stem(t.Lower)
		} else {
			s.stems[i] = t.Lower
		}
	}
	// Word classes, longest form first; only forms that start here.
	for i := 0; i < n; i++ {
		longest := x.lx.WordStarts[s.toks[i].Lower]
		for k := min(longest, n-i); k >= 1; k-- {
			form := s.toks[i].Lower
			if k > 1 {
				parts := make([]string, k)
				for j := 0; j < k; j++ {
					parts[j] = s.toks[i+j].Lower
				}
				form = strings.Join(parts, " ")
			}
			if cs, ok := x.lx.Words[form]; ok {
				s.classes[i] = cs
				s.clen[i] = k
				break
			}
		}
	}
	s.parties = x.parties(s, pub)
	return s
}

func has(cs []string, c string) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func roleOf(kind, role string) string {
	switch kind {
	case "org":
		return "IGO"
	case "company":
		return "BUS"
	case "media":
		return "JRN"
	case "force":
		return "MIL"
	}
	return "GOV"
}

// parties turns gazetteer mentions and anaphors into party runs, merging a
// state and the person or title right after it ("Presiden Kuba Miguel
// Díaz-Canel") into one run.
func (x *Extractor) parties(s *sentence, pub article.Date) []party {
	ms := x.gaz.Find(s.toks, pub)
	var ps []party
	for _, m := range ms {
		p := party{codes: []string{m.Code}, text: m.Text, role: roleOf(m.Kind, m.Role), tok0: m.Tok0, tok1: m.Tok1, place: m.Place}
		if k := len(ps); k > 0 {
			last := &ps[k-1]
			if last.codes[0] == m.Code && !last.anaphor && (m.Tok0-last.tok1 <= 1 || s.grammar && s.titleRun(last.tok1, m.Tok0)) && !s.hasClassBetween(last.tok1, m.Tok0, "and") {
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
		if !has(s.classes[i], "nonstate") {
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
	for _, a := range actor.FindAnaphora(s.toks) {
		ps = append(ps, party{anaphor: true, tok0: a.Tok0, tok1: a.Tok1, text: s.s.Text[a.Span.Start-s.s.Span.Start : a.Span.End-s.s.Span.Start], role: "GOV", plural: a.Plural})
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].tok0 < ps[j].tok0 })
	for i := range ps {
		ps[i].prep = x.prepBefore(s, ps[i].tok0)
		// "di Hamburg, Jerman": the state after a place is a place too.
		if i > 0 && (ps[i-1].place || ps[i-1].prep == "place") && ps[i].tok0-ps[i-1].tok1 == 1 && s.toks[ps[i-1].tok1].Lower == "," {
			ps[i].place = true
		}
		// "di Jenewa, Swiss": a state after an unknown place.
		if c := ps[i].tok0 - 1; c > 0 && s.toks[c].Lower == "," && ps[i].prep == "" {
			for j := c - 1; j >= 0 && j >= c-3; j-- {
				if has(s.classes[j], "place") {
					ps[i].prep = "place" // where; an attack's target may still be named so
					break
				}
				if !s.toks[j].Upper {
					break
				}
			}
		}
	}
	return ps
}

// prepBefore returns the class of the preposition governing the run starting
// at tok (looking back over titles and other non-party words, at most three).
func (x *Extractor) prepBefore(s *sentence, tok int) string {
	prep := ""
	for j, lim := tok-1, tok-4; j >= 0 && j >= lim; j-- {
		if s.toks[j].Kind == token.Punct && s.toks[j].Lower != "-" {
			break
		}
		cs := s.classes[j]
		found := ""
		for _, c := range cs {
			switch c {
			case "rcp", "with", "to", "from", "agent", "place", "between", "about":
				found = c
			}
		}
		if found != "" {
			if t := s.titleEndingAt(j); t >= 0 {
				// "the foreign ministers of Vietnam and Cambodia met", "talks
				// with the President of Indonesia": the title's state, so
				// look on before the title.
				j, lim = t, t-4
				continue
			}
			if c := s.coveringPrep(j); c != "" {
				found = c // "a statement on Ukraine": the topic, not the target
			}
			prep = found
			break
		}
		if has(cs, "and") || has(cs, "relpro") {
			break
		}
	}
	return prep
}

// titleEndingAt returns the first token of a word of class "title" that
// ends right before token j ("ministers" in "ministers of"), or -1.
func (s *sentence) titleEndingAt(j int) int {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if has(s.classes[k], "title") && k+s.clen[k] == j {
			return k
		}
	}
	return -1
}

// coveringPrep returns the preposition class of a longer form that starts
// before token j and covers it ("statement on" read as about), or "": the
// longer form says how its preposition is read.
func (s *sentence) coveringPrep(j int) string {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if k+s.clen[k] <= j {
			continue
		}
		for _, c := range s.classes[k] {
			switch c {
			case "rcp", "with", "to", "from", "agent", "place", "between", "about":
				return c
			}
		}
	}
	return ""
}

// plainBetween reports whether tokens [a,b) are plain words: no
// punctuation, preposition or coordination.
func (s *sentence) plainBetween(a, b int) bool {
	for j := a; j < b; j++ {
		if s.toks[j].Kind == token.Punct {
			return false
		}
		for _, c := range s.classes[j] {
			switch c {
			case "rcp", "with", "to", "from", "agent", "place", "between", "and", "about", "relpro":
				return false
			}
		}
	}
	return true
}

func (s *sentence) hasClassBetween(a, b int, class string) bool {
	for i := a; i < b && i < len(s.toks); i++ {
		if has(s.classes[i], class) {
			return true
		}
	}
	return false
}

// matches finds the trigger patterns in s, keeping the best of overlapping
// matches.
func (x *Extractor) matches(s *sentence) []match {
	var ms []match
	for i, t := range s.toks {
		if t.Kind != token.Word {
			continue
		}
		cands := x.lx.ByFirst[t.Lower]
		if st := s.stems[i]; st != t.Lower {
			cands = append(cands[:len(cands):len(cands)], x.lx.ByFirst[st]...)
		}
		for _, ti := range cands {
			tr := &x.lx.Triggers[ti]
			if end, headEnd, ok := matchAt(s, tr, i, x.grammar != nil); ok {
				ms = append(ms, match{tr: tr, t0: i, t1: end, headEnd: headEnd, prio: tr.Prio, typ: tr.Type})
			}
		}
	}
	// Overlaps: the higher priority, then the longer, then the earlier wins.
	sort.SliceStable(ms, func(a, b int) bool {
		if ms[a].prio != ms[b].prio {
			return ms[a].prio > ms[b].prio
		}
		return ms[a].t1-ms[a].t0 > ms[b].t1-ms[b].t0
	})
	var keep []match
	for _, m := range ms {
		ok := true
		for _, k := range keep {
			if m.t0 < k.headEnd && k.t0 < m.headEnd || m.t0 >= k.t0 && m.t0 < k.t1 {
				ok = false
				break
			}
		}
		if ok {
			keep = append(keep, m)
		}
	}
	sort.Slice(keep, func(a, b int) bool { return keep[a].t0 < keep[b].t0 })
	// A noun that names an act already told ("pertemuan tersebut"), or that
	// is the object of another trigger ("menyerukan pertemuan darurat"),
	// is no event of its own; a light verb yields to its object noun
	// ("menyepakati sanksi").
	var out []match
	for i, m := range keep {
		if m.tr.Flags.Noun {
			if m.t1 < len(s.toks) && has(s.classes[m.t1], "dem") {
				continue
			}
			if i > 0 && !keep[i-1].tr.Flags.Noun && !keep[i-1].tr.Flags.Light && m.t0-keep[i-1].t1 <= 2 && m.t0 >= keep[i-1].t1 {
				continue
			}
		}
		if m.tr.Flags.Light && i+1 < len(keep) && keep[i+1].tr.Flags.Noun && keep[i+1].t0-m.t1 <= 2 && keep[i+1].t0 >= m.t1 {
			continue
		}
		out = append(out, m)
	}
	return out
}

// matchAt tries tr at token i; it returns the end of the match and of its
// first element.
// amounts lets a gap cross the signs of an amount ("provided a $2 billion
// loan", "delayed a 50% tariff"); set for packs with a grammar.
func matchAt(s *sentence, tr *lang.Trigger, i int, amounts bool) (end, headEnd int, ok bool) {
	pos := i
	for k, e := range tr.Pattern {
		found := -1
		for g := 0; g <= e.Gap; g++ {
			p := pos + g
			if p >= len(s.toks) {
				break
			}
			if g > 0 {
				if t := s.toks[p-1]; t.Kind == token.Punct && t.Lower != "-" && t.Lower != "\"" && !(amounts && amountSign(t)) || has(s.classes[p-1], "and") {
					break // gaps cross neither punctuation nor coordination
				}
			}
			if n := matchElem(s, e, p); n > 0 {
				found = p + n
				break
			}
		}
		if found < 0 {
			return 0, 0, false
		}
		pos = found
		if k == 0 {
			headEnd = found
		}
	}
	return pos, headEnd, true
}

func matchElem(s *sentence, e lang.Elem, p int) int {
	for _, a := range e.Alts {
		if p+len(a.Words) > len(s.toks) {
			continue
		}
		ok := true
		for j, w := range a.Words {
			t := s.toks[p+j]
			if t.Lower == w {
				continue
			}
			if !a.Exact && t.Kind == token.Word && s.stems[p+j] == w {
				continue
			}
			ok = false
			break
		}
		if ok {
			return len(a.Words)
		}
	}
	return 0
}
