// Package en is the English language pack.
//
// Its data files live in data/ and are embedded; Load(os.DirFS(dir)) reads an
// edited copy from disk instead, without recompiling. Besides the files every
// pack has (actors.tsv, triggers.tsv, words.tsv, contexts.tsv, dates.tsv), it
// has irregular.tsv, the stemmer's table of irregular forms. grammar.go holds
// the English answers to what the engine asks about morphology and syntax
// (passive voice, verb forms, possessives, reported speech).
package en

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"mitra/internal/lang"
	"mitra/internal/lang/id"
	"mitra/internal/token"
)

//go:embed data
var data embed.FS

// Code is the pack's language code.
const Code = "en"

// IrregularFile is the stemmer's table of irregular forms inside the pack's
// data.
const IrregularFile = "data/irregular.tsv"

// Data returns the embedded data files, with the shared leaders.tsv (see
// withSharedLeaders).
func Data() fs.FS { return withSharedLeaders(data) }

// Load returns the English pack built from fsys (laid out like the embedded
// data: data/actors.tsv, …), or from the embedded data when fsys is nil. A
// folder without leaders.tsv gets the shared one.
func Load(fsys fs.FS) (*lang.Pack, error) {
	if fsys == nil {
		fsys = data
	}
	fsys = withSharedLeaders(fsys)
	irr, err := LoadIrregular(fsys, IrregularFile)
	if err != nil {
		return nil, fmt.Errorf("english pack: %w", err)
	}
	lx, err := lang.LoadLexicon(fsys)
	if err != nil {
		return nil, fmt.Errorf("english pack: %w", err)
	}
	st := NewStemmer(irr, lemmas(lx))
	return &lang.Pack{
		Code:    Code,
		Serves:  []string{Code},
		Data:    fsys,
		Stemmer: st,
		Lexicon: lx,
		Grammar: &lang.Grammar{
			Passive:   func(toks []token.Token, i int) bool { return passiveAt(st, toks, i) },
			VerbForm:  st.verbForm,
			Auxiliary: Auxiliary,
		},
	}, nil
}

// lemmas returns the single words the lexicon is written in (trigger
// alternatives matched by lemma, and context forms): the stemmer prefers
// them when a suffix leaves a choice ("accused" → accuse, not accus).
func lemmas(lx *lang.Lexicon) []string {
	var out []string
	for _, tr := range lx.Triggers {
		for _, e := range tr.Pattern {
			for _, a := range e.Alts {
				if !a.Exact {
					out = append(out, a.Words...)
				}
			}
		}
	}
	for k := range reportingLemmas {
		out = append(out, k)
	}
	for k := range lx.Contexts {
		if !strings.Contains(k, " ") {
			out = append(out, k)
		}
	}
	return out
}

// withSharedLeaders serves data/leaders.tsv from the Indonesian pack when
// fsys has none. Leaders' names are the same in every language; until
// leaders.tsv moves to a language-independent place (issue 9), the English
// pack reads the Indonesian pack's file rather than a copy of it. This is
// the one place that knows it.
func withSharedLeaders(fsys fs.FS) fs.FS { return sharedLeaders{fsys} }

type sharedLeaders struct{ fs.FS }

func (s sharedLeaders) Open(name string) (fs.File, error) {
	f, err := s.FS.Open(name)
	if name == lang.LeadersFile && errors.Is(err, fs.ErrNotExist) {
		return id.Data().Open(name)
	}
	return f, err
}
