package event

import (
	"mitra/internal/lang"
	"mitra/internal/record"
	"mitra/internal/token"
)

// Steps away from the sentence's own words that the role rules may take to
// find a party; an event's reading lists them, and its confidence weighs
// them (see confidence.go).
const (
	// stepSpeaker: the actor is the speaker of a reporting frame ("…, kata
	// Menlu Rusia").
	stepSpeaker = "speaker"
	// stepCarried: the actor is the subject of earlier sentences.
	stepCarried = "carried"
	// stepPartner: a reciprocal act's partner comes from the context.
	stepPartner = "partner"
	// stepObjectBefore: the recipient stands before the trigger.
	stepObjectBefore = "object-before"
	// stepRecentRecipient: the recipient is the party the page was just
	// talking about.
	stepRecentRecipient = "recent-recipient"
	// stepHome: a party is a bare home reference ("Kerajaan") read as the
	// page's own state (home.go).
	stepHome = "home"
)

// reading says how an event's parties were read: the direction rule that
// decided and the steps taken away from the sentence's own words.
type reading struct {
	rule  string
	steps []string
}

// Reaches, in tokens.
const (
	// verbWindow and nounWindow are how far after a verb or a noun trigger
	// its object may stand.
	verbWindow = 12
	nounWindow = 8
	// genitiveReach is how close after a noun trigger its genitive (the
	// actor: "kunjungan Putin") stands; a noun whose first party after it
	// is a non-state one this close has no state actor.
	genitiveReach = 3
	// passiveAgentReach is how close after a passive verb a bare agent
	// stands ("dipanggil Kemlu").
	passiveAgentReach = 2
	// nounReach is how many words may stand between a subject and a noun
	// trigger it performs ("Pemerintah Niger mengumumkan pembatalan …").
	nounReach = 4
	// objectReach is how close after a verb its direct object stands
	// ("backs Hezbollah", "called on the international community").
	objectReach = 2
)

// placeTypes are the event types whose recipient may be named as a place
// ("menyerang sembilan lokasi di Pakistan").
var placeTypes = map[record.Type]bool{record.Assault: true, record.Coerce: true, record.Mobilize: true, record.Aid: true, record.Protest: true}

// civilTypes are the acts that citizens of a state perform for it
// ("warga Korea Selatan berunjuk rasa …").
var civilTypes = map[record.Type]bool{record.Protest: true}

// objectless are the types whose object news often leaves to the context
// ("Indonesia mengecam keras", "melayangkan nota protes").
var objectless = map[record.Type]bool{record.Accuse: true, record.Request: true, record.Reject: true, record.Sanction: true}

// slots are the parties in each position around one trigger, as the
// sentence's words place them: the subject before it, the first party after
// it (with the preposition that governs it), an agent phrase. The role rules
// read the event's actors and recipients from the slots.
type slots struct {
	s       *sentence
	st      *docState
	m       *match
	tr      *lang.Trigger
	passive bool
	visit   bool
	placeOK bool // a party named as a place may be the recipient

	subj         int // index of the first party of the subject group, or -1
	subjRefs     []ref
	subjEnd      int  // token after the subject group
	nonstateSubj bool // a non-state head holds the subject slot

	limit     int  // end of the search window after the trigger
	vpCut     bool // the window ends where the subject goes on with another verb (clause rules)
	first     int  // index of the first party after the trigger, or -1
	right     []ref
	rightPrep lang.Class
	agent     int // index of an agent phrase's party ("oleh Uni Eropa"), or -1

	acts, rcps []ref
	rule       string   // the name of the rule that assigned the roles
	steps      []string // steps taken away from the sentence's own words
	refuse     bool     // the slots name no pair of states (a non-state object)
}

// roleRule is one case of reading an event's direction from its slots.
// Rules are tried in order; the first whose when holds assigns the roles.
type roleRule struct {
	name   string
	when   func(*slots) bool
	assign func(*slots)
}

