package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"mitra/internal/record"

	"mitra/internal/store"
	"mitra/internal/store/postgres/pgtest"
	"mitra/internal/store/storetest"
)

var ctx = context.Background()

// openTemp opens a store in a fresh schema; when t ends it checks the
// store's integrity (if it was not closed by the test).
func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.IntegrityCheck(ctx); err != nil && err != store.ErrClosed {
			t.Error(err)
		}
		db.Close()
	})
	return db
}

func TestConformance(t *testing.T) {
	pgtest.ServerDSN(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

// writerEnv makes the test binary a child that puts the generated batches
// into the database it names (see TestConcurrentWriters).
const writerEnv = "MITRA_PG_WRITER_CHILD"

func TestMain(m *testing.M) {
	if dsn := os.Getenv(writerEnv); dsn != "" {
		os.Exit(writerChild(dsn))
	}
	os.Exit(m.Run())
}

// genBatches returns n documents of generated events among a few parties
// and days, so that writers contend for the same clusters; with copies,
// every tenth document is a syndicated copy of the one before it.
func genBatches(n int, seed uint64, copies bool) []*store.Batch {
	rng := rand.New(rand.NewPCG(seed, 7))
	parties := []string{"RUS", "CHN", "MLI", "FRA", "IDN", "USA"}
	types := []record.Type{"AGREE", "CONSULT", "ACCUSE", "AID", "SANCTION"}
	contexts := []string{"military", "economic", "diplomatic"}
	var out []*store.Batch
	for i := range n {
		raw := fmt.Appendf(nil, "<p>generated page %d of seed %d</p>", i, seed)
		sum := sha256.Sum256(raw)
		d := store.Document{Hash: hex.EncodeToString(sum[:]), ID: fmt.Sprintf("g%d", i), Source: fmt.Sprintf("gen:%d", i),
			URL: fmt.Sprintf("https://o%d.example/%d", i%4, i), Outlet: fmt.Sprintf("o%d.example", i%4), Lang: []string{"id", "en"}[i%2],
			PubDate: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/3).Format(time.DateOnly),
			Title:   "t", Raw: raw, Text: string(raw), IngestedAt: time.Unix(1700000000, 0).UTC()}
		if copies && i%10 == 9 {
			d.Canonical = out[i-1].Doc.Hash
		}
		b := &store.Batch{Doc: d, Buckets: []uint64{uint64(i), uint64(i / 2)}}
		for j := range rng.IntN(4) {
			a, r := parties[rng.IntN(len(parties))], parties[rng.IntN(len(parties))]
			e := record.Event{ID: fmt.Sprintf("%.12s-%d", d.Hash, j), Doc: d.ID, Lang: d.Lang, Type: types[rng.IntN(len(types))],
				Actors: []record.Party{{Code: a, Text: a, Role: "GOV"}}, Factuality: record.Asserted, Sentence: "s", Codebook: record.Codebook}
			if r != a {
				e.Recipients = []record.Party{{Code: r, Text: r}}
			}
			if rng.IntN(3) > 0 {
				e.Contexts = []string{contexts[rng.IntN(len(contexts))]}
			}
			pub := d.PubDate
			e.PubDate = &pub
			if rng.IntN(4) > 0 {
				day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/3-rng.IntN(10)).Format(time.DateOnly)
				e.Date = &day
			}
			b.Events = append(b.Events, store.Event{Event: e})
		}
		out = append(out, b)
	}
	return out
}

