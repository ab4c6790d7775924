package id

// This file is the Indonesian and Malay affix stripper: a confix-stripping
// stemmer in the manner of Nazief–Adriani and its "enhanced confix stripping"
// refinements, written for mitra against two root lists: its own
// (data/roots.txt, written by hand for news vocabulary) and MALINDO Morph's
// (data/roots-malindo.txt, 71,478 dictionary roots, CC BY 4.0).
//
// The two lists are not equal. MALINDO's is a dictionary's: it holds many rare
// roots ("ata", "irim", "pilik") that an affixed news word can be wrongly cut
// to ("mengatakan" → meng+ata, "memiliki" → mem+pilik+i), and lexicalised
// forms that are affixed forms of other roots ("pemerintah", "tersebut",
// "balasan"). So a word's readings are searched once, in order of
// preference, and the first reading that reaches a root of mitra's own list
// wins; only when none does is the first reading that reaches a MALINDO root
// taken. A word mitra's list could stem keeps exactly the root it had
// before MALINDO was added; MALINDO reaches the words it could not.
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
	"cmp"
	"fmt"
	"hash/maphash"
	"io/fs"
	"slices"
	"strings"

	"mitra/internal/lang"
)

// Stemmer reduces Indonesian and Malay words to roots from its lists and
// reports the affixes it stripped. It is immutable after NewStemmer and safe
// for concurrent use.
//
// The roots are kept without pointers (one string of them all, their
// offsets, and a map from each root's hash to its number), so that the
// garbage collector does not scan tens of thousands of strings on every
// cycle.
type Stemmer struct {
	seed  maphash.Seed
	index map[uint64]int32 // hash of a root → its number
	clash map[string]int32 // roots whose hash an earlier root has (almost never)
	blob  string           // every root, one after another
	offs  []uint32         // root k is blob[offs[k]:offs[k+1]]
	own   int32            // roots 0 … own-1 are the preferred ones (mitra's own list)
}

// NewStemmer returns a stemmer that accepts the given roots (lower-case;
// blanks and duplicates are ignored), all equally preferred.
func NewStemmer(roots []string) *Stemmer { return NewStemmer2(roots, nil) }

// NewStemmer2 returns a stemmer over a preferred root list and a fallback
// one: a reading that reaches a preferred root always wins over one that
// reaches only a fallback root (see the file comment).
func NewStemmer2(preferred, fallback []string) *Stemmer {
	s := &Stemmer{seed: maphash.MakeSeed(), index: make(map[uint64]int32, len(preferred)+len(fallback)), offs: []uint32{0}}
	var b strings.Builder
	add := func(roots []string) {
		for _, r := range roots {
			r = strings.TrimSpace(r)
			if r == "" {
				continue
			}
			if _, dup := s.lookup(r, b.String()); dup {
				continue
			}
			k := int32(len(s.offs) - 1)
			h := maphash.String(s.seed, r)
			if _, taken := s.index[h]; taken {
				if s.clash == nil {
					s.clash = map[string]int32{}
				}
				s.clash[r] = k
			} else {
				s.index[h] = k
			}
			b.WriteString(r)
			s.offs = append(s.offs, uint32(b.Len()))
		}
	}
	add(preferred)
	s.own = int32(len(s.offs) - 1)
	add(fallback)
	s.blob = b.String()
	return s
}

// root returns root number k.
func (s *Stemmer) root(k int32) string { return s.blob[s.offs[k]:s.offs[k+1]] }

// lookup returns the number of root w, reading the roots from blob (the
// roots so far, while the stemmer is built).
func (s *Stemmer) lookup(w, blob string) (int32, bool) {
	if k, ok := s.index[maphash.String(s.seed, w)]; ok && blob[s.offs[k]:s.offs[k+1]] == w {
		return k, true
	}
	k, ok := s.clash[w]
	return k, ok
}

