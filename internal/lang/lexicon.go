package lang

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"mitra/internal/record"
	"mitra/internal/token"
)

// Trigger is one line of triggers.tsv: a pattern of roots that names an
// event type.
type Trigger struct {
	Pattern  []Elem
	Type     record.Type
	Mode     record.Mode
	Contexts []string
	Flags    Flags
	Prio     int
	Line     int // line in triggers.tsv, for diagnostics
}

// Elem is one element of a trigger pattern: alternatives, each a sequence
// of words, optionally preceded by a gap of up to Gap other tokens.
type Elem struct {
	Alts []Alt
	Gap  int
}

// Alt is one alternative of an element: consecutive words that match a
// token's root or form, or only its form when Exact ("=menarik").
type Alt struct {
	Words []string
	Exact bool
}

// Flags modify how a trigger is read.
type Flags struct {
	Recip  bool // reciprocal by default: all parties are actors
	Noun   bool // a nominalisation: parties follow it ("kunjungan X ke Y")
	NoPass bool // never read as passive
	Weak   bool // only when the sentence has no other trigger
	Host   bool // the subject hosts: recipient before, actor after ("menerima kunjungan X")
	Light  bool // a light verb that yields to a trigger noun right after it ("menyepakati sanksi")
}

// flagNames maps triggers.tsv's flag names to setters.
var flagNames = map[string]func(*Flags){
	"recip":  func(f *Flags) { f.Recip = true },
	"noun":   func(f *Flags) { f.Noun = true },
	"nopass": func(f *Flags) { f.NoPass = true },
	"weak":   func(f *Flags) { f.Weak = true },
	"host":   func(f *Flags) { f.Host = true },
	"light":  func(f *Flags) { f.Light = true },
}

// Lexicon is a pack's parsed event vocabulary.
type Lexicon struct {
	Triggers []Trigger
	// ByFirst indexes triggers by the alternatives of their first element.
	ByFirst map[string][]int
	// Words maps a lower-case form (one or more space-separated tokens) to
	// its classes, e.g. "tidak" → Neg.
	Words map[string]Class
	// MaxWordLen is the longest multi-token form in Words.
	MaxWordLen int
	// WordStarts maps the first token of every form in Words to the length
	// of the longest form starting with it, so a look-up tries only forms
	// that can match.
	WordStarts map[string]int
	// Contexts maps a root or form to the contexts it suggests.
	Contexts map[string][]string
}

// Class returns the classes of a one-token lower-case form.
func (lx *Lexicon) Class(w string) Class { return lx.Words[w] }

// LoadLexicon reads triggers.tsv, words.tsv and contexts.tsv from fsys.
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	lx := &Lexicon{ByFirst: map[string][]int{}, Words: map[string]Class{}, WordStarts: map[string]int{}, Contexts: map[string][]string{}}
	if err := eachLine(fsys, TriggersFile, func(n int, f []string) error {
		return lx.addTrigger(n, f)
	}); err != nil {
		return nil, err
	}
	if err := eachLine(fsys, WordsFile, func(n int, f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want form<TAB>class, got %d fields", len(f))
		}
		form := normForm(f[0])
		if form == "" {
			return fmt.Errorf("empty form")
		}
		for _, c := range strings.Split(f[1], ",") {
			cl, err := ParseClass(strings.TrimSpace(c))
			if err != nil {
				return err
			}
			lx.Words[form] |= cl
		}
		k := strings.Count(form, " ") + 1
		lx.MaxWordLen = max(lx.MaxWordLen, k)
		first, _, _ := strings.Cut(form, " ")
		lx.WordStarts[first] = max(lx.WordStarts[first], k)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine(fsys, ContextsFile, func(n int, f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want root<TAB>contexts, got %d fields", len(f))
		}
		cs, err := splitContexts(f[1])
		if err != nil {
			return err
		}
		k := normForm(f[0])
		lx.Contexts[k] = append(lx.Contexts[k], cs...)
		return nil
	}); err != nil {
		return nil, err
	}
	return lx, nil
}

func splitContexts(s string) ([]string, error) {
	var out []string
	for _, c := range strings.Split(s, ",") {
		c = strings.TrimSpace(c)
		if c == "" || c == "-" {
			continue
		}
		if !record.ValidContext(c) {
			return nil, fmt.Errorf("unknown context %q%s", c, suggest(c, record.Contexts))
		}
		out = append(out, c)
	}
	return out, nil
}

