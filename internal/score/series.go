package score

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Periods of a Series.
const (
	Month = "month" // calendar month, "2024-03"
	Week  = "week"  // ISO 8601 week starting on Monday, "2024-W11"
)

// Point is one period of a pair's time series.
type Point struct {
	// Period is "2024-03" for a month or "2024-W11" for an ISO week (its
	// year is the ISO week-numbering year).
	Period string `json:"period"`
	// Counts are the period's clusters by PLOVER quad class: [1] verbal
	// cooperation, [2] material cooperation, [3] verbal conflict, [4]
	// material conflict; [0] is unused.
	Counts [5]int `json:"counts"`
	// Events is the number of clusters (acts, not articles) in the period,
	// the sum of Counts.
	Events int `json:"events"`
	// Score is the unweighted mean PLOVER score (−10…+10) of the period's
	// clusters: each act counts once, whatever its number of mentions. 0
	// when Events is 0.
	Score float64 `json:"score"`
	// Goldstein is the unweighted mean Goldstein value (−10…+10) of the
	// CAMEO bridge of the period's clusters; 0 when Events is 0.
	Goldstein float64 `json:"goldstein"`
}

// Series returns the time series of the acts between parties a and b:
// one Point per period from the first period with an act to the last, gaps
// included with zero counts, so the axis is continuous. period is Month or
// Week; any other value gives nil.
//
// Each cluster counts once, in one period, if its parties (actors and
// recipients, in any role, so direction does not matter) include both a
// and b. Its day is its Date when that is as precise as the period needs;
// otherwise its First day when that lies within Date (or when Date is
// unknown); otherwise the start of Date. Clusters with no date at all and
// clusters of unknown types are left out.
func Series(clusters []store.Cluster, a, b string, period string) []Point {
	if period != Month && period != Week {
		return nil
	}
	type acc struct {
		p         Point
		sum, gsum float64
	}
	byStart := map[time.Time]*acc{}
	t := Default()
	for i := range clusters {
		c := &clusters[i]
		if !hasParty(c, a) || !hasParty(c, b) {
			continue
		}
		m, ok := t.Mapping(c.Type, c.Mode)
		if !ok {
			continue
		}
		day, ok := placeDay(c, period)
		if !ok {
			continue
		}
		start := periodStart(day, period)
		x := byStart[start]
		if x == nil {
			x = &acc{}
			byStart[start] = x
		}
		x.p.Counts[record.QuadOf(strings.ToUpper(string(c.Type)))]++
		x.p.Events++
		x.sum += t.Plover(c.Type, c.Mode)
		x.gsum += m.Goldstein
	}
	if len(byStart) == 0 {
		return nil
	}
	starts := make([]time.Time, 0, len(byStart))
	for s := range byStart {
		starts = append(starts, s)
	}
	slices.SortFunc(starts, time.Time.Compare)
	var out []Point
	for s := starts[0]; !s.After(starts[len(starts)-1]); s = next(s, period) {
		p := Point{}
		if x := byStart[s]; x != nil {
			p = x.p
			p.Score = x.sum / float64(p.Events)
			p.Goldstein = x.gsum / float64(p.Events)
		}
		p.Period = label(s, period)
		out = append(out, p)
	}
	return out
}

// SeriesOf returns the series Series would make of the clusters that
// tallies count (store.PairTallies: clusters by store.PlaceDay, type and
// mode), without the clusters themselves.
func SeriesOf(tallies []store.Tally, period string) []Point {
	if period != Month && period != Week {
		return nil
	}
	type acc struct {
		p         Point
		sum, gsum float64
	}
	byStart := map[time.Time]*acc{}
	t := Default()
	for _, x := range tallies {
		m, ok := t.Mapping(x.Type, x.Mode)
		if !ok || x.Clusters <= 0 {
			continue
		}
		day, err := time.Parse(time.DateOnly, x.Day)
		if err != nil {
			continue
		}
		start := periodStart(day, period)
		a := byStart[start]
		if a == nil {
			a = &acc{}
			byStart[start] = a
		}
		n := x.Clusters
		a.p.Counts[record.QuadOf(strings.ToUpper(string(x.Type)))] += n
		a.p.Events += n
		a.sum += float64(n) * t.Plover(x.Type, x.Mode)
		a.gsum += float64(n) * m.Goldstein
	}
	if len(byStart) == 0 {
		return nil
	}
	starts := make([]time.Time, 0, len(byStart))
	for s := range byStart {
		starts = append(starts, s)
	}
	slices.SortFunc(starts, time.Time.Compare)
	var out []Point
	for s := starts[0]; !s.After(starts[len(starts)-1]); s = next(s, period) {
		p := Point{}
		if x := byStart[s]; x != nil {
			p = x.p
			p.Score = x.sum / float64(p.Events)
			p.Goldstein = x.gsum / float64(p.Events)
		}
		p.Period = label(s, period)
		out = append(out, p)
	}
	return out
}

func hasParty(c *store.Cluster, code string) bool {
	eq := func(x string) bool { return strings.EqualFold(x, code) }
	return slices.ContainsFunc(c.Actors, eq) || slices.ContainsFunc(c.Recipients, eq)
}

// Day returns the day a cluster is placed on, YYYY-MM-DD, by the rule
// Series uses for weeks: its Date when that is a day, else its First day
// when that lies within Date (or Date is unknown), else the first day of
// Date; "" when the cluster has no date at all.
func Day(c *store.Cluster) string {
	d, ok := placeDay(c, Week)
	if !ok {
		return ""
	}
	return d.Format(time.DateOnly)
}

// placeDay returns the day a cluster is counted on (see Series).
func placeDay(c *store.Cluster, period string) (time.Time, bool) {
	need := 10 // a week needs a day
	if period == Month {
		need = 7
	}
	date := c.Date
	if len(date) >= need {
		return parseDay(date)
	}
	first, okFirst := parseDay(c.First)
	if okFirst && len(c.First) == 10 && (date == "" || strings.HasPrefix(c.First, date)) {
		return first, true
	}
	if date != "" {
		return parseDay(date)
	}
	return first, okFirst
}

// parseDay parses YYYY-MM-DD, YYYY-MM or YYYY, the last two as their first
// day.
func parseDay(s string) (time.Time, bool) {
	layout := map[int]string{10: time.DateOnly, 7: "2006-01", 4: "2006"}[len(s)]
	if layout == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}

func periodStart(d time.Time, period string) time.Time {
	if period == Month {
		return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	// Back to Monday.
	back := (int(d.Weekday()) + 6) % 7
	return time.Date(d.Year(), d.Month(), d.Day()-back, 0, 0, 0, 0, time.UTC)
}

func next(s time.Time, period string) time.Time {
	if period == Month {
		return s.AddDate(0, 1, 0)
	}
	return s.AddDate(0, 0, 7)
}

func label(s time.Time, period string) string {
	if period == Month {
		return s.Format("2006-01")
	}
	y, w := s.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}
