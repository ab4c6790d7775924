package clean

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/boilerplate.tsv
var data embed.FS

// DefaultRulesFile is the name of the embedded rule file inside its fs.FS.
const DefaultRulesFile = "data/boilerplate.tsv"

// Action says what a rule does with a line it matches.
type Action uint8

// Rule actions, as spelled in the rule file.
const (
	Prefix   Action = iota + 1 // line starts with the marker
	Exact                      // line is the marker
	Tail                       // line is the marker; drop it and the rest of the page
	Contains                   // line contains the marker
	Caption                    // line ends with the marker, above the first news paragraph
	Menu                       // the marker names a section in a site's navigation menu
	Byline                     // line starts with the marker and then only names ("By Jane Doe")
)

var actionNames = map[string]Action{
	"prefix":   Prefix,
	"exact":    Exact,
	"tail":     Tail,
	"contains": Contains,
	"caption":  Caption,
	"menu":     Menu,
	"byline":   Byline,
}

func (a Action) String() string {
	for name, b := range actionNames {
		if a == b {
			return name
		}
	}
	return fmt.Sprintf("Action(%d)", a)
}

// Rule is one line of a rule file.
type Rule struct {
	Action Action
	Marker string // as written in the file
	Case   bool   // match case-sensitively
	Line   int    // line number in the rule file

	pat    string // normalised marker: spaces collapsed, lower-cased unless Case
	anchor int    // index in pat of its rarest byte, searched first (contains)
}

// Rules is a parsed rule file. It is immutable after LoadRules and safe for
// concurrent use.
type Rules struct {
	Name  string
	Rules []Rule

	// byFirst indexes the prefix, exact and tail rules by the folded first
	// byte of their marker, so a line is compared only with rules that can
	// match it.
	byFirst  [256][]int
	contains []int // contains rules
	captions []int
	menu     map[string]bool // menu section names, folded
}

// LoadRules parses the rule file name in fsys. Errors name the file and
// line, like "boilerplate.tsv:12: unknown action "lien"".
func LoadRules(fsys fs.FS, name string) (*Rules, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	return ParseRules(name, b)
}

