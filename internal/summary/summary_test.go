package summary

import (
	"strings"
	"testing"
	"testing/fstest"

	"mitra/internal/record"
)

var testNames = map[string][2]string{ // code → English, Indonesian
	"RUS": {"Russia", "Rusia"}, "MLI": {"Mali", "Mali"}, "NER": {"Niger", "Niger"},
	"USA": {"United States", "Amerika Serikat"}, "FRA": {"France", "Prancis"}, "BFA": {"Burkina Faso", "Burkina Faso"},
}

func names(code, lang string) string {
	n, ok := testNames[code]
	if !ok {
		return ""
	}
	if lang == Indonesian {
		return n[1]
	}
	return n[0]
}

func ev(typ record.Type, mode record.Mode, actors, rcps []string, date, pub, sentence string) *record.Event {
	e := &record.Event{Type: typ, Mode: mode, Sentence: sentence, Factuality: record.Asserted}
	for _, c := range actors {
		e.Actors = append(e.Actors, record.Party{Code: c})
	}
	for _, c := range rcps {
		e.Recipients = append(e.Recipients, record.Party{Code: c})
	}
	if date != "" {
		e.Date = &date
	}
	if pub != "" {
		e.PubDate = &pub
	}
	return e
}

func TestLine(t *testing.T) {
	w := Default()
	for _, c := range []struct {
		e      *record.Event
		en, id string
	}{
		{ev(record.Support, "", []string{"MLI", "RUS"}, nil, "2024-06-22", "2024-06-24",
			"Mali dan Rusia menandatangani perjanjian pembangunan kilang emas dan kerja sama energi nuklir sipil."),
			"Mali and Russia signed an agreement on nuclear energy, 22 June 2024",
			"Mali dan Rusia menandatangani perjanjian di bidang energi nuklir, 22 Juni 2024"},
		{ev(record.Sanction, record.Discontinue, []string{"NER"}, []string{"USA"}, "2024-03-16", "",
			"Junta militer Niger membatalkan perjanjian kerja sama militer dengan Amerika Serikat."),
			"Niger cut cooperation with United States on defence, 16 March 2024",
			"Niger memutus kerja sama dengan Amerika Serikat di bidang pertahanan, 16 Maret 2024"},
		{ev(record.Retreat, record.Withdraw, []string{"USA"}, []string{"NER"}, "2024-06", "2024-06-08",
			"Amerika Serikat menarik pasukan terakhirnya dari Pangkalan Udara 101 di Niamey."),
			"United States withdrew from Niger, June 2024",
			"Amerika Serikat menarik diri dari Niger, Juni 2024"},
		{ev(record.Support, "", []string{"USA", "NER"}, nil, "", "2024-05-20",
			"AS dan Niger Sepakati Jadwal Penarikan Pasukan"),
			"United States and Niger agreed on a withdrawal, reported 20 May 2024",
			"Amerika Serikat dan Niger menyepakati penarikan, diberitakan 20 Mei 2024"},
		{ev(record.Consult, record.Phone, []string{"RUS", "NER"}, nil, "2024-03-26", "",
			"Putin berbicara melalui telepon dengan pemimpin junta Niger."),
			"Russia and Niger spoke by phone, 26 March 2024",
			"Rusia dan Niger berbicara melalui telepon, 26 Maret 2024"},
		{ev(record.Support, "", []string{"MLI", "BFA", "NER"}, nil, "2023", "", "Mali, Burkina Faso, dan Niger menyatakan dukungan"),
			"Mali, Burkina Faso and Niger expressed mutual support, 2023",
			"Mali, Burkina Faso, dan Niger saling menyatakan dukungan, 2023"},
		{ev(record.Accuse, record.Disapprove, []string{"FRA"}, []string{"MLI", "NER"}, "", "", "Prancis menyesalkan keputusan itu."),
			"France criticised Mali and Niger, undated",
			"Prancis mengecam Mali dan Niger, tanpa tanggal"},
		{ev(record.Aid, "", []string{"XYZ"}, []string{"MLI"}, "2024-02-12", "", "Rusia menyerahkan pesawat."),
			"XYZ gave aid to Mali, 12 February 2024",
			"XYZ memberi bantuan kepada Mali, 12 Februari 2024"},
	} {
		if got := w.Line(c.e, "en", names); got != c.en {
			t.Errorf("en: %q\n  want %q", got, c.en)
		}
		if got := w.Line(c.e, "id", names); got != c.id {
			t.Errorf("id: %q\n  want %q", got, c.id)
		}
	}
	neg := ev(record.Support, "", []string{"MLI", "RUS"}, nil, "", "", "Mali tidak menandatangani perjanjian itu.")
	neg.Factuality = record.Negated
	if got := w.Line(neg, "en", nil); got != "(denied) MLI and RUS signed an agreement, undated" {
		t.Errorf("negated, no names: %q", got)
	}
	if got := w.Line(neg, "ms", names); !strings.HasPrefix(got, "(dibantah) Mali dan Rusia") {
		t.Errorf("Malay reads as Indonesian: %q", got)
	}
}

