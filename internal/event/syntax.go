package event

import (
	"strings"

	"mitra/internal/token"
)

// This file holds the clause rules the engine applies to packs that bring a
// grammar (lang.Pack.Grammar: English). They were written and checked for
// English; the Indonesian and Malay pack keeps the engine's older readings
// until the grammar interface of issue 9 decides which hold for it too.

// verbAt reports whether token i is a verb: a form the grammar knows as one,
// or the head of a trigger that is no noun.
func (x *Extractor) verbAt(s *sentence, i int, ms []match) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].Kind != token.Word {
		return false
	}
	if x.grammar.VerbForm != nil && x.grammar.VerbForm(s.toks[i].Lower) {
		return true
	}
	for _, m := range ms {
		if m.t0 == i && !m.tr.Flags.Noun {
			return true
		}
	}
	return false
}

// adverbish reports whether token i may stand between a coordinator and its
// verb ("and then met", "and also signed", "and swiftly condemned").
func (s *sentence) adverbish(i int) bool {
	l := s.toks[i].Lower
	return s.toks[i].Kind == token.Word && (strings.HasSuffix(l, "ly") || has(s.classes[i], "then") || l == "also" || l == "later")
}

// clauseBreak reports whether a new clause starts at token j: a coordinator
// (words.tsv class and: "and", ",") followed, over at most one adverb, by a
// verb ("… visited Beirut and met Lebanese officials", "rejected the
// criticism and urged Washington to …"), not by a party or a noun.
func (x *Extractor) clauseBreak(s *sentence, j int, ms []match) bool {
	k, ok := x.afterCoordinator(s, j, ms)
	return ok && !s.inParty(k) && x.verbAt(s, k, ms)
}

// newClause reports whether a clause with a subject of its own starts at
// token j: a coordinator, a party and a verb (", and Washington has warned
// Chinese banks …"), or a clause break. A list ("on Russia, Belarus and
// Iran.") is none.
func (x *Extractor) newClause(s *sentence, j int, ms []match) bool {
	k, ok := x.afterCoordinator(s, j, ms)
	if !ok {
		return false
	}
	for k < len(s.toks) && s.inParty(k) {
		k++
	}
	if k < len(s.toks) && s.adverbish(k) && !x.verbAt(s, k, ms) {
		k++
	}
	return x.verbAt(s, k, ms)
}

// afterCoordinator returns the token after the coordinator at j (", and"
// counts as one) and whether j holds one.
func (x *Extractor) afterCoordinator(s *sentence, j int, ms []match) (int, bool) {
	if !has(s.classes[j], "and") {
		return 0, false
	}
	k := j + 1
	if k < len(s.toks) && has(s.classes[k], "and") {
		k++ // ", and"
	}
	// Over an adverb or a short time phrase: "and then met", "and last
	// year summoned".
	for skip := 0; skip < 2 && k+1 < len(s.toks) && !x.verbAt(s, k, ms) && !s.inParty(k); skip++ {
		t := s.toks[k]
		if !(s.adverbish(k) || t.Kind == token.Num || t.Kind == token.Word && !t.Upper && len(s.classes[k]) == 0) {
			break
		}
		if !x.verbAt(s, k+1, ms) && skip == 1 {
			break
		}
		k++
	}
	return k, k < len(s.toks)
}

// coordSubjectLimit returns, for a trigger in a coordinated clause ("Barrot
// visited Beirut and met officials", "Mali expelled the French ambassador
// and turned to Russia for help"), the first token of the verb before the
// coordinator: the clause shares that verb's subject, which stands before
// it. It returns m.t0 when no such clause holds the trigger.
func (x *Extractor) coordSubjectLimit(s *sentence, m *match, ms []match) int {
	j := m.t0 - 1
	for ; j > 0; j-- {
		t := s.toks[j]
		if t.Kind == token.Punct && t.Lower != "," && t.Lower != "-" && t.Lower != "\"" || has(s.classes[j], "say") {
			return m.t0
		}
		if x.clauseBreak(s, j, ms) {
			break
		}
	}
	if j <= 0 {
		return m.t0
	}
	if has(s.classes[j-1], "and") {
		j-- // ", and"
	}
	// The previous verb, back to the start of its clause; auxiliaries are
	// passed over ("told Iran it had no involvement … and warned Tehran":
	// the subject is the one of told).
	for v := j - 1; v >= 0; v-- {
		t := s.toks[v]
		if t.Kind == token.Punct && t.Lower != "," && t.Lower != "-" && t.Lower != "\"" {
			break
		}
		if x.verbAt(s, v, ms) && !s.inParty(v) && (x.grammar.Auxiliary == nil || !x.grammar.Auxiliary(t.Lower)) {
			return v
		}
	}
	return m.t0
}

