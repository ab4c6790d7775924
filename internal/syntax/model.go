package syntax

import "fmt"

// Model is a trained tagger and parser for one language. It is read-only
// once loaded and safe for concurrent use: each goroutine parses into its own
// Tree.
type Model struct {
	// Header is the model file's plain-text header (its # lines): what the
	// model is, what it was trained on, its licence and its accuracy.
	Header string
	// Lang is the language code the model was trained for ("id", "en").
	Lang string

	affix  bool   // use the Indonesian affix features
	labels []Rel  // label class → relation
	rootL  int    // class of Root
	dict   lexTab // words always given one tag
	// fixed[dir][head tag][dependent tag] is the relation every arc of that
	// shape took in training (punct for punctuation, case for an adposition
	// before its noun…), so the label classifier is skipped; NoRel
	// otherwise. dir is 1 when the dependent precedes its head.
	fixed [2][numTags][numTags]Rel
	tagW  weights
	moveW weights
	relW  weights
}

// lexTab maps a word's dictionary key to the tag it always takes.
type lexTab struct {
	shift uint32
	mask  uint32
	keys  []uint32
	tags  []UPOS
}

func (l *lexTab) build(keys []uint32, tags []UPOS) {
	size := 16
	for size < 2*len(keys) {
		size <<= 1
	}
	l.keys = make([]uint32, size)
	l.tags = make([]UPOS, size)
	l.mask = uint32(size - 1)
	l.shift = 32 - uint32(bitsLen(size-1))
	for j, k := range keys {
		i := slotOf(k, l.shift)
		for l.keys[i] != 0 {
			i = (i + 1) & l.mask
		}
		l.keys[i], l.tags[i] = k, tags[j]
	}
}

func (l *lexTab) get(k uint32) UPOS {
	if len(l.keys) == 0 {
		return NoTag
	}
	i := slotOf(k, l.shift)
	for {
		switch l.keys[i] {
		case k:
			return l.tags[i]
		case 0:
			return NoTag
		}
		i = (i + 1) & l.mask
	}
}

// Labels returns the relations the model can assign.
func (m *Model) Labels() []Rel { return append([]Rel(nil), m.labels...) }

// Parse tags and parses words (the tokens of one sentence, as written) into
// t, reusing t's memory: in steady state it allocates nothing. Any input
// gives a tree: every token has a head in range or is the one root, and
// there are no cycles; no words gives an empty tree.
func (m *Model) Parse(t *Tree, words []string) {
	t.reset(words, m.affix)
	n := len(words)
	if n == 0 {
		return
	}
	m.tag(t)
	m.parse(t)
	t.index()
}

// tag fills t.Tag, greedily from left to right.
func (m *Model) tag(t *Tree) {
	sc := &t.sc
	var scores [numTags]int32
	for i := range t.Words {
		if tg := m.dict.get(sc.attrs[i].lexKey); tg != NoTag {
			t.Tag[i] = tg
			continue
		}
		sc.feats = tagFeatures(sc.feats[:0], sc.attrs, t.Tag, i, m.affix)
		scores = [numTags]int32{}
		m.tagW.score(scores[:], sc.feats)
		best := 0
		for c := 1; c < m.tagW.nclass; c++ {
			if scores[c] > scores[best] {
				best = c
			}
		}
		t.Tag[i] = UPOS(best + 1)
	}
}

// parse fills t.Head and t.Rel from t.Tag.
func (m *Model) parse(t *Tree) {
	sc := &t.sc
	st := &sc.st
	st.attrs, st.tags = sc.attrs, t.Tag
	st.reset(len(t.Words))
	if cap(sc.rscores) < len(m.labels) {
		sc.rscores = make([]int32, len(m.labels))
	}
	rs := sc.rscores[:len(m.labels)]
	var ok [numMoves]bool
	var ms [numMoves]int32
	for !st.done() {
		st.valid(&ok)
		mv := -1
		if ok[shift] && !ok[left] && !ok[right] {
			mv = shift
		} else if !ok[shift] && ok[left] && !ok[right] {
			mv = left
		} else if !ok[shift] && !ok[left] && ok[right] {
			mv = right
		} else {
			sc.feats = st.moveFeatures(sc.feats[:0], m.affix)
			ms = [numMoves]int32{}
			m.moveW.score(ms[:], sc.feats)
			for c := 0; c < numMoves; c++ {
				if ok[c] && (mv < 0 || ms[c] > ms[mv]) {
					mv = c
				}
			}
		}
		r := NoRel
		if mv != shift {
			r = m.label(st, mv, rs, &sc.feats)
		}
		st.apply(mv, r)
	}
	n := int32(len(t.Words))
	for i := range t.Words {
		h := st.nodes[i].head
		if h == n {
			h = -1
		}
		t.Head[i] = int(h)
		t.Rel[i] = st.nodes[i].rel
	}
}

// label chooses the relation of the arc move mv makes: Root for the root's
// dependent, any other relation otherwise.
func (m *Model) label(st *state, mv int, rs []int32, feats *[]uint32) Rel {
	h, d := st.arc(mv)
	if h == st.n {
		return Root
	}
	if r := m.fixedRel(st, h, d); r != NoRel {
		return r
	}
	*feats = st.relFeatures((*feats)[:0], h, d, m.affix)
	clear(rs)
	m.relW.score(rs, *feats)
	best := -1
	for c := range rs {
		if c != m.rootL && (best < 0 || rs[c] > rs[best]) {
			best = c
		}
	}
	if best < 0 {
		return Dep
	}
	return m.labels[best]
}

func (m *Model) fixedRel(st *state, h, d int32) Rel {
	dir := 0
	if d < h {
		dir = 1
	}
	return m.fixed[dir][st.tags[h]][st.tags[d]]
}

func (m *Model) String() string {
	return fmt.Sprintf("syntax model %s: %d labels, %d+%d+%d feature rows", m.Lang, len(m.labels),
		m.tagW.rows, m.moveW.rows, m.relW.rows)
}
