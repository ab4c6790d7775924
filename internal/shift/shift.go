// Package shift finds when a state's relations change: for each partner,
// the months where its cooperation or conflict with the state rises or
// falls beyond what the pair's own history makes likely.
//
// # The series
//
// The unit is an act (a cluster: one act however many pages report it),
// never a mention. For a state S and a partner P, an act counts when they
// face each other (one among the actors, the other among the recipients)
// or act together with no recipient (they met, they signed). Two states
// acting together on a third (Mali and Niger end a treaty with France) is
// not an act between them. Each act is cooperation (PLOVER quad classes 1
// and 2) or conflict (3 and 4), read by the rule below, and counted in its
// month: two monthly count series per pair.
//
// # Reading acts, not scores
//
// PLOVER scores a withdrawal (RETREAT), a declared withdrawal (CONCEDE)
// and the signing of a withdrawal schedule (SUPPORT) as cooperation. When
// the side that leaves was pushed out — the other side ended an accord,
// expelled, demanded, accused or threatened it in the year before — the
// act is the end of the relation, not a warming: Niger ends its military
// accord with the United States in March 2024, then the United States
// agrees to withdraw, signs a schedule and leaves. Such a forced exit
// counts as conflict. An act is an exit when it is a RETREAT of mode
// withdraw, or a cooperative act whose trigger or evidence names a
// withdrawal (data/exit.txt); a push is a SANCTION, REQUEST, ACCUSE,
// REJECT, THREATEN, COERCE or PROTEST by a party toward the party that
// leaves, at most ForcedDays before the exit. An exit nobody pushed (a
// ceasefire's withdrawal) stays cooperation, as PLOVER has it.
//
// # The method
//
// News gives small counts: most pairs have zero, one or two acts a month,
// and long silent stretches. Asymptotic tests (a χ² on a likelihood ratio,
// a t-test on scores) are wrong at such counts, so the test is exact
// instead. The model is a Poisson rate per series and regime; the
// statistic for a change at month s is the sum over the two series of the
// log-likelihood ratio of one rate against a rate before s and another
// after, maximised over s (a scan statistic). Conditional on the number
// of acts, the pair's acts under "no change" are spread uniformly over the
// months, so the p-value is the share of random spreads (Monte Carlo,
// stopped early once the answer is clear, after Besag and Clifford) whose
// best split scores at least as high. A change is kept when p ≤ Alpha;
// binary segmentation then looks for further changes on either side, each
// tested the same way on its own stretch. Confidence is 1 − p. Alpha, the
// least number of acts (MinActs) and the least regime length (MinMonths)
// were chosen on synthetic series with planted shifts (see the tests):
// they bound false shifts per 100 state-years while finding most planted
// ones.
//
// The months are those of the state's own record (its first act to its
// last, or the period asked for). A month with no act is a month with no
// act reported: a partner that news only starts to mention can look like a
// rise. The acts listed with each shift show which it is.
package shift

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"mitra/internal/record"
)

// Act is one act (a cluster of mentions) as the detector reads it.
type Act struct {
	ID         int64  // the cluster's id
	Day        string // YYYY-MM-DD or YYYY-MM; YYYY (the year only) cannot be placed in a month
	Type       record.Type
	Mode       record.Mode
	Actors     []string
	Recipients []string
	// Exit says the act is one party leaving the other: a RETREAT of mode
	// withdraw, or words of data/exit.txt in its trigger or evidence (see
	// IsExit).
	Exit bool
}

// IsExit reports whether an act of type t and mode m, with these trigger
// and evidence texts, tells a party leaving another.
func IsExit(w *Words, t record.Type, m record.Mode, texts ...string) bool {
	if t.Quad() != record.VerbalCoop && t.Quad() != record.MaterialCoop {
		return false
	}
	if t == record.Retreat && m == record.Withdraw {
		return true
	}
	if t == record.Retreat && m != "" {
		return false // release, access, ceasefire, disarm, resign
	}
	for _, s := range texts {
		if w.Match(s) {
			return true
		}
	}
	return false
}

// Class is how an act counts for a pair.
type Class int

// Classes.
const (
	Coop     Class = 1
	Conflict Class = 2
)

func (c Class) String() string {
	if c == Coop {
		return "cooperation"
	}
	return "conflict"
}

// Reading is how one act is read.
type Reading struct {
	Class  Class
	Forced bool  // a forced exit, read as conflict though PLOVER scores it as cooperation
	PushID int64 // the act that pushed, when Forced
}

// pushTypes are the acts by which one side pushes the other out.
var pushTypes = []record.Type{record.Sanction, record.Request, record.Accuse, record.Reject,
	record.Threaten, record.Coerce, record.Protest}

