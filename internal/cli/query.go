package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"mitra/internal/actor"
	"mitra/internal/article"
	"mitra/internal/export"
	"mitra/internal/lang/world"
	"mitra/internal/plot"
	"mitra/internal/record"
	"mitra/internal/score"
	"mitra/internal/store"
)

var cmdEvents = &Command{
	Name:  "events",
	Usage: "[--db PATH] [--party X] [--pair A,B] [--type T,…] [--quad N] [--context C] [--from DATE] [--to DATE] [--text WORDS] [--limit N] [--format table|jsonl|csv] [--lang en|id]",
	Short: "list stored events with their evidence",
}

var cmdDyad = &Command{
	Name:  "dyad",
	Usage: "[--db PATH] [--period month|week] [--from DATE] [--to DATE] [--plot FILE.svg|FILE.png] A B",
	Short: "a pair's timeline: events per period by quad class and the cooperation–conflict score",
}

var cmdStats = &Command{
	Name:  "stats",
	Usage: "[--db PATH]",
	Short: "what the database holds: documents, events, clusters, languages, errors",
}

var cmdExport = &Command{
	Name:  "export",
	Usage: "[--db PATH] --format jsonl|csv|cameo|graphml|gexf|gold [--from DATE] [--to DATE] [--reviewed confirmed|any] [-o FILE]",
	Short: "write stored events for other tools (pandas, R, GDELT-style CAMEO, Gephi)",
}

func init() {
	cmdEvents.Run = runEvents
	cmdDyad.Run = runDyad
	cmdStats.Run = runStats
	cmdExport.Run = runExport
}

func nowDate() article.Date { return article.DateOf(time.Now()) }

// gazetteer returns the Indonesian pack's gazetteer, for party names.
func gazetteer() (*actor.Gazetteer, error) {
	p, err := newPipeline()
	if err != nil {
		return nil, err
	}
	return p.Gazetteer(), nil
}

func runEvents(env *Env, args []string) int {
	fs := newFlags(env, cmdEvents)
	dbPath := dbFlag(fs)
	party := fs.String("party", "", "events involving this party (code or name)")
	pair := fs.String("pair", "", "events between two parties: A,B")
	types := fs.String("type", "", "event types, comma-separated (AGREE, CONSULT, …)")
	quad := fs.Int("quad", 0, "quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	context := fs.String("context", "", "a PLOVER context (military, economic, …)")
	from := fs.String("from", "", "first date, YYYY-MM-DD")
	to := fs.String("to", "", "last date, YYYY-MM-DD")
	text := fs.String("text", "", "words in the evidence sentence")
	limit := fs.Int("limit", 0, "at most this many events (0: all)")
	format := fs.String("format", "table", "table, jsonl or csv")
	lang := langFlag(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return ExitUsage
	}
	if *format != "table" && *format != "jsonl" && *format != "csv" {
		fmt.Fprintf(env.Stderr, "mitra events: --format %q: want table, jsonl or csv\n", *format)
		return ExitUsage
	}
	g, err := gazetteer()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra events: %v\n", err)
		return ExitUsage
	}
	f := store.Filter{Quad: record.Quad(*quad), Context: *context, From: *from, To: *to, Text: *text, Limit: *limit}
	if *party != "" {
		if f.Party, err = partyCode(g, *party); err != nil {
			fmt.Fprintf(env.Stderr, "mitra events: --party: %v\n", err)
			return ExitUsage
		}
	}
	if *pair != "" {
		a, b, ok := strings.Cut(*pair, ",")
		if !ok {
			fmt.Fprintf(env.Stderr, "mitra events: --pair %q: want A,B\n", *pair)
			return ExitUsage
		}
		for i, s := range []string{a, b} {
			if f.Pair[i], err = partyCode(g, s); err != nil {
				fmt.Fprintf(env.Stderr, "mitra events: --pair: %v\n", err)
				return ExitUsage
			}
		}
	}
	if *types != "" {
		for _, t := range strings.Split(*types, ",") {
			t = strings.ToUpper(strings.TrimSpace(t))
			typ, ok := record.ParseType(t)
			if !ok {
				fmt.Fprintf(env.Stderr, "mitra events: --type: unknown event type %q\n", t)
				return ExitUsage
			}
			f.Types = append(f.Types, typ)
		}
	}
	if msg := checkDates(*from, *to); msg != "" {
		fmt.Fprintf(env.Stderr, "mitra events: %s\n", msg)
		return ExitUsage
	}
	db, _, err := openDB(env.Ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra events: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	evs, err := db.Events(env.Ctx, f)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra events: %v\n", err)
		return ExitInput
	}
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	switch *format {
	case "jsonl":
		esc := &c1Escaper{w: out}
		if err = export.JSONL(esc, evs); err == nil {
			err = esc.flush()
		}
	case "csv":
		if f, ok := env.Stdout.(*os.File); ok && isTerminal(f) {
			// On a screen, cells lose their control sequences; to a
			// file or a pipe, CSV is written as stored.
			var b strings.Builder
			if err = export.CSV(&b, evs); err == nil {
				_, err = out.WriteString(printable(b.String()))
			}
		} else {
			err = export.CSV(out, evs)
		}
	default:
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		line := summaryLine(summaryLang(*lang), g)
		fmt.Fprintln(tw, "DATE\tTYPE\tACTORS\tRECIPIENTS\tCLUSTER\tDOC\tSUMMARY\tEVIDENCE")
		for _, e := range evs {
			date := store.EventDay(&e)
			if e.Date == nil && date != "" {
				date += "*" // placed on its publication date
			}
			rc := strings.Join(record.Codes(e.Recipients), ",")
			if rc == "" {
				rc = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", date, e.Type, strings.Join(record.Codes(e.Actors), ","), rc, e.ClusterID, clip(e.Doc, 60), clip(line(&e.Event), 160), clip(e.Sentence, 80))
		}
		err = tw.Flush()
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra events: %v\n", err)
		return ExitInput
	}
	return ExitOK
}

func checkDates(from, to string) string {
	for _, d := range []string{from, to} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return fmt.Sprintf("date %q: want YYYY-MM-DD", d)
		}
	}
	return ""
}

