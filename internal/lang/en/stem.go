package en

// This file is the English stemmer: a light suffix stripper that reduces a
// word to the lemma the pack's data are written in ("signed", "signs",
// "signing" → sign; "accused" → accuse; "allies" → ally), with a table of
// irregular forms (data/irregular.tsv: met → meet, struck → strike) and of
// words that only look inflected ("news", "during").
//
// Removing a suffix often leaves several possible lemmas ("accused" may be
// accus or accuse, "stopped" stopp or stop, "expelled" expell or expel). The
// stemmer prefers a lemma it knows — the words of the pack's triggers and
// contexts, given to NewStemmer — and otherwise follows the spelling rules of
// English inflection: a doubled final consonant is undoubled ("stopped" →
// stop) unless it is l, s or z, and an e dropped before -ed or -ing is
// restored after a short syllable or after "iz", "at", "bl" ("seizing" →
// seize, "hoped" → hope). It does not touch derivational suffixes: the pack
// lists "accusation" beside "accuse".

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"strings"
)

// Tags of a form in irregular.tsv.
const (
	TagPast uint8 = 1 << iota // simple past: met, struck
	TagPP                     // past participle: met, struck, given
	TagPres                   // present third person: is, has, does
	TagIng                    // present participle: being, having
	TagKeep                   // not an inflection: news, during
)

// Irregular is one row of irregular.tsv.
type Irregular struct {
	Lemma string
	Tags  uint8
}

// LoadIrregular reads an irregular-forms table: form<TAB>lemma<TAB>tags,
// "#" comments and blank lines ignored. Errors name the file and line.
func LoadIrregular(fsys fs.FS, name string) (map[string]Irregular, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("irregular forms: %w", err)
	}
	base := name[strings.LastIndexByte(name, '/')+1:]
	out := map[string]Irregular{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r ")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want form<TAB>lemma<TAB>tags, got %d fields", base, n, len(f))
		}
		form, lemma := strings.TrimSpace(f[0]), strings.TrimSpace(f[1])
		if form == "" || lemma == "" || form != strings.ToLower(form) || lemma != strings.ToLower(lemma) || strings.ContainsRune(form+lemma, ' ') {
			return nil, fmt.Errorf("%s:%d: form and lemma must be single lower-case words", base, n)
		}
		if _, dup := out[form]; dup {
			return nil, fmt.Errorf("%s:%d: %q listed twice", base, n, form)
		}
		var tags uint8
		for _, t := range strings.Split(f[2], ",") {
			switch strings.TrimSpace(t) {
			case "past":
				tags |= TagPast
			case "pp":
				tags |= TagPP
			case "pres":
				tags |= TagPres
			case "ing":
				tags |= TagIng
			case "keep":
				tags |= TagKeep
			default:
				return nil, fmt.Errorf("%s:%d: unknown tag %q (want past, pp, pres, ing or keep)", base, n, t)
			}
		}
		if tags&TagKeep != 0 && lemma != form {
			return nil, fmt.Errorf("%s:%d: a kept word must be its own lemma", base, n)
		}
		out[form] = Irregular{Lemma: lemma, Tags: tags}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	return out, nil
}

// Stemmer reduces English words to lemmas. It is immutable after NewStemmer
// and safe for concurrent use.
type Stemmer struct {
	irregular map[string]Irregular
	known     map[string]bool
}

// NewStemmer returns a stemmer with the irregular forms and the lemmas it
// prefers when a suffix leaves a choice.
func NewStemmer(irregular map[string]Irregular, known []string) *Stemmer {
	s := &Stemmer{irregular: irregular, known: make(map[string]bool, len(known))}
	for _, k := range known {
		if k = strings.TrimSpace(k); k != "" {
			s.known[k] = true
		}
	}
	return s
}

// Irregular returns the row of irregular.tsv for a lower-case word.
func (s *Stemmer) Irregular(w string) (Irregular, bool) {
	ir, ok := s.irregular[w]
	return ir, ok
}

