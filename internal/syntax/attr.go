package syntax

import (
	"unicode"
	"unicode/utf8"
)

// attr holds what the feature templates read of one token, computed once per
// sentence: hashes of the folded form, its affixes and shape.
type attr struct {
	word   uint64 // folded form: lower case, quotes and dashes folded, digits as 0
	pre    [4]uint64
	suf    [4]uint64
	shape  uint64
	affix  uint64 // Indonesian morphology: prefix class, suffix, clitic
	flags  uint64 // capitalisation, first token, digit, hyphen
	lexKey uint32 // key into the tag dictionary
}

// Words are hashed with FNV-1a and a final mix (mix), so that short strings
// spread over all 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	mixK      = 0x9E3779B97F4A7C15
)

// Capitalisation and other flags.
const (
	flagLower uint64 = iota + 1
	flagTitle
	flagUpper
	flagMixed
	flagNone // no letter
)

// fold writes the folded form of w into buf (lower case, typographic quotes
// and dashes as ASCII, digits as 0) and returns it with the token's flags.
func fold(buf []byte, w string) ([]byte, uint64) {
	buf = buf[:0]
	upper, lower, first, digit, hyphen := 0, 0, true, false, false
	firstUpper := false
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'A' && c <= 'Z':
				upper++
				if first {
					firstUpper = true
				}
				first = false
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z':
				lower++
				first = false
			case c >= '0' && c <= '9':
				digit = true
				c = '0'
			case c == '-':
				hyphen = true
			case c == '`':
				c = '\''
			}
			buf = append(buf, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		i += n
		switch r {
		case '’', '‘', '´':
			buf = append(buf, '\'')
			continue
		case '“', '”', '„', '«', '»':
			buf = append(buf, '"')
			continue
		case '–', '—', '‐', '‑', '−':
			hyphen = true
			buf = append(buf, '-')
			continue
		}
		if unicode.IsUpper(r) {
			upper++
			if first {
				firstUpper = true
			}
			first = false
			r = unicode.ToLower(r)
		} else if unicode.IsLetter(r) {
			lower++
			first = false
		} else if unicode.IsDigit(r) {
			digit = true
			r = '0'
		}
		buf = utf8.AppendRune(buf, r)
	}
	var f uint64
	switch {
	case upper == 0 && lower == 0:
		f = flagNone
	case upper == 0:
		f = flagLower
	case lower == 0:
		f = flagUpper
	case firstUpper && upper == 1:
		f = flagTitle
	default:
		f = flagMixed
	}
	if digit {
		f |= 8
	}
	if hyphen {
		f |= 16
	}
	return buf, f
}

// shape maps letters to x/X, digits to d and keeps other characters,
// collapsing runs, and marks long words: "Jakarta" → "Xx+", "24/1" → "d/d".
func shapeOf(w string) uint64 {
	h := uint64(fnvOffset)
	var prev rune = -1
	n := 0
	for _, r := range w {
		n++
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == prev {
			continue
		}
		prev = c
		h ^= uint64(c)
		h *= fnvPrime
	}
	if n > 4 {
		h ^= '+'
		h *= fnvPrime
	}
	return h ^ h>>31
}

// Indonesian affix classes for the affix feature. The stripping is
// deliberately shallow (no root list): it only says which affixes a form
// appears to carry, which is what the tagger and parser need to tell a
// passive di- verb from an active meN- one or a -nya possessive from a bare
// noun.
var (
	idPrefixes = []struct {
		s     string
		class uint64
	}{
		{"memper", 1}, {"diper", 2}, {"meng", 3}, {"meny", 3}, {"mem", 3}, {"men", 3}, {"me", 3},
		{"di", 4}, {"ber", 5}, {"be", 5}, {"ter", 6}, {"per", 7}, {"peng", 8}, {"peny", 8},
		{"pem", 8}, {"pen", 8}, {"pe", 8}, {"ke", 9}, {"se", 10},
	}
	idSuffixes = []struct {
		s     string
		class uint64
	}{{"kan", 1}, {"an", 2}, {"i", 3}}
	idClitics = []struct {
		s     string
		class uint64
	}{{"nya", 1}, {"lah", 2}, {"kah", 3}, {"pun", 4}, {"ku", 5}, {"mu", 6}}
)

// affixOf returns the affix class of a folded form (prefix, suffix and
// clitic classes packed in one number), 0 for short or non-alphabetic forms.
func affixOf(w []byte) uint64 {
	if len(w) < 5 {
		return 0
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return 0
		}
	}
	var cl, sf, pf uint64
	for _, c := range idClitics {
		if c.s[len(c.s)-1] == w[len(w)-1] && len(w)-len(c.s) >= 4 && string(w[len(w)-len(c.s):]) == c.s {
			cl = c.class
			w = w[:len(w)-len(c.s)]
			break
		}
	}
	for _, c := range idSuffixes {
		if c.s[len(c.s)-1] == w[len(w)-1] && len(w)-len(c.s) >= 4 && string(w[len(w)-len(c.s):]) == c.s {
			sf = c.class
			w = w[:len(w)-len(c.s)]
			break
		}
	}
	switch w[0] {
	case 'm', 'd', 'b', 't', 'p', 'k', 's': // the letters the prefixes start with
		for _, c := range idPrefixes {
			if c.s[0] == w[0] && len(w)-len(c.s) >= 3 && string(w[:len(c.s)]) == c.s {
				pf = c.class
				break
			}
		}
	}
	return 1 + pf<<8 | sf<<4 | cl
}

// setAttr fills a from word w; buf is scratch space for the folded form.
// The Indonesian affix class is computed only when affix is set.
func setAttr(a *attr, w string, first, affix bool, buf []byte) []byte {
	buf, flags := fold(buf, w)
	if first {
		flags |= 32
	}
	a.flags = flags
	// One pass forwards gives the word and its prefixes of 1–4 characters
	// (FNV states after each), one backwards its suffixes.
	h := uint64(fnvOffset)
	runes := 0
	for i, c := range buf {
		h ^= uint64(c)
		h *= fnvPrime
		if runes < 4 && (i+1 == len(buf) || buf[i+1] < 0x80 || buf[i+1] >= 0xC0) {
			a.pre[runes] = mix(h + uint64(runes))
			runes++
		}
	}
	for ; runes < 4; runes++ {
		a.pre[runes] = uint64(runes + 11)
	}
	a.word = mix(h)
	a.lexKey = uint32(a.word>>32) | 1
	h = fnvOffset
	runes = 0
	for i := len(buf) - 1; i >= 0 && runes < 4; i-- {
		h ^= uint64(buf[i])
		h *= fnvPrime
		if buf[i] < 0x80 || buf[i] >= 0xC0 {
			a.suf[runes] = mix(h + 0x100 + uint64(runes))
			runes++
		}
	}
	for ; runes < 4; runes++ {
		a.suf[runes] = uint64(runes + 1)
	}
	a.shape = shapeOf(w)
	a.affix = 0
	if affix {
		a.affix = affixOf(buf)
	}
	return buf
}

func mix(h uint64) uint64 {
	h ^= h >> 29
	h *= mixK
	return h ^ h>>32
}
