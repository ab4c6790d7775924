package mitrabeam

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"mitra/internal/corpus"
	"mitra/internal/ingest"
	"mitra/internal/lang/packs"
	"mitra/internal/pipeline"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/postgres"
	"mitra/internal/store/postgres/pgtest"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

var ctx = context.Background()

// snapshot is what a store holds, in a form two stores can be compared in:
// cluster ids replaced by their rank (a Beam run numbers clusters by their
// first mention's key, an ingest from 1, both in input order).
type snapshot struct {
	Stats    store.Stats
	Docs     []store.Document // in store order, without the ingest time
	Events   []store.Event
	Clusters []store.Cluster
}

func recordOf(t *testing.T, db *postgres.DB) snapshot {
	t.Helper()
	var r snapshot
	var err error
	if r.Stats, err = db.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	if r.Events, err = db.Events(ctx, store.Filter{}); err != nil {
		t.Fatal(err)
	}
	if r.Clusters, err = db.Clusters(ctx, store.Filter{}); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(r.Clusters))
	for i, c := range r.Clusters {
		ids[i] = c.ID
	}
	slices.Sort(ids)
	rank := func(id int64) int64 {
		i, ok := slices.BinarySearch(ids, id)
		if !ok {
			t.Fatalf("cluster %d of an event is not stored", id)
		}
		return int64(i + 1)
	}
	for i := range r.Clusters {
		r.Clusters[i].ID = rank(r.Clusters[i].ID)
	}
	for i := range r.Events {
		r.Events[i].ClusterID = rank(r.Events[i].ClusterID)
	}
	rows, err := db.Pool().Query(ctx, "SELECT hash FROM documents ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	var hashes []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, h)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, h := range hashes {
		d, err := db.Document(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		d.IngestedAt = time.Time{}
		r.Docs = append(r.Docs, *d)
	}
	return r
}

// ingestInto runs `mitra ingest` over paths into a new store.
func ingestInto(t *testing.T, paths []string) (*postgres.DB, time.Duration) {
	t.Helper()
	db, err := postgres.Open(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ps, err := packs.Load("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(ps...)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = p.Ingest(ctx, db, func(ctx context.Context, fn func(source.Item)) {
		ingest.Read(ctx, paths, nil, ingest.Options{}, fn)
	}, pipeline.IngestOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return db, time.Since(start)
}

// beamInto runs the Beam pipeline on Prism over inputs into a new store.
func beamInto(t *testing.T, inputs []string) (*postgres.DB, Counts, time.Duration) {
	t.Helper()
	dsn := pgtest.DSN(t)
	if err := CheckTarget(ctx, dsn); err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, Options{Inputs: inputs, DSN: dsn}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := prism.Execute(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	return db, CountsOf(res), took
}

// sameRecord fails t when the two stores' records differ, naming the first
// difference.
func sameRecord(t *testing.T, got, want snapshot) {
	t.Helper()
	if !reflect.DeepEqual(got.Stats, want.Stats) {
		t.Errorf("stats:\nbeam   %+v\ningest %+v", got.Stats, want.Stats)
	}
	diff := func(what string, n, m int, eq func(i int) bool, show func(i int) string) {
		if n != m {
			t.Errorf("%s: beam %d, ingest %d", what, n, m)
		}
		for i := range min(n, m) {
			if !eq(i) {
				t.Errorf("%s %d differs:\n%s", what, i, show(i))
				return
			}
		}
	}
	diff("documents", len(got.Docs), len(want.Docs), func(i int) bool { return reflect.DeepEqual(got.Docs[i], want.Docs[i]) },
		func(i int) string {
			g, w := got.Docs[i], want.Docs[i]
			g.Raw, w.Raw, g.Text, w.Text = nil, nil, "", ""
			return fmt.Sprintf("beam   %+v\ningest %+v", g, w)
		})
	diff("events", len(got.Events), len(want.Events), func(i int) bool { return reflect.DeepEqual(got.Events[i], want.Events[i]) },
		func(i int) string { return fmt.Sprintf("beam   %+v\ningest %+v", got.Events[i], want.Events[i]) })
	diff("clusters", len(got.Clusters), len(want.Clusters), func(i int) bool { return reflect.DeepEqual(got.Clusters[i], want.Clusters[i]) },
		func(i int) string { return fmt.Sprintf("beam   %+v\ningest %+v", got.Clusters[i], want.Clusters[i]) })
}

// TestDevDocs: over the dev documents, a Beam run leaves the record mitra
// ingest leaves.
func TestDevDocs(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "dev", "docs")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no dev documents beside the checkout (%v)", err)
	}
	want, ingestTook := ingestInto(t, []string{dir})
	got, counts, beamTook := beamInto(t, []string{dir})
	g, w := recordOf(t, got), recordOf(t, want)
	sameRecord(t, g, w)
	if w.Stats.Events < 100 {
		t.Errorf("only %d events: the comparison says little", w.Stats.Events)
	}
	t.Logf("%d documents, %d events, %d clusters; ingest %s, beam on prism %s; beam counted %+v",
		w.Stats.Documents, w.Stats.Events, w.Stats.Clusters, ingestTook.Round(time.Millisecond), beamTook.Round(time.Millisecond), counts)
}

