package syntax_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"mitra/internal/syntax"
	"mitra/internal/syntax/ud"
)

// miniTrain trains on the hand-written testdata/mini.conllu, on mitra's
// tokens: small enough to run in every test run, without ../shared.
func miniTrain(t *testing.T) (*syntax.Model, []syntax.Sentence) {
	t.Helper()
	raw, err := ud.ReadFile("testdata/mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	var sents []syntax.Sentence
	for i := range raw {
		s, _, err := raw[i].Mitra()
		if err != nil {
			t.Fatal(err)
		}
		sents = append(sents, s)
	}
	m, err := syntax.Train(sents, syntax.TrainOptions{Lang: "id", Affix: true, TagEpochs: 5, ParseEpochs: 10, Folds: 2, DictMin: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return m, sents
}

func TestTrainDeterministic(t *testing.T) {
	m1, sents := miniTrain(t)
	m2, _ := miniTrain(t)
	var b1, b2 bytes.Buffer
	if err := m1.Write(&b1, "test model"); err != nil {
		t.Fatal(err)
	}
	if err := m2.Write(&b2, "test model"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Fatal("two trainings on the same data wrote different models")
	}
	// A saved and reloaded model parses exactly as the one in memory.
	m3, err := syntax.Load(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m3.Header != "# test model\n" || m3.Lang != "id" {
		t.Errorf("header %q, lang %q", m3.Header, m3.Lang)
	}
	var t1, t3 syntax.Tree
	for _, s := range sents {
		m1.Parse(&t1, s.Words)
		m3.Parse(&t3, s.Words)
		if t1.String() != t3.String() {
			t.Errorf("reloaded model parses differently:\n%s\nvs\n%s", &t1, &t3)
		}
		checkTree(t, &t1)
	}
	// On its own training data a model is nearly right.
	if sc := m1.Evaluate(sents); sc.UAS < 80 {
		t.Errorf("training-set %s, want UAS ≥ 80", sc)
	}
}

func TestLoadErrors(t *testing.T) {
	m, _ := miniTrain(t)
	var b bytes.Buffer
	if err := m.Write(&b, "line one\n# line two"); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	if !bytes.HasPrefix(good, []byte("# line one\n# line two\nMSYN")) {
		t.Fatalf("header not as written: %q", good[:40])
	}
	damaged := bytes.Clone(good)
	damaged[len(damaged)-10] ^= 0xFF
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "no payload"},
		{"header only", []byte("# just a header\n"), "no payload"},
		{"not a model", []byte("hello world"), "no MSYN magic"},
		{"truncated", good[:len(good)-100], "truncated"},
		{"damaged", damaged, "checksum"},
		{"version", bytes.Replace(bytes.Clone(good), []byte("MSYN\x01"), []byte("MSYN\x09"), 1), "format version 9"},
	}
	for _, tc := range tests {
		_, err := syntax.Load(bytes.NewReader(tc.in))
		if !errors.Is(err, syntax.ErrFormat) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want ErrFormat containing %q", tc.name, err, tc.want)
		}
	}
}

// checkTree fails unless t is a tree over its words: one root, every head
// in range, no cycles, and the queries agree with the heads.
func checkTree(t *testing.T, tr *syntax.Tree) {
	t.Helper()
	n := tr.Len()
	if len(tr.Tag) != n || len(tr.Head) != n || len(tr.Rel) != n {
		t.Fatalf("lengths %d/%d/%d for %d words", len(tr.Tag), len(tr.Head), len(tr.Rel), n)
	}
	if n == 0 {
		if tr.Root() != -1 {
			t.Fatalf("empty tree has root %d", tr.Root())
		}
		return
	}
	s := tr.Sentence()
	if err := s.Check(); err != nil {
		t.Fatalf("not a tree: %v\n%s", err, tr)
	}
	root := tr.Root()
	if tr.Head[root] != -1 || tr.Rel[root] != syntax.Root {
		t.Fatalf("root %d has head %d and relation %s", root, tr.Head[root], tr.Rel[root])
	}
	kids := 0
	for i := 0; i < n; i++ {
		if tr.Tag[i] == syntax.NoTag || tr.Rel[i] == syntax.NoRel {
			t.Fatalf("token %d has no tag or relation", i)
		}
		if i != root && tr.Rel[i] == syntax.Root {
			t.Fatalf("token %d is attached as root but is not the root", i)
		}
		kids += len(tr.Children(i))
		a, b := tr.Span(i)
		if a > i || b <= i {
			t.Fatalf("span %d..%d of %d does not hold it", a, b, i)
		}
	}
	if kids != n-1 {
		t.Fatalf("%d children for %d tokens", kids, n)
	}
}
