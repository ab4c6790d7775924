package event

import (
	"mitra/internal/lang"
	"mitra/internal/record"
	"mitra/internal/syntax"
	"mitra/internal/token"
)

// This file reads a trigger's slots from the sentence's dependency tree (the
// pack's syntax model): who is the subject of the trigger's clause, which
// parties are its objects and obliques, with the preposition (case marker)
// that governs each, and which is its passive agent. It replaces the linear
// windows of readSlots for packs that have a model.

// parsed reports whether the sentence has a tree.
func (s *sentence) parsed() bool { return s.tree != nil && s.tree.Len() == len(s.toks) }

// parse gives the sentence a tree when the pack has a model and the
// sentence can hold an event (a party and a trigger): parsing is the costly
// step, and most sentences of a page hold none.
func (x *Extractor) parse(s *sentence, a *arena) {
	if x.pack.Syntax == nil || len(s.toks) == 0 {
		return
	}
	a.forms = a.forms[:0]
	for i := range s.toks {
		a.forms = append(a.forms, s.toks[i].Text)
	}
	x.pack.Syntax.Parse(&a.tree, a.forms)
	s.tree = &a.tree
}

// headOf returns the syntactic head of tokens [a, b): the token whose head
// lies outside the span (the first such, or a).
func headOf(t *syntax.Tree, a, b int) int {
	for i := a; i < b; i++ {
		if h := t.Head[i]; h < a || h >= b {
			return i
		}
	}
	return a
}

// argument is how a party stands to a trigger in the tree.
type argument struct {
	party int        // index into sentence.parties
	rel   syntax.Rel // the relation of the trigger's dependent on the way to the party
	prep  lang.Class // the preposition (case marker) on the way, or 0
	tok   int        // the party's head token
}

// arguments returns the parties the trigger head h governs, in token
// order: each with the relation of h's dependent that leads to it and the
// case marker on the way. A party inside another clause (a relative clause,
// a complement clause) is not an argument of h.
func (s *sentence) arguments(h int, span [2]int) []argument {
	t := s.tree
	var out []argument
	for i, p := range s.parties {
		if len(p.codes) == 0 && !p.nonstate {
			continue
		}
		ph := headOf(t, p.tok0, p.tok1)
		if ph >= span[0] && ph < span[1] {
			continue // the party is part of the trigger's words
		}
		arg, ok := s.argumentOf(h, span, ph)
		if !ok {
			continue
		}
		arg.party = i
		out = append(out, arg)
	}
	return out
}

// argumentOf walks up from token x to the trigger: the first token on the
// way whose head is inside the trigger's span gives the relation; clausal
// relations end the walk (the party belongs to another clause); a case
// marker attached to a token on the way gives the preposition.
func (s *sentence) argumentOf(h int, span [2]int, x int) (argument, bool) {
	t := s.tree
	arg := argument{tok: x}
	for steps := 0; x >= 0 && steps < len(s.toks); steps++ {
		if arg.prep == 0 {
			arg.prep = s.caseOf(x)
		}
		hd := t.Head[x]
		if hd < 0 {
			return arg, false
		}
		r := t.Rel[x]
		if hd >= span[0] && hd < span[1] {
			arg.rel = r
			return arg, !r.IsClausal() || r.Base() == syntax.Xcomp && t.Tag[x] != syntax.VERB
		}
		switch r.Base() {
		case syntax.Acl, syntax.Ccomp, syntax.Advcl, syntax.Csubj, syntax.Parataxis, syntax.Root:
			return arg, false
		}
		x = hd
	}
	return arg, false
}

// caseOf returns the preposition class of a case marker attached to token
// x ("kepada" → lang.Rcp), or 0.
func (s *sentence) caseOf(x int) lang.Class {
	t := s.tree
	for _, c := range t.Children(x) {
		if b := t.Rel[c].Base(); b == syntax.Case || b == syntax.Mark && s.classes[c].Prep() != 0 {
			if p := s.classes[c].Prep(); p != 0 {
				return p
			}
			// A multi-word preposition ("di antara") starts before it.
			for j := int(c) - 1; j >= 0 && j >= int(c)-2; j-- {
				if p := s.classes[j].Prep(); p != 0 && j+s.clen[j] > int(c) {
					return p
				}
			}
		}
	}
	return 0
}

// subjectOf returns the subject token of the clause of h: h's own subject,
// or, up a chain of coordinated verbs, open complements and purpose
// clauses ("Rusia sepakat untuk menandatangani …", "Rusia mengecam dan
// mengusir …"), the subject of the verb h depends on; a relative clause's
// subject is the noun it modifies ("Menteri … yang menyerukan …"). It
// returns -1 when the clause has none.
func (s *sentence) subjectOf(h int) int {
	t := s.tree
	x := h
	for steps := 0; x >= 0 && steps < 8; steps++ {
		for _, c := range t.Children(x) {
			if t.Rel[c].IsSubject() {
				if s.classes[c].Has(lang.Relpro) && t.Rel[x].Base() == syntax.Acl {
					return t.Head[x] // "yang" stands for the modified noun
				}
				return int(c)
			}
		}
		switch t.Rel[x].Base() {
		case syntax.Xcomp, syntax.Conj, syntax.Advcl:
			x = t.Head[x]
		case syntax.Acl:
			return t.Head[x]
		default:
			return -1
		}
	}
	return -1
}

