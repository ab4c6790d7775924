package syntax_test

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"testing"

	"mitra/internal/lang/id"
	"mitra/internal/syntax"
	"mitra/internal/token"
)

// The models are committed: these tests need no ../shared.

// Each model is loaded once for all tests.
var (
	loadID = sync.OnceValues(func() (*syntax.Model, error) { return syntax.LoadFile(id.Data(), "data/syntax.model") })
	// The English pack is another helper's; the model file sits where it
	// will embed it.
	loadEN = sync.OnceValues(func() (*syntax.Model, error) {
		return syntax.LoadFile(os.DirFS("../lang/en"), "data/syntax.model")
	})
)

func idModel(t testing.TB) *syntax.Model {
	t.Helper()
	m, err := loadID()
	if err != nil {
		t.Fatalf("embedded Indonesian model: %v", err)
	}
	return m
}

func enModel(t testing.TB) *syntax.Model {
	t.Helper()
	m, err := loadEN()
	if err != nil {
		t.Fatalf("English model: %v", err)
	}
	return m
}

func words(text string) []string {
	var w []string
	for _, s := range token.Sentences(text, nil) {
		for _, t := range s.Tokens {
			w = append(w, t.Text)
		}
	}
	return w
}

func TestEmbeddedModels(t *testing.T) {
	tests := []struct {
		name  string
		model func(testing.TB) *syntax.Model
		text  string
		// the root and its subject and object, by word
		root, subj, obj string
	}{
		{"id", idModel, "Indonesia mengecam serangan Israel terhadap warga sipil.", "mengecam", "Indonesia", "serangan"},
		{"id passive", idModel, "Duta Besar China dipanggil oleh Kementerian Luar Negeri Filipina.", "dipanggil", "Duta", ""},
		{"ms", idModel, "Kerajaan Malaysia mengecam tindakan Israel di Gaza.", "mengecam", "Kerajaan", "tindakan"},
		{"en", enModel, "The Philippines summoned the Chinese ambassador on Monday.", "summoned", "Philippines", "ambassador"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.model(t)
			if !strings.HasPrefix(m.Header, "# mitra syntax model") || !strings.Contains(m.Header, "CC BY-SA") {
				t.Errorf("header does not say what the model is and its licence:\n%s", m.Header)
			}
			var tr syntax.Tree
			w := words(tc.text)
			m.Parse(&tr, w)
			checkTree(t, &tr)
			r := tr.Root()
			if tr.Words[r] != tc.root {
				t.Errorf("root %q, want %q\n%s", tr.Words[r], tc.root, &tr)
			}
			if s := tr.Child(r, syntax.Nsubj); tc.subj != "" && (s < 0 || tr.Words[s] != tc.subj) {
				t.Errorf("no subject %q\n%s", tc.subj, &tr)
			}
			if o := tr.Child(r, syntax.Obj); tc.obj != "" && (o < 0 || tr.Words[o] != tc.obj) {
				t.Errorf("no object %q\n%s", tc.obj, &tr)
			}
		})
	}
}

// The header is plain text that head(1) shows: every line before the
// payload starts with "#".
func TestModelHeaderReadable(t *testing.T) {
	f, err := id.Data().Open("data/syntax.model")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() && strings.HasPrefix(sc.Text(), "#") {
		n++
	}
	if n < 5 {
		t.Errorf("only %d header lines", n)
	}
}
