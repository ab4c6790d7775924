// Package en is the English language pack.
//
// Its data files live in data/ and are embedded; Load(os.DirFS(dir), nil)
// reads an edited copy from disk instead, without recompiling. Besides the
// files every pack has (actors.tsv, triggers.tsv, words.tsv, contexts.tsv,
// dates.tsv, refs.tsv), it has irregular.tsv, the stemmer's table of
// irregular forms. grammar.go holds the English answers to what the engine
// asks about morphology and syntax (passive voice, verb forms, possessives,
// auxiliaries, reported speech).
package en

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"mitra/internal/lang"
	"mitra/internal/lang/world"
)

//go:embed data
var data embed.FS

// Code is the pack's language code.
const Code = "en"

// IrregularFile is the stemmer's table of irregular forms inside the pack's
// data.
const IrregularFile = "data/irregular.tsv"

// Data returns the embedded data files.
func Data() fs.FS { return data }

// Load returns the English pack built from fsys (laid out like the embedded
// data: data/actors.tsv, …) and the shared data (package world), each the
// embedded copy when nil.
func Load(fsys, shared fs.FS) (*lang.Pack, error) {
	if fsys == nil {
		fsys = data
	}
	if shared == nil {
		shared = world.Data()
	}
	irr, err := LoadIrregular(fsys, IrregularFile)
	if err != nil {
		return nil, fmt.Errorf("english pack: %w", err)
	}
	// The stemmer prefers the lemmas the lexicon is written in; lang.Load
	// parses the lexicon again with the rest of the pack.
	lx, err := lang.LoadLexicon(fsys)
	if err != nil {
		return nil, fmt.Errorf("english pack: %w", err)
	}
	st := NewStemmer(irr, lemmas(lx))
	return lang.Load(lang.Spec{
		Code:    Code,
		Serves:  []string{Code},
		Data:    fsys,
		Shared:  shared,
		Stemmer: st,
		Grammar: Grammar{st: st},
	})
}

// lemmas returns the single words the lexicon is written in (trigger
// alternatives matched by lemma, and context forms) and the reporting verbs:
// the stemmer prefers them when a suffix leaves a choice ("accused" →
// accuse, not accus).
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
