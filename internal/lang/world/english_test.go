package world

import "testing"

func TestEnglishName(t *testing.T) {
	for code, want := range map[string]string{"RUS": "Russia", "MLI": "Mali", "PSE": "Palestine", "XKX": "Kosovo", "ASEAN": "ASEAN", "UN": "UN"} {
		if got := EnglishName(code); got != want {
			t.Errorf("EnglishName(%s) = %q, want %q", code, got, want)
		}
	}
}