// directionRules decide who acts and who is acted on, one rule per case of
// docs/architecture.md's "Roles".
var directionRules = []roleRule{
	{name: "agent phrase", // "Sanksi … dijatuhkan oleh Uni Eropa"
		when: func(sl *slots) bool { return sl.agent >= 0 },
		assign: func(sl *slots) {
			sl.acts = sl.s.rightGroup(sl.agent, sl.limit, false)
			if sl.first >= 0 && sl.first != sl.agent && !sameCodes(sl.s.parties[sl.first].codes, sl.acts) {
				sl.rcps = sl.right
			} else {
				sl.rcps = sl.subjRefs
			}
		}},
	{name: "host", // "Jokowi menerima kunjungan PM Jepang": the subject hosts
		when:   func(sl *slots) bool { return sl.tr.Flags.Host },
		assign: func(sl *slots) { sl.acts, sl.rcps = sl.right, sl.subjRefs }},
	{name: "passive", // "Dubes Rusia dipanggil Kemlu": the subject is acted on
		when: func(sl *slots) bool { return sl.passive },
		assign: func(sl *slots) {
			sl.rcps = sl.subjRefs
			if sl.first >= 0 && (sl.rightPrep == lang.Agent || sl.rightPrep == 0 && sl.s.parties[sl.first].tok0-sl.m.t1 <= passiveAgentReach) {
				sl.acts = sl.right
				sl.right = nil
			}
		}},
	{name: "genitive of a noun", // "kunjungan Putin ke Korut": the genitive acts
		when: func(sl *slots) bool {
			return sl.tr.Flags.Noun && sl.first >= 0 && sl.rightPrep == 0 && sl.s.parties[sl.first].tok0-sl.m.t1 <= genitiveReach
		},
		assign: func(sl *slots) {
			sl.acts = sl.right
			if next := sl.nextParty(sl.first+1, sl.acts); next >= 0 {
				sl.rcps = sl.s.rightGroup(next, sl.limit, sl.visit)
			} else if sl.subj >= 0 {
				sl.rcps = sl.subjRefs
			}
		}},
	{name: "source", // "menerima bantuan dari Jepang": the source acts
		when: func(sl *slots) bool {
			return sl.rightPrep == lang.From && !sl.tr.Flags.Recip && (sl.m.typ == record.Aid || sl.m.typ == record.Support)
		},
		assign: func(sl *slots) { sl.acts, sl.rcps = sl.right, sl.subjRefs }},
	{name: "subject and object", // "AS menjatuhkan sanksi terhadap Rusia"
		when: func(*slots) bool { return true },
		assign: func(sl *slots) {
			sl.acts, sl.rcps = sl.subjRefs, sl.right
			if sl.tr.Flags.Noun && sl.subj >= 0 && sl.m.t0-sl.subjEnd > nounReach && !sl.visit {
				// "Obama mengatakan sanksi harus …": a noun far from the
				// subject is no act of the subject's.
				sl.acts = nil
			}
			if sl.tr.Flags.Noun && sl.subj >= 0 && sl.s.clauses() && sl.s.hasClassBetween(sl.subjEnd, sl.m.t0, lang.Say) {
				// "The United Nations said aid deliveries to Gaza had
				// fallen": the speaker is not the noun's doer.
				sl.acts = nil
			}
		}},
}

// actorRules find an actor the sentence's own slots do not give.
var actorRules = []roleRule{
	{name: "speaker of a reporting frame", // "…, kata Menlu Rusia"
		when: func(sl *slots) bool { return len(sl.s.speaker()) > 0 },
		assign: func(sl *slots) {
			sl.acts = sl.s.speaker()
			sl.steps = append(sl.steps, stepSpeaker)
		}},
	{name: "subject of the reporting frame", // "China's ministry said it would take …" (clause rules)
		when: func(sl *slots) bool { return len(sl.s.frameSubject(sl.m.t0)) > 0 },
		assign: func(sl *slots) {
			sl.acts = sl.s.frameSubject(sl.m.t0)
			sl.steps = append(sl.steps, stepSpeaker)
		}},
	{name: "subject carried from before", // "Ia mengecam …", "Junta mengusir …"
		when: func(sl *slots) bool { return len(sl.st.lastSubject) > 0 && sl.s.mayCarrySubject(sl.m.t0) },
		assign: func(sl *slots) {
			for _, c := range sl.st.lastSubject {
				sl.acts = append(sl.acts, contextRef(c))
			}
			sl.steps = append(sl.steps, stepCarried)
		}},
}

// roles assigns actors and recipients to a trigger match. ok is false when
// the match has no pair of distinct parties.
func (x *Extractor) roles(s *sentence, m *match, st *docState) (acts, rcps []ref, rd reading, ok bool) {
	sl := x.readSlots(s, m, st)
	m.passive = sl.passive
	if sl.refuse || sl.first >= 0 && s.parties[sl.first].nonstate && sl.tr.Flags.Noun && s.parties[sl.first].tok0-m.t1 <= genitiveReach {
		// "dukungan Barat terhadap …": a non-state party holds the slot.
		return nil, nil, reading{}, false
	}
	apply(directionRules, sl)
	if len(sl.acts) == 0 && !sl.tr.Flags.Host && !sl.nonstateSubj {
		apply(actorRules, sl)
	}
	acts, rcps, rd, ok = sl.complete()
	for _, r := range append(acts[:len(acts):len(acts)], rcps...) {
		if r.kind == kindHome {
			rd.steps = append(rd.steps, stepHome)
			break
		}
	}
	return acts, rcps, rd, ok
}

