// Package langtest checks that a language pack is complete and consistent,
// as testing/fstest.TestFS checks a file system. Every pack's tests call
// Check.
package langtest

import (
	"io/fs"
	"strings"
	"testing"

	"mitra/internal/lang"
	"mitra/internal/record"
)

// Check verifies p: every data file (the pack's and the shared ones) is
// present with a provenance header and parsed (lang.Load parses them all and
// fails on any error with file:line), the gazetteer names parties, every
// event type has triggers, the classes the engine relies on have words, the
// date table knows the weekdays, references are found, and the stemmer is
// total on the pack's trigger words.
func Check(t *testing.T, p *lang.Pack) {
	t.Helper()
	if p.Code == "" || len(p.Serves) == 0 {
		t.Errorf("pack has no code or serves no language: %+v", p)
	}
	if p.Lexicon == nil || p.Gazetteer == nil || p.Dates == nil || p.Refs == nil || p.Grammar == nil || p.Stemmer == nil {
		t.Fatalf("pack %s is not fully loaded (use lang.Load)", p.Code)
	}
	header := func(fsys fs.FS, name string) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		if !strings.HasPrefix(string(b), "#") {
			t.Errorf("%s: no provenance header (first line must be a # comment saying where the data comes from)", name)
		}
	}
	for _, name := range lang.Files {
		header(p.Data, name)
	}
	header(p.Shared, lang.LeadersFile)
	header(p.Shared, lang.HomeFile)
	if p.Homes == nil {
		t.Errorf("%s: not loaded", lang.HomeFile)
	}

	byType := map[record.Type]int{}
	for _, tr := range p.Lexicon.Triggers {
		byType[tr.Type]++
		if !tr.Type.ValidMode(tr.Mode) {
			t.Errorf("triggers.tsv:%d: %s has no mode %q", tr.Line, tr.Type, tr.Mode)
		}
		for _, e := range tr.Pattern {
			for _, a := range e.Alts {
				for _, w := range a.Words {
					if w == "" {
						t.Errorf("triggers.tsv:%d: empty word", tr.Line)
					}
					if p.Stemmer.Stem(w) == "" {
						t.Errorf("triggers.tsv:%d: stemmer returns nothing for %q", tr.Line, w)
					}
				}
			}
		}
	}
	for _, typ := range record.Types {
		if byType[typ] == 0 {
			t.Errorf("no trigger for event type %s", typ)
		}
	}
	for _, c := range []lang.Class{lang.Neg, lang.Hypo, lang.Cond, lang.Future, lang.Rcp, lang.With,
		lang.Agent, lang.Place, lang.And, lang.Say, lang.Relpro, lang.Dem, lang.Abbrev} {
		found := false
		for _, cs := range p.Lexicon.Words {
			if cs.Has(c) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("words.tsv: no word of class %s", c)
		}
	}
	if st := p.Gazetteer.Stats(); st.Codes < 150 || st.Persons == 0 {
		t.Errorf("gazetteer: %d party codes and %d persons; a pack should name every state and read the shared leaders", st.Codes, st.Persons)
	}
	if len(p.Refs.Forms()) == 0 {
		t.Errorf("refs.tsv: no referring phrase")
	}
}
