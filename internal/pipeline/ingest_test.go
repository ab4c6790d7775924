package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"mitra/internal/corpus"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/sqlite"
)

// snapshot is what a store holds, with cluster ids (internal keys)
// renumbered by first appearance among the events.
type snapshot struct {
	Docs     []store.Document
	Events   []store.Event
	Clusters []store.Cluster
	Stats    store.Stats
}

func readSnapshot(t *testing.T, st store.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	evs, err := st.Events(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := st.Clusters(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int64]int64{}
	var r snapshot
	seen := map[string]bool{}
	for _, e := range evs {
		if _, ok := ids[e.ClusterID]; !ok {
			ids[e.ClusterID] = int64(len(ids) + 1)
		}
		e.ClusterID = ids[e.ClusterID]
		r.Events = append(r.Events, e)
		if !seen[e.DocHash] {
			seen[e.DocHash] = true
			d, err := st.Document(ctx, e.DocHash)
			if err != nil {
				t.Fatal(err)
			}
			d.IngestedAt = time.Time{} // differs between runs
			r.Docs = append(r.Docs, *d)
		}
	}
	for _, c := range cs {
		c.ID = ids[c.ID]
		r.Clusters = append(r.Clusters, c)
	}
	r.Stats = s
	return r
}

// TestIngestBatchesSameRecord ingests the same pages (the dev documents
// and generated pages with syndicated copies and re-posts) with a store
// Write per document, as the old write path committed them, and in
// batches of other sizes, and compares the records: documents, events and
// clusters must be identical apart from internal keys.
func TestIngestBatchesSameRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	var jsonl bytes.Buffer
	opt := corpus.Defaults
	opt.Pages = 500
	batches := []int{1, 7, DefaultBatchDocs}
	if raceEnabled {
		opt.Pages, batches = 150, []int{1, DefaultBatchDocs}
	}
	if _, _, err := corpus.Write(&jsonl, opt); err != nil {
		t.Fatal(err)
	}
	dev := filepath.Join("..", "..", "..", "shared", "eval", "dev", "docs")
	if _, err := os.Stat(dev); err != nil {
		t.Logf("no %s (../shared absent): generated pages only", dev)
		dev = ""
	}
	p := newPipeline(t)
	var want snapshot
	for i, batch := range batches {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "m.db"))
		if err != nil {
			t.Fatal(err)
		}
		read := func(ctx context.Context, fn func(source.Item)) {
			so := source.Options{Defer: batch != 1}
			if dev != "" {
				source.Read([]string{dev}, nil, so, fn)
			}
			source.ReadJSONL("pages.jsonl", bytes.NewReader(jsonl.Bytes()), so, fn)
		}
		prog := &Progress{}
		if err := p.Ingest(context.Background(), db, read, IngestOptions{BatchDocs: batch, Workers: 1 + i}, prog); err != nil {
			t.Fatal(err)
		}
		got := readSnapshot(t, db)
		db.Close()
		s := prog.Snapshot()
		if int(s.Stored) != got.Stats.Documents || int(s.Duplicates) != got.Stats.Duplicates || int(s.Events) != got.Stats.Events {
			t.Errorf("batches of %d: progress says %d stored, %d duplicates, %d events; the store holds %d, %d, %d",
				batch, s.Stored, s.Duplicates, s.Events, got.Stats.Documents, got.Stats.Duplicates, got.Stats.Events)
		}
		if i == 0 {
			want = got
			if got.Stats.Duplicates == 0 || got.Stats.Events < 1000 || got.Stats.Clusters >= got.Stats.Events {
				t.Fatalf("the pages should give near-duplicates and shared clusters: %+v", got.Stats)
			}
			t.Logf("%d documents (%d near-duplicates), %d events, %d clusters", got.Stats.Documents, got.Stats.Duplicates, got.Stats.Events, got.Stats.Clusters)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("batches of %d: the snapshot differs from a Write per document", batch)
			for j := range min(len(got.Events), len(want.Events)) {
				if !reflect.DeepEqual(got.Events[j], want.Events[j]) {
					t.Errorf("first difference: event %d\n got %+v\nwant %+v", j, got.Events[j], want.Events[j])
					break
				}
			}
			t.Logf("documents equal: %v; clusters equal: %v; stats equal: %v", reflect.DeepEqual(got.Docs, want.Docs),
				reflect.DeepEqual(got.Clusters, want.Clusters), reflect.DeepEqual(got.Stats, want.Stats))
		}
	}
}
