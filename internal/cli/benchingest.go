package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
func benchIngest(env *Env, pages, workers int, keep string) int {
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
	prog := &pipeline.Progress{}
	start = time.Now()
	err = p.Ingest(ctx, db, func(ctx context.Context, fn func(source.Item)) {
		ingest.Read(ctx, paths, nil, ingest.Options{Source: source.Options{Defer: true}}, fn)
	}, pipeline.IngestOptions{Workers: workers}, prog)
	secs := time.Since(start).Seconds()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: ingest: %v\n", err)
		return ExitInput
	}
	s := prog.Snapshot()
	fmt.Fprintf(env.Stdout, "ingest: %d pages in %.1fs = %.0f pages/s (%.0f per core, %d workers, %d CPUs); %d stored, %d near-duplicates, %d exact re-posts skipped, %d events\n",
		s.Read, secs, float64(s.Read)/secs, float64(s.Read)/secs/float64(runtime.NumCPU()), max(workers, runtime.GOMAXPROCS(0)), runtime.NumCPU(),
		s.Stored, s.Duplicates, s.Skipped, s.Events)
	st, _ := db.Stats(ctx)

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
	fmt.Fprintf(env.Stdout, "queries over %d runs on 5 pairs: dyad (clusters + monthly series) median %s p95 %s; events --pair median %s p95 %s\n",
		len(dyad), pct(dyad, 50), pct(dyad, 95), pct(evq, 50), pct(evq, 95))
	if err := db.Close(); err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	size := fileSize(dbPath) + fileSize(dbPath+"-wal")
	fmt.Fprintf(env.Stdout, "database (closed): %.1f MB, %.1f KB per stored page (raw and clean text included); %d events in %d clusters; peak RSS %.0f MB\n",
		float64(size)/1e6, float64(size)/1e3/float64(max(st.Documents, 1)), st.Events, st.Clusters, peakRSSMB())
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
