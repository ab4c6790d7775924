package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"mitra/internal/article"
	"mitra/internal/ingest"
	"mitra/internal/pipeline"
	"mitra/internal/source"
	"mitra/internal/store"
)

var cmdIngest = &Command{
	Name:  "ingest",
	Usage: "[--db PATH] [--workers N] [--quiet] [--allow-private] [--pub-date DATE] [--list-skipped] PATH ...",
	Short: "read pages into the database: files, folders, JSONL, WARC/WARC.gz, RSS/Atom feeds, .urls lists (fetched politely); again is a no-op, a killed run resumes",
}

func init() { cmdIngest.Run = runIngest }

func runIngest(env *Env, args []string) int {
	fs := newFlags(env, cmdIngest)
	dbPath := dbFlag(fs)
	workers := fs.Int("workers", 0, "extraction workers (0: one per CPU)")
	quiet := fs.Bool("quiet", false, "no progress output")
	batch := fs.Int("batch", pipeline.DefaultBatchDocs, "documents stored per database transaction (a crash loses at most one batch, which a rerun restores)")
	maxMB := fs.Int("max-mb", 20, "largest document read, in MiB")
	timeout := fs.Duration("timeout", 20*time.Second, "URL lists: time allowed for one request")
	retries := fs.Int("retries", 3, "URL lists: retries after a 5xx, 429, timeout or failed connection, with back-off")
	perHost := fs.Duration("per-host", time.Second, "URL lists: least time between two requests to one host (robots.txt Crawl-delay wins when longer)")
	pubDate := pubDateFlag(fs)
	listSkipped := fs.Bool("list-skipped", false, "name every page skipped, not only the first "+fmt.Sprint(maxSkippedNamed))
	allowPrivate := fs.Bool("allow-private", false, "URL lists: also fetch from loopback, private and link-local addresses (an intranet); off, such addresses are refused after every redirect and DNS answer")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return ExitUsage
	}
	pub, err := parsePubDateFlag(*pubDate)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra ingest: %v\n", err)
		return ExitUsage
	}
	if len(paths) == 0 {
		fmt.Fprintln(env.Stderr, "mitra ingest: no input (give files, folders, feeds, WARC files or .urls lists)")
		return ExitUsage
	}
	p, err := newPipeline()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra ingest: %v\n", err)
		return ExitUsage
	}
	ctx := env.Ctx
	db, path, err := openDB(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra ingest: %v\n", err)
		return ExitInput
	}
	defer db.Close()

	ingestGC()
	prog := &pipeline.Progress{}
	// The reader only reads; the pipeline's workers clean (Defer).
	opt := ingest.Options{Source: source.Options{MaxBytes: int64(*maxMB) << 20, Defer: true, PubDate: pub}, Workers: *workers}
	opt.Fetch = ingest.FetchOptions{Timeout: *timeout, Retries: *retries, PerHost: *perHost, AllowPrivate: *allowPrivate}
	if *retries == 0 {
		opt.Fetch.Retries = -1 // none (0 means the default to ingest)
	}
	if *perHost == 0 {
		opt.Fetch.PerHost = -1
	}
	read := func(ctx context.Context, fn func(source.Item)) {
		ingest.Read(ctx, paths, env.Stdin, opt, fn)
	}
	stop := startProgress(env, prog, *quiet, inputBytes(paths))
	failed, skipped := 0, 0
	err = p.Ingest(ctx, db, read, pipeline.IngestOptions{
		Workers:   *workers,
		BatchDocs: *batch,
		OnError: func(err error) {
			failed++
			stop.pause(func() { fmt.Fprintf(env.Stderr, "mitra ingest: %s\n", printable(err.Error())) })
		},
		OnSkip: func(src, why string) {
			skipped++
			if *listSkipped || skipped <= maxSkippedNamed {
				stop.pause(func() { fmt.Fprintf(env.Stderr, "mitra ingest: skipped %s: %s\n", printable(src), printable(why)) })
			}
		},
	}, prog)
	stop.done()
	s := prog.Snapshot()
	if rv, ok := store.Store(db).(store.Reviewer); ok && s.Stored > 0 && err == nil {
		// Pages stored again (other bytes, the same page) get the
		// corrections of their reviewed copies.
		n, rerr := rv.Reapply(ctx)
		if rerr != nil {
			err = rerr
		} else if n > 0 {
			fmt.Fprintf(env.Stderr, "mitra ingest: %d corrections reapplied to pages stored again\n", n)
		}
	}
	if !*listSkipped && skipped > maxSkippedNamed {
		fmt.Fprintf(env.Stderr, "mitra ingest: and %d more skipped (--list-skipped names them all)\n", skipped-maxSkippedNamed)
	}
	fmt.Fprintf(env.Stderr, "mitra ingest: %s: %d read, %d stored (%d near-duplicates), %d already there, %d events, %d failed, %d in languages without a pack\n",
		path, s.Read, s.Stored, s.Duplicates, s.Skipped, s.Events, s.Failed, s.Unsupported)
	if s.NoPubDate > 0 {
		fmt.Fprintf(env.Stderr, "mitra ingest: %d of the pages coded have no publication date: their events with no date of their own fall in no period (give --pub-date, a date in the file name, or a sidecar NAME.json with \"pub_date\")\n", s.NoPubDate)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra ingest: %s\n", printable(err.Error()))
		return ExitInput
	}
	if failed > 0 {
		return ExitInput
	}
	return ExitOK
}

