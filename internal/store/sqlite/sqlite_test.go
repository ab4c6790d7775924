package sqlite

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
	"mitra/internal/store/storetest"
)

// crashEnv makes the test binary a child that puts documents into the
// database it names until it is killed (see TestCrash).
const crashEnv = "MITRA_SQLITE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path)
		return
	}
	code := m.Run()
	benchDBs.Range(func(_, v any) bool {
		if db := v.(*benchEntry).db; db != nil {
			db.Close()
			os.RemoveAll(filepath.Dir(db.path))
		}
		return true
	})
	os.Exit(code)
}

var ctx = context.Background()

// openTemp opens a new database in t's temporary folder; when t ends (and
// the store is closed) it reopens the file and checks it.
func openTemp(t testing.TB) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mitra.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		db, err := Open(ctx, path)
		if err != nil {
			t.Errorf("reopen: %v", err)
			return
		}
		defer db.Close()
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Error(err)
		}
		checkConsistent(t, db)
	})
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

// TestWriteSeenByOthers checks that a Write is committed when it returns,
// and that a writer's cluster cache notices another writer (another
// process, as it were) on the same file.
func TestWriteSeenByOthers(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	other, err := sql.Open("sqlite", db.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	r := rand.New(rand.NewPCG(11, 12))
	b1, b2 := testBatch(r, 1), testBatch(r, 2)
	if out, err := db.Write(ctx, []*store.Batch{b1, b2}); err != nil || !out[0].Added || !out[1].Added {
		t.Fatalf("Write = %v, %v", out, err)
	}
	var n int
	if err := other.QueryRow("SELECT COUNT(*) FROM documents").Scan(&n); err != nil || n != 2 {
		t.Errorf("another connection sees %d documents, %v; want 2", n, err)
	}
	// A failed batch leaves the others alone.
	bad := testBatch(r, 3)
	bad.Events[2].ID = b1.Events[0].ID
	if _, err := store.Put(ctx, db, bad); err == nil || !strings.Contains(err.Error(), "already stored") {
		t.Errorf("Put(colliding event id) = %v", err)
	}
	// A cancelled context stops a Write before it starts.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.Write(cctx, []*store.Batch{testBatch(r, 5)}); err == nil {
		t.Error("Write with a cancelled context succeeded")
	}

	// Two writers on one file, taking turns with reports of one act: one
	// cluster, whoever wrote last.
	db2, err := Open(ctx, db.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	var want int64
	for i := range 6 {
		w := []*DB{db, db2}[i%2]
		b := testBatch(r, 100+i)
		b.Events = b.Events[:1]
		b.Events[0].Actors = []record.Party{{Code: "RUS"}}
		b.Events[0].Recipients = []record.Party{{Code: "MLI"}}
		b.Events[0].Type, b.Events[0].Contexts = "AGREE", nil
		day := fmt.Sprintf("2025-03-%02d", 1+i)
		b.Events[0].Date = &day
		if _, err := store.Put(ctx, w, b); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			want = b.Events[0].ClusterID
		} else if b.Events[0].ClusterID != want {
			t.Errorf("report %d in cluster %d, want %d", i, b.Events[0].ClusterID, want)
		}
	}
	cs, err := db.Clusters(ctx, store.Filter{Pair: [2]string{"RUS", "MLI"}, Types: []record.Type{"AGREE"}, From: "2025-03-01", To: "2025-03-31"})
	if err != nil || len(cs) != 1 || cs[0].Mentions != 6 || cs[0].First != "2025-03-01" || cs[0].Last != "2025-03-06" {
		t.Errorf("Clusters = %+v, %v; want one of 6 mentions, 1 to 6 March", cs, err)
	}
}

