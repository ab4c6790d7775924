package event_test

import (
	"os"
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/event"
	"mitra/internal/lang"
	"mitra/internal/lang/world"
	"mitra/internal/record"
)

// TestToyPack shows that a language is a folder: a pack of a few lines of
// data (testdata/toy/data, an invented Esperanto-like language) with no Go
// of its own beyond lang.Load's defaults extracts events, with negation,
// conditions, reciprocity, direction and dates read from its data.
func TestToyPack(t *testing.T) {
	p, err := lang.Load(lang.Spec{
		Code: "eo", Serves: []string{"eo"},
		Data: os.DirFS("testdata/toy"), Shared: world.Data(),
		Stemmer: lang.NoStemmer, Grammar: lang.PlainGrammar{},
	})
	if err != nil {
		t.Fatal(err)
	}
	x, err := event.New(p)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"Rusujo kaj Malio subskribis traktaton en lundo 4 marto 2024.", "SUPPORT MLI,RUS -> @2024-03-04"},
		{"Francujo kondamnis Malio.", "ACCUSE FRA -> MLI"},
		{"Francujo ne kondamnis Malio.", ""},
		{"Se Francujo kondamnis Malio, Rusujo subskribis.", ""},
		{"Rusujo kondamnis Francujo. Ambaŭ landoj subskribis.", "ACCUSE RUS -> FRA\nSUPPORT FRA,RUS ->"},
	}
	for _, tc := range tests {
		d := &article.Doc{ID: "toy", Raw: []byte(tc.text), Format: "text", Lang: "eo"}
		clean.Text(d)
		var got []string
		for _, e := range x.Extract(d) {
			if e.Factuality != "asserted" {
				continue
			}
			line := eventLines([]record.Event{e})
			line = strings.TrimSpace(line)
			if e.Date != nil && tc.want != "" && strings.Contains(tc.want, "@") {
				line += " @" + *e.Date
			}
			got = append(got, line)
		}
		if g := strings.Join(got, "\n"); g != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, g, tc.want)
		}
	}
}