// Read reads every act: its quad class, except forced exits (see the
// package comment), which count as conflict. forcedDays bounds how long
// before an exit a push may come; 0 means ForcedDays.
func Read(acts []Act, forcedDays int) []Reading {
	if forcedDays <= 0 {
		forcedDays = ForcedDays
	}
	out := make([]Reading, len(acts))
	var pushes []int
	for i := range acts {
		if slices.Contains(pushTypes, acts[i].Type) {
			pushes = append(pushes, i)
		}
	}
	for i := range acts {
		a := &acts[i]
		switch a.Type.Quad() {
		case record.VerbalCoop, record.MaterialCoop:
			out[i].Class = Coop
		default:
			out[i].Class = Conflict
			continue
		}
		if !a.Exit {
			continue
		}
		day, ok := parseDay(a.Day)
		if !ok {
			continue
		}
		for _, j := range pushes {
			b := &acts[j]
			bday, ok := parseDay(b.Day)
			if !ok || bday.After(day) || day.Sub(bday) > time.Duration(forcedDays)*24*time.Hour {
				continue
			}
			if pushed(b, a) {
				out[i] = Reading{Class: Conflict, Forced: true, PushID: b.ID}
				break
			}
		}
	}
	return out
}

// pushed reports whether push b is aimed at a party leaving in exit a: b's
// recipients include one of a's actors, and b's actors include another
// party of a.
func pushed(b, a *Act) bool {
	for _, x := range a.Actors {
		if !slices.Contains(b.Recipients, x) {
			continue
		}
		for _, y := range b.Actors {
			if y != x && (slices.Contains(a.Actors, y) || slices.Contains(a.Recipients, y)) {
				return true
			}
		}
	}
	return false
}

// Defaults of Options, chosen on synthetic series (see TestPlanted).
const (
	DefaultAlpha      = 0.01
	DefaultMinActs    = 4
	DefaultMinMonths  = 2
	DefaultReplicates = 999
	ForcedDays        = 365
)

// Options tune Detect. Zero fields take the defaults.
type Options struct {
	From, To   string  // months YYYY-MM bounding the record read; "" the state's first or last act
	Alpha      float64 // a change is kept when its p-value is at most this
	MinActs    int     // a stretch with fewer acts is not tested
	MinMonths  int     // the least length of a regime, in months
	Replicates int     // Monte Carlo draws at most
	ForcedDays int     // how long before an exit a push may come
}

func (o Options) withDefaults() Options {
	if o.Alpha <= 0 {
		o.Alpha = DefaultAlpha
	}
	if o.MinActs <= 0 {
		o.MinActs = DefaultMinActs
	}
	if o.MinMonths <= 0 {
		o.MinMonths = DefaultMinMonths
	}
	if o.Replicates <= 0 {
		o.Replicates = DefaultReplicates
	}
	if o.ForcedDays <= 0 {
		o.ForcedDays = ForcedDays
	}
	return o
}

// Direction says which way a relation moved.
type Direction string

// Directions.
const (
	Up   Direction = "up"   // toward cooperation
	Down Direction = "down" // toward conflict, or apart
)

// Kind names what changed.
type Kind string

// Kinds of shift.
const (
	Rapprochement Kind = "rapprochement" // cooperation rises (conflict does not, or less than half as much)
	Rupture       Kind = "rupture"       // conflict rises (cooperation does not, or less than half as much)
	Intensifying  Kind = "intensifying"  // both rise, neither twice as much as the other
	Fading        Kind = "fading"        // the relation goes quiet: cooperation falls, or all acts fall by half
	Easing        Kind = "easing"        // conflict falls while the relation stays active
)

// Regime is a stretch of months between shifts.
type Regime struct {
	From, To     string // months YYYY-MM, inclusive
	Months       int
	Coop         int // acts of cooperation
	Conflict     int // acts of conflict (forced exits included)
	CoopRate     float64
	ConflictRate float64 // acts per month
}

// Shift is one change in a pair's relation.
type Shift struct {
	State     string
	Partner   string
	Month     string // the first month of the new regime, YYYY-MM
	Direction Direction
	Kind      Kind
	Before    Regime
	After     Regime
	// Size is the change in net cooperation, (coop − conflict) acts per
	// month after minus before.
	Size       float64
	PValue     float64
	Confidence float64 // 1 − PValue
	// BeforeActs and AfterActs are the acts that drive the shift: those of
	// the classes that changed, in the regime before and after it, nearest
	// to the change first (at most MaxDrivers each).
	BeforeActs []int64
	AfterActs  []int64
}

// MaxDrivers bounds the acts listed on each side of a shift.
const MaxDrivers = 10

// Series are a pair's monthly counts over a Result's months.
type Series struct {
	Partner  string
	Coop     []int
	Conflict []int
	Acts     int  // in the months
	Tested   bool // enough acts to be tested
}