// ParseRules parses the contents of a rule file; name is used in errors.
func ParseRules(name string, b []byte) (*Rules, error) {
	rs := &Rules{Name: name, menu: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Split(line, "\t")
		act, ok := actionNames[strings.TrimSpace(f[0])]
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown action %q (want prefix, exact, tail, contains, caption or menu)", name, n, strings.TrimSpace(f[0]))
		}
		if len(f) < 2 || strings.TrimSpace(f[1]) == "" {
			return nil, fmt.Errorf("%s:%d: missing marker after %q", name, n, f[0])
		}
		if len(f) > 3 {
			return nil, fmt.Errorf("%s:%d: too many fields (%d, want ACTION<TAB>MARKER[<TAB>FLAGS])", name, n, len(f))
		}
		r := Rule{Action: act, Marker: f[1], Line: n}
		if len(f) == 3 {
			for _, flag := range strings.Fields(f[2]) {
				switch flag {
				case "case":
					r.Case = true
				default:
					return nil, fmt.Errorf("%s:%d: unknown flag %q (want case)", name, n, flag)
				}
			}
		}
		r.pat = strings.Join(strings.Fields(r.Marker), " ")
		if !r.Case {
			r.pat = foldASCII(r.pat)
		}
		r.anchor = rarest(r.pat)
		rs.Rules = append(rs.Rules, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	for i, r := range rs.Rules {
		switch r.Action {
		case Prefix, Exact, Tail, Byline:
			c := r.pat[0]
			if !r.Case {
				rs.byFirst[c] = append(rs.byFirst[c], i)
				if u := upperASCII(c); u != c {
					rs.byFirst[u] = append(rs.byFirst[u], i)
				}
			} else {
				rs.byFirst[c] = append(rs.byFirst[c], i)
			}
		case Contains:
			rs.contains = append(rs.contains, i)
		case Caption:
			rs.captions = append(rs.captions, i)
		case Menu:
			rs.menu[foldASCII(r.pat)] = true
		}
	}
	return rs, nil
}

var defaultRules = sync.OnceValue(func() *Rules {
	rs, err := LoadRules(data, DefaultRulesFile)
	if err != nil {
		panic("clean: embedded rules: " + err.Error())
	}
	return rs
})

// DefaultRules returns the embedded rule set, parsed once.
func DefaultRules() *Rules { return defaultRules() }

func foldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func isAlnumByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

// spaceAt reports the length of the space character at s[i] (ASCII space or
// tab, or U+00A0), or 0.
func spaceAt(s string, i int) int {
	switch {
	case s[i] == ' ' || s[i] == '\t':
		return 1
	case s[i] == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
		return 2
	}
	return 0
}

func skipSpaces(s string, i int) int {
	for i < len(s) {
		n := spaceAt(s, i)
		if n == 0 {
			break
		}
		i += n
	}
	return i
}

// matchAt reports whether pat matches at the start of s and returns the end
// of the match in s. A space in pat matches a run of spaces; ':' in pat
// matches after optional spaces.
func matchAt(s, pat string, caseSens bool) (int, bool) {
	i := 0
	for j := 0; j < len(pat); j++ {
		p := pat[j]
		switch p {
		case ' ':
			if i >= len(s) || spaceAt(s, i) == 0 {
				return 0, false
			}
			i = skipSpaces(s, i)
			continue
		case ':':
			i = skipSpaces(s, i)
		}
		if i >= len(s) {
			return 0, false
		}
		c := s[i]
		if !caseSens {
			c = lowerASCII(c)
		}
		if c != p {
			return 0, false
		}
		i++
	}
	if isAlnumByte(pat[len(pat)-1]) && !wordBoundary(s, i) {
		return 0, false
	}
	return i, true
}

// wordBoundary reports whether no letter or digit starts at s[i].
func wordBoundary(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	if c := s[i]; c < utf8.RuneSelf {
		return !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9')
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// onlyPunct reports whether s holds nothing but spaces and separators, as
// after the marker of a bare header line ("Baca juga :", "BERITA TERKAIT -").
func onlyPunct(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\u00a0', ':', '-', '|', '.', ',', ';', '!', '>', '*', '/', '–', '—', '•', '»', '·':
			continue
		}
		return false
	}
	return true
}

// nameParticles are the lower-case words a personal name may hold.
var nameParticles = map[string]bool{"and": true, "de": true, "van": true, "der": true, "von": true,
	"bin": true, "binti": true, "al": true, "el": true, "da": true, "di": true, "la": true, "le": true,
	"du": true, "dos": true, "in": true}

// nameList reports whether s (what follows a byline marker) is nothing but
// one to four names: capitalised words joined by "and", "&" or commas, with
// name particles ("de", "bin") and a place after "in" ("Jane Doe in Jakarta"),
// up to a "|" or a bracket, after which anything may follow (a date, an
// agency). "By continuing to browse", "By 2030, …" and "By contrast" are
// not bylines.
func nameList(s string) bool {
	if i := strings.IndexAny(s, "|(•"); i >= 0 {
		s = s[:i]
	}
	words, caps := 0, 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\u00a0' }) {
		if f == "&" || f == "-" || f == "–" {
			continue
		}
		words++
		r, _ := utf8.DecodeRuneInString(f)
		switch {
		case unicode.IsUpper(r):
			caps++
		case nameParticles[f]:
		default:
			return false
		}
	}
	return caps >= 1 && words <= 12
}

// match is the result of matching a line against the rules.
type match struct {
	action Action
	bare   bool // nothing but punctuation follows a prefix marker
	rule   int
	end    int // end of the marker in the line
}

