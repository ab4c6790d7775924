package timex

import (
	"os"
	"testing"

	"mitra/internal/token"
)

func benchPage(b *testing.B) string {
	b.Helper()
	raw, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(raw)
}

// BenchmarkPubDate measures PubDate on a 3 KB portal page.
func BenchmarkPubDate(b *testing.B) {
	tab := testTable(b)
	page := benchPage(b)
	if d, _ := tab.PubDate(page); d.String() != "2024-06-14" {
		b.Fatalf("PubDate = %s, want 2024-06-14", d)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		tab.PubDate(page)
	}
}

// BenchmarkResolve measures Resolve over every sentence of the same page
// (tokenised beforehand, as the pipeline does); ns/op is per page.
func BenchmarkResolve(b *testing.B) {
	tab := testTable(b)
	page := benchPage(b)
	sents := token.Sentences(page, nil)
	pub := date("2024-06-14")
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sents {
			tab.Resolve(s.Text, s.Tokens, pub)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(sents)), "ns/sentence")
}
