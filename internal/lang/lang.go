// Package lang declares what a language pack provides to the pipeline: its
// data files, its stemmer and its parsed event lexicon.
//
// A pack is data plus a stemmer. The extraction engine (package event) is the
// same for every language; adding a language means adding a folder under
// internal/lang with the same data files (see docs/architecture.md).
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

// Data file names every pack provides under its data/ folder.
const (
	ActorsFile   = "data/actors.tsv"
	LeadersFile  = "data/leaders.tsv"
	TriggersFile = "data/triggers.tsv"
	WordsFile    = "data/words.tsv"
	ContextsFile = "data/contexts.tsv"
	DatesFile    = "data/dates.tsv"
)

// Stemmer reduces a lower-case word to its root.
type Stemmer interface {
	Stem(word string) string
}

// StemmerFunc adapts a plain function to a Stemmer.
type StemmerFunc func(string) string

// Stem calls f(word).
func (f StemmerFunc) Stem(word string) string { return f(word) }

// Pack is one language's resources. A Pack is immutable after Load and safe
// for concurrent use.
type Pack struct {
	Code    string   // ISO 639-1 code of the pack, e.g. "id"
	Serves  []string // language codes whose documents this pack reads, e.g. "id", "ms"
	Data    fs.FS    // the data files, embedded or from disk
	Stemmer Stemmer
	Lexicon *Lexicon
	// Grammar, when not nil, answers the engine's questions about the
	// language's syntax, and the engine reads the pack with the rules
	// written for such packs (English); when nil it keeps its Indonesian
	// and Malay readings. Provisional until the grammar interface of
	// issue 9 replaces it.
	Grammar *Grammar
}

// Grammar is what a pack tells the engine about morphology and syntax.
type Grammar struct {
	// Passive reports whether the verb at toks[i] is in the passive voice
	// ("was attacked by").
	Passive func(toks []token.Token, i int) bool
	// VerbForm reports whether a lower-case word is unmistakably a verb
	// form ("signed", "met", "will"); the engine reads a coordinator before
	// one as the start of a new clause ("… visited Beirut and met …").
	VerbForm func(lower string) bool
	// Auxiliary reports whether a lower-case word is an auxiliary or modal
	// ("was", "has", "will"): it carries the mood of the verb after it, so
	// the look back for negation and modality passes over it.
	Auxiliary func(lower string) bool
}

// Handles reports whether p reads documents in language code.
func (p *Pack) Handles(code string) bool {
	for _, c := range p.Serves {
		if c == code {
			return true
		}
	}
	return false
}

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
	Recip   bool // reciprocal by default: all parties are actors
	Noun    bool // a nominalisation: parties follow it ("kunjungan X ke Y")
	Verb    bool // only when the first token is a verb form (has a verbal affix)
	NoPass  bool // never read as passive
	Weak    bool // only when the sentence has no other trigger
	Inverse bool // the subject is the recipient ("menerima bantuan dari X")
	Host    bool // the subject hosts: recipient before, actor after ("menerima kunjungan X")
	Light   bool // a light verb that yields to a trigger noun right after it ("menyepakati sanksi")
}

// Lexicon is a pack's parsed event vocabulary.
type Lexicon struct {
	Triggers []Trigger
	// ByFirst indexes triggers by the alternatives of their first element.
	ByFirst map[string][]int
	// Words maps a lower-case form (one or more space-separated tokens) to
	// its classes, e.g. "tidak" → {"neg"}.
	Words map[string][]string
	// MaxWordLen is the longest multi-token form in Words.
	MaxWordLen int
	// WordStarts maps the first token of every form in Words to the length
	// of the longest form starting with it, so a look-up tries only forms
	// that can match.
	WordStarts map[string]int
	// Contexts maps a root or form to the contexts it suggests.
	Contexts map[string][]string
}

// WordClasses lists the classes words.tsv may use.
var WordClasses = []string{
	"neg",      // negation: tidak, belum, bukan
	"cancel",   // called off: batal, gagal
	"hypo",     // conditional or uncertain: jika, mungkin, diperkirakan
	"wish",     // hope: berharap
	"future",   // future or plan: akan, berencana, dijadwalkan
	"willing",  // stated willingness, read as AGREE: siap, bersedia, berkomitmen
	"done",     // completed aspect: telah, sudah
	"past",     // background: sebelumnya, pernah, sejak
	"then",     // narrative sequence, going on from the sentence before: kemudian, saat itu
	"thing",    // a document or agreement a year may name: perjanjian (… tahun 1951), konvensi
	"say",      // reporting verb: kata, ujar
	"rcp",      // recipient preposition: kepada, terhadap
	"with",     // comitative preposition: dengan, bersama
	"to",       // destination preposition: ke
	"from",     // source preposition: dari
	"agent",    // passive agent marker: oleh
	"place",    // place preposition: di
	"and",      // coordination: dan, serta
	"between",  // antara
	"about",    // topic preposition: mengenai, tentang, soal
	"question", // question word
	"relpro",   // relative pronoun: yang
	"subj",     // subject pronoun standing for the last actor: ia, pihaknya
	"mutual",   // reciprocal marker: saling
	"join",     // joint: bersama, gabungan
	"dem",      // demonstrative after a noun: tersebut, itu, ini
	"nonstate", // a non-state head noun: Barat, militan, warga, perusahaan
	"comp",     // complementiser before a requested act: untuk, agar, supaya
	"sport",    // sports vocabulary: a page full of it reports matches, not acts of states
	"title",    // a title or office whose "of" names its state: "the foreign ministers of" Vietnam and Cambodia
}

func index(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

var (
	classSet = index(WordClasses)
)

// LoadLexicon reads triggers.tsv, words.tsv and contexts.tsv from fsys.
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	lx := &Lexicon{ByFirst: map[string][]int{}, Words: map[string][]string{}, WordStarts: map[string]int{}, Contexts: map[string][]string{}}
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
		for _, c := range strings.Split(f[1], ",") {
			c = strings.TrimSpace(c)
			if !classSet[c] {
				return fmt.Errorf("unknown word class %q", c)
			}
			lx.Words[form] = append(lx.Words[form], c)
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
			return nil, fmt.Errorf("unknown context %q", c)
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
			case fl == "recip":
				tr.Flags.Recip = true
			case fl == "noun":
				tr.Flags.Noun = true
			case fl == "verb":
				tr.Flags.Verb = true
			case fl == "nopass":
				tr.Flags.NoPass = true
			case fl == "weak":
				tr.Flags.Weak = true
			case fl == "inverse":
				tr.Flags.Inverse = true
			case fl == "host":
				tr.Flags.Host = true
			case fl == "light":
				tr.Flags.Light = true
			case strings.HasPrefix(fl, "prio="):
				if _, err := fmt.Sscanf(fl[5:], "%d", &tr.Prio); err != nil {
					return fmt.Errorf("bad priority %q", fl)
				}
			default:
				return fmt.Errorf("unknown flag %q", fl)
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

func typeNames() []string {
	out := make([]string, len(record.Types))
	for i, t := range record.Types {
		out[i] = string(t)
	}
	return out
}
