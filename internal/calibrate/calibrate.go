// Package calibrate fits the logistic model that turns an event's features
// (how it was read: see internal/event/confidence.go) into the probability
// that it is right, and measures how well such probabilities are
// calibrated: among events given 0.8, about 80% should be right.
package calibrate

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
)

// Example is one coded event: its features, and how right it was (the
// share of its party pairs, with its type, that the gold lists).
type Example struct {
	Doc      string
	Features []string
	Label    float64
}

// Options tune Fit.
type Options struct {
	L2         float64 // ridge penalty on the weights (not on "bias")
	Iterations int     // Newton steps
}

// DefaultOptions are what mitra-train uses.
var DefaultOptions = Options{L2: 2, Iterations: 30}

// Fit returns the weights, by feature name, of the logistic model that best
// predicts the examples' labels (cross-entropy with an L2 penalty), by
// Newton's method: deterministic for the same examples.
func Fit(ex []Example, opt Options) map[string]float64 {
	idx := map[string]int{}
	var names []string
	for _, e := range ex {
		for _, f := range e.Features {
			if _, ok := idx[f]; !ok {
				idx[f] = -1
				names = append(names, f)
			}
		}
	}
	sort.Strings(names)
	for i, n := range names {
		idx[n] = i
	}
	k := len(names)
	w := make([]float64, k)
	rows := make([][]int, len(ex))
	for i, e := range ex {
		for _, f := range e.Features {
			rows[i] = append(rows[i], idx[f])
		}
		slices.Sort(rows[i])
		rows[i] = slices.Compact(rows[i])
	}
	g := make([]float64, k)
	h := make([][]float64, k)
	for i := range h {
		h[i] = make([]float64, k)
	}
	for it := 0; it < opt.Iterations; it++ {
		clear(g)
		for i := range h {
			clear(h[i])
		}
		for i, e := range ex {
			z := 0.0
			for _, j := range rows[i] {
				z += w[j]
			}
			p := sigmoid(z)
			d := p - e.Label
			v := p * (1 - p)
			for _, a := range rows[i] {
				g[a] += d
				for _, b := range rows[i] {
					h[a][b] += v
				}
			}
		}
		for j, n := range names {
			if n != "bias" {
				g[j] += opt.L2 * w[j]
				h[j][j] += opt.L2
			} else {
				h[j][j] += 1e-6
			}
		}
		step := solve(h, g)
		max := 0.0
		for j := range w {
			w[j] -= step[j]
			max = math.Max(max, math.Abs(step[j]))
		}
		if max < 1e-9 {
			break
		}
	}
	out := make(map[string]float64, k)
	for j, n := range names {
		out[n] = w[j]
	}
	return out
}

// solve returns x with a·x = b by Gaussian elimination with partial
// pivoting (a is small: one row per feature). a and b are changed.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		if math.Abs(a[c][c]) < 1e-12 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			if f == 0 {
				continue
			}
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		if math.Abs(a[r][r]) < 1e-12 {
			continue
		}
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Predict returns the model's probability for features.
func Predict(w map[string]float64, features []string) float64 {
	z := 0.0
	for _, f := range features {
		z += w[f]
	}
	return sigmoid(z)
}

// CrossValidate returns, for each example, the probability a model fitted
// without its document's fold gives it: folds split the documents (sorted
// by id, taken in turn), so no document is scored by a model that saw it.
func CrossValidate(ex []Example, folds int, opt Options) []float64 {
	var docs []string
	for _, e := range ex {
		docs = append(docs, e.Doc)
	}
	slices.Sort(docs)
	docs = slices.Compact(docs)
	fold := map[string]int{}
	for i, d := range docs {
		fold[d] = i % folds
	}
	out := make([]float64, len(ex))
	for f := 0; f < folds; f++ {
		var train []Example
		for _, e := range ex {
			if fold[e.Doc] != f {
				train = append(train, e)
			}
		}
		w := Fit(train, opt)
		for i, e := range ex {
			if fold[e.Doc] == f {
				out[i] = Predict(w, e.Features)
			}
		}
	}
	return out
}

// Bucket is a range of confidence and how right its events were.
type Bucket struct {
	Lo, Hi  float64
	N       int
	Correct float64 // sum of labels
}

// Share returns the bucket's share of right events.
func (b Bucket) Share() float64 {
	if b.N == 0 {
		return 0
	}
	return b.Correct / float64(b.N)
}

// Table groups predictions into buckets of confidence (0–0.2, …, 0.8–1)
// and, last, the events at 0.8 or more.
func Table(p, label []float64) []Bucket {
	bs := []Bucket{{Lo: 0, Hi: 0.2}, {Lo: 0.2, Hi: 0.4}, {Lo: 0.4, Hi: 0.6}, {Lo: 0.6, Hi: 0.8}, {Lo: 0.8, Hi: 1.0001}}
	for i := range p {
		for k := range bs {
			if p[i] >= bs[k].Lo && p[i] < bs[k].Hi {
				bs[k].N++
				bs[k].Correct += label[i]
			}
		}
	}
	return bs
}

// Brier returns the mean squared error of the predictions.
func Brier(p, label []float64) float64 {
	if len(p) == 0 {
		return 0
	}
	s := 0.0
	for i := range p {
		s += (p[i] - label[i]) * (p[i] - label[i])
	}
	return s / float64(len(p))
}

// WriteTable prints a calibration table.
func WriteTable(w io.Writer, title string, p, label []float64) {
	fmt.Fprintf(w, "%s: %d events, Brier %.3f\n", title, len(p), Brier(p, label))
	for _, b := range Table(p, label) {
		hi := b.Hi
		if hi > 1 {
			hi = 1
		}
		fmt.Fprintf(w, "  confidence %.1f–%.1f: %4d events, %5.1f%% right\n", b.Lo, hi, b.N, 100*b.Share())
	}
}

// WriteWeights writes weights as feature<TAB>weight lines, sorted, after
// the header lines (each prefixed with "# ").
func WriteWeights(w io.Writer, header string, weights map[string]float64) error {
	for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		if _, err := fmt.Fprintf(w, "# %s\n", l); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(weights))
	for n := range weights {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, err := fmt.Fprintf(w, "%s\t%.4f\n", n, weights[n]); err != nil {
			return err
		}
	}
	return nil
}
