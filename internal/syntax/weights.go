package syntax

import (
	"math"
	"slices"
)

// weights is a trained linear model: for each hashed feature key a row of
// one quantised weight per class, in an open-addressing table. It is
// read-only after loading, so any number of parses may share it.
type weights struct {
	nclass int
	shift  uint32 // 32 - log2(len(slots))
	mask   uint32
	slots  []slot
	vals   []int16 // rows, nclass values each, in key order
	scale  float32 // a weight is vals[i] * scale
}

// slot is one cell of the table; key 0 marks an empty cell (keys are never 0).
type slot struct{ key, row uint32 }

func slotOf(key, shift uint32) uint32 { return (key * 0x9E3779B9) >> shift }

// build makes the table from rows given in increasing key order.
func (w *weights) build(keys []uint32) {
	size := 16
	for size < 2*len(keys) {
		size <<= 1
	}
	w.slots = make([]slot, size)
	w.mask = uint32(size - 1)
	w.shift = 32 - uint32(bitsLen(size-1))
	for r, k := range keys {
		i := slotOf(k, w.shift)
		for w.slots[i].key != 0 {
			i = (i + 1) & w.mask
		}
		w.slots[i] = slot{key: k, row: uint32(r)}
	}
}

func bitsLen(x int) int {
	n := 0
	for x > 0 {
		n++
		x >>= 1
	}
	return n
}

// score adds the rows of the given feature keys to scores.
func (w *weights) score(scores []int32, keys []uint32) {
	nc := w.nclass
	scores = scores[:nc]
	for _, k := range keys {
		i := slotOf(k, w.shift)
		for {
			s := w.slots[i]
			if s.key == k {
				row := w.vals[int(s.row)*nc : int(s.row)*nc+nc]
				for c, v := range row {
					scores[c] += int32(v)
				}
				break
			}
			if s.key == 0 {
				break
			}
			i = (i + 1) & w.mask
		}
	}
}

// perceptron is the training-time form of weights: an averaged perceptron
// whose rows are created on first update. Averaging uses the accumulated
// (time × update) trick, so an update costs O(1) and the average is
// w - u/t at the end.
type perceptron struct {
	nclass int
	index  map[uint32]int32
	w      []int32
	u      []int64
	t      int64 // number of examples seen
}

func newPerceptron(nclass int) *perceptron {
	return &perceptron{nclass: nclass, index: make(map[uint32]int32), t: 1}
}

// score adds the current (not averaged) weights of keys to scores.
func (p *perceptron) score(scores []float64, keys []uint32) {
	nc := p.nclass
	for _, k := range keys {
		if r, ok := p.index[k]; ok {
			row := p.w[int(r)*nc : int(r)*nc+nc]
			for c, v := range row {
				scores[c] += float64(v)
			}
		}
	}
}

// scoreAvg adds the averaged weights of keys to scores.
func (p *perceptron) scoreAvg(scores []float64, keys []uint32) {
	nc := p.nclass
	t := float64(p.t)
	for _, k := range keys {
		if r, ok := p.index[k]; ok {
			base := int(r) * nc
			for c := 0; c < nc; c++ {
				scores[c] += float64(p.w[base+c]) - float64(p.u[base+c])/t
			}
		}
	}
}

func (p *perceptron) row(k uint32) int {
	r, ok := p.index[k]
	if !ok {
		r = int32(len(p.w) / p.nclass)
		p.index[k] = r
		p.w = append(p.w, make([]int32, p.nclass)...)
		p.u = append(p.u, make([]int64, p.nclass)...)
	}
	return int(r) * p.nclass
}

// update moves the weights of keys towards class good and away from bad.
func (p *perceptron) update(keys []uint32, good, bad int) {
	if good == bad {
		return
	}
	for _, k := range keys {
		base := p.row(k)
		p.w[base+good]++
		p.u[base+good] += p.t
		p.w[base+bad]--
		p.u[base+bad] -= p.t
	}
}

// tick counts one example for averaging.
func (p *perceptron) tick() { p.t++ }

// finish returns the averaged weights quantised to bits (8 or 16) levels,
// dropping rows whose every weight quantises below minQ.
func (p *perceptron) finish(bits int, minQ int) weights {
	nc := p.nclass
	keys := make([]uint32, 0, len(p.index))
	for k := range p.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	t := float64(p.t)
	avg := func(i int) float64 { return float64(p.w[i]) - float64(p.u[i])/t }
	maxAbs := 0.0
	for i := range p.w {
		maxAbs = max(maxAbs, math.Abs(avg(i)))
	}
	levels := float64(int(1)<<(bits-1) - 1)
	scale := 1.0
	if maxAbs > 0 {
		scale = maxAbs / levels
	}
	out := weights{nclass: nc, scale: float32(scale)}
	kept := keys[:0]
	row := make([]int16, nc)
	for _, k := range keys {
		base := int(p.index[k]) * nc
		big := false
		for c := 0; c < nc; c++ {
			q := math.Round(avg(base+c) / scale)
			row[c] = int16(q)
			if math.Abs(q) >= float64(max(minQ, 1)) {
				big = true
			}
		}
		if big {
			kept = append(kept, k)
			out.vals = append(out.vals, row...)
		}
	}
	out.build(kept)
	return out
}
