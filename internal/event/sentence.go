package event

import (
	"fmt"
	"sort"

	"mitra/internal/article"
	"mitra/internal/lang"
	"mitra/internal/timex"
	"mitra/internal/token"
)

// Limits that keep every stage's work linear in the length of a page, whatever
// the page: no real sentence comes near them (the dev pages' longest has 121
// tokens), but text without sentence punctuation would otherwise be read as
// one sentence, and per-sentence steps look at pairs of its tokens.
const (
	// maxTokens is the longest piece of text read as one sentence; a longer
	// one is read in pieces, broken at punctuation where it can be.
	maxTokens = 160
	// maxMatches is how many trigger matches a sentence keeps.
	maxMatches = 48
)

// sentence holds what the engine knows about one sentence.
type sentence struct {
	s       token.Sentence
	toks    []token.Token
	words   []*word // what the vocabulary knows of each token
	stems   []string
	verb    []bool       // whether each token is an inflected verb form (the pack's grammar says)
	classes []lang.Class // word classes of the form starting at each token
	clen    []int        // length in tokens of the class form starting at each token
	// firstCond is the index of the first conditional conjunction, or
	// len(toks).
	firstCond int
	parties   []party
	// homeRefs are the sentence's home references ("Kerajaan"), resolved
	// with the page's home state (home.go); homeEv the institutions it
	// names that show the page's home state ("Wisma Putra").
	homeRefs []homeRef
	homeEv   []homeEvidence
	date     article.Date // the date the sentence itself fixes, if any
	note     string
	unfixed  bool     // it states a period no date can say ("pada tahun 1990-an")
	aside    [2]int   // tokens of a relative clause whose date was left out (see inRelativeClause)
	ctx      []string // contexts the sentence's words suggest
	ctxDone  bool
	// cl is the pack's clause answers, or nil: the clause rules of
	// syntax.go apply only with it.
	cl lang.Clauses
	// gr is the pack's grammar.
	gr lang.Grammar
	// ms are the sentence's trigger matches (set when they are found).
	ms []match
	// clauseEnd is where the current trigger's object window ended at a
	// new clause, or -1.
	clauseEnd int
}

// split reads a page as sentences no longer than maxTokens: a longer one
// is cut into pieces at the last punctuation mark of each window (or at
// the window's end when it has none), and a note says so.
func split(sents []token.Sentence, text string) (out []token.Sentence, notes []string) {
	long := false
	for i := range sents {
		long = long || len(sents[i].Tokens) > maxTokens
	}
	if !long {
		return sents, nil
	}
	for _, s := range sents {
		if len(s.Tokens) <= maxTokens {
			out = append(out, s)
			continue
		}
		pieces := 0
		for toks := s.Tokens; len(toks) > 0; pieces++ {
			n := min(len(toks), maxTokens)
			if n < len(toks) {
				for k := n - 1; k >= maxTokens/2; k-- {
					if toks[k].Kind == token.Punct {
						n = k + 1
						break
					}
				}
			}
			sp := article.Span{Start: toks[0].Span.Start, End: toks[n-1].Span.End}
			out = append(out, token.Sentence{Span: sp, Text: text[sp.Start:sp.End], Tokens: toks[:n], Para: s.Para})
			toks = toks[n:]
		}
		notes = append(notes, fmt.Sprintf("text at bytes %d–%d has %d tokens without a sentence end: read in %d pieces of at most %d", s.Span.Start, s.Span.End, len(s.Tokens), pieces, maxTokens))
	}
	return out, notes
}

// analyse finds the roots, verb forms, word classes and parties of a
// sentence, with its per-token slices cut from the document's arena.
func (x *Extractor) analyse(s *sentence, ts token.Sentence, pub article.Date, a *arena, at int) {
	*s = sentence{s: ts, toks: ts.Tokens, cl: x.cl, clauseEnd: -1, gr: x.gr}
	n := len(s.toks)
	s.words = a.words[at : at+n : at+n]
	s.stems = a.stems[at : at+n : at+n]
	s.verb = a.verb[at : at+n : at+n]
	s.classes = a.classes[at : at+n : at+n]
	s.clen = a.clen[at : at+n : at+n]
	s.firstCond = n
	for i := range s.toks {
		w := x.word(&s.toks[i], a)
		s.words[i], s.stems[i], s.verb[i] = w, w.stem, w.verb
	}
	// Word classes, longest form first; only forms that start here.
	var parts []string
	for i := 0; i < n; i++ {
		longest := s.words[i].starts
		for k := min(longest, n-i); k >= 1; k-- {
			if k == 1 {
				if cs := s.words[i].classes; cs != 0 {
					s.classes[i], s.clen[i] = cs, 1
				}
				break
			}
			parts = parts[:0]
			for j := 0; j < k; j++ {
				parts = append(parts, s.toks[i+j].Lower)
			}
			if cs, ok := x.lx.Words[joinSpace(parts)]; ok {
				s.classes[i] = cs
				s.clen[i] = k
				break
			}
		}
		if s.classes[i].Has(lang.Cond) && s.firstCond == n {
			s.firstCond = i
		}
	}
	s.parties = x.parties(s, pub, a)
}

func joinSpace(parts []string) string {
	n := len(parts) - 1
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, p...)
	}
	return string(b)
}

// tokenAt returns the index of the token starting at byte off of the
// sentence, or -1.
func (s *sentence) tokenAt(off int) int {
	abs := off + s.s.Span.Start
	i := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].Span.Start >= abs })
	if i < len(s.toks) && s.toks[i].Span.Start == abs {
		return i
	}
	return -1
}

// tokenOf returns the index of the first token of a date expression.
func (s *sentence) tokenOf(r timex.Result) int { return s.tokenAt(r.Span.Start) }

// wordCount counts the sentence's word tokens; a date line has few.
func (s *sentence) wordCount() int {
	n := 0
	for _, t := range s.toks {
		if t.Kind == token.Word {
			n++
		}
	}
	return n
}

func (s *sentence) hasClass(c lang.Class) bool {
	for _, cs := range s.classes {
		if cs.Has(c) {
			return true
		}
	}
	return false
}

func (s *sentence) hasClassBetween(a, b int, class lang.Class) bool {
	for i := a; i < b && i < len(s.toks); i++ {
		if s.classes[i].Has(class) {
			return true
		}
	}
	return false
}

// hasClassOutsideAside is hasClass leaving out the relative clause whose
// date ownDate left out.
func (s *sentence) hasClassOutsideAside(c lang.Class) bool {
	return s.hasClassBetween(0, s.aside[0], c) || s.hasClassBetween(s.aside[1], len(s.toks), c)
}

// plainBetween reports whether tokens [a,b) are plain words: no
// punctuation, preposition or coordination.
func (s *sentence) plainBetween(a, b int) bool {
	for j := a; j < b; j++ {
		if s.toks[j].Kind == token.Punct {
			return false
		}
		if s.classes[j].Has(lang.Preps | lang.And | lang.Relpro) {
			return false
		}
	}
	return true
}

// verbBetween reports whether a verb form is among tokens a to b-1.
func (s *sentence) verbBetween(a, b int) bool {
	for j := a; j < b; j++ {
		if s.toks[j].Kind == token.Word && s.verb[j] {
			return true
		}
	}
	return false
}

// text returns the sentence's text of tokens [a, b).
func (s *sentence) text(a, b int) string {
	return s.s.Text[s.toks[a].Span.Start-s.s.Span.Start : s.toks[b-1].Span.End-s.s.Span.Start]
}