// inputBytes is the size of the plain inputs, for an ETA; 0 (no ETA) when
// any input's size says nothing of its pages (compressed, WARC, URL lists).
func inputBytes(paths []string) int64 {
	var total int64
	for _, p := range paths {
		err := filepath.WalkDir(p, func(q string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(q)) {
			case ".gz", ".warc", ".urls", ".rss", ".atom", ".xml":
				return errNoETA
			}
			if fi, err := de.Info(); err == nil {
				total += fi.Size()
			}
			return nil
		})
		if err != nil {
			return 0
		}
	}
	return total
}

var errNoETA = errors.New("no ETA")

// progress shows an ingest's progress: a bar on a terminal, a plain line
// every few seconds otherwise.
type progress struct {
	bar   *progressbar.ProgressBar
	quit  chan struct{}
	ended chan struct{}
	mu    chan struct{} // one writer to stderr at a time
}

func startProgress(env *Env, prog *pipeline.Progress, quiet bool, total int64) *progress {
	pr := &progress{quit: make(chan struct{}), ended: make(chan struct{}), mu: make(chan struct{}, 1)}
	if quiet {
		close(pr.ended)
		return pr
	}
	f, tty := env.Stderr.(*os.File)
	tty = tty && isTerminal(f)
	start := time.Now()
	if tty {
		pr.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(f),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("pages"),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	go func() {
		defer close(pr.ended)
		tick := time.NewTicker(map[bool]time.Duration{true: 250 * time.Millisecond, false: 5 * time.Second}[tty])
		defer tick.Stop()
		for {
			select {
			case <-pr.quit:
				return
			case <-tick.C:
				s := prog.Snapshot()
				rate := float64(s.Read) / time.Since(start).Seconds()
				line := fmt.Sprintf("%d pages (%.0f/s), %d events, %d errors", s.Read, rate, s.Events, s.Failed)
				if total > 0 && s.Bytes > 0 && s.Bytes < total {
					eta := time.Duration(float64(time.Since(start)) * float64(total-s.Bytes) / float64(s.Bytes))
					line += fmt.Sprintf(", ETA %s", eta.Round(time.Second))
				}
				pr.mu <- struct{}{}
				if pr.bar != nil {
					pr.bar.Describe("ingest: " + line)
					_ = pr.bar.Set64(s.Read)
				} else {
					fmt.Fprintf(env.Stderr, "mitra ingest: %s\n", line)
				}
				<-pr.mu
			}
		}
	}()
	return pr
}

// pause runs fn (which writes to stderr) without tearing the bar.
func (pr *progress) pause(fn func()) {
	pr.mu <- struct{}{}
	if pr.bar != nil {
		_ = pr.bar.Clear()
	}
	fn()
	<-pr.mu
}

func (pr *progress) done() {
	select {
	case <-pr.ended:
	default:
		close(pr.quit)
		<-pr.ended
	}
	if pr.bar != nil {
		_ = pr.bar.Finish()
		fmt.Fprintln(io.Discard)
	}
}

// maxSkippedNamed is how many skipped pages ingest names without
// --list-skipped.
const maxSkippedNamed = 20

// pubDateFlag adds --pub-date.
func pubDateFlag(fs *flag.FlagSet) *string {
	return fs.String("pub-date", "", "publication date YYYY-MM-DD of pages that give none (in metadata, a sidecar NAME.json, the file name, or the page itself)")
}

// parsePubDateFlag reads --pub-date.
func parsePubDateFlag(s string) (article.Date, error) {
	if s == "" {
		return article.Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return article.Date{}, fmt.Errorf("--pub-date %q: want YYYY-MM-DD", s)
	}
	return article.DateOf(t), nil
}

// ingestGC lets the heap grow to four times what is live before a
// collection (GOGC=300) unless GOGC says otherwise: an ingest allocates
// fast and keeps little, and each collection stops SQLite's long loops
// with signals, which cost an ingest a fifth of its CPU at the default.
// Extraction gains the same way: the language packs are a large live heap
// that every collection marks again (GOGC=300 costs 8% fewer instructions
// per page in BenchmarkExtract, for tens of MB more memory).
func ingestGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
}
