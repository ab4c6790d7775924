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
