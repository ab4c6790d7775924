package actor

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/token"
)

// The gazetteer's tests read the Indonesian pack's data files from the
// source tree. Package lang builds a pack's Words and Refs from them in
// production; these helpers read the few columns the tests need, so that
// package actor's tests do not import the packs (which import actor).

// tsvRows returns the tab-separated fields of a data file's non-comment
// lines.
func tsvRows(tb testing.TB, name string) [][]string {
	tb.Helper()
	f, err := os.Open(filepath.Join(dataDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r ")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// testWords builds Words from words.tsv (classes place, site, language)
// and dates.tsv (weekday).
func testWords(tb testing.TB) Words {
	tb.Helper()
	place, language, weekday := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, f := range tsvRows(tb, "words.tsv") {
		if len(f) < 2 || strings.Contains(f[0], " ") {
			continue
		}
		for _, c := range strings.Split(f[1], ",") {
			switch strings.TrimSpace(c) {
			case "place", "site":
				place[f[0]] = true
			case "language":
				language[f[0]] = true
			}
		}
	}
	for _, f := range tsvRows(tb, "dates.tsv") {
		if len(f) >= 2 && f[1] == "weekday" {
			weekday[token.Fold(f[0])] = true
		}
	}
	return Words{
		Place:    func(w string) bool { return place[w] },
		Language: func(w string) bool { return language[w] },
		Weekday:  func(w string) bool { return weekday[w] },
		Possessive: func(text string) int {
			for _, s := range []string{"'s", "'S", "’s", "’S"} {
				if strings.HasSuffix(text, s) && len(text) > len(s) {
					return len(s)
				}
			}
			return 0
		},
	}
}

// testRefs builds Refs from refs.tsv.
func testRefs(tb testing.TB) *Refs {
	tb.Helper()
	var forms []RefForm
	for _, f := range tsvRows(tb, "refs.tsv") {
		var keys []string
		for _, w := range strings.Fields(f[0]) {
			if w == "*" {
				keys = append(keys, RefWild)
				continue
			}
			for _, t := range token.Tokenize(w, 0) {
				keys = append(keys, t.Lower)
			}
		}
		rf := RefForm{Keys: keys, Plural: f[1] == "plural", None: f[1] == "none"}
		if states, ok := strings.CutPrefix(f[1], "home"); ok {
			rf.Home, rf.States = true, strings.Split(strings.TrimPrefix(states, ":"), ",")
		}
		forms = append(forms, rf)
	}
	return NewRefs(forms)
}
