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

// Check verifies p: every data file is present with a provenance header,
// the lexicon parses, every event type has triggers, and the stemmer is
// total on its own trigger words.
func Check(t *testing.T, p *lang.Pack) {
	t.Helper()
	if p.Code == "" || len(p.Serves) == 0 {
		t.Errorf("pack has no code or serves no language: %+v", p)
	}
	for _, name := range []string{lang.ActorsFile, lang.LeadersFile, lang.TriggersFile, lang.WordsFile, lang.ContextsFile, lang.DatesFile} {
		b, err := fs.ReadFile(p.Data, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.HasPrefix(string(b), "#") {
			t.Errorf("%s: no provenance header (first line must be a # comment saying where the data comes from)", name)
		}
	}
	if p.Lexicon == nil {
		t.Fatal("pack has no lexicon")
	}
	byType := map[record.Type]int{}
	for _, tr := range p.Lexicon.Triggers {
		byType[tr.Type]++
		if len(tr.Pattern) == 0 {
			t.Errorf("triggers.tsv:%d: empty pattern", tr.Line)
		}
		for _, e := range tr.Pattern {
			for _, a := range e.Alts {
				for _, w := range a.Words {
					if w == "" {
						t.Errorf("triggers.tsv:%d: empty word", tr.Line)
					}
					if p.Stemmer != nil && p.Stemmer.Stem(w) == "" {
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
	for _, class := range []string{"neg", "hypo", "future", "rcp", "with", "agent", "and", "say"} {
		found := false
		for _, cs := range p.Lexicon.Words {
			for _, c := range cs {
				if c == class {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("words.tsv: no word of class %q", class)
		}
	}
}
