package event

import (
	"mitra/internal/lang"
	"mitra/internal/record"
	"mitra/internal/token"
)

// This file holds the clause rules the engine applies when the pack's
// grammar answers lang.Clauses (English): a language that marks its clauses
// with coordinators, relative pronouns, subordinators and auxiliaries lets
// the engine read an act's subject, object and mood within its clause. The
// rules were written and checked on English; the Indonesian and Malay pack
// keeps the engine's other readings until they are measured for it.

// clauses reports whether the clause rules apply to the sentence.
func (s *sentence) clauses() bool { return s.cl != nil }

// verbAt reports whether token i is a verb: an inflected form the grammar
// knows, or the head of a trigger that is no noun.
func (s *sentence) verbAt(i int) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].Kind != token.Word {
		return false
	}
	if s.verb[i] {
		return true
	}
	for k := range s.ms {
		if s.ms[k].t0 == i && !s.ms[k].tr.Flags.Noun {
			return true
		}
	}
	return false
}

// lexicalVerb reports whether token i is a verb that is no auxiliary.
func (s *sentence) lexicalVerb(i int) bool {
	return s.verbAt(i) && !s.cl.Auxiliary(s.toks[i].Lower)
}

// adverbish reports whether token i may stand between a coordinator and its
// verb ("and then met", "and also signed", "and swiftly condemned").
func (s *sentence) adverbish(i int) bool {
	t := s.toks[i]
	return t.Kind == token.Word && (s.cl.Adverb(t.Lower) || s.classes[i].Has(lang.Then))
}

// afterCoordinator returns the token after the coordinator at j (", and"
// counts as one, and an adverb or a short time phrase is passed over: "and
// then met", "and last year summoned") and whether j holds a coordinator.
func (s *sentence) afterCoordinator(j int) (int, bool) {
	if !s.classes[j].Has(lang.And) {
		return 0, false
	}
	k := j + 1
	if k < len(s.toks) && s.classes[k].Has(lang.And) {
		k++
	}
	for skip := 0; skip < 2 && k+1 < len(s.toks) && !s.verbAt(k) && !s.inParty(k); skip++ {
		t := s.toks[k]
		if !(s.adverbish(k) || t.Kind == token.Num || t.Kind == token.Word && !t.Upper && s.classes[k] == 0) {
			break
		}
		if skip == 1 && !s.verbAt(k+1) {
			break
		}
		k++
	}
	return k, k < len(s.toks)
}

// clauseBreak reports whether a coordinated verb with no subject of its own
// starts at token j: "… visited Beirut and met Lebanese officials",
// "rejected the criticism and urged Washington to …".
func (s *sentence) clauseBreak(j int) bool {
	k, ok := s.afterCoordinator(j)
	return ok && !s.inParty(k) && s.verbAt(k)
}

// newClause reports whether any new clause starts at token j: a clause
// break, or a coordinator, a party and a verb (", and Washington has warned
// Chinese banks …"). A list ("on Russia, Belarus and Iran.") is none.
func (s *sentence) newClause(j int) bool {
	k, ok := s.afterCoordinator(j)
	if !ok {
		return false
	}
	for k < len(s.toks) && s.inParty(k) {
		k++
	}
	if k < len(s.toks) && s.adverbish(k) && !s.verbAt(k) {
		k++
	}
	return s.verbAt(k)
}

// clauseOf returns the index of the clause that holds token tok: how many
// clause starts (a coordinated clause, a relative pronoun or a
// subordinator) stand before it.
func (s *sentence) clauseOf(tok int) int {
	n := 0
	for j := 1; j < tok; j++ {
		if s.classes[j].Has(lang.Relpro) || s.newClause(j) {
			n++
		}
	}
	return n
}

