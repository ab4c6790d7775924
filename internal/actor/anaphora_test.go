package actor

import (
	"strings"
	"testing"

	"mitra/internal/token"
)

func TestFindAnaphora(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Kedua negara sepakat memperkuat kerja sama.", "Kedua negara+"},
		{"kedua negara tersebut dan kedua belah pihak", "kedua negara tersebut+ kedua belah pihak+"},
		{"Keduanya mengecam peluncuran rudal.", "Keduanya+"},
		{"Kedua pemimpin dan kedua kepala negara bertemu.", "Kedua pemimpin+ kedua kepala negara+"},
		{"latihan kedua-dua belah pihak", "kedua-dua belah pihak+"},
		{"Kelompok Wagner menarik diri dari negara tersebut.", "negara tersebut"},
		{"Dubes diminta meninggalkan negara itu dalam 72 jam.", "negara itu"},
		{"meninggalkan negara Afrika Barat itu", "negara Afrika Barat itu"},
		{"pemerintah itu menolak; negeri tersebut diam", "pemerintah itu negeri tersebut"},
		{"negara yang besar itu", ""},
		{"kedua kalinya dan negara ini", ""},
	}
	refs := testRefs(t)
	for _, tc := range tests {
		toks := token.Tokenize(tc.text, 0)
		var parts []string
		for _, a := range refs.Find(toks) {
			s := a.Text
			if a.Plural {
				s += "+"
			}
			if tc.text[a.Span.Start:a.Span.End] != a.Text {
				t.Errorf("%q: span %v is not %q", tc.text, a.Span, a.Text)
			}
			parts = append(parts, s)
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("Find(%q)\n got: %s\nwant: %s", tc.text, got, tc.want)
		}
	}
}
