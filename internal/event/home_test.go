package event_test

import (
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/record"
)

// TestHomeEvidence checks that a party named by a home reference keeps the
// words that showed its state, and that a home reference names nothing
// where the page shows no home state.
func TestHomeEvidence(t *testing.T) {
	x := newExtractor(t)
	for _, tc := range []struct {
		name, url, text string
		want            string // "CODE words" of the party read from the reference, "" for none
	}{
		{"dateline", "", "KUALA LUMPUR, 12 Mac — Kerajaan mengecam keras kenyataan Menteri Keselamatan Negara Israel itu.",
			"MYS Kerajaan [home: dateline KUALA LUMPUR]"},
		{"outlet address", "https://www.bernama.com/bm/news.php?id=2", "Kerajaan mengecam keras kenyataan Menteri Keselamatan Negara Israel itu.",
			"MYS Kerajaan [home: outlet www.bernama.com]"},
		{"outlet in the dateline", "", "JAKARTA, KOMPAS.com - Pemerintah mengecam keras kenyataan Menteri Keamanan Nasional Israel itu.",
			"IDN Pemerintah [home: dateline JAKARTA]"},
		{"credit", "", "Kerajaan mengecam keras kenyataan Menteri Keselamatan Negara Israel itu.\n\nBeliau berkata demikian semalam. – Bernama",
			"MYS Kerajaan [home: credit Bernama]"},
		{"institution", "", "Kerajaan mengecam keras kenyataan Menteri Keselamatan Negara Israel itu.\n\nWisma Putra turut mengeluarkan kenyataan.",
			"MYS Kerajaan [home: named Wisma Putra]"},
		{"named before", "", "JAKARTA, KOMPAS.com - Pemerintah Niger menuding Prancis mencampuri urusan dalam negerinya.\n\nPemerintah kemudian mengusir duta besar Prancis.",
			"NER Pemerintah [as Pemerintah Niger]"},
		{"no evidence", "", "Kerajaan mengecam keras kenyataan Menteri Keselamatan Negara Israel itu.", ""},
		{"dateline abroad on a home outlet", "https://www.bernama.com/bm/news.php?id=3", "BEIJING, 3 Jun — Kerajaan mengecam keras kenyataan Menteri Keselamatan Negara Israel itu.", ""},
		{"outlets disagree", "https://www.antaranews.com/berita/1", "Kerajaan mengecam keras kenyataan Menteri Keselamatan Negara Israel itu. – Bernama", ""},
		{"not the state's list", "", "Jakarta (ANTARA) - Kerajaan mengecam keras kenyataan Menteri Keamanan Nasional Israel itu.", ""},
	} {
		d := &article.Doc{ID: "home", Format: "text", Raw: []byte(tc.text), Lang: "ms", URL: tc.url}
		clean.Text(d)
		got := ""
		for _, e := range x.Extract(d) {
			for _, p := range append(append([]record.Party{}, e.Actors...), e.Recipients...) {
				if strings.Contains(p.Text, "[") {
					got = p.Code + " " + p.Text
				}
			}
		}
		if got != tc.want {
			t.Errorf("%s: party %q, want %q", tc.name, got, tc.want)
		}
	}
}