// TestGeneratedPages: over generated pages with syndicated copies and exact
// re-posts (MITRA_BEAM_PAGES of them, default 1000, in shards of 1000),
// a Beam run leaves the record mitra ingest leaves.
func TestGeneratedPages(t *testing.T) {
	pages := 1000
	if v, err := strconv.Atoi(os.Getenv("MITRA_BEAM_PAGES")); err == nil && v > 0 {
		pages = v
	}
	dir := t.TempDir()
	opt := corpus.Defaults
	var paths []string
	for shard := 0; shard*1000 < pages; shard++ {
		p := filepath.Join(dir, fmt.Sprintf("shard-%03d.jsonl", shard))
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriter(f)
		o := opt
		o.Pages, o.Seed = min(1000, pages-shard*1000), uint64(shard+1)
		if _, _, err := corpus.Write(bw, o); err != nil {
			t.Fatal(err)
		}
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		paths = append(paths, p)
	}
	want, ingestTook := ingestInto(t, []string{dir})
	got, counts, beamTook := beamInto(t, []string{filepath.Join(dir, "*.jsonl")})
	g, w := recordOf(t, got), recordOf(t, want)
	sameRecord(t, g, w)
	if w.Stats.Duplicates == 0 || counts.Exact == 0 {
		t.Errorf("the corpus should have near-duplicates (%d) and exact re-posts (%d)", w.Stats.Duplicates, counts.Exact)
	}
	t.Logf("%d pages: %d documents (%d near-duplicates), %d events, %d clusters; ingest %s, beam on prism %s",
		pages, w.Stats.Documents, w.Stats.Duplicates, w.Stats.Events, w.Stats.Clusters, ingestTook.Round(time.Millisecond), beamTook.Round(time.Millisecond))
}

// TestDataflowTranslation: the pipeline translates into a Dataflow job
// offline (--dry_run prints the job instead of submitting it).
func TestDataflowTranslation(t *testing.T) {
	for k, v := range map[string]string{"dry_run": "true", "project": "mitra-test", "region": "europe-west4",
		"staging_location": "gs://mitra-test/staging", "temp_location": "gs://mitra-test/tmp",
		// Prism, run by another test of this process, leaves it at loopback.
		"environment_type": "DOCKER"} {
		old := flag.Lookup(k).Value.String()
		if err := flag.Set(k, v); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { flag.Set(k, old) })
	}
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, Options{Inputs: []string{"gs://mitra-test/cc-news/2024/08/*.warc.gz"}, DSN: "postgres://mitra@db.internal/mitra"}); err != nil {
		t.Fatal(err)
	}
	res, err := dataflow.Execute(ctx, p)
	if err != nil {
		t.Fatalf("dataflow translation: %v", err)
	}
	if res != nil {
		t.Fatalf("a dry run returned a job: %v", res)
	}
}
