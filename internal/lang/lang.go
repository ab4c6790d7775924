// Package lang declares what a language pack gives the pipeline and loads
// it: every data file parsed (the event lexicon, the gazetteer, the date
// words, references such as "kedua negara", abbreviations), the stemmer,
// and the grammar — the answers to what the engine asks about a language's
// morphology and syntax (passive voice, verb forms, possessives).
//
// A pack is the only place that knows a language. The extraction engine
// (package event) and the stages below it (actor, timex, token) are the same
// for every language; adding a language means adding a folder under
// internal/lang with the same data files and a Go file that calls Load (see
// docs/architecture.md).
package lang

import (
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"mitra/internal/actor"
	"mitra/internal/timex"
	"mitra/internal/token"
)

// Data file names every pack provides under its data/ folder.
const (
	ActorsFile   = "data/actors.tsv"
	TriggersFile = "data/triggers.tsv"
	WordsFile    = "data/words.tsv"
	ContextsFile = "data/contexts.tsv"
	DatesFile    = "data/dates.tsv"
	RefsFile     = "data/refs.tsv"
)

// LeadersFile is the office holders' table in the shared data every pack
// reads (package world): names are the same across languages.
const LeadersFile = "data/leaders.tsv"

// HomeFile is the shared table of what tells a page's own state (news
// outlets, dateline towns; see actor.Homes and event/home.go).
const HomeFile = "data/home.tsv"

// ConfidenceFile is the weights of the event confidence model in the
// shared data (trained by `mitra-train -confidence`; see event/confidence.go).
const ConfidenceFile = "data/confidence.tsv"

// Files lists a pack's own data files, for checks.
var Files = []string{ActorsFile, TriggersFile, WordsFile, ContextsFile, DatesFile, RefsFile}

// Stemmer reduces a lower-case word to its root.
type Stemmer interface {
	Stem(word string) string
}

// Morph is a word's morphological analysis: its root and the derivational
// affixes around it, named as the pack names them ("meN", "di", "kan");
// "" where there is none. Inflection (clitics, particles) is not reported.
type Morph struct {
	Root   string
	Prefix string // the outer prefix: "meN" in menolak and mempertahankan
	Inner  string // a second prefix inside the outer one: "per" in mempertahankan
	Suffix string // the derivational suffix: "kan", "i", "an"
}

// Analyzer is a Stemmer that also says which affixes it stripped, so that
// a trigger can name the derivations of a root that count
// ("tolak{meN,di,peN-an}": menolak, ditolak and penolakan, not bertolak).
// A pack's Stemmer may implement it; Load then checks triggers.tsv's affix
// names against Affixes.
type Analyzer interface {
	Stemmer
	// Analyze returns the root of a lower-case word and its affixes;
	// Analyze(w).Root == Stem(w).
	Analyze(word string) Morph
	// Affixes lists the prefix and suffix names Analyze reports.
	Affixes() (prefixes, suffixes []string)
}

// StemmerFunc adapts a plain function to a Stemmer.
type StemmerFunc func(string) string

// Stem calls f(word).
func (f StemmerFunc) Stem(word string) string { return f(word) }

// Grammar answers the engine's questions about a language's morphology and
// syntax. Implementations live in the packs and are safe for concurrent use.
type Grammar interface {
	// Passive reports whether the verb at toks[i], whose root is
	// stems[i], is in the passive voice: its subject is acted on
	// ("Dubes Rusia dipanggil Kemlu", "the envoy was summoned by").
	Passive(toks []token.Token, stems []string, i int) bool
	// VerbForm reports whether the lower-case word w with root stem is an
	// inflected verb form ("diteken", "berlaku"; "signed") rather than a
	// noun or a bare root.
	VerbForm(w, stem string) bool
	// Possessive returns the length in bytes of a possessive ending of a
	// token's text ("Russia's" → 2), or 0.
	Possessive(text string) int
}

// Clauses is an optional part of a Grammar, for languages that mark their
// clauses with coordinators, relative pronouns and auxiliaries in words the
// engine reads (English): with it the engine reads roles and mood clause by
// clause (coordinated verbs share a subject, a new clause ends an act's
// object, an infinitive takes its verb's mood, …; see event/syntax.go). A
// grammar without it keeps the engine's readings written for Indonesian
// and Malay.
type Clauses interface {
	// Auxiliary reports whether the lower-case word w is an auxiliary or a
	// modal ("was", "has", "will"): it carries the mood of the verb after
	// it, and a clause goes on past it to its lexical verb.
	Auxiliary(w string) bool
	// Adverb reports whether w is an adverb that may stand between a
	// coordinator and its verb ("and then met", "and swiftly condemned").
	Adverb(w string) bool
	// Participle reports whether w is a present participle ("accusing"):
	// after a comma it opens a clause that shares the main clause's
	// subject and object ("…, accusing its neighbour of …").
	Participle(w string) bool
}

