package id

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"mitra/internal/lang"
	"mitra/internal/record"
)

// singleTriggers returns the types of the one-word triggers (patterns of
// one element whose alternative is one word) that a token of form w starts,
// as the engine matches them: by form, or by root in a derivation the
// trigger names.
func singleTriggers(p *lang.Pack, w string) []string {
	an := p.Stemmer.(lang.Analyzer)
	m := an.Analyze(w)
	var out []string
	for _, tr := range p.Lexicon.Triggers {
		if len(tr.Pattern) != 1 {
			continue
		}
		for _, a := range tr.Pattern[0].Alts {
			if len(a.Words) != 1 {
				continue
			}
			ok := false
			if d := a.Deriv(0); d != nil {
				ok = m.Root == a.Words[0] && d.Match(&m)
			} else {
				ok = w == a.Words[0] || !a.Exact && m.Root == a.Words[0]
			}
			if ok {
				t := string(tr.Type)
				if tr.Flags.Noun {
					t += "/noun"
				}
				if !slices.Contains(out, t) {
					out = append(out, t)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// triggerWords are word forms and the one-word triggers they start, by
// derivation: the forms that name the act (active, passive, bare headline
// verb, noun) and those of the same root that name something else.
var triggerWords = []struct {
	word string
	want string // sorted types joined by ",", "" for none
}{
	// REJECT: tolak
	{"menolak", "REJECT"}, {"ditolak", "REJECT"}, {"tolak", "REJECT"}, {"tertolak", "REJECT"},
	{"penolakan", "REJECT/noun"}, {"penolakannya", "REJECT/noun"},
	{"bertolak", ""}, // departs
	// AGREE: sedia
	{"bersedia", "AGREE"}, {"kesediaan", "AGREE/noun"},
	{"persediaan", ""}, {"tersedia", ""}, {"menyediakan", ""}, // stock, available, provide
	// AGREE: janji; perjanjian (treaty) is no promise
	{"berjanji", "AGREE"}, {"menjanjikan", "AGREE"}, {"janji", "AGREE/noun"}, {"perjanjian", ""},
	// CONSULT: temu; menemukan (find) is no meeting
	{"bertemu", "CONSULT"}, {"menemui", "CONSULT"}, {"temui", "CONSULT"}, {"pertemuan", "CONSULT/noun"},
	{"menemukan", ""}, {"penemuan", ""},
	{"mengunjungi", "CONSULT"}, {"berkunjung", "CONSULT"}, {"kunjungi", "CONSULT"}, {"kunjungan", "CONSULT/noun"},
	{"kunjung", ""}, {"pengunjung", ""}, // "tak kunjung" (not yet); visitors
	{"melawat", "CONSULT"}, {"lawatan", "CONSULT/noun"}, {"berunding", "CONSULT"}, {"rundingan", "CONSULT/noun"},
	{"perundingan", "CONSULT/noun"}, {"perunding", ""}, {"menengahi", "CONSULT"}, {"pertengahan", ""},
	// SUPPORT
	{"menandatangani", "SUPPORT"}, {"tandatangani", "SUPPORT"}, {"penandatanganan", "SUPPORT/noun"},
	{"memeterai", "SUPPORT"}, {"dimeterai", "SUPPORT"}, {"meneken", "SUPPORT"},
	{"mendukung", "SUPPORT"}, {"dukungan", "SUPPORT/noun"}, {"pendukung", ""}, // supporters
	{"menyokong", "SUPPORT"}, {"disokong", "SUPPORT"}, {"sokongan", "SUPPORT/noun"}, {"penyokong", ""},
	{"mengiktiraf", "SUPPORT"}, {"pengiktirafan", "SUPPORT/noun"},
	// AID: bantu; pembantu (assistant) is no aid
	{"membantu", "AID"}, {"bantuan", "AID/noun"}, {"bantuannya", "AID/noun"}, {"pembantu", ""},
	{"menyumbangkan", "AID"}, {"sumbangan", "AID/noun"},
	// REQUEST: seru; seru (exciting) and berseru (exclaim) are none
	{"menyerukan", "REQUEST"}, {"serukan", "REQUEST"}, {"seruan", "REQUEST/noun"}, {"menyeru", "REQUEST"},
	{"seru", ""}, {"berseru", ""},
	{"mendesak", "REQUEST"}, {"desakan", "REQUEST/noun"}, {"menggesa", "REQUEST"}, {"merayu", "REQUEST"},
	// ACCUSE
	{"mengecam", "ACCUSE"}, {"kecam", "ACCUSE"}, {"kecaman", "ACCUSE/noun"}, {"dikecam", "ACCUSE"},
	{"menuduh", "ACCUSE"}, {"tuduhan", "ACCUSE/noun"}, {"tertuduh", ""}, // the accused
	{"membidas", "ACCUSE"}, {"mendakwa", "ACCUSE"}, {"dakwaan", "ACCUSE/noun"},
	{"menentang", "ACCUSE"}, {"tentang", ""}, // about
	{"menyelidiki", "ACCUSE"}, {"penyelidikan", "ACCUSE/noun"}, {"penyelidik", ""},
	{"menyiasat", "ACCUSE"}, {"menyiasati", ""}, // investigate (ms); get round (id)
	// THREATEN: ancam; terancam (endangered) is no threat
	{"mengancam", "THREATEN"}, {"ancaman", "THREATEN/noun"}, {"terancam", ""},
	{"mengugut", "THREATEN"}, {"amaran", "THREATEN/noun"}, {"memperingatkan", "THREATEN"}, {"peringatan", ""},
	// SANCTION
	{"mengusir", "SANCTION"}, {"usir", "SANCTION"}, {"pengusiran", "SANCTION"}, {"sanksi", "SANCTION"},
	{"sekatan", "SANCTION/noun"},
	// COERCE
	{"menyita", "COERCE"}, {"penyitaan", "COERCE"}, {"dideportasi", "COERCE"}, {"meretas", "COERCE"},
	{"menggodam", "COERCE"}, {"peretas", ""}, // hacker
	{"menduduki", "COERCE"}, {"pendudukan", "COERCE/noun"}, {"berkedudukan", ""}, {"duduk", ""},
	// MOBILIZE
	{"mengerahkan", "MOBILIZE"}, {"kerahkan", "MOBILIZE"}, {"pengerahan", "MOBILIZE/noun"},
	{"pencerobohan", "MOBILIZE/noun"},
	// ASSAULT
	{"menyerang", "ASSAULT"}, {"serangan", "ASSAULT/noun"}, {"penyerangan", "ASSAULT/noun"}, {"penyerang", ""},
	{"menembak", "ASSAULT"}, {"penembakan", "ASSAULT/noun"}, {"penembak", ""},
	{"mengebom", "ASSAULT"}, {"pengeboman", "ASSAULT/noun"},
	{"bertempur", "ASSAULT"}, {"pertempuran", "ASSAULT"}, {"tempur", ""}, // "pesawat tempur"
	{"bentrok", "ASSAULT"}, {"bentrokan", "ASSAULT/noun"}, {"berperang", "ASSAULT"},
	// CONCEDE, COOPERATE, RETREAT, PROTEST
	{"pengampunan", "CONCEDE/noun"}, {"berdagang", "COOPERATE"}, {"mengekstradisi", "COOPERATE"},
	{"berundur", "RETREAT"}, {"memboikot", "PROTEST"}, {"kerusuhan", "PROTEST/noun"},
	// COERCE arrest, not the defence ministry
	{"ditahan", "COERCE"}, {"pertahanan", ""},
}

func TestTriggerWords(t *testing.T) {
	p, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range triggerWords {
		if got := strings.Join(singleTriggers(p, c.word), ","); got != c.want {
			t.Errorf("%s starts %q, want %q (analysis %+v)", c.word, got, c.want, p.Stemmer.(lang.Analyzer).Analyze(c.word))
		}
	}
}

// TestTriggerCounts checks the "# counts:" line of triggers.tsv's header
// against the entries, so that the figures a reader sees are measured.
func TestTriggerCounts(t *testing.T) {
	f, err := os.Open("data/triggers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var line string
	n := map[string]int{}
	total := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "# counts:"):
			line = l
		case l == "" || strings.HasPrefix(l, "#"):
		default:
			fs := strings.Split(l, "\t")
			if len(fs) < 2 {
				t.Fatalf("bad line %q", l)
			}
			n[fs[1]]++
			total++
		}
	}
	parts := make([]string, len(record.Types))
	for i, typ := range record.Types {
		parts[i] = fmt.Sprintf("%s %d", typ, n[string(typ)])
		if n[string(typ)] < 5 {
			t.Errorf("%s has only %d entries", typ, n[string(typ)])
		}
	}
	want := fmt.Sprintf("# counts: entries %d (%s)", total, strings.Join(parts, ", "))
	if line != want {
		t.Errorf("triggers.tsv header:\n got: %s\nwant: %s", line, want)
	}
}