// coordSubjectLimit returns, for a trigger in a coordinated clause ("Barrot
// visited Beirut and met officials", "Mali expelled the French ambassador
// and turned to Russia for help"), the first token of the lexical verb
// before the coordinator: the clause shares that verb's subject, which
// stands before it. It returns m.t0 when no such clause holds the trigger.
func (s *sentence) coordSubjectLimit(m *match) int {
	if k := m.t0 - 1; k > 0 && s.classes[k].Has(lang.Relpro) && s.cl.Participle(s.toks[m.t0].Lower) {
		// "… to meet Biden before attending the APEC summit": a participle
		// after a subordinator shares the main clause's subject.
		for v := k - 1; v >= 0; v-- {
			if t := s.toks[v]; t.Kind == token.Punct && t.Lower != "," && t.Lower != "-" && t.Lower != "\"" {
				break
			}
			if !s.inParty(v) && s.lexicalVerb(v) && !(v > 0 && s.classes[v-1].Has(lang.Comp)) {
				return v
			}
		}
	}
	j := m.t0 - 1
	for ; j > 0; j-- {
		t := s.toks[j]
		if t.Kind == token.Punct && t.Lower != "," && t.Lower != "-" && t.Lower != "\"" || s.classes[j].Has(lang.Say) {
			return m.t0
		}
		if s.clauseBreak(j) {
			break
		}
	}
	if j <= 0 {
		return m.t0
	}
	if s.classes[j-1].Has(lang.And) {
		j--
	}
	for v := j - 1; v >= 0; v-- {
		t := s.toks[v]
		if t.Kind == token.Punct && t.Lower != "," && t.Lower != "-" && t.Lower != "\"" {
			break
		}
		if !s.inParty(v) && s.lexicalVerb(v) {
			return v
		}
	}
	return m.t0
}

// infinitive reports whether the trigger is an infinitive after "to" (class
// comp): "urged Washington to stop", "is scheduled to travel … to meet".
func (s *sentence) infinitive(m *match) bool {
	return m.t0 > 0 && s.classes[m.t0-1].Has(lang.Comp)
}

// participle reports whether the trigger at tok opens a participle clause
// after a comma ("…, accusing its neighbour of …"), which shares the main
// clause's subject and context.
func (s *sentence) participle(tok int) bool {
	return tok > 0 && s.toks[tok-1].Lower == "," && s.cl.Participle(s.toks[tok].Lower)
}

// relativeAfter reports whether a relative clause opens at token j (after an
// optional comma): "Ukraine, which Russia invaded".
func (s *sentence) relativeAfter(j int) bool {
	if j < len(s.toks) && s.toks[j].Lower == "," {
		j++
	}
	return j < len(s.toks) && s.classes[j].Has(lang.Relpro)
}

// nameSubject reports whether the words before token tok are a person the
// gazetteer does not know, standing as the subject: one to three capitalised
// words, or a title ("Lamamra accused …", "The minister accused …").
func (s *sentence) nameSubject(tok int) bool {
	if tok < 1 || tok > 4 {
		return false
	}
	names, titles := 0, 0
	for j := 0; j < tok; j++ {
		t := s.toks[j]
		switch {
		case t.Kind != token.Word || s.classes[j].Has(lang.Det):
			return false
		case s.classes[j].Has(lang.Title | lang.Subj):
			titles++
		case t.Upper && !s.possessiveAt(j):
			names++
		default:
			return false
		}
	}
	// A surname alone, or a full name after a title; "Typhoon Haiyan" is
	// no person, and a possessive name ("Wang's visit") qualifies a noun.
	return names == 1 || names == 2 && titles > 0
}

// appositive reports whether party i is a possessive in an apposition after
// another party ("China, Myanmar's largest investor, …"): it qualifies a
// noun, and is neither a subject nor coordinated with the party before it.
func (s *sentence) appositive(i int) bool {
	if !s.clauses() || i == 0 {
		return false
	}
	p, prev := s.parties[i], s.parties[i-1]
	if p.tok0 < 1 || s.toks[p.tok0-1].Lower != "," || prev.tok1 != p.tok0-1 || p.tok1 >= len(s.toks) {
		return false
	}
	return p.possessive && s.toks[p.tok1].Kind == token.Word
}

