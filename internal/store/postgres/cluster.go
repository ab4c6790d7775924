package postgres

import (
	"slices"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// A write assigns its events to clusters in memory: it reads the clusters
// each act's events may join (see loadClusters), then takes the events in
// input order and lets store.ChooseCluster pick among the act's clusters
// as they stand after the events before it (store.NewCluster and
// store.Mention keep the summaries), so that SQLite, PostgreSQL and the
// Beam pipeline build the same clusters from the same pages.

// ckey is what a cluster is found by: its type and set of parties.
type ckey struct{ typ, parties string }

// mcluster is a cluster as a write sees it.
type mcluster struct {
	store.Cluster
	isNew   bool          // made by this write
	changed bool          // an existing cluster this write adds mentions to
	old     store.Cluster // an existing cluster as it was read, for the rollups
}

// newOrd is the first id given to new clusters until the write draws their
// keys: above any stored id, so that ChooseCluster orders them after the
// stored ones and in the order made, as their keys will be.
const newOrd = int64(1) << 62

type clusterer struct {
	byKey   map[ckey][]*mcluster
	created []*mcluster
	vals    []store.Cluster // scratch for ChooseCluster
}

func newClusterer() *clusterer { return &clusterer{byKey: map[ckey][]*mcluster{}} }

// add makes a stored cluster a candidate.
func (cl *clusterer) add(c *mcluster) {
	c.old = c.Cluster
	c.old.Contexts = slices.Clone(c.Contexts)
	k := ckey{string(c.Type), store.PartyKey(c.Actors, c.Recipients)}
	cl.byKey[k] = append(cl.byKey[k], c)
}

// assign puts e in the cluster ChooseCluster picks among its act's, or in
// a new one (numbered id, or a temporary id above every stored one when id
// is 0), and counts the mention. It returns the cluster.
func (cl *clusterer) assign(e *store.Event, id int64) *mcluster {
	k := ckey{string(e.Type), store.PartyKey(record.Codes(e.Actors), record.Codes(e.Recipients))}
	cands := cl.byKey[k]
	cl.vals = cl.vals[:0]
	for _, c := range cands {
		cl.vals = append(cl.vals, c.Cluster)
	}
	var c *mcluster
	if i := store.ChooseCluster(cl.vals, e); i >= 0 {
		c = cands[i]
		if !c.isNew {
			c.changed = true
		}
	} else {
		c = &mcluster{Cluster: store.NewCluster(e), isNew: true}
		c.ID = id
		if id == 0 {
			c.ID = newOrd + int64(len(cl.created))
		}
		cl.created = append(cl.created, c)
		cl.byKey[k] = append(cl.byKey[k], c)
	}
	store.Mention(&c.Cluster, e)
	return c
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
	n := len(c.cl.created)
	m := c.cl.assign(e, id)
	return &m.Cluster, len(c.cl.created) > n
}
