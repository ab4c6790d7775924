package syntax

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"
)

// TrainOptions are the settings of Train. The zero value of a field takes
// the default given beside it.
type TrainOptions struct {
	Lang  string // language code recorded in the model
	Affix bool   // Indonesian affix features

	TagEpochs   int     // passes over the data for the tagger: 10
	ParseEpochs int     // passes for the parser: 12
	Folds       int     // jackknife folds giving the parser predicted tags: 5; 1 trains on gold tags
	Explore     float64 // probability of following a wrong move once exploring: 0.9
	ExploreFrom int     // first epoch (0-based) that explores: 1
	Seed        uint64  // seed of the shuffles and the exploration

	MinQ    int // rows whose weights are all below MinQ/127 of the largest are dropped: 2
	DictMin int // a word seen this often with one tag ≥ 97% of the time skips the tagger: 20

	// Which parts train with private feature copies per domain when the
	// sentences come from more than one (Sentence.Domain): a bit set of
	// PartTagger, PartMoves, PartLabels. Zero: tagger and labels. On the
	// Indonesian treebanks private copies for the moves fitted the small
	// target treebank (CSUI) and lost 6 points of UAS on GSD dev, while
	// for tags and labels they gained 2 to 3 points of UPOS and LAS on
	// the treebanks in the target conventions.
	DomainParts int

	Dev []Sentence // scored after each parser epoch when Log is set
	Log io.Writer  // progress lines; nil for none
}

// Parts of the model, for TrainOptions.DomainParts.
const (
	PartTagger = 1 << iota
	PartMoves
	PartLabels
)

