package export

import (
	"cmp"
	"slices"
	"strings"

	"mitra/internal/store"
)

// Acts are the clusters an export writes, with their mentions and the
// pages those come from: what the columns that lead an act back to its
// reports (GDELT's SOURCEURL, DATEADDED and mentions table) need.
type Acts struct {
	Clusters []store.Cluster
	// Events are the clusters' mentions (store.Events with the filter that
	// selected the clusters); events of other clusters are ignored.
	Events []store.Event
	Docs   Docs
}

// mention is an event with its page.
type mention struct {
	*store.Event
	doc store.DocMeta
}

// byCluster returns each cluster's mentions, first report first: the
// earliest day (undated last), then the page stored first, then the id.
func (a *Acts) byCluster() map[int64][]mention {
	out := map[int64][]mention{}
	for i := range a.Events {
		e := &a.Events[i]
		out[e.ClusterID] = append(out[e.ClusterID], mention{e, a.Docs[e.DocHash]})
	}
	for _, ms := range out {
		slices.SortFunc(ms, func(x, y mention) int {
			dx, dy := store.EventDay(x.Event), store.EventDay(y.Event)
			if (dx == "") != (dy == "") {
				if dx == "" {
					return 1
				}
				return -1
			}
			return cmp.Or(strings.Compare(dx, dy), x.doc.IngestedAt.Compare(y.doc.IngestedAt), strings.Compare(x.ID, y.ID))
		})
	}
	return out
}

// sourceURL is where a report can be found: its URL, else (a page read
// from a file) the input it was read from, as GDELT gives a citation for
// sources that have no URL.
func sourceURL(d store.DocMeta) string {
	if d.URL != "" {
		return d.URL
	}
	return d.Source
}