func runDyad(env *Env, args []string) int {
	fs := newFlags(env, cmdDyad)
	dbPath := dbFlag(fs)
	period := fs.String("period", "month", "month or week")
	from := fs.String("from", "", "first date, YYYY-MM-DD")
	to := fs.String("to", "", "last date, YYYY-MM-DD")
	plotFile := fs.String("plot", "", "also draw the timeline to FILE.svg or FILE.png")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 2 || (*period != "month" && *period != "week") {
		fmt.Fprintf(env.Stderr, "usage: mitra dyad %s\n", cmdDyad.Usage)
		return ExitUsage
	}
	ext := strings.ToLower(filepath.Ext(*plotFile))
	if *plotFile != "" && ext != ".svg" && ext != ".png" {
		fmt.Fprintf(env.Stderr, "mitra dyad: --plot %s: want a .svg or .png file\n", *plotFile)
		return ExitUsage
	}
	if msg := checkDates(*from, *to); msg != "" {
		fmt.Fprintf(env.Stderr, "mitra dyad: %s\n", msg)
		return ExitUsage
	}
	g, err := gazetteer()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra dyad: %v\n", err)
		return ExitUsage
	}
	var codes [2]string
	for i, s := range pos {
		if codes[i], err = partyCode(g, s); err != nil {
			fmt.Fprintf(env.Stderr, "mitra dyad: %v\n", err)
			return ExitUsage
		}
	}
	db, _, err := openDB(env.Ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra dyad: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	cs, err := db.Clusters(env.Ctx, store.Filter{Pair: codes, From: *from, To: *to})
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra dyad: %v\n", err)
		return ExitInput
	}
	pts := score.Series(cs, codes[0], codes[1], *period)
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(env.Stdout, "%s–%s (%s – %s): %d events\n", codes[0], codes[1], g.Name(codes[0]), g.Name(codes[1]), len(cs))
	fmt.Fprintln(tw, "PERIOD\tVERBAL COOP\tMATERIAL COOP\tVERBAL CONFLICT\tMATERIAL CONFLICT\tEVENTS\tSCORE\tGOLDSTEIN\t")
	for _, p := range pts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%+.2f\t%+.2f\t\n", p.Period, p.Counts[1], p.Counts[2], p.Counts[3], p.Counts[4], p.Events, p.Score, p.Goldstein)
	}
	tw.Flush()
	if *plotFile != "" {
		f, err := os.Create(*plotFile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra dyad: %v\n", err)
			return ExitInput
		}
		title := codes[0] + "–" + codes[1]
		if ext == ".png" {
			err = plot.PNG(f, title, pts)
		} else {
			err = plot.SVG(f, title, pts)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra dyad: %s: %v\n", *plotFile, err)
			return ExitInput
		}
		fmt.Fprintf(env.Stderr, "mitra dyad: chart written to %s\n", *plotFile)
	}
	return ExitOK
}

