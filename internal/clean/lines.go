package clean

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineInfo is one non-blank line of a page, trimmed of surrounding spaces.
type lineInfo struct {
	text        string
	blankBefore bool // a blank line (paragraph break) precedes it
}

// lineStats holds what the rules need to know about one line.
type lineStats struct {
	core       string // text without leading bullets
	bullet     bool   // text started with a list bullet
	words      int    // tokens holding a letter or digit
	longWords  int    // words of four letters or more
	capWords   int    // long words starting with an upper-case letter
	domain     bool   // a token looks like a host name ("kompas.com")
	last       rune   // last rune of the line
	first      rune   // first rune of core
	lastLower  bool   // the last word starts with a lower-case letter
	m          match
	matched    bool
	longBody   bool // a long, finished sentence that no rule drops
	bulletHead bool // a bulleted headline ("- Menlu Bahas Kerja Sama Maritim")
}

const (
	followMax     = 12 // headline-like lines dropped after a bare "Baca juga"
	dedupFirst    = 64 // kept lines every later line is compared with
	dedupRecent   = 16 // and the most recent kept lines
	dedupMinWords = 4
)

// verdict says which lines to keep.
type verdict struct {
	keep  []bool
	cut   []int // keep only lines[i].text[cut[i]:]
	title int   // index of the title line, or -1 when the page shows none
}

// decide returns which lines to keep.
func (rs *Rules) decide(lines []lineInfo) verdict {
	st := make([]lineStats, len(lines))
	var lower []byte
	for i := range lines {
		s := &st[i]
		s.core, s.bullet = trimBullets(lines[i].text)
		measure(s)
		s.m, s.matched = rs.matchLine(s.core, &lower)
		s.longBody = !s.matched && s.words >= 20 && isTerminal(s.last)
		s.bulletHead = s.bullet && s.words >= 4 && !strings.ContainsRune(".,;\"”’…", s.last) &&
			s.longWords > 0 && s.capWords*10 >= s.longWords*6
	}
	// longAfter[i]: some line at or after i is a long news sentence.
	longAfter := make([]bool, len(lines)+1)
	for i := len(lines) - 1; i >= 0; i-- {
		longAfter[i] = longAfter[i+1] || st[i].longBody
	}

	keep := make([]bool, len(lines))
	cut := make([]int, len(lines))
	title := -1
	titleDone, bodySeen := false, false
	follow := 0
	var dd dedup

lines:
	for i := range lines {
		s := &st[i]
		if s.words == 0 {
			continue // "***", "|", "-"
		}
		if s.matched {
			switch s.m.action {
			case Tail:
				if bodySeen && !longAfter[i+1] {
					break lines
				}
				follow = 0
				if bodySeen {
					follow = followMax
				}
			case Prefix:
				// Above the headline a bare header is a menu item, and the
				// lines after it may be the headline itself.
				follow = 0
				if s.m.bare && (titleDone || bodySeen) {
					follow = followMax
				}
				if g := glued(s); g > 0 {
					// "Baca juga: Judul Lain DisepakatiKedua negara itu …":
					// the scraper glued the next paragraph to the link.
					keep[i], cut[i] = true, len(lines[i].text)-len(s.core)+g
					bodySeen = true
				}
			default:
				follow = 0
			}
			continue
		}
		if follow > 0 {
			if followHeadline(s) {
				follow--
				continue
			}
			follow = 0
		}
		if !bodySeen && s.words <= 50 && rs.matchCaption(s.core) {
			continue
		}
		if s.bulletHead && (i > 0 && st[i-1].bulletHead || i+1 < len(st) && st[i+1].bulletHead) {
			continue // a list of related headlines
		}
		if s.words <= 8 && isBracketed(s.core) {
			continue // "(WIL)", "[Gambas:Video CNBC]", "(ANTARA/Fulan)"
		}
		var fp []uint64
		if s.words >= dedupMinWords {
			fp = dd.fingerprint(lines[i].text)
			if dd.seen(fp) {
				continue
			}
		}
		isTitle := false
		if !titleDone && !bodySeen && titleLike(s) && !isDateLine(s.core) {
			isTitle = true
		}
		if s.words <= 3 && !isTerminal(s.last) && !isTitle {
			switch {
			case isDateLine(s.core):
			case isDatelineDash(s):
			case s.words >= 2 && s.lastLower && i+1 < len(lines) && !lines[i+1].blankBefore:
				// a hard-wrapped sentence: "Menurut laporan\nAFP, ..."
			case i > 0 && keep[i-1] && !lines[i].blankBefore && st[i-1].words >= 6 &&
				!isTerminal(st[i-1].last) && st[i-1].last != ':' &&
				(unicode.IsLower(s.first) || st[i-1].lastLower) && !isDateLine(st[i-1].core):
				// the end of a hard-wrapped sentence: "…, menurut\nketerangan"
			default:
				continue
			}
		}
		keep[i] = true
		if isTitle {
			title, titleDone = i, true
		}
		if s.words >= 25 || s.words >= 8 && isTerminal(s.last) {
			bodySeen = true
		}
		if fp != nil {
			dd.add(fp)
		}
	}
	return verdict{keep: keep, cut: cut, title: title}
}

