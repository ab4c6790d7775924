package event

import (
	"fmt"
	"slices"
	"strings"

	"mitra/internal/article"
	"mitra/internal/record"
	"mitra/internal/token"
)

// conditional conjunctions put everything after them in the sentence under a
// condition; other hypo words only reach the verb next to them.
var conditionals = map[string]bool{"jika": true, "jikalau": true, "apabila": true, "bila": true,
	"kalau": true, "seandainya": true, "andai": true, "andaikan": true, "sekiranya": true, "if": true, "unless": true}

// factuality reads the aspect and modality words before a trigger and
// returns the factuality and the type the event should be coded as.
func (x *Extractor) factuality(s *sentence, m *match) (fact record.Factuality, typ record.Type) {
	typ = m.tr.Type
	if n := len(s.toks); n > 0 && s.toks[n-1].Lower == "?" {
		return record.Hypothetical, typ
	}
	for j := 0; j < m.t0; j++ {
		if conditionals[s.toks[j].Lower] {
			return record.Hypothetical, typ
		}
	}
	future, willing := false, false
	// An infinitive ("urged Washington to stop", "is scheduled to travel to
	// the United States to meet") takes the mood of the verb it completes:
	// the look back may pass over one party, the verb's object.
	reach, crossed := 6, false
	infinitive := x.grammar != nil && s.infinitive(m)
	if infinitive {
		reach = 10
	}
	for j, steps := m.t0-1, 0; j >= 0 && steps < reach; j, steps = j-1, steps+1 {
		t := s.toks[j]
		if t.Kind == token.Punct && t.Lower != "-" && t.Lower != "\"" {
			break
		}
		if s.inParty(j) {
			if !infinitive || crossed {
				break
			}
			for j > 0 && s.inParty(j-1) {
				j--
			}
			crossed = true
			continue
		}
		cs := s.classes[j]
		if x.grammar != nil && len(cs) == 0 && x.lexicalVerb(s, j) {
			break // "will be punished for an air strike": the modal is the other verb's
		}
		if x.grammar != nil && has(cs, "and") {
			break // "told Iran it had no involvement … and warned Tehran"
		}
		switch {
		case has(cs, "neg"):
			if j+1 < len(s.toks) && (s.toks[j+1].Lower == "hanya" || s.toks[j+1].Lower == "saja") {
				continue
			}
			return record.Negated, typ
		case has(cs, "cancel"):
			return record.Negated, typ
		case has(cs, "hypo"):
			return record.Hypothetical, typ
		case has(cs, "wish"):
			return record.Hypothetical, typ
		case has(cs, "future"):
			future = true
		case has(cs, "willing"):
			willing = true
		}
	}
	if m.tr.Flags.Noun {
		// "Kunjungan Presiden Meksiko ke Jepang batal …"
		for j := m.t1; j < len(s.toks) && j < m.t1+10; j++ {
			if s.toks[j].Kind == token.Punct && s.toks[j].Lower != "-" {
				break
			}
			if has(s.classes[j], "cancel") {
				return record.Negated, typ
			}
		}
	}
	if (future || willing) && typ.Cooperative() {
		return record.Asserted, record.Agree
	}
	if future {
		switch typ {
		case record.Retreat:
			return record.Asserted, record.Concede
		case record.Assault, record.Coerce:
			return record.Asserted, record.Threaten
		}
	}
	return record.Asserted, typ
}

func (s *sentence) inParty(tok int) bool {
	for _, p := range s.parties {
		if !p.anaphor && tok >= p.tok0 && tok < p.tok1 {
			return true
		}
	}
	return false
}

// ref is a resolved party of an event.
type ref struct {
	code, text, role string
}

func refs(p party) []ref {
	out := make([]ref, 0, len(p.codes))
	for _, c := range p.codes {
		out = append(out, ref{c, p.text, p.role})
	}
	return out
}