// TestBucketIndex checks near-duplicate look-ups across the bucket index,
// the documents waiting for it, and a reopen.
func TestBucketIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mitra.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	put := func(id string, buckets ...uint64) string {
		t.Helper()
		b := &store.Batch{Doc: store.Document{Hash: "h-" + id, ID: id}, Buckets: buckets}
		if _, err := store.Put(ctx, db, b); err != nil {
			t.Fatal(err)
		}
		return b.Doc.Hash
	}
	check := func(want ...string) {
		t.Helper()
		near, err := db.NearDuplicates(ctx, []uint64{1, 2, 3, 1 << 63, 1<<64 - 1})
		var got []string
		for _, n := range near {
			got = append(got, n.Hash)
		}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("NearDuplicates = %v, %v; want %v", got, err, want)
		}
	}
	a := put("a", 1, 2, 1<<63)
	b := put("b", 1<<64-1, 1<<63, 2, 3)
	flush := func() {
		db.wmu.Lock()
		defer db.wmu.Unlock()
		if err := db.flushBucketsLocked(ctx); err != nil {
			t.Fatal(err)
		}
	}
	flush() // a and b indexed
	c := put("c", 3)
	d := put("d", 1, 2, 3, 1<<63)
	check(b, d, a, c)
	db.Close()

	db, err = Open(ctx, path) // c and d wait, and are read again
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check(b, d, a, c)
	flush()
	check(b, d, a, c)
	e := put("e", 1<<64-1)
	check(b, d, a, c, e)
	var n int
	db.r.QueryRow("SELECT COUNT(*) FROM buckets").Scan(&n)
	if n != 3+4+1+4 {
		t.Errorf("%d buckets indexed, want 12", n)
	}
}

// checkConsistent checks the summaries Write keeps against the rows they
// summarise.
func checkConsistent(t testing.TB, db *DB) {
	t.Helper()
	checkRollups(t, db)
	for _, q := range []struct{ what, sql string }{
		{"clusters whose mentions differ from their events", `SELECT COUNT(*) FROM clusters c
			WHERE mentions <> (SELECT COUNT(*) FROM events e WHERE e.cluster_id = c.id)`},
		{"clusters whose sources differ from their documents", `SELECT COUNT(*) FROM clusters c
			WHERE sources <> (SELECT COUNT(DISTINCT COALESCE(d.canonical, d.hash)) FROM events e
				JOIN documents d ON d.seq = e.doc_seq WHERE e.cluster_id = c.id)`},
		{"clusters whose outlets differ from their documents", `SELECT COUNT(*) FROM clusters c
			WHERE outlets <> (SELECT COUNT(DISTINCT d.outlet) FROM events e
				JOIN documents d ON d.seq = e.doc_seq WHERE e.cluster_id = c.id AND d.outlet <> '')`},
		{"clusters whose bounds differ from their events", `SELECT COUNT(*) FROM clusters c
			WHERE first IS NOT (SELECT MIN(day) FROM events e WHERE e.cluster_id = c.id)
			OR last IS NOT (SELECT MAX(day) FROM events e WHERE e.cluster_id = c.id)`},
		{"events whose parties differ from their cluster's", `SELECT COUNT(*) FROM events e JOIN clusters c ON c.id = e.cluster_id
			WHERE c.party_key <> (SELECT group_concat(code, ',') FROM (SELECT DISTINCT code FROM event_parties p
				WHERE p.event_seq = e.seq ORDER BY code)) OR c.type <> e.type`},
		{"documents missing from the buckets index", `SELECT (SELECT COALESCE(SUM(length(buckets)), 0) / 8 FROM documents
			WHERE seq <= (SELECT value FROM meta WHERE key = 'bucket_seq')) - (SELECT COUNT(*) FROM buckets)`},
		{"events not in the full-text index", `SELECT COUNT(*) FROM events WHERE seq > (SELECT value FROM meta WHERE key = 'fts_seq')`},
	} {
		var n int
		if err := db.r.QueryRowContext(ctx, q.sql).Scan(&n); err != nil {
			t.Errorf("%s: %v", q.what, err)
		} else if n != 0 {
			t.Errorf("%d %s", n, q.what)
		}
	}
}

func TestMigrateEmptyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(empty file): %v", err)
	}
	defer db.Close()
	if v, err := schemaVersion(ctx, db.r); err != nil || v != len(migrations) {
		t.Errorf("schema version = %d, %v; want %d", v, err, len(migrations))
	}
	var mode string
	if err := db.r.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var size int
	if err := db.r.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil || size != pageSize {
		t.Errorf("page_size = %d, %v; want %d", size, err, pageSize)
	}
	for _, table := range []string{"documents", "events", "event_parties", "clusters", "cluster_sources", "cluster_outlets", "buckets", "errors", "events_fts", "meta"} {
		var n int
		if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_schema WHERE name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: %d, %v", table, n, err)
		}
	}
}

