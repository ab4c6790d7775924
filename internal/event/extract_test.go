package event_test

import (
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/record"
	"mitra/internal/sample"
	"mitra/internal/token"
)

// TestRecord checks the fields every event carries (SPEC's record).
func TestRecord(t *testing.T) {
	x := newExtractor(t)
	raw := "Rusia dan Mali Teken Perjanjian Nuklir\n\nSelasa, 25 Juni 2024 10:15 WIB\n\nMOSKOW - Rusia dan Mali menandatangani perjanjian kerja sama energi nuklir sipil pada Senin (24/6), kata Kremlin.\n\nBaca juga: Prancis Tarik Pasukan dari Niger\n"
	d := &article.Doc{ID: "t1", Format: "text", Raw: []byte(raw), Lang: "id"}
	clean.Text(d)
	evs := x.Extract(d)
	var sup *record.Event
	for i := range evs {
		if evs[i].Type == "SUPPORT" && evs[i].Factuality == record.Asserted {
			sup = &evs[i]
		}
		if strings.Contains(evs[i].Sentence, "Prancis") {
			t.Errorf("event from a Baca juga line: %+v", evs[i])
		}
	}
	if sup == nil {
		t.Fatalf("no SUPPORT event in %+v", evs)
	}
	if got := strings.Join(record.Codes(sup.Actors), ","); got != "RUS,MLI" || len(sup.Recipients) != 0 {
		t.Errorf("parties = %s > %v, want RUS,MLI reciprocal", got, sup.Recipients)
	}
	if sup.Date == nil || *sup.Date != "2024-06-24" || sup.PubDate == nil || *sup.PubDate != "2024-06-25" {
		t.Errorf("date %v pub %v, want 2024-06-24 and 2024-06-25", deref(sup.Date), deref(sup.PubDate))
	}
	if raw[sup.Span[0]:sup.Span[1]] != sup.Sentence {
		t.Errorf("span %v covers %q, not the sentence %q", sup.Span, raw[sup.Span[0]:sup.Span[1]], sup.Sentence)
	}
	if sup.ID == "" || sup.Codebook != record.Codebook || sup.Quad != 1 || sup.Lang != "id" || sup.Doc != "t1" || sup.Confidence <= 0 {
		t.Errorf("incomplete record: %+v", sup)
	}
	if !contains(sup.Contexts, "technology") {
		t.Errorf("contexts %v lack technology (civil nuclear energy)", sup.Contexts)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestFactuality checks that only asserted acts are asserted.
func TestFactuality(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		name, text, want string // want: type and factuality of the event between the two states, "" for none
	}{
		{"asserted", "Indonesia mengecam Israel atas serangan itu.", "ACCUSE asserted"},
		{"negated", "Indonesia tidak menandatangani perjanjian itu dengan Israel.", "SUPPORT negated"},
		{"not yet", "Jepang belum mengirimkan bantuan ke Filipina.", "AID negated"},
		{"conditional", "Jika Iran menyerang, Amerika Serikat akan membalas dengan keras terhadap Iran.", "ASSAULT hypothetical"},
		{"uncertain", "Rusia diperkirakan akan menyerang Ukraina.", "ASSAULT hypothetical"},
		{"hope", "Moskow berharap dapat segera memulai pengiriman bantuan ke Mali.", "AID hypothetical"},
		{"future cooperation is AGREE", "Rusia akan membantu Mali meningkatkan kemampuan militernya.", "AGREE asserted"},
		{"declared withdrawal is CONCEDE", "Amerika Serikat akan menarik pasukannya dari Niger.", "CONCEDE asserted"},
		{"demand content", "Indonesia mendesak Israel untuk menghentikan serangan ke Gaza.", "REQUEST asserted"},
		{"question", "Apakah China akan menyerang Taiwan?", "ASSAULT hypothetical"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &article.Doc{ID: tc.name, Format: "text", Raw: []byte(tc.text), Lang: "id"}
			clean.Text(d)
			var got []string
			for _, e := range x.Extract(d) {
				got = append(got, string(e.Type)+" "+string(e.Factuality))
			}
			if len(got) == 0 || got[0] != tc.want {
				t.Errorf("%q: got %v, want first %q", tc.text, got, tc.want)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Rusia dan Mali menandatangani perjanjian pada Senin (24/1).",
		"Baca juga: AS mengecam China\nKedua negara sepakat.",
		"Dubes Rusia dipanggil oleh Kemlu RI, Rabu (22/3/2024).",
		"\xff\xfeJepang\x00mengirim bantuan",
		"kedua negara kedua pemimpin negara itu",
		"KUALA LUMPUR, 5 Mei — Kerajaan mengecam Israel.\nPemerintah Niger mengusir Prancis. Pemerintah (PM) -\n– Bernama",
		"PUTRAJAYA: Kementerian Luar Negeri (Kemlu) RI, Perdana Menteri Datuk Seri dan pemerintah dan rakyat",
	} {
		f.Add(s)
	}
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := &article.Doc{ID: "fuzz", Format: "text", Raw: []byte(s), Lang: "id"}
		clean.Text(d)
		for _, e := range x.Extract(d) {
			if e.Span[0] < 0 || e.Span[1] > len(s) || e.Span[0] > e.Span[1] {
				t.Fatalf("span %v outside %d bytes", e.Span, len(s))
			}
			if utf8.ValidString(s) && !utf8.ValidString(e.Sentence) {
				t.Fatalf("invalid UTF-8 sentence %q", e.Sentence)
			}
			if len(e.Actors) == 0 {
				t.Fatalf("event without actors: %+v", e)
			}
			for _, p := range append(append([]record.Party{}, e.Actors...), e.Recipients...) {
				if p.Code == "" {
					t.Fatalf("party without a code: %+v", e)
				}
			}
			if e.Type.Quad() == 0 {
				t.Fatalf("unknown type %q", e.Type)
			}
			if e.Date != nil && len(*e.Date) != 4 && len(*e.Date) != 7 && len(*e.Date) != 10 {
				t.Fatalf("bad date %q", *e.Date)
			}
		}
	})
}

func samplePages(tb testing.TB) []*article.Doc {
	tb.Helper()
	var docs []*article.Doc
	err := fs.WalkDir(sample.Pages, "pages", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := fs.ReadFile(sample.Pages, p)
		if err != nil {
			return err
		}
		docs = append(docs, &article.Doc{ID: p, Format: "text", Raw: b, Lang: "id"})
		return nil
	})
	if err != nil || len(docs) == 0 {
		tb.Fatalf("sample pages: %v (%d)", err, len(docs))
	}
	return docs
}