// normForm tokenises a data-file form the way documents are tokenised.
func normForm(s string) string {
	toks := token.Tokenize(s, 0)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Lower
	}
	return strings.Join(parts, " ")
}

func (lx *Lexicon) addTrigger(n int, f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("want pattern<TAB>type[<TAB>mode<TAB>contexts<TAB>flags], got %d fields", len(f))
	}
	typ, ok := record.ParseType(strings.TrimSpace(f[1]))
	if !ok {
		return fmt.Errorf("unknown event type %q%s", f[1], suggest(strings.TrimSpace(f[1]), typeNames()))
	}
	tr := Trigger{Type: typ, Line: n}
	gap := 0
	words := strings.Fields(f[0])
	for i := 0; i < len(words); {
		w := words[i]
		if strings.HasPrefix(w, "...") {
			if _, err := fmt.Sscanf(w[3:], "%d", &gap); err != nil || gap < 1 || gap > 8 {
				return fmt.Errorf("bad gap %q (want ...1 to ...8)", w)
			}
			i++
			continue
		}
		// An element runs to the next gap marker; "|" separates alternatives.
		j := i
		for j < len(words) && !strings.HasPrefix(words[j], "...") {
			j++
		}
		e := Elem{Gap: gap}
		gap = 0
		for _, a := range strings.Split(strings.Join(words[i:j], " "), "|") {
			a = strings.TrimSpace(a)
			if a == "" {
				return fmt.Errorf("empty alternative in %q", f[0])
			}
			alt := Alt{Exact: strings.HasPrefix(a, "=")}
			alt.Words = strings.Fields(normForm(strings.ReplaceAll(a, "=", "")))
			if len(alt.Words) == 0 {
				return fmt.Errorf("alternative %q has no word", a)
			}
			e.Alts = append(e.Alts, alt)
		}
		tr.Pattern = append(tr.Pattern, e)
		i = j
	}
	if len(tr.Pattern) == 0 {
		return fmt.Errorf("empty pattern")
	}
	if gap != 0 {
		return fmt.Errorf("pattern ends with a gap")
	}
	if len(f) > 2 {
		tr.Mode = record.Mode(strings.TrimSpace(f[2]))
		if tr.Mode == "-" {
			tr.Mode = record.NoMode
		}
		if !tr.Type.ValidMode(tr.Mode) {
			return fmt.Errorf("%s has no mode %q", tr.Type, tr.Mode)
		}
	}
	if len(f) > 3 {
		cs, err := splitContexts(f[3])
		if err != nil {
			return err
		}
		tr.Contexts = cs
	}
	if len(f) > 4 {
		for _, fl := range strings.Split(f[4], ",") {
			fl = strings.TrimSpace(fl)
			switch {
			case fl == "" || fl == "-":
			case strings.HasPrefix(fl, "prio="):
				if _, err := fmt.Sscanf(fl[5:], "%d", &tr.Prio); err != nil {
					return fmt.Errorf("bad priority %q", fl)
				}
			default:
				set, ok := flagNames[fl]
				if !ok {
					return fmt.Errorf("unknown flag %q%s", fl, suggest(fl, SortedKeys(flagNames)))
				}
				set(&tr.Flags)
			}
		}
	}
	i := len(lx.Triggers)
	lx.Triggers = append(lx.Triggers, tr)
	seen := map[string]bool{}
	for _, a := range tr.Pattern[0].Alts {
		if k := a.Words[0]; !seen[k] {
			seen[k] = true
			lx.ByFirst[k] = append(lx.ByFirst[k], i)
		}
	}
	return nil
}

func typeNames() []string {
	out := make([]string, len(record.Types))
	for i, t := range record.Types {
		out[i] = string(t)
	}
	return out
}

// eachLine calls fn for each non-comment line of a TSV file, with its
// tab-separated fields; errors are prefixed with file:line.
func eachLine(fsys fs.FS, name string, fn func(n int, fields []string) error) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("load %s: %w", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	base := name[strings.LastIndexByte(name, '/')+1:]
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r ")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if err := fn(n, strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", base, n, err)
		}
	}
	return sc.Err()
}

// suggest returns ` (did you mean "X"?)` for the closest name within edit
// distance 2, or "".
func suggest(s string, names []string) string {
	best, bd := "", 3
	for _, n := range names {
		if d := editDistance(s, n); d < bd {
			best, bd = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// SortedKeys returns m's keys in order; for stable diagnostics.
func SortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
