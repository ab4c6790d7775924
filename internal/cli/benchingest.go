package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"mitra/internal/corpus"
	"mitra/internal/ingest"
	"mitra/internal/pipeline"
	"mitra/internal/score"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/postgres"
	"mitra/internal/store/sqlite"
)

// benchIngest generates a corpus of pages, ingests it into a fresh
// database and times the pair queries on the result.
func benchIngest(env *Env, pages, workers int, keep, pgDSN string, concurrent int) int {
	dir, err := os.MkdirTemp("", "mitra-bench-ingest-")
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	defer os.RemoveAll(dir)
	// Shards of 10,000 records, as a crawl would deliver them.
	start := time.Now()
	opt := corpus.Defaults
	var paths []string
	near, exact := 0, 0
	for shard := 0; shard*10000 < pages; shard++ {
		n := min(10000, pages-shard*10000)
		p := filepath.Join(dir, fmt.Sprintf("shard-%03d.jsonl", shard))
		f, err := os.Create(p)
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
			return ExitInput
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		o := opt
		o.Pages, o.Seed = n, uint64(shard+1)
		nn, ne, err := corpus.Write(bw, o)
		if err == nil {
			err = bw.Flush()
		}
		f.Close()
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
			return ExitInput
		}
		near, exact = near+nn, exact+ne
		paths = append(paths, p)
	}
	var inBytes int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			inBytes += fi.Size()
		}
	}
	fmt.Fprintf(env.Stdout, "corpus: %d generated pages (%d syndicated copies, %d exact re-posts), %.1f MB of JSONL, made in %.1fs\n",
		pages, near, exact, float64(inBytes)/1e6, time.Since(start).Seconds())

	dbPath := keep
	if dbPath == "" {
		dbPath = filepath.Join(dir, "bench.db")
	}
	ctx := env.Ctx
	p, err := newPipeline()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitUsage
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return fail(err)
	}
	lite, err := benchStore(env, p, "sqlite", db, paths, workers)
	if err != nil {
		db.Close()
		return fail(err)
	}
	if err := db.Close(); err != nil {
		return fail(err)
	}
	size := fileSize(dbPath) + fileSize(dbPath+"-wal")
	fmt.Fprintf(env.Stdout, "sqlite: database (closed): %.1f MB, %.1f KB per stored page (raw and clean text included); %d events in %d clusters; peak RSS of the ingest %.0f MB\n",
		float64(size)/1e6, float64(size)/1e3/float64(max(lite.Documents, 1)), lite.Events, lite.Clusters, lite.peakMB)
	if pgDSN == "" {
		return ExitOK
	}

	// The same pages into PostgreSQL, in a schema of the bench's own.
	schema := fmt.Sprintf("mitra_bench_%d", os.Getpid())
	pdb, drop, err := benchSchema(ctx, pgDSN, schema)
	if err != nil {
		return fail(err)
	}
	defer drop()
	pg, err := benchStore(env, p, "postgres", pdb, paths, workers)
	if err != nil {
		pdb.Close()
		return fail(err)
	}
	psize, err := pdb.Size(ctx)
	pdb.Close()
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(env.Stdout, "postgres: schema %s: %.1f MB (tables, indexes and TOAST), %.1f KB per stored page; %d events in %d clusters; peak RSS of the ingest %.0f MB (the server's own memory not counted)\n",
		schema, float64(psize)/1e6, float64(psize)/1e3/float64(max(pg.Documents, 1)), pg.Events, pg.Clusters, pg.peakMB)
	same := lite.Documents == pg.Documents && lite.Duplicates == pg.Duplicates && lite.Events == pg.Events && lite.Clusters == pg.Clusters
	fmt.Fprintf(env.Stdout, "sqlite and postgres records: %s (documents %d/%d, near-duplicates %d/%d, events %d/%d, clusters %d/%d)\n",
		map[bool]string{true: "equal", false: "DIFFERENT"}[same], lite.Documents, pg.Documents, lite.Duplicates, pg.Duplicates,
		lite.Events, pg.Events, lite.Clusters, pg.Clusters)
	if !same {
		return ExitInput
	}
	if concurrent > 1 {
		if code := benchConcurrent(env, pgDSN, schema+"_c", paths, concurrent, pg); code != ExitOK {
			return code
		}
	}
	return ExitOK
}

// benchResult is what one store made of the corpus.
type benchResult struct {
	store.Stats
	peakMB float64
}

