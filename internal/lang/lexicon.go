package lang

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"slices"
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
	// First indexes the alternatives by their first word when there are
	// many (an object list such as "bantuan|senjata|obat|…"), so that a
	// token is tried against the few that can match; nil otherwise.
	First map[string][]int
	// Single is true when every alternative is one word.
	Single bool
}

// minIndexed is the number of alternatives from which an element is indexed.
const minIndexed = 8

// Alt is one alternative of an element: consecutive words that match a
// token's root or form, or only its form when Exact ("=menarik").
type Alt struct {
	Words []string
	Exact bool
	// Derivs holds, for each word, the derivations of the root that count
	// ("tolak{meN,di,ter,peN-an}"), or nil for any; Derivs is nil when no
	// word has a set.
	Derivs []*Deriv
}

// Deriv is a derivation set: which affixed forms of a root a trigger word
// accepts. triggers.tsv writes it in braces after the root: a comma-separated
// list of derivations, each "!"-prefixed to exclude it —
// "tolak{meN,di,ter,peN-an}" (menolak, ditolak, tertolak, penolakan),
// "tolak{!ber}" (any form but bertolak), "sedia{0,ber}" (sedia, bersedia).
// A derivation is PREFIX (with any suffix), PREFIX-SUFFIX, PREFIX+INNER or
// PREFIX+INNER-SUFFIX (a second prefix inside the first: meN+per-kan in
// mempertahankan), -SUFFIX (no prefix), or 0 (the bare root); SUFFIX 0 is no
// suffix ("peN-0": penolak, not penolakan). The names are the pack's
// (lang.Analyzer's Affixes). A token matches when its analysis matches one
// derivation of In (or In is empty) and none of Out.
type Deriv struct {
	In, Out []Derivation
}

// Derivation is one affix combination of a derivation set.
type Derivation struct {
	Prefix, Inner, Suffix string
	AnyInner, AnySuffix   bool
}

// Match reports whether m has the affixes of d.
func (d *Derivation) Match(m *Morph) bool {
	return m.Prefix == d.Prefix && (d.AnyInner || m.Inner == d.Inner) && (d.AnySuffix || m.Suffix == d.Suffix)
}

// Match reports whether a word analysed as m is a derivation the set
// accepts.
func (d *Deriv) Match(m *Morph) bool {
	for i := range d.Out {
		if d.Out[i].Match(m) {
			return false
		}
	}
	if len(d.In) == 0 {
		return true
	}
	for i := range d.In {
		if d.In[i].Match(m) {
			return true
		}
	}
	return false
}

// parseDerivation reads one derivation of a set ("meN-kan", "-an", "0").
func parseDerivation(s string) (Derivation, error) {
	if s == "0" {
		return Derivation{}, nil
	}
	var d Derivation
	pre, suf, hasSuf := strings.Cut(s, "-")
	pre, inner, hasInner := strings.Cut(pre, "+")
	d.Prefix, d.Inner = pre, inner
	d.AnyInner = !hasInner && pre != ""
	d.AnySuffix = !hasSuf
	if suf != "0" {
		d.Suffix = suf
	}
	if hasInner && (pre == "" || inner == "") || hasSuf && suf == "" || !hasSuf && pre == "" {
		return Derivation{}, fmt.Errorf("bad derivation %q (want PREFIX, PREFIX-SUFFIX, PREFIX+INNER[-SUFFIX], -SUFFIX or 0)", s)
	}
	return d, nil
}

// parseDeriv reads the inside of a derivation set's braces.
func parseDeriv(s string) (*Deriv, error) {
	d := &Deriv{}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		out := strings.HasPrefix(f, "!")
		x, err := parseDerivation(strings.TrimPrefix(f, "!"))
		if err != nil {
			return nil, err
		}
		if out {
			d.Out = append(d.Out, x)
		} else {
			d.In = append(d.In, x)
		}
	}
	return d, nil
}

