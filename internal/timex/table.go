package timex

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"mitra/internal/token"
)

// role marks the roles of a word that are not numbers.
type role uint16

const (
	fAgo role = 1 << iota
	fFuture
	fAt
	fSince
	fEnd
	fPart
	fQual
	fFiller
	fSource
	fSay
	fPublished
	fUpdated
	fDocNo
	fTZ
	fDecade
)

// word holds every role one form plays. A form may be, say, both a unit
// ("tahun lalu") and a preposition ("tahun 2013").
type word struct {
	month   int8 // 1..12, 0 when not a month
	weekday int8 // 1..7 (Monday..Sunday), 0 when not a weekday
	wdCap   bool // the weekday reading needs a capital letter
	unit    byte // 'd', 'w', 'm', 'y' or 0
	unitN   int8 // count built into the unit ("setahun" = 1 year)
	num     int8 // number word value; -1 for "few"
	rel     rel  // relative period when rel.unit != 0
	tz      int8 // hours east of UTC when flags&fTZ != 0
	flags   role
}

// rel is a period relative to the publication date: n units of unit.
type rel struct {
	n    int
	unit byte
}

// phrase is a form of several words, keyed in Table.phrases by its first.
type phrase struct {
	rest []string
	w    *word
}

// Table holds one language family's date words. It is read-only after
// LoadTable and safe for concurrent use.
type Table struct {
	words   map[string]*word
	phrases map[string][]phrase // longest first
	// inPhrase holds every word of a multi-word part-of-day form, so that
	// PubDate can step back over "waktu setempat" word by word.
	inPhrase map[string]role
}

var kinds = map[string]bool{
	"month": true, "weekday": true, "rel": true, "unit": true, "num": true, "ago": true,
	"future": true, "prep": true, "part": true, "qual": true, "filler": true, "cite": true,
	"pub": true, "docno": true, "tz": true, "decade": true,
}

// LoadTable reads a date-word table: lines of form<TAB>kind<TAB>value, with
// blank lines and lines starting with # ignored. The kinds are described in
// the header of internal/lang/id/data/dates.tsv. Errors name the file and
// line, as in `dates.tsv:12: unknown kind "mnth"`.
func LoadTable(fsys fs.FS, name string) (*Table, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("load date table: %w", err)
	}
	return parseTable(name, data)
}

func parseTable(name string, data []byte) (*Table, error) {
	t := &Table{
		words:    make(map[string]*word),
		phrases:  make(map[string][]phrase),
		inPhrase: make(map[string]role),
	}
	type key struct{ form, kind string }
	seen := make(map[key]int)
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(strings.TrimSpace(s), "#") {
			continue
		}
		errf := func(format string, a ...any) error {
			return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, a...))
		}
		f := strings.Split(s, "\t")
		if len(f) != 3 {
			return nil, errf("want 3 tab-separated fields (form, kind, value), got %d", len(f))
		}
		form := strings.Join(strings.Fields(token.Fold(f[0])), " ")
		kind, val := strings.TrimSpace(f[1]), strings.TrimSpace(f[2])
		if form == "" {
			return nil, errf("empty form")
		}
		if !kinds[kind] {
			return nil, errf("unknown kind %q", kind)
		}
		if prev, ok := seen[key{form, kind}]; ok {
			return nil, errf("duplicate %s %q (first on line %d)", kind, form, prev)
		}
		seen[key{form, kind}] = line
		w := t.entry(form)
		if err := w.set(kind, val); err != nil {
			return nil, errf("%v", err)
		}
		if kind == "part" {
			if ws := strings.Fields(form); len(ws) > 1 {
				for _, x := range ws {
					t.inPhrase[x] |= fPart
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for k, ps := range t.phrases {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].rest) > len(ps[j].rest) })
		t.phrases[k] = ps
	}
	return t, nil
}

// entry returns the word for form, creating it.
func (t *Table) entry(form string) *word {
	ws := strings.Fields(form)
	if len(ws) == 1 {
		w := t.words[form]
		if w == nil {
			w = new(word)
			t.words[form] = w
		}
		return w
	}
	for _, p := range t.phrases[ws[0]] {
		if strings.Join(p.rest, " ") == strings.Join(ws[1:], " ") {
			return p.w
		}
	}
	w := new(word)
	t.phrases[ws[0]] = append(t.phrases[ws[0]], phrase{rest: ws[1:], w: w})
	return w
}

