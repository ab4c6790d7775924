package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"mitra/internal/ingest"
	"mitra/internal/pipeline"
	"mitra/internal/score"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/postgres"
)

// benchPostgres ingests the bench's pages into PostgreSQL (a schema of its
// own on the server dsn names), reports what benchIngest reports for
// SQLite, checks that the record equals SQLite's (want), and with
// concurrent > 1 runs that many `mitra ingest` processes at once over the
// same pages into another schema.
func benchPostgres(env *Env, p *pipeline.Pipeline, paths []string, workers int, dsn string, concurrent int, want store.Stats) int {
	ctx := env.Ctx
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "mitra bench: postgres: %v\n", err)
		return ExitInput
	}
	schema := fmt.Sprintf("mitra_bench_%d", os.Getpid())
	db, drop, err := benchSchema(ctx, dsn, schema)
	if err != nil {
		return fail(err)
	}
	defer drop()
	defer db.Close()
	ingestGC()
	resetPeakRSS()
	prog := &pipeline.Progress{}
	start := time.Now()
	cpu0 := cpuTime()
	err = p.Ingest(ctx, db, func(ctx context.Context, fn func(source.Item)) {
		ingest.Read(ctx, paths, nil, ingest.Options{Source: source.Options{Defer: true}}, fn)
	}, pipeline.IngestOptions{Workers: workers}, prog)
	secs := time.Since(start).Seconds()
	cpu := cpuTime() - cpu0
	peak := peakRSSSinceResetMB()
	if err != nil {
		return fail(err)
	}
	s := prog.Snapshot()
	fmt.Fprintf(env.Stdout, "postgres: ingest: %d pages in %.1fs = %.0f pages/s (%.0f per core, %d workers, %d CPUs); %d stored, %d near-duplicates, %d exact re-posts skipped, %d events; mitra's CPU %.2f ms per page\n",
		s.Read, secs, float64(s.Read)/secs, float64(s.Read)/secs/float64(runtime.NumCPU()), max(workers, runtime.GOMAXPROCS(0)), runtime.NumCPU(),
		s.Stored, s.Duplicates, s.Skipped, s.Events, float64(cpu.Microseconds())/1e3/float64(max(1, s.Read)))
	st, err := db.Stats(ctx)
	if err != nil {
		return fail(err)
	}
	pairs := [][2]string{{"RUS", "MLI"}, {"IDN", "MYS"}, {"USA", "CHN"}, {"FRA", "NER"}, {"JPN", "KOR"}}
	var tallies, evq []time.Duration
	for round := 0; round < 10; round++ {
		for _, pr := range pairs {
			t0 := time.Now()
			ts, err := db.PairTallies(ctx, pr[0], pr[1])
			if err != nil {
				return fail(err)
			}
			score.SeriesOf(ts, "month")
			tallies = append(tallies, time.Since(t0))
			t0 = time.Now()
			if _, err := db.Events(ctx, store.Filter{Pair: pr}); err != nil {
				return fail(err)
			}
			evq = append(evq, time.Since(t0))
		}
	}
	fmt.Fprintf(env.Stdout, "postgres: queries over %d runs on 5 pairs: series from the rollup median %s p95 %s; events --pair median %s p95 %s\n",
		len(tallies), pct(tallies, 50), pct(tallies, 95), pct(evq, 50), pct(evq, 95))
	size, err := db.Size(ctx)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(env.Stdout, "postgres: schema %s: %.1f MB (tables, indexes and TOAST), %.1f KB per stored page; %d events in %d clusters; peak RSS of this phase %.0f MB (the server's own memory not counted)\n",
		schema, float64(size)/1e6, float64(size)/1e3/float64(max(st.Documents, 1)), st.Events, st.Clusters, peak)
	same := want.Documents == st.Documents && want.Duplicates == st.Duplicates && want.Events == st.Events && want.Clusters == st.Clusters
	fmt.Fprintf(env.Stdout, "sqlite and postgres records: %s (documents %d/%d, near-duplicates %d/%d, events %d/%d, clusters %d/%d)\n",
		map[bool]string{true: "equal", false: "DIFFERENT"}[same], want.Documents, st.Documents, want.Duplicates, st.Duplicates,
		want.Events, st.Events, want.Clusters, st.Clusters)
	if !same {
		return ExitInput
	}
	if concurrent > 1 {
		return benchConcurrent(env, dsn, schema+"_c", paths, concurrent, st)
	}
	return ExitOK
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
func benchConcurrent(env *Env, dsn, schema string, paths []string, n int, want store.Stats) int {
	ctx := env.Ctx
	db, drop, err := benchSchema(ctx, dsn, schema)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	defer drop()
	defer db.Close()
	exe, err := os.Executable()
	if err != nil {
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
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("ingest process %d: %v: %s", i, err, out)
			}
		})
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	st, err := db.Stats(ctx)
	if err == nil {
		err = db.IntegrityCheck(ctx)
	}
	var twice int
	if err == nil {
		err = db.Pool().QueryRow(ctx, "SELECT count(*) - count(DISTINCT hash) FROM documents").Scan(&twice)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	same := st.Documents == want.Documents && st.Duplicates == want.Duplicates && st.Events == want.Events && st.Clusters == want.Clusters
	fmt.Fprintf(env.Stdout, "postgres, %d ingest processes at once over the same pages: %.1fs = %.0f pages/s stored; %d documents (%d stored twice), %d events in %d clusters: %s one ingest's record\n",
		n, secs, float64(st.Documents)/secs, st.Documents, twice, st.Events, st.Clusters, map[bool]string{true: "equal to", false: "DIFFERENT from"}[same])
	if !same || twice != 0 {
		return ExitInput
	}
	return ExitOK
}
