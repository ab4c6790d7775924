package event

import (
	"slices"
	"strings"

	"mitra/internal/actor"
	"mitra/internal/lang"
	"mitra/internal/token"
)

// word is everything the engine needs to know about one lower-case token
// form, found with one look-up: its root, whether it is a verb form, its
// word classes, the trigger patterns that may start with it, the contexts it
// suggests.
type word struct {
	stem    string
	morph   lang.Morph // the root and its affixes, when the pack's stemmer reports them
	verb    bool
	classes lang.Class // classes of the one-token form
	starts  int        // longest word form (in tokens) of words.tsv starting with it
	trig    []int      // triggers whose first element names this form or its root
	ctx     []string   // contexts of the form, else of its root
	bigram  bool       // a two-word form of contexts.tsv starts with it
}

// cacheMax bounds the words an arena caches: a long run meets millions of
// distinct forms (names, numbers, typos); a full cache starts again.
const cacheMax = 1 << 16

// vocab is what an extractor derives from its lexicon for the word look-up.
// It is read-only and safe for concurrent use.
type vocab struct {
	bigrams map[string]bool // first words of two-word context forms
}

func newVocab(lx *lang.Lexicon) *vocab {
	v := &vocab{bigrams: map[string]bool{}}
	for k := range lx.Contexts {
		if first, _, ok := strings.Cut(k, " "); ok {
			v.bigrams[first] = true
		}
	}
	return v
}

// word returns what the extractor knows of token t: from the arena's cache
// (one map look-up, no lock), else from the extractor's shared cache (which
// outlives arenas: a pool drops them at garbage collections), else from the
// pack.
func (x *Extractor) word(t *token.Token, a *arena) *word {
	if w, ok := a.cache[t.Lower]; ok {
		return w
	}
	var w *word
	if v, ok := x.words.Load(t.Lower); ok {
		w = v.(*word)
	} else {
		w = x.lookUp(t)
		if x.nwords.Load() < sharedMax {
			if _, loaded := x.words.LoadOrStore(t.Lower, w); !loaded {
				x.nwords.Add(1)
			}
		}
	}
	if len(a.cache) >= cacheMax {
		clear(a.cache)
	}
	a.cache[t.Lower] = w
	return w
}

// sharedMax bounds the extractor's shared cache of words.
const sharedMax = 1 << 19

// lookUp computes a token's word from the pack.
func (x *Extractor) lookUp(t *token.Token) *word {
	f := t.Lower
	w := &word{stem: f}
	if t.Kind != token.Word {
		w.classes = x.lx.Words[f]
		w.starts = x.lx.WordStarts[f]
		return w
	}
	if x.an != nil {
		w.morph = x.an.Analyze(f)
		w.stem = w.morph.Root
	} else {
		w.stem = x.pack.Stemmer.Stem(f)
		w.morph.Root = w.stem
	}
	w.verb = x.gr.VerbForm(f, w.stem)
	w.classes = x.lx.Words[f]
	w.starts = x.lx.WordStarts[f]
	// The triggers whose first word accepts this token (its form, or its
	// root in a derivation the trigger names): "pertahanan" starts no
	// "tahan{meN,di}" trigger, so it is no word that can name an act.
	for _, list := range [2][]int{x.lx.ByFirst[f], x.lx.ByFirst[w.stem]} {
		for _, ti := range list {
			if x.startsWith(ti, t, w) && !slices.Contains(w.trig, ti) {
				w.trig = append(w.trig, ti)
			}
		}
		if w.stem == f {
			break
		}
	}
	if cs, ok := x.lx.Contexts[f]; ok {
		w.ctx = cs
	} else {
		w.ctx = x.lx.Contexts[w.stem]
	}
	w.bigram = x.vocab.bigrams[f]
	return w
}

// startsWith reports whether some alternative of trigger ti's first element
// accepts t as its first word.
func (x *Extractor) startsWith(ti int, t *token.Token, w *word) bool {
	for k := range x.lx.Triggers[ti].Pattern[0].Alts {
		if accepts(&x.lx.Triggers[ti].Pattern[0].Alts[k], 0, t, w) {
			return true
		}
	}
	return false
}

// arena holds a document's per-token slices in one allocation each, and a
// cache of words, reused across documents through a pool: each worker
// mostly gets its own, so look-ups need no locks.
type arena struct {
	cache    map[string]*word // lower-case form → word
	mentions []actor.Mention  // the gazetteer's mentions of the sentence being read
	words    []*word
	stems    []string
	verb     []bool
	classes  []lang.Class
	clen     []int
}

// arena returns an arena for the extractor, sized for n tokens.
func (x *Extractor) arena(n int) *arena {
	a := x.arenas.Get().(*arena)
	if a.cache == nil {
		a.cache = make(map[string]*word, 1024)
	}
	a.reset(n)
	return a
}

// reset sizes the arena for n tokens.
func (a *arena) reset(n int) {
	if cap(a.words) < n {
		a.words = make([]*word, n)
		a.stems = make([]string, n)
		a.verb = make([]bool, n)
		a.classes = make([]lang.Class, n)
		a.clen = make([]int, n)
		return
	}
	a.words = a.words[:n]
	a.stems = a.stems[:n]
	a.verb = a.verb[:n]
	a.classes = a.classes[:n]
	a.clen = a.clen[:n]
	clear(a.classes)
	clear(a.clen)
}

// release returns the arena to the extractor's pool unless it grew too
// large to keep.
func (x *Extractor) release(a *arena) {
	if cap(a.words) > 1<<16 {
		return
	}
	clear(a.words)
	clear(a.stems)
	x.arenas.Put(a)
}
