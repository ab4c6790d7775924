package mitrabeam

import (
	"cmp"
	"context"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"mitra/internal/record"
	"mitra/internal/store"
	"mitra/internal/store/postgres"
)

func init() {
	register.Function1x1(loadDoc)
	register.Function2x0(mentionsOf)
	register.Emitter2[string, mention]()
	register.Function5x0(assignClusters)
	register.Iter1[mention]()
	register.Emitter1[eventRow]()
	register.Emitter1[clusterRow]()
	register.Function1x1(loadError)
}

var (
	documentsCoded = beam.NewCounter("mitra", "documents")
	eventsCoded    = beam.NewCounter("mitra", "events")
	clustersMade   = beam.NewCounter("mitra", "clusters")
)

func loadDoc(c coded) docRow {
	return docRow{postgres.LoadDoc{Seq: docSeq(c.Order), Doc: c.Batch.Doc, Buckets: c.Batch.Buckets}}
}

func loadError(f failure) errorRow {
	return errorRow{postgres.LoadError{Source: f.Source, Reason: f.Reason}}
}

// mentionsOf emits a document's events under their act: type and party
// set, the only events whose clusters can meet.
func mentionsOf(c coded, emit func(string, mention)) {
	for j, e := range c.Batch.Events {
		e.DocHash = c.Batch.Doc.Hash
		key := string(e.Type) + "|" + store.PartyKey(record.Codes(e.Actors), record.Codes(e.Recipients))
		emit(key, mention{Order: c.Order, J: j, DocSeq: docSeq(c.Order), Source: docSeq(c.Source), Outlet: c.Batch.Doc.Outlet, Event: e})
	}
}

// assignClusters assigns the events of one act to clusters in input order,
// as Write would, and emits the events and the finished clusters.
func assignClusters(ctx context.Context, _ string, ms func(*mention) bool, emitEvent func(eventRow), emitCluster func(clusterRow)) {
	var all []mention
	var m mention
	for ms(&m) {
		all = append(all, m)
		m = mention{}
	}
	slices.SortFunc(all, func(a, b mention) int { return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.J, b.J)) })
	type sums struct {
		c       *store.Cluster
		sources []int64
		outlets []string
	}
	var made []*sums
	byID := map[int64]*sums{}
	cl := postgres.NewClusterer()
	for i := range all {
		m := &all[i]
		c, isNew := cl.Assign(&m.Event, eventSeq(m.Order, m.J))
		s := byID[c.ID]
		if isNew {
			s = &sums{c: c}
			byID[c.ID] = s
			made = append(made, s)
		}
		if !slices.Contains(s.sources, m.Source) {
			s.sources = append(s.sources, m.Source)
		}
		if m.Outlet != "" && !slices.Contains(s.outlets, m.Outlet) {
			s.outlets = append(s.outlets, m.Outlet)
		}
		m.Event.ClusterID = c.ID
		emitEvent(eventRow{postgres.LoadEvent{Seq: eventSeq(m.Order, m.J), DocSeq: m.DocSeq, Event: m.Event}})
	}
	for _, s := range made {
		s.c.Sources, s.c.Outlets = len(s.sources), len(s.outlets)
		emitCluster(clusterRow{postgres.LoadCluster{Cluster: *s.c, Sources: s.sources, Outlets: s.outlets}})
	}
	eventsCoded.Inc(ctx, int64(len(all)))
	clustersMade.Inc(ctx, int64(len(made)))
}
