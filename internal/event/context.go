package event

import (
	"slices"

	"mitra/internal/token"
)

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

// sentenceContexts returns the contexts the sentence's words suggest:
// two-word forms first, then a word's form, then its root.
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
		if i+1 < len(s.toks) && s.words[i].bigram {
			if cs, ok := x.lx.Contexts[s.toks[i].Lower+" "+s.toks[i+1].Lower]; ok {
				add(cs)
				continue
			}
		}
		add(s.words[i].ctx)
	}
	return out
}
