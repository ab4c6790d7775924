package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"mitra/internal/actor"
	"mitra/internal/export"
	"mitra/internal/record"
	"mitra/internal/store"
)

var cmdReview = &Command{
	Name: "review",
	Usage: `wrong EVENT | correct EVENT [--type T] [--mode M] [--actors A,B] [--recipients C] [--date D] [--contexts c,…] |
               add DOC --type T --actors A,B [--recipients C] [--date D] --evidence "SENTENCE" | confirm DOC | undo CORRECTION | list [--doc DOC] [--live]
               [--db PATH] [--by NAME] [--note TEXT]`,
	Short: "correct the record: mark an event wrong, correct or add one, confirm a page, undo; list corrections (who, when, before and after)",
}

func init() { cmdReview.Run = runReview }

func runReview(env *Env, args []string) int {
	fs := newFlags(env, cmdReview)
	dbPath := dbFlag(fs)
	by := fs.String("by", defaultAuthor(), "who makes the correction")
	note := fs.String("note", "", "why")
	typ := fs.String("type", "", "correct, add: the PLOVER type")
	mode := fs.String("mode", "", "correct, add: the mode (\"-\" for none)")
	actors := fs.String("actors", "", "correct, add: actors, codes or names, comma-separated")
	recipients := fs.String("recipients", "", "correct, add: recipients, comma-separated (\"-\" for none: a reciprocal act)")
	date := fs.String("date", "", "correct, add: YYYY-MM-DD, YYYY-MM or YYYY (\"-\" for none)")
	contexts := fs.String("contexts", "", "correct, add: PLOVER contexts, comma-separated (\"-\" for none)")
	evidence := fs.String("evidence", "", "add: the sentence that supports the event, as it is in the page")
	doc := fs.String("doc", "", "list: the corrections of this document (hash or id)")
	live := fs.Bool("live", false, "list: only the corrections that stand")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if wantsHelp(args) {
			parseFlags(fs, args) // the usage with the flags, to stdout
			return ExitUsage     // which Run turns into ExitOK
		}
		fmt.Fprintf(env.Stderr, "usage: mitra review %s\n", cmdReview.Usage)
		return ExitUsage
	}
	verb := args[0]
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return ExitUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	usage := func(msg string) int {
		fmt.Fprintf(env.Stderr, "mitra review %s: %s\n", verb, msg)
		return ExitUsage
	}
	want := map[string]int{"wrong": 1, "correct": 1, "add": 1, "confirm": 1, "undo": 1, "list": 0}
	n, ok := want[verb]
	if !ok {
		return usage("want wrong, correct, add, confirm, undo or list")
	}
	if len(pos) != n {
		return usage(fmt.Sprintf("want %d argument(s), got %d", n, len(pos)))
	}
	g, err := gazetteer()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra review: %v\n", err)
		return ExitUsage
	}
	db, _, err := openDB(env.Ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra review: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	rv, ok := store.Store(db).(store.Reviewer)
	if !ok {
		fmt.Fprintln(env.Stderr, "mitra review: this store takes no corrections")
		return ExitInput
	}
	if verb == "list" {
		return listCorrections(env, db, rv, *doc, *live)
	}
	c := store.Correction{Action: store.Action(verb), Author: *by, Note: *note}
	switch verb {
	case "wrong":
		c.EventID = pos[0]
	case "undo":
		id, err := strconv.ParseInt(strings.TrimPrefix(pos[0], "#"), 10, 64)
		if err != nil {
			return usage(fmt.Sprintf("correction %q: want its number", pos[0]))
		}
		c.Undoes = id
	case "confirm", "add":
		d, err := db.Document(env.Ctx, pos[0])
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra review %s: %v\n", verb, err)
			return ExitInput
		}
		c.DocHash = d.Hash
	case "correct":
		c.EventID = pos[0]
	}
	if verb == "correct" || verb == "add" {
		e := &record.Event{}
		if verb == "correct" {
			cur, err := store.EventByID(env.Ctx, db, c.EventID)
			if err != nil {
				fmt.Fprintf(env.Stderr, "mitra review correct: %v\n", err)
				return ExitInput
			}
			*e = cur.Event
		} else if !set["type"] || !set["actors"] || !set["evidence"] {
			return usage("give --type, --actors and --evidence")
		}
		if err := editEvent(e, g, set, *typ, *mode, *actors, *recipients, *date, *contexts); err != nil {
			return usage(err.Error())
		}
		if verb == "add" {
			e.Sentence = *evidence
		}
		c.Event = e
	}
	out, err := rv.Review(env.Ctx, c)
	switch {
	case errors.Is(err, store.ErrInvalid), errors.Is(err, store.ErrNotFound):
		fmt.Fprintf(env.Stderr, "mitra %s\n", printable(err.Error()))
		return ExitInput
	case err != nil:
		fmt.Fprintf(env.Stderr, "mitra review: %v\n", err)
		return ExitInput
	}
	line := summaryLine(summaryLang(""), g)
	what := ""
	switch {
	case out.Event != nil:
		what = ": " + line(out.Event)
	case out.Before != nil:
		what = ": " + line(&out.Before.Event)
	}
	fmt.Fprintf(env.Stdout, "correction %d: %s %s by %s%s\n", out.ID, out.Action, printable(firstOf(out.EventID, out.DocHash)), printable(out.Author), printable(what))
	return ExitOK
}