// matchLine applies the prefix, exact, tail and contains rules to the
// trimmed line s (bullets already removed).
func (rs *Rules) matchLine(s string) (match, bool) {
	if s == "" {
		return match{}, false
	}
	// A tail rule wins over the others: "Berita Lainnya :" ends the page
	// even though "Berita Lainnya:" is also a prefix rule.
	var found match
	ok := false
	for _, ri := range rs.byFirst[s[0]] {
		r := &rs.Rules[ri]
		end, hit := matchAt(s, r.pat, r.Case)
		if !hit {
			continue
		}
		bare := onlyPunct(s[end:])
		switch {
		case r.Action == Tail && bare:
			return match{action: Tail, rule: ri}, true
		case ok:
		case r.Action == Prefix:
			found, ok = match{action: Prefix, bare: bare, rule: ri, end: end}, true
		case r.Action == Exact && bare:
			found, ok = match{action: Exact, rule: ri}, true
		case r.Action == Byline && nameList(s[end:]):
			// Read as a prefix rule, so a byline that carries the date
			// stays as a date line.
			found, ok = match{action: Prefix, rule: ri, end: end}, true
		}
	}
	if ok {
		return found, true
	}
	for _, ri := range rs.contains {
		if containsRule(s, &rs.Rules[ri]) {
			return match{action: Contains, rule: ri}, true
		}
	}
	return match{}, false
}

// byteRank orders bytes from common to rare in Indonesian news text; a
// contains rule is searched for by its rarest byte, which seldom occurs.
var byteRank = func() (rank [256]int) {
	for i := range rank {
		rank[i] = 100 // punctuation, digits, UTF-8 bytes: rare
	}
	for i, c := range []byte(" aniekumtrsdlgpbhoy.,jcwf-vzxq") {
		rank[c] = i
	}
	return rank
}()

// rarest returns the index of the rarest byte of pat.
func rarest(pat string) int {
	best := 0
	for i := 1; i < len(pat); i++ {
		if byteRank[pat[i]] > byteRank[pat[best]] {
			best = i
		}
	}
	return best
}

// containsRule reports whether s contains the marker of r (case-insensitive
// for ASCII letters unless r.Case). It finds the marker's rarest byte with
// IndexByte, in both cases, and compares around it, so most lines are
// rejected without lower-casing or scanning them byte by byte.
func containsRule(s string, r *Rule) bool {
	pat, k := r.pat, r.anchor
	a := pat[k]
	variants := [2]byte{a, a}
	if !r.Case {
		variants[1] = upperASCII(a)
	}
	for v, c := range variants {
		if v == 1 && c == a {
			break
		}
		for from := k; from < len(s); {
			j := strings.IndexByte(s[from:], c)
			if j < 0 {
				break
			}
			at := from + j - k
			if at+len(pat) <= len(s) && equalFold(s[at:at+len(pat)], pat, r.Case) {
				return true
			}
			from += j + 1
		}
	}
	return false
}

// equalFold compares s with the lower-case pattern pat, folding ASCII
// letters of s unless caseSens.
func equalFold(s, pat string, caseSens bool) bool {
	if caseSens {
		return s == pat
	}
	for i := 0; i < len(pat); i++ {
		if lowerASCII(s[i]) != pat[i] {
			return false
		}
	}
	return true
}

// matchCaption reports whether s ends with a caption credit.
func (rs *Rules) matchCaption(s string) bool {
	s = strings.TrimRight(s, " .\t")
	if s == "" {
		return false
	}
	var group string // the trailing bracket group, "(AFP/Reuters)"
	if s[len(s)-1] == ')' {
		if i := strings.LastIndexByte(s, '('); i >= 0 {
			group = s[i:]
		}
	}
	for _, ri := range rs.captions {
		r := &rs.Rules[ri]
		if r.pat[0] == '(' {
			if group == "" {
				continue
			}
			if _, ok := matchAt(group, r.pat, r.Case); ok {
				return true
			}
			continue
		}
		if len(s) < len(r.pat) {
			continue
		}
		tail := s[len(s)-len(r.pat):]
		if r.Case && tail == r.pat || !r.Case && strings.EqualFold(tail, r.pat) {
			return true
		}
	}
	return false
}