// apply runs the first rule of rules that holds.
func apply(rules []roleRule, sl *slots) {
	for _, r := range rules {
		if r.when(sl) {
			r.assign(sl)
			if sl.rule == "" {
				sl.rule = r.name
			}
			return
		}
	}
}

// readSlots places the sentence's parties around the trigger.
func (x *Extractor) readSlots(s *sentence, m *match, st *docState) *slots {
	tr := m.tr
	sl := &slots{s: s, st: st, m: m, tr: tr, subj: -1, subjEnd: -1, first: -1, agent: -1}
	sl.visit = tr.Mode == record.Visit
	sl.passive = !tr.Flags.NoPass && !tr.Flags.Noun && x.gr.Passive(s.toks, s.stems, m.t0)
	sl.placeOK = sl.visit || placeTypes[m.typ]

	// Subject: the nearest party before the trigger that no preposition
	// governs, with the parties coordinated before it ("Inggris, Australia,
	// Kanada, dan Uni Eropa mengkritik …"). With the clause rules, a
	// coordinated verb's subject stands before the verb it goes on from
	// ("Barrot visited Beirut and met officials"), and a possessive in an
	// apposition is no subject ("China, Myanmar's largest investor, …").
	subjLimit := m.t0
	if s.clauses() {
		subjLimit = s.coordSubjectLimit(m)
	}
	for i, p := range s.parties {
		if p.tok1 > subjLimit {
			break
		}
		if p.place || p.prep != 0 || p.civil && !civilTypes[m.typ] || (len(p.codes) == 0 && !p.nonstate) || s.appositive(i) {
			continue
		}
		sl.subj = i
	}
	if sl.subj >= 0 && s.parties[sl.subj].nonstate {
		sl.nonstateSubj = true
		sl.subj = -1
	}
	if sl.subj >= 0 {
		sl.subj = s.groupStart(sl.subj)
		var last int
		sl.subjRefs, last = s.group(sl.subj, m.t0, false)
		sl.subjEnd = s.parties[last].tok1
	}

	// Right side: parties after the trigger's head, within a window that a
	// semicolon or a later reporting verb closes.
	window := verbWindow
	if tr.Flags.Noun {
		window = nounWindow
	}
	sl.limit = m.t1 + window
	if m.t1 < len(s.toks) && s.classes[m.t0].Has(lang.Deny) && s.classes[m.t1].Has(lang.Comp) {
		sl.limit = m.t1 // "membantah bahwa …": what is denied is a clause, not a party
	}
	s.clauseEnd = -1
	for j := m.t1; j < len(s.toks) && j < sl.limit; j++ {
		if s.toks[j].Lower == ";" || (s.classes[j].Has(lang.Say) && j > m.t1) {
			sl.limit = j
			break
		}
		if s.clauses() && j > m.t1 && (s.classes[j].Has(lang.Relpro) || s.newClause(j)) {
			// "visit Australia … after the G-20 summit", "rejected the
			// criticism and urged Washington to …": a new clause.
			sl.limit, s.clauseEnd = j, j
			sl.vpCut = s.clauseBreak(j)
			break
		}
	}
	for i, p := range s.parties {
		if p.tok0 < m.headEnd || p.tok0 >= sl.limit || (len(p.codes) == 0 && !p.nonstate) {
			continue
		}
		if p.place && !(sl.visit && (p.prep == lang.Place || p.prep == lang.To)) {
			continue
		}
		if p.prep == lang.Place && !sl.placeOK {
			continue // "di Ukraina": where, not to whom
		}
		if p.prep == lang.About {
			continue // "perundingan mengenai Ukraina": the topic, not a party
		}
		if p.prep == lang.Agent && s.clauses() && !sl.passive && !tr.Flags.Noun && tr.Flags.Recip {
			continue // "restored relations in a deal brokered by China": no partner of the act
		}
		if p.civil && (tr.Flags.Recip || m.typ.Cooperative()) && m.typ != record.Aid {
			continue // "kontrak dengan perusahaan asal Turki": a firm is not its state
		}
		if !tr.Flags.Recip && len(p.codes) > 0 && sameCodes(p.codes, sl.subjRefs) {
			continue // "Indonesia menghentikan penempatan pekerja migran Indonesia ke Malaysia"
		}
		sl.first = i
		break
	}
	if sl.first >= 0 && s.parties[sl.first].nonstate {
		if tr.Flags.Noun && s.parties[sl.first].tok0-m.t1 <= genitiveReach {
			return sl // roles() refuses the match
		}
		if p := s.parties[sl.first]; s.clauses() && (p.prep == 0 || p.prep == lang.Rcp || p.prep == lang.To) && p.tok0-m.t1 <= objectReach {
			// "Iran, which backs Hezbollah, …", "called on the
			// international community to …": the verb's object is no state.
			sl.refuse = true
			return sl
		}
		sl.first = -1
		for i, p := range s.parties {
			if p.tok0 >= m.headEnd && p.tok0 < sl.limit && len(p.codes) > 0 && !p.place && (p.prep != lang.Place || sl.placeOK) {
				sl.first = i
				break
			}
		}
	}
	if sl.first >= 0 {
		sl.right = s.rightGroup(sl.first, sl.limit, sl.visit)
		sl.rightPrep = s.parties[sl.first].prep
	}

	// "Sanksi … dijatuhkan oleh Uni Eropa": an agent phrase names the actor.
	// With the clause rules every passive is read as one, so a by-phrase
	// after an active verb belongs to its object ("cancelled a visit by the
	// US vice president"): only a noun takes an agent phrase.
	if !tr.Flags.Recip && !sl.passive && (!s.clauses() || tr.Flags.Noun) {
		for i, p := range s.parties {
			if p.tok0 >= m.t1 && p.tok0 < sl.limit && p.prep == lang.Agent && len(p.codes) > 0 {
				sl.agent = i
				break
			}
		}
	}
	return sl
}