// resolve fills the codes of anaphors from the document context.
func (x *Extractor) resolveAnaphora(s *sentence, st *docState) {
	for i := range s.parties {
		p := &s.parties[i]
		if !p.anaphor || p.codes != nil {
			continue
		}
		// Context: earlier parties of this sentence, then the document.
		var recent []string
		recent = append(recent, st.recent...)
		for _, q := range s.parties[:i] {
			if !q.anaphor && !q.place {
				recent = append(recent, q.codes...)
			}
		}
		var codes []string
		if p.plural && len(st.lastPair) >= 2 {
			recent = append(recent, st.lastPair...)
		}
		for k := len(recent) - 1; k >= 0 && len(codes) < 2; k-- {
			if !slices.Contains(codes, recent[k]) {
				codes = append(codes, recent[k])
			}
		}
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

// rightGroup is group for parties after a trigger.
func (s *sentence) rightGroup(i, limit int, allowPlace bool) []ref {
	hard := limit + groupReach
	if s.clauseEnd == limit {
		hard = limit // the window ended at a new clause: a list does not run on into it
	}
	rs, _ := s.groupTo(i, limit, hard, allowPlace)
	return rs
}

func (s *sentence) groupTo(i, limit, hard int, allowPlace bool) (codes []ref, last int) {
	p := s.parties[i]
	codes = append(codes, refs(p)...)
	last = i
	for k := i + 1; k < len(s.parties); k++ {
		q := s.parties[k]
		if q.tok0 >= hard || (q.place && !allowPlace) || len(q.codes) == 0 || s.grammar && s.appositive(k) {
			break
		}
		prev := s.parties[last]
		gap := q.tok0 - prev.tok1
		if gap > 5 {
			break
		}
		joined := gap == 0
		for j := prev.tok1; j < q.tok0; j++ {
			t := s.toks[j]
			if has(s.classes[j], "and") || t.Lower == "-" || t.Lower == "/" {
				joined = true
			}
		}
		if !joined || gap > 3 && !s.titleGap(prev.tok1, q.tok0) {
			break
		}
		codes = append(codes, refs(q)...)
		last = k
	}
	return codes, last
}

// roles assigns actors and recipients to a trigger match. ok is false when
// the match has no pair of distinct parties.
func (x *Extractor) roles(s *sentence, m *match, ms []match, st *docState) (acts, rcps []ref, conf float64, ok bool) {
	tr := m.tr
	visit := tr.Mode == "visit"
	conf = 0.7
	head := s.toks[m.t0]
	passive := !tr.Flags.NoPass && !tr.Flags.Noun && len(head.Lower) > 4 &&
		strings.HasPrefix(head.Lower, "di") && s.stems[m.t0] != head.Lower && !strings.HasPrefix(s.stems[m.t0], "di")
	// A pack that reads the passive itself (English) marks every passive
	// verb, so an agent phrase after an active verb belongs to its object.
	readsPassive := x.grammar != nil
	if readsPassive {
		passive = !tr.Flags.NoPass && !tr.Flags.Noun && x.grammar.Passive(s.toks, m.t0)
	}
	m.passive = passive

	// Subject: the nearest party before the trigger that no preposition
	// governs, with the parties coordinated before it ("Inggris, Australia,
	// Kanada, dan Uni Eropa mengkritik …").
	placeOK := visit || placeTypes[m.typ]
	subjLimit := m.t0
	if x.grammar != nil {
		// "Barrot visited Beirut and met officials": the subject of the
		// verb before the coordinator.
		subjLimit = x.coordSubjectLimit(s, m, ms)
	}
	subj := -1
	for i, p := range s.parties {
		if p.tok1 > subjLimit {
			break
		}
		if p.place || p.prep != "" || p.civil && !civilTypes[m.typ] || (len(p.codes) == 0 && !p.nonstate) {
			continue
		}
		if x.grammar != nil && s.appositive(i) {
			continue // "China, Myanmar's largest investor, has called …"
		}
		subj = i
	}
	nonstateSubj := subj >= 0 && s.parties[subj].nonstate
	if nonstateSubj {
		subj = -1
	}
	var subjRefs []ref
	subjEnd := -1 // token after the subject group
	if subj >= 0 {
		subj = s.groupStart(subj)
		var last int
		subjRefs, last = s.group(subj, m.t0, false)
		subjEnd = s.parties[last].tok1
	}

	// Right side: parties after the trigger's head, within a window.
	window := 12
	if tr.Flags.Noun {
		window = 8
	}
	limit := m.t1 + window
	vpCut := false // the window ends where the subject goes on with another verb
	s.clauseEnd = -1
	for j := m.t1; j < len(s.toks) && j < limit; j++ {
		t := s.toks[j]
		if t.Lower == ";" || (has(s.classes[j], "say") && j > m.t1) {
			limit = j
			break
		}
		if x.grammar != nil && j > m.t1 && has(s.classes[j], "relpro") {
			limit = j // "… visit Australia after the G-20 summit", "the attack, which killed …"
			s.clauseEnd = j
			break
		}
		if x.grammar != nil && j > m.t1 && x.newClause(s, j, ms) {
			limit = j // "rejected the criticism and urged Washington to …"
			vpCut = x.clauseBreak(s, j, ms)
			s.clauseEnd = j
			break
		}
	}
	first := -1
	for i, p := range s.parties {
		if p.tok0 < m.headEnd || p.tok0 >= limit || (len(p.codes) == 0 && !p.nonstate) {
			continue
		}
		if p.place && !(visit && (p.prep == "place" || p.prep == "to")) {
			continue
		}
		if p.prep == "place" && !placeOK {
			continue // "di Ukraina": where, not to whom
		}
		if p.prep == "about" {
			continue // "perundingan mengenai Ukraina": the topic, not a party
		}
		if p.prep == "agent" && readsPassive && !passive && !tr.Flags.Noun && tr.Flags.Recip {
			continue // "restored relations in a deal brokered by China": no partner of the act
		}
		if p.civil && (tr.Flags.Recip || m.typ.Cooperative()) && m.typ != "AID" {
			continue // "kontrak dengan perusahaan asal Turki": a firm is not its state
		}
		if !tr.Flags.Recip && len(p.codes) > 0 && sameCodes(p.codes, subjRefs) {
			continue // "Indonesia menghentikan penempatan pekerja migran Indonesia ke Malaysia"
		}
		first = i
		break
	}
	var right []ref
	rightPrep := ""
	if first >= 0 && s.parties[first].nonstate {
		// "dukungan Barat terhadap …": a non-state party holds the slot.
		if tr.Flags.Noun && s.parties[first].tok0-m.t1 <= 3 {
			return nil, nil, 0, false
		}
		if p := s.parties[first]; x.grammar != nil && (p.prep == "" || p.prep == "rcp" || p.prep == "to") && p.tok0-m.t1 <= 2 {
			// "Iran, which backs Hezbollah, …", "called on the international
			// community to …": the verb's object is no state.
			return nil, nil, 0, false
		}
		first = -1
		for i, p := range s.parties {
			if p.tok0 >= m.headEnd && p.tok0 < limit && len(p.codes) > 0 && !p.place && (p.prep != "place" || placeOK) {
				first = i
				break
			}
		}
	}
	if first >= 0 {
		right = s.rightGroup(first, limit, visit)
		rightPrep = s.parties[first].prep
	}

	// "Sanksi … dijatuhkan oleh Uni Eropa": an agent phrase names the actor.
	agent := -1
	if !tr.Flags.Recip && !passive && (!readsPassive || tr.Flags.Noun) {
		for i, p := range s.parties {
			if p.tok0 >= m.t1 && p.tok0 < limit && p.prep == "agent" && len(p.codes) > 0 {
				agent = i
				break
			}
		}
	}
	switch {
	case agent >= 0:
		acts = s.rightGroup(agent, limit, false)
		if first >= 0 && first != agent && !sameCodes(s.parties[first].codes, acts) {
			rcps = right
		} else {
			rcps = subjRefs
		}
	case tr.Flags.Host:
		acts, rcps = right, subjRefs
	case passive:
		rcps = subjRefs
		if first >= 0 && (rightPrep == "agent" || rightPrep == "" && s.parties[first].tok0-m.t1 <= 2) {
			acts = right
			right = nil
		}
	case tr.Flags.Noun && first >= 0 && rightPrep == "" && s.parties[first].tok0-m.t1 <= 3:
		// "kunjungan Putin ke Korut": the genitive is the actor.
		acts = right
		next := -1
		for i := first + 1; i < len(s.parties); i++ {
			p := s.parties[i]
			if p.tok0 >= limit {
				break
			}
			if len(p.codes) > 0 && (!p.place || visit && (p.prep == "to" || p.prep == "place")) && !sameCodes(p.codes, acts) {
				next = i
				break
			}
		}
		if next >= 0 {
			rcps = s.rightGroup(next, limit, visit)
		} else if subj >= 0 {
			rcps = subjRefs
		}
	case rightPrep == "from" && !tr.Flags.Recip && (m.typ == "AID" || m.typ == "SUPPORT"):
		// "menerima bantuan dari Jepang": the source acts.
		acts, rcps = right, subjRefs
	default:
		acts, rcps = subjRefs, right
		if tr.Flags.Noun && subj >= 0 && m.t0-subjEnd > nounReach && !visit {
			// "Obama mengatakan sanksi harus …": a noun far from the subject
			// is no act of the subject's.
			acts = nil
		}
	}

	// An actor missing from the sentence: the speaker of a reported-speech
	// frame, or the subject carried from the sentences before.
	if len(acts) == 0 && !tr.Flags.Host && !nonstateSubj {
		if sp := s.speaker(m.t0); len(sp) > 0 {
			acts = sp
			conf -= 0.1
		} else if sp := x.frameSubject(s, m.t0); len(sp) > 0 {
			acts = sp // "China's commerce ministry said it … would take necessary measures"
			conf -= 0.1
		} else if len(st.lastSubject) > 0 && s.mayCarrySubject(m.t0, x.grammar != nil) {
			for _, c := range st.lastSubject {
				acts = append(acts, ref{c, "", "GOV"})
			}
			conf -= 0.2
		}
	}
	if tr.Flags.Recip && !tr.Flags.Host && (!passive || readsPassive && len(rcps) == 0) {
		// "The agreement was signed by Egypt and Greece": with no subject,
		// the agents are all the parties.
		all := append(append([]ref{}, acts...), rcps...)
		acts, rcps = uniqRefs(all), nil
		if len(acts) == 1 && !tr.Flags.Noun && (x.grammar == nil || subj >= 0) {
			// "Indonesia sepakat …": the partner from the context.
			for k := len(st.recent) - 1; k >= 0; k-- {
				if c := st.recent[k]; c != acts[0].code {
					acts = append(acts, ref{c, "", "GOV"})
					conf -= 0.2
					break
				}
			}
		}
		if len(acts) < 2 {
			return nil, nil, 0, false
		}
		return acts, nil, conf, true
	}
	if len(rcps) == 0 && len(uniqRefs(acts)) >= 2 && m.typ.Cooperative() && !tr.Flags.Host && subj >= 0 && !s.parties[subj].anaphor &&
		(x.grammar == nil || s.hasClassBetween(m.t0, limit, "mutual") || s.hasClassBetween(m.t0, limit, "join")) {
		// "Putin dan Maduro menegaskan kembali komitmen mereka …": a
		// cooperative act of a coordinated subject is mutual.
		return uniqRefs(acts), nil, conf, true
	}
	if len(rcps) == 0 && (!tr.Flags.Noun || visit) {
		// "delegasi AS meninggalkan Niger, menyusul kunjungan …": an
		// object before the trigger.
		for i := len(s.parties) - 1; i >= 0; i-- {
			p := s.parties[i]
			if p.tok1 > m.t0 || p.place || len(p.codes) == 0 || i == subj || (p.prep == "place" && !placeOK) {
				continue
			}
			if x.grammar != nil && !s.relativeAfter(p.tok1) && !s.participle(m.t0) {
				// English puts an object before its verb only in a relative
				// clause ("Ukraine, which Russia invaded"), or a participle
				// clause shares the main clause's ("cutting relations with
				// Morocco, …, accusing its neighbour of …").
				break
			}
			rcps = refs(p)
			conf -= 0.15
			break
		}
	}
	acts = uniqRefs(acts)
	if len(acts) == 0 {
		return nil, nil, 0, false
	}
	if len(rcps) == 0 && !tr.Flags.Weak && !tr.Flags.Noun && objectless[m.typ] && s.onlyParty(acts, x.objectlessEnd(s, limit)) {
		// "Kemlu RI sudah melayangkan nota protes": the other party is the
		// one the page was just talking about; for a pack with a grammar,
		// first the one the rest of the sentence names ("Japan condemned
		// the launches and lodged a protest with North Korea").
		if x.grammar != nil && vpCut {
			for _, p := range s.parties {
				if p.tok0 >= limit && len(p.codes) > 0 && !p.place && p.prep != "place" && p.prep != "about" && !sameCodes(p.codes, acts) {
					rcps = refs(p)
					conf -= 0.2
					break
				}
			}
		}
		for k := len(st.recent) - 1; k >= 0 && len(rcps) == 0; k-- {
			if c := st.recent[k]; !containsCode(acts, c) {
				rcps = []ref{{c, "", "GOV"}}
				conf -= 0.25
				break
			}
		}
	}
	var r2 []ref
	for _, r := range uniqRefs(rcps) {
		if !containsCode(acts, r.code) {
			r2 = append(r2, r)
		}
	}
	if len(acts) == 0 || len(r2) == 0 {
		return nil, nil, 0, false
	}
	return acts, r2, conf, true
}

// groupReach is how far past the search window a coordinated list of
// parties may run ("… yaitu Uni Emirat Arab, Turki, Mesir, Qatar, dan
// Yordania").
const groupReach = 12

// nounReach is how many words may stand between a subject and a noun
// trigger it performs ("Pemerintah Niger mengumumkan pembatalan …").
const nounReach = 4

// placeTypes are the event types whose recipient may be named as a place
// ("menyerang sembilan lokasi di Pakistan").
var placeTypes = map[record.Type]bool{"ASSAULT": true, "COERCE": true, "MOBILIZE": true, "AID": true, "PROTEST": true}

// civilTypes are the acts that citizens of a state perform for it
// ("warga Korea Selatan berunjuk rasa …").
var civilTypes = map[record.Type]bool{"PROTEST": true}

// groupStart walks left from party i over parties coordinated with it.
func (s *sentence) groupStart(i int) int {
	for i > 0 {
		prev, cur := s.parties[i-1], s.parties[i]
		if prev.place || len(prev.codes) == 0 || prev.prep != "" && prev.prep != cur.prep {
			break
		}
		gap := cur.tok0 - prev.tok1
		if gap > 5 || gap > 3 && !s.titleGap(prev.tok1, cur.tok0) {
			break
		}
		joined := gap == 0
		for j := prev.tok1; j < cur.tok0; j++ {
			if has(s.classes[j], "and") || s.toks[j].Lower == "-" || s.toks[j].Lower == "/" {
				joined = true
			}
		}
		if !joined {
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
		case has(s.classes[j], "and"):
			and = true
		case t.Upper || t.Lower == ",":
		default:
			return false
		}
	}
	return and
}

// mayCarrySubject reports whether a trigger at tok with no party before it
// may take the subject of earlier sentences: when a pronoun or a bare title
// stands for it ("Ia mengecam …", "Junta mengusir …") or the clause starts
// with the verb.
func (s *sentence) mayCarrySubject(tok int, grammar bool) bool {
	if grammar {
		// English states its subjects: only a pronoun or a participle
		// clause ("…, accusing its neighbour of …") leaves it to the
		// context, never a verb near the start ("Typhoon Haiyan hit …").
		if s.participle(tok) {
			return true
		}
		if s.nameSubject(tok) {
			return true // "Lamamra accused Morocco of …": a person the gazetteer does not know
		}
		for j := 0; j < tok; j++ {
			if has(s.classes[j], "subj") {
				return true
			}
		}
		return false
	}
	if tok <= 2 {
		return true
	}
	for j := 0; j < tok; j++ {
		if has(s.classes[j], "subj") {
			return true
		}
	}
	return false
}

// objectless are the types whose object news often leaves to the context
// ("Indonesia mengecam keras", "melayangkan nota protes").
var objectless = map[record.Type]bool{"ACCUSE": true, "REQUEST": true, "REJECT": true, "SANCTION": true}

// objectlessEnd is how far onlyParty looks: the whole sentence, or for a
// pack with a grammar the trigger's own clause (window end), so that
// "Mikati condemned the strikes and called on … Israel" still takes its
// object from the context.
func (x *Extractor) objectlessEnd(s *sentence, limit int) int {
	if x.grammar != nil {
		return limit
	}
	return len(s.toks)
}

// onlyParty reports whether the sentence names no party besides acts before
// token end.
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
// Rusia"), for a trigger at tok that has no subject of its own.
func (s *sentence) speaker(tok int) []ref {
	for j := 0; j < len(s.toks); j++ {
		if !has(s.classes[j], "say") {
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

// contexts returns the PLOVER contexts of an event: its trigger's, then
// those the sentence's words suggest (looked up once per sentence).
func (x *Extractor) contexts(s *sentence, m *match) []string {
	if !s.ctxDone {
		s.ctx, s.ctxDone = x.sentenceContexts(s), true
	}
	out := make([]string, 0, len(m.tr.Contexts)+len(s.ctx))
	for _, c := range append(m.tr.Contexts[:len(m.tr.Contexts):len(m.tr.Contexts)], s.ctx...) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func (x *Extractor) sentenceContexts(s *sentence) []string {
	var out []string
	add := func(cs []string) {
		for _, c := range cs {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	for i := range s.toks {
		if s.toks[i].Kind != token.Word {
			continue
		}
		if i+1 < len(s.toks) {
			if cs, ok := x.lx.Contexts[s.toks[i].Lower+" "+s.toks[i+1].Lower]; ok {
				add(cs)
				continue
			}
		}
		if cs, ok := x.lx.Contexts[s.toks[i].Lower]; ok {
			add(cs)
		} else if cs, ok := x.lx.Contexts[s.stems[i]]; ok {
			add(cs)
		}
	}
	return out
}

// sentenceEvents codes the events of one sentence.
func (x *Extractor) sentenceEvents(d *article.Doc, s *sentence, st *docState) []record.Event {
	if len(s.parties) == 0 {
		return nil
	}
	x.resolveAnaphora(s, st)
	ms := x.matches(s)
	if len(ms) == 0 {
		return nil
	}
	type cand struct {
		ev   record.Event
		prio int
		weak bool
		keys []string
	}
	var cands []cand
	for i := range ms {
		m := &ms[i]
		fact, typ := x.factuality(s, m)
		acts, rcps, conf, ok := x.roles(s, m, ms, st)
		if !ok {
			continue
		}
		if m.tr.Flags.Weak {
			conf -= 0.15
		}
		ev := record.Event{
			Doc:        d.ID,
			Lang:       d.Lang,
			Type:       typ,
			Mode:       m.tr.Mode,
			Contexts:   x.contexts(s, m),
			Factuality: fact,
			Sentence:   s.s.Text,
			Trigger:    s.s.Text[s.toks[m.t0].Span.Start-s.s.Span.Start : s.toks[m.t1-1].Span.End-s.s.Span.Start],
			Quad:       typ.Quad(),
			Codebook:   record.Codebook,
			Confidence: float64(int(max(0.05, min(conf, 0.95))*100)) / 100,
		}
		if typ != m.tr.Type {
			ev.Mode = ""
		}
		for _, a := range acts {
			ev.Actors = append(ev.Actors, record.Party{Code: a.code, Text: a.text, Role: a.role})
		}
		ev.Recipients = []record.Party{}
		for _, r := range rcps {
			ev.Recipients = append(ev.Recipients, record.Party{Code: r.code, Text: r.text, Role: r.role})
		}
		sp := d.Map.RawSpan(s.s.Span)
		ev.Span = [2]int{min(sp.Start, len(d.Raw)), min(sp.End, len(d.Raw))}
		if !st.pub.IsZero() {
			p := st.pub.String()
			ev.PubDate = &p
		}
		if !s.date.IsZero() {
			ds := s.date.String()
			ev.Date = &ds
			ev.DatePrecision = s.date.Precision()
			ev.DateNote = s.note
		}
		ev.SetID()
		prio := m.prio
		if !m.tr.Flags.Noun {
			prio++ // a verb beats a noun of the same priority
		}
		if fact != record.Asserted {
			prio -= 100 // an act that did not happen never hides one that did
		}
		keys := pairKeys(&ev)
		if x.grammar != nil {
			// Acts of different clauses ("restored the shuttle diplomacy and
			// held a series of meetings") do not compete for a pair.
			c := x.clauseOf(s, m.t0, ms)
			for k := range keys {
				keys[k] = fmt.Sprint(c) + ":" + keys[k]
			}
		}
		cands = append(cands, cand{ev: ev, prio: prio, weak: m.tr.Flags.Weak, keys: keys})
	}
	// For each pair of parties, the strongest trigger in the sentence wins.
	best := map[string]int{}
	for i, c := range cands {
		for _, k := range c.keys {
			j, ok := best[k]
			if !ok || better(c.prio, c.weak, cands[j].prio, cands[j].weak) {
				best[k] = i
			}
		}
	}
	var out []record.Event
	for i, c := range cands {
		win := false
		for _, k := range c.keys {
			if best[k] == i {
				win = true
			}
		}
		if win {
			out = append(out, c.ev)
		}
	}
	return out
}

func better(p1 int, w1 bool, p2 int, w2 bool) bool {
	if w1 != w2 {
		return !w1
	}
	return p1 > p2
}

// pairKeys returns the unordered party pairs of an event.
func pairKeys(e *record.Event) []string {
	var ks []string
	pair := func(a, b string) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		ks = append(ks, a+"-"+b)
	}
	if len(e.Recipients) > 0 {
		for _, a := range e.Actors {
			for _, r := range e.Recipients {
				pair(a.Code, r.Code)
			}
		}
	} else {
		for i, a := range e.Actors {
			for _, b := range e.Actors[i+1:] {
				pair(a.Code, b.Code)
			}
		}
	}
	return ks
}

// updateContext remembers the sentence's parties for anaphora and for
// sentences without a subject of their own.
func (x *Extractor) updateContext(s *sentence, st *docState) {
	subjSet := false
	for _, p := range s.parties {
		if p.place || len(p.codes) == 0 {
			continue
		}
		if !subjSet && p.prep == "" && !p.anaphor {
			st.lastSubject = append(st.lastSubject[:0], p.codes...)
			subjSet = true
		}
		st.recent = append(st.recent, p.codes...)
	}
	if len(st.recent) > 32 {
		st.recent = append(st.recent[:0], st.recent[len(st.recent)-16:]...)
	}
}

// dedupe keeps the first event of each act (type, actors, recipients) in
// a document: a page that repeats an act reports one event.
func dedupe(evs []record.Event) []record.Event {
	seen := map[string]int{}
	var out []record.Event
	for _, e := range evs {
		k := string(e.Factuality) + "|" + e.Key()
		if i, ok := seen[k]; ok {
			if out[i].Date == nil && e.Date != nil {
				out[i].Date, out[i].DatePrecision, out[i].DateNote = e.Date, e.DatePrecision, e.DateNote
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, e)
	}
	return out
}
