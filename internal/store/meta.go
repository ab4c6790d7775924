package store

import (
	"context"
	"errors"
	"slices"
	"time"
	"unicode/utf8"
)

// DocMeta is a stored document without its raw bytes and text: what a row
// of an export or a list of events needs to lead back to its page.
type DocMeta struct {
	Hash, ID, Source, URL, Outlet, Lang, PubDate, Title, Canonical string
	IngestedAt                                                     time.Time
	TextLen                                                        int // characters (runes) of the clean text
	Build, Codebook                                                string
}

// MetaOf returns d's metadata.
func MetaOf(d *Document) DocMeta {
	return DocMeta{
		Hash: d.Hash, ID: d.ID, Source: d.Source, URL: d.URL, Outlet: d.Outlet, Lang: d.Lang,
		PubDate: d.PubDate, Title: d.Title, Canonical: d.Canonical, IngestedAt: d.IngestedAt,
		TextLen: utf8.RuneCountInString(d.Text), Build: d.Build, Codebook: d.Codebook,
	}
}

// DocMetaStore is a Store that reads documents' metadata in bulk, without
// their raw bytes and text. It is optional: DocumentMetas falls back to
// Document.
type DocMetaStore interface {
	// DocumentMetas returns the metadata of the stored documents among
	// hashes, by hash; unknown hashes are left out.
	DocumentMetas(ctx context.Context, hashes []string) (map[string]DocMeta, error)
}

// DocumentMetas returns the metadata of the documents with these hashes,
// by hash, from st's DocumentMetas when it has one, else one Document call
// per distinct hash. Unknown hashes are left out.
func DocumentMetas(ctx context.Context, st Store, hashes []string) (map[string]DocMeta, error) {
	if ms, ok := st.(DocMetaStore); ok {
		return ms.DocumentMetas(ctx, hashes)
	}
	out := make(map[string]DocMeta, len(hashes))
	for _, h := range hashes {
		if _, ok := out[h]; ok || h == "" {
			continue
		}
		d, err := st.Document(ctx, h)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if d.Hash == h { // Document also looks ids up; only a hash counts here
			out[h] = MetaOf(d)
		}
	}
	return out, nil
}

// NewestStore is a Store that pages clusters newest first. It is
// optional: ClustersNewest falls back to Clusters.
type NewestStore interface {
	// ClustersNewest returns the clusters Clusters(f) returns, ordered by
	// First descending (clusters without a day last), then id descending;
	// f.Limit and f.Offset page that order.
	ClustersNewest(ctx context.Context, f Filter) ([]Cluster, error)
}

// ClustersNewest returns a page of the clusters matching f newest first,
// from st's ClustersNewest when it has one, else from Clusters (reading
// every matching cluster and reversing them, which costs more on a large
// store).
func ClustersNewest(ctx context.Context, st Store, f Filter) ([]Cluster, error) {
	if ns, ok := st.(NewestStore); ok {
		return ns.ClustersNewest(ctx, f)
	}
	g := f
	g.Limit, g.Offset = 0, 0
	cs, err := st.Clusters(ctx, g)
	if err != nil {
		return nil, err
	}
	// Clusters puts undated ones last; newest first keeps them last.
	dated := slices.IndexFunc(cs, func(c Cluster) bool { return c.First == "" })
	if dated < 0 {
		dated = len(cs)
	}
	slices.Reverse(cs[:dated])
	slices.Reverse(cs[dated:])
	lo := min(max(f.Offset, 0), len(cs))
	hi := len(cs)
	if f.Limit > 0 {
		hi = min(lo+f.Limit, len(cs))
	}
	return cs[lo:hi], nil
}

// ClusterEventsStore is a Store that reads the events of given clusters.
// It is optional: EventsOfClusters falls back to Events over the days the
// clusters span.
type ClusterEventsStore interface {
	// EventsOfClusters returns every event of the clusters ids, ordered as
	// Events orders them.
	EventsOfClusters(ctx context.Context, ids []int64) ([]Event, error)
}

// EventsOfClusters returns every event (mention) of the clusters cs,
// ordered as Events orders them: from st's EventsOfClusters when it
// has one, else from Events over the days the clusters span (their First
// and Last bound their events' days), keeping those of cs.
func EventsOfClusters(ctx context.Context, st Store, cs []Cluster) ([]Event, error) {
	ids := make([]int64, len(cs))
	want := make(map[int64]bool, len(cs))
	var f Filter
	dated := true
	for i, c := range cs {
		ids[i], want[c.ID] = c.ID, true
		if c.First == "" {
			dated = false
			continue
		}
		if f.From == "" || c.First < f.From {
			f.From = c.First
		}
		if c.Last > f.To {
			f.To = c.Last
		}
	}
	if ce, ok := st.(ClusterEventsStore); ok {
		return ce.EventsOfClusters(ctx, ids)
	}
	if len(cs) == 0 {
		return []Event{}, nil
	}
	if !dated {
		f = Filter{}
	}
	evs, err := st.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	out := evs[:0]
	for _, e := range evs {
		if want[e.ClusterID] {
			out = append(out, e)
		}
	}
	return out, nil
}

// EventHashes returns the distinct document hashes of events, in order.
func EventHashes(evs []Event) []string {
	seen := make(map[string]bool, len(evs))
	var out []string
	for i := range evs {
		if h := evs[i].DocHash; h != "" && !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
