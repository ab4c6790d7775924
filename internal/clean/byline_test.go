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
