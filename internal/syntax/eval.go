package syntax

import "fmt"

// Scores are accuracies over the tokens of a test set, punctuation included
// (as in the CoNLL 2018 shared task).
type Scores struct {
	Tokens int
	UPOS   float64 // tag accuracy
	UAS    float64 // share of tokens with the right head
	LAS    float64 // right head and relation, subtype included (nsubj:pass)
	BLAS   float64 // right head and universal relation (subtypes ignored), the shared task's LAS
}

func (s Scores) String() string {
	return fmt.Sprintf("UPOS %.2f UAS %.2f LAS %.2f (universal %.2f) over %d tokens", s.UPOS, s.UAS, s.LAS, s.BLAS, s.Tokens)
}

// Evaluate parses every sentence and scores the result against it.
func (m *Model) Evaluate(sents []Sentence) Scores {
	var t Tree
	var n, tag, ua, la, bla int
	for i := range sents {
		s := &sents[i]
		m.Parse(&t, s.Words)
		for j := range s.Words {
			n++
			if t.Tag[j] == s.Tags[j] {
				tag++
			}
			if t.Head[j] == s.Heads[j] {
				ua++
				if t.Rel[j] == s.Rels[j] {
					la++
				}
				if t.Rel[j].Base() == s.Rels[j].Base() {
					bla++
				}
			}
		}
	}
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(n, 1)) }
	return Scores{Tokens: n, UPOS: pct(tag), UAS: pct(ua), LAS: pct(la), BLAS: pct(bla)}
}
