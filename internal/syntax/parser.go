package syntax

// The parser is arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta 2011) with
// the root token at the end of the buffer (Ballesteros and Nivre 2013), so a
// sentence always gets exactly one root: the root may only take a dependent
// when it is the last token left on the stack. Each step is chosen by a
// perceptron over three moves; when a move makes an arc, a second perceptron
// labels it. Both were trained with the dynamic oracle of Goldberg and Nivre
// (2013), which lets training explore its own mistakes.

// Moves.
const (
	shift = iota
	left  // s0 ← b0: the front of the buffer becomes the head of the stack top
	right // s1 → s0: the item under the stack top becomes its head
	numMoves
)

// node is what the parser knows of a token while it parses.
type node struct {
	head           int32 // -1 until attached; n for the root
	rel            Rel
	l1, l2, r1, r2 int32 // leftmost, second leftmost, rightmost, second rightmost children
	nl, nr         int32 // number of left and right children
	lset, rset     uint64
}

// state is a parser configuration. Token n is the root.
type state struct {
	n      int32
	stack  []int32
	b      int32
	nodes  []node
	attrs  []attr
	tags   []UPOS
	puncts []int32 // puncts[i]: punctuation tokens before i
}

func (s *state) reset(n int) {
	s.n = int32(n)
	s.stack = s.stack[:0]
	s.b = 0
	if cap(s.nodes) < n+1 {
		s.nodes = make([]node, n+1, n+1+n/2)
	}
	s.nodes = s.nodes[:n+1]
	for i := range s.nodes {
		s.nodes[i] = node{head: -1, l1: -1, l2: -1, r1: -1, r2: -1}
	}
	if cap(s.puncts) < n+1 {
		s.puncts = make([]int32, n+1, n+1+n/2)
	}
	s.puncts = s.puncts[:n+1]
	c := int32(0)
	for i := 0; i < n; i++ {
		s.puncts[i] = c
		if s.tags[i] == PUNCT {
			c++
		}
	}
	s.puncts[n] = c
}

func (s *state) done() bool { return len(s.stack) == 0 && s.b == s.n }

// valid fills ok with the moves allowed now.
func (s *state) valid(ok *[numMoves]bool) {
	ns := len(s.stack)
	ok[shift] = s.b < s.n
	ok[left] = ns > 0 && (s.b < s.n || ns == 1)
	ok[right] = ns > 1
}

// apply makes move m; for arcs, r is the relation.
func (s *state) apply(m int, r Rel) {
	switch m {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case left:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.b, d, r)
	case right:
		d := s.stack[len(s.stack)-1]
		h := s.stack[len(s.stack)-2]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(h, d, r)
	}
}

func (s *state) attach(h, d int32, r Rel) {
	s.nodes[d].head = h
	s.nodes[d].rel = r
	hn := &s.nodes[h]
	if d < h {
		hn.nl++
		hn.lset |= 1 << (uint(r) & 63)
		if hn.l1 < 0 || d < hn.l1 {
			hn.l2 = hn.l1
			hn.l1 = d
		} else if hn.l2 < 0 || d < hn.l2 {
			hn.l2 = d
		}
	} else {
		hn.nr++
		hn.rset |= 1 << (uint(r) & 63)
		if hn.r1 < 0 || d > hn.r1 {
			hn.r2 = hn.r1
			hn.r1 = d
		} else if hn.r2 < 0 || d > hn.r2 {
			hn.r2 = d
		}
	}
}

// arc returns the head and dependent move m would attach.
func (s *state) arc(m int) (h, d int32) {
	d = s.stack[len(s.stack)-1]
	if m == left {
		return s.b, d
	}
	return s.stack[len(s.stack)-2], d
}

func (s *state) attr(i int32) *attr {
	switch {
	case i < 0 || i > s.n:
		return &attrNone
	case i == s.n:
		return &attrRoot
	}
	return &s.attrs[i]
}

func (s *state) tag(i int32) uint64 {
	switch {
	case i < 0 || i > s.n:
		return tagNone
	case i == s.n:
		return tagRoot
	}
	return uint64(s.tags[i])
}

func (s *state) label(i int32) uint64 {
	if i < 0 || i >= s.n {
		return 0
	}
	return uint64(s.nodes[i].rel)
}

func (s *state) child(i int32, which int) int32 {
	if i < 0 || i > s.n {
		return -1
	}
	nd := &s.nodes[i]
	switch which {
	case 0:
		return nd.l1
	case 1:
		return nd.l2
	case 2:
		return nd.r1
	}
	return nd.r2
}

func (s *state) stackAt(k int) int32 {
	if k < len(s.stack) {
		return s.stack[len(s.stack)-1-k]
	}
	return -1
}

func dist(a, b int32) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 7:
		return 5
	case d <= 12:
		return 6
	}
	return 7
}

func wp(a *attr, t uint64) uint64 { return a.word ^ (t+1)*0x2545F4914F6CDD1D }

