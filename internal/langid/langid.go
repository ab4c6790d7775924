// Package langid identifies the language of a news text among the few that
// mitra meets: Indonesian, Malay and English above all, and a handful of other
// Latin-script languages that it can name cheaply.
//
// The detector is a weighted count of function words and markers, read from
// one profile file per language (data/<code>.txt). Profiles are plain text so
// that a linguist can tune them; Load reads an edited copy from disk. Telling
// Indonesian from Malay rests on the words and spellings in which they differ
// (karena/kerana, pemerintah/kerajaan, Senin/Isnin, …); text with no clear
// Malay lead is Indonesian, the project's first language.
//
// A Detector is immutable after Load and safe for concurrent use.
package langid

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.txt
var embedded embed.FS

// Und is the code returned when no language stands out.
const Und = "und"

// Window is how much of a text Detect reads, in bytes.
const Window = 4096

const (
	maxWord   = 40  // longer tokens are ignored
	wordCap   = 3   // a word counts at most this many times
	affixCap  = 8   // an affix feature counts at most this many times
	minScore  = 1.0 // below this total evidence the language is Und
	stackSize = 4096
)

// Indonesian is the default of the Indonesian–Malay pair: Malay must lead by
// MalayMargin weighted points to be chosen.
const (
	codeID      = "id"
	codeMS      = "ms"
	MalayMargin = 2.5
)

// Detector scores texts against language profiles.
type Detector struct {
	langs   []string  // language codes, sorted
	words   table     // single words and "w1 w2" pairs
	weights []float32 // len(entries) × len(langs)
	caps    []uint8   // per entry
	suffix  []affix
	prefix  []affix
	n       int // number of entries
}

type entry struct {
	id   int32 // index of the entry's weights, or -1 for a bare pair head
	head bool  // the word starts a two-word entry
}

// table is an open-addressing hash table keyed by the FNV-1a hash that the
// scanner computes as it reads a word; it is several times faster than a Go
// map here, which hashes every key again.
type table struct {
	slots []slot
	keys  []string
	mask  uint32
}

type slot struct {
	hash uint32
	key  int32 // index in keys plus one; 0 for an empty slot
	e    entry
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnvString(s string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

func newTable(m map[string]entry) table {
	size := 16
	for size < 2*len(m) {
		size *= 2
	}
	t := table{slots: make([]slot, size), mask: uint32(size - 1)}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h := fnvString(k)
		t.keys = append(t.keys, k)
		i := h & t.mask
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = slot{hash: h, key: int32(len(t.keys)), e: m[k]}
	}
	return t
}

func (t *table) get(w []byte, h uint32) (entry, bool) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == 0 {
			return entry{}, false
		}
		if s.hash == h && t.keys[s.key-1] == string(w) {
			return s.e, true
		}
	}
}

type affix struct {
	s  string
	id int32
}

