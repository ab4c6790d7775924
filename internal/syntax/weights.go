package syntax

import (
	"cmp"
	"math"
	"slices"
)

// weights is a trained linear model: for each hashed feature key a row of
// one weight per class, in an open-addressing table, with weights quantised
// to integers (a weight is the integer times scale). Rows of up to three
// classes (the parser's moves) sit inline in the table as one 64-bit word
// (27 bits of the key and three 12-bit weights), so a look-up touches one
// cache line; rows of many classes (tags, relations), where a feature has
// weights for only a handful of classes, are stored sparse with 16-bit
// weights. It is read-only after loading, so any number of parses may share
// it.
type weights struct {
	nclass int
	shift  uint32 // 32 - log2(entries)
	mask   uint32
	rows   int     // rows in use
	scale  float32 // a weight is its integer value times scale

	// dense: key>>5 << 37 | 1<<36 | three 12-bit two's-complement weights
	tab []uint64
	// sparse: key<<32 | offset into pairs; at the offset the number of
	// pairs, then class<<16 | uint16(weight) for each non-zero weight.
	slots []uint64
	pairs []uint32
}

// Quantisation levels: the largest weight of a table becomes ±levels.
const (
	denseMax    = 3
	denseLevels = 2047
	sparseLevel = 32767
)

func (w *weights) levels() int {
	if w.nclass <= denseMax {
		return denseLevels
	}
	return sparseLevel
}

func slotOf(key, shift uint32) uint32 { return (key * 0x9E3779B9) >> shift }

func bitsLen(x int) int {
	n := 0
	for x > 0 {
		n++
		x >>= 1
	}
	return n
}

// build makes the table from keys and their rows of quantised weights
// (nclass each, within ±levels()).
func (w *weights) build(keys []uint32, vals []int32) {
	size := 16
	for size < 2*len(keys) { // load factor at most 1/2: most look-ups miss
		size <<= 1
	}
	w.mask = uint32(size - 1)
	w.shift = 32 - uint32(bitsLen(size-1))
	w.rows = len(keys)
	nc := w.nclass
	if nc <= denseMax {
		w.tab = make([]uint64, size)
		for r, k := range keys {
			i := slotOf(k&denseMask, w.shift)
			for w.tab[i&w.mask] != 0 {
				i++
			}
			e := denseKey(k) << 36
			for c, v := range vals[r*nc : r*nc+nc] {
				e |= uint64(uint32(v)&0xFFF) << (12 * c)
			}
			w.tab[i&w.mask] = e
		}
		return
	}
	w.slots = make([]uint64, size)
	w.pairs = w.pairs[:0]
	for r, k := range keys {
		off := len(w.pairs)
		w.pairs = append(w.pairs, 0)
		for c, v := range vals[r*nc : r*nc+nc] {
			if v != 0 {
				w.pairs = append(w.pairs, uint32(c)<<16|uint32(uint16(int16(v))))
			}
		}
		w.pairs[off] = uint32(len(w.pairs) - off - 1)
		i := slotOf(k, w.shift)
		for w.slots[i&w.mask] != 0 {
			i++
		}
		w.slots[i&w.mask] = uint64(k)<<32 | uint64(off)
	}
}

// denseMask keeps the bits of a key a dense table stores.
const denseMask = ^uint32(0x1F)

// denseKey is what a dense entry keeps of a key above its weights: the top
// 27 bits, and a set bit so that no entry is 0.
func denseKey(k uint32) uint64 { return uint64(k>>5)<<1 | 1 }

// score adds the rows of the given feature keys to scores, which must hold
// nclass values.
func (w *weights) score(scores []int32, keys []uint32) {
	if w.tab != nil {
		w.scoreDense(scores, keys)
		return
	}
	var acc [256]int32
	w.scoreSparse(&acc, keys)
	for c := range scores[:w.nclass] {
		scores[c] += acc[c]
	}
}

