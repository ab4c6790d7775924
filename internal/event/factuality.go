package event

import (
	"mitra/internal/lang"
	"mitra/internal/record"
	"mitra/internal/token"
)

// modalReach is how many words before a trigger its aspect and modality
// words may stand ("akan segera menandatangani").
const modalReach = 6

// infinitiveReach is how far before an infinitive trigger the look back for
// its mood goes (clause rules).
const infinitiveReach = 10

// cancelReach is how far after a noun trigger a word may call its act off
// ("Kunjungan Presiden Meksiko ke Jepang batal").
const cancelReach = 10

// frameReach is how far before a trigger a verb that frames it (a denial,
// a consideration) may stand.
const frameReach = 12

// frame returns lang.Deny or lang.Consider when a verb of that class
// governs the trigger at t0, or lang.Question when a yes/no question marker
// ("apakah", "whether") opens its clause: it stands before it in the same
// clause (no punctuation but quotes between). Otherwise 0.
func (x *Extractor) frame(s *sentence, t0 int) lang.Class {
	for j := t0 - 1; j >= 0 && j >= t0-frameReach; j-- {
		t := s.toks[j]
		if t.Kind == token.Punct && t.Lower != "\"" && t.Lower != "'" && t.Lower != "-" {
			return 0
		}
		if c := s.classes[j] & (lang.Deny | lang.Consider | lang.Question); c != 0 {
			return c & -c // the lowest class bit, should a word have several
		}
		if s.classes[j].Has(lang.Say) {
			return 0
		}
	}
	return 0
}

// factuality reads the aspect and modality words before a trigger and
// returns the factuality and the type the event should be coded as: a
// question or a condition leaves it unasserted; a negation, a cancellation,
// an uncertainty or a hope next to it does too; future and willingness turn
// a cooperative act into AGREE, a withdrawal into CONCEDE and an attack into
// THREATEN, as PLOVER and the guideline say.
func (x *Extractor) factuality(s *sentence, m *match) (fact record.Factuality, typ record.Type) {
	typ = m.tr.Type
	if n := len(s.toks); n > 0 && s.toks[n-1].Lower == "?" {
		return record.Hypothetical, typ
	}
	if s.firstCond < m.t0 {
		return record.Hypothetical, typ
	}
	switch x.frame(s, m.t0) {
	case lang.Deny:
		return record.Negated, typ
	case lang.Consider, lang.Question:
		return record.Hypothetical, typ
	}
	future, willing := false, false
	// With the clause rules an infinitive ("urged Washington to stop", "is
	// scheduled to travel to the United States next week to meet …") takes
	// the mood of the verb it completes: the look back may pass over one
	// party, its object, and reaches further; it stops at another lexical
	// verb ("will be punished for an air strike": "will" is not the
	// strike's) and at a coordinator ("… and warned Tehran").
	reach, crossed := modalReach, false
	infinitive := s.clauses() && s.infinitive(m)
	if infinitive {
		reach = infinitiveReach
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
		if s.clauses() && (cs == 0 && s.lexicalVerb(j) && !(infinitive && j > 0 && s.classes[j-1].Has(lang.Comp)) || cs.Has(lang.And)) {
			break // (an infinitive's chain goes on: "to travel … to meet")
		}
		switch {
		case cs.Has(lang.Neg):
			if j+1 < len(s.toks) && s.classes[j+1].Has(lang.Only) {
				continue
			}
			return record.Negated, typ
		case cs.Has(lang.Cancel):
			return record.Negated, typ
		case cs.Has(lang.Hypo | lang.Wish):
			return record.Hypothetical, typ
		case cs.Has(lang.Future):
			future = true
		case cs.Has(lang.Willing):
			willing = true
		}
	}
	if s.cancelledNoun(m) {
		return record.Negated, typ
	}
	return tense(typ, future, willing)
}

// cancelledNoun reports whether a word after a noun trigger calls its act
// off ("Kunjungan Presiden Meksiko ke Jepang batal …").
func (s *sentence) cancelledNoun(m *match) bool {
	if !m.tr.Flags.Noun {
		return false
	}
	for j := m.t1; j < len(s.toks) && j < m.t1+cancelReach; j++ {
		if s.toks[j].Kind == token.Punct && s.toks[j].Lower != "-" {
			break
		}
		if s.classes[j].Has(lang.Cancel) {
			return true
		}
	}
	return false
}

// tense turns an asserted act told as future or as willingness into the
// act it is: AGREE for a cooperative act, CONCEDE for a withdrawal,
// THREATEN for an attack or coercion.
func tense(typ record.Type, future, willing bool) (record.Factuality, record.Type) {
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
