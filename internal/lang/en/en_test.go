package en

import (
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mitra/internal/lang"
	"mitra/internal/lang/langtest"
	"mitra/internal/record"
)

func TestPack(t *testing.T) {
	p, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	langtest.Check(t, p)
	if !p.Handles("en") || p.Handles("id") || p.Handles("ms") {
		t.Errorf("pack serves %v, want en only", p.Serves)
	}
}

// TestLoadFromDisk checks that the data files load from a folder as well as
// from the embedded copy, so they can be edited without recompiling.
func TestLoadFromDisk(t *testing.T) {
	p, err := Load(os.DirFS("."), nil)
	if err != nil {
		t.Fatal(err)
	}
	langtest.Check(t, p)
}

// TestTriggerLemmas: a trigger word matched by lemma must be its own lemma,
// or no inflection of it could ever reach it through the stemmer.
func TestTriggerLemmas(t *testing.T) {
	p, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range p.Lexicon.Triggers {
		for _, e := range tr.Pattern {
			for _, a := range e.Alts {
				if a.Exact {
					continue
				}
				for _, w := range a.Words {
					if s := p.Stemmer.Stem(w); s != w {
						t.Errorf("triggers.tsv:%d: %q is not a lemma (the stemmer makes it %q): write %q or =%s", tr.Line, w, s, s, w)
					}
				}
			}
		}
	}
}

// TestTriggerHeader keeps the header's count of entries per type true.
func TestTriggerHeader(t *testing.T) {
	p, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(data, lang.TriggersFile)
	if err != nil {
		t.Fatal(err)
	}
	got := map[record.Type]int{}
	for _, tr := range p.Lexicon.Triggers {
		got[tr.Type]++
	}
	re := regexp.MustCompile(`([A-Z]+) (\d+)[,; ]`)
	head := strings.SplitN(string(b), "\n# ---", 2)[0]
	m := re.FindAllStringSubmatch(head, -1)
	if len(m) != len(record.Types) {
		t.Fatalf("header lists %d types, want %d", len(m), len(record.Types))
	}
	for _, x := range m {
		n, _ := strconv.Atoi(x[2])
		if got[record.Type(x[1])] != n {
			t.Errorf("header says %s %d, the file has %d", x[1], n, got[record.Type(x[1])])
		}
	}
	if want := fmt.Sprintf("(%d lines;", len(p.Lexicon.Triggers)); !strings.Contains(head, want) {
		t.Errorf("header does not say %s", want)
	}
}
