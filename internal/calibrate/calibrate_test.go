package calibrate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// synthetic draws examples whose label depends on two features with known
// probabilities: "good" events are right 90% of the time, "bad" 30%.
func synthetic(n int, seed uint64) []Example {
	r := rand.New(rand.NewPCG(seed, 1))
	var ex []Example
	for i := range n {
		f := []string{"bias"}
		p := 0.6
		switch r.IntN(3) {
		case 0:
			f, p = append(f, "good"), 0.9
		case 1:
			f, p = append(f, "bad"), 0.3
		}
		label := 0.0
		if r.Float64() < p {
			label = 1
		}
		ex = append(ex, Example{Doc: fmt.Sprintf("d%03d", i/4), Features: f, Label: label})
	}
	return ex
}

func TestFitRecoversProbabilities(t *testing.T) {
	w := Fit(synthetic(6000, 1), Options{L2: 0.01, Iterations: 50})
	for _, tc := range []struct {
		f    []string
		want float64
	}{{[]string{"bias", "good"}, 0.9}, {[]string{"bias", "bad"}, 0.3}, {[]string{"bias"}, 0.6}} {
		if got := Predict(w, tc.f); math.Abs(got-tc.want) > 0.04 {
			t.Errorf("Predict(%v) = %.3f, want %.2f", tc.f, got, tc.want)
		}
	}
}

func TestFitDeterministic(t *testing.T) {
	ex := synthetic(500, 2)
	a, b := Fit(ex, DefaultOptions), Fit(ex, DefaultOptions)
	for k, v := range a {
		if b[k] != v {
			t.Fatalf("weight %s differs between fits: %v, %v", k, v, b[k])
		}
	}
}

func TestCrossValidateCalibrated(t *testing.T) {
	ex := synthetic(3000, 3)
	p := CrossValidate(ex, 5, DefaultOptions)
	var labels []float64
	for _, e := range ex {
		labels = append(labels, e.Label)
	}
	bs := Table(p, labels)
	if top := bs[len(bs)-1]; top.N == 0 || top.Share() < 0.85 {
		t.Errorf("events at ≥0.8: %d, %.2f right; want many, ≥ 0.85", top.N, top.Share())
	}
	if b := Brier(p, labels); b > 0.22 {
		t.Errorf("Brier %.3f", b)
	}
}

func TestWriteWeights(t *testing.T) {
	var sb strings.Builder
	if err := WriteWeights(&sb, "line one\nline two", map[string]float64{"b": -1, "a": 0.5}); err != nil {
		t.Fatal(err)
	}
	if want := "# line one\n# line two\na\t0.5000\nb\t-1.0000\n"; sb.String() != want {
		t.Errorf("got %q, want %q", sb.String(), want)
	}
}