// Spec says how to build a pack: its code, the languages it reads, its data
// files, the shared data, its stemmer and its grammar.
type Spec struct {
	Code    string   // ISO 639-1 code of the pack, e.g. "id"
	Serves  []string // language codes whose documents this pack reads, e.g. "id", "ms"
	Data    fs.FS    // the pack's files: data/actors.tsv, data/triggers.tsv, …
	Shared  fs.FS    // the language-independent files (package world): data/leaders.tsv
	Stemmer Stemmer
	Grammar Grammar
}

// Pack is one language's resources, every data file parsed. A Pack is
// immutable after Load and safe for concurrent use.
type Pack struct {
	Code      string
	Serves    []string
	Data      fs.FS // the pack's data files, embedded or from disk
	Shared    fs.FS // the shared data files
	Stemmer   Stemmer
	Grammar   Grammar
	Lexicon   *Lexicon
	Gazetteer *actor.Gazetteer
	Dates     *timex.Table
	Refs      *actor.Refs // anaphora and collective references
	// Homes tells a page's own state from its dateline, outlet and
	// credit (shared data; nil when the file is absent).
	Homes *actor.Homes
	// Confidence holds the weights of the event confidence model by feature
	// name (shared data; empty when the file is absent).
	Confidence map[string]float64
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

// Load parses every data file of a pack. Errors name the file and line.
func Load(s Spec) (*Pack, error) {
	if s.Stemmer == nil || s.Grammar == nil || s.Data == nil || s.Shared == nil {
		return nil, fmt.Errorf("%s pack: spec needs data, shared data, a stemmer and a grammar", s.Code)
	}
	an, _ := s.Stemmer.(Analyzer)
	lx, err := loadLexicon(s.Data, an)
	if err != nil {
		return nil, fmt.Errorf("%s pack: %w", s.Code, err)
	}
	dt, err := timex.LoadTable(s.Data, DatesFile)
	if err != nil {
		return nil, fmt.Errorf("%s pack: %w", s.Code, err)
	}
	words := actor.Words{
		Place:      func(w string) bool { return lx.Class(w).Has(Place | Site) },
		Language:   func(w string) bool { return lx.Class(w).Has(Language) },
		Weekday:    dt.Weekday,
		Possessive: s.Grammar.Possessive,
	}
	g, err := actor.Load(actor.Source{FS: s.Data, Name: ActorsFile}, actor.Source{FS: s.Shared, Name: LeadersFile}, words)
	if err != nil {
		return nil, fmt.Errorf("%s pack: %w", s.Code, err)
	}
	refs, err := loadRefs(s.Data)
	if err != nil {
		return nil, fmt.Errorf("%s pack: %w", s.Code, err)
	}
	conf, err := loadWeights(s.Shared, ConfidenceFile)
	if err != nil {
		return nil, fmt.Errorf("%s pack: %w", s.Code, err)
	}
	var homes *actor.Homes
	if _, err := fs.Stat(s.Shared, HomeFile); err == nil {
		if homes, err = actor.LoadHomes(actor.Source{FS: s.Shared, Name: HomeFile}); err != nil {
			return nil, fmt.Errorf("%s pack: %w", s.Code, err)
		}
	}
	return &Pack{
		Code: s.Code, Serves: s.Serves, Data: s.Data, Shared: s.Shared,
		Stemmer: s.Stemmer, Grammar: s.Grammar,
		Lexicon: lx, Gazetteer: g, Dates: dt, Refs: refs, Confidence: conf, Homes: homes,
	}, nil
}

// IsAbbrev reports whether the lower-case word w is an abbreviation whose
// dot does not end a sentence; pass it to token.Sentences.
func (p *Pack) IsAbbrev(w string) bool { return p.Lexicon.Class(w).Has(Abbrev) }

// Sentences splits clean text into sentences with the pack's
// abbreviations.
func (p *Pack) Sentences(text string) []token.Sentence {
	return token.Sentences(text, p.IsAbbrev)
}

// PlainGrammar knows no morphology: no passive, no inflected verb forms, no
// possessive endings. A pack whose language marks none of these in words
// the engine must see (or a pack still being written) can use it.
type PlainGrammar struct{}

// Passive reports false.
func (PlainGrammar) Passive([]token.Token, []string, int) bool { return false }

// VerbForm reports false.
func (PlainGrammar) VerbForm(string, string) bool { return false }

// Possessive returns 0.
func (PlainGrammar) Possessive(string) int { return 0 }

// NoStemmer returns every word as its own root.
var NoStemmer = StemmerFunc(func(w string) string { return w })

// loadWeights reads a feature<TAB>weight file; a missing file gives no
// weights.
func loadWeights(fsys fs.FS, name string) (map[string]float64, error) {
	if _, err := fs.Stat(fsys, name); err != nil {
		return nil, nil
	}
	w := map[string]float64{}
	err := eachLine(fsys, name, func(n int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want feature<TAB>weight, got %d fields", len(f))
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("bad weight %q", f[1])
		}
		w[strings.TrimSpace(f[0])] = v
		return nil
	})
	return w, err
}
