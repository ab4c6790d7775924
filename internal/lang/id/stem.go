package id

// This file is the Indonesian and Malay affix stripper: a confix-stripping
// stemmer in the manner of Nazief–Adriani and its "enhanced confix stripping"
// refinements, written for mitra against its own root list
// (data/roots.txt).
//
// A word is reduced by removing, in order, an inflectional particle (-lah,
// -kah, -tah, -pun), a possessive (-ku, -mu, -nya), one derivational suffix
// (-kan, -an, -i) and up to two prefix layers (di-, ke-, se-, ter-, ber-,
// per-, peN-, meN-, with the nasal's lost consonant restored), checking the
// root list after every step. Each step that fails is undone and the next
// reading tried, so "bertemu" is not read as "berte"+"-mu" and "diberikan"
// gives beri, not ikan.

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"strings"
)

// Stemmer reduces Indonesian and Malay words to roots from its list. It is
// immutable after NewStemmer and safe for concurrent use.
type Stemmer struct {
	roots map[string]int32 // root → index in list
	list  []string
}

// NewStemmer returns a stemmer that accepts the given roots (lower-case;
// blanks and duplicates are ignored).
func NewStemmer(roots []string) *Stemmer {
	s := &Stemmer{roots: make(map[string]int32, len(roots))}
	for _, r := range roots {
		r = strings.TrimSpace(r)
		if r == "" {
			continue
		}
		if _, dup := s.roots[r]; dup {
			continue
		}
		s.roots[r] = int32(len(s.list))
		s.list = append(s.list, r)
	}
	return s
}

// LoadRoots reads a root list: one lower-case root per line, "#" starts a
// comment.
func LoadRoots(fsys fs.FS, name string) ([]string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("roots: %w", err)
	}
	var roots []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.ContainsAny(line, " \t") || line != strings.ToLower(line) {
			return nil, fmt.Errorf("roots: %s:%d: %q is not one lower-case word", name, ln, line)
		}
		roots = append(roots, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("roots: %s: %w", name, err)
	}
	return roots, nil
}

// Len returns the number of roots.
func (s *Stemmer) Len() int { return len(s.list) }

// IsRoot reports whether word is in the root list.
func (s *Stemmer) IsRoot(word string) bool {
	_, ok := s.roots[word]
	return ok
}

// Stem returns the root of an Indonesian or Malay word (lower-case input),
// or the word itself when no affix can be removed to reach a known root.
func (s *Stemmer) Stem(word string) string {
	st := stemSearch{s: s}
	if st.run(word) {
		return st.first
	}
	return word
}

// Candidates returns every root in the list that some reading of word's
// affixes reaches, most preferred first: Candidates(w)[0] == Stem(w) when the
// list is not empty. A word that is itself a root comes first. It returns nil
// when no reading reaches a root.
func (s *Stemmer) Candidates(word string) []string {
	st := stemSearch{s: s, all: true}
	st.run(word)
	return st.found
}

// Affix kinds, for the rules on which prefixes and suffixes combine.
type prefixKind uint8

const (
	pNone prefixKind = iota
	pDi              // di-
	pKe              // ke-
	pSe              // se-
	pTer             // ter-, te-
	pBer             // ber-, be-, bel-
	pMe              // meN-, me-
	pPe              // peN-, pe-
	pPer             // per-, pel-
)

type suffixKind uint8

const (
	sNone   suffixKind = iota
	sKan               // -kan after any prefix but per-
	sAn                // -an
	sI                 // -i
	sPerKan            // -kan after per-, tried after -an
)

// disallowed reports the prefix–suffix pairs that do not occur as confixes:
// be-i, di-an, ke-i, ke-kan, me-an, se-i, se-kan, te-an, and peN- with -kan
// or -i (a peN- noun takes only -an; per- takes all three, -kan last).
func disallowed(p prefixKind, s suffixKind) bool {
	switch s {
	case sKan:
		return p == pKe || p == pSe || p == pPe || p == pPer
	case sPerKan:
		return p != pPer
	case sAn:
		return p == pDi || p == pMe || p == pTer
	case sI:
		return p == pBer || p == pKe || p == pSe || p == pPe
	}
	return false
}

const (
	maxLayers = 2  // prefix layers
	minStem   = 3  // shortest root a step may leave
	maxWord   = 63 // longer words are not stemmed
)

// vstr is a candidate: an optional restored consonant c followed by a
// substring of the word, so that readings cost no allocation.
type vstr struct {
	c byte
	s string
}

func (v vstr) len() int {
	if v.c != 0 {
		return len(v.s) + 1
	}
	return len(v.s)
}

func (v vstr) at(i int) byte {
	if v.c != 0 {
		if i == 0 {
			return v.c
		}
		i--
	}
	if i < len(v.s) {
		return v.s[i]
	}
	return 0
}

