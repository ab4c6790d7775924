package event

import (
	"sort"

	"mitra/internal/lang"
	"mitra/internal/record"
	"mitra/internal/token"
)

// match is one trigger pattern found in a sentence.
type match struct {
	tr      *lang.Trigger
	t0, t1  int // whole match
	headEnd int // end of the first element
	passive bool
	prio    int
	typ     record.Type
}

// matches finds the trigger patterns in s, keeping the best of overlapping
// matches (at most maxMatches of them).
func (x *Extractor) matches(s *sentence) []match {
	var ms []match
	for i := range s.toks {
		for _, ti := range s.words[i].trig {
			tr := &x.lx.Triggers[ti]
			if end, headEnd, ok := matchAt(s, tr, i); ok {
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
		if len(keep) == maxMatches {
			break
		}
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
	// is the object of a call, a threat, a refusal or a promise
	// ("menyerukan pertemuan darurat": the meeting has not happened), is no
	// event of its own; a light verb yields to its object noun
	// ("menyepakati sanksi"). The object of praise or condemnation is an act
	// that happened ("berterima kasih atas bantuan Rusia").
	var out []match
	for i, m := range keep {
		if m.tr.Flags.Noun {
			if m.t1 < len(s.toks) && s.classes[m.t1].Has(lang.Dem) {
				continue
			}
			if i > 0 && !keep[i-1].tr.Flags.Noun && !keep[i-1].tr.Flags.Light && m.t0-keep[i-1].t1 <= 2 && m.t0 >= keep[i-1].t1 && unrealised(keep[i-1].typ) {
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
func matchAt(s *sentence, tr *lang.Trigger, i int) (end, headEnd int, ok bool) {
	pos := i
	for k := range tr.Pattern {
		e := &tr.Pattern[k]
		if k == 0 && e.Single {
			// The token's word list holds only the triggers whose first
			// word accepts it: a one-word first element is matched.
			pos, headEnd = i+1, i+1
			continue
		}
		found := -1
		for g := 0; g <= e.Gap; g++ {
			p := pos + g
			if p >= len(s.toks) {
				break
			}
			if g > 0 {
				if t := s.toks[p-1]; t.Kind == token.Punct && t.Lower != "-" && t.Lower != "\"" && !(s.clauses() && amountSign(t)) || s.classes[p-1].Has(lang.And) {
					// Gaps cross neither punctuation nor coordination; with
					// the clause rules, the signs of an amount ("provided a
					// $2 billion loan", "delayed a 50% tariff").
					break
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

// matchElem returns the length of the first alternative of e (in the
// file's order) that matches at token p, or 0.
func matchElem(s *sentence, e *lang.Elem, p int) int {
	if e.First != nil {
		// Only the alternatives whose first word is the token's form or
		// root can match; the earliest of them wins, as without the index.
		best, n := len(e.Alts), 0
		for k, key := range [2]string{s.toks[p].Lower, s.stems[p]} {
			if k == 1 && key == s.toks[p].Lower {
				break
			}
			for _, ai := range e.First[key] {
				if ai < best {
					if m := matchAlt(s, &e.Alts[ai], p); m > 0 {
						best, n = ai, m
					}
				}
			}
		}
		return n
	}
	for k := range e.Alts {
		if n := matchAlt(s, &e.Alts[k], p); n > 0 {
			return n
		}
	}
	return 0
}

// matchAlt returns the length of alternative a when it matches at token p,
// or 0.
func matchAlt(s *sentence, a *lang.Alt, p int) int {
	if p+len(a.Words) > len(s.toks) {
		return 0
	}
	for j := range a.Words {
		if !accepts(a, j, &s.toks[p+j], s.words[p+j]) {
			return 0
		}
	}
	return len(a.Words)
}

// accepts reports whether the j-th word of alternative a matches token t,
// whose word is w: by form, or by root unless the word is exact ("=menarik"),
// and then only in the derivations the word names ("tolak{meN,di}":
// menolak, not bertolak).
func accepts(a *lang.Alt, j int, t *token.Token, w *word) bool {
	aw := a.Words[j]
	if d := a.Deriv(j); d != nil {
		return t.Kind == token.Word && w.stem == aw && d.Match(&w.morph)
	}
	return t.Lower == aw || !a.Exact && t.Kind == token.Word && w.stem == aw
}

// unrealised reports whether the object of an act of type t is something not
// (yet) done: what is asked for, threatened, refused or promised.
func unrealised(t record.Type) bool {
	switch t {
	case record.Request, record.Threaten, record.Reject, record.Agree:
		return true
	}
	return false
}