func (w *weights) scoreDense(scores []int32, keys []uint32) {
	tab, mask, shift := w.tab, w.mask, w.shift
	var s0, s1, s2 int32
	for _, k := range keys {
		i := slotOf(k&denseMask, shift)
		want := denseKey(k)
		for {
			e := tab[i&mask]
			if e>>36 == want {
				// Shift each 12-bit field to the top of an int64 and back,
				// which sign-extends it.
				s0 += int32(int64(e<<52) >> 52)
				s1 += int32(int64(e<<40) >> 52)
				s2 += int32(int64(e<<28) >> 52)
				break
			}
			if e == 0 {
				break
			}
			i++
		}
	}
	switch len(scores) {
	default:
		scores[2] += s2
		fallthrough
	case 2:
		scores[1] += s1
		fallthrough
	case 1:
		scores[0] += s0
	case 0:
	}
}

func (w *weights) scoreSparse(acc *[256]int32, keys []uint32) {
	slots, pairs, mask, shift := w.slots, w.pairs, w.mask, w.shift
	for _, k := range keys {
		i := slotOf(k, shift)
		for {
			s := slots[i&mask]
			if uint32(s>>32) == k {
				off := int(uint32(s))
				n := int(pairs[off])
				for _, p := range pairs[off+1 : off+1+n] {
					acc[byte(p>>16)] += int32(int16(p))
				}
				break
			}
			if s == 0 {
				break
			}
			i++
		}
	}
}

// entries returns the keys in increasing order and their rows of weights.
// A dense table keeps only the top 27 bits of its keys, which is all a
// rebuilt table needs.
func (w *weights) entries() (keys []uint32, vals []int32) {
	nc := w.nclass
	type kr struct {
		k   uint32
		row []int32
	}
	var all []kr
	for _, e := range w.tab {
		if e != 0 {
			row := make([]int32, nc)
			for c := range row {
				row[c] = int32(int64(e<<(52-12*c)) >> 52)
			}
			all = append(all, kr{uint32(e>>37) << 5, row})
		}
	}
	for _, s := range w.slots {
		if s != 0 {
			row := make([]int32, nc)
			off := int(uint32(s))
			for _, p := range w.pairs[off+1 : off+1+int(w.pairs[off])] {
				row[p>>16] = int32(int16(p))
			}
			all = append(all, kr{uint32(s >> 32), row})
		}
	}
	slices.SortFunc(all, func(a, b kr) int { return cmp.Compare(a.k, b.k) })
	for _, x := range all {
		keys = append(keys, x.k)
		vals = append(vals, x.row...)
	}
	return keys, vals
}

// perceptron is the training-time form of weights: an averaged perceptron
// whose rows are created on first update. Averaging uses the accumulated
// (time × update) trick, so an update costs O(1) and the average is
// w - u/t at the end.
//
// Treebanks annotated under different conventions train together by
// feature augmentation (Daumé 2007): each feature also fires in a copy
// private to the sentence's domain, so the shared copy learns what the
// treebanks agree on and the private copies their differences. The exported
// model adds the target domain's (domain 0's) private weights to the shared
// ones and drops the other domains'.
type perceptron struct {
	nclass  int
	index   map[uint32]int32
	w       []int32
	u       []int64
	dom     []int8 // per row: -1 shared, else the domain of a private copy
	t       int64  // number of examples seen
	domains bool   // sentences carry domains: use private copies
}

func newPerceptron(nclass int, domains bool) *perceptron {
	return &perceptron{nclass: nclass, index: make(map[uint32]int32), t: 1, domains: domains}
}

// private returns the key of k's copy private to domain d.
func private(k uint32, d int) uint32 {
	x := uint64(k)<<8 | uint64(d)
	x *= 0xD6E8FEB86659FD93
	x ^= x >> 32
	if uint32(x) == 0 {
		return 1
	}
	return uint32(x)
}

func (p *perceptron) addRow(scores []float64, k uint32) {
	if r, ok := p.index[k]; ok {
		row := p.w[int(r)*p.nclass : int(r)*p.nclass+p.nclass]
		for c, v := range row {
			scores[c] += float64(v)
		}
	}
}

// score adds the current (not averaged) weights of keys, as seen from
// domain d, to scores.
func (p *perceptron) score(scores []float64, keys []uint32, d int) {
	for _, k := range keys {
		p.addRow(scores, k)
		if p.domains {
			p.addRow(scores, private(k, d))
		}
	}
}

