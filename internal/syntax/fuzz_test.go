package syntax_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"mitra/internal/syntax"
)

// FuzzParse: any token sequence gives a tree (one root, heads in range, no
// cycles), and parsing never panics.
func FuzzParse(f *testing.F) {
	m := idModel(f)
	for _, s := range []string{
		"", " ", "Indonesia mengecam serangan itu .", ". . . ,", "(24/1) - -- ''",
		"yang yang yang yang", "di oleh kepada dari", "\x00 \xff é",
		strings.Repeat("dan ", 50), "Rusia's don't U.S. RI-Jepang",
	} {
		f.Add(s)
	}
	var tr syntax.Tree
	f.Fuzz(func(t *testing.T, s string) {
		w := strings.Fields(s)
		m.Parse(&tr, w)
		checkTree(t, &tr)
		// Tokens mitra never gives (empty, invalid UTF-8) must not break it.
		w = append(w, "", string([]byte{0xff, 0xfe}))
		if !utf8.ValidString(s) {
			w = append(w, s)
		}
		m.Parse(&tr, w)
		checkTree(t, &tr)
	})
}

func TestParseEdgeCases(t *testing.T) {
	m := idModel(t)
	var tr syntax.Tree
	m.Parse(&tr, nil)
	checkTree(t, &tr)
	m.Parse(&tr, []string{"Ya"})
	checkTree(t, &tr)
	if tr.Root() != 0 || tr.Rel[0] != syntax.Root {
		t.Errorf("one word: root %d rel %s", tr.Root(), tr.Rel[0])
	}
	// A very long sentence (a page with no full stops) parses in linear
	// time and still gives a tree; then a short one reuses the memory.
	long := make([]string, 0, 20000)
	for len(long) < 20000 {
		long = append(long, strings.Fields("Menteri itu mengatakan bahwa kedua negara sepakat bekerja sama , dan")...)
	}
	m.Parse(&tr, long)
	checkTree(t, &tr)
	m.Parse(&tr, []string{"Indonesia", "mengecam", "serangan", "itu", "."})
	checkTree(t, &tr)
	// Parsing the same words twice gives the same tree.
	a := tr.String()
	m.Parse(&tr, []string{"Indonesia", "mengecam", "serangan", "itu", "."})
	if tr.String() != a {
		t.Error("same input, different tree")
	}
}

func TestParseConcurrent(t *testing.T) {
	m := idModel(t)
	sents := [][]string{words(benchText), words("Jepang dan Korea Selatan menandatangani perjanjian itu."), nil}
	want := make([]string, len(sents))
	var tr syntax.Tree
	for i, s := range sents {
		m.Parse(&tr, s)
		want[i] = tr.String()
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			var tr syntax.Tree
			for k := 0; k < 20; k++ {
				for i, s := range sents {
					m.Parse(&tr, s)
					if tr.String() != want[i] {
						t.Errorf("concurrent parse differs")
					}
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
