package ud

import "strings"

// Harmonise2017 rewrites a sentence of the 2017 (UD 2.1) Indonesian GSD
// training file towards the conventions of the current Indonesian
// treebanks (CSUI and PUD, which mitra's news resembles), where the change is
// systematic enough to state as a rule. What no rule covers is left to the
// trainer's per-domain features (syntax.Sentence.Domain).
//
// The rules, each checked against the current treebanks' counts:
//   - auxiliaries: akan, telah, sudah, dapat, bisa, harus, sedang, boleh,
//     mampu were ADV advmod, now AUX aux;
//   - names: flat between proper nouns is flat:name;
//   - relative clauses: acl or amod with a "yang" dependent is acl:relcl;
//   - passive agents: obl with "oleh" is obl:agent;
//   - time: obl and nmod headed by a time noun (tahun, bulan, Senin…) are
//     obl:tmod and nmod:tmod;
//   - possessors: a personal pronoun under a noun is nmod:poss;
//   - noun compounds: compound between nouns is nmod, as CSUI and PUD
//     annotate them (GSD still uses compound);
//   - reduplication ("kota - kota") was compound:plur over split tokens;
//     mitra splits the same way, and the converter marks the second half
//     goeswith, as here;
//   - secara is case:adv; pun is advmod:emph; satu as a determiner is a
//     numeral (nummod).
func Harmonise2017(s *Sentence) {
	ws := s.Words
	children := make([][]int, len(ws))
	for i, w := range ws {
		if w.Head > 0 {
			children[w.Head-1] = append(children[w.Head-1], i)
		}
	}
	hasChild := func(i int, form string) bool {
		for _, c := range children[i] {
			if strings.EqualFold(ws[c].Form, form) {
				return true
			}
		}
		return false
	}
	headTag := func(i int) string {
		if h := ws[i].Head; h > 0 {
			return ws[h-1].UPOS
		}
		return "ROOT"
	}
	for i := range ws {
		w := &ws[i]
		lower := strings.ToLower(w.Form)
		ht := headTag(i)
		switch w.Deprel {
		case "advmod":
			if auxiliaries[lower] && (ht == "VERB" || ht == "ADJ") {
				w.UPOS, w.Deprel = "AUX", "aux"
			} else if lower == "pun" {
				w.Deprel = "advmod:emph"
			}
		case "flat":
			if w.UPOS == "PROPN" && (ht == "PROPN" || ht == "NOUN") {
				w.Deprel = "flat:name"
			}
		case "acl", "amod":
			if hasChild(i, "yang") {
				w.Deprel = "acl:relcl"
			}
		case "obl":
			switch {
			case hasChild(i, "oleh"):
				w.Deprel = "obl:agent"
			case timeNouns[lower]:
				w.Deprel = "obl:tmod"
			}
		case "nmod":
			if timeNouns[lower] {
				w.Deprel = "nmod:tmod"
			} else if w.UPOS == "PRON" && personal[lower] {
				w.Deprel = "nmod:poss"
			}
		case "compound":
			if w.UPOS == "PRON" && personal[lower] {
				w.Deprel = "nmod:poss"
			} else if ht == "NOUN" || ht == "PROPN" {
				w.Deprel = "nmod"
			}
		case "compound:plur":
			w.Deprel = "goeswith"
		case "det":
			if w.UPOS == "PRON" && personal[lower] {
				w.Deprel = "nmod:poss"
			} else if lower == "satu" {
				w.UPOS, w.Deprel = "NUM", "nummod"
			}
		case "case":
			if lower == "secara" {
				w.Deprel = "case:adv"
			}
		}
	}
}

var auxiliaries = setOf("akan", "telah", "sudah", "dapat", "bisa", "harus", "sedang", "boleh", "mampu")

var personal = setOf("saya", "aku", "kami", "kita", "anda", "kamu", "engkau", "dia", "ia", "beliau", "mereka")

var timeNouns = setOf("tahun", "bulan", "hari", "tanggal", "minggu", "pekan", "abad", "dekade", "masa",
	"saat", "waktu", "periode", "kuartal", "semester", "triwulan", "jam", "pukul", "pagi", "siang",
	"sore", "malam", "musim", "zaman", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
	"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
	"oktober", "november", "desember")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
