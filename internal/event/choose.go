package event

import (
	"mitra/internal/article"
	"mitra/internal/record"
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
		acts, rcps, conf, ok := x.roles(s, m, st)
		if !ok {
			continue
		}
		if m.tr.Flags.Weak {
			conf -= stepWeak
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
		cands = append(cands, cand{ev: ev, prio: prio, weak: m.tr.Flags.Weak, keys: pairKeys(&ev)})
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
