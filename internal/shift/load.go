package shift

import (
	"context"

	"mitra/internal/store"
)

// Evidence is what Load returns beside the acts: each act's mentions, for
// the evidence of a shift.
type Evidence map[int64][]store.Event

// Load reads the acts of f (its party, period and other filters) from st:
// each cluster becomes an Act placed on the month its date fixes (a year
// alone stays a year, which Detect leaves out), or on the first day of its
// mentions when it has no date of its own (their publication dates), and
// is an exit when one of its mentions' triggers or sentences says so.
func Load(ctx context.Context, st store.Store, f store.Filter, w *Words) ([]Act, Evidence, error) {
	f.Limit, f.Offset = 0, 0
	cs, err := st.Clusters(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	evs, err := st.Events(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	ev := Evidence{}
	for _, e := range evs {
		ev[e.ClusterID] = append(ev[e.ClusterID], e)
	}
	acts := make([]Act, 0, len(cs))
	for i := range cs {
		c := &cs[i]
		a := Act{ID: c.ID, Day: placeMonth(c), Type: c.Type, Mode: c.Mode, Actors: c.Actors, Recipients: c.Recipients}
		var texts []string
		for _, e := range ev[c.ID] {
			texts = append(texts, e.Trigger, e.Sentence)
		}
		a.Exit = IsExit(w, c.Type, c.Mode, texts...)
		acts = append(acts, a)
	}
	return acts, ev, nil
}

// placeMonth returns the day (or month, or year) a cluster is counted on:
// its date when that fixes the month, its first mention's day when it has
// no date of its own, else its date (a year, or "").
func placeMonth(c *store.Cluster) string {
	switch {
	case len(c.Date) >= 7:
		return c.Date
	case c.Date == "":
		return c.First
	}
	return c.Date
}
