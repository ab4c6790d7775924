package clean

import (
	"slices"
	"strings"
	"sync"
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
	longBody   bool   // a long, finished sentence that no rule drops
	bulletHead bool   // a bulleted headline ("- Menlu Bahas Kerja Sama Maritim")
	fp         [2]int // the line's word hashes: scratch.hashes[fp[0]:fp[1]]
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

// scratch holds the buffers of one Text or HTML call; they are reused
// through a pool, as cleaning runs once per document on the hot path.
type scratch struct {
	st        []lineStats
	longAfter []bool
	keep      []bool
	cut       []int
	hashes    []uint64 // word hashes of all lines, for dedup
	dd        dedup
	info      []lineInfo
	rl        []rawLine
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// put returns sc to the pool, dropping its references to the document.
func (sc *scratch) put() {
	if cap(sc.st) > 1<<16 {
		return // do not keep the buffers of a huge page
	}
	clear(sc.st)
	clear(sc.info)
	clear(sc.rl)
	sc.dd.reset()
	sc.hashes = sc.hashes[:0]
	scratchPool.Put(sc)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// decide returns which lines to keep. The verdict's slices belong to sc.
func (rs *Rules) decide(lines []lineInfo, sc *scratch) verdict {
	sc.st = grow(sc.st, len(lines))
	st := sc.st
	sc.hashes = sc.hashes[:0]
	for i := range lines {
		s := &st[i]
		s.core, s.bullet = trimBullets(lines[i].text)
		s.fp[0] = len(sc.hashes)
		sc.hashes = measure(s, sc.hashes)
		s.fp[1] = len(sc.hashes)
		s.m, s.matched = rs.matchLine(s.core)
		s.longBody = !s.matched && s.words >= 20 && isTerminal(s.last)
		s.bulletHead = s.bullet && s.words >= 4 && !strings.ContainsRune(".,;\"”’…", s.last) &&
			s.longWords > 0 && s.capWords*10 >= s.longWords*6
	}
	// longAfter[i]: some line at or after i is a long news sentence.
	sc.longAfter = grow(sc.longAfter, len(lines)+1)
	longAfter := sc.longAfter
	for i := len(lines) - 1; i >= 0; i-- {
		longAfter[i] = longAfter[i+1] || st[i].longBody
	}

	sc.keep = grow(sc.keep, len(lines))
	sc.cut = grow(sc.cut, len(lines))
	keep, cut := sc.keep, sc.cut
	title := -1
	titleDone, bodySeen := false, false
	follow := 0
	dd := &sc.dd

lines:
	for i := range lines {
		s := &st[i]
		if s.words == 0 {
			continue // "***", "|", "-"
		}
		if s.matched && s.m.action == Prefix && !bodySeen && s.words <= 20 && isDateLine(s.core) {
			// "Penulis: Rina Kusuma | Rabu, 5 Juli 2023 10:12 WIB": a byline
			// that carries the publication date is a date line.
			s.matched = false
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
		if !bodySeen && rs.isMenu(s.core) {
			continue // "Beranda | Nasional | Dunia | Ekonomi": the site's menu, not the headline
		}
		if s.bulletHead && (i > 0 && st[i-1].bulletHead || i+1 < len(st) && st[i+1].bulletHead) {
			continue // a list of related headlines
		}
		if s.words <= 8 && isBracketed(s.core) {
			continue // "(WIL)", "[Gambas:Video CNBC]", "(ANTARA/Fulan)"
		}
		var fp []uint64
		if s.words >= dedupMinWords {
			fp = fingerprint(sc.hashes[s.fp[0]:s.fp[1]])
			if dd.seen(fp) {
				continue
			}
		}
		isTitle := false
		if !titleDone && !bodySeen && titleLike(s) && !mostlyDate(s.core) {
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
// …"), or 0. The text after the join must be a finished sentence of eight
// words or more, not the rest of a headline with a name like "TikTok" in it.
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
			_, size := utf8.DecodeRuneInString(t[i:])
			next, _ := utf8.DecodeRuneInString(t[i+size:])
			joined = unicode.IsLower(next)
		}
		if unicode.IsUpper(r) && joined {
			var rest lineStats
			rest.core = t[i:]
			measure(&rest, nil)
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

// Byte classes of ASCII characters for measure.
const (
	clOther uint8 = iota
	clLetter
	clDigit
	clDot
	clSpace
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = clLetter, clLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clDigit
	}
	t['.'], t[' '], t['\t'] = clDot, clSpace, clSpace
	return t
}()

// measure fills the word statistics of s.core in one pass, and appends to
// hashes a hash of each word (its letters and digits, ASCII lower-cased).
// Words are separated by spaces, tabs and U+00A0.
func measure(s *lineStats, hashes []uint64) []uint64 {
	t := s.core
	s.first, _ = utf8.DecodeRuneInString(t)
	s.last, _ = utf8.DecodeLastRuneInString(t)
	w := wordStats{first: -1, hash: fnvOffset}
	start := 0
	for i := 0; i < len(t); {
		c, n := t[i], 1
		var cl uint8
		var r rune
		switch {
		case c < utf8.RuneSelf:
			cl, r = asciiClass[c], rune(c)
		case c == 0xC2 && i+1 < len(t) && t[i+1] == 0xA0:
			cl, n = clSpace, 2
		default:
			r, n = utf8.DecodeRuneInString(t[i:])
			if unicode.IsLetter(r) {
				cl = clLetter
			}
		}
		switch cl {
		case clSpace:
			hashes = w.end(s, t[start:i], hashes)
			start = i + n
		case clLetter:
			w.letters++
			if w.first < 0 {
				w.first = r
			}
			for k := i; k < i+n; k++ {
				w.hash = (w.hash ^ uint64(lowerASCII(t[k]))) * fnvPrime
			}
		case clDigit:
			w.digits++
			if w.first < 0 {
				w.first = r
			}
			w.hash = (w.hash ^ uint64(c)) * fnvPrime
		case clDot:
			w.dot = true
		}
		i += n
	}
	return w.end(s, t[start:], hashes)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordStats accumulates one word for measure.
type wordStats struct {
	letters, digits int
	first           rune // first letter or digit, -1 before any
	dot             bool
	hash            uint64
}

// end adds the word w to s and its hash to hashes, and resets ws.
func (ws *wordStats) end(s *lineStats, w string, hashes []uint64) []uint64 {
	if ws.letters+ws.digits > 0 {
		hashes = append(hashes, ws.hash)
		s.words++
		s.lastLower = unicode.IsLower(ws.first)
		if ws.letters >= 4 {
			s.longWords++
			if unicode.IsUpper(ws.first) {
				s.capWords++
			}
		}
		if ws.dot && ws.letters >= 4 && isHostName(w) {
			s.domain = true
		}
	}
	*ws = wordStats{first: -1, hash: fnvOffset}
	return hashes
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

// menuItemWords is the most words one item of a navigation menu has
// ("Pedoman Media Siber"); an item that long must be a known section name.
const menuItemWords = 3

// isMenu reports whether the line t is a site's navigation menu: three or
// more short items (fewer than menuItemWords words unless a known section
// name, none ending a sentence)
// separated by bars, bullets or chevrons ("Beranda | Nasional | Dunia");
// or separated by runs of spaces, at least half of them section names from
// the menu rules ("Home  Internasional  Pertahanan  Ekonomi"); or, with
// single spaces, nothing but section names ("Nasional Internasional
// Ekonomi"). A date line is never a menu.
func (rs *Rules) isMenu(t string) bool {
	items, sep := menuItems(t)
	if len(items) < 3 || isDateLine(t) {
		return false
	}
	if sep == menuWords {
		return rs.allMenu(items)
	}
	named := 0
	for _, it := range items {
		f := strings.Fields(it)
		known := rs.menu[foldASCII(strings.Join(f, " "))]
		if n := wordCount(f); n > menuItemWords || n == menuItemWords && !known {
			return false // "Jokowi Bertemu Albanese | Nasional | Dunia"
		}
		if r, _ := utf8.DecodeLastRuneInString(it); strings.ContainsRune(".,;:!?\"”", r) {
			return false
		}
		if known {
			named++
		}
	}
	return sep == menuBars || 2*named >= len(items)
}

// wordCount counts the fields holding a letter or digit ("Eropa & Amerika"
// has two words).
func wordCount(fields []string) int {
	n := 0
	for _, f := range fields {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// How the items of a menu line are separated.
const (
	menuBars   = iota // "|", "•", "·", "»", "›", " > "
	menuSpaces        // runs of two or more spaces or tabs
	menuWords         // single spaces: every word may be an item
)

// menuItems splits a line into its menu items and says how they were
// separated.
func menuItems(t string) ([]string, int) {
	var items []string
	add := func(it string) {
		if it = strings.TrimSpace(strings.ReplaceAll(it, "\u00a0", " ")); it != "" {
			items = append(items, it)
		}
	}
	if strings.ContainsAny(t, "|•·»›") || strings.Contains(t, " > ") {
		for _, it := range strings.FieldsFunc(strings.ReplaceAll(t, " > ", " | "), func(r rune) bool {
			return strings.ContainsRune("|•·»›", r)
		}) {
			add(it)
		}
		return items, menuBars
	}
	start, spaces := 0, 0
	for i, r := range t {
		if r == ' ' || r == '\t' || r == '\u00a0' {
			spaces++
			continue
		}
		if spaces >= 2 || spaces == 1 && t[i-1] == '\t' {
			add(t[start:i])
			start = i
		}
		spaces = 0
	}
	add(t[start:])
	if len(items) > 1 {
		return items, menuSpaces
	}
	return strings.Fields(t), menuWords
}

// allMenu reports whether the words cover, with no gap, three or more
// section names of the menu rules, each of one to menuItemWords words.
func (rs *Rules) allMenu(words []string) bool {
	n := 0
	for i := 0; i < len(words); {
		k := min(menuItemWords, len(words)-i)
		for ; k > 0; k-- {
			if rs.menu[foldASCII(strings.Join(words[i:i+k], " "))] {
				break
			}
		}
		if k == 0 {
			return false
		}
		i += k
		n++
	}
	return n >= 3
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

// mostlyDate reports whether a line is a date line ("Senin, 20 Mei 2024
// 07:25 WIB") rather than a headline that names a date ("AS dan Niger
// Sepakati Jadwal Penarikan Pasukan, Tuntas Paling Lambat 15 September"):
// at least half of its words hold a digit or are date words.
func mostlyDate(s string) bool {
	if !isDateLine(s) {
		return false
	}
	n, dated := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ",.;:()[]|–—-")
		if w == "" {
			continue
		}
		n++
		if strings.ContainsAny(w, "0123456789") || dateWords[strings.ToLower(w)] {
			dated++
		}
	}
	return 2*dated >= n
}

func isLetterByte(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// dedup finds lines that repeat an earlier kept line: the same words, or at
// least 80% of them (a caption restating the headline).
type dedup struct {
	lines [][]uint64 // fingerprints of the kept lines
}

// fingerprint turns the word hashes of a line into a sorted set, in place.
func fingerprint(h []uint64) []uint64 {
	slices.Sort(h)
	return slices.Compact(h)
}

// seen reports whether fp repeats a kept line.
func (d *dedup) seen(fp []uint64) bool {
	if len(fp) == 0 {
		return false
	}
	check := func(other []uint64) bool {
		a, b := len(fp), len(other)
		if a*10 < b*8 || b*10 < a*8 {
			return false
		}
		return overlap(fp, other)*10 >= max(a, b)*8
	}
	n := len(d.lines)
	for k := 0; k < n && k < dedupFirst; k++ {
		if check(d.lines[k]) {
			return true
		}
	}
	for k := max(dedupFirst, n-dedupRecent); k < n; k++ {
		if check(d.lines[k]) {
			return true
		}
	}
	return false
}

func (d *dedup) reset() {
	clear(d.lines)
	d.lines = d.lines[:0]
}

// add records fp as a kept line.
func (d *dedup) add(fp []uint64) { d.lines = append(d.lines, fp) }

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
