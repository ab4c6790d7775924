package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"mitra/internal/corpus"
	"mitra/internal/ingest"
	"mitra/internal/pipeline"
	"mitra/internal/score"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/sqlite"
)

// benchIngest generates a corpus of pages, ingests it into a fresh
// database and times the pair queries on the result.
func benchIngest(env *Env, pages, workers int, keep, pgDSN string, concurrent int) int {
	resetPeakRSS()
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
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	p, err := newPipeline()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitUsage
	}
	ingestGC()
	prog := &pipeline.Progress{}
	start = time.Now()
	// Pace per window of pages read: wall time, CPU time and bytes the
	// process wrote to disk (/proc/self/io), so that a slowdown as the
	// record grows shows.
	window := max(10000, pages/10)
	if pages >= 1000000 {
		window = 100000
	}
	type mark struct {
		read, stored int64
		at           time.Time
		cpu          time.Duration
		written      int64
	}
	var marks []mark
	snap := func() mark {
		s := prog.Snapshot()
		return mark{s.Read, s.Stored, time.Now(), cpuTime(), writtenBytes()}
	}
	marks = append(marks, snap())
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if m := snap(); m.read >= marks[len(marks)-1].read+int64(window) {
					marks = append(marks, m)
					prev := marks[len(marks)-2]
					fmt.Fprintf(env.Stderr, "mitra bench: %d pages, %.0f pages/s, %.2f CPU-ms per page, %.1f KB written per stored page\n",
						m.read, float64(m.read-prev.read)/m.at.Sub(prev.at).Seconds(),
						float64((m.cpu-prev.cpu).Microseconds())/1e3/float64(m.read-prev.read),
						float64(m.written-prev.written)/1e3/float64(max(1, m.stored-prev.stored)))
				}
			}
		}
	}()
	err = p.Ingest(ctx, db, func(ctx context.Context, fn func(source.Item)) {
		ingest.Read(ctx, paths, nil, ingest.Options{Source: source.Options{Defer: true}}, fn)
	}, pipeline.IngestOptions{Workers: workers}, prog)
	secs := time.Since(start).Seconds()
	close(stop)
	<-sampled
	end := snap()
	if end.read > marks[len(marks)-1].read {
		marks = append(marks, end)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: ingest: %v\n", err)
		return ExitInput
	}
	s := prog.Snapshot()
	fmt.Fprintf(env.Stdout, "ingest: %d pages in %.1fs = %.0f pages/s (%.0f per core, %d workers, %d CPUs); %d stored, %d near-duplicates, %d exact re-posts skipped, %d events\n",
		s.Read, secs, float64(s.Read)/secs, float64(s.Read)/secs/float64(runtime.NumCPU()), max(workers, runtime.GOMAXPROCS(0)), runtime.NumCPU(),
		s.Stored, s.Duplicates, s.Skipped, s.Events)
	st, _ := db.Stats(ctx)
	first := marks[0]
	fmt.Fprintf(env.Stdout, "ingest CPU: %.1fs = %.2f ms per page; written to disk: %.1f MB = %.1f KB per stored page\n",
		(end.cpu - first.cpu).Seconds(), float64((end.cpu-first.cpu).Microseconds())/1e3/float64(max(1, end.read)),
		float64(end.written-first.written)/1e6, float64(end.written-first.written)/1e3/float64(max(1, end.stored)))
	fmt.Fprintln(env.Stdout, "window (pages read)\tpages/s\tCPU-ms/page\tKB written/stored page")
	for i := 1; i < len(marks); i++ {
		a, b := marks[i-1], marks[i]
		n := b.read - a.read
		fmt.Fprintf(env.Stdout, "%d-%d\t%.0f\t%.2f\t%.1f\n", a.read+1, b.read, float64(n)/b.at.Sub(a.at).Seconds(),
			float64((b.cpu-a.cpu).Microseconds())/1e3/float64(n), float64(b.written-a.written)/1e3/float64(max(1, b.stored-a.stored)))
	}

	pairs := [][2]string{{"RUS", "MLI"}, {"IDN", "MYS"}, {"USA", "CHN"}, {"FRA", "NER"}, {"JPN", "KOR"}}
	var dyad, evq []time.Duration
	for round := 0; round < 10; round++ {
		for _, pr := range pairs {
			t0 := time.Now()
			cs, err := db.Clusters(ctx, store.Filter{Pair: pr})
			if err != nil {
				fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
				return ExitInput
			}
			score.Series(cs, pr[0], pr[1], "month")
			dyad = append(dyad, time.Since(t0))
			t0 = time.Now()
			if _, err := db.Events(ctx, store.Filter{Pair: pr}); err != nil {
				fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
				return ExitInput
			}
			evq = append(evq, time.Since(t0))
		}
	}
	var tallies []time.Duration
	for round := 0; round < 10; round++ {
		for _, pr := range pairs {
			t0 := time.Now()
			ts, err := db.PairTallies(ctx, pr[0], pr[1])
			if err != nil {
				fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
				return ExitInput
			}
			score.SeriesOf(ts, "month")
			tallies = append(tallies, time.Since(t0))
		}
	}
	fmt.Fprintf(env.Stdout, "queries over %d runs on 5 pairs: dyad (clusters + monthly series) median %s p95 %s; series from the rollup median %s p95 %s; events --pair median %s p95 %s\n",
		len(dyad), pct(dyad, 50), pct(dyad, 95), pct(tallies, 50), pct(tallies, 95), pct(evq, 50), pct(evq, 95))
	if err := db.Close(); err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	size := fileSize(dbPath) + fileSize(dbPath+"-wal")
	fmt.Fprintf(env.Stdout, "database (closed): %.1f MB, %.1f KB per stored page (raw and clean text included); %d events in %d clusters; peak RSS %.0f MB\n",
		float64(size)/1e6, float64(size)/1e3/float64(max(st.Documents, 1)), st.Events, st.Clusters, peakRSSSinceResetMB())
	if pgDSN != "" {
		return benchPostgres(env, p, paths, workers, pgDSN, concurrent, st)
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

// cpuTime returns the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// writtenBytes returns the bytes the process has caused to be written to
// disk (write_bytes of /proc/self/io; 0 where there is none).
func writtenBytes() int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "write_bytes: "); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return n
		}
	}
	return 0
}
