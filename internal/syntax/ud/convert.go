package ud

import (
	"fmt"

	"mitra/internal/syntax"
	"mitra/internal/token"
)

// UD returns the sentence on the treebank's own syntactic words (clitics
// split, as UD writes them): what published scores are measured on.
func (s *Sentence) UD() (syntax.Sentence, error) {
	out := syntax.Sentence{
		Words: make([]string, len(s.Words)),
		Tags:  make([]syntax.UPOS, len(s.Words)),
		Heads: make([]int, len(s.Words)),
		Rels:  make([]syntax.Rel, len(s.Words)),
	}
	for i, w := range s.Words {
		t, ok := syntax.ParseUPOS(w.UPOS)
		if !ok {
			return syntax.Sentence{}, fmt.Errorf("sentence %s word %d: unknown UPOS %q", s.ID, i+1, w.UPOS)
		}
		r, _ := syntax.ParseRel(w.Deprel)
		if r == syntax.NoRel {
			return syntax.Sentence{}, fmt.Errorf("sentence %s word %d: unknown relation %q", s.ID, i+1, w.Deprel)
		}
		out.Words[i], out.Tags[i], out.Heads[i], out.Rels[i] = w.Form, t, w.Head-1, r
	}
	if err := out.Check(); err != nil {
		return syntax.Sentence{}, fmt.Errorf("sentence %s: %w", s.ID, err)
	}
	return out, nil
}

// Mitra returns the sentence on the tokens mitra's tokeniser (package token)
// gives for its text, which is what the parser sees in mitra:
//
//   - a mitra token that holds several treebank words (the clitic in
//     "menyetujuinya", "Russia's", "don't") carries the annotation of the
//     word among them whose head lies outside the token (the first such
//     word, so "don't" is the auxiliary "do"); the dependents of the
//     absorbed words attach to the token;
//   - a treebank word that mitra splits ("masing-masing", "RI-Jepang",
//     "Dr." → "Dr" ".") is carried by its first word piece; the other
//     pieces attach to it, punctuation as punct and words as goeswith.
//
// The second result is the mitra tokens, with offsets into the text the
// sentence is rebuilt from.
func (s *Sentence) Mitra() (syntax.Sentence, []token.Token, error) {
	gold, err := s.UD()
	if err != nil {
		return syntax.Sentence{}, nil, err
	}
	text, spans := s.Text()
	toks := token.Tokenize(text, 0)
	n := len(toks)
	// words[k] lists the treebank words mitra token k holds; tokOf[w] is the
	// token holding word w, or -1.
	tokOf := make([]int, len(s.Words))
	for w := range tokOf {
		tokOf[w] = -1
	}
	pieceOf := make([]int, n) // surface token a word-less mitra token is a piece of
	for k := range pieceOf {
		pieceOf[k] = -1
	}
	k0 := 0
	for si, sp := range spans {
		first := -1
		for k := k0; k < n && toks[k].Span.Start < sp[1]; k++ {
			if toks[k].Span.End <= sp[0] {
				k0 = k + 1
				continue
			}
			if first < 0 || (toks[first].Kind == token.Punct && toks[k].Kind != token.Punct && toks[k].Span.Start >= sp[0]) {
				first = k
			}
		}
		sf := s.Surface[si]
		for w := sf.From; w <= sf.To; w++ {
			tokOf[w] = first
		}
		for k := k0; k < n && toks[k].Span.Start < sp[1]; k++ {
			if k != first && toks[k].Span.Start >= sp[0] && pieceOf[k] < 0 {
				pieceOf[k] = si
			}
		}
	}
	held := make([][]int, n)
	for w, k := range tokOf {
		if k >= 0 {
			held[k] = append(held[k], w)
		}
	}
	out := syntax.Sentence{
		Words: make([]string, n),
		Tags:  make([]syntax.UPOS, n),
		Heads: make([]int, n),
		Rels:  make([]syntax.Rel, n),
	}
	for k := range toks {
		out.Words[k] = toks[k].Text
		if len(held[k]) == 0 {
			continue
		}
		rep := -1
		for _, w := range held[k] {
			if h := gold.Heads[w]; h < 0 || tokOf[h] != k {
				rep = w
				break
			}
		}
		if rep < 0 {
			rep = held[k][0]
		}
		h := gold.Heads[rep]
		for h >= 0 && (tokOf[h] < 0 || tokOf[h] == k) {
			h = gold.Heads[h]
		}
		out.Tags[k], out.Rels[k] = gold.Tags[rep], gold.Rels[rep]
		out.Heads[k] = -1
		if h >= 0 {
			out.Heads[k] = tokOf[h]
		}
	}
	for k := range toks {
		if len(held[k]) > 0 {
			continue
		}
		si := pieceOf[k]
		if si < 0 {
			return syntax.Sentence{}, nil, fmt.Errorf("sentence %s: token %q at %d belongs to no treebank token", s.ID, toks[k].Text, toks[k].Span.Start)
		}
		host := tokOf[s.Surface[si].From]
		if host < 0 {
			return syntax.Sentence{}, nil, fmt.Errorf("sentence %s: token %q at %d has no host", s.ID, toks[k].Text, toks[k].Span.Start)
		}
		out.Heads[k] = host
		if toks[k].Kind == token.Punct {
			out.Tags[k], out.Rels[k] = syntax.PUNCT, syntax.Punct
		} else {
			out.Tags[k], out.Rels[k] = out.Tags[host], syntax.Goeswith
		}
	}
	if err := out.Check(); err != nil {
		return syntax.Sentence{}, nil, fmt.Errorf("sentence %s on mitra tokens: %w", s.ID, err)
	}
	return out, toks, nil
}
