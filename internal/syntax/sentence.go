package syntax

import "fmt"

// Sentence is an annotated sentence: a treebank sentence for training and
// testing, or a parse copied out of a Tree. Heads are 0-based token indexes,
// -1 for the root.
type Sentence struct {
	Words []string
	Tags  []UPOS
	Heads []int
	Rels  []Rel
	// Domain says which annotation conventions the sentence follows when
	// training on treebanks that differ: 0 for the conventions the model
	// should produce, 1, 2… for others (see TrainOptions).
	Domain int
}

// Check reports whether s is a well-formed tree: equal lengths, every head in
// range, exactly one root, no cycles.
func (s *Sentence) Check() error {
	n := len(s.Words)
	if len(s.Tags) != n || len(s.Heads) != n || len(s.Rels) != n {
		return fmt.Errorf("lengths differ: %d words, %d tags, %d heads, %d relations", n, len(s.Tags), len(s.Heads), len(s.Rels))
	}
	return checkTree(s.Heads)
}

func checkTree(heads []int) error {
	n := len(heads)
	if n == 0 {
		return nil
	}
	roots := 0
	for i, h := range heads {
		if h < -1 || h >= n || h == i {
			return fmt.Errorf("token %d: head %d out of range", i, h)
		}
		if h == -1 {
			roots++
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d roots, want 1", roots)
	}
	// Every token must reach the root within n steps.
	for i := range heads {
		j := i
		for steps := 0; heads[j] != -1; steps++ {
			if steps > n {
				return fmt.Errorf("token %d: cycle", i)
			}
			j = heads[j]
		}
	}
	return nil
}
