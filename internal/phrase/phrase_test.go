package phrase

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMatch(t *testing.T) {
	s, err := Read("t", strings.NewReader(`# a comment

penarikan ...3 pasukan*|tentara*
menarik diri
angkat kaki
sign|signed ...2 agreement*
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"AS dan Niger sepakati jadwal penarikan pasukan", true},
		{"penarikan seluruh sisa tentaranya", true},           // gap of 2, prefix
		{"penarikan dana bantuan kepada pasukan", true},       // three words between: the most allowed
		{"penarikan dana bantuan kepada para pasukan", false}, // four
		{"Wagner baru-baru ini MENARIK DIRI dari Mali", true}, // case
		{"menarik, diri", true},                               // punctuation is not a word
		{"angkat kaki", true},
		{"kaki angkat", false},
		{"they signed a trade agreement", true},
		{"the agreement was signed", false},
		{"", false},
	} {
		if got := s.Match(c.text); got != c.want {
			t.Errorf("Match(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	var none *Set
	if none.Match("angkat kaki") || (&Set{}).Match("angkat kaki") {
		t.Error("a nil or empty set matched")
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct{ file, err string }{
		{"...3 pasukan\n", "x.txt:1: gap"},
		{"# header\nmenarik ...\n", "x.txt:2: gap"},
		{"menarik ...3\n", "x.txt:1: pattern ends with a gap"},
		{"a|b* c-d\n", "x.txt:1: word"},
		{"menarik ...99 pasukan\n", "x.txt:1: gap"},
		{"a||b\n", "x.txt:1: word"},
	} {
		_, err := Load(fstest.MapFS{"x.txt": {Data: []byte(c.file)}}, "x.txt")
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("Load(%q): %v, want an error containing %q", c.file, err, c.err)
		}
	}
	if _, err := Load(fstest.MapFS{}, "missing.txt"); err == nil {
		t.Error("a missing file loads")
	}
}

// FuzzMatch feeds patterns and texts from anywhere: nothing panics.
func FuzzMatch(f *testing.F) {
	f.Add("Amerika Serikat menarik pasukan terakhirnya", "menarik ...3 pasukan*")
	f.Add("\xff\xfe menarik ... diri", "a|b* ...2 c")
	f.Fuzz(func(t *testing.T, text, pattern string) {
		s, err := Read("f", strings.NewReader(pattern))
		if err != nil {
			return
		}
		s.Match(text)
	})
}
