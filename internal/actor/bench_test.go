package actor

import (
	"os"
	"testing"

	"mitra/internal/article"
	"mitra/internal/token"
)

// benchSentences are realistic news sentences written for this benchmark.
var benchSentences = []string{
	"Presiden Prabowo Subianto menerima kunjungan Perdana Menteri Jepang Shigeru Ishiba di Istana Merdeka, Jakarta, pada Sabtu (11/1), dan kedua pemimpin sepakat memperkuat kerja sama pertahanan serta energi.",
	"Menteri Luar Negeri Rusia Sergey Lavrov mengatakan kepada wartawan di Moskow bahwa Rusia akan terus membantu Mali, Niger dan Burkina Faso meningkatkan kemampuan militernya tahun ini.",
	"Kementerian Luar Negeri RI memanggil Duta Besar Arab Saudi untuk Indonesia pada Senin, 19 Maret 2018, untuk menyampaikan protes keras atas eksekusi seorang pekerja migran asal Madura.",
	"Uni Eropa dan Amerika Serikat menjatuhkan paket sanksi baru terhadap sejumlah bank asal Tiongkok yang diduga membantu Rusia menghindari pembatasan ekspor teknologi militer ke Moskow.",
	"Dalam pertemuan di sela KTT ASEAN di Kuala Lumpur, Menlu Sugiono dan Menlu Singapura Vivian Balakrishnan membahas penyesuaian ruang kendali udara dan perjanjian ekstradisi kedua negara.",
	"Garda Pantai China memblokir dan menyemprotkan meriam air ke kapal-kapal Filipina di dekat Second Thomas Shoal, sehingga Manila memanggil duta besar Beijing untuk memprotes.",
}

func benchTokens() [][]token.Token {
	var out [][]token.Token
	for _, s := range benchSentences {
		out = append(out, token.Tokenize(s, 0))
	}
	return out
}

func BenchmarkFind(b *testing.B) {
	g := loadDefault(b)
	sents := benchTokens()
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	date := article.Date{Year: 2025, Month: 1, Day: 11}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			g.Find(s, date)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(sents)), "ns/sentence")
	b.ReportMetric(float64(n)/float64(len(sents)), "tokens/sentence")
}

// BenchmarkFind40 times one 40-token sentence with six parties.
func BenchmarkFind40(b *testing.B) {
	g := loadDefault(b)
	toks := token.Tokenize("Menteri Luar Negeri Rusia Sergey Lavrov dan Menlu Mali Abdoulaye Diop bertemu di Bamako pada Selasa (7/2), sementara Prancis dan PBB menarik seluruh pasukan mereka dari sana, dan Moskow berjanji membantu Niger serta Burkina Faso.", 0)
	if len(toks) < 38 || len(toks) > 42 {
		b.Fatalf("%d tokens", len(toks))
	}
	date := article.Date{Year: 2023, Month: 2, Day: 7}
	b.Run("Find", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			g.Find(toks, date)
		}
	})
	b.Run("AppendFind", func(b *testing.B) {
		b.ReportAllocs()
		var buf []Mention
		for i := 0; i < b.N; i++ {
			buf = g.AppendFind(buf[:0], toks, date)
		}
	})
}

func BenchmarkFindNoMatch(b *testing.B) {
	g := loadDefault(b)
	toks := token.Tokenize("Harga cabai dan bawang merah di pasar tradisional naik tajam menjelang hari raya karena pasokan dari petani berkurang akibat cuaca buruk yang melanda sejumlah daerah sentra produksi pekan ini.", 0)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g.Find(toks, article.Date{})
	}
}

func BenchmarkFindAnaphora(b *testing.B) {
	sents := benchTokens()
	refs := testRefs(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			refs.Find(s)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	words := testWords(b)
	for i := 0; i < b.N; i++ {
		if _, err := Load(Source{os.DirFS(dataDir), "actors.tsv"}, Source{os.DirFS(sharedDir), "leaders.tsv"}, words); err != nil {
			b.Fatal(err)
		}
	}
}
