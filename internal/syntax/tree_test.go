package syntax_test

import (
	"slices"
	"testing"

	"mitra/internal/syntax"
	"mitra/internal/syntax/ud"
)

func miniTree(t *testing.T, id string) *syntax.Tree {
	t.Helper()
	raw, err := ud.ReadFile("testdata/mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	for i := range raw {
		if raw[i].ID == id {
			s, _, err := raw[i].Mitra()
			if err != nil {
				t.Fatal(err)
			}
			var tr syntax.Tree
			if err := tr.Fill(&s); err != nil {
				t.Fatal(err)
			}
			return &tr
		}
	}
	t.Fatalf("no sentence %s", id)
	return nil
}

func TestTreeQueries(t *testing.T) {
	// Menteri itu mengatakan bahwa kedua negara sepakat bekerja sama .
	//    0     1      2        3     4      5      6       7      8   9
	tr := miniTree(t, "mini-8")
	checkTree(t, tr)
	if tr.Root() != 2 {
		t.Fatalf("root %d", tr.Root())
	}
	if got := tr.Children(2); !slices.Equal(got, []int{0, 6, 9}) {
		t.Errorf("children of mengatakan: %v", got)
	}
	if got := tr.Child(6, syntax.Nsubj); got != 5 {
		t.Errorf("subject of sepakat: %d", got)
	}
	if got := tr.Child(2, syntax.Obj); got != -1 {
		t.Errorf("object of mengatakan: %d, want none", got)
	}
	if a, b := tr.Span(6); a != 3 || b != 9 {
		t.Errorf("span of sepakat %d..%d, want 3..9", a, b)
	}
	if !tr.Dominates(6, 4) || tr.Dominates(4, 6) || !tr.Dominates(2, 2) {
		t.Error("Dominates wrong")
	}
	if got := tr.Common(4, 8); got != 6 {
		t.Errorf("common ancestor of kedua and sama: %d", got)
	}
	if got := tr.Path(nil, 0, 7); !slices.Equal(got, []int{0, 2, 6, 7}) {
		t.Errorf("path Menteri → bekerja: %v", got)
	}
	if got := tr.Path(nil, 7, 7); !slices.Equal(got, []int{7}) {
		t.Errorf("path to itself: %v", got)
	}
	// kedua negara belongs to the clause of sepakat; bekerja (xcomp) heads
	// its own; Menteri belongs to the main clause.
	for tok, want := range map[int]int{4: 6, 5: 6, 8: 7, 0: 2, 2: 2} {
		if got := tr.ClauseHead(tok); got != want {
			t.Errorf("clause head of %d (%s): %d, want %d", tok, tr.Words[tok], got, want)
		}
	}
	if tr.Depth(8) != 3 {
		t.Errorf("depth of sama: %d", tr.Depth(8))
	}
}

func TestRelBase(t *testing.T) {
	for _, tc := range []struct {
		r, base syntax.Rel
	}{{syntax.NsubjPass, syntax.Nsubj}, {syntax.OblAgent, syntax.Obl}, {syntax.AclRelcl, syntax.Acl},
		{syntax.FlatName, syntax.Flat}, {syntax.NmodPoss, syntax.Nmod}, {syntax.Compound, syntax.Compound}, {syntax.Root, syntax.Root}} {
		if got := tc.r.Base(); got != tc.base {
			t.Errorf("%s.Base() = %s, want %s", tc.r, got, tc.base)
		}
		if r, ok := syntax.ParseRel(tc.r.String()); !ok || r != tc.r {
			t.Errorf("ParseRel(%q) = %s, %v", tc.r.String(), r, ok)
		}
	}
	if r, ok := syntax.ParseRel("obl:arg"); ok || r != syntax.Obl {
		t.Errorf("unknown subtype: %s, %v; want obl, false", r, ok)
	}
	if _, ok := syntax.ParseRel("nonsense"); ok {
		t.Error("ParseRel accepted nonsense")
	}
	for tg := syntax.ADJ; tg <= syntax.X; tg++ {
		if got, ok := syntax.ParseUPOS(tg.String()); !ok || got != tg {
			t.Errorf("ParseUPOS(%q) = %v", tg.String(), got)
		}
	}
}
