package clean

import (
	"strings"
	"testing"

	"mitra/internal/article"
)

// TestBylineWithDate: a byline that carries the publication date is kept
// (the date stage reads it); one without a date is still dropped.
func TestBylineWithDate(t *testing.T) {
	tests := []struct {
		line string
		keep bool
	}{
		{"Penulis: Rina Kusuma | Rabu, 5 Juli 2023 10:12 WIB", true},
		{"Penulis: Rina Kusuma", false},
		{"Reporter: Budi | 12/03/2024 08:00", true},
	}
	for _, tc := range tests {
		raw := "Indonesia dan Malaysia Teken Nota Kesepahaman Batas Laut\n\n" + tc.line + "\n\nJAKARTA - Indonesia dan Malaysia menandatangani nota kesepahaman pada Selasa (4/7).\n"
		d := &article.Doc{Raw: []byte(raw), Format: "text"}
		Text(d)
		if got := strings.Contains(d.Text, tc.line); got != tc.keep {
			t.Errorf("%q kept = %v, want %v; text:\n%s", tc.line, got, tc.keep, d.Text)
		}
	}
}

// TestEnglishBylines: "By" followed by names is a byline; "By" opening a
// sentence is news.
func TestEnglishBylines(t *testing.T) {
	tests := []struct {
		line string
		drop bool
	}{
		{"By Maria Santos", true},
		{"By Maria Santos and Kenji Watanabe", true},
		{"By Maria Santos, Kenji Watanabe & Ali bin Hassan", true},
		{"By Jean-Luc de la Croix in Paris", true},
		{"By Maria Santos | Reuters", true},
		{"BY MARIA SANTOS", true},
		{"By Maria Santos | July 8, 2024 10:32 a.m. ET", false},
		{"By continuing to browse, you agree to our use of cookies.", true},
		{"By 2030, Indonesia and Japan plan to double their trade.", false},
		{"By contrast, Malaysia kept its embassy open.", false},
		{"By Monday, the two sides had agreed on a ceasefire.", false},
	}
	for _, tc := range tests {
		raw := "Philippines and Japan sign troop access pact\n\n" + tc.line + "\n\nMANILA - The Philippines and Japan signed a defence pact on Monday that allows each country to deploy troops on the other's soil.\n"
		d := &article.Doc{Raw: []byte(raw), Format: "text"}
		Text(d)
		if got := !strings.Contains(d.Text, tc.line); got != tc.drop {
			t.Errorf("%q dropped = %v, want %v; text:\n%s", tc.line, got, tc.drop, d.Text)
		}
	}
}

func TestNameList(t *testing.T) {
	for s, want := range map[string]bool{
		" Jane Doe":                  true,
		" Jane Doe and John Roe":     true,
		" Jane Doe in Jakarta":       true,
		" Jane Doe (Reuters)":        true,
		" the Associated Press":      false,
		" contrast":                  false,
		" 2030, the deal":            false,
		"":                           false,
		" A B C D E F G H I J K L M": false,
	} {
		if got := nameList(s); got != want {
			t.Errorf("nameList(%q) = %v, want %v", s, got, want)
		}
	}
}