func (w *word) set(kind, val string) error {
	switch kind {
	case "month":
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > 12 {
			return fmt.Errorf("month value %q: want 1..12", val)
		}
		w.month = int8(n)
	case "weekday":
		v, cap := strings.CutSuffix(val, " cap")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > 7 {
			return fmt.Errorf("weekday value %q: want 1..7 (Monday..Sunday), optionally followed by \" cap\"", val)
		}
		w.weekday, w.wdCap = int8(n), cap
	case "rel":
		r, ok := parseRel(val)
		if !ok {
			return fmt.Errorf("rel value %q: want [+-]N followed by d, w, m or y (e.g. -1d, 0y)", val)
		}
		w.rel = r
	case "unit":
		if val == "" {
			return fmt.Errorf("unit value is empty: want d, w, m or y")
		}
		u := val[len(val)-1]
		n := 0
		if len(val) > 1 {
			var err error
			n, err = strconv.Atoi(val[:len(val)-1])
			if err != nil || n < 1 || n > 100 {
				return fmt.Errorf("unit value %q: want d, w, m or y, optionally after a count", val)
			}
		}
		if !strings.ContainsRune("dwmy", rune(u)) {
			return fmt.Errorf("unit value %q: want d, w, m or y", val)
		}
		w.unit, w.unitN = u, int8(n)
	case "num":
		if val == "few" {
			w.num = -1
			break
		}
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > 100 {
			return fmt.Errorf("num value %q: want 1..100 or few", val)
		}
		w.num = int8(n)
	case "prep":
		switch val {
		case "at":
			w.flags |= fAt
		case "since":
			w.flags |= fSince
		case "end":
			w.flags |= fEnd
		default:
			return fmt.Errorf("prep value %q: want at, since or end", val)
		}
	case "cite":
		switch val {
		case "source":
			w.flags |= fSource
		case "say":
			w.flags |= fSay
		default:
			return fmt.Errorf("cite value %q: want source or say", val)
		}
	case "pub":
		switch val {
		case "published":
			w.flags |= fPublished
		case "updated":
			w.flags |= fUpdated
		default:
			return fmt.Errorf("pub value %q: want published or updated", val)
		}
	case "tz":
		n, err := strconv.Atoi(val)
		if err != nil || n < -12 || n > 14 {
			return fmt.Errorf("tz value %q: want hours east of UTC, -12..14", val)
		}
		w.tz, w.flags = int8(n), w.flags|fTZ
	default: // ago, future, part, qual, filler, docno, decade: the value is unused
		if val != "-" {
			return fmt.Errorf("%s value %q: want -", kind, val)
		}
		w.flags |= map[string]role{"ago": fAgo, "future": fFuture, "part": fPart,
			"qual": fQual, "filler": fFiller, "docno": fDocNo, "decade": fDecade}[kind]
	}
	return nil
}

func parseRel(s string) (rel, bool) {
	if len(s) < 2 {
		return rel{}, false
	}
	u := s[len(s)-1]
	if !strings.ContainsRune("dwmy", rune(u)) {
		return rel{}, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < -100 || n > 100 {
		return rel{}, false
	}
	return rel{n: n, unit: u}, true
}

// lookup returns the roles of the form starting at word i of a sequence of
// lower-cased words, and how many words it spans (0 when unknown). The
// longest form wins. A single word ending in -nya ("tertulisnya") is also
// looked up without the suffix, and an English possessive ("Tuesday's")
// without its "'s".
func (t *Table) lookup(n int, at func(int) string, i int) (*word, int) {
	first := at(i)
	for _, p := range t.phrases[first] {
		if i+len(p.rest) >= n {
			continue
		}
		ok := true
		for k, r := range p.rest {
			x := at(i + 1 + k)
			if x != r && (k < len(p.rest)-1 || len(x) != len(r)+3 || !strings.HasPrefix(x, r) || !strings.HasSuffix(x, "nya")) {
				ok = false
				break
			}
		}
		if ok {
			return p.w, 1 + len(p.rest)
		}
	}
	if w := t.words[first]; w != nil {
		return w, 1
	}
	if s, ok := strings.CutSuffix(first, "nya"); ok && len(s) > 2 {
		if w := t.words[s]; w != nil {
			return w, 1
		}
	}
	if s, ok := strings.CutSuffix(first, "'s"); ok && len(s) > 2 {
		// English possessive: "Tuesday's talks".
		if w := t.words[s]; w != nil && (w.weekday > 0 || w.month > 0 || w.rel.unit != 0) {
			return w, 1
		}
	}
	return nil, 0
}

// Weekday reports whether the lower-case word w names a day of the week
// (in any reading, capitalised or not).
func (t *Table) Weekday(w string) bool {
	x := t.words[w]
	return x != nil && x.weekday != 0
}