// LeftOut counts a state's acts that Detect could not place.
type LeftOut struct {
	Undated  int // no date at all
	YearOnly int // dated to the year only: no month to count them in
	Outside  int // outside From–To
}

// Result is a state's partners' series and their shifts.
type Result struct {
	State    string
	Months   []string // YYYY-MM, consecutive
	Partners []Series // most acts first
	Shifts   []Shift  // by month, then partner
	LeftOut  LeftOut
	// Readings maps act ids to how they were read (forced exits, notably).
	Readings map[int64]Reading
}

// Detect finds the shifts in the relations of state with each partner, from
// acts (any acts: those not between state and a partner are ignored).
func Detect(acts []Act, state string, opt Options) (*Result, error) {
	opt = opt.withDefaults()
	for _, m := range []string{opt.From, opt.To} {
		if m != "" {
			if _, ok := monthIndex(m); !ok {
				return nil, fmt.Errorf("month %q: want YYYY-MM", m)
			}
		}
	}
	readings := Read(acts, opt.ForcedDays)
	res := &Result{State: state, Readings: map[int64]Reading{}}

	// The acts between state and a partner, placed in months.
	type placed struct {
		i     int
		month int // absolute: year*12 + month-1
	}
	var in []placed
	lo, hi := math.MaxInt, math.MinInt
	from, fromOK := monthIndex(opt.From)
	to, toOK := monthIndex(opt.To)
	for i := range acts {
		a := &acts[i]
		if len(partnersOf(a, state)) == 0 {
			continue
		}
		res.Readings[a.ID] = readings[i]
		m, ok := monthIndex(a.Day)
		switch {
		case a.Day == "":
			res.LeftOut.Undated++
			continue
		case !ok && len(a.Day) == 4:
			res.LeftOut.YearOnly++
			continue
		case !ok:
			res.LeftOut.Undated++
			continue
		case fromOK && m < from || toOK && m > to:
			res.LeftOut.Outside++
			continue
		}
		in = append(in, placed{i, m})
		lo, hi = min(lo, m), max(hi, m)
	}
	if fromOK {
		lo = from
	}
	if toOK {
		hi = to
	}
	if len(in) == 0 || lo > hi {
		return res, nil
	}
	T := hi - lo + 1
	for m := lo; m <= hi; m++ {
		res.Months = append(res.Months, monthLabel(m))
	}

	// Series per partner.
	type pair struct {
		s    Series
		acts [][]int // act indexes per month
	}
	byPartner := map[string]*pair{}
	for _, p := range in {
		a := &acts[p.i]
		t := p.month - lo
		for _, partner := range partnersOf(a, state) {
			x := byPartner[partner]
			if x == nil {
				x = &pair{s: Series{Partner: partner, Coop: make([]int, T), Conflict: make([]int, T)}, acts: make([][]int, T)}
				byPartner[partner] = x
			}
			if readings[p.i].Class == Coop {
				x.s.Coop[t]++
			} else {
				x.s.Conflict[t]++
			}
			x.s.Acts++
			x.acts[t] = append(x.acts[t], p.i)
		}
	}
	names := make([]string, 0, len(byPartner))
	for k := range byPartner {
		names = append(names, k)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := byPartner[b].s.Acts - byPartner[a].s.Acts; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	for _, name := range names {
		x := byPartner[name]
		x.s.Tested = x.s.Acts >= opt.MinActs
		res.Partners = append(res.Partners, x.s)
		if !x.s.Tested {
			continue
		}
		rng := rand.New(rand.NewPCG(seed(state, name), 0x6d69747261))
		var cuts []cut
		segment(x.s.Coop, x.s.Conflict, 0, T, opt, rng, &cuts)
		slices.SortFunc(cuts, func(a, b cut) int { return a.at - b.at })
		bounds := []int{0}
		for _, c := range cuts {
			bounds = append(bounds, c.at)
		}
		bounds = append(bounds, T)
		for k, c := range cuts {
			b0, b1, b2 := bounds[k], bounds[k+1], bounds[k+2]
			sh := Shift{State: state, Partner: name, Month: monthLabel(lo + c.at), PValue: c.p, Confidence: 1 - c.p}
			sh.Before = regime(x.s.Coop, x.s.Conflict, b0, b1, lo)
			sh.After = regime(x.s.Coop, x.s.Conflict, b1, b2, lo)
			coopMoved := g(sum(x.s.Coop[b0:b1]), sum(x.s.Coop[b1:b2]), b1-b0, b2-b1) >= moved
			conflMoved := g(sum(x.s.Conflict[b0:b1]), sum(x.s.Conflict[b1:b2]), b1-b0, b2-b1) >= moved
			sh.Kind, sh.Direction = kindOf(sh.Before, sh.After, coopMoved, conflMoved)
			sh.Size = (sh.After.CoopRate - sh.After.ConflictRate) - (sh.Before.CoopRate - sh.Before.ConflictRate)
			classes := map[Class]bool{Coop: coopMoved, Conflict: conflMoved}
			if !coopMoved && !conflMoved {
				classes = map[Class]bool{Coop: true, Conflict: true}
			}
			pick := func(t int) []int64 {
				var ids []int64
				for _, i := range x.acts[t] {
					if classes[readings[i].Class] {
						ids = append(ids, acts[i].ID)
					}
				}
				return ids
			}
			for t := b1 - 1; t >= b0 && len(sh.BeforeActs) < MaxDrivers; t-- {
				sh.BeforeActs = append(sh.BeforeActs, pick(t)...)
			}
			for t := b1; t < b2 && len(sh.AfterActs) < MaxDrivers; t++ {
				sh.AfterActs = append(sh.AfterActs, pick(t)...)
			}
			sh.BeforeActs = sh.BeforeActs[:min(len(sh.BeforeActs), MaxDrivers)]
			sh.AfterActs = sh.AfterActs[:min(len(sh.AfterActs), MaxDrivers)]
			res.Shifts = append(res.Shifts, sh)
		}
	}
	slices.SortStableFunc(res.Shifts, func(a, b Shift) int {
		if c := strings.Compare(a.Month, b.Month); c != 0 {
			return c
		}
		return strings.Compare(a.Partner, b.Partner)
	})
	return res, nil
}

// moved is the least log-likelihood ratio (one series, one split) for which
// a series counts as having moved at a shift: about p = 0.16 for one
// degree of freedom, so a series that barely changed does not name the
// shift's kind.
const moved = 2.0

func kindOf(b, a Regime, coopMoved, conflMoved bool) (Kind, Direction) {
	dc, dk := a.CoopRate-b.CoopRate, a.ConflictRate-b.ConflictRate
	if !coopMoved && !conflMoved {
		// Only the two together are clear: name it by the larger move.
		if math.Abs(dc) >= math.Abs(dk) {
			coopMoved = true
		} else {
			conflMoved = true
		}
	}
	if !coopMoved {
		dc = 0
	}
	if !conflMoved {
		dk = 0
	}
	switch {
	case dc > 0 && dk > 0:
		// Both rise: named by the one that rose twice as much, if any
		// (talks about a withdrawal beside the acts of a rupture).
		switch {
		case dk >= 2*dc:
			return Rupture, Down
		case dc >= 2*dk:
			return Rapprochement, Up
		case dc >= dk:
			return Intensifying, Up
		}
		return Intensifying, Down
	case dk > 0:
		return Rupture, Down
	case dc > 0:
		return Rapprochement, Up
	case a.CoopRate+a.ConflictRate < (b.CoopRate+b.ConflictRate)/2 && (a.CoopRate == 0 || a.CoopRate < b.CoopRate):
		// Nothing rises, the pair's acts fall by more than half and
		// cooperation does not hold: the relation goes quiet (France gone
		// from Niger), not easier.
		return Fading, Down
	case dk < 0:
		return Easing, Up
	}
	return Fading, Down
}

func regime(coop, confl []int, a, b, lo int) Regime {
	r := Regime{From: monthLabel(lo + a), To: monthLabel(lo + b - 1), Months: b - a,
		Coop: sum(coop[a:b]), Conflict: sum(confl[a:b])}
	r.CoopRate = float64(r.Coop) / float64(r.Months)
	r.ConflictRate = float64(r.Conflict) / float64(r.Months)
	return r
}

// partnersOf returns the parties that face state in a, or act with it when
// a has no recipient; nil when state is not a party of a.
func partnersOf(a *Act, state string) []string {
	var out []string
	add := func(ps []string) {
		for _, p := range ps {
			if p != state && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	switch {
	case slices.Contains(a.Actors, state) && len(a.Recipients) == 0:
		add(a.Actors)
	case slices.Contains(a.Actors, state):
		add(a.Recipients)
	case slices.Contains(a.Recipients, state):
		add(a.Actors)
	}
	return out
}

func seed(state, partner string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(state + "\x00" + partner))
	return h.Sum64()
}

// monthIndex returns year*12 + month−1 of "YYYY-MM" or "YYYY-MM-DD".
func monthIndex(s string) (int, bool) {
	if len(s) != 7 && len(s) != 10 {
		return 0, false
	}
	t, err := time.Parse("2006-01", s[:7])
	if err != nil || len(s) == 10 && s[7] != '-' {
		return 0, false
	}
	return t.Year()*12 + int(t.Month()) - 1, true
}

func monthLabel(i int) string {
	return fmt.Sprintf("%04d-%02d", i/12, i%12+1)
}

func parseDay(s string) (time.Time, bool) {
	layout := map[int]string{10: time.DateOnly, 7: "2006-01"}[len(s)]
	if layout == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