// editEvent applies the fields given on the command line to e.
func editEvent(e *record.Event, g *actor.Gazetteer, set map[string]bool, typ, mode, actors, recipients, date, contexts string) error {
	if set["type"] {
		t, ok := record.ParseType(strings.ToUpper(strings.TrimSpace(typ)))
		if !ok {
			return fmt.Errorf("--type %q: want a PLOVER type (AGREE … ASSAULT)", typ)
		}
		if t != e.Type && !set["mode"] {
			e.Mode = "" // the old type's mode
		}
		e.Type = t
	}
	if set["mode"] {
		e.Mode = record.Mode(strings.TrimSpace(mode))
		if mode == "-" {
			e.Mode = ""
		}
	}
	parties := func(s string) ([]record.Party, error) {
		ps := []record.Party{}
		if strings.TrimSpace(s) == "-" {
			return ps, nil
		}
		for _, x := range strings.Split(s, ",") {
			if strings.TrimSpace(x) == "" {
				continue
			}
			c, err := partyCode(g, x)
			if err != nil {
				return nil, err
			}
			ps = append(ps, record.Party{Code: c})
		}
		return ps, nil
	}
	var err error
	if set["actors"] {
		if e.Actors, err = parties(actors); err != nil {
			return fmt.Errorf("--actors: %v", err)
		}
	}
	if set["recipients"] {
		if e.Recipients, err = parties(recipients); err != nil {
			return fmt.Errorf("--recipients: %v", err)
		}
	}
	if set["date"] {
		e.Date = nil
		if d := strings.TrimSpace(date); d != "-" && d != "" {
			e.Date = &d
		}
	}
	if set["contexts"] {
		e.Contexts = []string{}
		if strings.TrimSpace(contexts) != "-" {
			for _, x := range strings.Split(contexts, ",") {
				if x = strings.TrimSpace(strings.ToLower(x)); x != "" {
					e.Contexts = append(e.Contexts, x)
				}
			}
		}
	}
	return nil
}

func listCorrections(env *Env, db store.Store, rv store.Reviewer, doc string, live bool) int {
	f := store.CorrectionFilter{Live: live}
	if doc != "" {
		d, err := db.Document(env.Ctx, doc)
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra review list: %v\n", err)
			return ExitInput
		}
		f.Doc = d.Hash
	}
	cs, err := rv.Corrections(env.Ctx, f)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra review list: %v\n", err)
		return ExitInput
	}
	g, _ := gazetteer()
	line := summaryLine(summaryLang(""), g)
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tAT\tBY\tACTION\tEVENT\tBEFORE\tAFTER\tSTATE")
	for i := range cs {
		c := &cs[i]
		before, after := "-", "-"
		if c.Before != nil {
			before = line(&c.Before.Event)
		}
		if c.Event != nil {
			after = line(c.Event)
		}
		state := "stands"
		switch {
		case c.Action == store.Undo:
			state = fmt.Sprintf("undoes %d", c.Undoes)
		case c.UndoneBy != 0:
			state = fmt.Sprintf("undone by %d", c.UndoneBy)
		}
		if c.Reapplied != 0 {
			state += fmt.Sprintf(" (repeats %d)", c.Reapplied)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.At.Local().Format(time.DateTime), printable(c.Author), c.Action,
			printable(firstOf(c.EventID, c.DocHash[:min(12, len(c.DocHash))])), printable(before), printable(after), state)
	}
	tw.Flush()
	return ExitOK
}

func firstOf(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// defaultAuthor names the user for --by.
func defaultAuthor() string {
	for _, k := range []string{"MITRA_AUTHOR", "USER", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "cli"
}

// exportGold writes the reviewed pages in the gold format (export.Gold):
// those a reviewer confirmed, or (any) every page with a standing
// correction, in the order they were first reviewed.
func exportGold(env *Env, db store.Store, w io.Writer, anyCorrected bool) error {
	rv, ok := db.(store.Reviewer)
	if !ok {
		return errors.New("this store takes no corrections")
	}
	cs, err := rv.Corrections(env.Ctx, store.CorrectionFilter{Live: true})
	if err != nil {
		return err
	}
	var hashes []string
	seen := map[string]bool{}
	for i := len(cs) - 1; i >= 0; i-- {
		c := &cs[i]
		if (anyCorrected || c.Action == store.Confirm) && !seen[c.DocHash] {
			seen[c.DocHash] = true
			hashes = append(hashes, c.DocHash)
		}
	}
	var docs []export.GoldDoc
	for _, h := range hashes {
		d, err := db.Document(env.Ctx, h)
		if err != nil {
			return err
		}
		evs, err := db.Events(env.Ctx, store.Filter{Doc: h})
		if err != nil {
			return err
		}
		docs = append(docs, export.GoldOf(d, evs))
	}
	if len(docs) == 0 {
		fmt.Fprintln(env.Stderr, "mitra export: no reviewed page (confirm pages with `mitra review confirm DOC`, or give --reviewed any)")
	}
	return export.Gold(w, docs)
}