func (o *TrainOptions) defaults() {
	if o.DomainParts == 0 {
		o.DomainParts = PartTagger | PartLabels
	}
	if o.TagEpochs == 0 {
		o.TagEpochs = 10
	}
	if o.ParseEpochs == 0 {
		o.ParseEpochs = 12
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
	if o.ExploreFrom == 0 {
		o.ExploreFrom = 1
	}
	if o.MinQ == 0 {
		o.MinQ = 2
	}
	if o.DictMin == 0 {
		o.DictMin = 20
	}
}

func (o *TrainOptions) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// Train trains a tagger and parser on sents. It is deterministic: the same
// sentences and options give the same model, byte for byte.
func Train(sents []Sentence, opt TrainOptions) (*Model, error) {
	opt.defaults()
	for i := range sents {
		if err := sents[i].Check(); err != nil {
			return nil, fmt.Errorf("training sentence %d: %w", i, err)
		}
	}
	if len(sents) == 0 {
		return nil, fmt.Errorf("no training sentences")
	}
	m := &Model{Lang: opt.Lang, affix: opt.Affix}

	// Tags the parser trains on: predicted by taggers that did not see the
	// sentence (jackknifing), so that training sees the tagger's errors as
	// parsing will.
	start := time.Now()
	ptags := make([][]UPOS, len(sents))
	if opt.Folds > 1 {
		for f := 0; f < opt.Folds; f++ {
			var in, out []int
			for i := range sents {
				if i%opt.Folds == f {
					out = append(out, i)
				} else {
					in = append(in, i)
				}
			}
			tm := &Model{affix: opt.Affix}
			trainTagger(tm, sents, in, &opt)
			var t Tree
			for _, i := range out {
				t.reset(sents[i].Words, opt.Affix)
				tm.tag(&t)
				ptags[i] = slices.Clone(t.Tag)
			}
		}
	} else {
		for i := range sents {
			ptags[i] = sents[i].Tags
		}
	}
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	trainTagger(m, sents, all, &opt)
	opt.logf("tagger: %d rows, %d dictionary words, %v", m.tagW.rows, len(m.dict.keys), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	trainParser(m, sents, ptags, &opt)
	opt.logf("parser: %d move rows, %d label rows, %v", m.moveW.rows, m.relW.rows, time.Since(start).Round(time.Millisecond))
	return m, nil
}

// trainTagger trains m's tag dictionary and tagger on sents[idx].
func trainTagger(m *Model, sents []Sentence, idx []int, opt *TrainOptions) {
	var t Tree
	// Dictionary of words that always take one tag. A word the target
	// domain (0) has must take the same tag there, so that another
	// treebank's convention for it does not win by numbers.
	counts := map[uint32]*[numTags]int{}
	target := map[uint32]*[numTags]int{}
	for _, i := range idx {
		t.reset(sents[i].Words, opt.Affix)
		for j := range sents[i].Words {
			k := t.sc.attrs[j].lexKey
			c := counts[k]
			if c == nil {
				c = new([numTags]int)
				counts[k] = c
			}
			c[sents[i].Tags[j]]++
			if sents[i].Domain == 0 {
				c := target[k]
				if c == nil {
					c = new([numTags]int)
					target[k] = c
				}
				c[sents[i].Tags[j]]++
			}
		}
	}
	var dk []uint32
	var dt []UPOS
	for k, c := range counts {
		total, best := 0, UPOS(0)
		for tg, n := range c {
			total += n
			if n > c[best] {
				best = UPOS(tg)
			}
		}
		if tc := target[k]; tc != nil {
			n := 0
			for _, x := range tc {
				n += x
			}
			if float64(tc[best]) < 0.97*float64(n) {
				continue
			}
		}
		if total >= opt.DictMin && float64(c[best]) >= 0.97*float64(total) {
			dk, dt = append(dk, k), append(dt, best)
		}
	}
	// Map order is random: sort for a deterministic table.
	order := make([]int, len(dk))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return int(int64(dk[a]) - int64(dk[b])) })
	sk, st := make([]uint32, len(dk)), make([]UPOS, len(dk))
	for j, o := range order {
		sk[j], st[j] = dk[o], dt[o]
	}
	m.dict.build(sk, st)

	p := newPerceptron(int(numTags)-1, hasDomains(sents) && opt.DomainParts&PartTagger != 0)
	rng := rand.New(rand.NewPCG(opt.Seed, 1))
	perm := slices.Clone(idx)
	scores := make([]float64, p.nclass)
	var feats []uint32
	for ep := 0; ep < opt.TagEpochs; ep++ {
		rng.Shuffle(len(perm), func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
		for _, i := range perm {
			s := &sents[i]
			t.reset(s.Words, opt.Affix)
			for j := range s.Words {
				if tg := m.dict.get(t.sc.attrs[j].lexKey); tg != NoTag {
					t.Tag[j] = tg
					continue
				}
				feats = tagFeatures(feats[:0], t.sc.attrs, t.Tag, j, m.affix)
				clear(scores)
				p.score(scores, feats, s.Domain)
				guess := argmax(scores)
				gold := int(s.Tags[j]) - 1
				p.update(feats, s.Domain, gold, guess)
				p.tick()
				t.Tag[j] = UPOS(guess + 1)
			}
		}
	}
	m.tagW = p.finish(opt.MinQ)
}

func hasDomains(sents []Sentence) bool {
	for i := range sents {
		if sents[i].Domain != 0 {
			return true
		}
	}
	return false
}

func argmax(s []float64) int {
	best := 0
	for c := range s {
		if s[c] > s[best] {
			best = c
		}
	}
	return best
}

// trainParser trains m's move and label perceptrons with a dynamic oracle.
func trainParser(m *Model, sents []Sentence, ptags [][]UPOS, opt *TrainOptions) {
	// Label classes: the relations seen in training, in Rel order.
	var seen [numRels]bool
	for i := range sents {
		for _, r := range sents[i].Rels {
			seen[r] = true
		}
	}
	seen[Root] = true
	class := make([]int, numRels)
	m.labels = m.labels[:0]
	m.rootL = -1
	for r := Rel(1); r < numRels; r++ {
		class[r] = -1
		if seen[r] {
			if r == Root {
				m.rootL = len(m.labels)
			}
			class[r] = len(m.labels)
			m.labels = append(m.labels, r)
		}
	}
	m.fixLabels(sents)
	doms := hasDomains(sents)
	mp := newPerceptron(numMoves, doms && opt.DomainParts&PartMoves != 0)
	rp := newPerceptron(len(m.labels), doms && opt.DomainParts&PartLabels != 0)
	rng := rand.New(rand.NewPCG(opt.Seed, 2))
	perm := make([]int, len(sents))
	for i := range perm {
		perm[i] = i
	}
	// Gold heads with the root as token n, projectivised by lifting.
	gold := make([][]int32, len(sents))
	for i := range sents {
		gold[i] = projective(sents[i].Heads)
	}
	var t Tree
	var feats, rfeats []uint32
	mscores := make([]float64, numMoves)
	rscores := make([]float64, len(m.labels))
	for ep := 0; ep < opt.ParseEpochs; ep++ {
		rng.Shuffle(len(perm), func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
		explore := ep >= opt.ExploreFrom
		moves, wrong := 0, 0
		for _, i := range perm {
			s := &sents[i]
			gh := gold[i]
			t.reset(s.Words, opt.Affix)
			st := &t.sc.st
			st.attrs, st.tags = t.sc.attrs, ptags[i]
			st.reset(len(s.Words))
			var ok [numMoves]bool
			for !st.done() {
				st.valid(&ok)
				feats = st.moveFeatures(feats[:0], m.affix)
				clear(mscores)
				mp.score(mscores, feats, s.Domain)
				cost := st.costs(gh, &ok)
				pred, best, minCost := -1, -1, 1<<30
				for c := 0; c < numMoves; c++ {
					if !ok[c] {
						continue
					}
					if pred < 0 || mscores[c] > mscores[pred] {
						pred = c
					}
					minCost = min(minCost, cost[c])
				}
				for c := 0; c < numMoves; c++ {
					if ok[c] && cost[c] == minCost && (best < 0 || mscores[c] > mscores[best]) {
						best = c
					}
				}
				moves++
				if cost[pred] > minCost {
					wrong++
					mp.update(feats, s.Domain, best, pred)
				}
				mp.tick()
				next := best
				if cost[pred] == minCost || (explore && rng.Float64() < opt.Explore) {
					next = pred
				}
				r := NoRel
				if next != shift {
					h, d := st.arc(next)
					if h == st.n {
						r = Root
					} else if fr := m.fixedRel(st, h, d); fr != NoRel {
						r = fr
					} else {
						rfeats = st.relFeatures(rfeats[:0], h, d, m.affix)
						clear(rscores)
						rp.score(rscores, rfeats, s.Domain)
						lp := -1
						for c := range rscores {
							if c != m.rootL && (lp < 0 || rscores[c] > rscores[lp]) {
								lp = c
							}
						}
						r = m.labels[lp]
						if gh[d] == h {
							if g := class[s.Rels[d]]; g >= 0 && g != m.rootL {
								rp.update(rfeats, s.Domain, g, lp)
								rp.tick()
								if !explore {
									r = s.Rels[d]
								}
							}
						}
					}
				}
				st.apply(next, r)
			}
		}
		line := fmt.Sprintf("parser epoch %d: %.2f%% wrong moves", ep+1, 100*float64(wrong)/float64(max(moves, 1)))
		if opt.Log != nil && len(opt.Dev) > 0 {
			m.moveW = mp.finish(opt.MinQ)
			m.relW = rp.finish(opt.MinQ)
			sc := m.Evaluate(opt.Dev)
			line += fmt.Sprintf("; dev %s", sc)
		}
		opt.logf("%s", line)
	}
	m.moveW = mp.finish(opt.MinQ)
	m.relW = rp.finish(opt.MinQ)
}

// fixLabels finds the arc shapes (direction, head tag, dependent tag) that
// took one relation in at least 99.5% of 50 or more training arcs of the
// target domain, whose label the parser then gives without scoring.
func (m *Model) fixLabels(sents []Sentence) {
	var counts [2][numTags][numTags][numRels]int
	for i := range sents {
		s := &sents[i]
		if s.Domain != 0 {
			continue
		}
		for d, h := range s.Heads {
			if h < 0 {
				continue
			}
			dir := 0
			if d < h {
				dir = 1
			}
			counts[dir][s.Tags[h]][s.Tags[d]][s.Rels[d]]++
		}
	}
	for dir := range counts {
		for ht := range counts[dir] {
			for dt := range counts[dir][ht] {
				c := &counts[dir][ht][dt]
				n, best := 0, Rel(0)
				for r, k := range c {
					n += k
					if k > c[best] {
						best = Rel(r)
					}
				}
				m.fixed[dir][ht][dt] = NoRel
				if n >= 50 && float64(c[best]) >= 0.995*float64(n) && best != Root {
					m.fixed[dir][ht][dt] = best
				}
			}
		}
	}
}

// costs returns, for each valid move, how many gold arcs (heads gh, root n)
// still reachable become unreachable by making it (Goldberg and Nivre 2013,
// arc-hybrid).
func (s *state) costs(gh []int32, ok *[numMoves]bool) [numMoves]int {
	var c [numMoves]int
	ns := len(s.stack)
	if ok[shift] {
		b := s.b
		for k, x := range s.stack {
			if gh[x] == b {
				c[shift]++
			}
			if k < ns-1 && gh[b] == x {
				c[shift]++
			}
		}
	}
	if ns > 0 {
		s0 := s.stack[ns-1]
		inBuf := 0 // gold dependents of s0 still in the buffer
		for k := s.b; k < s.n; k++ {
			if gh[k] == s0 {
				inBuf++
			}
		}
		if ok[left] {
			c[left] = inBuf
			if ns > 1 && gh[s0] == s.stack[ns-2] {
				c[left]++
			}
			if gh[s0] > s.b {
				c[left]++
			}
		}
		if ok[right] {
			c[right] = inBuf
			if gh[s0] >= s.b {
				c[right]++
			}
		}
	}
	return c
}

// projective returns heads with the root as len(heads), lifting
// non-projective arcs (the dependent moves up to its head's head) until the
// tree is projective, so that the arc-hybrid oracle is exact.
func projective(heads []int) []int32 {
	n := int32(len(heads))
	gh := make([]int32, n)
	for i, h := range heads {
		gh[i] = int32(h)
		if h < 0 {
			gh[i] = n
		}
	}
	dominated := func(k, h int32) bool {
		for k != n {
			if k == h {
				return true
			}
			k = gh[k]
		}
		return h == n
	}
	for changed := true; changed; {
		changed = false
		bestD, bestLen := int32(-1), int32(1<<30)
		for d := int32(0); d < n; d++ {
			h := gh[d]
			lo, hi := min(h, d), max(h, d)
			for k := lo + 1; k < hi; k++ {
				if !dominated(k, h) {
					if hi-lo < bestLen {
						bestD, bestLen = d, hi-lo
					}
					break
				}
			}
		}
		if bestD >= 0 {
			gh[bestD] = gh[gh[bestD]]
			changed = true
		}
	}
	return gh
}
