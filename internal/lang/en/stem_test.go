package en

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// stemmer returns the stemmer of the embedded pack (irregular forms and the
// lexicon's lemmas).
func stemmer(t testing.TB) *Stemmer {
	t.Helper()
	p, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p.Stemmer.(*Stemmer)
}

var stemTests = []struct {
	group string
	cases [][2]string
}{
	{"-s and -es", [][2]string{
		{"signs", "sign"}, {"talks", "talk"}, {"sanctions", "sanction"}, {"relations", "relation"},
		{"reaches", "reach"}, {"taxes", "tax"}, {"vetoes", "veto"}, {"accuses", "accuse"},
		{"seizes", "seize"}, {"forces", "force"}, {"agrees", "agree"}, {"pushes", "push"},
		{"losses", "loss"}, {"tariffs", "tariff"},
	}},
	{"-ies and -ied", [][2]string{
		{"allies", "ally"}, {"agencies", "agency"}, {"denied", "deny"}, {"ratified", "ratify"},
		{"ratifies", "ratify"}, {"supplied", "supply"}, {"duties", "duty"},
	}},
	{"-ed", [][2]string{
		{"signed", "sign"}, {"visited", "visit"}, {"agreed", "agree"}, {"accused", "accuse"},
		{"seized", "seize"}, {"pledged", "pledge"}, {"condemned", "condemn"}, {"expelled", "expel"},
		{"stopped", "stop"}, {"planned", "plan"}, {"committed", "commit"}, {"called", "call"},
		{"travelled", "travel"}, {"cancelled", "cancel"}, {"hoped", "hope"}, {"voted", "vote"},
		{"negotiated", "negotiate"}, {"recognized", "recognize"}, {"imposed", "impose"},
		{"summoned", "summon"}, {"sued", "sue"}, {"handled", "handle"},
	}},
	{"-ing", [][2]string{
		{"signing", "sign"}, {"meeting", "meet"}, {"meetings", "meet"}, {"visiting", "visit"},
		{"seizing", "seize"}, {"accusing", "accuse"}, {"planning", "plan"}, {"calling", "call"},
		{"threatening", "threaten"}, {"meddling", "meddle"}, {"shelling", "shell"},
		{"cutting", "cut"}, {"lifting", "lift"}, {"suing", "sue"},
	}},
	{"irregular", [][2]string{
		{"met", "meet"}, {"sent", "send"}, {"struck", "strike"}, {"gave", "give"}, {"given", "give"},
		{"held", "hold"}, {"withdrew", "withdraw"}, {"withdrawn", "withdraw"}, {"said", "say"},
		{"was", "be"}, {"were", "be"}, {"been", "be"}, {"has", "have"}, {"fought", "fight"},
		{"sought", "seek"}, {"broke", "break"}, {"froze", "freeze"}, {"shot", "shoot"},
		{"died", "die"}, {"ties", "tie"},
	}},
	{"left alone", [][2]string{
		{"news", "news"}, {"during", "during"}, {"thing", "thing"}, {"crisis", "crisis"},
		{"us", "us"}, {"gas", "gas"}, {"status", "status"}, {"bring", "bring"}, {"red", "red"},
		{"kyiv", "kyiv"}, {"côte", "côte"}, {"covid-19", "covid-19"}, {"a", "a"}, {"ing", "ing"},
		{"ed", "ed"}, {"s", "s"}, {"press", "press"}, {"this", "this"},
	}},
	{"possessives", [][2]string{
		{"russia's", "russia"}, {"allies'", "ally"}, {"china’s", "china"}, {"it's", "it's"},
	}},
}

func TestStem(t *testing.T) {
	s := stemmer(t)
	for _, g := range stemTests {
		for _, c := range g.cases {
			if got := s.Stem(c[0]); got != c[1] {
				t.Errorf("%s: Stem(%q) = %q, want %q", g.group, c[0], got, c[1])
			}
		}
	}
}

// TestStemUnknownLemmas: without the lexicon's lemmas the spelling rules
// still give the usual lemma.
func TestStemUnknownLemmas(t *testing.T) {
	irr, err := LoadIrregular(data, IrregularFile)
	if err != nil {
		t.Fatal(err)
	}
	s := NewStemmer(irr, nil)
	for _, c := range [][2]string{
		{"stopped", "stop"}, {"hoped", "hope"}, {"agreed", "agree"}, {"seizing", "seize"},
		{"negotiated", "negotiate"}, {"calling", "call"}, {"cancelled", "cancel"}, {"walked", "walk"},
		{"reaches", "reach"}, {"promises", "promise"},
	} {
		if got := s.Stem(c[0]); got != c[1] {
			t.Errorf("Stem(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestLoadIrregularErrors(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"met\tmeet\n", "want form<TAB>lemma<TAB>tags"},
		{"met\tmeet\tpast,pp\nmet\tmeet\tpast\n", `irregular.tsv:3: "met" listed twice`},
		{"Met\tmeet\tpast\n", "single lower-case words"},
		{"met\tmeet\tpassed\n", `unknown tag "passed"`},
		{"news\tnew\tkeep\n", "a kept word must be its own lemma"},
	} {
		_, err := LoadIrregular(fstest.MapFS{"data/irregular.tsv": {Data: []byte("# h\n" + tc.body)}}, "data/irregular.tsv")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want an error containing %q", tc.body, err, tc.want)
		}
	}
	if _, err := LoadIrregular(fstest.MapFS{}, "data/irregular.tsv"); err == nil {
		t.Error("a missing file loads")
	}
}

// FuzzStem: the stemmer never panics, never returns an empty lemma for a
// word, and returns valid UTF-8 no longer than its input (plus the "e" or
// "y" it may restore).
func FuzzStem(f *testing.F) {
	for _, g := range stemTests {
		for _, c := range g.cases {
			f.Add(c[0])
		}
	}
	f.Add("'s")
	f.Add("’")
	f.Add("sss")
	s := stemmer(f)
	f.Fuzz(func(t *testing.T, w string) {
		got := s.Stem(w)
		if w != "" && got == "" {
			t.Fatalf("Stem(%q) is empty", w)
		}
		if utf8.ValidString(w) && !utf8.ValidString(got) {
			t.Fatalf("Stem(%q) = %q is not UTF-8", w, got)
		}
		if len(got) > len(w)+1 && got != s.irregular[w].Lemma {
			t.Fatalf("Stem(%q) = %q grew", w, got)
		}
	})
}

func BenchmarkStem(b *testing.B) {
	s := stemmer(b)
	words := strings.Fields("Algeria is cutting diplomatic relations with Morocco , Foreign Minister Ramtane Lamamra said on Tuesday , accusing its neighbour of hostile actions and summoned envoys after talks were held")
	for i := range words {
		words[i] = strings.ToLower(words[i])
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			s.Stem(w)
		}
	}
}
