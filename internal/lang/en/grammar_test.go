package en

import (
	"strings"
	"testing"

	"mitra/internal/token"
)

// words lower-cases a sentence's tokens.
func words(s string) []string {
	var out []string
	for _, t := range token.Tokenize(s, 0) {
		out = append(out, t.Lower)
	}
	return out
}

// at returns the index of the first token w in ws.
func at(ws []string, w string) int {
	for i, x := range ws {
		if x == w {
			return i
		}
	}
	return -1
}

func TestPassive(t *testing.T) {
	for _, tc := range []struct {
		sentence, verb string
		want           bool
	}{
		{"Ukraine was attacked by Russia.", "attacked", true},
		{"The envoys were summoned on Monday.", "summoned", true},
		{"The ambassador was not invited.", "invited", true},
		{"The deal has been formally signed.", "signed", true},
		{"The deal has been signed.", "signed", true},
		{"The case is being investigated by the UN.", "investigated", true},
		{"Two sailors got detained near the island.", "detained", true},
		{"The talks were held in Doha.", "held", true},
		{"Kyiv was struck overnight.", "struck", true},
		{"Russia attacked Ukraine.", "attacked", false},
		{"Russia has attacked Ukraine.", "attacked", false},
		{"China had signed the pact.", "signed", false},
		{"Japan was ready to sign.", "sign", false},
		{"The move was a blow.", "blow", false},
		{"They were in need of aid.", "need", false},
		{"It was, critics said, attacked.", "attacked", false},
		{"Attacked by drones, the base burned.", "attacked", true},
		{"It was a move condemned by Israel.", "condemned", true},
		{"Two firms accused of carrying oil were listed.", "accused", true},
		{"Two men charged with spying were freed.", "charged", true},
		{"China accused the US of meddling.", "accused", false},
		{"Beijing withdrew by Friday.", "withdrew", false},
		{"Tokyo signed the deal with Seoul.", "signed", false},
	} {
		ws := words(tc.sentence)
		i := at(ws, tc.verb)
		if got := Passive(ws, i); got != tc.want {
			t.Errorf("Passive(%q, %q) = %v, want %v", tc.sentence, tc.verb, got, tc.want)
		}
		toks := token.Tokenize(tc.sentence, 0)
		if got := passiveAt(defaultStemmer(), toks, i); got != tc.want {
			t.Errorf("passiveAt(%q, %q) = %v, want %v", tc.sentence, tc.verb, got, tc.want)
		}
	}
	if Passive(nil, 0) || Passive([]string{"was"}, 5) || passiveAt(defaultStemmer(), nil, 3) || passiveAt(defaultStemmer(), nil, -1) {
		t.Error("out-of-range index read as passive")
	}
}

func TestPastParticiple(t *testing.T) {
	for w, want := range map[string]bool{
		"attacked": true, "summoned": true, "agreed": true, "freed": true, "guaranteed": true,
		"met": true, "given": true, "struck": true, "held": true, "withdrawn": true,
		"need": false, "speed": false, "proceed": false, "red": false, "hundred": false,
		"gave": false, "withdrew": false, "sign": false, "bed": false, "news": false,
	} {
		if got := PastParticiple(w); got != want {
			t.Errorf("PastParticiple(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestVerbForm(t *testing.T) {
	for w, want := range map[string]bool{
		"signed": true, "signing": true, "met": true, "was": true, "has": true, "will": true,
		"would": true, "struck": true, "withdrew": true, "attacking": true,
		"sign": false, "visit": false, "talks": false, "agreement": false, "diplomatic": false,
		"during": false, "morning": false, "thing": false, "king": false, "red": false,
	} {
		if got := VerbForm(w); got != want {
			t.Errorf("VerbForm(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestAuxiliary(t *testing.T) {
	for w, want := range map[string]bool{
		"was": true, "has": true, "did": true, "will": true, "would": true, "been": true,
		"signed": false, "met": false, "said": false, "visit": false,
	} {
		if got := Auxiliary(w); got != want {
			t.Errorf("Auxiliary(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestPossessive(t *testing.T) {
	for _, tc := range []struct {
		text, owner string
		ok          bool
	}{
		{"Russia's", "Russia", true},
		{"Russia’s", "Russia", true},
		{"Algeria´s", "Algeria", true},
		{"Russias'", "Russias", true},
		{"allies'", "allies", true},
		{"RUSSIA'S", "RUSSIA", true},
		{"it's", "", false},
		{"That's", "", false},
		{"let's", "", false},
		{"Russia", "", false},
		{"'s", "", false},
		{"s'", "", false},
		{"", "", false},
	} {
		owner, ok := Possessive(tc.text)
		if owner != tc.owner || ok != tc.ok {
			t.Errorf("Possessive(%q) = %q, %v; want %q, %v", tc.text, owner, ok, tc.owner, tc.ok)
		}
	}
}

func TestReporting(t *testing.T) {
	for _, tc := range []struct {
		sentence, from string
		want           int
	}{
		{"Russia will help, Lavrov said.", "said", 1},
		{"The minister told reporters on Friday.", "told", 2},
		{"He stated that the talks failed.", "stated", 1},
		{"Talks failed, according to Xinhua.", "according", 2},
		{"Beijing, he added, would respond.", "added", 1},
		{"Tokyo announced new aid.", "announced", 1},
		{"The ministry said in a statement.", "in", 3},
		{"Member states voted.", "states", 0},
		{"The report was published.", "report", 0},
		{"Russia attacked Ukraine.", "attacked", 0},
	} {
		ws := words(tc.sentence)
		if got := Reporting(ws, at(ws, tc.from)); got != tc.want {
			t.Errorf("Reporting(%q at %q) = %d, want %d", tc.sentence, tc.from, got, tc.want)
		}
	}
	if Reporting([]string{"said"}, 3) != 0 || Reporting(nil, -1) != 0 {
		t.Error("out-of-range index read as a reporting frame")
	}
}

// FuzzGrammar: the grammar functions never panic on any sentence or index.
func FuzzGrammar(f *testing.F) {
	f.Add("Ukraine was attacked by Russia's forces, Lavrov said.", 3)
	f.Add("’s ' ´s was", 1)
	f.Fuzz(func(t *testing.T, s string, i int) {
		ws := words(s)
		Passive(ws, i)
		Reporting(ws, i)
		passiveAt(defaultStemmer(), token.Tokenize(s, 0), i)
		for _, w := range strings.Fields(s) {
			VerbForm(strings.ToLower(w))
			PastParticiple(strings.ToLower(w))
			Possessive(w)
		}
	})
}