// Stem returns the lemma of a lower-case word; a word it cannot reduce is
// returned as it is (never empty for a non-empty word).
func (s *Stemmer) Stem(w string) string {
	if ir, ok := s.irregular[w]; ok {
		return ir.Lemma
	}
	if b, ok := possessiveBase(w); ok {
		w = b
		if ir, ok := s.irregular[w]; ok {
			return ir.Lemma
		}
	}
	if len(w) < 4 || !isASCIIWord(w) {
		return w
	}
	// Plurals and third persons first; "meetings" goes on to "meeting" and
	// then meet.
	if l, ok := s.plural(w); ok {
		if ir, ok := s.irregular[l]; ok {
			return ir.Lemma
		}
		if strings.HasSuffix(l, "ing") {
			if l2, ok := s.suffix(l, "ing"); ok {
				return l2
			}
		}
		return l
	}
	if strings.HasSuffix(w, "ied") && len(w) >= 5 {
		return w[:len(w)-3] + "y" // denied → deny, allied → ally
	}
	for _, suf := range [2]string{"ing", "ed"} {
		if strings.HasSuffix(w, suf) {
			if l, ok := s.suffix(w, suf); ok {
				return l
			}
		}
	}
	return w
}

// plural strips -s, -es or -ies.
func (s *Stemmer) plural(w string) (string, bool) {
	n := len(w)
	if w[n-1] != 's' {
		return "", false
	}
	switch {
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"), strings.HasSuffix(w, "'s"):
		return "", false
	case strings.HasSuffix(w, "ies") && n >= 5:
		return w[:n-3] + "y", true // agencies → agency, allies → ally
	case strings.HasSuffix(w, "es"):
		short, long := w[:n-2], w[:n-1] // reaches → reach, accuses → accuse
		switch {
		case s.known[long]:
			return long, true
		case s.known[short]:
			return short, true
		}
		for _, e := range [...]string{"sses", "shes", "ches", "xes", "zzes", "oes"} {
			if strings.HasSuffix(w, e) {
				return short, true
			}
		}
		return long, true
	}
	return w[:n-1], true
}

// suffix strips -ing or -ed when what is left has a vowel, choosing among
// the lemmas that spelling allows.
func (s *Stemmer) suffix(w, suf string) (string, bool) {
	base := w[:len(w)-len(suf)]
	if len(base) < 2 || !hasVowel(base) {
		return "", false // bring, red, shed
	}
	withE := base + "e"
	undoubled := ""
	if n := len(base); n >= 3 && base[n-1] == base[n-2] && !isVowel(base[n-1]) {
		undoubled = base[:n-1]
	}
	for _, c := range [...]string{base, withE, undoubled} {
		if c != "" && s.known[c] {
			return c, true
		}
	}
	if ir, ok := s.irregular[base]; ok && ir.Tags&TagKeep == 0 {
		return ir.Lemma, true
	}
	switch n := len(base); {
	case undoubled != "" && !strings.ContainsRune("lsz", rune(base[n-1])):
		return undoubled, true // stopped → stop, planning → plan
	case undoubled != "" && base[n-1] == 'l' && vowelGroups(undoubled) >= 2:
		return undoubled, true // travelled → travel, cancelling → cancel; but calling → call
	case n >= 3 && base[n-1] == 'l' && !isVowel(base[n-2]) && base[n-2] != 'l' && base[n-2] != 'r':
		return withE, true // meddling → meddle, handled → handle, encircling → encircle
	case suf == "ed" && strings.HasSuffix(base, "e"):
		return withE, true // agreed → agree, freed → free
	case strings.HasSuffix(base, "iz"), strings.HasSuffix(base, "at"), strings.HasSuffix(base, "bl"),
		strings.HasSuffix(base, "uc"), strings.HasSuffix(base, "dg"), strings.HasSuffix(base, "rg"):
		return withE, true // seizing → seize, negotiated → negotiate, pledged → pledge
	case shortSyllable(base):
		return withE, true // hoped → hope, voted → vote
	}
	return base, true
}

// shortSyllable reports whether w is one syllable ending consonant–vowel–
// consonant (not w, x or y): the shape that lost an e before -ed/-ing.
func shortSyllable(w string) bool {
	n := len(w)
	if n < 3 || n > 4 {
		return false
	}
	c1, v, c2 := w[n-3], w[n-2], w[n-1]
	if isVowel(c1) || !isVowel(v) || isVowel(c2) || strings.ContainsRune("wxy", rune(c2)) {
		return false
	}
	vowels := 0
	for i := 0; i < n; i++ {
		if isVowel(w[i]) {
			vowels++
		}
	}
	return vowels == 1
}

// vowelGroups counts the runs of vowels in w, a rough count of syllables.
func vowelGroups(w string) int {
	n, in := 0, false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i])
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func hasVowel(w string) bool {
	for i := 0; i < len(w); i++ {
		if isVowel(w[i]) || (w[i] == 'y' && i > 0) {
			return true
		}
	}
	return false
}

// isASCIIWord reports whether w is made of ASCII letters only (a hyphen,
// digit or accented letter means a name or a compound: left alone).
func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
