package ud

import (
	"strings"
	"testing"

	"mitra/internal/syntax"
)

func readMini(t *testing.T) []Sentence {
	t.Helper()
	s, err := ReadFile("../testdata/mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// row is one token of a converted sentence: word, tag, head (1-based, 0 for
// the root) and relation, as "word/TAG/head/rel".
func rows(s syntax.Sentence) string {
	var b []string
	for i, w := range s.Words {
		b = append(b, w+"/"+s.Tags[i].String()+"/"+itoa(s.Heads[i]+1)+"/"+s.Rels[i].String())
	}
	return strings.Join(b, " ")
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}

func TestConvert(t *testing.T) {
	sents := readMini(t)
	byID := map[string]*Sentence{}
	for i := range sents {
		byID[sents[i].ID] = &sents[i]
	}
	tests := []struct {
		id, ud, mitra string
	}{
		{"mini-11", // a clitic: the token carries its host verb
			"Mereka/PRON/2/nsubj menolak/VERB/0/root menyetujui/VERB/2/xcomp nya/PRON/3/obj ./PUNCT/2/punct",
			"Mereka/PRON/2/nsubj menolak/VERB/0/root menyetujuinya/VERB/2/xcomp ./PUNCT/2/punct"},
		{"mini-12", // mitra splits at the hyphen: the first piece carries the word
			"Hubungan/NOUN/4/nsubj RI-Jepang/PROPN/1/nmod tetap/ADV/4/advmod erat/ADJ/0/root ./PUNCT/4/punct",
			"Hubungan/NOUN/6/nsubj RI/PROPN/1/nmod -/PUNCT/2/punct Jepang/PROPN/2/goeswith tetap/ADV/6/advmod erat/ADJ/0/root ./PUNCT/6/punct"},
		{"mini-10", // "(24/1)" is three tokens in both
			"Pasukan/NOUN/3/nsubj itu/DET/1/det menarik/VERB/0/root diri/PRON/3/obj dari/ADP/6/case perbatasan/NOUN/3/obl pada/ADP/8/case Senin/PROPN/3/obl:tmod (/PUNCT/10/punct 24/1/NUM/8/nmod )/PUNCT/10/punct ./PUNCT/3/punct",
			"Pasukan/NOUN/3/nsubj itu/DET/1/det menarik/VERB/0/root diri/PRON/3/obj dari/ADP/6/case perbatasan/NOUN/3/obl pada/ADP/8/case Senin/PROPN/3/obl:tmod (/PUNCT/10/punct 24/1/NUM/8/nmod )/PUNCT/10/punct ./PUNCT/3/punct"},
	}
	for _, tc := range tests {
		s := byID[tc.id]
		if s == nil {
			t.Fatalf("%s missing", tc.id)
		}
		u, err := s.UD()
		if err != nil {
			t.Fatal(err)
		}
		if got := rows(u); got != tc.ud {
			t.Errorf("%s UD:\n got %s\nwant %s", tc.id, got, tc.ud)
		}
		m, toks, err := s.Mitra()
		if err != nil {
			t.Fatal(err)
		}
		if got := rows(m); got != tc.mitra {
			t.Errorf("%s mitra:\n got %s\nwant %s", tc.id, got, tc.mitra)
		}
		text, _ := s.Text()
		for i, tk := range toks {
			if text[tk.Span.Start:tk.Span.End] != m.Words[i] {
				t.Errorf("%s: token %d %q does not match its span", tc.id, i, m.Words[i])
			}
		}
	}
}

func TestConvertAll(t *testing.T) {
	for _, s := range readMini(t) {
		if _, _, err := s.Mitra(); err != nil {
			t.Errorf("%s: %v", s.ID, err)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"fields", "1\tx\n", "2 fields"},
		{"id", "2\tx\tx\tNOUN\t_\t_\t0\troot\t_\t_\n", "bad word id"},
		{"head", "1\tx\tx\tNOUN\t_\t_\tz\troot\t_\t_\n", "bad head"},
		{"range", "1\tx\tx\tNOUN\t_\t_\t5\troot\t_\t_\n", "out of range"},
		{"self", "1\tx\tx\tNOUN\t_\t_\t1\troot\t_\t_\n", "out of range"},
		{"mwt", "3-2\tx\t_\t_\t_\t_\t_\t_\t_\t_\n", "bad multiword"},
	}
	for _, tc := range tests {
		_, err := Read(strings.NewReader(tc.in), "in.conllu")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestHarmonise2017(t *testing.T) {
	in := `1	Ia	_	PRON	_	_	3	nsubj	_	_
2	akan	_	ADV	_	_	3	advmod	_	_
3	ditemui	_	VERB	_	_	0	root	_	_
4	oleh	_	ADP	_	_	5	case	_	_
5	Joko	_	PROPN	_	_	3	obl	_	_
6	Widodo	_	PROPN	_	_	5	flat	_	_
7	pada	_	ADP	_	_	8	case	_	_
8	tahun	_	NOUN	_	_	3	obl	_	_
9	2020	_	NUM	_	_	8	nummod	_	_
`
	s, err := Read(strings.NewReader(in), "in")
	if err != nil {
		t.Fatal(err)
	}
	Harmonise2017(&s[0])
	var got []string
	for _, w := range s[0].Words {
		got = append(got, w.UPOS+"/"+w.Deprel)
	}
	want := "PRON/nsubj AUX/aux VERB/root ADP/case PROPN/obl:agent PROPN/flat:name ADP/case NOUN/obl:tmod NUM/nummod"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}
