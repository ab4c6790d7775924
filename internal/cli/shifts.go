package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"mitra/internal/lang/world"
	"mitra/internal/shift"
	"mitra/internal/store"
	"mitra/internal/summary"
)

var cmdShifts = &Command{
	Name:  "shifts",
	Usage: "[--db PATH] [--party X] [--from DATE] [--to DATE] [--min-confidence C] [--evidence N] [--format table|jsonl] [--lang en|id]",
	Short: "where each state's relations shift: change points in its monthly acts with each partner, with the acts that drive them",
}

func init() { cmdShifts.Run = runShifts }

func runShifts(env *Env, args []string) int {
	fs := newFlags(env, cmdShifts)
	dbPath := dbFlag(fs)
	party := fs.String("party", "", "the state whose relations are read (code or name); none: every party with enough acts")
	from := fs.String("from", "", "first month read: YYYY-MM-DD, YYYY-MM or YYYY (default: the state's first act)")
	to := fs.String("to", "", "last month read (default: the state's last act)")
	minConf := fs.Float64("min-confidence", 1-shift.DefaultAlpha, "keep shifts at least this confident (1 − p-value), from 0.5 to below 1")
	evidence := fs.Int("evidence", 3, "acts listed on each side of a shift (table)")
	format := fs.String("format", "table", "table or jsonl (one shift a line)")
	lang := langFlag(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return ExitUsage
	}
	if *format != "table" && *format != "jsonl" {
		fmt.Fprintf(env.Stderr, "mitra shifts: --format %q: want table or jsonl\n", *format)
		return ExitUsage
	}
	if *minConf < 0.5 || *minConf >= 1 {
		fmt.Fprintf(env.Stderr, "mitra shifts: --min-confidence %g: want a number from 0.5 to below 1\n", *minConf)
		return ExitUsage
	}
	opt := shift.Options{Alpha: 1 - *minConf, From: monthArg(*from, false), To: monthArg(*to, true)}
	for _, m := range [][2]string{{*from, opt.From}, {*to, opt.To}} {
		if m[0] != "" && m[1] == "" {
			fmt.Fprintf(env.Stderr, "mitra shifts: date %q: want YYYY-MM-DD, YYYY-MM or YYYY\n", m[0])
			return ExitUsage
		}
	}
	if opt.From != "" && opt.To != "" && opt.From > opt.To {
		fmt.Fprintf(env.Stderr, "mitra shifts: --from %s is after --to %s\n", *from, *to)
		return ExitUsage
	}
	g, err := gazetteer()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra shifts: %v\n", err)
		return ExitUsage
	}
	code := ""
	if *party != "" {
		if code, err = partyCode(g, *party); err != nil {
			fmt.Fprintf(env.Stderr, "mitra shifts: --party: %v\n", err)
			return ExitUsage
		}
	}
	db, _, err := openDB(env.Ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra shifts: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	acts, ev, err := shift.Load(env.Ctx, db, store.Filter{Party: code}, shift.DefaultWords())
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra shifts: %v\n", err)
		return ExitInput
	}
	states := []string{code}
	if code == "" {
		states = statesOf(acts)
	}
	l := summaryLang(*lang)
	line := summaryLine(l, g)
	name := func(c string) string {
		n := world.EnglishName(c)
		if l == summary.Indonesian {
			n = g.Name(c)
		}
		if n == "" || n == c {
			return c
		}
		return n + " (" + c + ")"
	}
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	total := 0
	for _, st := range states {
		res, err := shift.Detect(acts, st, opt)
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra shifts: %v\n", err)
			return ExitUsage
		}
		total += len(res.Shifts)
		if *format == "jsonl" {
			for _, sh := range res.Shifts {
				if err := enc.Encode(shiftRecord(sh, ev)); err != nil {
					fmt.Fprintf(env.Stderr, "mitra shifts: %v\n", err)
					return ExitInput
				}
			}
			continue
		}
		if code == "" && len(res.Shifts) == 0 {
			continue // every party: only those with shifts
		}
		tested := 0
		for _, p := range res.Partners {
			if p.Tested {
				tested++
			}
		}
		head := fmt.Sprintf("%s: no dated acts", name(st))
		if len(res.Months) > 0 {
			head = fmt.Sprintf("%s: %s – %s, %s (%d with enough acts to test), %s", name(st),
				res.Months[0], res.Months[len(res.Months)-1], plural(len(res.Partners), "partner"), tested, plural(len(res.Shifts), "shift"))
		}
		if lo := res.LeftOut; lo != (shift.LeftOut{}) {
			head += fmt.Sprintf("; left out: %d undated, %d dated only to the year, %d outside the period", lo.Undated, lo.YearOnly, lo.Outside)
		}
		fmt.Fprintln(out, head)
		if len(res.Shifts) == 0 {
			fmt.Fprintln(out)
			continue
		}
		for _, sh := range res.Shifts {
			fmt.Fprintf(out, "  %s  %s  %s %s  coop/conflict a month %.2f/%.2f (%s–%s) → %.2f/%.2f (%s–%s)  confidence %.3f\n",
				sh.Month, name(sh.Partner), arrow(sh.Direction), sh.Kind,
				sh.Before.CoopRate, sh.Before.ConflictRate, sh.Before.From, sh.Before.To,
				sh.After.CoopRate, sh.After.ConflictRate, sh.After.From, sh.After.To, sh.Confidence)
			for _, side := range []struct {
				label string
				ids   []int64
			}{{"before", sh.BeforeActs}, {"after ", sh.AfterActs}} {
				for _, id := range side.ids[:min(len(side.ids), max(*evidence, 0))] {
					ms := ev[id]
					if len(ms) == 0 {
						continue
					}
					e := &ms[0]
					note := ""
					if res.Readings[id].Forced {
						note = " [forced exit: read as conflict]"
					}
					fmt.Fprintf(out, "      %s  %s%s  [%s]\n", side.label, printable(line(&e.Event)), note, printable(e.Doc))
				}
			}
		}
		fmt.Fprintln(out)
	}
	if *format == "table" && code == "" && total == 0 {
		fmt.Fprintln(out, "no shifts")
	}
	return ExitOK
}

