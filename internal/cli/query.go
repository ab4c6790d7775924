package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
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
	Usage: "[--db PATH] [--period month|week] [--from DATE] [--to DATE] [--format table|json|csv] [--plot FILE.svg|FILE.png] A B",
	Short: "a pair's timeline: events per period by quad class and the cooperation–conflict score",
}

var cmdStats = &Command{
	Name:  "stats",
	Usage: "[--db PATH] [--format table|json|csv]",
	Short: "what the database holds: documents, events, clusters, languages, errors",
}

var cmdExport = &Command{
	Name:  "export",
	Usage: "[--db PATH] --format jsonl|csv|cameo|gdelt|graphml|gexf|gold [--party X] [--pair A,B] [--type T,…] [--quad N] [--context C] [--from DATE] [--to DATE] [--text WORDS] [--reviewed confirmed|any] [-o FILE] [--mentions FILE] [--header=false]",
	Short: "write stored events for other tools (pandas, R, GDELT 2.0 tables, Gephi, networkx, igraph) or reviewed pages as gold data",
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

// filterFlags are the flags that select events, shared by events and
// export.
type filterFlags struct {
	party, pair, types, context, from, to, text *string
	quad                                        *int
}

func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	return &filterFlags{
		party:   fs.String("party", "", "events involving this party (code or name)"),
		pair:    fs.String("pair", "", "events between two parties: A,B"),
		types:   fs.String("type", "", "event types, comma-separated (AGREE, CONSULT, …)"),
		quad:    fs.Int("quad", 0, "quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
		context: fs.String("context", "", "a PLOVER context (military, economic, …)"),
		from:    fs.String("from", "", "first date: YYYY-MM-DD, YYYY-MM or YYYY (inclusive)"),
		to:      fs.String("to", "", "last date: YYYY-MM-DD, YYYY-MM or YYYY (inclusive: a month or year includes all its days)"),
		text:    fs.String("text", "", "words in the evidence sentence"),
	}
}

// filter checks the flags and returns the filter they select, or a
// message for the user.
func (ff *filterFlags) filter() (store.Filter, string) {
	f := store.Filter{Context: *ff.context, From: *ff.from, To: *ff.to, Text: *ff.text}
	if *ff.quad != 0 {
		if *ff.quad < 1 || *ff.quad > 4 {
			return f, fmt.Sprintf("--quad %d: want 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4 (material conflict)", *ff.quad)
		}
		f.Quad = record.Quad(*ff.quad)
	}
	if *ff.context != "" {
		c := strings.ToLower(*ff.context)
		if !record.ValidContext(c) {
			return f, fmt.Sprintf("--context %q: not a PLOVER context (e.g. military, economic, diplomatic)", *ff.context)
		}
		f.Context = c
	}
	if msg := checkDates(*ff.from, *ff.to); msg != "" {
		return f, msg
	}
	if *ff.types != "" {
		for _, t := range strings.Split(*ff.types, ",") {
			t = strings.ToUpper(strings.TrimSpace(t))
			typ, ok := record.ParseType(t)
			if !ok {
				return f, fmt.Sprintf("--type: unknown event type %q", t)
			}
			f.Types = append(f.Types, typ)
		}
	}
	if *ff.party == "" && *ff.pair == "" {
		return f, ""
	}
	g, err := gazetteer()
	if err != nil {
		return f, err.Error()
	}
	if *ff.party != "" {
		if f.Party, err = partyCode(g, *ff.party); err != nil {
			return f, "--party: " + err.Error()
		}
	}
	if *ff.pair != "" {
		a, b, ok := strings.Cut(*ff.pair, ",")
		if !ok || strings.Contains(b, ",") {
			return f, fmt.Sprintf("--pair %q: want A,B", *ff.pair)
		}
		for i, s := range []string{a, b} {
			if f.Pair[i], err = partyCode(g, s); err != nil {
				return f, "--pair: " + err.Error()
			}
		}
	}
	return f, ""
}

func runEvents(env *Env, args []string) int {
	fs := newFlags(env, cmdEvents)
	dbPath := dbFlag(fs)
	ff := addFilterFlags(fs)
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
	if *limit < 0 {
		fmt.Fprintf(env.Stderr, "mitra events: --limit %d: want 0 (all) or more\n", *limit)
		return ExitUsage
	}
	f, msg := ff.filter()
	if msg != "" {
		fmt.Fprintf(env.Stderr, "mitra events: %s\n", msg)
		return ExitUsage
	}
	f.Limit = *limit
	db, _, err := openExisting(env.Ctx, *dbPath)
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
	var docs export.Docs
	if *format != "table" {
		if docs, err = store.DocumentMetas(env.Ctx, db, store.EventHashes(evs)); err != nil {
			fmt.Fprintf(env.Stderr, "mitra events: %v\n", err)
			return ExitInput
		}
	}
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	switch *format {
	case "jsonl":
		esc := &c1Escaper{w: out}
		if err = export.JSONL(esc, evs, docs); err == nil {
			err = esc.flush()
		}
	case "csv":
		if f, ok := env.Stdout.(*os.File); ok && isTerminal(f) {
			// On a screen, cells lose their control sequences; to a
			// file or a pipe, CSV is written as stored.
			var b strings.Builder
			if err = export.CSV(&b, evs, docs); err == nil {
				_, err = out.WriteString(printable(b.String()))
			}
		} else {
			err = export.CSV(out, evs, docs)
		}
	default:
		g, gerr := gazetteer() // Indonesian names in the summaries
		if err = gerr; err != nil {
			break
		}
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

// checkDates checks --from and --to as the API does: each YYYY-MM-DD,
// YYYY-MM or YYYY, from not after to.
func checkDates(from, to string) string {
	var days [2]string
	for i, d := range []string{from, to} {
		if d == "" {
			continue
		}
		day, ok := dayOf(d, i == 1)
		if !ok {
			return fmt.Sprintf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", d)
		}
		days[i] = day
	}
	if days[0] != "" && days[1] != "" && days[0] > days[1] {
		return fmt.Sprintf("--from %s is after --to %s", from, to)
	}
	return ""
}

// dayOf returns the first day d (YYYY-MM-DD, YYYY-MM or YYYY) covers, or
// its last when upper.
func dayOf(d string, upper bool) (string, bool) {
	layout := map[int]string{10: time.DateOnly, 7: "2006-01", 4: "2006"}[len(d)]
	t, err := time.Parse(layout, d)
	if layout == "" || err != nil {
		return "", false
	}
	if upper {
		switch len(d) {
		case 7:
			t = t.AddDate(0, 1, -1)
		case 4:
			t = t.AddDate(1, 0, -1)
		}
	}
	return t.Format(time.DateOnly), true
}

func runDyad(env *Env, args []string) int {
	fs := newFlags(env, cmdDyad)
	dbPath := dbFlag(fs)
	period := fs.String("period", "month", "month or week")
	from := fs.String("from", "", "first date: YYYY-MM-DD, YYYY-MM or YYYY")
	to := fs.String("to", "", "last date: YYYY-MM-DD, YYYY-MM or YYYY")
	format := fs.String("format", "table", "table, json or csv")
	plotFile := fs.String("plot", "", "also draw the timeline to FILE.svg or FILE.png")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 2 || (*period != "month" && *period != "week") {
		fmt.Fprintf(env.Stderr, "usage: mitra dyad %s\n", cmdDyad.Usage)
		return ExitUsage
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		fmt.Fprintf(env.Stderr, "mitra dyad: --format %q: want table, json or csv\n", *format)
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
	if codes[0] == codes[1] {
		fmt.Fprintf(env.Stderr, "mitra dyad: %s and %s are the same party\n", pos[0], pos[1])
		return ExitUsage
	}
	db, _, err := openExisting(env.Ctx, *dbPath)
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
	switch *format {
	case "json":
		err = dyadJSON(env.Stdout, g, codes, *period, *from, *to, len(cs), pts)
	case "csv":
		err = dyadCSV(env.Stdout, pts)
	default:
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(env.Stdout, "%s–%s (%s – %s): %d events\n", codes[0], codes[1], g.Name(codes[0]), g.Name(codes[1]), len(cs))
		fmt.Fprintln(tw, "PERIOD\tVERBAL COOP\tMATERIAL COOP\tVERBAL CONFLICT\tMATERIAL CONFLICT\tEVENTS\tSCORE\tGOLDSTEIN\t")
		for _, p := range pts {
			// A period with no events has no mean: its score is empty, not 0
			// (which would read as neutral relations).
			sc, gs := "", ""
			if p.Events > 0 {
				sc, gs = fmt.Sprintf("%+.2f", p.Score), fmt.Sprintf("%+.2f", p.Goldstein)
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t\n", p.Period, p.Counts[1], p.Counts[2], p.Counts[3], p.Counts[4], p.Events, sc, gs)
		}
		err = tw.Flush()
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra dyad: %v\n", err)
		return ExitInput
	}
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

// dyadPoint is one period of `dyad --format json`: the API's series point,
// with null scores for a period without events.
type dyadPoint struct {
	Period    string         `json:"period"`
	Counts    map[string]int `json:"counts"`
	Events    int            `json:"events"`
	Score     *float64       `json:"score"`
	Goldstein *float64       `json:"goldstein"`
}

type dyadParty struct {
	Code   string `json:"code"`
	NameID string `json:"name_id"`
	NameEN string `json:"name_en"`
}

var quadKeys = [5]string{"", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict"}

func dyadJSON(w io.Writer, g *actor.Gazetteer, codes [2]string, period, from, to string, acts int, pts []score.Point) error {
	out := struct {
		A      dyadParty   `json:"a"`
		B      dyadParty   `json:"b"`
		Period string      `json:"period"`
		From   string      `json:"from"`
		To     string      `json:"to"`
		Events int         `json:"events"`
		Points []dyadPoint `json:"points"`
	}{
		dyadParty{codes[0], g.Name(codes[0]), world.EnglishName(codes[0])},
		dyadParty{codes[1], g.Name(codes[1]), world.EnglishName(codes[1])},
		period, from, to, acts, []dyadPoint{},
	}
	for _, p := range pts {
		dp := dyadPoint{Period: p.Period, Counts: map[string]int{}, Events: p.Events}
		for q := 1; q <= 4; q++ {
			dp.Counts[quadKeys[q]] = p.Counts[q]
		}
		if p.Events > 0 {
			s, gs := p.Score, p.Goldstein
			dp.Score, dp.Goldstein = &s, &gs
		}
		out.Points = append(out.Points, dp)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func dyadCSV(w io.Writer, pts []score.Point) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write([]string{"period", quadKeys[1], quadKeys[2], quadKeys[3], quadKeys[4], "events", "score", "goldstein"})
	for _, p := range pts {
		sc, gs := "", ""
		if p.Events > 0 {
			sc, gs = strconv.FormatFloat(p.Score, 'f', 4, 64), strconv.FormatFloat(p.Goldstein, 'f', 4, 64)
		}
		cw.Write([]string{p.Period, strconv.Itoa(p.Counts[1]), strconv.Itoa(p.Counts[2]), strconv.Itoa(p.Counts[3]),
			strconv.Itoa(p.Counts[4]), strconv.Itoa(p.Events), sc, gs})
	}
	cw.Flush()
	return cw.Error()
}

func runStats(env *Env, args []string) int {
	fs := newFlags(env, cmdStats)
	dbPath := dbFlag(fs)
	format := fs.String("format", "table", "table, json or csv")
	if _, err := parseFlags(fs, args); err != nil {
		return ExitUsage
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		fmt.Fprintf(env.Stderr, "mitra stats: --format %q: want table, json or csv\n", *format)
		return ExitUsage
	}
	db, path, err := openExisting(env.Ctx, *dbPath)
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
	var langs []string
	for l, n := range s.Languages {
		langs = append(langs, fmt.Sprintf("%s %d", l, n))
	}
	sort.Strings(langs)
	switch *format {
	case "json":
		if s.Languages == nil {
			s.Languages = map[string]int{}
		}
		null := func(s string) *string {
			if s == "" {
				return nil
			}
			return &s
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(struct {
			Database   string         `json:"database"`
			Documents  int            `json:"documents"`
			Duplicates int            `json:"duplicates"`
			Events     int            `json:"events"`
			Clusters   int            `json:"clusters"`
			Languages  map[string]int `json:"languages"`
			Errors     int            `json:"errors"`
			First      *string        `json:"first"`
			Last       *string        `json:"last"`
		}{path, s.Documents, s.Duplicates, s.Events, s.Clusters, s.Languages, s.Errors, null(s.First), null(s.Last)})
	case "csv":
		cw := csv.NewWriter(env.Stdout)
		cw.UseCRLF = true
		cw.Write([]string{"database", "documents", "duplicates", "events", "clusters", "languages", "errors", "first", "last"})
		cw.Write([]string{export.Cell(path), strconv.Itoa(s.Documents), strconv.Itoa(s.Duplicates), strconv.Itoa(s.Events),
			strconv.Itoa(s.Clusters), export.Cell(strings.Join(langs, ";")), strconv.Itoa(s.Errors), s.First, s.Last})
		cw.Flush()
		err = cw.Error()
	default:
		fmt.Fprintf(env.Stdout, "database     %s\n", path)
		fmt.Fprintf(env.Stdout, "documents    %d (%d near-duplicates of earlier ones)\n", s.Documents, s.Duplicates)
		fmt.Fprintf(env.Stdout, "events       %d mentions in %d clusters\n", s.Events, s.Clusters)
		if s.First != "" {
			fmt.Fprintf(env.Stdout, "dates        %s – %s\n", s.First, s.Last)
		}
		fmt.Fprintf(env.Stdout, "languages    %s\n", strings.Join(langs, ", "))
		fmt.Fprintf(env.Stdout, "errors       %d inputs failed\n", s.Errors)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra stats: %v\n", err)
		return ExitInput
	}
	return ExitOK
}

// exportFormats are export's --format values.
var exportFormats = []string{"jsonl", "csv", "cameo", "gdelt", "graphml", "gexf", "gold"}

func runExport(env *Env, args []string) int {
	fs := newFlags(env, cmdExport)
	dbPath := dbFlag(fs)
	format := fs.String("format", "", strings.Join(exportFormats, ", ")+" (gold: reviewed pages in the format of the evaluation data)")
	reviewed := fs.String("reviewed", "confirmed", "gold: the pages confirmed by a reviewer, or any page with a correction")
	ff := addFilterFlags(fs)
	outFile := fs.String("o", "", "write to FILE instead of standard output")
	mentionsFile := fs.String("mentions", "", "gdelt: write the mentions table to FILE (default with -o: FILE's name with .mentions before its extension, or .export. replaced by .mentions.)")
	header := fs.Bool("header", true, "gdelt: write a header row of GDELT's column names (GDELT's own files have none)")
	if _, err := parseFlags(fs, args); err != nil {
		return ExitUsage
	}
	if !slicesContains(exportFormats, *format) {
		fmt.Fprintf(env.Stderr, "mitra export: --format %q: want %s\n", *format, strings.Join(exportFormats, ", "))
		return ExitUsage
	}
	if *reviewed != "confirmed" && *reviewed != "any" {
		fmt.Fprintf(env.Stderr, "mitra export: --reviewed %q: want confirmed or any\n", *reviewed)
		return ExitUsage
	}
	f, msg := ff.filter()
	if msg != "" {
		fmt.Fprintf(env.Stderr, "mitra export: %s\n", msg)
		return ExitUsage
	}
	if *format == "gdelt" && *mentionsFile == "" && *outFile != "" {
		*mentionsFile = mentionsName(*outFile)
	}
	db, _, err := openExisting(env.Ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra export: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	// Everything is read before any file is created, so that a failed
	// query leaves no half-written file.
	var (
		evs   []store.Event
		cs    []store.Cluster
		docs  export.Docs
		graph export.Graph
		gold  bytes.Buffer
	)
	switch *format {
	case "jsonl", "csv", "cameo", "gdelt":
		if evs, err = db.Events(env.Ctx, f); err == nil {
			docs, err = store.DocumentMetas(env.Ctx, db, store.EventHashes(evs))
		}
		if err == nil && (*format == "cameo" || *format == "gdelt") {
			cs, err = db.Clusters(env.Ctx, f)
		}
	case "gold":
		err = exportGold(env, db, &gold, *reviewed == "any")
	default:
		if cs, err = db.Clusters(env.Ctx, f); err != nil {
			break
		}
		g, gerr := gazetteer()
		if err = gerr; err != nil {
			break
		}
		graph = export.BuildGraph(store.LinksOf(cs), func(code string) (string, string) { return g.Name(code), world.EnglishName(code) })
		graph.AddSpells(cs)
		if *ff.from != "" {
			graph.From, _ = dayOf(*ff.from, false)
		}
		if *ff.to != "" {
			graph.To, _ = dayOf(*ff.to, true)
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra export: %v\n", err)
		return ExitInput
	}
	w, closeOut, err := create(env.Stdout, *outFile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra export: %v\n", err)
		return ExitInput
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	switch *format {
	case "jsonl":
		err = export.JSONL(bw, evs, docs)
	case "csv":
		err = export.CSV(bw, evs, docs)
	case "cameo":
		err = export.CAMEO(bw, export.Acts{Clusters: cs, Events: evs, Docs: docs})
	case "gdelt":
		err = exportGDELT(env, bw, *mentionsFile, export.Acts{Clusters: cs, Events: evs, Docs: docs}, *header)
	case "graphml":
		err = export.GraphML(bw, graph)
	case "gexf":
		err = export.GEXF(bw, graph)
	case "gold":
		_, err = gold.WriteTo(bw)
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra export: %v\n", err)
		return ExitInput
	}
	return ExitOK
}

// exportGDELT writes the GDELT event table to w and the mentions table to
// mentionsFile (none when "").
func exportGDELT(env *Env, w io.Writer, mentionsFile string, acts export.Acts, header bool) error {
	var mw io.Writer
	closeM := func() error { return nil }
	if mentionsFile != "" {
		var err error
		if mw, closeM, err = create(nil, mentionsFile); err != nil {
			return err
		}
	}
	mb := bufio.NewWriterSize(orDiscard(mw), 64<<10)
	st, err := export.GDELT(w, mb, acts, export.GDELTOptions{Name: world.EnglishName, Header: header})
	if err == nil {
		err = mb.Flush()
	}
	if cerr := closeM(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if mentionsFile != "" {
		fmt.Fprintf(env.Stderr, "mitra export: %d acts; %d mentions written to %s\n", st.Events, st.Mentions, mentionsFile)
	} else {
		fmt.Fprintf(env.Stderr, "mitra export: %d acts (no mentions table: give -o FILE or --mentions FILE)\n", st.Events)
	}
	if st.Undated > 0 {
		fmt.Fprintf(env.Stderr, "mitra export: %d acts have neither a date nor a publication date: their SQLDATE is empty\n", st.Undated)
	}
	return nil
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// mentionsName derives the mentions file's name from the events file's, as
// GDELT names its pairs: "x.export.CSV" → "x.mentions.CSV", "acts.tsv" →
// "acts.mentions.tsv".
func mentionsName(out string) string {
	dir, base := filepath.Split(out)
	if i := strings.LastIndex(strings.ToLower(base), ".export."); i >= 0 {
		return dir + base[:i] + ".mentions." + base[i+len(".export."):]
	}
	ext := filepath.Ext(base)
	return dir + strings.TrimSuffix(base, ext) + ".mentions" + ext
}

// create opens path for writing, or returns stdout when path is "".
func create(stdout io.Writer, path string) (io.Writer, func() error, error) {
	if path == "" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