// checkDeriv checks a set's affix names against the pack's analyser.
func checkDeriv(d *Deriv, an Analyzer) error {
	pre, suf := an.Affixes()
	for _, x := range append(append([]Derivation(nil), d.In...), d.Out...) {
		for _, p := range []string{x.Prefix, x.Inner} {
			if p != "" && !slices.Contains(pre, p) {
				return fmt.Errorf("unknown prefix %q%s", p, suggest(p, pre))
			}
		}
		if x.Suffix != "" && !slices.Contains(suf, x.Suffix) {
			return fmt.Errorf("unknown suffix %q%s", x.Suffix, suggest(x.Suffix, suf))
		}
	}
	return nil
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
// Derivation sets in triggers.tsv are read but their affix names are not
// checked (lang.Load checks them against the pack's Analyzer).
func LoadLexicon(fsys fs.FS) (*Lexicon, error) { return loadLexicon(fsys, nil) }

// loadLexicon is LoadLexicon; with an analyser, a derivation set's affix
// names must be the analyser's and its root must be a root.
func loadLexicon(fsys fs.FS, an Analyzer) (*Lexicon, error) {
	lx := &Lexicon{ByFirst: map[string][]int{}, Words: map[string]Class{}, WordStarts: map[string]int{}, Contexts: map[string][]string{}}
	if err := eachLine(fsys, TriggersFile, func(n int, f []string) error {
		return lx.addTrigger(n, f, an)
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

func (lx *Lexicon) addTrigger(n int, f []string, an Analyzer) error {
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
			alt, err := parseAlt(a, an)
			if err != nil {
				return err
			}
			e.Alts = append(e.Alts, alt)
		}
		e.Single = true
		for _, a := range e.Alts {
			e.Single = e.Single && len(a.Words) == 1
		}
		if len(e.Alts) >= minIndexed {
			e.First = map[string][]int{}
			for k, a := range e.Alts {
				e.First[a.Words[0]] = append(e.First[a.Words[0]], k)
			}
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

// parseAlt reads one alternative of a pattern element: words, each
// optionally followed by a derivation set in braces, or "=" and exact
// forms.
func parseAlt(a string, an Analyzer) (Alt, error) {
	alt := Alt{Exact: strings.HasPrefix(a, "=")}
	if !strings.ContainsAny(a, "{}") {
		alt.Words = strings.Fields(normForm(strings.ReplaceAll(a, "=", "")))
		if len(alt.Words) == 0 {
			return Alt{}, fmt.Errorf("alternative %q has no word", a)
		}
		return alt, nil
	}
	if alt.Exact {
		return Alt{}, fmt.Errorf("%q: an exact form (=) takes no derivation set", a)
	}
	for _, f := range strings.Fields(a) {
		word, set, braced := strings.Cut(f, "{")
		var d *Deriv
		if braced {
			inside, ok := strings.CutSuffix(set, "}")
			if !ok || strings.ContainsAny(inside, "{}") || inside == "" {
				return Alt{}, fmt.Errorf("%q: a derivation set is one {…} right after its root", f)
			}
			var err error
			if d, err = parseDeriv(inside); err != nil {
				return Alt{}, fmt.Errorf("%q: %w", f, err)
			}
		} else if strings.Contains(word, "}") {
			return Alt{}, fmt.Errorf("%q: unopened }", f)
		}
		ws := strings.Fields(normForm(word))
		if len(ws) == 0 {
			return Alt{}, fmt.Errorf("%q: a derivation set needs a root before it", f)
		}
		if d != nil && len(ws) != 1 {
			return Alt{}, fmt.Errorf("%q: a derivation set follows one root", f)
		}
		if d != nil && an != nil {
			if err := checkDeriv(d, an); err != nil {
				return Alt{}, fmt.Errorf("%q: %w", f, err)
			}
			if r := an.Stem(ws[0]); r != ws[0] {
				return Alt{}, fmt.Errorf("%q: %q is not a root (the stemmer reads it as %q), so no form would match", f, ws[0], r)
			}
		}
		for range ws[1:] {
			alt.Derivs = append(alt.Derivs, nil)
		}
		alt.Words = append(alt.Words, ws...)
		alt.Derivs = append(alt.Derivs, d)
	}
	return alt, nil
}

// Deriv returns the derivation set of the alternative's j-th word, or nil.
func (a *Alt) Deriv(j int) *Deriv {
	if a.Derivs == nil {
		return nil
	}
	return a.Derivs[j]
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
