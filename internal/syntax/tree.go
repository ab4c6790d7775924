package syntax

import (
	"fmt"
	"strings"
)

// Tree is the parse of one sentence: for each token its tag, its head and
// the relation to it. A Tree is filled by Model.Parse and reused across
// parses, so slices it returns are valid until the next Parse into it. The
// zero Tree is ready to use.
type Tree struct {
	Words []string // the tokens parsed (the caller's slice)
	Tag   []UPOS
	Head  []int // index of the head token; -1 for the root
	Rel   []Rel

	root     int
	kidStart []int32 // children of i are kids[kidStart[i]:kidStart[i+1]]
	kids     []int
	lo, hi   []int32 // subtree span: tokens lo..hi inclusive
	depth    []int32
	sc       scratch
}

// scratch is the working memory of a parse, kept in the Tree so that
// parsing allocates only while a tree grows to its largest sentence.
type scratch struct {
	attrs   []attr
	buf     []byte
	feats   []uint32
	rscores []int32
	st      state
	walk    []int32
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

func (t *Tree) reset(words []string, affix bool) {
	n := len(words)
	t.Words = words
	t.Tag = grow(t.Tag, n)
	t.Head = grow(t.Head, n)
	t.Rel = grow(t.Rel, n)
	clear(t.Tag)
	t.root = -1
	sc := &t.sc
	sc.attrs = grow(sc.attrs, n)
	for i, w := range words {
		sc.buf = setAttr(&sc.attrs[i], w, i == 0, affix, sc.buf)
	}
}

// index builds the children lists, subtree spans and depths.
func (t *Tree) index() {
	n := len(t.Words)
	t.kidStart = grow(t.kidStart, n+2)
	t.kids = grow(t.kids, n)
	clear(t.kidStart)
	for i, h := range t.Head {
		if h < 0 {
			t.root = i
			continue
		}
		t.kidStart[h+2]++
	}
	for i := 2; i < n+2; i++ {
		t.kidStart[i] += t.kidStart[i-1]
	}
	for i, h := range t.Head {
		if h >= 0 {
			t.kids[t.kidStart[h+1]] = i
			t.kidStart[h+1]++
		}
	}
	t.kidStart = t.kidStart[:n+1]
	t.lo, t.hi, t.depth = grow(t.lo, n), grow(t.hi, n), grow(t.depth, n)
	if t.root < 0 {
		return
	}
	// Pre-order walk for depths, then spans in reverse pre-order (children
	// before parents).
	order := t.sc.walk[:0]
	order = append(order, int32(t.root))
	t.depth[t.root] = 0
	for k := 0; k < len(order); k++ {
		i := order[k]
		t.lo[i], t.hi[i] = i, i
		for _, c := range t.kids[t.kidStart[i]:t.kidStart[i+1]] {
			t.depth[c] = t.depth[i] + 1
			order = append(order, int32(c))
		}
	}
	for k := len(order) - 1; k > 0; k-- {
		i := order[k]
		h := t.Head[i]
		t.lo[h] = min(t.lo[h], t.lo[i])
		t.hi[h] = max(t.hi[h], t.hi[i])
	}
	t.sc.walk = order
}

// Len returns the number of tokens.
func (t *Tree) Len() int { return len(t.Words) }

// Root returns the root token, or -1 for an empty tree.
func (t *Tree) Root() int { return t.root }

// Children returns the dependents of token i in token order (a view into
// the tree: do not modify it).
func (t *Tree) Children(i int) []int { return t.kids[t.kidStart[i]:t.kidStart[i+1]] }

// Child returns the first dependent of i attached by r, or -1. A universal
// relation matches its subtypes: Child(i, Nsubj) finds an nsubj:pass
// dependent too, while Child(i, NsubjPass) finds only nsubj:pass.
func (t *Tree) Child(i int, r Rel) int {
	for _, c := range t.Children(i) {
		if rc := t.Rel[c]; rc == r || rc.Base() == r {
			return c
		}
	}
	return -1
}

// Span returns the tokens of the subtree of i as a half-open range
// [start, end). For a non-projective subtree the range also covers the
// tokens inside it that belong elsewhere.
func (t *Tree) Span(i int) (start, end int) { return int(t.lo[i]), int(t.hi[i]) + 1 }

// Depth returns the number of arcs from the root to i.
func (t *Tree) Depth(i int) int { return int(t.depth[i]) }

// Dominates reports whether a is b or one of its ancestors.
func (t *Tree) Dominates(a, b int) bool {
	for d := t.depth[a]; t.depth[b] > d; {
		b = t.Head[b]
	}
	return a == b
}

// Common returns the lowest common ancestor of a and b.
func (t *Tree) Common(a, b int) int {
	for t.depth[a] > t.depth[b] {
		a = t.Head[a]
	}
	for t.depth[b] > t.depth[a] {
		b = t.Head[b]
	}
	for a != b {
		a, b = t.Head[a], t.Head[b]
	}
	return a
}

// Path appends to dst the tokens on the way from a to b: up from a to their
// lowest common ancestor, then down to b (a and b included). With dst
// reused, it allocates nothing.
func (t *Tree) Path(dst []int, a, b int) []int {
	c := t.Common(a, b)
	for x := a; x != c; x = t.Head[x] {
		dst = append(dst, x)
	}
	dst = append(dst, c)
	mark := len(dst)
	for x := b; x != c; x = t.Head[x] {
		dst = append(dst, x)
	}
	// The way down was collected upwards: reverse it.
	for i, j := mark, len(dst)-1; i < j; i, j = i+1, j-1 {
		dst[i], dst[j] = dst[j], dst[i]
	}
	return dst
}

// ClauseHead returns the head of the clause token i belongs to: the nearest
// of i and its ancestors that heads a clause — attached by a clausal
// relation (root, ccomp, xcomp, advcl, acl, csubj, parataxis), a verb or
// auxiliary conjoined to another, or a token with a subject of its own.
func (t *Tree) ClauseHead(i int) int {
	for x := i; ; x = t.Head[x] {
		r := t.Rel[x]
		if r.IsClausal() || t.Head[x] < 0 {
			return x
		}
		if r.Base() == Conj && (t.Tag[x] == VERB || t.Tag[x] == AUX) {
			return x
		}
		for _, c := range t.Children(x) {
			if t.Rel[c].IsSubject() {
				return x
			}
		}
	}
}

// Fill makes t the tree s (a treebank sentence, or one built by hand in a
// test) so that the queries work on it; s must be a well-formed tree.
func (t *Tree) Fill(s *Sentence) error {
	if err := s.Check(); err != nil {
		return err
	}
	t.Words = s.Words
	n := len(s.Words)
	t.Tag, t.Head, t.Rel = grow(t.Tag, n), grow(t.Head, n), grow(t.Rel, n)
	copy(t.Tag, s.Tags)
	copy(t.Head, s.Heads)
	copy(t.Rel, s.Rels)
	t.root = -1
	t.index()
	return nil
}

// Sentence returns a copy of the parse.
func (t *Tree) Sentence() Sentence {
	return Sentence{
		Words: append([]string(nil), t.Words...),
		Tags:  append([]UPOS(nil), t.Tag...),
		Heads: append([]int(nil), t.Head...),
		Rels:  append([]Rel(nil), t.Rel...),
	}
}

// String formats the tree as CoNLL-U-like lines: id, word, tag, head, relation.
func (t *Tree) String() string {
	var b strings.Builder
	for i, w := range t.Words {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%d\t%s\n", i+1, w, t.Tag[i], t.Head[i]+1, t.Rel[i])
	}
	return b.String()
}
