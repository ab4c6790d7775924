package actor

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps accented Latin letters to their ASCII base ("ğ" → "g",
// "ễ" → "e"), built once from Unicode canonical decompositions, plus the
// letters that have no decomposition ("ø", "ł", "ı", "đ", "ß").
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]string {
	m := map[rune]string{
		'ø': "o", 'ł': "l", 'ı': "i", 'đ': "d", 'ð': "d", 'ß': "ss", 'æ': "ae",
		'œ': "oe", 'þ': "th", 'ħ': "h", 'ŧ': "t", 'ŀ': "l", 'ĸ': "k",
	}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if _, ok := m[r]; ok {
				continue
			}
			d := norm.NFD.String(string(r))
			b, _ := utf8.DecodeRuneInString(d)
			if b < utf8.RuneSelf && b != r && (b|0x20) >= 'a' && (b|0x20) <= 'z' {
				m[r] = string(b | 0x20)
			}
		}
	}
	add(0xC0, 0x24F)    // Latin-1 Supplement, Latin Extended-A and -B
	add(0x1E00, 0x1EFF) // Latin Extended Additional (Vietnamese)
	return m
}

// isPlain reports whether s needs no folding: ASCII only.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldAppend appends the diacritic-folded form of the lower-case string s to
// dst. Combining marks are dropped; letters outside the table are kept.
func foldAppend(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
		case r >= 0x300 && r <= 0x36F: // combining diacritical marks
		default:
			if f, ok := foldTable[r]; ok {
				dst = append(dst, f...)
			} else {
				dst = utf8.AppendRune(dst, r)
			}
		}
	}
	return dst
}

// keyOf returns the matching key of a token's lower-cased text: the English
// possessive "'s" removed and diacritics folded. scratch is used for folding
// so that no allocation happens; the result may alias it.
func keyOf(lower string, scratch []byte) (key string, folded []byte) {
	if n := len(lower); n > 2 && lower[n-2] == '\'' && lower[n-1] == 's' {
		lower = lower[:n-2]
	}
	if isPlain(lower) {
		return lower, nil
	}
	return "", foldAppend(scratch[:0], lower)
}

// foldKey is keyOf for load time: it always returns a string.
func foldKey(lower string) string {
	k, b := keyOf(lower, nil)
	if b != nil {
		return string(b)
	}
	return k
}