// infinitive reports whether the trigger is an infinitive after "to" (class
// comp): "urged Washington to stop", "is scheduled to travel … to meet".
func (s *sentence) infinitive(m *match) bool {
	return m.t0 > 0 && has(s.classes[m.t0-1], "comp")
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

// relativeAfter reports whether a relative clause opens at token j (after an
// optional comma): "Ukraine, which Russia invaded".
func (s *sentence) relativeAfter(j int) bool {
	if j < len(s.toks) && s.toks[j].Lower == "," {
		j++
	}
	return j < len(s.toks) && has(s.classes[j], "relpro")
}

// nameSubject reports whether the words before token tok are a person the
// gazetteer does not know, standing as the subject: one to three capitalised
// words, or a title ("Lamamra accused …", "The minister accused …").
func (s *sentence) nameSubject(tok int) bool {
	if tok < 1 || tok > 3 {
		return false
	}
	for j := 0; j < tok; j++ {
		t := s.toks[j]
		if t.Kind != token.Word || !(t.Upper || has(s.classes[j], "title") || has(s.classes[j], "subj")) {
			return false
		}
	}
	return true
}

// clauseOf returns the index of the clause that holds token tok: how many
// clause starts (a coordinator before a verb, with or without a subject of
// its own) stand before it.
func (x *Extractor) clauseOf(s *sentence, tok int, ms []match) int {
	n := 0
	for j := 1; j < tok; j++ {
		if x.newClause(s, j, ms) {
			n++
		}
	}
	return n
}

// participle reports whether the trigger at tok opens a participle clause
// after a comma ("…, accusing its neighbour of …"), which shares the main
// clause's subject and context.
func (s *sentence) participle(tok int) bool {
	return tok > 0 && s.toks[tok-1].Lower == "," && strings.HasSuffix(s.toks[tok].Lower, "ing")
}

// lexicalVerb reports whether token j is a verb that is no auxiliary: the
// look back for the mood of a trigger stops there.
func (x *Extractor) lexicalVerb(s *sentence, j int) bool {
	t := s.toks[j]
	if t.Kind != token.Word || x.grammar.VerbForm == nil || !x.grammar.VerbForm(t.Lower) {
		return false
	}
	return x.grammar.Auxiliary == nil || !x.grammar.Auxiliary(t.Lower)
}

// appositive reports whether party i is a possessive in an apposition after
// another party ("China, Myanmar's largest investor, …"): it qualifies a noun
// and is neither the subject nor coordinated with the party before it.
func (s *sentence) appositive(i int) bool {
	if i == 0 {
		return false
	}
	p, prev := s.parties[i], s.parties[i-1]
	if p.tok0 < 1 || s.toks[p.tok0-1].Lower != "," || prev.tok1 != p.tok0-1 || p.tok1 >= len(s.toks) {
		return false
	}
	last := s.toks[p.tok1-1].Lower
	return strings.HasSuffix(last, "'s") && s.toks[p.tok1].Kind == token.Word
}

// frameSubject returns, for a trigger after a subject pronoun in a reporting
// frame ("China's commerce ministry said it would take …"), the parties of
// the frame's subject: the first party of the sentence, no preposition
// before it, followed by a say word before the trigger.
func (x *Extractor) frameSubject(s *sentence, tok int) []ref {
	if x.grammar == nil {
		return nil
	}
	for i, p := range s.parties {
		if p.tok0 >= tok {
			return nil
		}
		if p.place || p.prep != "" || len(p.codes) == 0 || p.anaphor {
			continue
		}
		for j := p.tok1; j < tok && j <= p.tok1+6; j++ {
			if has(s.classes[j], "say") {
				for k := j + 1; k < tok; k++ {
					if has(s.classes[k], "subj") {
						rs, _ := s.group(i, tok, false)
						return rs
					}
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
// Khan", "Chinese Foreign Ministry spokesperson Mao Ning"): capitalised words
// or words of class title.
func (s *sentence) titleRun(a, b int) bool {
	if b-a < 2 || b-a > 3 {
		return false
	}
	for j := a; j < b; j++ {
		t := s.toks[j]
		if t.Kind != token.Word || !(t.Upper || has(s.classes[j], "title")) {
			return false
		}
	}
	return true
}
