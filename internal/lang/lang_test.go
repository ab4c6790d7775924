package lang

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadLexiconErrors(t *testing.T) {
	good := "# header\n"
	tests := []struct {
		name, file, body, want string
	}{
		{"unknown type", TriggersFile, "kecam\tACUSE\n", `triggers.tsv:1: unknown event type "ACUSE" (did you mean "ACCUSE"?)`},
		{"bad gap", TriggersFile, "tarik ...9 pasukan\tRETREAT\n", `triggers.tsv:1: bad gap "...9"`},
		{"trailing gap", TriggersFile, "tarik ...2\tRETREAT\n", "pattern ends with a gap"},
		{"unknown flag", TriggersFile, "kecam\tACCUSE\t-\t-\trecipe\n", `unknown flag "recipe" (did you mean "recip"?)`},
		{"bad mode", TriggersFile, "kecam\tACCUSE\tvisit\n", `ACCUSE has no mode "visit"`},
		{"unknown class suggestion", WordsFile, "tidak\tnegg\n", `unknown word class "negg" (did you mean "neg"?)`},
		{"unknown context", TriggersFile, "kecam\tACCUSE\t-\tmilitary,economy\n", `unknown context "economy"`},
		{"unknown class", WordsFile, "tidak\tnegation\n", `words.tsv:1: unknown word class "negation"`},
		{"short words line", WordsFile, "tidak\n", "want form<TAB>class"},
		{"unknown context file", ContextsFile, "militer\tarmy\n", `contexts.tsv:1: unknown context "army"`},
		{"unclosed set", TriggersFile, "tolak{meN,di\tREJECT\n", `triggers.tsv:1: "tolak{meN,di": a derivation set is one {…} right after its root`},
		{"empty set", TriggersFile, "tolak{}\tREJECT\n", `a derivation set is one {…}`},
		{"empty derivation", TriggersFile, "tolak{meN,,di}\tREJECT\n", `bad derivation ""`},
		{"dangling suffix", TriggersFile, "tolak{meN-}\tREJECT\n", `bad derivation "meN-"`},
		{"dangling inner", TriggersFile, "tolak{meN+}\tREJECT\n", `bad derivation "meN+"`},
		{"set on an exact form", TriggersFile, "=menolak{meN}\tREJECT\n", `an exact form (=) takes no derivation set`},
		{"set without root", TriggersFile, "{meN}\tREJECT\n", `needs a root before it`},
		{"stray brace", TriggersFile, "tolak}\tREJECT\n", `unopened }`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				TriggersFile: {Data: []byte(good)},
				WordsFile:    {Data: []byte(good)},
				ContextsFile: {Data: []byte(good)},
			}
			fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.body)}
			_, err := LoadLexicon(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want error containing %q", err, tc.want)
			}
		})
	}
}

func TestLoadLexiconPatterns(t *testing.T) {
	fsys := fstest.MapFS{
		TriggersFile: {Data: []byte("# h\n=menarik pulang|=memanggil kembali ...2 duta|dubes\tSANCTION\twithdraw\tdiplomatic\tprio=9\nkecam\tACCUSE\n")},
		WordsFile:    {Data: []byte("# h\ntidak\tneg\ndi kota\tplace\n")},
		ContextsFile: {Data: []byte("# h\nmiliter\tmilitary\n")},
	}
	lx, err := LoadLexicon(fsys)
	if err != nil {
		t.Fatal(err)
	}
	tr := lx.Triggers[0]
	if len(tr.Pattern) != 2 || tr.Pattern[1].Gap != 2 || tr.Prio != 9 || tr.Mode != "withdraw" {
		t.Fatalf("bad trigger: %+v", tr)
	}
	if a := tr.Pattern[0].Alts; len(a) != 2 || !a[0].Exact || strings.Join(a[0].Words, " ") != "menarik pulang" || strings.Join(a[1].Words, " ") != "memanggil kembali" {
		t.Fatalf("bad alternatives: %+v", a)
	}
	if len(lx.ByFirst["menarik"]) != 1 || len(lx.ByFirst["memanggil"]) != 1 || len(lx.ByFirst["kecam"]) != 1 {
		t.Fatalf("bad index: %v", lx.ByFirst)
	}
	if lx.MaxWordLen != 2 || lx.Words["di kota"] != Place {
		t.Fatalf("bad words: %v", lx.Words)
	}
}

