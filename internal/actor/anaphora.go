package actor

import (
	"strings"

	"mitra/internal/article"
	"mitra/internal/token"
)

// Anaphor is a phrase that refers back to parties named earlier: plural
// ("kedua negara", "keduanya", "both countries") refers to the two most
// recently mentioned parties, singular ("negara itu", "negara Afrika Barat
// itu") to the most recent one. The caller resolves it.
type Anaphor struct {
	Tok0, Tok1 int // token range [Tok0, Tok1)
	Span       article.Span
	Text       string
	Plural     bool
}

// anaphorForms lists the fixed phrases, Indonesian and Malay first, then
// English. "pihaknya" (the speaker's side) and "negara ini" (the writer's or
// speaker's own country) are left out: they do not point back to a mention.
var anaphorForms = []struct {
	form   string
	plural bool
}{
	{"kedua negara", true},
	{"kedua negara itu", true},
	{"kedua negara tersebut", true},
	{"kedua belah pihak", true},
	{"kedua pihak", true},
	{"kedua pemimpin", true},
	{"kedua pemimpin negara", true},
	{"kedua kepala negara", true},
	{"kedua kepala pemerintahan", true},
	{"kedua presiden", true},
	{"kedua menteri", true},
	{"kedua menlu", true},
	{"kedua menhan", true},
	{"kedua pemerintah", true},
	{"kedua pemerintahan", true},
	{"kedua bangsa", true},
	{"kedua delegasi", true},
	{"keduanya", true},
	{"kedua-dua negara", true},
	{"kedua-dua belah pihak", true},
	{"kedua-dua pihak", true},
	{"kedua-dua pemimpin", true},
	{"kedua-dua kerajaan", true},
	{"kedua-dua negara itu", true},
	{"both countries", true},
	{"both nations", true},
	{"both sides", true},
	{"both leaders", true},
	{"both governments", true},
	{"the two countries", true},
	{"the two nations", true},
	{"the two sides", true},
	{"the two leaders", true},
	{"the two governments", true},
	{"the two ministers", true},
	{"the two foreign ministers", true},
	{"the two defence ministers", true},
	{"the two defense ministers", true},
	{"the two presidents", true},
	{"the two prime ministers", true},
	{"the two pms", true},
	{"the two heads of state", true},
	{"the two delegations", true},
	{"the two neighbours", true},
	{"the two neighbors", true},
	{"both neighbours", true},
	{"both neighbors", true},
	{"the two allies", true},
	{"both allies", true},
	{"the two rivals", true},
	{"the two states", true},
	{"both states", true},
	{"both parties", true},
	{"their two countries", true},

	{"negara itu", false},
	{"negara tersebut", false},
	{"negeri itu", false},
	{"negeri tersebut", false},
	{"pemerintah itu", false},
	{"pemerintah tersebut", false},
	{"pemerintahan itu", false},
	{"pemerintahan tersebut", false},
	{"republik itu", false},
	{"republik tersebut", false},
	{"kerajaan itu", false},
	{"kerajaan tersebut", false},
	{"negara berkenaan", false},
	{"the country", false},
	{"the republic", false},
	{"the kingdom", false},
	{"the island nation", false},
	{"the emirate", false},
	{"the city-state", false},
	{"the bloc", false},
	{"the alliance", false},
}

type anaphorForm struct {
	keys   []string
	plural bool
}

// anaphorIndex maps a first token to its forms, longest first.
var anaphorIndex = func() map[string][]anaphorForm {
	m := map[string][]anaphorForm{}
	for _, f := range anaphorForms {
		keys, _ := formTokens(f.form)
		m[keys[0]] = append(m[keys[0]], anaphorForm{keys, f.plural})
	}
	for k, fs := range m {
		for a := 1; a < len(fs); a++ {
			for b := a; b > 0 && len(fs[b].keys) > len(fs[b-1].keys); b-- {
				fs[b], fs[b-1] = fs[b-1], fs[b]
			}
		}
		m[k] = fs
	}
	return m
}()

// FindAnaphora returns the anaphors in a sentence's tokens, left to right,
// non-overlapping. Besides the fixed phrases it finds "negara/negeri"
// followed by up to three capitalised words and "itu"/"tersebut" ("negara
// Afrika Barat itu", "negeri Teluk tersebut") as singular anaphors.
func FindAnaphora(toks []token.Token) []Anaphor {
	var out []Anaphor
	for i := 0; i < len(toks); {
		if toks[i].Kind != token.Word {
			i++
			continue
		}
		end, plural := matchAnaphor(toks, i)
		if end < 0 {
			i++
			continue
		}
		sp := article.Span{Start: toks[i].Span.Start, End: toks[end-1].Span.End}
		out = append(out, Anaphor{Tok0: i, Tok1: end, Span: sp, Text: spanText(toks[i:end], sp.End), Plural: plural})
		i = end
	}
	return out
}

func matchAnaphor(toks []token.Token, i int) (end int, plural bool) {
	for _, f := range anaphorIndex[toks[i].Lower] {
		if i+len(f.keys) > len(toks) {
			continue
		}
		ok := true
		for k, key := range f.keys {
			if toks[i+k].Lower != key {
				ok = false
				break
			}
		}
		if ok {
			return i + len(f.keys), f.plural
		}
	}
	if l := toks[i].Lower; l == "negara" || l == "negeri" {
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			t := toks[j]
			if j > i+1 && (t.Lower == "itu" || t.Lower == "tersebut") {
				return j + 1, false
			}
			if t.Kind != token.Word || !t.Upper || strings.EqualFold(t.Text, "itu") {
				break
			}
		}
	}
	return -1, false
}