// partiesIn returns the indexes of the parties whose head lies in the
// subtree of token x, leaving out those behind a case marker (a
// prepositional modifier of the subject is not the subject: "Dubes Rusia
// untuk Indonesia").
func (s *sentence) partiesIn(x int) []int {
	t := s.tree
	lo, hi := t.Span(x)
	var out []int
	for i, p := range s.parties {
		if len(p.codes) == 0 && !p.nonstate || p.tok0 >= hi || p.tok1 <= lo {
			continue
		}
		ph := headOf(t, p.tok0, p.tok1)
		if !t.Dominates(x, ph) {
			continue
		}
		behind := false
		for y := ph; y != x && y >= 0; y = t.Head[y] {
			if s.caseOf(y) != 0 || t.Rel[y].IsClausal() {
				behind = true
				break
			}
		}
		if !behind {
			out = append(out, i)
		}
	}
	return out
}

// readTreeSlots places the sentence's parties around the trigger by the
// tree: the subject is the subject of the trigger's clause (or, for a noun
// trigger that is the object of a verb, that verb's subject: "Niger
// mengumumkan pembatalan …"); the first object is the trigger's direct
// object, else its first oblique or nominal modifier, with the preposition
// that marks it; an oblique marked as the agent ("oleh X") is the agent.
func (x *Extractor) readTreeSlots(s *sentence, m *match, st *docState) *slots {
	tr := m.tr
	t := s.tree
	sl := &slots{s: s, st: st, m: m, tr: tr, subj: -1, subjEnd: -1, first: -1, agent: -1, conf: baseConfidence, tree: true}
	sl.visit = tr.Mode == record.Visit
	sl.placeOK = sl.visit || placeTypes[m.typ]
	span := [2]int{m.t0, m.t1}
	h := headOf(t, m.t0, m.t1)
	sl.passive = !tr.Flags.NoPass && !tr.Flags.Noun && (x.gr.Passive(s.toks, s.stems, m.t0) || t.Child(h, syntax.NsubjPass) >= 0 || t.Child(h, syntax.AuxPass) >= 0)

	// Subject.
	subjTok := s.subjectOf(h)
	if subjTok < 0 && tr.Flags.Noun {
		// A noun trigger takes the subject of the verb it is the object of.
		if r := t.Rel[h].Base(); (r == syntax.Obj || r == syntax.Xcomp) && t.Head[h] >= 0 {
			subjTok = s.subjectOf(t.Head[h])
		}
	}
	if subjTok >= 0 {
		var group []int
		for _, i := range s.partiesIn(subjTok) {
			p := s.parties[i]
			if p.place || p.civil && !civilTypes[m.typ] {
				continue
			}
			group = append(group, i)
		}
		if len(group) > 0 {
			if s.parties[group[0]].nonstate {
				sl.nonstateSubj = true
			} else {
				sl.subj = group[0]
				for _, i := range group {
					if !s.parties[i].nonstate {
						sl.subjRefs = append(sl.subjRefs, refs(s.parties[i])...)
						sl.subjEnd = max(sl.subjEnd, s.parties[i].tok1)
					}
				}
				sl.subjRefs = uniqRefs(sl.subjRefs)
			}
		}
	}

	// Objects and obliques of the trigger.
	args := s.arguments(h, span)
	best, bestRank := -1, 99
	for k, a := range args {
		p := s.parties[a.party]
		if a.rel.IsSubject() || sl.subj >= 0 && containsParty(sl, a.party) {
			continue
		}
		if a.prep == lang.Agent || a.rel == syntax.OblAgent {
			if sl.agent < 0 && len(p.codes) > 0 && !tr.Flags.Recip {
				sl.agent = a.party
			}
			if !sl.passive {
				continue
			}
		}
		if p.place && !(sl.visit && (a.prep == lang.Place || a.prep == lang.To)) {
			continue
		}
		if a.prep == lang.Place && !sl.placeOK || a.prep == lang.About {
			continue
		}
		if p.civil && (tr.Flags.Recip || m.typ.Cooperative()) && m.typ != record.Aid {
			continue
		}
		if !tr.Flags.Recip && len(p.codes) > 0 && sameCodes(p.codes, sl.subjRefs) {
			continue
		}
		rank := 3
		switch {
		case a.rel.Base() == syntax.Obj || a.rel.Base() == syntax.Iobj:
			rank = 0
		case a.prep != 0:
			rank = 1
		case a.rel.Base() == syntax.Nmod:
			rank = 2
		}
		if rank < bestRank {
			best, bestRank = k, rank
		}
	}
	if best >= 0 {
		a := args[best]
		if s.parties[a.party].nonstate {
			if tr.Flags.Noun && a.prep == 0 {
				sl.first = a.party // roles() refuses the match
				return sl
			}
		} else {
			sl.first = a.party
			sl.rightPrep = a.prep
			sl.genitive = tr.Flags.Noun && a.prep == 0 && a.rel.Base() != syntax.Obj
			// The object's coordinated parties ("Inggris, Prancis dan
			// Jerman"): parties in the same argument position.
			for _, b := range args {
				q := s.parties[b.party]
				if b.party == a.party || len(q.codes) == 0 || q.place && !sl.visit {
					continue
				}
				if b.prep == a.prep && b.rel == a.rel && s.coordinated(a.tok, b.tok) {
					sl.right = append(sl.right, refs(q)...)
				}
			}
			sl.right = uniqRefs(append(refs(s.parties[a.party]), sl.right...))
		}
	}
	sl.limit = len(s.toks)
	return sl
}

