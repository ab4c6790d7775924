package shift

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"mitra/internal/record"
)

// A synthetic record: states, each with partners whose monthly acts are
// drawn from Poisson rates (or, for a harsher null, rates that jump from
// month to month as news attention does), some with one planted shift.

type planted struct {
	state, partner string
	month          string
	dir            Direction
	kind           Kind
	delta          float64 // the change in acts per month of the class that moves
}

// deltas are the sizes of planted shifts, in acts per month: a quarter,
// half, one and two acts a month more (or, for fading, fewer) of one class.
var deltas = []float64{0.25, 0.5, 1, 2}

type synthOptions struct {
	states, partners, years int
	planted                 float64 // share of partners with a planted shift
	bursty                  bool    // gamma-mixed monthly rates (overdispersed counts)
	seed                    uint64
}

// synth returns the acts of a synthetic record and the shifts planted in it.
func synth(o synthOptions) ([]Act, []planted) {
	rng := rand.New(rand.NewPCG(o.seed, 7))
	coopRates := []float64{0.05, 0.1, 0.2, 0.4, 0.8}
	conflRates := []float64{0.02, 0.05, 0.1, 0.2}
	T := 12 * o.years
	var acts []Act
	var plants []planted
	id := int64(0)
	start := 2020 * 12
	for s := range o.states {
		state := fmt.Sprintf("S%02d", s)
		for p := range o.partners {
			partner := fmt.Sprintf("P%02d-%02d", s, p)
			lc := coopRates[rng.IntN(len(coopRates))]
			lk := conflRates[rng.IntN(len(conflRates))]
			lc2, lk2 := lc, lk
			at := T // no shift
			if rng.Float64() < o.planted {
				at = 6 + rng.IntN(T-12) // not in the first or last six months
				d := deltas[rng.IntN(len(deltas))]
				pl := planted{state: state, partner: partner, month: monthLabel(start + at), delta: d}
				switch rng.IntN(3) {
				case 0: // rapprochement: cooperation rises
					lc2 = lc + d
					pl.dir, pl.kind = Up, Rapprochement
				case 1: // rupture: conflict rises, cooperation halves
					lk2 = lk + d
					lc2 = lc / 2
					pl.dir, pl.kind = Down, Rupture
				default: // fading: a busy partner drops away
					lc = d + 0.1
					lc2 = 0.1
					pl.dir, pl.kind = Down, Fading
				}
				plants = append(plants, pl)
			}
			for t := range T {
				rc, rk := lc, lk
				if t >= at {
					rc, rk = lc2, lk2
				}
				if o.bursty {
					// Gamma(2, 1/2): mean 1, variance 1/2.
					f := (rng.ExpFloat64() + rng.ExpFloat64()) / 2
					rc, rk = rc*f, rk*f
				}
				day := monthLabel(start+t) + "-15"
				for range poisson(rng, rc) {
					id++
					acts = append(acts, Act{ID: id, Day: day, Type: record.Support, Actors: []string{state, partner}})
				}
				for range poisson(rng, rk) {
					id++
					acts = append(acts, Act{ID: id, Day: day, Type: record.Accuse, Actors: []string{partner}, Recipients: []string{state}})
				}
			}
		}
		// The state's record spans all its months, as a real one would:
		// one act with a minor partner at each end.
		id++
		acts = append(acts, Act{ID: id, Day: monthLabel(start) + "-01", Type: record.Consult, Actors: []string{state, "ZZZ"}})
		id++
		acts = append(acts, Act{ID: id, Day: monthLabel(start+T-1) + "-28", Type: record.Consult, Actors: []string{state, "ZZZ"}})
	}
	return acts, plants
}

func poisson(rng *rand.Rand, l float64) int {
	// Knuth's method: rates here are below a few per month.
	L, k, p := math.Exp(-l), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= L {
			return k
		}
		k++
	}
}

// figures are what a detector did on a synthetic record.
type figures struct {
	planted, found int
	byDelta        map[float64][2]int // delta → found, planted
	misplaced      int                // shifts on a pair with a planted shift that match none of its shifts
	falsePairs     int                // shifts on a pair with no planted shift
	stateYears     int
}

func (f figures) recall() float64 { return float64(f.found) / float64(max(f.planted, 1)) }

// per100 returns n per 100 state-years.
func (f figures) per100(n int) float64 { return 100 * float64(n) / float64(f.stateYears) }

func (f figures) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "found %d/%d = %.2f (", f.found, f.planted, f.recall())
	for i, d := range deltas {
		x := f.byDelta[d]
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "Δ%g/month: %d/%d", d, x[0], x[1])
	}
	fmt.Fprintf(&b, "); false %.1f per 100 state-years (%d on pairs with no shift), misplaced %.1f (%d)",
		f.per100(f.falsePairs), f.falsePairs, f.per100(f.misplaced), f.misplaced)
	return b.String()
}

