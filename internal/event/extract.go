package event

import (
	"fmt"
	"sync"
	"sync/atomic"

	"mitra/internal/actor"
	"mitra/internal/article"
	"mitra/internal/lang"
	"mitra/internal/record"
	"mitra/internal/timex"
)

// Extractor finds events in documents with one language pack. It is safe for
// concurrent use.
type Extractor struct {
	pack   *lang.Pack
	gaz    *actor.Gazetteer
	dates  *timex.Table
	lx     *lang.Lexicon
	gr     lang.Grammar
	an     lang.Analyzer // the pack's stemmer, when it reports affixes
	cl     lang.Clauses  // the grammar's clause answers, or nil (see syntax.go)
	vocab  *vocab
	arenas sync.Pool    // *arena
	words  sync.Map     // lower-case form → *word, shared by every worker
	nwords atomic.Int64 // entries in words
}

// New builds an Extractor over a loaded pack.
func New(p *lang.Pack) (*Extractor, error) {
	if p == nil || p.Lexicon == nil || p.Gazetteer == nil || p.Dates == nil || p.Refs == nil || p.Grammar == nil || p.Stemmer == nil {
		return nil, fmt.Errorf("event: the pack is not loaded (use lang.Load)")
	}
	x := &Extractor{pack: p, gaz: p.Gazetteer, dates: p.Dates, lx: p.Lexicon, gr: p.Grammar, vocab: newVocab(p.Lexicon)}
	x.an, _ = p.Stemmer.(lang.Analyzer)
	x.cl, _ = p.Grammar.(lang.Clauses)
	x.arenas.New = func() any { return new(arena) }
	return x, nil
}

// Gazetteer returns the extractor's actor gazetteer.
func (x *Extractor) Gazetteer() *actor.Gazetteer { return x.gaz }

// Dates returns the extractor's date table.
func (x *Extractor) Dates() *timex.Table { return x.dates }

// sportWords is how many distinct sports words make a page a sports page.
const sportWords = 4

// docState carries context across a document's sentences.
type docState struct {
	pub         article.Date
	lastSubject []string
	lastPair    []string // the parties of the last event, for "kedua negara"
	recent      []string // recently mentioned codes, most recent last
	// named maps a home reference's words to the state last written
	// after them ("Pemerintah Niger"); see home.go.
	named map[string]namedUse
	// decideHome decides the page's home state; home() calls it once, on
	// the first bare home reference.
	decideHome func() homeState
	homeDone   bool
	homeState  homeState
	// features holds each coded event's confidence features by event ID,
	// when the caller asks for them (ExtractFeatures); nil otherwise.
	features map[string][]string
}

// Extract returns every event in d, asserted or not, in text order, with
// spans in d.Raw. d.Text must be cleaned; d.PubDate may be zero. What the
// engine had to say about the page (text read in pieces) is added to
// d.Notes.
func (x *Extractor) Extract(d *article.Doc) []record.Event {
	return x.extract(d, &docState{pub: d.PubDate})
}

// ExtractFeatures is Extract that also returns each event's confidence
// features (see confidence.go), for training the confidence model.
func (x *Extractor) ExtractFeatures(d *article.Doc) ([]record.Event, [][]string) {
	st := &docState{pub: d.PubDate, features: map[string][]string{}}
	evs := x.extract(d, st)
	fs := make([][]string, len(evs))
	for i := range evs {
		fs[i] = st.features[evs[i].ID]
	}
	return evs, fs
}

func (x *Extractor) extract(d *article.Doc, st *docState) []record.Event {
	if st.pub.IsZero() {
		st.pub, _ = x.dates.PubDate(d.Text)
		if !st.pub.IsZero() && d.PubDate.IsZero() {
			d.PubDate = st.pub
			d.PubDateSource = "page"
		}
	}
	sents, notes := split(x.pack.Sentences(d.Text), d.Text)
	d.Notes = append(d.Notes, notes...)
	ntok := 0
	for _, ts := range sents {
		ntok += len(ts.Tokens)
	}
	a := x.arena(ntok)
	defer x.release(a)
	all := make([]sentence, len(sents))
	ss := make([]*sentence, len(sents))
	var sport map[string]bool
	at := 0
	for i, ts := range sents {
		s := &all[i]
		x.analyse(s, ts, st.pub, a, at)
		at += len(ts.Tokens)
		ss[i] = s
		for i, cs := range s.classes {
			if cs.Has(lang.Sport) {
				if sport == nil {
					sport = map[string]bool{}
				}
				sport[s.toks[i].Lower] = true
			}
		}
	}
	// A sports page ("Timnas Indonesia menyerang …") reports matches, not
	// acts of states.
	if len(sport) >= sportWords {
		return nil
	}
	x.dateSentences(ss, st)
	st.decideHome = func() homeState { return x.pageHome(d, ss) }
	var out []record.Event
	for _, s := range ss {
		if len(s.homeRefs) > 0 {
			x.resolveHome(s, st)
		}
		evs := x.sentenceEvents(d, s, st)
		if n := len(evs); n > 0 {
			e := evs[n-1]
			st.lastPair = append(append(st.lastPair[:0], record.Codes(e.Actors)...), record.Codes(e.Recipients)...)
		}
		out = append(out, evs...)
		x.updateContext(s, st)
	}
	return dedupe(out)
}