// moveFeatures appends the features that choose the next move.
func (s *state) moveFeatures(dst []uint32, affix bool) []uint32 {
	s0, s1, s2 := s.stackAt(0), s.stackAt(1), s.stackAt(2)
	b0 := s.b
	b1, b2 := b0+1, b0+2
	if b0 >= s.n {
		b1, b2 = -1, -1
	}
	a0, a1, ab0, ab1 := s.attr(s0), s.attr(s1), s.attr(b0), s.attr(b1)
	p0, p1, p2, pb0, pb1, pb2 := s.tag(s0), s.tag(s1), s.tag(s2), s.tag(b0), s.tag(b1), s.tag(b2)
	w0, wb0 := wp(a0, p0), wp(ab0, pb0)
	s0l1, s0l2, s0r1, s0r2 := s.child(s0, 0), s.child(s0, 1), s.child(s0, 2), s.child(s0, 3)
	b0l1, b0l2 := s.child(b0, 0), s.child(b0, 1)
	s1r1, s1l1 := s.child(s1, 2), s.child(s1, 0)
	pl1, pr1, pbl1 := s.tag(s0l1), s.tag(s0r1), s.tag(b0l1)
	var d, d1, np uint64 = 8, 8, 8
	if s0 >= 0 {
		d = dist(s0, b0)
		np = uint64(min(s.puncts[b0]-s.puncts[s0], 3))
		if s1 >= 0 {
			d1 = dist(s1, s0)
		}
	}
	var vl0, vr0, vlb, ls0, rs0, lsb uint64 = 99, 99, 99, 0, 0, 0
	if s0 >= 0 {
		vl0, vr0, ls0, rs0 = uint64(min(s.nodes[s0].nl, 6)), uint64(min(s.nodes[s0].nr, 6)), s.nodes[s0].lset, s.nodes[s0].rset
	}
	if b0 >= 0 && b0 <= s.n {
		vlb, lsb = uint64(min(s.nodes[b0].nl, 6)), s.nodes[b0].lset
	}
	dst = append(dst,
		f1(100, 0),
		f1(101, a0.word), f1(102, p0), f1(103, w0),
		f1(104, ab0.word), f1(105, pb0), f1(106, wb0),
		f1(107, ab1.word), f1(108, pb1), f1(111, pb2),
		f1(112, a1.word), f1(113, p1), f1(115, p2),
		f2(120, w0, wb0), f2(123, w0, pb0), f2(124, p0, wb0), f2(125, a0.word, ab0.word),
		f2(126, p0, pb0), f2(127, pb0, pb1), f2(128, p1, p0), f2(129, a1.word, a0.word),
		f2(130, a1.word, p0), f2(131, p1, a0.word),
		f3(140, pb0, pb1, pb2), f3(141, p0, pb0, pb1), f3(142, p1, p0, pb0), f3(143, p0, pl1, pb0),
		f3(144, p0, pr1, pb0), f3(145, p0, pb0, pbl1), f3(149, p1, s.tag(s1r1), p0),
		f3(150, p2, p1, p0), f3(151, p1, p0, s.label(s1r1)),
		f2(161, p0, d), f2(163, pb0, d), f3(164, p0, pb0, d), f3(166, p1, p0, d1),
		f3(167, p0, pb0, np), f3(168, p1, p0, np),
		f2(171, p0, vr0), f2(173, p0, vl0), f2(175, pb0, vlb),
		f1(181, pl1), f1(182, s.label(s0l1)), f1(184, pr1), f1(185, s.label(s0r1)),
		f1(187, pbl1), f1(188, s.label(b0l1)),
		f1(189, s.label(s0l2)), f1(190, s.label(s0r2)), f1(191, s.label(b0l2)),
		f1(192, s.tag(s1r1)), f1(194, s.label(s1l1)),
		f2(201, p0, ls0), f2(203, p0, rs0), f2(205, pb0, lsb),
		f3(206, p0, s.label(s0l1), s.label(s0l2)), f3(207, p0, s.label(s0r1), s.label(s0r2)),
		f3(208, pb0, s.label(b0l1), s.label(b0l2)),
		f2(210, a0.suf[2], pb0), f2(211, p0, ab0.suf[2]),
	)
	if affix {
		dst = append(dst, f1(220, a0.affix), f1(221, ab0.affix), f2(222, a0.affix, ab0.affix),
			f2(223, a0.affix, pb0), f2(224, p0, ab0.affix))
	}
	return dst
}

// relFeatures appends the features that label the arc h → d.
func (s *state) relFeatures(dst []uint32, h, d int32, affix bool) []uint32 {
	ah, ad := s.attr(h), s.attr(d)
	ph, pd := s.tag(h), s.tag(d)
	dir := uint64(0)
	if d < h {
		dir = 1
	}
	dd := dist(h, d) | dir<<3
	nd := &s.nodes[d]
	dl1, dr1 := nd.l1, nd.r1
	adl1 := s.attr(dl1)
	hn := &s.nodes[h]
	pprev, pnext := s.tag(d-1), s.tag(d+1)
	if d+1 == s.n {
		pnext = tagNone
	}
	dst = append(dst,
		f1(300, 0),
		f1(301, ad.word), f1(302, pd), f1(304, ad.suf[2]),
		f1(305, ah.word), f1(306, ph),
		f2(308, ph, pd), f2(309, ah.word, pd), f2(310, ph, ad.word),
		f3(312, ph, pd, dd),
		f2(314, pd, nd.lset), f2(315, pd, nd.rset),
		f1(316, adl1.word), f1(318, s.label(dl1)), f1(320, s.label(dr1)),
		f3(323, adl1.word, pd, ph),
		f2(324, ph, hn.lset|hn.rset<<1), f3(327, pd, pprev, pnext),
		f2(328, ad.flags, pd), f3(329, ah.suf[2], pd, dir),
	)
	if affix {
		dst = append(dst, f1(340, ad.affix), f3(341, ah.affix, pd, dir), f2(342, ad.affix, ph))
	}
	return dst
}