func runStats(env *Env, args []string) int {
	fs := newFlags(env, cmdStats)
	dbPath := dbFlag(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return ExitUsage
	}
	db, path, err := openDB(env.Ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra stats: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	s, err := db.Stats(env.Ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra stats: %v\n", err)
		return ExitInput
	}
	fmt.Fprintf(env.Stdout, "database     %s\n", path)
	fmt.Fprintf(env.Stdout, "documents    %d (%d near-duplicates of earlier ones)\n", s.Documents, s.Duplicates)
	fmt.Fprintf(env.Stdout, "events       %d mentions in %d clusters\n", s.Events, s.Clusters)
	if s.First != "" {
		fmt.Fprintf(env.Stdout, "dates        %s – %s\n", s.First, s.Last)
	}
	var langs []string
	for l, n := range s.Languages {
		langs = append(langs, fmt.Sprintf("%s %d", l, n))
	}
	sortStrings(langs)
	fmt.Fprintf(env.Stdout, "languages    %s\n", strings.Join(langs, ", "))
	fmt.Fprintf(env.Stdout, "errors       %d inputs failed\n", s.Errors)
	return ExitOK
}

func runExport(env *Env, args []string) int {
	fs := newFlags(env, cmdExport)
	dbPath := dbFlag(fs)
	format := fs.String("format", "", "jsonl, csv, cameo, graphml, gexf, or gold (reviewed pages in the format of the evaluation data)")
	reviewed := fs.String("reviewed", "confirmed", "gold: the pages confirmed by a reviewer, or any page with a correction")
	from := fs.String("from", "", "first date, YYYY-MM-DD")
	to := fs.String("to", "", "last date, YYYY-MM-DD")
	outFile := fs.String("o", "", "write to FILE instead of standard output")
	if _, err := parseFlags(fs, args); err != nil {
		return ExitUsage
	}
	switch *format {
	case "jsonl", "csv", "cameo", "graphml", "gexf", "gold":
	default:
		fmt.Fprintf(env.Stderr, "mitra export: --format %q: want jsonl, csv, cameo, graphml, gexf or gold\n", *format)
		return ExitUsage
	}
	if *reviewed != "confirmed" && *reviewed != "any" {
		fmt.Fprintf(env.Stderr, "mitra export: --reviewed %q: want confirmed or any\n", *reviewed)
		return ExitUsage
	}
	if msg := checkDates(*from, *to); msg != "" {
		fmt.Fprintf(env.Stderr, "mitra export: %s\n", msg)
		return ExitUsage
	}
	db, _, err := openDB(env.Ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra export: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	w := env.Stdout
	if *outFile != "" {
		f, err := os.Create(*outFile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra export: %v\n", err)
			return ExitInput
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	f := store.Filter{From: *from, To: *to}
	switch *format {
	case "jsonl", "csv":
		evs, err2 := db.Events(env.Ctx, f)
		if err = err2; err == nil {
			if *format == "jsonl" {
				err = export.JSONL(bw, evs)
			} else {
				err = export.CSV(bw, evs)
			}
		}
	case "gold":
		err = exportGold(env, db, bw, *reviewed == "any")
	case "cameo":
		cs, err2 := db.Clusters(env.Ctx, f)
		if err = err2; err == nil {
			err = export.CAMEO(bw, cs)
		}
	default:
		ls, err2 := db.Links(env.Ctx, f)
		if err = err2; err != nil {
			break
		}
		g, gerr := gazetteer()
		if err = gerr; err != nil {
			break
		}
		graph := export.BuildGraph(ls, func(code string) (string, string) { return g.Name(code), world.EnglishName(code) })
		if *from != "" {
			graph.From = *from
		}
		if *to != "" {
			graph.To = *to
		}
		if *format == "graphml" {
			err = export.GraphML(bw, graph)
		} else {
			err = export.GEXF(bw, graph)
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra export: %v\n", err)
		return ExitInput
	}
	return ExitOK
}
