package event

import (
	"strconv"

	"mitra/internal/article"
	"mitra/internal/lang"
	"mitra/internal/record"
	"mitra/internal/token"
)

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
	s.ms = ms
	type cand struct {
		ev    record.Event
		prio  int
		weak  bool
		keys  []string
		plain bool // read from the sentence's own words (no steps)
		m     *match
		rd    reading
		refs  []ref // actors and recipients as read
	}
	var cands []cand
	for i := range ms {
		m := &ms[i]
		fact, typ := x.factuality(s, m)
		if fact == record.Asserted && (s.content(ms[:i], m) || s.alleged(ms[:i], m)) {
			fact = record.Hypothetical
		}
		acts, rcps, rd, ok := x.roles(s, m, st)
		if !ok {
			continue
		}
		ev := record.Event{
			Doc:        d.ID,
			Lang:       d.Lang,
			Type:       typ,
			Mode:       m.tr.Mode,
			Contexts:   x.contexts(s, m),
			Factuality: fact,
			Sentence:   s.s.Text,
			Trigger:    s.text(m.t0, m.t1),
			Quad:       typ.Quad(),
			Codebook:   record.Codebook,
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
		if s.clauses() {
			// Acts of different clauses ("restored the shuttle diplomacy and
			// held a series of meetings") do not compete for a pair.
			c := strconv.Itoa(s.clauseOf(m.t0)) + ":"
			for k := range keys {
				keys[k] = c + keys[k]
			}
		}
		cands = append(cands, cand{ev: ev, prio: prio, weak: m.tr.Flags.Weak, keys: keys, plain: len(rd.steps) == 0, m: m, rd: rd, refs: append(append([]ref{}, acts...), rcps...)})
	}
	// For each pair of parties, the strongest trigger in the sentence wins;
	// an act of another type in the other direction, read from the
	// sentence's own words, is kept beside it ("berterima kasih atas
	// bantuan Rusia": thanks to Russia, aid from Russia).
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
		win, second := false, len(c.keys) > 0 && c.ev.Factuality == record.Asserted && c.plain && !c.weak
		for _, k := range c.keys {
			w := &cands[best[k]]
			if best[k] == i {
				win = true
				continue
			}
			second = second && w.ev.Type != c.ev.Type && w.ev.Factuality == record.Asserted && !sameDirection(&w.ev, &c.ev)
		}
		if win || second {
			f := x.features(s, c.m, &c.ev, c.rd, !win, c.refs)
			c.ev.Confidence = x.confidence(f)
			if st.features != nil {
				st.features[c.ev.ID] = f
			}
			out = append(out, c.ev)
		}
	}
	return out
}

// sameDirection reports whether two events of one pair point the same way:
// both reciprocal, or the same actors.
func sameDirection(a, b *record.Event) bool {
	if (len(a.Recipients) == 0) != (len(b.Recipients) == 0) {
		return false
	}
	if len(a.Recipients) == 0 {
		return true
	}
	for _, p := range a.Actors {
		for _, q := range b.Actors {
			if p.Code == q.Code {
				return true
			}
		}
	}
	return false
}

// content reports whether m is what an earlier demand, threat, promise or
// invitation in the sentence is about ("mendesak Myanmar untuk membebaskan
// …", "sepakat untuk membantu …", "mengundang Jepang berinvestasi"): such
// a trigger, then a complementiser or its object followed by m's verb, and
// no punctuation between.
func (s *sentence) content(before []match, m *match) bool {
	for k := len(before) - 1; k >= 0; k-- {
		p := &before[k]
		switch p.tr.Type {
		case record.Request, record.Threaten, record.Agree:
		default:
			continue
		}
		if p.t1 > m.t0 {
			continue
		}
		comp, object := false, false
		for j := p.t1; j < m.t0; j++ {
			if t := s.toks[j]; t.Kind == token.Punct && t.Lower != "\"" {
				comp, object = false, false
				break
			}
			comp = comp || s.classes[j].Has(lang.Comp)
			object = object || s.inParty(j)
		}
		if comp || object && s.verb[m.t0] && !m.tr.Flags.Noun {
			return true
		}
	}
	return false
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
