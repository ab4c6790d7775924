package actor

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"mitra/internal/article"
	"mitra/internal/token"
)

// Kind is what kind of party a form names; actors.tsv's third column.
type Kind string

// Kinds of mention.
const (
	KindState     Kind = "state"
	KindOrg       Kind = "org"
	KindCapital   Kind = "capital"
	KindGov       Kind = "gov"
	KindCompany   Kind = "company"
	KindMedia     Kind = "media"
	KindForce     Kind = "force"
	KindNick      Kind = "nick"
	KindTerritory Kind = "territory"
	KindDemonym   Kind = "demonym"
	KindPerson    Kind = "person"
	kindBlock     Kind = "block" // actors.tsv only: code "-"
)

var validKinds = []Kind{KindState, KindOrg, KindCapital, KindGov, KindCompany, KindMedia, KindForce,
	KindNick, KindTerritory, KindDemonym, kindBlock}

// Role is an office holder's role; leaders.tsv's third column.
type Role string

// Roles of persons.
const (
	HeadOfState Role = "HOS"
	HeadOfGov   Role = "HOG"
	ForeignMin  Role = "FM"
	DefenceMin  Role = "DM"
	Official    Role = "GOV"
)

// roleRank orders roles, senior first.
var roleRank = map[Role]int{HeadOfState: 5, HeadOfGov: 4, ForeignMin: 3, DefenceMin: 2, Official: 1}

// Words are the language's words the gazetteer reads a mention's context
// with; the language pack provides them.
type Words struct {
	// Place reports whether a lower-case word before a capital, territory
	// or venue makes it a place ("di Moskow", "kota Kyiv", "in Moscow").
	Place func(w string) bool
	// Language reports whether a word before a state name makes it a
	// language ("bahasa Inggris").
	Language func(w string) bool
	// Weekday reports whether a word names a day of the week: a place
	// followed by a comma and a weekday opens a dateline.
	Weekday func(w string) bool
	// Possessive returns the length in bytes of a possessive ending of a
	// token's text ("Russia's"), or 0.
	Possessive func(text string) int
}

func (w *Words) fill() {
	no := func(string) bool { return false }
	if w.Place == nil {
		w.Place = no
	}
	if w.Language == nil {
		w.Language = no
	}
	if w.Weekday == nil {
		w.Weekday = no
	}
	if w.Possessive == nil {
		w.Possessive = func(string) int { return 0 }
	}
}

// Source names one data file.
type Source struct {
	FS   fs.FS
	Name string
}

// Flags.
const (
	flagCase uint8 = 1 << iota
	flagWeak
	flagVenue
	flagGeneric
	flagHome
)

// The flags' names in the data files' flags column (format keywords).
const (
	caseFlag    = "case"
	weakFlag    = "weak"
	venueFlag   = "venue"
	genericFlag = "generic"
	homeFlag    = "home"
)

var flagNames = map[string]uint8{caseFlag: flagCase, weakFlag: flagWeak, venueFlag: flagVenue, genericFlag: flagGeneric, homeFlag: flagHome}

// Mention is one party found in a sentence.
type Mention struct {
	Code  string       // ISO alpha-3 or organisation code
	Kind  Kind         // state, org, capital, gov, company, media, force, nick, territory, demonym, person
	Role  Role         // for persons: HOS, HOG, FM, DM or GOV; else ""
	Tok0  int          // first token, index into the sentence's tokens
	Tok1  int          // one past the last token
	Span  article.Span // clean-text byte span
	Text  string
	Place bool // a capital, territory or venue used as a place ("di Moskow"): not a party
	// Former marks a person out of office on the date: Code is that of the
	// nearest term.
	Former bool
	// Weak marks an ambiguous form ("Korea", "Kongo", "Jordan").
	Weak bool
	// Home marks a name that only its own state's press uses bare ("Wisma
	// Putra", "Kemlu"): evidence of the page's home state.
	Home bool
	// Generic marks an institution named without its state ("Kementerian
	// Luar Negeri"): Code is the state a page means when it says nothing else.
	Generic bool
}