// fakeAnalyzer knows two roots and the prefixes meN, di and ber.
type fakeAnalyzer struct{}

func (fakeAnalyzer) Stem(w string) string { return fakeAnalyzer{}.Analyze(w).Root }
func (fakeAnalyzer) Analyze(w string) Morph {
	switch w {
	case "menolak":
		return Morph{Root: "tolak", Prefix: "meN"}
	case "bertolak":
		return Morph{Root: "tolak", Prefix: "ber"}
	case "penolakan":
		return Morph{Root: "tolak", Prefix: "peN", Suffix: "an"}
	case "mempertahankan":
		return Morph{Root: "tahan", Prefix: "meN", Inner: "per", Suffix: "kan"}
	case "menahan":
		return Morph{Root: "tahan", Prefix: "meN"}
	case "menolakkan":
		return Morph{Root: "tolak", Prefix: "meN", Suffix: "kan"}
	case "penolak":
		return Morph{Root: "tolak", Prefix: "peN"}
	case "tolakan":
		return Morph{Root: "tolak", Suffix: "an"}
	}
	return Morph{Root: w}
}
func (fakeAnalyzer) Affixes() ([]string, []string) {
	return []string{"meN", "di", "ber", "peN", "per"}, []string{"kan", "an", "i"}
}

func TestDerivErrors(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"tolak{meM}\tREJECT\n", `triggers.tsv:1: "tolak{meM}": unknown prefix "meM" (did you mean "meN"?)`},
		{"tolak{peN-ann}\tREJECT\n", `unknown suffix "ann" (did you mean "an"?)`},
		{"tolak{meN+pr}\tREJECT\n", `unknown prefix "pr"`},
		{"menolak{meN}\tREJECT\n", `"menolak" is not a root (the stemmer reads it as "tolak")`},
	} {
		fsys := fstest.MapFS{
			TriggersFile: {Data: []byte("# h\n" + tc.body)},
			WordsFile:    {Data: []byte("# h\n")},
			ContextsFile: {Data: []byte("# h\n")},
		}
		if _, err := loadLexicon(fsys, fakeAnalyzer{}); err == nil || !strings.Contains(err.Error(), strings.Replace(tc.want, "triggers.tsv:1", "triggers.tsv:2", 1)) {
			t.Errorf("%q: got %v, want error containing %q", tc.body, err, tc.want)
		}
	}
}

func TestDerivMatch(t *testing.T) {
	an := fakeAnalyzer{}
	for _, tc := range []struct {
		set string
		yes []string
		no  []string
	}{
		{"meN,di,peN-an", []string{"menolak", "menolakkan", "penolakan"}, []string{"bertolak", "tolak", "penolak", "tolakan"}},
		{"!ber", []string{"tolak", "menolak", "penolakan", "tolakan"}, []string{"bertolak"}},
		{"0,-an", []string{"tolak", "tolakan"}, []string{"menolak", "bertolak"}},
		{"meN-0", []string{"menolak"}, []string{"menolakkan", "bertolak"}},
		{"peN-0", []string{"penolak"}, []string{"penolakan"}},
		{"meN+per-kan", []string{"mempertahankan"}, []string{"menahan"}},
		{"meN-kan", []string{"mempertahankan", "menolakkan"}, []string{"menahan", "menolak"}},
		{"meN,!meN+per", []string{"menahan", "menolak"}, []string{"mempertahankan"}},
	} {
		d, err := parseDeriv(tc.set)
		if err != nil {
			t.Fatalf("%s: %v", tc.set, err)
		}
		for _, w := range tc.yes {
			if !d.Match(ptr(an.Analyze(w))) {
				t.Errorf("{%s} does not match %s", tc.set, w)
			}
		}
		for _, w := range tc.no {
			if d.Match(ptr(an.Analyze(w))) {
				t.Errorf("{%s} matches %s", tc.set, w)
			}
		}
	}
	// A multi-word alternative keeps one set per word.
	alt, err := parseAlt("putus{meN,peN-an} hubungan diplomatik", an)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(alt.Words, " ") != "putus hubungan diplomatik" || alt.Deriv(0) == nil || alt.Deriv(1) != nil || alt.Deriv(2) != nil {
		t.Fatalf("parseAlt = %+v", alt)
	}
}

func ptr(m Morph) *Morph { return &m }