// BenchmarkTokenise is the baseline: a bare tokenising pass over the sample
// pages. Compare BenchmarkExtract with it in the same run.
func BenchmarkTokenise(b *testing.B) {
	docs := samplePages(b)
	size := 0
	for _, d := range docs {
		size += len(d.Raw)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			token.Sentences(string(d.Raw), nil)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkExtract cleans and codes the sample pages.
func BenchmarkExtract(b *testing.B) {
	x := newExtractor(b)
	docs := samplePages(b)
	size := 0
	for _, d := range docs {
		size += len(d.Raw)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d0 := range docs {
			d := &article.Doc{ID: d0.ID, Format: "text", Raw: d0.Raw, Lang: "id"}
			clean.Text(d)
			x.Extract(d)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "pages/s")
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// TestConfidenceSpread checks that confidence tells events apart: the
// sample pages' events do not all get one value, and every value is a
// probability.
func TestConfidenceSpread(t *testing.T) {
	x := newExtractor(t)
	seen := map[float64]bool{}
	for _, d0 := range samplePages(t) {
		d := &article.Doc{ID: d0.ID, Format: "text", Raw: d0.Raw, Lang: "id"}
		clean.Text(d)
		for _, e := range x.Extract(d) {
			if e.Confidence <= 0 || e.Confidence >= 1 {
				t.Errorf("%s: confidence %v", e.ID, e.Confidence)
			}
			seen[e.Confidence] = true
		}
	}
	if len(seen) < 4 {
		t.Errorf("only %d distinct confidences: %v", len(seen), seen)
	}
}
