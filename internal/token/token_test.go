package token

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func words(toks []Token) string {
	var b []string
	for _, t := range toks {
		b = append(b, t.Text)
	}
	return strings.Join(b, "|")
}

func TestTokenize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// hyphens split: "RI-Jepang" names two parties
		{"hyphen pair", "RI-Jepang sepakat", "RI|-|Jepang|sepakat"},
		{"reduplication", "negara-negara", "negara|-|negara"},
		// dates and numbers stay whole
		{"weekday date", "Senin (24/1)", "Senin|(|24/1|)"},
		{"full date", "(22/3/2024)", "(|22/3/2024|)"},
		{"thousands", "1.000 tentara", "1.000|tentara"},
		{"time", "13:04 WIB", "13:04|WIB"},
		// apostrophes and dotted abbreviations
		{"apostrophe", "Côte d'Ivoire", "Côte|d'Ivoire"},
		{"curly apostrophe", "Jum’at", "Jum’at"},
		{"dotted", "A.S. dan U.S.", "A.S|.|dan|U.S|."},
		// quotes and dashes are tokens of their own
		{"quotes", "“neokolonialisme,”", "“|neokolonialisme|,|”"},
		{"em dash", "Jakarta—Menlu", "Jakarta|—|Menlu"},
		{"diacritics", "Díaz-Canel Goïta", "Díaz|-|Canel|Goïta"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := words(Tokenize(tc.in, 0)); got != tc.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Rusia", "rusia"},
		{"“Kami”", "\"kami\""},
		{"Jum’at", "jum'at"},
		{"RI–Jepang", "ri-jepang"},
		{"Díaz", "díaz"},
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// kol is a test abbreviation list: a pack provides the real ones.
func kol(w string) bool { return w == "kol" }

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "Rusia mengecam AS. Kremlin menolak tuduhan itu.", []string{"Rusia mengecam AS.", "Kremlin menolak tuduhan itu."}},
		{"abbreviation", "Kol. Assimi Goïta tiba di Moskow. Ia bertemu Putin.", []string{"Kol. Assimi Goïta tiba di Moskow.", "Ia bertemu Putin."}},
		{"initials", "Donald J. Trump berbicara. Xi menjawab.", []string{"Donald J. Trump berbicara.", "Xi menjawab."}},
		{"unknown abbreviation", "Jend. Andika tiba.", []string{"Jend.", "Andika tiba."}},
		{"closing quote", "“Kami sepakat.” Kata Menlu.", []string{"“Kami sepakat.”", "Kata Menlu."}},
		{"lower case after dot", "harga naik 3.5 persen. lalu turun", []string{"harga naik 3.5 persen. lalu turun"}},
		{"lines", "Judul Berita\nIsi berita pertama.", []string{"Judul Berita", "Isi berita pertama."}},
		{"question", "Apakah AS akan membalas? Belum jelas.", []string{"Apakah AS akan membalas?", "Belum jelas."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tc.in, kol) {
				got = append(got, s.Text)
				if tc.in[s.Span.Start:s.Span.End] != s.Text {
					t.Errorf("span %v does not cover %q", s.Span, s.Text)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Sentences(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"Rusia-Mali sepakat. Kol. Goïta tiba (7/2).", "“a” — b…", "\xff\xfe", "A.S.", "1.000,5/2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, st := range Sentences(s, kol) {
			if st.Span.Start < prev || st.Span.End > len(s) || st.Span.Start > st.Span.End {
				t.Fatalf("bad sentence span %v in %d bytes", st.Span, len(s))
			}
			prev = st.Span.End
			for _, tk := range st.Tokens {
				if tk.Span.Start < st.Span.Start || tk.Span.End > st.Span.End || s[tk.Span.Start:tk.Span.End] != tk.Text {
					t.Fatalf("token %q span %v outside its sentence %v", tk.Text, tk.Span, st.Span)
				}
				if utf8.ValidString(s) && !utf8.ValidString(tk.Lower) {
					t.Fatalf("invalid UTF-8 in %q", tk.Lower)
				}
			}
		}
	})
}

func BenchmarkSentences(b *testing.B) {
	text := strings.Repeat("Presiden Rusia Vladimir Putin dan Presiden Kuba Miguel Díaz-Canel berbicara melalui telepon pada Senin (24/1), kata Kremlin. Keduanya sepakat untuk mengintensifkan kontak.\n", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sentences(text, kol)
	}
}