// Gazetteer maps surface forms to parties. It is immutable once loaded and
// safe for concurrent use.
type Gazetteer struct {
	nodes   []node
	entries []entry
	names   map[string]string
	codes   []string
	nforms  int
	words   Words
}

type node struct {
	next map[string]int32
	ents []int32 // entries whose form ends here; case-sensitive ones first
}

type entry struct {
	code  string
	kind  Kind
	flags uint8
	exact []string // token texts for case forms
	terms []term   // persons only, sorted by from
	src   string   // "file:line" of the first row
}

type term struct {
	code     string
	role     Role
	from, to int32 // days since 1970-01-01, inclusive
}

const (
	openFrom = math.MinInt32
	openTo   = math.MaxInt32
)

// Stats reports what a gazetteer holds.
type Stats struct {
	Forms   int // forms read from actors.tsv and leaders.tsv (hyphen variants not counted)
	Codes   int // distinct party codes
	Persons int // distinct person forms
}

// Stats returns counts for reports and tests.
func (g *Gazetteer) Stats() Stats {
	s := Stats{Forms: g.nforms, Codes: len(g.codes)}
	for i := range g.entries {
		if g.entries[i].kind == KindPerson {
			s.Persons++
		}
	}
	return s
}

// Name returns a display name for code: the first state or organisation form
// listed for it in actors.tsv (the Indonesian name), or code itself.
func (g *Gazetteer) Name(code string) string {
	if n, ok := g.names[code]; ok {
		return n
	}
	return code
}

// Codes returns every party code the gazetteer can produce, sorted.
func (g *Gazetteer) Codes() []string {
	return append([]string(nil), g.codes...)
}

// Load reads the actor and leader tables; words are the language's words
// the gazetteer reads context with. Errors name the file and line
// ("actors.tsv:12: unknown kind \"stat\""); all errors found are joined.
func Load(actors, leaders Source, words Words) (*Gazetteer, error) {
	b := newBuilder()
	words.fill()
	b.g.words = words
	if err := b.readFile(actors.FS, actors.Name, b.actorLine); err != nil {
		return nil, err
	}
	if err := b.readFile(leaders.FS, leaders.Name, b.leaderLine); err != nil {
		return nil, err
	}
	if len(b.errs) > 0 {
		if len(b.errs) > 20 {
			b.errs = append(b.errs[:20], fmt.Errorf("... and %d more errors", len(b.errs)-20))
		}
		return nil, errors.Join(b.errs...)
	}
	return b.finish(), nil
}

type builder struct {
	g      *Gazetteer
	errs   []error
	byKey  map[string]int32 // dedup key → entry
	hyph   [][]string       // hyphen-less variants to add after all explicit forms
	hyphE  []int32
	codes  map[string]bool
	file   string
	lineNo int
}

func newBuilder() *builder {
	return &builder{
		g:     &Gazetteer{nodes: []node{{}}, names: map[string]string{}},
		byKey: map[string]int32{},
		codes: map[string]bool{},
	}
}

func (b *builder) errorf(format string, args ...any) {
	b.errs = append(b.errs, fmt.Errorf("%s:%d: %s", b.file, b.lineNo, fmt.Sprintf(format, args...)))
}

func (b *builder) readFile(fsys fs.FS, name string, fn func(fields []string)) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	defer f.Close()
	b.file, b.lineNo = name, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		b.lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("load gazetteer %s: %w", name, err)
	}
	return nil
}

func validCode(c string) bool {
	if len(c) < 2 || len(c) > 6 {
		return false
	}
	for i := 0; i < len(c); i++ {
		if !(c[i] >= 'A' && c[i] <= 'Z' || c[i] >= '0' && c[i] <= '9') {
			return false
		}
	}
	return true
}

func (b *builder) parseFlags(s string) (uint8, bool) {
	var fl uint8
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		v, ok := flagNames[f]
		if !ok {
			b.errorf("unknown flag %q", f)
			return 0, false
		}
		fl |= v
	}
	return fl, true
}

// formTokens tokenises a form into matching keys and, for case forms, texts.
func formTokens(form string) (keys, texts []string) {
	toks := token.Tokenize(form, 0)
	for len(toks) > 0 && toks[len(toks)-1].Text == "." {
		toks = toks[:len(toks)-1]
	}
	for _, t := range toks {
		keys = append(keys, foldKey(t.Lower))
		texts = append(texts, t.Text)
	}
	return keys, texts
}

