package shift

import (
	"math"
	"math/rand/v2"
)

// cut is a change found by segment: the first month (index) of the new
// regime and the p-value of the test that found it.
type cut struct {
	at int
	p  float64
}

// segment tests coop and confl on months [lo, hi) for one change (see
// scan), and on finding one looks for more on either side of it.
func segment(coop, confl []int, lo, hi int, opt Options, rng *rand.Rand, out *[]cut) {
	c, k := coop[lo:hi], confl[lo:hi]
	if sum(c)+sum(k) < opt.MinActs {
		return
	}
	s, stat := scan(c, k, opt.MinMonths)
	if s < 0 || stat <= 0 {
		return
	}
	p := pvalue(sum(c), sum(k), hi-lo, stat, opt, rng)
	if p > opt.Alpha {
		return
	}
	*out = append(*out, cut{lo + s, p})
	segment(coop, confl, lo, lo+s, opt, rng, out)
	segment(coop, confl, lo+s, hi, opt, rng, out)
}

// scan returns the split s (the first month of the second regime) that
// maximises the summed Poisson log-likelihood ratio of the two series, with
// at least minLen months on each side, and that ratio; s is −1 when the
// months are too few to split.
func scan(c, k []int, minLen int) (int, float64) {
	T := len(c)
	nc, nk := sum(c), sum(k)
	best, at := -1.0, -1
	ac, ak := 0, 0
	for s := 1; s < T; s++ {
		ac += c[s-1]
		ak += k[s-1]
		if s < minLen || T-s < minLen {
			continue
		}
		v := gSplit(ac, nc-ac, s, T-s) + gSplit(ak, nk-ak, s, T-s)
		if v > best+1e-12 {
			best, at = v, s
		}
	}
	return at, best
}

// g is the log-likelihood ratio (times two) of a Poisson series with n1 acts
// in m1 months and n2 in m2 having two rates rather than one.
func g(n1, n2, m1, m2 int) float64 {
	if m1 <= 0 || m2 <= 0 {
		return 0
	}
	return gSplit(n1, n2, m1, m2)
}

func gSplit(n1, n2, m1, m2 int) float64 {
	n := n1 + n2
	if n == 0 {
		return 0
	}
	e1 := float64(n) * float64(m1) / float64(m1+m2)
	e2 := float64(n) - e1
	v := 0.0
	if n1 > 0 {
		v += float64(n1) * math.Log(float64(n1)/e1)
	}
	if n2 > 0 {
		v += float64(n2) * math.Log(float64(n2)/e2)
	}
	return 2 * v
}

// stopAfter is h in Besag and Clifford's sequential Monte Carlo test: the
// draws stop once this many score at least the observed statistic, the
// p-value then being h over the draws made. A change far from significant
// costs a few dozen draws instead of a thousand.
const stopAfter = 10

// pvalue is the Monte Carlo p-value of a best split scoring stat, for nc
// and nk acts spread uniformly over T months (the null of no change,
// conditional on the counts).
func pvalue(nc, nk, T int, stat float64, opt Options, rng *rand.Rand) float64 {
	c, k := make([]int, T), make([]int, T)
	hits := 0
	for r := 1; r <= opt.Replicates; r++ {
		clear(c)
		clear(k)
		for range nc {
			c[rng.IntN(T)]++
		}
		for range nk {
			k[rng.IntN(T)]++
		}
		if _, v := scan(c, k, opt.MinMonths); v >= stat-1e-9 {
			hits++
			if hits == stopAfter {
				return float64(hits) / float64(r)
			}
		}
	}
	return float64(hits+1) / float64(opt.Replicates+1)
}