// plural writes "1 shift", "2 shifts".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func arrow(d shift.Direction) string {
	if d == shift.Up {
		return "↑"
	}
	return "↓"
}

// shiftLine is one line of `mitra shifts --format jsonl`, as /api/shifts
// has it but with party codes and event ids.
type shiftLine struct {
	State        string     `json:"state"`
	Partner      string     `json:"partner"`
	Month        string     `json:"month"`
	Direction    string     `json:"direction"`
	Kind         string     `json:"kind"`
	Size         float64    `json:"size"`
	Confidence   float64    `json:"confidence"`
	PValue       float64    `json:"p_value"`
	Before       regimeLine `json:"before"`
	After        regimeLine `json:"after"`
	BeforeEvents []string   `json:"before_events"` // event ids: each act's first mention
	AfterEvents  []string   `json:"after_events"`
}

type regimeLine struct {
	From         string  `json:"from"`
	To           string  `json:"to"`
	Months       int     `json:"months"`
	Coop         int     `json:"coop"`
	Conflict     int     `json:"conflict"`
	CoopRate     float64 `json:"coop_rate"`
	ConflictRate float64 `json:"conflict_rate"`
}

func regimeOf(r shift.Regime) regimeLine {
	return regimeLine{r.From, r.To, r.Months, r.Coop, r.Conflict, r.CoopRate, r.ConflictRate}
}

func shiftRecord(sh shift.Shift, ev shift.Evidence) shiftLine {
	ids := func(acts []int64) []string {
		out := []string{}
		for _, a := range acts {
			if ms := ev[a]; len(ms) > 0 {
				out = append(out, ms[0].ID)
			}
		}
		return out
	}
	return shiftLine{sh.State, sh.Partner, sh.Month, string(sh.Direction), string(sh.Kind), sh.Size, sh.Confidence,
		sh.PValue, regimeOf(sh.Before), regimeOf(sh.After), ids(sh.BeforeActs), ids(sh.AfterActs)}
}

// monthArg turns a date flag into the month it starts (or, upper, ends)
// in; "" when it is not a date.
func monthArg(d string, upper bool) string {
	if d == "" {
		return ""
	}
	if msg := checkDates(padArg(d), ""); msg != "" {
		return ""
	}
	if len(d) == 4 {
		if upper {
			return d + "-12"
		}
		return d + "-01"
	}
	return d[:7]
}

// padArg pads YYYY and YYYY-MM to a day, for checkDates.
func padArg(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

// statesOf returns every party of acts in at least shift.DefaultMinActs of
// them, in code order.
func statesOf(acts []shift.Act) []string {
	n := map[string]int{}
	var order []string
	for _, a := range acts {
		if k := store.PartyKey(a.Actors, a.Recipients); k != "" {
			for _, p := range strings.Split(k, ",") {
				if n[p] == 0 {
					order = append(order, p)
				}
				n[p]++
			}
		}
	}
	var out []string
	for _, p := range order {
		if n[p] >= shift.DefaultMinActs {
			out = append(out, p)
		}
	}
	sortStrings(out)
	return out
}