func TestOpenCreatesFolders(t *testing.T) {
	// Characters that mean something in a URI survive.
	path := filepath.Join(t.TempDir(), "a b?c#d%20e", "sub", "mitra.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not at %s: %v", path, err)
	}
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mitra.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	put := testBatch(rand.New(rand.NewPCG(1, 2)), 0)
	if _, err := store.Put(ctx, db, put); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// A later mitra adds a migration: applied once, data kept.
	next := append(append([]migration{}, migrations...), migration{
		Version: len(migrations) + 1, Name: "9999_test.sql",
		SQL: "CREATE TABLE test_added (x INTEGER); INSERT INTO test_added VALUES (42);",
	})
	raw, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := migrate(ctx, raw, next); err != nil {
			t.Fatalf("migrate: %v", err)
		}
	}
	var x int
	if err := raw.QueryRowContext(ctx, "SELECT SUM(x) FROM test_added").Scan(&x); err != nil || x != 42 {
		t.Errorf("migration applied: %d, %v; want 42 once", x, err)
	}
	raw.Close()

	// This mitra refuses the newer database, and leaves it alone.
	_, err = Open(ctx, path)
	want := fmt.Sprintf("database schema version %d is newer than this mitra (%d)", len(next), len(migrations))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Open(newer) = %v, want an error containing %q", err, want)
	}

	// A migration that fails leaves the schema as it was.
	path2 := filepath.Join(t.TempDir(), "mitra.db")
	db, err = Open(ctx, path2)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err = sql.Open("sqlite", dsn(path2, true))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	bad := append(append([]migration{}, migrations...), migration{
		Version: len(migrations) + 1, Name: "9999_bad.sql",
		SQL: "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;",
	})
	if err := migrate(ctx, raw, bad); err == nil {
		t.Fatal("migrate(bad) succeeded")
	}
	if v, err := schemaVersion(ctx, raw); err != nil || v != len(migrations) {
		t.Errorf("version after a failed migration = %d, %v; want %d", v, err, len(migrations))
	}
	var n int
	raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'half_done'").Scan(&n)
	if n != 0 {
		t.Error("a failed migration left a table behind")
	}
}