// writerChild puts the batches the environment describes and prints how
// many it added.
func writerChild(dsn string) int {
	var n, shuffle int
	var seed uint64
	fmt.Sscanf(os.Getenv(writerEnv+"_ARGS"), "%d %d %d", &n, &seed, &shuffle)
	bs := genBatches(n, seed, shuffle == 0)
	if shuffle != 0 {
		rand.New(rand.NewPCG(uint64(shuffle), 1)).Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	added := 0
	for _, b := range bs {
		ok, err := store.Put(ctx, db, b)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if ok {
			added++
		}
	}
	fmt.Println(added)
	return 0
}

// runWriters runs n writer processes at once over one database and
// returns how many documents each added.
func runWriters(t *testing.T, dsn string, n int, args func(i int) string) []int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		added int
		err   error
	}
	results := make([]result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), writerEnv+"="+dsn, writerEnv+"_ARGS="+args(i))
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				results[i].err = fmt.Errorf("writer %d: %v: %s", i, err, stderr.String())
				return
			}
			results[i].added, results[i].err = strconv.Atoi(strings.TrimSpace(string(out)))
		})
	}
	wg.Wait()
	var added []int
	for _, r := range results {
		if r.err != nil {
			t.Fatal(r.err)
		}
		added = append(added, r.added)
	}
	return added
}

// recordDump is what a store holds, for comparing two stores.
type recordDump struct {
	Stats    store.Stats
	Events   []store.Event
	Clusters []store.Cluster
	Docs     []string // hash and canonical, in store order
}

func dump(t *testing.T, db *DB) recordDump {
	t.Helper()
	var r recordDump
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
	rows, _ := db.pool.Query(ctx, "SELECT hash || ' ' || COALESCE(canonical, '') FROM documents ORDER BY seq")
	if r.Docs, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestConcurrentWriters runs several processes that put the same pages
// into one database at once. Every page is stored once, and since writes
// are serialised, the record is exactly what one process putting the pages
// in the order they were stored leaves: no page and no cluster twice.
func TestConcurrentWriters(t *testing.T) {
	testDSN := pgtest.DSN
	const pages, writers = 400, 3
	for _, tc := range []struct {
		name    string
		shuffle bool
	}{{"same order", false}, {"each its own order", true}} {
		t.Run(tc.name, func(t *testing.T) {
			dsn := testDSN(t)
			added := runWriters(t, dsn, writers, func(i int) string {
				if tc.shuffle {
					return fmt.Sprintf("%d 1 %d", pages, i+1)
				}
				return fmt.Sprintf("%d 1 0", pages)
			})
			total := 0
			for _, n := range added {
				total += n
			}
			if total != pages {
				t.Errorf("writers added %v documents, %d in all; want %d in all", added, total, pages)
			}
			db, err := Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.IntegrityCheck(ctx); err != nil {
				t.Fatal(err)
			}
			got := dump(t, db)
			if got.Stats.Documents != pages {
				t.Errorf("%d documents stored, want %d", got.Stats.Documents, pages)
			}
			// One process putting the pages in the order they were stored.
			bs := genBatches(pages, 1, !tc.shuffle)
			byHash := map[string]*store.Batch{}
			for _, b := range bs {
				byHash[b.Doc.Hash] = b
			}
			ref := openTemp(t)
			for _, d := range got.Docs {
				h, _, _ := strings.Cut(d, " ")
				if _, err := store.Put(ctx, ref, byHash[h]); err != nil {
					t.Fatal(err)
				}
			}
			want := dump(t, ref)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("concurrent writers' record differs from one writer's in the same order:\nstats %+v\nwant  %+v\n%d clusters, want %d",
					got.Stats, want.Stats, len(got.Clusters), len(want.Clusters))
			}
			if want.Stats.Events == 0 || want.Stats.Clusters >= want.Stats.Events {
				t.Errorf("the fixture should put several events in a cluster: %+v", want.Stats)
			}
		})
	}
}