func (b *builder) actorLine(f []string) {
	if len(f) < 3 || len(f) > 4 {
		b.errorf("want 3 or 4 tab-separated fields (form, code, kind, flags), got %d", len(f))
		return
	}
	form, code, kind := strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), Kind(strings.TrimSpace(f[2]))
	var flags uint8
	if len(f) == 4 {
		var ok bool
		if flags, ok = b.parseFlags(f[3]); !ok {
			return
		}
	}
	if !slices.Contains(validKinds, kind) {
		b.errorf("unknown kind %q", kind)
		return
	}
	if (code == "-") != (kind == kindBlock) {
		b.errorf("code \"-\" goes with kind \"block\" and only with it (got %q, %q)", code, kind)
		return
	}
	if code != "-" && !validCode(code) {
		b.errorf("bad code %q", code)
		return
	}
	keys, texts := formTokens(form)
	if len(keys) == 0 {
		b.errorf("empty form")
		return
	}
	e := entry{code: code, kind: kind, flags: flags, src: fmt.Sprintf("%s:%d", b.file, b.lineNo)}
	if flags&flagCase != 0 {
		e.exact = texts
	}
	if b.add(form, keys, e, nil) && code != "-" {
		b.codes[code] = true
		if _, ok := b.g.names[code]; !ok && (kind == KindState || kind == KindOrg) {
			b.g.names[code] = form
		}
	}
}

func (b *builder) leaderLine(f []string) {
	if len(f) < 5 || len(f) > 6 {
		b.errorf("want 5 or 6 tab-separated fields (form, code, role, from, to, flags), got %d", len(f))
		return
	}
	form, code, role := strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), Role(strings.TrimSpace(f[2]))
	var flags uint8
	if len(f) == 6 {
		var ok bool
		if flags, ok = b.parseFlags(f[5]); !ok {
			return
		}
	}
	if !validCode(code) {
		b.errorf("bad code %q", code)
		return
	}
	if _, ok := roleRank[role]; !ok {
		b.errorf("unknown role %q", role)
		return
	}
	from, err := parseDate(strings.TrimSpace(f[3]), false)
	if err != nil {
		b.errorf("bad from date: %v", err)
		return
	}
	to, err := parseDate(strings.TrimSpace(f[4]), true)
	if err != nil {
		b.errorf("bad to date: %v", err)
		return
	}
	if from > to {
		b.errorf("from %s is after to %s", f[3], f[4])
		return
	}
	keys, texts := formTokens(form)
	if len(keys) == 0 {
		b.errorf("empty form")
		return
	}
	e := entry{code: code, kind: KindPerson, flags: flags, src: fmt.Sprintf("%s:%d", b.file, b.lineNo)}
	if flags&flagCase != 0 {
		e.exact = texts
	}
	if b.add(form, keys, e, &term{code: code, role: role, from: from, to: to}) {
		b.codes[code] = true
	}
}

// add inserts an entry, or a term into an existing person entry. It reports
// whether the line was accepted.
func (b *builder) add(form string, keys []string, e entry, t *term) bool {
	dk := strings.Join(keys, " ")
	if e.exact != nil {
		dk += "\x00" + strings.Join(e.exact, " ")
	}
	if i, ok := b.byKey[dk]; ok {
		old := &b.g.entries[i]
		if t != nil && old.kind == KindPerson && old.flags == e.flags {
			old.terms = append(old.terms, *t)
			return true
		}
		if old.code != e.code {
			b.errorf("form %q (%s) is also %s (%s)", form, e.code, old.src, old.code)
		} else {
			b.errorf("duplicate form %q (first at %s)", form, old.src)
		}
		return false
	}
	if t != nil {
		e.terms = []term{*t}
	}
	b.g.nforms++
	idx := int32(len(b.g.entries))
	b.g.entries = append(b.g.entries, e)
	b.byKey[dk] = idx
	b.insert(keys, idx)
	if v := dropHyphens(keys); v != nil {
		b.hyph = append(b.hyph, v)
		b.hyphE = append(b.hyphE, idx)
	}
	return true
}