// from drops the first i bytes (i ≥ 1 when c is set).
func (v vstr) from(i int) vstr {
	if v.c != 0 {
		if i == 0 {
			return v
		}
		return vstr{s: v.s[i-1:]}
	}
	return vstr{s: v.s[i:]}
}

func (v vstr) hasPrefix(p string) bool {
	if v.len() < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if v.at(i) != p[i] {
			return false
		}
	}
	return true
}

// trimLast drops the last byte.
func (v vstr) trimLast() vstr {
	if len(v.s) == 0 {
		return vstr{}
	}
	return vstr{c: v.c, s: v.s[:len(v.s)-1]}
}

func (v vstr) last() byte {
	if len(v.s) > 0 {
		return v.s[len(v.s)-1]
	}
	return v.c
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !isVowel(c)
}

type stemSearch struct {
	s     *Stemmer
	all   bool
	found []string
	first string
	buf   [maxWord + 1]byte
}

// check looks v up; it returns true when the search should stop.
func (st *stemSearch) check(v vstr) bool {
	if v.len() < minStem {
		return false
	}
	var idx int32
	var ok bool
	if v.c == 0 {
		idx, ok = st.s.roots[v.s]
	} else {
		if len(v.s)+1 > len(st.buf) {
			return false
		}
		st.buf[0] = v.c
		n := copy(st.buf[1:], v.s) + 1
		idx, ok = st.s.roots[string(st.buf[:n])]
	}
	if !ok {
		return false
	}
	root := st.s.list[idx]
	if !st.all {
		st.first = root
		return true
	}
	for _, f := range st.found {
		if f == root {
			return false
		}
	}
	st.found = append(st.found, root)
	return false
}

// run searches the readings of word in order of preference; it returns true
// when a root was found (and the search stopped).
func (st *stemSearch) run(word string) bool {
	if len(word) > maxWord {
		return false
	}
	if st.check(vstr{s: word}) {
		return true
	}
	// Inflection: particle, then possessive; the least stripped reading last.
	p1 := trimParticle(word)
	p2 := trimPossessive(p1)
	if p2 != p1 && p2 != word && st.base(p2) {
		return true
	}
	if p1 != word && st.base(p1) {
		return true
	}
	return st.derive(word)
}

func trimParticle(w string) string {
	for _, p := range [...]string{"lah", "kah", "tah", "pun"} {
		if len(w) >= len(p)+minStem && strings.HasSuffix(w, p) {
			return w[:len(w)-len(p)]
		}
	}
	return w
}

func trimPossessive(w string) string {
	for _, p := range [...]string{"nya", "ku", "mu"} {
		if len(w) >= len(p)+minStem && strings.HasSuffix(w, p) {
			return w[:len(w)-len(p)]
		}
	}
	return w
}

// base checks an inflection-stripped word, then its derivations.
func (st *stemSearch) base(b string) bool {
	if st.check(vstr{s: b}) {
		return true
	}
	return st.derive(b)
}

// derive tries the derivational suffixes and the prefixes on b (b itself has
// been checked).
func (st *stemSearch) derive(b string) bool {
	// Without a prefix, root+-an is read before root+-kan: desakan is a
	// noun of desak, not desa+-kan; tarikan of tarik, not tari.
	kan := len(b) >= 3+minStem && strings.HasSuffix(b, "kan")
	an := len(b) >= 2+minStem && strings.HasSuffix(b, "an")
	if an && st.check(vstr{s: b[:len(b)-2]}) {
		return true
	}
	if kan && st.check(vstr{s: b[:len(b)-3]}) {
		return true
	}
	if kan && st.prefixes(vstr{s: b[:len(b)-3]}, 0, pNone, pNone, sKan, false) {
		return true
	}
	if an && st.prefixes(vstr{s: b[:len(b)-2]}, 0, pNone, pNone, sAn, false) {
		return true
	}
	// per-…-kan is an imperative, rarer than the per-…-an noun: perisikan
	// is risik, not isi.
	if kan && st.prefixes(vstr{s: b[:len(b)-3]}, 0, pNone, pNone, sPerKan, false) {
		return true
	}
	// -i comes after every reading without it, so that a root ending in i
	// (pakai, mulai, nilai) wins over root + -i (maka, pula, nila).
	if st.prefixes(vstr{s: b}, 0, pNone, pNone, sNone, false) {
		return true
	}
	if len(b) > minStem+1 && b[len(b)-1] == 'i' {
		if st.check(vstr{s: b[:len(b)-1]}) {
			return true
		}
		return st.prefixes(vstr{s: b}, 0, pNone, pNone, sI, true)
	}
	return false
}

type alt struct {
	k    prefixKind
	next vstr
}