// lookupBytes is lookup of a word held in a buffer, without allocating.
func (s *Stemmer) lookupBytes(w []byte) (int32, bool) {
	if k, ok := s.index[maphash.Bytes(s.seed, w)]; ok && s.root(k) == string(w) {
		return k, true
	}
	k, ok := s.clash[string(w)]
	return k, ok
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
func (s *Stemmer) Len() int { return len(s.offs) - 1 }

// Preferred returns the number of roots of the preferred list.
func (s *Stemmer) Preferred() int { return int(s.own) }

// IsRoot reports whether word is in the root list.
func (s *Stemmer) IsRoot(word string) bool {
	_, ok := s.lookup(word, s.blob)
	return ok
}

// Stem returns the root of an Indonesian or Malay word (lower-case input),
// or the word itself when no affix can be removed to reach a known root.
func (s *Stemmer) Stem(word string) string { return s.Analyze(word).Root }

// Analyze returns the root of a lower-case word and the derivational affixes
// stripped to reach it: "menolak" → tolak, meN-; "bertolak" → tolak, ber-;
// "penolakannya" → tolak, peN-…-an (inflection, -nya -lah -kah -pun, is not
// reported). A word no reading reduces is its own root, with no affix.
func (s *Stemmer) Analyze(word string) lang.Morph {
	st := stemSearch{s: s}
	if !st.run(word) {
		st.first = st.fallback
	}
	if st.first.root == "" {
		return lang.Morph{Root: word}
	}
	return st.first.morph()
}

// Affixes returns the names Analyze gives prefixes and suffixes, as
// triggers.tsv writes them in a derivation set ("tolak{meN,di,peN-an}").
func (s *Stemmer) Affixes() (prefixes, suffixes []string) {
	return append([]string(nil), prefixNames[1:]...), append([]string(nil), suffixNames[1:sPerKan]...)
}

// Candidates returns every root in the list that some reading of word's
// affixes reaches, most preferred first: Candidates(w)[0] == Stem(w) when the
// list is not empty. A word that is itself a root comes first. It returns nil
// when no reading reaches a root.
func (s *Stemmer) Candidates(word string) []string {
	st := stemSearch{s: s, all: true}
	st.run(word)
	// The preferred list's roots first, each list's in search order.
	slices.SortStableFunc(st.found, func(a, b string) int {
		tier := func(r string) int {
			if k, _ := s.lookup(r, s.blob); k < s.own {
				return 0
			}
			return 1
		}
		return cmp.Compare(tier(a), tier(b))
	})
	return st.found
}

// Affix kinds, for the rules on which prefixes and suffixes combine.
type prefixKind uint8

// prefixNames and suffixNames are the affixes' names in a lang.Morph, by
// kind: allomorphs share one name (te- is ter-, be- and bel- are ber-, pe-
// is peN-, pel- and pe- before r are per-: perundingan, like pertemuan), as
// a trigger's derivation set names them.
var (
	prefixNames = [...]string{"", "di", "ke", "se", "ter", "ber", "meN", "peN", "per"}
	suffixNames = [...]string{"", "kan", "an", "i", "kan"}
)

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
	// minFallback is the shortest root of the fallback list an affix may
	// be stripped to: the dictionary's three-letter roots are mostly
	// rare words that names and foreign words fall into (sudan → sud-an,
	// meyer → me-yer), while the three-letter roots news needs (bom, cek,
	// cap) are in the preferred list.
	minFallback = 4
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

// reading is a root found with the affixes stripped to reach it.
type reading struct {
	root         string
	outer, inner prefixKind
	suf          suffixKind
}

func (r reading) morph() lang.Morph {
	return lang.Morph{Root: r.root, Prefix: prefixNames[r.outer], Inner: prefixNames[r.inner], Suffix: suffixNames[r.suf]}
}

type stemSearch struct {
	s        *Stemmer
	all      bool
	found    []string
	first    reading // the reading that stopped the search
	fallback reading // the first reading that reached a fallback root
	// cur is the affixes of the reading being checked: the callers of
	// check set it.
	cur reading
	n   int // the word's length
	buf [maxWord + 1]byte
}

// check looks v up; it returns true when the search should stop: v is a
// preferred root (any root, when the stemmer has one list).
func (st *stemSearch) check(v vstr) bool {
	if v.len() < minStem {
		return false
	}
	var idx int32
	var ok bool
	if v.c == 0 {
		idx, ok = st.s.lookup(v.s, st.s.blob)
	} else {
		if len(v.s)+1 > len(st.buf) {
			return false
		}
		st.buf[0] = v.c
		n := copy(st.buf[1:], v.s) + 1
		idx, ok = st.s.lookupBytes(st.buf[:n])
	}
	if !ok {
		return false
	}
	root := st.s.root(idx)
	if idx >= st.s.own && len(root) < minFallback && len(root) != st.n {
		return false
	}
	if st.all {
		for _, f := range st.found {
			if f == root {
				return false
			}
		}
		st.found = append(st.found, root)
		return false
	}
	if idx >= st.s.own {
		if st.fallback.root == "" {
			st.fallback = st.cur
			st.fallback.root = root
		}
		return false
	}
	st.first = st.cur
	st.first.root = root
	return true
}

// run searches the readings of word in order of preference; it returns true
// when a root was found (and the search stopped).
func (st *stemSearch) run(word string) bool {
	if len(word) > maxWord {
		return false
	}
	st.cur, st.n = reading{}, len(word)
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
	st.cur = reading{}
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
	st.cur = reading{suf: sAn}
	if an && st.check(vstr{s: b[:len(b)-2]}) {
		return true
	}
	st.cur = reading{suf: sKan}
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
		st.cur = reading{suf: sI}
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
		} else if a.k == pDi || a.k == pMe || a.k == prev || a.k == pKe && suf != sI && suf != sKan {
			// ke- inside another prefix makes verbs in -i or -kan only
			// (mengetahui, dikemukakan): pengebom is peN-+bom, not
			// peN-+ke-+bom.
			continue
		}
		if a.next.len() < minStem {
			continue
		}
		st.cur = reading{outer: o, suf: suf}
		if depth > 0 {
			st.cur.inner = a.k
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
		if c2 == 'r' {
			out = append(out, alt{pPer, v.from(2)}) // pe-runding: per- before r
		} else if isConsonant(c2) {
			out = append(out, alt{pPe, v.from(2)}) // pe-latih, pe-dagang
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