// Load reads every *.txt file at the root of fsys as a profile. A file named
// "<code>.txt" belongs to one language; "<a>+<b>.txt" lists words shared by
// several (each gets the weight). Lines hold a lower-case word or a
// two-word phrase, optionally a TAB and a weight (default 1); "-nya" is a
// suffix and "meng-" a prefix feature, counted for words not listed
// otherwise; "#" starts a comment.
func Load(fsys fs.FS) (*Detector, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("langid: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("langid: no profiles (*.txt) found")
	}
	type line struct {
		word  string
		codes []string
		w     float64
	}
	var lines []line
	langSet := map[string]bool{}
	for _, name := range names {
		codes := strings.Split(strings.TrimSuffix(path.Base(name), ".txt"), "+")
		for _, c := range codes {
			if c == "" || c == Und {
				return nil, fmt.Errorf("langid: %s: bad language code %q", name, c)
			}
			langSet[c] = true
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("langid: %w", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for ln := 1; sc.Scan(); ln++ {
			text := sc.Text()
			if i := strings.IndexByte(text, '#'); i >= 0 {
				text = text[:i]
			}
			text = strings.TrimSpace(text)
			if text == "" {
				continue
			}
			word, ws, hasW := strings.Cut(text, "\t")
			word = strings.Join(strings.Fields(word), " ")
			w := 1.0
			if hasW {
				w, err = strconv.ParseFloat(strings.TrimSpace(ws), 64)
				if err != nil || w < 0 || w > 100 {
					return nil, fmt.Errorf("langid: %s:%d: bad weight %q", name, ln, ws)
				}
			}
			if word != strings.ToLower(word) || strings.Count(word, " ") > 1 {
				return nil, fmt.Errorf("langid: %s:%d: %q: want a lower-case word or two-word phrase", name, ln, word)
			}
			for _, part := range strings.Fields(word) {
				if len(strings.Trim(part, "-")) > maxWord {
					return nil, fmt.Errorf("langid: %s:%d: %q is too long", name, ln, part)
				}
			}
			lines = append(lines, line{word, codes, w})
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("langid: %s: %w", name, err)
		}
	}
	d := &Detector{}
	words := map[string]entry{}
	for c := range langSet {
		d.langs = append(d.langs, c)
	}
	sort.Strings(d.langs)
	li := map[string]int{}
	for i, c := range d.langs {
		li[c] = i
	}
	nl := len(d.langs)
	ids := map[string]int32{}
	idOf := func(key string, capN uint8) int32 {
		if id, ok := ids[key]; ok {
			return id
		}
		id := int32(d.n)
		d.n++
		ids[key] = id
		d.weights = append(d.weights, make([]float32, nl)...)
		d.caps = append(d.caps, capN)
		return id
	}
	for _, l := range lines {
		var id int32
		switch {
		case strings.HasPrefix(l.word, "-") && len(l.word) > 1:
			id = idOf(l.word, affixCap)
			if !hasAffix(d.suffix, id) {
				d.suffix = append(d.suffix, affix{l.word[1:], id})
			}
		case strings.HasSuffix(l.word, "-") && len(l.word) > 1:
			id = idOf(l.word, affixCap)
			if !hasAffix(d.prefix, id) {
				d.prefix = append(d.prefix, affix{l.word[:len(l.word)-1], id})
			}
		default:
			id = idOf(l.word, wordCap)
			e, found := words[l.word]
			if !found {
				e.id = -1
			}
			if e.id < 0 {
				e.id = id
			}
			words[l.word] = e
			if first, _, ok := strings.Cut(l.word, " "); ok {
				h, found := words[first]
				if !found {
					h.id = -1
				}
				h.head = true
				words[first] = h
			}
		}
		for _, c := range l.codes {
			d.weights[int(id)*nl+li[c]] = float32(l.w)
		}
	}
	d.words = newTable(words)
	return d, nil
}

func hasAffix(list []affix, id int32) bool {
	for _, a := range list {
		if a.id == id {
			return true
		}
	}
	return false
}

var defaultDetector = sync.OnceValue(func() *Detector {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err)
	}
	d, err := Load(sub)
	if err != nil {
		panic(err) // the embedded profiles are tested
	}
	return d
})

// Default returns the detector built from the embedded profiles.
func Default() *Detector { return defaultDetector() }

// Detect returns the ISO 639-1 code of text's language, or "und", and a
// confidence in [0,1], using the embedded profiles.
func Detect(text string) (code string, conf float64) { return Default().Detect(text) }

// Languages returns the codes d can name, sorted.
func (d *Detector) Languages() []string { return append([]string(nil), d.langs...) }

// Scores returns the weighted evidence for each language in the first Window
// bytes of text, keyed by code. It is meant for diagnostics and tests.
func (d *Detector) Scores(text string) map[string]float64 {
	var buf [64]float64
	s := d.score(text, buf[:0])
	m := make(map[string]float64, len(s))
	for i, v := range s {
		m[d.langs[i]] = v
	}
	return m
}

