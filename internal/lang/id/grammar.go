package id

import (
	"strings"

	"mitra/internal/token"
)

// Grammar is Indonesian and Malay morphology and syntax as the engine asks
// about it. The zero value is ready to use.
type Grammar struct{}

// verbalPrefixes are the prefixes of Indonesian and Malay verb forms; a word
// the stemmer shortened after one of them is read as a verb.
var verbalPrefixes = []string{"me", "di", "ber", "be", "ter"}

// VerbForm reports whether w, with root stem, is a verb form: "diteken"
// (teken), "berlaku" (laku), "menandatangani"; not "pertahanan" or
// "diplomatik".
func (Grammar) VerbForm(w, stem string) bool {
	if len(stem) >= len(w) {
		return false
	}
	for _, p := range verbalPrefixes {
		if strings.HasPrefix(w, p) && !strings.HasPrefix(stem, p) {
			return true
		}
	}
	return false
}

// Passive reports whether toks[i] is a di- passive: "dipanggil",
// "dijatuhkan" (root without di-), not "diplomatik" or "diskusi" (roots
// that begin with di).
func (Grammar) Passive(toks []token.Token, stems []string, i int) bool {
	w := toks[i].Lower
	return len(w) > 4 && strings.HasPrefix(w, "di") && stems[i] != w && !strings.HasPrefix(stems[i], "di")
}

// Possessive returns the length of an English possessive ending ("'s"),
// which Indonesian pages keep on foreign names ("Russia's").
func (Grammar) Possessive(text string) int {
	switch {
	case strings.HasSuffix(text, "'s"), strings.HasSuffix(text, "'S"):
		if len(text) > 2 {
			return 2
		}
	case strings.HasSuffix(text, "’s"), strings.HasSuffix(text, "’S"):
		if len(text) > 4 {
			return 4
		}
	}
	return 0
}
