package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/pipeline"
	"mitra/internal/source"
	"mitra/internal/token"
)

var cmdBench = &Command{
	Name:  "bench",
	Usage: "[--mb 10] [--workers N] [PATH] | --ingest PAGES [--keep DB] [--db postgres://… [--concurrent N]]",
	Short: "measure extraction throughput and memory over a corpus repeated to a size (PATH: default ../shared/eval/dev/docs, else the embedded sample pages); with --ingest, generate PAGES pages, ingest them into a fresh database and time pair queries (with --db postgres://…, into SQLite and then into PostgreSQL, and with --concurrent N also by N ingest processes at once)",
}

func init() { cmdBench.Run = runBench }

// DefaultBenchPath is where the dev documents sit beside a checkout.
const DefaultBenchPath = "../shared/eval/dev/docs"

type benchDoc struct {
	id, format string
	raw        []byte
}

func runBench(env *Env, args []string) int {
	ingestGC()
	fs := newFlags(env, cmdBench)
	mb := fs.Float64("mb", 10, "corpus size to reach by repeating the documents, in MB")
	workers := fs.Int("workers", runtime.NumCPU(), "workers for the parallel runs")
	ingestPages := fs.Int("ingest", 0, "generate this many pages and benchmark ingest and queries instead")
	keep := fs.String("keep", "", "with --ingest: keep the database at this path")
	pgDSN := fs.String("db", "", "with --ingest: also ingest into this PostgreSQL database (postgres://…), in a schema of its own")
	concurrent := fs.Int("concurrent", 0, "with --ingest and --db: also run this many ingest processes at once over the pages into PostgreSQL")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to this file")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return ExitUsage
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
			return ExitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
			return ExitUsage
		}
		defer pprof.StopCPUProfile()
	}
	if *ingestPages > 0 {
		return benchIngest(env, *ingestPages, *workers, *keep, *pgDSN, *concurrent)
	}
	var items []source.Item
	label := ""
	switch {
	case len(paths) > 0:
		source.Read(paths, nil, source.Options{}, func(it source.Item) { items = append(items, it) })
		label = fmt.Sprint(paths)
	case dirExists(DefaultBenchPath):
		source.Read([]string{DefaultBenchPath}, nil, source.Options{}, func(it source.Item) { items = append(items, it) })
		label = DefaultBenchPath
	default:
		source.ReadFS(samplePages(), source.Options{}, func(it source.Item) { items = append(items, it) })
		label = "embedded sample pages"
	}
	var base []benchDoc
	size := 0
	for _, it := range items {
		if it.Err == nil {
			base = append(base, benchDoc{it.Doc.ID, it.Doc.Format, it.Doc.Raw})
			size += len(it.Doc.Raw)
		}
	}
	if len(base) == 0 {
		fmt.Fprintln(env.Stderr, "mitra bench: no readable documents")
		return ExitInput
	}
	reps := int(*mb*1e6)/size + 1
	corpus := make([]benchDoc, 0, len(base)*reps)
	total := 0
	for r := 0; r < reps; r++ {
		for _, d := range base {
			corpus = append(corpus, benchDoc{fmt.Sprintf("%s-%d", d.id, r), d.format, d.raw})
			total += len(d.raw)
		}
	}
	packs, err := loadPacks("")
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitUsage
	}
	p, err := pipeline.New(packs...)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitUsage
	}
	fmt.Fprintf(env.Stdout, "corpus: %d pages from %s × %d = %d pages, %.1f MB; %d CPUs, GOMAXPROCS %d\n",
		len(base), label, reps, len(corpus), float64(total)/1e6, runtime.NumCPU(), runtime.GOMAXPROCS(0))

	tokenise := func(d benchDoc) int {
		n := 0
		for _, s := range token.Sentences(string(d.raw), nil) {
			n += len(s.Tokens)
		}
		return n
	}
	var events atomic.Int64
	full := func(d benchDoc) int {
		doc := &article.Doc{ID: d.id, Source: d.id, Format: d.format, Raw: d.raw}
		if d.format == "html" {
			clean.HTML(doc)
		} else {
			clean.Text(doc)
		}
		r := p.Process(doc)
		events.Add(int64(len(r.Events)))
		return len(r.Events)
	}
	// Warm up caches (stems) so both passes see the same state.
	for _, d := range base {
		full(d)
	}
	type row struct {
		name    string
		workers int
		secs    float64
		cpu     float64 // process CPU seconds (user + system) during the pass
	}
	var rows []row
	measure := func(name string, w int, fn func(benchDoc) int) {
		runtime.GC()
		start, cpu0 := time.Now(), cpuSeconds()
		runParallel(corpus, w, fn)
		rows = append(rows, row{name, w, time.Since(start).Seconds(), cpuSeconds() - cpu0})
	}
	measure("read+tokenise (baseline)", 1, tokenise)
	measure("clean+detect+extract", 1, full)
	measure("read+tokenise (baseline)", *workers, tokenise)
	events.Store(0)
	measure("clean+detect+extract", *workers, full)
	perRun := events.Load()

	// The whole extract command over a folder: read files, clean, extract,
	// encode JSONL (to a discarding writer).
	dir, err := os.MkdirTemp("", "mitra-bench-")
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
		return ExitInput
	}
	defer os.RemoveAll(dir)
	for i, d := range corpus {
		ext := ".txt"
		if d.format == "html" {
			ext = ".html"
		}
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/1000))
		_ = os.MkdirAll(sub, 0o755)
		if err := os.WriteFile(filepath.Join(sub, d.id+ext), d.raw, 0o644); err != nil {
			fmt.Fprintf(env.Stderr, "mitra bench: %v\n", err)
			return ExitInput
		}
	}
	runtime.GC()
	start, cpu0 := time.Now(), cpuSeconds()
	enc := json.NewEncoder(bufio.NewWriter(io.Discard))
	folderEvents := 0
	p.Run([]string{dir}, nil, pipeline.Options{Workers: *workers}, func(r pipeline.Result) {
		for i := range r.Events {
			_ = enc.Encode(&r.Events[i])
			folderEvents++
		}
	})
	rows = append(rows, row{"extract over a folder (files→JSONL)", *workers, time.Since(start).Seconds(), cpuSeconds() - cpu0})

	// Pages per CPU-second are what a shared or noisy machine cannot
	// distort much; wall-clock rates are beside them.
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pass\tworkers\tseconds\tCPU s\tpages/s\tpages/s/core\tpages/CPU-s\tMB/s\tCPU vs baseline\t")
	baseCPU := map[int]float64{}
	for _, r := range rows {
		rate := float64(len(corpus)) / r.secs
		perCPU := float64(len(corpus)) / max(r.cpu, 1e-9)
		if r.name == "read+tokenise (baseline)" {
			baseCPU[r.workers] = perCPU
		}
		ratio := "-"
		if b, ok := baseCPU[r.workers]; ok && r.name != "read+tokenise (baseline)" {
			ratio = fmt.Sprintf("%.2fx", b/perCPU)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.2f\t%.0f\t%.0f\t%.0f\t%.1f\t%s\t\n", r.name, r.workers, r.secs, r.cpu, rate, rate/float64(r.workers),
			perCPU, float64(total)/1e6/r.secs, ratio)
	}
	tw.Flush()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(env.Stdout, "events per pass: %d (folder run: %d); peak RSS %.0f MB; heap in use %.0f MB\n",
		perRun, folderEvents, peakRSSMB(), float64(ms.HeapInuse)/1e6)
	return ExitOK
}

func runParallel(docs []benchDoc, workers int, fn func(benchDoc) int) {
	if workers <= 1 {
		for _, d := range docs {
			fn(d)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				fn(docs[i])
			}
		}()
	}
	wg.Wait()
}

// cpuSeconds returns the process's CPU time so far (user + system).
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// peakRSSMB returns the process's peak resident set size in MB.
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) * 1024 / 1e6 // Linux reports KiB
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// resetPeakRSS starts a new peak of the process's resident set (Linux:
// VmHWM), so that one phase of a benchmark is measured on its own.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSSinceResetMB returns the peak resident set since resetPeakRSS
// (VmHWM), in MB; the whole process's peak where /proc says nothing.
func peakRSSSinceResetMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				var kb float64
				if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%f kB", &kb); err == nil {
					return kb * 1024 / 1e6
				}
			}
		}
	}
	return peakRSSMB()
}