// Detect returns the ISO 639-1 code of text's language, or "und" when no
// profile has enough evidence, and a confidence in [0,1].
func (d *Detector) Detect(text string) (code string, conf float64) {
	var buf [64]float64
	s := d.score(text, buf[:0])
	best, second := -1, -1
	for i, v := range s {
		switch {
		case best < 0 || v > s[best]:
			best, second = i, best
		case second < 0 || v > s[second]:
			second = i
		}
	}
	if best < 0 || s[best] < minScore {
		return Und, 0
	}
	pair := 1.0
	id, ms := d.index(codeID), d.index(codeMS)
	if id >= 0 && ms >= 0 && (best == id || best == ms) {
		// Decide the pair by Malay's lead, then compare the pair with the
		// strongest other language.
		lead := s[ms] - s[id]
		if lead >= MalayMargin {
			best = ms
		} else {
			best = id
		}
		pair = logistic(math.Abs(lead-MalayMargin) / 1.5)
		second = -1
		for i, v := range s {
			if i != id && i != ms && (second < 0 || v > s[second]) {
				second = i
			}
		}
	}
	top := s[best]
	if top < 1e-9 {
		top = math.Max(s[id], s[ms]) // Malay won on markers alone
	}
	var runner float64
	if second >= 0 {
		runner = s[second]
	}
	margin := (top - runner) / top
	if margin < 0 {
		margin = 0
	}
	evidence := 1 - math.Exp(-top/4)
	conf = margin * evidence * pair
	return d.langs[best], math.Max(0, math.Min(1, conf))
}

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func (d *Detector) index(code string) int {
	for i, c := range d.langs {
		if c == code {
			return i
		}
	}
	return -1
}

// score returns the per-language evidence, appended to out.
func (d *Detector) score(text string, out []float64) []float64 {
	nl := len(d.langs)
	for range nl {
		out = append(out, 0)
	}
	if len(text) > Window {
		text = text[:Window]
	}
	var countsStack [stackSize]uint8
	var counts []uint8
	if d.n <= stackSize {
		counts = countsStack[:d.n]
	} else {
		counts = make([]uint8, d.n)
	}
	add := func(id int32) {
		if id < 0 || counts[id] >= d.caps[id] {
			return
		}
		counts[id]++
		w := d.weights[int(id)*nl : int(id)*nl+nl]
		for i, v := range w {
			out[i] += float64(v)
		}
	}
	var cur, prev [maxWord]byte
	var pair [2*maxWord + 1]byte
	n, pn := 0, 0
	h, ph := uint32(fnvOffset), uint32(0)
	prevHead := false
	tooLong, ascii := false, true
	flush := func() {
		if n == 0 && !tooLong {
			return
		}
		if tooLong {
			prevHead = false
			n, tooLong, ascii, h = 0, false, true, fnvOffset
			return
		}
		w := cur[:n]
		e, ok := d.words.get(w, h)
		if prevHead {
			copy(pair[:], prev[:pn])
			pair[pn] = ' '
			copy(pair[pn+1:], w)
			hp := (ph ^ ' ') * fnvPrime
			for _, c := range w {
				hp = (hp ^ uint32(c)) * fnvPrime
			}
			if pe, ok := d.words.get(pair[:pn+1+n], hp); ok {
				add(pe.id)
			}
		}
		if ok {
			add(e.id)
		} else if ascii && n >= 6 {
			for _, a := range d.suffix {
				if len(w) >= len(a.s)+3 && string(w[len(w)-len(a.s):]) == a.s {
					add(a.id)
					break
				}
			}
			for _, a := range d.prefix {
				if len(w) >= len(a.s)+3 && string(w[:len(a.s)]) == a.s {
					add(a.id)
					break
				}
			}
		}
		prevHead = ok && e.head
		if prevHead {
			copy(prev[:], w)
			pn, ph = n, h
		}
		n, ascii, h = 0, true, fnvOffset
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				flush()
				continue
			}
			if n < maxWord {
				cur[n] = c
				n++
				h = (h ^ uint32(c)) * fnvPrime
			} else {
				tooLong = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			flush()
			continue
		}
		r = unicode.ToLower(r)
		ascii = false
		if n+utf8.RuneLen(r) <= maxWord {
			k := utf8.EncodeRune(cur[n:], r)
			for _, c := range cur[n : n+k] {
				h = (h ^ uint32(c)) * fnvPrime
			}
			n += k
		} else {
			tooLong = true
		}
	}
	flush()
	return out
}