func TestLoadMigrations(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
		ok    bool
	}{
		{"in order", []string{"0001_a.sql", "0002_b.sql"}, true},
		{"gap", []string{"0001_a.sql", "0003_c.sql"}, false},
		{"no number", []string{"init.sql"}, false},
		{"twice", []string{"0001_a.sql", "0001_b.sql"}, false},
	} {
		fsys := fstest.MapFS{}
		for _, f := range tc.files {
			fsys["migrations/"+f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
		}
		_, err := loadMigrations(fsys)
		if (err == nil) != tc.ok {
			t.Errorf("%s: loadMigrations = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
	if len(migrations) == 0 || migrations[0].Version != 1 {
		t.Errorf("embedded migrations = %+v", migrations)
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mitra.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 50 {
		if _, err := store.Put(ctx, db, testBatch(r, i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RecordError(ctx, "x.html", "empty"); err != nil {
		t.Fatal(err)
	}
	st1, _ := db.Stats(ctx)
	ev1, _ := db.Events(ctx, store.Filter{})
	cl1, _ := db.Clusters(ctx, store.Filter{})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st2, _ := db.Stats(ctx)
	ev2, _ := db.Events(ctx, store.Filter{})
	cl2, _ := db.Clusters(ctx, store.Filter{})
	if !reflect.DeepEqual(st1, st2) || st2.Documents != 50 || st2.Errors != 1 {
		t.Errorf("Stats after reopen = %+v, before %+v", st2, st1)
	}
	if !reflect.DeepEqual(ev1, ev2) || len(ev2) != 150 {
		t.Errorf("events after reopen differ (%d, before %d)", len(ev2), len(ev1))
	}
	if !reflect.DeepEqual(cl1, cl2) {
		t.Errorf("clusters after reopen differ")
	}
	// Putting again after a reopen adds nothing.
	r = rand.New(rand.NewPCG(3, 4))
	if added, err := store.Put(ctx, db, testBatch(r, 0)); err != nil || added {
		t.Errorf("re-Put after reopen = %v, %v", added, err)
	}
}

func TestIntegrityCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mitra.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 20 {
		if _, err := store.Put(ctx, db, testBatch(r, i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatalf("IntegrityCheck of a good database: %v", err)
	}
	db.Close()
	if err := db.IntegrityCheck(ctx); !errors.Is(err, store.ErrClosed) {
		t.Errorf("IntegrityCheck after Close = %v, want ErrClosed", err)
	}

	// A row written behind the store's back, without its parent.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO event_parties (event_seq, side, pos, code, text, role) VALUES (999999, 'actor', 0, 'RUS', 'Rusia', '')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.IntegrityCheck(ctx)
	db.Close()
	if err == nil || !strings.Contains(err.Error(), "event_parties") {
		t.Errorf("IntegrityCheck with an orphan row = %v, want a complaint about event_parties", err)
	}
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	p, err := DefaultPath()
	if want := filepath.Join(dir, "mitra", "mitra.db"); err != nil || p != want {
		t.Errorf("DefaultPath = %q, %v; want %q", p, err, want)
	}
	if fi, err := os.Stat(filepath.Dir(p)); err != nil || !fi.IsDir() {
		t.Errorf("folder not created: %v", err)
	}
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", home)
	p, err = DefaultPath()
	if want := filepath.Join(home, ".local", "share", "mitra", "mitra.db"); err != nil || p != want {
		t.Errorf("DefaultPath = %q, %v; want %q", p, err, want)
	}
}

func TestFilterBounds(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	d := store.Document{Hash: "h1", ID: "d", Lang: "id"}
	day := func(s string) *string { return &s }
	b := &store.Batch{Doc: d}
	for i, date := range []string{"2024-01-01", "2024-02-29", "2024-12-31", "2025-01-01"} {
		b.Events = append(b.Events, store.Event{Event: record.Event{ID: fmt.Sprint(i), Type: "AGREE", Date: day(date)}})
	}
	if _, err := store.Put(ctx, db, b); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2024", "2024", 3},
		{"2024-02", "2024-02", 1},
		{"2024-02", "", 3},
		{"", "2024-11", 2},
	} {
		evs, err := db.Events(ctx, store.Filter{From: tc.from, To: tc.to})
		if err != nil || len(evs) != tc.want {
			t.Errorf("From %q To %q: %d events, %v; want %d", tc.from, tc.to, len(evs), err, tc.want)
		}
	}
	if _, err := db.Events(ctx, store.Filter{Text: "?!"}); err == nil {
		t.Error("Events(Text without words) succeeded")
	}
	// FTS syntax in the text is taken literally.
	if _, err := db.Events(ctx, store.Filter{Text: `"AND OR NOT* (x`}); err != nil {
		t.Errorf("Events(Text with operators): %v", err)
	}
}

func TestPutSetsClusters(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	b := testBatch(rand.New(rand.NewPCG(7, 8)), 0)
	if _, err := store.Put(ctx, db, b); err != nil {
		t.Fatal(err)
	}
	for _, e := range b.Events {
		if e.ClusterID == 0 || e.DocHash != b.Doc.Hash {
			t.Errorf("event %s after Put: ClusterID %d, DocHash %q", e.ID, e.ClusterID, e.DocHash)
		}
	}
}

// TestCrash kills a child process that is putting documents, twice, and
// checks that what it left is whole.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	path := filepath.Join(t.TempDir(), "mitra.db")
	total := 0
	for round := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashEnv+"="+path, "MITRA_CRASH_ROUND="+strconv.Itoa(round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the child has stored something, then let it run on.
		line, err := bufio.NewReader(out).ReadString('\n')
		if err != nil || strings.TrimSpace(line) != "putting" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child said %q, %v", line, err)
		}
		time.Sleep(300 * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil { // SIGKILL
			t.Fatal(err)
		}
		cmd.Wait()

		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen after SIGKILL: %v", err)
		}
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Fatalf("after SIGKILL: %v", err)
		}
		checkConsistent(t, db)
		st, err := db.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := db.Events(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		perDoc := map[string]int{}
		for _, e := range evs {
			perDoc[e.DocHash]++
		}
		if len(perDoc) != st.Documents {
			t.Errorf("%d documents stored, %d of them with events; want all", st.Documents, len(perDoc))
		}
		for h, n := range perDoc {
			if n != 3 {
				t.Errorf("document %s has %d events, the child wrote 3", h, n)
			}
		}
		var parties, buckets int
		db.r.QueryRow("SELECT COUNT(*) FROM event_parties").Scan(&parties)
		db.r.QueryRow("SELECT SUM(length(buckets)) / 8 FROM documents").Scan(&buckets)
		if parties != 2*st.Events || buckets != 24*st.Documents {
			t.Errorf("%d parties and %d buckets for %d events of %d documents; want 2 and 24 each", parties, buckets, st.Events, st.Documents)
		}
		if st.Documents <= total {
			t.Errorf("round %d stored nothing (%d documents)", round, st.Documents)
		}
		t.Logf("round %d: %d documents, %d events, %d clusters after SIGKILL", round, st.Documents, st.Events, st.Clusters)
		total = st.Documents
		db.Close()
	}
}

// crashChild puts documents of 3 events each into the database at path,
// from two goroutines, until killed.
func crashChild(path string) {
	db, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	// Round 0 writes one document per call, round 1 batches of 64.
	round, _ := strconv.Atoi(os.Getenv("MITRA_CRASH_ROUND"))
	per := 1 + 63*round
	var once sync.Once
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(round), uint64(w)))
			for i := 0; ; i += per {
				var bs []*store.Batch
				for k := range per {
					bs = append(bs, testBatch(r, (round*2+w)*10_000_000+i+k))
				}
				if _, err := db.Write(ctx, bs); err != nil {
					fmt.Fprintln(os.Stderr, "child:", err)
					os.Exit(2)
				}
				once.Do(func() { fmt.Println("putting") })
			}
		})
	}
	wg.Wait()
}

