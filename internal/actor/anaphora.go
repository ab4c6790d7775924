package actor

import (
	"strings"

	"mitra/internal/article"
	"mitra/internal/token"
)

// Anaphor is a phrase that refers back to parties named earlier: plural
// ("kedua negara", "both countries") refers to the two most recently
// mentioned parties, singular ("negara itu", "negara Afrika Barat itu") to
// the most recent one. The caller resolves it.
//
// A home reference ("Kerajaan", "pemerintah", "Perdana Menteri") names the
// government of the page's own state, or of the state last written after
// the same words ("Pemerintah Niger … pemerintah"); States lists the states
// it can name as a home reference (the caller decides the page's state).
type Anaphor struct {
	Tok0, Tok1 int // token range [Tok0, Tok1)
	Span       article.Span
	Text       string
	Plural     bool
	Home       bool
	States     []string // for a home reference
	Key        string   // the form's words, for a home reference
}

// RefWild in a RefForm's keys stands for one to three capitalised words
// ("negara * itu" finds "negara Afrika Barat itu").
const RefWild = "*"

// RefForm is one referring phrase of a language pack's refs.tsv: its
// lower-case token keys and its number.
//
// A form may instead be a home reference (Home, with the States it can
// name), or None: words that refer to no party ("pemerintah daerah") and
// keep a shorter form inside them from matching.
type RefForm struct {
	Keys   []string
	Plural bool
	Home   bool
	States []string
	None   bool
	key    string // the keys joined by spaces, for a home reference
}

// Refs finds a language's referring phrases in sentences. It is immutable
// and safe for concurrent use.
type Refs struct {
	byFirst map[string][]RefForm // longest first
}

// wildMax is how many capitalised words a RefWild covers at most.
const wildMax = 3

// NewRefs indexes forms by their first word, longest first; a form with a
// wildcard is tried after the fixed forms of the same first word.
func NewRefs(forms []RefForm) *Refs {
	r := &Refs{byFirst: map[string][]RefForm{}}
	for _, f := range forms {
		if f.Home {
			f.key = strings.Join(f.Keys, " ")
		}
		r.byFirst[f.Keys[0]] = append(r.byFirst[f.Keys[0]], f)
	}
	for k, fs := range r.byFirst {
		for a := 1; a < len(fs); a++ {
			for b := a; b > 0 && less(fs[b], fs[b-1]); b-- {
				fs[b], fs[b-1] = fs[b-1], fs[b]
			}
		}
		r.byFirst[k] = fs
	}
	return r
}

// less orders fixed forms before wildcard forms, then longer before shorter.
func less(a, b RefForm) bool {
	if wa, wb := a.wild(), b.wild(); wa != wb {
		return !wa
	}
	return len(a.Keys) > len(b.Keys)
}

func (f RefForm) wild() bool {
	for _, k := range f.Keys {
		if k == RefWild {
			return true
		}
	}
	return false
}

// Find returns the referring phrases in a sentence's tokens, left to right,
// non-overlapping.
func (r *Refs) Find(toks []token.Token) []Anaphor {
	if r == nil {
		return nil
	}
	var out []Anaphor
	for i := 0; i < len(toks); {
		if toks[i].Kind != token.Word {
			i++
			continue
		}
		end, f := r.match(toks, i)
		if end < 0 {
			i++
			continue
		}
		if !f.None {
			sp := article.Span{Start: toks[i].Span.Start, End: toks[end-1].Span.End}
			a := Anaphor{Tok0: i, Tok1: end, Span: sp, Text: spanText(toks[i:end], sp.End), Plural: f.Plural}
			if f.Home {
				a.Home, a.States, a.Key = true, f.States, f.key
			}
			out = append(out, a)
		}
		i = end
	}
	return out
}

func (r *Refs) match(toks []token.Token, i int) (end int, form *RefForm) {
	fs := r.byFirst[toks[i].Lower]
	for k := range fs {
		if e := matchKeys(toks, i, fs[k].Keys); e >= 0 {
			return e, &fs[k]
		}
	}
	return -1, nil
}

// matchKeys matches keys at toks[i]; a RefWild takes one to wildMax
// capitalised words, as few as let the rest match.
func matchKeys(toks []token.Token, i int, keys []string) int {
	if len(keys) == 0 {
		return i
	}
	if keys[0] != RefWild {
		if i >= len(toks) || toks[i].Lower != keys[0] {
			return -1
		}
		return matchKeys(toks, i+1, keys[1:])
	}
	for n := 1; n <= wildMax && i+n <= len(toks); n++ {
		t := toks[i+n-1]
		if t.Kind != token.Word || !t.Upper {
			break
		}
		if e := matchKeys(toks, i+n, keys[1:]); e >= 0 {
			return e
		}
	}
	return -1
}

// Forms returns every form r knows.
func (r *Refs) Forms() []RefForm {
	var out []RefForm
	for _, fs := range r.byFirst {
		out = append(out, fs...)
	}
	return out
}