func containsParty(sl *slots, i int) bool {
	if sl.subj < 0 {
		return false
	}
	for _, r := range refs(sl.s.parties[i]) {
		if !containsCode(sl.subjRefs, r.code) {
			return false
		}
	}
	return len(sl.s.parties[i].codes) > 0
}

// coordinated reports whether tokens a and b are joined by coordination
// in the tree (one a conjunct of the other, or both of one head), or stand
// next to each other joined by a hyphen ("Rusia-Mali").
func (s *sentence) coordinated(a, b int) bool {
	t := s.tree
	if t.Rel[b].Base() == syntax.Conj && (t.Head[b] == a || t.Head[b] == t.Head[a] && t.Rel[a].Base() == syntax.Conj) {
		return true
	}
	if t.Rel[a].Base() == syntax.Conj && t.Head[a] == b {
		return true
	}
	lo, hi := min(a, b), max(a, b)
	return s.joined(lo+1, hi) && hi-lo <= 3
}

// treeFrame returns lang.Deny or lang.Consider when the trigger head h
// stands in the complement of a verb of that class ("membantah bahwa …
// akan mengusir", "mempertimbangkan untuk mengusir"), lang.Question when a
// yes/no question marker opens its clause ("apakah … akan menyerang"), or
// 0.
func (s *sentence) treeFrame(h int) lang.Class {
	t := s.tree
	for _, c := range t.Children(h) {
		if s.classes[c].Has(lang.Question) && int(c) < h {
			return lang.Question
		}
	}
	for x, steps := h, 0; x >= 0 && steps < 6; x, steps = t.Head[x], steps+1 {
		if hd := t.Head[x]; hd >= 0 {
			switch t.Rel[x].Base() {
			case syntax.Ccomp, syntax.Xcomp, syntax.Advcl, syntax.Obj:
				if c := s.classes[hd] & (lang.Deny | lang.Consider); c != 0 {
					return c & -c
				}
			}
		}
	}
	return 0
}

// treeNegated reports whether a negation governs the trigger head h: a
// negating word attached to h or to the verbs of its clause chain
// ("tidak menandatangani", "tidak akan pernah mengakui").
func (s *sentence) treeNegated(h int) bool {
	t := s.tree
	for x, steps := h, 0; x >= 0 && steps < 4; x, steps = t.Head[x], steps+1 {
		for _, c := range t.Children(x) {
			if s.classes[c].Has(lang.Neg) && !(int(c)+1 < len(s.toks) && s.classes[c+1].Has(lang.Only)) {
				if t.Rel[c].Base() == syntax.Advmod || t.Rel[c].Base() == syntax.Aux || t.Rel[c].Base() == syntax.Det {
					return true
				}
			}
		}
		if r := t.Rel[x].Base(); r != syntax.Xcomp && r != syntax.Conj {
			break
		}
	}
	return false
}

// treeModality reads the aspect and modality words that the tree attaches to
// the trigger head h or to the verbs of its clause chain: negation,
// cancellation, uncertainty or hope, future, willingness.
func (s *sentence) treeModality(h int) (neg, hypo, future, willing bool) {
	t := s.tree
	for x, steps := h, 0; x >= 0 && steps < 4; x, steps = t.Head[x], steps+1 {
		for _, c := range t.Children(x) {
			if int(c) > h && x == h {
				continue // words after the trigger do not qualify it
			}
			switch r := t.Rel[c].Base(); r {
			case syntax.Advmod, syntax.Aux, syntax.Det, syntax.Mark, syntax.Cop, syntax.Discourse:
			default:
				continue
			}
			cs := s.classes[c]
			switch {
			case cs.Has(lang.Neg):
				if int(c)+1 < len(s.toks) && s.classes[c+1].Has(lang.Only) {
					continue
				}
				neg = true
			case cs.Has(lang.Cancel):
				neg = true
			case cs.Has(lang.Hypo | lang.Wish):
				hypo = true
			case cs.Has(lang.Future):
				future = true
			case cs.Has(lang.Willing):
				willing = true
			}
		}
		// Go up only through open complements and coordination: "akan
		// segera menandatangani", "siap untuk membantu".
		if r := t.Rel[x].Base(); r != syntax.Xcomp && r != syntax.Conj {
			break
		}
	}
	return
}

var _ = token.Word