// TestBulkLoad: loading what a store holds, row by row, into an empty one
// with the same keys (as a bulk loader would) leaves the same record, and
// loading it twice (a retried bundle) adds nothing.
func TestBulkLoad(t *testing.T) {
	src := openTemp(t)
	for _, b := range genBatches(300, 3, true) {
		if _, err := store.Put(ctx, src, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.RecordError(ctx, "bad.html", "empty file"); err != nil {
		t.Fatal(err)
	}
	var docs []LoadDoc
	rows, _ := src.pool.Query(ctx, "SELECT seq, hash, buckets FROM documents ORDER BY seq")
	var seq int64
	var hash string
	var buckets []int64
	if _, err := pgx.ForEachRow(rows, []any{&seq, &hash, &buckets}, func() error {
		d, err := src.Document(ctx, hash)
		if err != nil {
			return err
		}
		us := make([]uint64, len(buckets))
		for i, b := range buckets {
			us[i] = uint64(b)
		}
		docs = append(docs, LoadDoc{Seq: seq, Doc: *d, Buckets: us})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	seqs := map[string][2]int64{} // event id → seq, doc seq
	rows, _ = src.pool.Query(ctx, "SELECT id, seq, doc_seq FROM events")
	var id string
	var docSeq int64
	if _, err := pgx.ForEachRow(rows, []any{&id, &seq, &docSeq}, func() error { seqs[id] = [2]int64{seq, docSeq}; return nil }); err != nil {
		t.Fatal(err)
	}
	evs, err := src.Events(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var loadEvs []LoadEvent
	for _, e := range evs {
		loadEvs = append(loadEvs, LoadEvent{Seq: seqs[e.ID][0], DocSeq: seqs[e.ID][1], Event: e})
	}
	cs, err := src.Clusters(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var loadCs []LoadCluster
	for _, c := range cs {
		lc := LoadCluster{Cluster: c}
		rows, _ := src.pool.Query(ctx, "SELECT source FROM cluster_sources WHERE cluster_id = $1", c.ID)
		if lc.Sources, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			t.Fatal(err)
		}
		rows, _ = src.pool.Query(ctx, "SELECT outlet FROM cluster_outlets WHERE cluster_id = $1", c.ID)
		if lc.Outlets, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
			t.Fatal(err)
		}
		loadCs = append(loadCs, lc)
	}

	dst := openTemp(t)
	if empty, err := dst.Empty(ctx); err != nil || !empty {
		t.Fatalf("Empty = %v, %v", empty, err)
	}
	for range 2 { // the second time adds nothing
		for range 2 { // the second time drops nothing more
			if err := dst.BeginLoad(ctx); err != nil {
				t.Fatal(err)
			}
		}
		// In pieces and out of order, as bundles come.
		for i := len(loadCs); i > 0; i -= 50 {
			if err := dst.LoadClusters(ctx, loadCs[max(0, i-50):i]); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < len(loadEvs); i += 70 {
			if err := dst.LoadEvents(ctx, loadEvs[i:min(len(loadEvs), i+70)]); err != nil {
				t.Fatal(err)
			}
		}
		if err := dst.LoadDocuments(ctx, docs); err != nil {
			t.Fatal(err)
		}
		if err := dst.LoadErrors(ctx, []LoadError{{"bad.html", "empty file"}}); err != nil {
			t.Fatal(err)
		}
		if err := dst.FinishLoad(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if empty, err := dst.Empty(ctx); err != nil || empty {
		t.Fatalf("Empty after the load = %v, %v", empty, err)
	}
	if err := dst.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	// FinishLoad built again every index BeginLoad dropped, partitions'
	// included.
	if got, want := indexDefs(t, dst), indexDefs(t, src); !slices.Equal(got, want) {
		t.Errorf("indexes after the load:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got, want := dump(t, dst), dump(t, src)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("loaded record differs:\n got %+v\nwant %+v", got.Stats, want.Stats)
	}
	// A later write continues after the loaded keys.
	more := genBatches(310, 3, true)[300:]
	for _, b := range more {
		for _, s := range []*DB{src, dst} {
			b2 := *b
			b2.Events = slices.Clone(b.Events)
			if _, err := store.Put(ctx, s, &b2); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got, want := dump(t, dst), dump(t, src); !reflect.DeepEqual(got, want) {
		t.Errorf("after later writes, the records differ:\n got %+v\nwant %+v", got.Stats, want.Stats)
	}
}

// indexDefs lists the definitions of db's indexes, without its schema's name.
func indexDefs(t *testing.T, db *DB) []string {
	t.Helper()
	rows, _ := db.pool.Query(ctx, `SELECT replace(indexdef, schemaname || '.', '') FROM pg_indexes
		WHERE schemaname = current_schema() ORDER BY indexname`)
	defs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return defs
}