// nextParty returns the index of the first party from index i inside the
// window that can be a recipient and is not among acts, or -1.
func (sl *slots) nextParty(i int, acts []ref) int {
	for ; i < len(sl.s.parties); i++ {
		p := sl.s.parties[i]
		if p.tok0 >= sl.limit {
			break
		}
		if len(p.codes) > 0 && (!p.place || sl.visit && (p.prep == lang.To || p.prep == lang.Place)) && !sameCodes(p.codes, acts) {
			return i
		}
	}
	return -1
}

// complete turns the direction into an event's parties: a reciprocal act
// makes every party an actor (finding a partner in the context when the
// sentence names one); a cooperative act of a coordinated subject is mutual;
// a missing recipient may stand before the trigger, or be the party the page
// was just talking about for acts news leaves objectless.
func (sl *slots) complete() (acts, rcps []ref, rd reading, ok bool) {
	s, st, m, tr := sl.s, sl.st, sl.m, sl.tr
	acts, rcps = sl.acts, sl.rcps
	rd = reading{rule: sl.rule, steps: sl.steps}
	mutual := s.mutualBefore(m.t0)
	if (tr.Flags.Recip || mutual) && !tr.Flags.Host && sl.rightPrep == lang.Between && len(uniqRefs(sl.right)) >= 2 {
		// "penandatanganan perjanjian ekstradisi antara Indonesia dan
		// Singapura", "aksi saling serang antara India dan Pakistan": the
		// parties between whom a reciprocal act happens are all its
		// parties; whoever witnesses or reports it is none of them, and no
		// partner is taken from earlier sentences.
		rd.steps = nil
		return uniqRefs(sl.right), nil, rd, true
	}
	if mutual && !tr.Flags.Host && len(rcps) == 0 && len(uniqRefs(acts)) >= 2 {
		// "India dan Pakistan saling menyerang", "Kedua negara saling
		// menembakkan artileri": a reciprocal marker makes every party of
		// the subject an actor, whatever the act.
		return uniqRefs(acts), nil, rd, true
	}
	if tr.Flags.Recip && !tr.Flags.Host && (!sl.passive || s.clauses() && len(rcps) == 0) {
		// With the clause rules a reciprocal passive with no subject takes
		// its agents as all the parties ("was signed by Egypt and Greece").
		all := append(append([]ref{}, acts...), rcps...)
		acts = uniqRefs(all)
		if len(acts) == 1 && !tr.Flags.Noun && (!s.clauses() || sl.subj >= 0 && !s.directObject(m)) {
			// "Indonesia sepakat …": the partner from the context.
			for k := len(st.recent) - 1; k >= 0; k-- {
				if c := st.recent[k]; c != acts[0].code {
					acts = append(acts, contextRef(c))
					rd.steps = append(rd.steps, stepPartner)
					break
				}
			}
		}
		if len(acts) < 2 {
			return nil, nil, reading{}, false
		}
		return acts, nil, rd, true
	}
	if len(rcps) == 0 && len(uniqRefs(acts)) >= 2 && m.typ.Cooperative() && !tr.Flags.Host && sl.subj >= 0 && (!s.parties[sl.subj].anaphor || s.parties[sl.subj].plural) &&
		(!s.clauses() || s.hasClassBetween(m.t0, sl.limit, lang.Mutual|lang.Join)) {
		// (With the clause rules a mutual or joint word must say so:
		// "Saudi Arabia and Egypt expressed support for the move" is not.)
		// "Putin dan Maduro menegaskan kembali komitmen mereka …": a
		// cooperative act of a coordinated subject is mutual.
		return uniqRefs(acts), nil, rd, true
	}
	if len(rcps) == 0 && (!tr.Flags.Noun || sl.visit) {
		// "delegasi AS meninggalkan Niger, menyusul kunjungan …": an
		// object before the trigger.
		for i := len(s.parties) - 1; i >= 0; i-- {
			p := s.parties[i]
			if p.tok1 > m.t0 || p.place || len(p.codes) == 0 || i == sl.subj || (p.prep == lang.Place && !sl.placeOK) {
				continue
			}
			if s.clauses() && !s.relativeAfter(p.tok1) && !s.participle(m.t0) {
				// With the clause rules an object stands before its verb
				// only in a relative clause ("Ukraine, which Russia
				// invaded"), or a participle clause shares the main
				// clause's ("… relations with Morocco, …, accusing its
				// neighbour of …").
				break
			}
			rcps = refs(p)
			rd.steps = append(rd.steps, stepObjectBefore)
			break
		}
	}
	acts = uniqRefs(acts)
	if len(acts) == 0 {
		return nil, nil, reading{}, false
	}
	end := len(s.toks)
	if s.clauses() {
		end = sl.limit // the trigger's own clause
	}
	if len(rcps) == 0 && !tr.Flags.Weak && !tr.Flags.Noun && objectless[m.typ] && s.onlyParty(acts, end) {
		// "Kemlu RI sudah melayangkan nota protes": the other party is the
		// one the page was just talking about; with the clause rules, first
		// the one the subject's next verb names ("Japan condemned the
		// launches and lodged a protest with North Korea").
		if sl.vpCut {
			for _, p := range s.parties {
				if p.tok0 >= sl.limit && len(p.codes) > 0 && !p.place && p.prep != lang.Place && p.prep != lang.About && !sameCodes(p.codes, acts) {
					rcps = refs(p)
					rd.steps = append(rd.steps, stepRecentRecipient)
					break
				}
			}
		}
		for k := len(st.recent) - 1; k >= 0 && len(rcps) == 0; k-- {
			if c := st.recent[k]; !containsCode(acts, c) {
				rcps = []ref{contextRef(c)}
				rd.steps = append(rd.steps, stepRecentRecipient)
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
		return nil, nil, reading{}, false
	}
	return acts, r2, rd, true
}

// mayCarrySubject reports whether a trigger at tok with no party before it
// may take the subject of earlier sentences: when a pronoun or a bare title
// stands for it ("Ia mengecam …", "Junta mengusir …") or the clause starts
// with the verb.
//
// With the clause rules (a language that states its subjects), only a
// pronoun or title, an unknown name ("Lamamra accused …") or a participle
// clause ("…, accusing its neighbour of …") leaves the subject to the
// context, never a verb near the start ("Typhoon Haiyan hit …").
func (s *sentence) mayCarrySubject(tok int) bool {
	if s.clauses() {
		return s.participle(tok) || s.nameSubject(tok) || s.hasClassBetween(0, tok, lang.Subj)
	}
	if tok <= 2 {
		return true
	}
	for j := 0; j < tok; j++ {
		if s.classes[j].Has(lang.Subj) {
			return true
		}
	}
	return false
}

// mutualReach is how far before a trigger a reciprocal marker may stand
// ("saling menyerang", "masih saling menembakkan", "saling tidak
// mempercayai").
const mutualReach = 2

// mutualBefore reports whether a reciprocal marker (class mutual: "saling")
// stands just before the trigger at tok, with no punctuation between.
func (s *sentence) mutualBefore(tok int) bool {
	for j := tok - 1; j >= 0 && j >= tok-mutualReach; j-- {
		if s.toks[j].Kind == token.Punct {
			return false
		}
		if s.classes[j].Has(lang.Mutual) {
			return true
		}
	}
	return false
}
