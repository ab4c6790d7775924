package postgres

import (
	"cmp"
	"slices"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// A write assigns its events to clusters in memory: it reads the clusters
// each act's events may join (see loadClusters), then takes the events in
// input order and asks store.SameAct of the candidates in the order
// SQLite's Put asks them — for a dated event, the clusters within the
// window by last day then id, then the undated ones by id; for an undated
// event, every cluster of the act by last day descending (undated last),
// then id descending — so that both stores build the same clusters from
// the same pages.

// ckey is what a cluster is found by: its type and set of parties.
type ckey struct{ typ, parties string }

// mcluster is a cluster as a write sees it.
type mcluster struct {
	store.Cluster
	isNew   bool // made by this write
	changed bool // an existing cluster this write adds mentions to
	// ord orders clusters as their ids will: a new cluster's id is drawn
	// from the sequence after the write, so it sorts after every stored
	// one, in the order made.
	ord int64
}

// newOrd is the first ord of new clusters: above any stored id.
const newOrd = int64(1) << 62

type clusterer struct {
	byKey   map[ckey][]*mcluster
	created []*mcluster
}

func newClusterer() *clusterer { return &clusterer{byKey: map[ckey][]*mcluster{}} }

// add makes a stored cluster a candidate.
func (cl *clusterer) add(c *mcluster) {
	k := ckey{string(c.Type), store.PartyKey(c.Actors, c.Recipients)}
	cl.byKey[k] = append(cl.byKey[k], c)
}

// assign puts e (placed on day, "" when it has no usable day) in the first
// candidate cluster it may join, or in a new one, and updates that
// cluster's summary. It returns the cluster.
func (cl *clusterer) assign(e *store.Event, day string) *mcluster {
	actors, recipients := record.Codes(e.Actors), record.Codes(e.Recipients)
	k := ckey{string(e.Type), store.PartyKey(actors, recipients)}
	var c *mcluster
	for _, cand := range candidates(cl.byKey[k], day) {
		if store.SameAct(&cand.Cluster, e) {
			c = cand
			break
		}
	}
	if c == nil {
		c = &mcluster{isNew: true, ord: newOrd + int64(len(cl.created))}
		c.Type, c.Mode = e.Type, e.Mode
		c.Actors, c.Recipients = actors, recipients
		c.Contexts = slices.Clone(e.Contexts)
		if e.Date != nil {
			c.Date = *e.Date
		}
		c.First, c.Last = day, day
		cl.created = append(cl.created, c)
		cl.byKey[k] = append(cl.byKey[k], c)
	} else if !c.isNew {
		c.changed = true
	}
	// The mention's share of the summary.
	if c.Mode == "" {
		c.Mode = e.Mode
	}
	for _, x := range e.Contexts {
		if !slices.Contains(c.Contexts, x) {
			c.Contexts = append(c.Contexts, x)
		}
	}
	if e.Date != nil && *e.Date != "" && len(*e.Date) > len(c.Date) {
		c.Date = *e.Date
	}
	if day != "" {
		if c.First == "" || day < c.First {
			c.First = day
		}
		if c.Last == "" || day > c.Last {
			c.Last = day
		}
	}
	c.Mentions++
	return c
}

// candidates returns the clusters of one act that an event placed on day
// may join, in the order they are tried.
func candidates(cs []*mcluster, day string) []*mcluster {
	var out []*mcluster
	if day == "" {
		out = slices.Clone(cs)
		slices.SortFunc(out, func(a, b *mcluster) int {
			switch {
			case a.Last == "" && b.Last != "":
				return 1
			case a.Last != "" && b.Last == "":
				return -1
			}
			return cmp.Or(cmp.Compare(b.Last, a.Last), cmp.Compare(b.ord, a.ord))
		})
		return out
	}
	lo, hi := shiftDay(day, -store.ClusterWindow), shiftDay(day, store.ClusterWindow)
	var undated []*mcluster
	for _, c := range cs {
		switch {
		case c.Last == "":
			undated = append(undated, c)
		case c.Last >= lo && c.First <= hi:
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *mcluster) int { return cmp.Or(cmp.Compare(a.Last, b.Last), cmp.Compare(a.ord, b.ord)) })
	slices.SortFunc(undated, func(a, b *mcluster) int { return cmp.Compare(a.ord, b.ord) })
	return append(out, undated...)
}

// usableDay returns store.EventDay(e) when it is a valid day, else "".
func usableDay(e *store.Event) string {
	d := store.EventDay(e)
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}

// shiftDay returns the day n days after day (YYYY-MM-DD).
func shiftDay(day string, n int) string {
	t, _ := time.Parse(time.DateOnly, day)
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// Clusterer assigns events to clusters in memory by the rule Write
// follows, for a loader that decides the clusters of its whole input
// itself (the Beam pipeline, before LoadClusters): it must be given every
// event of one type and party set, in input order, and nothing stored.
type Clusterer struct{ cl *clusterer }

// NewClusterer returns a Clusterer with no clusters.
func NewClusterer() *Clusterer { return &Clusterer{newClusterer()} }

// Assign puts e in the cluster it joins, or in a new cluster numbered id
// (ids must grow with the events' order, as Write's do), and returns that
// cluster's summary, updated, and whether it is new. Sources and Outlets
// are left to the caller.
func (c *Clusterer) Assign(e *store.Event, id int64) (*store.Cluster, bool) {
	m := c.cl.assign(e, usableDay(e))
	if m.ID == 0 {
		m.ID, m.ord = id, id
		return &m.Cluster, true
	}
	return &m.Cluster, false
}