// prefixes tries every prefix reading of v, depth-first. With tryI, it
// checks each remainder less a final -i instead of the remainder itself.
func (st *stemSearch) prefixes(v vstr, depth int, outer, prev prefixKind, suf suffixKind, tryI bool) bool {
	var buf [8]alt
	alts := prefixAlts(v, buf[:0])
	for _, a := range alts {
		o := outer
		if depth == 0 {
			o = a.k
			if disallowed(o, suf) {
				continue
			}
		} else if a.k == pDi || a.k == pMe || a.k == prev {
			continue
		}
		if a.next.len() < minStem {
			continue
		}
		if tryI {
			// The suffix -i is read off this prefix's remainder.
			if a.next.last() == 'i' && st.check(a.next.trimLast()) {
				return true
			}
		} else if st.check(a.next) {
			return true
		}
		if depth+1 < maxLayers && st.prefixes(a.next, depth+1, o, a.k, suf, tryI) {
			return true
		}
	}
	return false
}

// prefixAlts appends the prefix readings of v in order of preference.
func prefixAlts(v vstr, out []alt) []alt {
	n := v.len()
	if n < minStem+2 {
		return out
	}
	c2 := v.at(2)
	switch v.at(0) {
	case 'd':
		if v.hasPrefix("di") {
			out = append(out, alt{pDi, v.from(2)})
		}
	case 'k':
		if v.hasPrefix("ke") {
			out = append(out, alt{pKe, v.from(2)})
		}
	case 's':
		if v.hasPrefix("se") {
			out = append(out, alt{pSe, v.from(2)})
		}
	case 't':
		if !v.hasPrefix("te") {
			break
		}
		if c2 == 'r' {
			out = append(out, alt{pTer, v.from(3)}, alt{pTer, v.from(2)}) // ter-jadi, te-rusak
		} else if c2 == 'p' && cer(v, 2) {
			out = append(out, alt{pTer, v.from(2)}) // te-percaya
		}
	case 'b':
		if !v.hasPrefix("be") {
			break
		}
		if c2 == 'r' {
			out = append(out, alt{pBer, v.from(3)}, alt{pBer, v.from(2)}) // ber-temu, be-runding
		} else if cer(v, 2) {
			out = append(out, alt{pBer, v.from(2)}) // be-kerja
		} else if v.hasPrefix("belajar") {
			out = append(out, alt{pBer, v.from(3)})
		}
	case 'p':
		if !v.hasPrefix("pe") {
			break
		}
		if c2 == 'r' {
			out = append(out, alt{pPer, v.from(3)})
		}
		out = nasal(v, out, pPe)
		if isConsonant(c2) {
			out = append(out, alt{pPe, v.from(2)}) // pe-latih, pe-dagang, pe-runding
		}
		if c2 == 'l' && isVowel(v.at(3)) {
			out = append(out, alt{pPer, v.from(3)}) // pel-ajar, an allomorph of per-
		}
	case 'm':
		if !v.hasPrefix("me") {
			break
		}
		out = nasal(v, out, pMe)
		switch c2 {
		case 'l', 'r', 'w', 'y', 'm', 'n':
			out = append(out, alt{pMe, v.from(2)}) // me-latih, me-makan, me-nanti
		}
	}
	return out
}

// cer reports whether v has consonant + "er" at i (be-kerja, te-percaya).
func cer(v vstr, i int) bool {
	return isConsonant(v.at(i)) && v.at(i+1) == 'e' && v.at(i+2) == 'r'
}

// nasal appends the readings of meN-/peN- (v starts with "me" or "pe"),
// restoring the consonant the nasal replaced.
func nasal(v vstr, out []alt, k prefixKind) []alt {
	c2, c3, c4 := v.at(2), v.at(3), v.at(4)
	switch {
	case c2 == 'n' && c3 == 'g':
		switch {
		case isVowel(c4):
			out = append(out, alt{k, v.from(4)}, alt{k, vstr{c: 'k', s: v.from(4).s}})
			if c4 == 'e' && isConsonant(v.at(5)) {
				out = append(out, alt{k, v.from(5)}) // menge-bom
			}
		case c4 == 'g' || c4 == 'h' || c4 == 'k':
			out = append(out, alt{k, v.from(4)})
		}
	case c2 == 'n' && c3 == 'y':
		if isVowel(c4) {
			out = append(out, alt{k, vstr{c: 's', s: v.from(4).s}})
		}
	case c2 == 'm':
		switch {
		case c3 == 'b' || c3 == 'f' || c3 == 'v' || c3 == 'p':
			out = append(out, alt{k, v.from(3)})
		case isVowel(c3):
			out = append(out, alt{k, vstr{c: 'p', s: v.from(3).s}})
		case c3 == 'r':
			out = append(out, alt{k, vstr{c: 'p', s: v.from(3).s}}) // pem-rosesan (proses)
		}
	case c2 == 'n':
		switch {
		case c3 == 'c' || c3 == 'd' || c3 == 'j' || c3 == 'z' || c3 == 's' || c3 == 't':
			out = append(out, alt{k, v.from(3)})
		case isVowel(c3):
			out = append(out, alt{k, vstr{c: 't', s: v.from(3).s}})
		}
	}
	return out
}