// glued returns the offset in s.core where news text glued to the end of a
// related-article link starts ("…ke Kapal-kapalnyaKapal-kapal sewaan itu
// …"), or 0. The text after the join must be long enough to be a paragraph
// rather than the rest of a headline with a name like "DeSantis" in it.
func glued(s *lineStats) int {
	if s.words < 12 {
		return 0
	}
	t := s.core
	var prev, prev2 rune
	for i, r := range t[s.m.end:] {
		i += s.m.end
		joined := unicode.IsLower(prev) || prev == '.' || prev == '!' || prev == '?'
		if !joined && unicode.IsUpper(prev) && unicode.IsUpper(prev2) {
			// an acronym glued to a word: "Perairan RIPerjanjian"
			next, _ := utf8.DecodeRuneInString(t[i+utf8.RuneLen(r):])
			joined = unicode.IsLower(next)
		}
		if unicode.IsUpper(r) && joined {
			var rest lineStats
			rest.core = t[i:]
			measure(&rest)
			if rest.words >= 8 && isTerminal(rest.last) {
				return i
			}
			return 0
		}
		prev2, prev = prev, r
	}
	return 0
}

// trimBullets removes leading list bullets and reports whether there were
// any.
func trimBullets(s string) (string, bool) {
	bullet := false
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		switch r {
		case '-', '–', '—', '•', '·', '*', '►', '▶', '»', '>', '|', '▪', '●', '◦', '■', '○':
			bullet = true
		case ' ', '\t', '\u00a0', '\ufeff':
		default:
			return s, bullet
		}
		s = s[n:]
	}
	return s, bullet
}

// measure fills the word statistics of s.core.
func measure(s *lineStats) {
	t := s.core
	s.first, _ = utf8.DecodeRuneInString(t)
	s.last, _ = utf8.DecodeLastRuneInString(t)
	for i := 0; i < len(t); {
		i = skipSpaces(t, i)
		j := i
		for j < len(t) && spaceAt(t, j) == 0 {
			j++
		}
		if j > i {
			word(s, t[i:j])
		}
		i = j
	}
}

// word adds one whitespace-separated token to the statistics.
func word(s *lineStats, w string) {
	letters, alnum := 0, 0
	var first rune = -1
	dot := false
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') || r >= utf8.RuneSelf && unicode.IsLetter(r):
			letters++
			alnum++
			if first < 0 {
				first = r
			}
		case '0' <= r && r <= '9':
			alnum++
			if first < 0 {
				first = r
			}
		case r == '.':
			dot = true
		}
	}
	if alnum == 0 {
		return
	}
	s.words++
	s.lastLower = first >= 0 && unicode.IsLower(first)
	if letters >= 4 {
		s.longWords++
		if unicode.IsUpper(first) {
			s.capWords++
		}
	}
	if dot && letters >= 4 && isHostName(w) {
		s.domain = true
	}
}

// isHostName reports whether w looks like "kompas.com" or "JPNN.com".
func isHostName(w string) bool {
	w = strings.TrimRight(w, ".,:;)")
	i := strings.LastIndexByte(w, '.')
	if i <= 0 || i == len(w)-1 {
		return false
	}
	tld := strings.ToLower(w[i+1:])
	switch tld {
	case "com", "id", "co", "net", "org", "my", "sg", "news", "tv", "info", "io", "uk", "au", "us", "go":
		return true
	}
	return false
}

// isTerminal reports whether r ends a sentence.
func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '"', '”', '’', '\'', '…', ')', ']':
		return true
	}
	return false
}

// titleLike reports whether a line may be the headline.
func titleLike(s *lineStats) bool {
	if s.words < 4 || s.words > 24 || s.domain {
		return false
	}
	switch s.last {
	case '.', ',', ':', ';':
		return false
	case '"', '”', '’', '\'':
		// a quotation closing a sentence: `… “tindakan bermusuhan.”`
		t := strings.TrimRight(s.core, "\"”’'")
		if strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") {
			return false
		}
	}
	return true
}

// followHeadline reports whether a line after a bare "Baca juga" header
// looks like a linked headline rather than news text.
func followHeadline(s *lineStats) bool {
	if s.words > 25 {
		return false
	}
	switch s.last {
	case '.', ',', ';', '"', '”', '’', '…':
		return false
	}
	switch s.first {
	case '"', '“', '\'', '‘', '«':
		return false
	}
	return true
}