// dropHyphens returns keys without the hyphen tokens that join two words,
// or nil when there are none.
func dropHyphens(keys []string) []string {
	var out []string
	for i, k := range keys {
		if k == "-" && i > 0 && i < len(keys)-1 {
			if out == nil {
				out = append([]string(nil), keys[:i]...)
			}
			continue
		}
		if out != nil {
			out = append(out, k)
		}
	}
	return out
}

func (b *builder) insert(keys []string, idx int32) {
	n := int32(0)
	for _, k := range keys {
		nd := &b.g.nodes[n]
		c, ok := nd.next[k]
		if !ok {
			if nd.next == nil {
				nd.next = map[string]int32{}
			}
			c = int32(len(b.g.nodes))
			nd.next[k] = c
			b.g.nodes = append(b.g.nodes, node{})
		}
		n = c
	}
	nd := &b.g.nodes[n]
	nd.ents = append(nd.ents, idx)
}

func (b *builder) finish() *Gazetteer {
	g := b.g
	// Hyphen-less variants, unless the same key was listed explicitly.
	for i, keys := range b.hyph {
		e := &g.entries[b.hyphE[i]]
		dk := strings.Join(keys, " ")
		if e.exact != nil {
			dk += "\x00" + strings.Join(dropHyphens(e.exact), " ")
		}
		if _, ok := b.byKey[dk]; ok {
			continue
		}
		b.byKey[dk] = b.hyphE[i]
		if e.exact != nil {
			// A case form's variant needs its own exact texts.
			v := *e
			v.exact = dropHyphens(e.exact)
			idx := int32(len(g.entries))
			g.entries = append(g.entries, v)
			b.insert(keys, idx)
			continue
		}
		b.insert(keys, b.hyphE[i])
	}
	for i := range g.nodes {
		ents := g.nodes[i].ents
		// Case-sensitive entries first, so that "AS" is tried before "as".
		sort.SliceStable(ents, func(a, c int) bool {
			return g.entries[ents[a]].exact != nil && g.entries[ents[c]].exact == nil
		})
	}
	for i := range g.entries {
		ts := g.entries[i].terms
		sort.SliceStable(ts, func(a, c int) bool { return ts[a].from < ts[c].from })
	}
	for c := range b.codes {
		g.codes = append(g.codes, c)
	}
	sort.Strings(g.codes)
	return g
}

// parseDate turns YYYY, YYYY-MM or YYYY-MM-DD into a day number; end selects
// the last day of a month or year. The empty string is an open bound.
func parseDate(s string, end bool) (int32, error) {
	if s == "" {
		if end {
			return openTo, nil
		}
		return openFrom, nil
	}
	var d article.Date
	var err error
	switch len(s) {
	case 4:
		_, err = fmt.Sscanf(s, "%4d", &d.Year)
	case 7:
		_, err = fmt.Sscanf(s, "%4d-%2d", &d.Year, &d.Month)
	case 10:
		_, err = fmt.Sscanf(s, "%4d-%2d-%2d", &d.Year, &d.Month, &d.Day)
	default:
		err = errors.New("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if err != nil || !d.Valid() || d.Year < 1900 {
		return 0, fmt.Errorf("%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	t := d.Time()
	if end {
		switch d.Precision() {
		case article.PrecisionYear:
			t = t.AddDate(1, 0, -1)
		case article.PrecisionMonth:
			t = t.AddDate(0, 1, -1)
		}
	}
	return dayNum(t), nil
}

func dayNum(t time.Time) int32 { return int32(t.Unix() / 86400) }

// dateDay returns the day that stands for d when choosing a term: the day
// itself, the 15th of a month, 1 July of a year.
func dateDay(d article.Date) int32 {
	switch d.Precision() {
	case article.PrecisionMonth:
		d.Day = 15
	case article.PrecisionYear:
		d.Month, d.Day = 7, 1
	}
	if !d.Valid() {
		return dayNum(time.Date(d.Year, 7, 1, 0, 0, 0, 0, time.UTC))
	}
	return dayNum(d.Time())
}