// TestEveryType checks that every type and mode has a line in both
// languages with its parties named.
func TestEveryType(t *testing.T) {
	w := Default()
	for _, typ := range record.Types {
		for _, m := range append([]record.Mode{""}, record.Modes[typ]...) {
			for _, rcps := range [][]string{nil, {"MLI"}} {
				e := ev(typ, m, []string{"RUS"}, rcps, "2024-01-02", "", "")
				if rcps == nil {
					e.Actors = append(e.Actors, record.Party{Code: "MLI"})
				}
				for _, lang := range []string{"en", "id"} {
					got := w.Line(e, lang, names)
					if !strings.Contains(got, map[string]string{"en": "Russia", "id": "Rusia"}[lang]) || !strings.Contains(got, "Mali") ||
						!strings.HasSuffix(got, map[string]string{"en": "2 January 2024", "id": "2 Januari 2024"}[lang]) || strings.Contains(got, "{") {
						t.Errorf("%s %s %v %s: %q", typ, m, rcps, lang, got)
					}
				}
			}
		}
	}
}

func TestDate(t *testing.T) {
	for _, c := range []struct{ d, en, id string }{
		{"2024-06-24", "24 June 2024", "24 Juni 2024"},
		{"2024-08", "August 2024", "Agustus 2024"},
		{"2021", "2021", "2021"},
		{"2024-13-01", "", ""},
		{"24 Juni", "", ""},
		{"", "", ""},
	} {
		if got := Date(c.d, "en"); got != c.en {
			t.Errorf("Date(%q, en) = %q, want %q", c.d, got, c.en)
		}
		if got := Date(c.d, "id"); got != c.id {
			t.Errorf("Date(%q, id) = %q, want %q", c.d, got, c.id)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	good := func() fstest.MapFS {
		m := fstest.MapFS{}
		for _, n := range []string{"data/phrases.tsv", "data/sign.txt", "data/topics.tsv"} {
			b, err := data.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			m[n] = &fstest.MapFile{Data: b}
		}
		return m
	}
	for _, c := range []struct{ file, line, err string }{
		{"data/phrases.tsv", "HUG\t-\t-\t{A}\t{A} {R}\t{A}\t{A} {R}", "unknown type"},
		{"data/phrases.tsv", "AID\tvisit\t-\t{A}\t{A} {R}\t{A}\t{A} {R}", "no mode"},
		{"data/phrases.tsv", "AID\t-\tmaybe\t{A}\t{A} {R}\t{A}\t{A} {R}", "variant"},
		{"data/phrases.tsv", "AID\t-\t-\t{A}\t{A} {R}\t{A}\t{A} {R}", "duplicate"},
		{"data/phrases.tsv", "AID\t-\texit\t{A}\t{A}\t{A}\t{A} {R}", "no {R}"},
		{"data/phrases.tsv", "AID\t-\tsign\tthey\t{A} {R}\t{A}\t{A} {R}", "no {A}"},
		{"data/phrases.tsv", "AID\t-\tsign", "columns"},
		{"data/topics.tsv", "...2 x\ta\tb", "gap"},
	} {
		m := good()
		m[c.file].Data = append(m[c.file].Data, []byte("\n"+c.line+"\n")...)
		if _, err := Load(m); err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), c.file+":") {
			t.Errorf("%s + %q: %v, want an error naming the file and %q", c.file, c.line, err, c.err)
		}
	}
	m := good()
	m["data/phrases.tsv"].Data = []byte("# only a header\n")
	if _, err := Load(m); err == nil || !strings.Contains(err.Error(), "no row for") {
		t.Errorf("no rows: %v", err)
	}
}

// FuzzLine: any sentence, trigger and date give a line without a panic or a
// placeholder left in it.
func FuzzLine(f *testing.F) {
	w := Default()
	f.Add("SUPPORT", "", "Mali dan Rusia menandatangani perjanjian energi", "menandatangani", "2024-06-22")
	f.Add("RETREAT", "withdraw", "\xff menarik ...", "", "2024-13")
	f.Fuzz(func(t *testing.T, typ, mode, sentence, trigger, date string) {
		e := ev(record.Type(typ), record.Mode(mode), []string{"RUS", "{R}"}, []string{"MLI"}, date, date, sentence)
		e.Trigger = trigger
		for _, lang := range []string{"en", "id", "zz"} {
			got := w.Line(e, lang, names)
			if got == "" || strings.Contains(got, "{A}") {
				t.Errorf("line %q for %+v", got, e)
			}
		}
	})
}

// BenchmarkLine measures one summary (a page of 100 events asks for 200).
func BenchmarkLine(b *testing.B) {
	w := Default()
	e := ev(record.Support, "", []string{"MLI", "RUS"}, nil, "2024-06-22", "2024-06-24",
		"Mali dan Rusia menandatangani perjanjian pembangunan kilang emas dan kerja sama energi nuklir sipil.")
	b.ReportAllocs()
	for range b.N {
		w.Line(e, "en", names)
	}
}