// isBracketed reports whether s is one bracket group, like "(FJR)".
func isBracketed(s string) bool {
	s = strings.TrimRight(s, " .")
	if len(s) < 2 {
		return false
	}
	o, c := s[0], s[len(s)-1]
	if !(o == '(' && c == ')' || o == '[' && c == ']') {
		return false
	}
	return strings.IndexByte(s[1:len(s)-1], c) < 0
}

// isDatelineDash reports whether a short line is a dateline of the form
// "JAKARTA, KOMPAS.com -" whose text continues in the next paragraph.
func isDatelineDash(s *lineStats) bool {
	switch s.last {
	case '-', '–', '—':
	default:
		return false
	}
	return unicode.IsUpper(s.first)
}

var dateWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		senin selasa rabu kamis jumat jum'at sabtu minggu ahad isnin khamis
		monday tuesday wednesday thursday friday saturday sunday
		mon tue wed thu fri sat sun
		januari februari maret april mei juni juli agustus september oktober november desember
		jan feb mar apr jun jul agu agt ags agst sep sept okt nov des
		january february march may june july august october december aug oct dec
		mac julai ogos disember
		wib wita wit gmt utc`) {
		dateWords[w] = true
	}
}

// isDateLine reports whether a line holds a date, as in "Senin, 13 Nov 2017
// 14:27 WIB", "13/09/2019" or "Tuesday, March 21, 2023".
func isDateLine(s string) bool {
	digits := false
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			digits = true
			// d/d or d-d-d
			j := i
			for j < len(s) && '0' <= s[j] && s[j] <= '9' {
				j++
			}
			if j+1 < len(s) && (s[j] == '/' || s[j] == '-' && strings.Count(s[i:min(len(s), i+11)], "-") >= 2) && '0' <= s[j+1] && s[j+1] <= '9' {
				return true
			}
			i = j
		}
	}
	if !digits {
		return false
	}
	var buf [16]byte
	for i := 0; i < len(s); {
		for i < len(s) && !isLetterByte(s[i]) {
			i++
		}
		j := i
		for j < len(s) && (isLetterByte(s[j]) || s[j] == '\'') {
			j++
		}
		if n := j - i; n >= 3 && n <= len(buf) {
			for k := 0; k < n; k++ {
				buf[k] = lowerASCII(s[i+k])
			}
			if dateWords[string(buf[:n])] {
				return true
			}
		}
		i = j
	}
	return false
}

func isLetterByte(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// dedup finds lines that repeat an earlier kept line: the same words, or at
// least 80% of them (a caption restating the headline).
type dedup struct {
	arena []uint64
	lines [][2]int // [start, end) in arena, one per kept line
	tmp   []uint64
}

func (d *dedup) fingerprint(s string) []uint64 {
	d.tmp = d.tmp[:0]
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h, n := uint64(offset), 0
	for i := 0; i <= len(s); {
		w := 0 // length of the word character at s[i], or 0
		if i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
					w = 1
				}
			} else if r, k := utf8.DecodeRuneInString(s[i:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				w = k
			}
		}
		if w > 0 {
			for k := 0; k < w; k++ {
				h ^= uint64(lowerASCII(s[i+k]))
				h *= prime
			}
			n++
			i += w
			continue
		}
		if n > 0 {
			d.tmp = append(d.tmp, h)
		}
		h, n = offset, 0
		if i >= len(s) {
			break
		}
		_, k := utf8.DecodeRuneInString(s[i:])
		i += k
	}
	slices.Sort(d.tmp)
	return slices.Compact(d.tmp)
}

// seen reports whether fp (from fingerprint) repeats a kept line.
func (d *dedup) seen(fp []uint64) bool {
	if len(fp) == 0 {
		return false
	}
	check := func(k int) bool {
		l := d.lines[k]
		other := d.arena[l[0]:l[1]]
		a, b := len(fp), len(other)
		if a*10 < b*8 || b*10 < a*8 {
			return false
		}
		return overlap(fp, other)*10 >= max(a, b)*8
	}
	n := len(d.lines)
	for k := 0; k < n && k < dedupFirst; k++ {
		if check(k) {
			return true
		}
	}
	for k := max(dedupFirst, n-dedupRecent); k < n; k++ {
		if check(k) {
			return true
		}
	}
	return false
}

// add records fp as a kept line.
func (d *dedup) add(fp []uint64) {
	start := len(d.arena)
	d.arena = append(d.arena, fp...)
	d.lines = append(d.lines, [2]int{start, len(d.arena)})
}

// overlap counts the common elements of two sorted sets.
func overlap(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}