// Generated data: documents about acts between a few dozen states over two
// years, with three events each, four buckets and a page of text.

var (
	codes = strings.Fields("RUS MLI CUB VEN CHN NER USA FRA IDN MYS SGP AUS JPN KOR IND PAK IRN TUR SAU EGY " +
		"NGA ZAF BRA ARG MEX CAN GBR DEU ITA ESP POL UKR BLR KAZ VNM THA PHL BFA TCD SDN")
	types = strings.Fields("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT " +
		"THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT")
	contexts = strings.Fields("military economic technology natural_resource diplomatic health human_security")
	outlets  = strings.Fields("kompas.com detik.com tempo.co antaranews.com cnnindonesia.com tribunnews.com " +
		"republika.co.id liputan6.com okezone.com sindonews.com")
	words = strings.Fields("pemerintah menteri luar negeri presiden kerja sama perjanjian kunjungan bantuan " +
		"militer ekonomi energi nuklir pertemuan bilateral delegasi kedua negara sepakat menandatangani " +
		"memperkuat hubungan diplomatik kedutaan besar pasukan latihan bersama sanksi protes")
	page = strings.Repeat("Paragraf berita yang panjang tentang hubungan internasional dan diplomasi. ", 40)
)

// testBatch returns the n-th generated document, drawing its acts from r.
func testBatch(r *rand.Rand, n int) *store.Batch {
	raw := fmt.Appendf(nil, "<html><body><h1>Berita %d</h1><p>%s</p></body></html>", n, page)
	sum := sha256.Sum256(raw)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	pub := start.AddDate(0, 0, r.IntN(730)).Format(time.DateOnly)
	d := store.Document{
		Hash: hex.EncodeToString(sum[:]), ID: fmt.Sprintf("doc-%d", n), Source: fmt.Sprintf("gen/%d.html", n),
		Outlet: outlets[r.IntN(len(outlets))], Lang: "id", PubDate: pub, Title: fmt.Sprintf("Berita %d", n),
		Raw: raw, Text: page, IngestedAt: time.Now(),
	}
	d.URL = "https://" + d.Outlet + "/" + d.ID
	b := &store.Batch{Doc: d}
	for i := range 3 {
		// Pairs and types are skewed (a few dyads dominate), as in news.
		a := codes[min(r.IntN(len(codes)), r.IntN(len(codes)))]
		c := codes[r.IntN(len(codes))]
		for c == a {
			c = codes[r.IntN(len(codes))]
		}
		typ := types[min(r.IntN(len(types)), r.IntN(len(types)))]
		date := start.AddDate(0, 0, r.IntN(730)).Format(time.DateOnly)
		var sentence []string
		for range 25 {
			sentence = append(sentence, words[r.IntN(len(words))])
		}
		e := record.Event{
			ID: fmt.Sprintf("%.16s%02d", d.Hash, i), Doc: d.ID, Lang: "id", Type: record.Type(typ),
			Contexts:   []string{contexts[r.IntN(len(contexts))]},
			Actors:     []record.Party{{Code: a, Text: a, Role: "GOV"}},
			Recipients: []record.Party{{Code: c, Text: c, Role: "GOV"}},
			Date:       &date, DatePrecision: "day", PubDate: &pub, Factuality: record.Asserted,
			Sentence: strings.Join(sentence, " "), Span: [2]int{100 * i, 100*i + 200}, Trigger: "sepakat",
			Quad: record.QuadOf(typ), Confidence: 0.7, Codebook: record.Codebook,
		}
		b.Events = append(b.Events, store.Event{Event: e, DocHash: d.Hash})
	}
	for band := range 24 { // as dedup.Sig.Buckets
		b.Buckets = append(b.Buckets, uint64(band)<<56|r.Uint64()&(1<<56-1))
	}
	return b
}

