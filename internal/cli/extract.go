package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"mitra/internal/pipeline"
	"mitra/internal/record"
	"mitra/internal/source"
)

var cmdExtract = &Command{
	Name:  "extract",
	Usage: "[--format jsonl|table] [--lang en|id] [--all] [--pub-date DATE] [--workers N] [--data DIR] [PATH ...]",
	Short: "print the events between states that each page reports (PATH: a .txt, .html or .jsonl file, a folder, or - for stdin; none: the embedded sample pages)",
}

func init() { cmdExtract.Run = runExtract }

func runExtract(env *Env, args []string) int {
	ingestGC()
	fs := newFlags(env, cmdExtract)
	format := fs.String("format", "jsonl", "output format: jsonl or table")
	all := fs.Bool("all", false, "also print events that are not asserted (negated, hypothetical, future), with their factuality")
	workers := fs.Int("workers", 0, "documents processed at once (0: one per CPU)")
	dataDir := fs.String("data", "", "folder of data files (actors.tsv, triggers.tsv, …) that replace the embedded ones")
	maxMB := fs.Int("max-mb", 20, "largest document read, in MiB")
	lang := langFlag(fs)
	pubDate := pubDateFlag(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return ExitUsage
	}
	pub, err := parsePubDateFlag(*pubDate)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra extract: %v\n", err)
		return ExitUsage
	}
	if *format != "jsonl" && *format != "table" {
		fmt.Fprintf(env.Stderr, "mitra extract: --format %q: want jsonl or table\n", *format)
		return ExitUsage
	}
	packs, err := loadPacks(*dataDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra extract: %v\n", err)
		return ExitUsage
	}
	p, err := pipeline.New(packs...)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra extract: %v\n", err)
		return ExitUsage
	}
	out := bufio.NewWriterSize(env.Stdout, 64<<10)
	defer out.Flush()
	w := newWriter(*format, out)
	w.line = summaryLine(summaryLang(*lang), p.Extractor("id").Gazetteer())
	opt := pipeline.Options{Workers: *workers, Source: source.Options{MaxBytes: int64(*maxMB) << 20, PubDate: pub}}
	failed := 0
	emit := func(r pipeline.Result) {
		if r.Err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "mitra extract: %s\n", printable(r.Err.Error()))
			return
		}
		src := printable(r.Doc.Source)
		for _, n := range r.Doc.Notes {
			fmt.Fprintf(env.Stderr, "mitra extract: %s: note: %s\n", src, printable(n))
		}
		if r.Skipped != "" {
			fmt.Fprintf(env.Stderr, "mitra extract: %s: skipped: %s\n", src, r.Skipped)
			return
		}
		for i := range r.Events {
			if *all || r.Events[i].Factuality == record.Asserted {
				w.write(&r.Events[i])
			}
		}
	}
	if len(paths) == 0 {
		p.RunFS(samplePages(), opt, emit)
	} else {
		p.Run(paths, env.Stdin, opt, emit)
	}
	w.flush()
	if failed > 0 {
		return ExitInput
	}
	return ExitOK
}

type writer struct {
	format string
	enc    *json.Encoder
	esc    *c1Escaper
	tw     *tabwriter.Writer
	n      int
	line   func(*record.Event) string // the one-line summary, for tables
}

func newWriter(format string, w io.Writer) *writer {
	wr := &writer{format: format}
	if format == "table" {
		wr.tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(wr.tw, "DOC\tDATE\tTYPE\tMODE\tACTORS\tRECIPIENTS\tFACT\tCONF\tSUMMARY\tEVIDENCE")
	} else {
		wr.esc = &c1Escaper{w: w}
		wr.enc = json.NewEncoder(wr.esc)
		wr.enc.SetEscapeHTML(false)
	}
	return wr
}

func (w *writer) write(e *record.Event) {
	w.n++
	if w.enc != nil {
		_ = w.enc.Encode(e)
		return
	}
	date := "-"
	if e.Date != nil {
		date = *e.Date
	}
	mode := e.Mode
	if mode == "" {
		mode = "-"
	}
	rc := strings.Join(record.Codes(e.Recipients), ",")
	if rc == "" {
		rc = "-"
	}
	line := "-"
	if w.line != nil {
		line = clip(w.line(e), 160)
	}
	fmt.Fprintf(w.tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%s\t%s\n", clip(e.Doc, 60), date, e.Type, mode,
		strings.Join(record.Codes(e.Actors), ","), rc, e.Factuality, e.Confidence, line, clip(e.Sentence, 80))
}

func (w *writer) flush() {
	if w.tw != nil {
		w.tw.Flush()
	}
	if w.esc != nil {
		_ = w.esc.flush()
	}
}

// clip shortens s to at most n runes on one line, without terminal
// control sequences (see printable): it is how page text is printed.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(printable(s)), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