// frameSubject returns, for a trigger after a subject pronoun in a
// reporting frame ("China's commerce ministry said it would take …"), the
// parties of the frame's subject: the first party of the sentence, with no
// preposition before it, and a reporting word and then a pronoun between it
// and the trigger.
func (s *sentence) frameSubject(tok int) []ref {
	if !s.clauses() {
		return nil
	}
	for i, p := range s.parties {
		if p.tok0 >= tok {
			return nil
		}
		if p.place || p.prep != 0 || len(p.codes) == 0 || p.anaphor {
			continue
		}
		for j := p.tok1; j < tok && j <= p.tok1+6; j++ {
			if s.classes[j].Has(lang.Say) {
				if s.hasClassBetween(j+1, tok, lang.Subj) {
					rs, _ := s.group(i, tok, false)
					return rs
				}
				return nil
			}
		}
		return nil
	}
	return nil
}

// titleRun reports whether tokens [a,b) are a title of two or three words
// between a state and its office holder ("Pakistani Prime Minister Imran
// Khan"): capitalised words or words of class title.
func (s *sentence) titleRun(a, b int) bool {
	if !s.clauses() || b-a < 2 || b-a > 3 {
		return false
	}
	for j := a; j < b; j++ {
		t := s.toks[j]
		if t.Kind != token.Word || !(t.Upper || s.classes[j].Has(lang.Title)) {
			return false
		}
	}
	return true
}

// titleEndingAt returns the first token of a word of class title that ends
// right before token j ("ministers" in "ministers of"), or -1.
func (s *sentence) titleEndingAt(j int) int {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if s.classes[k].Has(lang.Title) && k+s.clen[k] == j {
			return k
		}
	}
	return -1
}

// coveringPrep returns the preposition of a longer form that starts before
// token j and covers it ("statement on" read as about), or 0.
func (s *sentence) coveringPrep(j int) lang.Class {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if k+s.clen[k] > j {
			if p := s.classes[k].Prep(); p != 0 {
				return p
			}
		}
	}
	return 0
}

// amountSign reports whether a punctuation token belongs to an amount
// ("$2 billion", "50%"), so that a trigger's gap may cross it.
func amountSign(t token.Token) bool {
	switch t.Lower {
	case "$", "%", "€", "£", "¥":
		return true
	}
	return false
}

// directObject reports whether a plain word (no class, no party, no
// punctuation) follows the trigger: its object is a noun phrase, so a
// reciprocal act there has no partner left for the context to give ("met
// business leaders", "signed a law").
func (s *sentence) directObject(m *match) bool {
	j := m.t1
	return j < len(s.toks) && s.toks[j].Kind == token.Word && !s.inParty(j) && s.classes[j]&(lang.Preps|lang.Say|lang.And|lang.Relpro|lang.Comp) == 0
}

// alleged reports whether the trigger m is what an accusation before it in
// the same clause alleges ("accused Morocco of financing hostile groups"):
// not an act the page asserts. Clause rules only.
func (s *sentence) alleged(before []match, m *match) bool {
	if !s.clauses() {
		return false
	}
	for k := len(before) - 1; k >= 0; k-- {
		p := &before[k]
		if p.tr.Type != record.Accuse || p.tr.Mode != record.Allege || p.t1 > m.t0 {
			continue
		}
		for j := p.t1; j < m.t0; j++ {
			if t := s.toks[j]; t.Kind == token.Punct && t.Lower != "\"" && t.Lower != "-" || s.classes[j].Has(lang.Relpro) || s.newClause(j) {
				return false
			}
		}
		return true
	}
	return false
}

// possessiveAt reports whether token j carries a possessive ending.
func (s *sentence) possessiveAt(j int) bool {
	return s.gr != nil && s.gr.Possessive(s.toks[j].Text) > 0
}