func BenchmarkPut(b *testing.B) {
	db := openTemp(b)
	defer db.Close()
	r := rand.New(rand.NewPCG(1, 1))
	batches := make([]*store.Batch, b.N)
	for i := range batches {
		batches[i] = testBatch(r, i)
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := range b.N {
		if _, err := store.Put(ctx, db, batches[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	// CPU time says more than wall time on a shared machine.
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "docs/cpu-s")
}

// BenchmarkWrite stores documents 500 to a Write, as ingest does.
func BenchmarkWrite(b *testing.B) {
	db := openTemp(b)
	defer db.Close()
	r := rand.New(rand.NewPCG(1, 1))
	batches := make([]*store.Batch, b.N)
	for i := range batches {
		batches[i] = testBatch(r, i)
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i += 500 {
		if _, err := db.Write(ctx, batches[i:min(b.N, i+500)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "docs/cpu-s")
}

// cpuTime returns the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchDB returns a database of n generated documents, built once per
// process the way an ingest does (a near-duplicate look-up, then a Put),
// logging the pace every 10,000 documents.
var benchDBs sync.Map // size → *benchEntry

type benchEntry struct {
	once sync.Once
	db   *DB
	err  error
}

func benchDB(b *testing.B, n int) *DB {
	v, _ := benchDBs.LoadOrStore(n, &benchEntry{})
	en := v.(*benchEntry)
	en.once.Do(func() {
		dir, err := os.MkdirTemp("", "mitra-bench")
		if err != nil {
			en.err = err
			return
		}
		path := filepath.Join(dir, "mitra.db")
		en.db, en.err = Open(ctx, path)
		if en.err != nil {
			return
		}
		r := rand.New(rand.NewPCG(9, 9))
		t0, c0 := time.Now(), cpuTime()
		var bs []*store.Batch
		for i := range n {
			batch := testBatch(r, i)
			if _, err := en.db.NearDuplicates(ctx, batch.Buckets); err != nil {
				en.err = err
				return
			}
			if bs = append(bs, batch); len(bs) == 500 || i+1 == n {
				if _, err := en.db.Write(ctx, bs); err != nil {
					en.err = err
					return
				}
				bs = bs[:0]
			}
			if (i+1)%10000 == 0 || i+1 == n {
				k := i%10000 + 1
				el, cpu := time.Since(t0), cpuTime()-c0
				b.Logf("docs %d-%d: %.0f docs/s, %.0f docs/cpu-s", i+2-k, i+1, float64(k)/el.Seconds(), float64(k)/cpu.Seconds())
				t0, c0 = time.Now(), cpuTime()
			}
		}
		var size int64
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(path + suffix); err == nil {
				size += fi.Size()
			}
		}
		b.Logf("%d documents: %d MB, %d bytes per document", n, size>>20, size/int64(n))
	})
	if en.err != nil {
		b.Fatal(en.err)
	}
	return en.db
}

// benchSizes are the database sizes the query benchmarks run on;
// MITRA_BENCH_DOCS overrides them ("10000,100000").
func benchSizes() []int {
	s := os.Getenv("MITRA_BENCH_DOCS")
	if s == "" {
		s = "10000,100000"
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func BenchmarkEventsPair(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			db := benchDB(b, n)
			// A dyad among the most reported and one among the least.
			for _, pair := range [][2]string{{"RUS", "MLI"}, {"BFA", "SDN"}} {
				b.Run(pair[0]+"-"+pair[1], func(b *testing.B) {
					var got int
					for b.Loop() {
						evs, err := db.Events(ctx, store.Filter{Pair: pair})
						if err != nil {
							b.Fatal(err)
						}
						got = len(evs)
					}
					b.ReportMetric(float64(got), "events")
				})
			}
		})
	}
}

func BenchmarkQueries(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			db := benchDB(b, n)
			for _, q := range []struct {
				name string
				run  func() (int, error)
			}{
				{"ClustersPair", func() (int, error) {
					cs, err := db.Clusters(ctx, store.Filter{Pair: [2]string{"RUS", "MLI"}})
					return len(cs), err
				}},
				{"ClustersPairRange", func() (int, error) {
					cs, err := db.Clusters(ctx, store.Filter{Pair: [2]string{"RUS", "MLI"}, From: "2024-06-01", To: "2024-12-31"})
					return len(cs), err
				}},
				{"EventsPartyType", func() (int, error) {
					evs, err := db.Events(ctx, store.Filter{Party: "RUS", Types: []record.Type{"AGREE"}})
					return len(evs), err
				}},
				{"EventsRangeLimit", func() (int, error) {
					evs, err := db.Events(ctx, store.Filter{From: "2025-03-01", To: "2025-03-31", Limit: 100})
					return len(evs), err
				}},
				{"EventsLimit", func() (int, error) {
					evs, err := db.Events(ctx, store.Filter{Limit: 100, Offset: 1000})
					return len(evs), err
				}},
				{"EventsText", func() (int, error) {
					evs, err := db.Events(ctx, store.Filter{Text: "nuklir delegasi sanksi", Limit: 100})
					return len(evs), err
				}},
				{"NearDuplicates", func() (int, error) {
					hs, err := db.NearDuplicates(ctx, []uint64{1, 2, 3, 4})
					return len(hs), err
				}},
				{"Stats", func() (int, error) {
					st, err := db.Stats(ctx)
					return st.Documents, err
				}},
			} {
				b.Run(q.name, func(b *testing.B) {
					var got int
					for b.Loop() {
						var err error
						if got, err = q.run(); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(got), "rows")
				})
			}
		})
	}
}

// TestEditClusters retypes and deletes clusters through the corrections
// hook and checks that the rollups follow.
func TestEditClusters(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	r := rand.New(rand.NewPCG(21, 22))
	var bs []*store.Batch
	for i := range 200 {
		bs = append(bs, testBatch(r, i))
	}
	if _, err := db.Write(ctx, bs); err != nil {
		t.Fatal(err)
	}
	check := func() {
		t.Helper()
		all, err := db.Clusters(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []store.Filter{{}, {From: "2024-03", To: "2024-08"}, {From: "2025"}, {To: "2024-05"}} {
			got, err1 := db.Links(ctx, f)
			cs, err2 := db.Clusters(ctx, f)
			if err := errors.Join(err1, err2); err != nil {
				t.Fatal(err)
			}
			if want := store.LinksOf(cs); !reflect.DeepEqual(got, want) {
				t.Errorf("Links(%+v) differs from the clusters' after the edit", f)
			}
		}
		for _, p := range [][2]string{{"RUS", "MLI"}, {"CUB", "RUS"}, {"CHN", "USA"}} {
			got, err := db.PairTallies(ctx, p[0], p[1])
			if err != nil {
				t.Fatal(err)
			}
			if want := store.TalliesOf(p[0], p[1], all); !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
				t.Errorf("PairTallies(%s, %s) = %v, want %v", p[0], p[1], got, want)
			}
		}
		st, _ := db.Stats(ctx)
		if st.Clusters != len(all) {
			t.Errorf("Stats.Clusters = %d, want %d", st.Clusters, len(all))
		}
	}
	check()
	// Retype the first ten clusters, and move one a month on.
	ids := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if err := db.EditClusters(ctx, ids, func(tx *sql.Tx) error {
		for _, q := range []string{
			`UPDATE clusters SET type = 'PROTEST' WHERE id <= 10`,
			`UPDATE events SET type = 'PROTEST' WHERE cluster_id <= 10`,
			`UPDATE clusters SET first = date(first, '+1 month'), last = date(last, '+1 month'), date = NULL WHERE id = 3`,
			`UPDATE events SET day = date(day, '+1 month') WHERE cluster_id = 3`,
		} {
			if _, err := tx.Exec(q); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	check()
	// A write after the edit sees the edited clusters, not its cache.
	if _, err := db.Write(ctx, []*store.Batch{testBatch(r, 500)}); err != nil {
		t.Fatal(err)
	}
	check()
}

// checkRollups compares the rollup tables and counters with what the
// clusters and documents say.
func checkRollups(t testing.TB, db *DB) {
	t.Helper()
	all, err := db.Clusters(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	cur := map[int64]*store.Cluster{}
	for i := range all {
		cur[all[i].ID] = &all[i]
	}
	want := map[tallyKey]int{}
	for _, c := range cur {
		tallies(want, c, 1)
	}
	got := map[tallyKey]int{}
	rows, err := db.r.Query(`SELECT a, b, day, type, mode, clusters FROM pair_tallies`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k tallyKey
		var n int
		rows.Scan(&k.a, &k.b, &k.day, &k.typ, &k.mode, &n)
		got[k] = n
	}
	rows.Close()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pair_tallies has %d rows, the clusters make %d (or the counts differ)", len(got), len(want))
	}
	for _, q := range []struct{ what, sql string }{
		{"link_months rows that differ from the clusters", `SELECT COUNT(*) FROM (
			SELECT COALESCE(substr(first, 1, 7), '') AS month, type, mode, party_key, COUNT(*), MIN(first), MAX(last) FROM clusters GROUP BY 1, 2, 3, 4
			EXCEPT SELECT month, type, mode, party_key, clusters, first, last FROM link_months)`},
		{"link_months rows of no cluster", `SELECT (SELECT COUNT(*) FROM link_months) -
			(SELECT COUNT(*) FROM (SELECT DISTINCT COALESCE(substr(first, 1, 7), ''), type, mode, party_key FROM clusters))`},
		{"link_years rows that differ from the clusters", `SELECT COUNT(*) FROM (
			SELECT COALESCE(substr(first, 1, 4), '') AS year, type, mode, party_key, COUNT(*), MIN(first), MAX(last) FROM clusters GROUP BY 1, 2, 3, 4
			EXCEPT SELECT year, type, mode, party_key, clusters, first, last FROM link_years)`},
		{"link_years rows of no cluster", `SELECT (SELECT COUNT(*) FROM link_years) -
			(SELECT COUNT(*) FROM (SELECT DISTINCT COALESCE(substr(first, 1, 4), ''), type, mode, party_key FROM clusters))`},
		{"cluster spans that differ from the clusters", `SELECT (SELECT COUNT(*) FROM cluster_spans) + (SELECT COUNT(*) FROM cluster_year_spans) -
			(SELECT COALESCE(SUM((CAST(substr(last, 1, 4) AS INTEGER) - CAST(substr(first, 1, 4) AS INTEGER)) * 13
				+ CAST(substr(last, 6, 2) AS INTEGER) - CAST(substr(first, 6, 2) AS INTEGER)), 0) FROM clusters WHERE first IS NOT NULL)`},
		{"counters that differ from the tables", `SELECT (SELECT value FROM counters WHERE name = 'documents') <> (SELECT COUNT(*) FROM documents)
			OR (SELECT value FROM counters WHERE name = 'events') <> (SELECT COUNT(*) FROM events)
			OR (SELECT value FROM counters WHERE name = 'clusters') <> (SELECT COUNT(*) FROM clusters)
			OR (SELECT value FROM counters WHERE name = 'duplicates') <> (SELECT COUNT(*) FROM documents WHERE canonical IS NOT NULL)
			OR (SELECT value FROM counters WHERE name = 'errors') <> (SELECT COUNT(*) FROM errors)`},
	} {
		var n int
		if err := db.r.QueryRowContext(ctx, q.sql).Scan(&n); err != nil {
			t.Errorf("%s: %v", q.what, err)
		} else if n != 0 {
			t.Errorf("%d %s", n, q.what)
		}
	}
}