// benchStore ingests paths into db, reports pages/s, and times pair
// queries on the result.
func benchStore(env *Env, p *pipeline.Pipeline, label string, db store.Store, paths []string, workers int) (benchResult, error) {
	ctx := env.Ctx
	resetPeakRSS()
	prog := &pipeline.Progress{}
	start := time.Now()
	err := p.Ingest(ctx, db, func(ctx context.Context, fn func(source.Item)) {
		ingest.Read(ctx, paths, nil, ingest.Options{}, fn)
	}, pipeline.IngestOptions{Workers: workers}, prog)
	secs := time.Since(start).Seconds()
	peak := peakRSSSinceResetMB()
	if err != nil {
		return benchResult{}, fmt.Errorf("%s: ingest: %w", label, err)
	}
	s := prog.Snapshot()
	fmt.Fprintf(env.Stdout, "%s: ingest: %d pages in %.1fs = %.0f pages/s (%.0f per core, %d workers, %d CPUs); %d stored, %d near-duplicates, %d exact re-posts skipped, %d events\n",
		label, s.Read, secs, float64(s.Read)/secs, float64(s.Read)/secs/float64(runtime.NumCPU()), max(workers, runtime.GOMAXPROCS(0)), runtime.NumCPU(),
		s.Stored, s.Duplicates, s.Skipped, s.Events)
	st, err := db.Stats(ctx)
	if err != nil {
		return benchResult{}, err
	}
	pairs := [][2]string{{"RUS", "MLI"}, {"IDN", "MYS"}, {"USA", "CHN"}, {"FRA", "NER"}, {"JPN", "KOR"}}
	var dyad, evq []time.Duration
	for round := 0; round < 10; round++ {
		for _, pr := range pairs {
			t0 := time.Now()
			cs, err := db.Clusters(ctx, store.Filter{Pair: pr})
			if err != nil {
				return benchResult{}, err
			}
			score.Series(cs, pr[0], pr[1], "month")
			dyad = append(dyad, time.Since(t0))
			t0 = time.Now()
			if _, err := db.Events(ctx, store.Filter{Pair: pr}); err != nil {
				return benchResult{}, err
			}
			evq = append(evq, time.Since(t0))
		}
	}
	fmt.Fprintf(env.Stdout, "%s: queries over %d runs on 5 pairs: dyad (clusters + monthly series) median %s p95 %s; events --pair median %s p95 %s\n",
		label, len(dyad), pct(dyad, 50), pct(dyad, 95), pct(evq, 50), pct(evq, 95))
	return benchResult{st, peak}, nil
}

// benchSchema makes an empty schema on the server dsn names and opens a
// store in it; drop removes the schema.
func benchSchema(ctx context.Context, dsn, schema string) (*postgres.DB, func(), error) {
	admin, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	pool := admin.Pool()
	drop := func() {
		pool.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
		admin.Close()
	}
	if _, err := pool.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE; CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return nil, nil, err
	}
	db, err := postgres.Open(ctx, postgres.WithSearchPath(dsn, schema))
	if err != nil {
		drop()
		return nil, nil, err
	}
	return db, drop, nil
}

// benchConcurrent runs n `mitra ingest` processes at once over paths into
// a new schema and checks that they stored every page once and left the
// record one ingest leaves (want).
func benchConcurrent(env *Env, dsn, schema string, paths []string, n int, want benchResult) int {
	ctx := env.Ctx
	db, drop, err := benchSchema(ctx, dsn, schema)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	defer drop()
	exe, err := os.Executable()
	if err != nil {
		db.Close()
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	target := postgres.WithSearchPath(dsn, schema)
	start := time.Now()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			cmd := exec.CommandContext(ctx, exe, append([]string{"ingest", "--quiet", "--db", target}, paths...)...)
			cmd.Env = append(os.Environ(), "MITRA_TEST_MAIN=1") // when exe is a test binary
			out, err := cmd.CombinedOutput()
			if err != nil {
				errs[i] = fmt.Errorf("ingest process %d: %v: %s", i, err, out)
			}
		})
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	defer db.Close()
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	st, err := db.Stats(ctx)
	if err == nil {
		err = db.IntegrityCheck(ctx)
	}
	var dupHashes int
	if err == nil {
		err = db.Pool().QueryRow(ctx, "SELECT count(*) - count(DISTINCT hash) FROM documents").Scan(&dupHashes)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	same := st.Documents == want.Documents && st.Duplicates == want.Duplicates && st.Events == want.Events && st.Clusters == want.Clusters
	fmt.Fprintf(env.Stdout, "postgres, %d ingest processes at once over the same pages: %.1fs = %.0f pages/s stored; %d documents (%d stored twice), %d events in %d clusters: %s one ingest's record\n",
		n, secs, float64(st.Documents)/secs, st.Documents, dupHashes, st.Events, st.Clusters, map[bool]string{true: "equal to", false: "DIFFERENT from"}[same])
	if !same || dupHashes != 0 {
		return ExitInput
	}
	return ExitOK
}

func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)].Round(10 * time.Microsecond)
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}