func (p *perceptron) row(k uint32, d int) int {
	r, ok := p.index[k]
	if !ok {
		r = int32(len(p.dom))
		p.index[k] = r
		p.w = append(p.w, make([]int32, p.nclass)...)
		p.u = append(p.u, make([]int64, p.nclass)...)
		p.dom = append(p.dom, int8(d))
	}
	return int(r) * p.nclass
}

// update moves the weights of keys (from domain d) towards class good and
// away from bad.
func (p *perceptron) update(keys []uint32, d, good, bad int) {
	if good == bad {
		return
	}
	for _, k := range keys {
		p.bump(p.row(k, -1), good, bad)
		if p.domains {
			p.bump(p.row(private(k, d), d), good, bad)
		}
	}
}

func (p *perceptron) bump(base, good, bad int) {
	p.w[base+good]++
	p.u[base+good] += p.t
	p.w[base+bad]--
	p.u[base+bad] -= p.t
}

// tick counts one example for averaging.
func (p *perceptron) tick() { p.t++ }

// averaged returns the exported weights: for each shared key its averaged
// row plus that of its domain-0 copy, in key order.
func (p *perceptron) averaged() (keys []uint32, rows []float64) {
	nc := p.nclass
	t := float64(p.t)
	avg := func(r int32, dst []float64) {
		base := int(r) * nc
		for c := 0; c < nc; c++ {
			dst[c] += float64(p.w[base+c]) - float64(p.u[base+c])/t
		}
	}
	for k, r := range p.index {
		if p.dom[r] < 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	rows = make([]float64, len(keys)*nc)
	for i, k := range keys {
		avg(p.index[k], rows[i*nc:i*nc+nc])
		if p.domains {
			if r, ok := p.index[private(k, 0)]; ok && p.dom[r] == 0 {
				avg(r, rows[i*nc:i*nc+nc])
			}
		}
	}
	return keys, rows
}

// finish returns the averaged weights quantised, dropping rows whose every
// weight is below minQ/127 of the largest and, in sparse tables, zeroing
// weights below half that (a zero costs nothing to score).
func (p *perceptron) finish(minQ int) weights {
	nc := p.nclass
	out := weights{nclass: nc}
	keys, rows := p.averaged()
	maxAbs := 0.0
	for _, v := range rows {
		maxAbs = max(maxAbs, math.Abs(v))
	}
	cut := float64(max(minQ, 1)) * maxAbs / 127
	scale := 1.0
	if maxAbs > 0 {
		scale = maxAbs / float64(out.levels())
	}
	out.scale = float32(scale)
	kept := keys[:0]
	var vals []int32
	for i, k := range keys {
		row := rows[i*nc : i*nc+nc]
		big := false
		for _, v := range row {
			if math.Abs(v) >= cut {
				big = true
				break
			}
		}
		if !big {
			continue
		}
		kept = append(kept, k)
		for _, v := range row {
			if nc > denseMax && math.Abs(v) < cut/2 {
				v = 0
			}
			vals = append(vals, int32(math.Round(v/scale)))
		}
	}
	if nc <= denseMax {
		kept, vals = mergeDense(kept, vals, nc)
	}
	out.build(kept, vals)
	return out
}

// mergeDense masks keys to what a dense table keeps and sums the rows of
// keys that become equal (as hashed features that collide would), so that
// the table built now and the one rebuilt from a saved model are the same.
func mergeDense(keys []uint32, vals []int32, nc int) ([]uint32, []int32) {
	var k2 []uint32
	var v2 []int32
	for i, k := range keys {
		k &= denseMask
		row := vals[i*nc : i*nc+nc]
		if n := len(k2); n > 0 && k2[n-1] == k {
			for c, v := range row {
				v2[(n-1)*nc+c] = max(-denseLevels, min(denseLevels, v2[(n-1)*nc+c]+v))
			}
			continue
		}
		k2 = append(k2, k)
		v2 = append(v2, row...)
	}
	return k2, v2
}