// score runs Detect over every state of a synthetic record. A planted
// shift is found when the pair has a shift of the same direction within
// three months of it; any other shift is false (on a pair where nothing
// was planted) or misplaced (on a pair with a planted shift it does not
// match).
func score(t testing.TB, o synthOptions, opt Options) figures {
	acts, plants := synth(o)
	want := map[string][]*planted{}
	f := figures{planted: len(plants), byDelta: map[float64][2]int{}, stateYears: o.states * o.years}
	for i := range plants {
		p := &plants[i]
		want[p.state+"|"+p.partner] = append(want[p.state+"|"+p.partner], p)
		x := f.byDelta[p.delta]
		x[1]++
		f.byDelta[p.delta] = x
	}
	used := map[*planted]bool{}
	for s := range o.states {
		state := fmt.Sprintf("S%02d", s)
		res, err := Detect(acts, state, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range res.Shifts {
			ps := want[state+"|"+sh.Partner]
			hit := false
			for _, p := range ps {
				a, _ := monthIndex(p.month)
				b, _ := monthIndex(sh.Month)
				if !used[p] && abs(a-b) <= 3 && sh.Direction == p.dir {
					used[p], hit = true, true
					x := f.byDelta[p.delta]
					x[0]++
					f.byDelta[p.delta] = x
					break
				}
			}
			switch {
			case hit:
				f.found++
			case len(ps) > 0:
				f.misplaced++
			default:
				f.falsePairs++
			}
		}
	}
	return f
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestPlanted measures the detector with its default options on synthetic
// records: 40 states with 8 partners each over 4 years (160 state-years),
// a quarter of the partners with one planted shift of ¼, ½, 1 or 2 acts a
// month, with Poisson counts and with bursty (overdispersed) counts. The
// figures are logged. It fails when fewer than 0.7 of the shifts of one
// act a month or more are found, or false shifts (on pairs with none)
// exceed 5 per 100 state-years for Poisson counts, 10 for bursty ones.
func TestPlanted(t *testing.T) {
	if testing.Short() {
		t.Skip("long: synthetic records")
	}
	for _, c := range []struct {
		name     string
		bursty   bool
		maxFalse float64
	}{{"poisson", false, 5}, {"bursty", true, 10}} {
		o := synthOptions{states: 40, partners: 8, years: 4, planted: 0.25, bursty: c.bursty, seed: 1}
		f := score(t, o, Options{})
		t.Logf("%s: %s", c.name, f)
		big := [2]int{}
		for _, d := range []float64{1, 2} {
			big[0] += f.byDelta[d][0]
			big[1] += f.byDelta[d][1]
		}
		if r := float64(big[0]) / float64(big[1]); r < 0.7 {
			t.Errorf("%s: found %.2f of the shifts of 1–2 acts a month, want ≥ 0.7", c.name, r)
		}
		if fp := f.per100(f.falsePairs); fp > c.maxFalse {
			t.Errorf("%s: %.1f false shifts per 100 state-years, want ≤ %.0f", c.name, fp, c.maxFalse)
		}
	}
}

// TestNull checks that records with no planted shift give few shifts.
func TestNull(t *testing.T) {
	if testing.Short() {
		t.Skip("long: synthetic records")
	}
	for _, bursty := range []bool{false, true} {
		o := synthOptions{states: 40, partners: 8, years: 4, bursty: bursty, seed: 2}
		f := score(t, o, Options{})
		t.Logf("no planted shift (bursty %v): %d false = %.1f per 100 state-years", bursty, f.falsePairs, f.per100(f.falsePairs))
		if fp := f.per100(f.falsePairs); fp > 5 && !bursty || fp > 10 {
			t.Errorf("%.1f false shifts per 100 state-years on a record with none, want ≤ 5 (10 bursty)", fp)
		}
	}
}

// TestTuning prints the grid the defaults were chosen on. It is long;
// MITRA_SHIFT_TUNE=1 runs it.
func TestTuning(t *testing.T) {
	if os.Getenv("MITRA_SHIFT_TUNE") != "1" {
		t.Skip("MITRA_SHIFT_TUNE=1 runs the tuning grid")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-6s %-6s %-6s | %-30s | %-30s\n", "alpha", "minAct", "minMon", "poisson: found (Δ≥1) false misplaced", "bursty: found (Δ≥1) false misplaced")
	for _, alpha := range []float64{0.001, 0.005, 0.01, 0.02, 0.05} {
		for _, minActs := range []int{3, 4, 6} {
			for _, minMonths := range []int{1, 2, 3} {
				opt := Options{Alpha: alpha, MinActs: minActs, MinMonths: minMonths}
				fmt.Fprintf(&b, "%-6g %-6d %-6d", alpha, minActs, minMonths)
				for i, bursty := range []bool{false, true} {
					f := score(t, synthOptions{states: 40, partners: 8, years: 4, planted: 0.25, bursty: bursty, seed: uint64(11 + i)}, opt)
					big := float64(f.byDelta[1][0]+f.byDelta[2][0]) / float64(f.byDelta[1][1]+f.byDelta[2][1])
					fmt.Fprintf(&b, " | %.2f (%.2f) %5.1f %5.1f         ", f.recall(), big, f.per100(f.falsePairs), f.per100(f.misplaced))
				}
				b.WriteString("\n")
			}
		}
	}
	t.Log(b.String())
}

// BenchmarkDetect measures Detect on one state of a synthetic record (8
// partners, 4 years, a quarter with a planted shift): the cost of a
// /api/shifts request per state.
func BenchmarkDetect(b *testing.B) {
	acts, _ := synth(synthOptions{states: 20, partners: 8, years: 4, planted: 0.25, seed: 3})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := Detect(acts, fmt.Sprintf("S%02d", i%20), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
