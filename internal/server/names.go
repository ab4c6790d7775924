package server

import (
	"strings"
	"time"

	"mitra/internal/actor"
	"mitra/internal/article"
	"mitra/internal/lang/world"
	"mitra/internal/token"
)

// Names gives party names: Name is the Indonesian name of a code (the
// gazetteer's first form), Codes every code it knows. *actor.Gazetteer
// implements it; given one, the server also resolves every form the
// gazetteer knows ("Negeri Beruang Merah", "Kremlin") to a code.
type Names interface {
	Name(code string) string
	Codes() []string
}

// parties resolves what a user typed into a party code and names codes in
// both languages. It is read-only after newParties.
type parties struct {
	names  Names
	codes  map[string]string // upper-cased code → code
	byName map[string]string // folded Indonesian or English name → code
	gaz    *actor.Gazetteer  // nil unless names is one
}

func newParties(names Names) *parties {
	ps := &parties{names: names, codes: map[string]string{}, byName: map[string]string{}}
	if names == nil {
		return ps
	}
	if g, ok := names.(*actor.Gazetteer); ok {
		ps.gaz = g
	}
	for _, c := range names.Codes() {
		ps.codes[strings.ToUpper(c)] = c
	}
	// English first, so that an Indonesian name equal to another code's
	// English name (none today) resolves to the Indonesian reading.
	for _, c := range names.Codes() {
		if en := world.EnglishName(c); en != c {
			ps.byName[fold(en)] = c
		}
	}
	for _, c := range names.Codes() {
		if id := names.Name(c); id != c {
			ps.byName[fold(id)] = c
		}
	}
	return ps
}

// nameID returns code's Indonesian name, or code.
func (ps *parties) nameID(code string) string {
	if ps.names == nil {
		return code
	}
	if n := ps.names.Name(code); n != "" {
		return n
	}
	return code
}

// resolve turns "RUS", "rus", "Rusia", "Russia" (or any gazetteer form)
// into a party code. A string that looks like a code ("XYZ": upper-case
// letters and digits, 2–5 of them) is taken as one even when no name list
// knows it, so codes the store holds always work; it then selects nothing
// unless the store has it.
func (ps *parties) resolve(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return "", false
	}
	if c, ok := ps.codes[strings.ToUpper(s)]; ok {
		return c, true
	}
	if c, ok := ps.byName[fold(s)]; ok {
		return c, true
	}
	if ps.gaz != nil {
		toks := token.Tokenize(s, 0)
		ms := ps.gaz.Find(toks, article.DateOf(time.Now()))
		if len(ms) == 1 && ms[0].Tok0 == 0 && ms[0].Tok1 == len(toks) {
			return ms[0].Code, true
		}
	}
	if looksLikeCode(s) {
		return s, true
	}
	return "", false
}

func looksLikeCode(s string) bool {
	if len(s) < 2 || len(s) > 5 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// fold normalises a name for comparison: lower case, single spaces.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
