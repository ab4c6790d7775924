package syntax_test

import (
	"os"
	"syscall"
	"testing"
	"time"

	"mitra/internal/lang/id"
	"mitra/internal/syntax"
	"mitra/internal/token"
)

// benchText is our own writing: news-style Indonesian sentences of the length
// mitra parses (candidate sentences of a page).
const benchText = `Menteri Luar Negeri Indonesia Retno Marsudi mengecam keras serangan Israel terhadap warga sipil di Gaza dan mendesak Dewan Keamanan PBB segera bertindak untuk menghentikan kekerasan tersebut.
Pemerintah Filipina telah memanggil Duta Besar China di Manila pada Senin (24/1) untuk menyampaikan protes atas insiden yang melibatkan kapal penjaga pantai kedua negara di Laut China Selatan.
Presiden Joko Widodo menerima kunjungan Perdana Menteri Australia Anthony Albanese di Istana Bogor, Jawa Barat, dan keduanya sepakat memperkuat kerja sama perdagangan serta pertahanan.
Kementerian Luar Negeri RI membantah bahwa Indonesia akan mengusir Duta Besar Israel, karena kedua negara tidak memiliki hubungan diplomatik resmi sejak kemerdekaan.
Jepang dan Korea Selatan menandatangani perjanjian pertukaran informasi militer yang sempat dibekukan oleh pemerintahan sebelumnya pada tahun 2019 lalu.
Menurut juru bicara kementerian, bantuan kemanusiaan senilai 2 juta dolar AS itu dikirim melalui pesawat TNI Angkatan Udara dari Jakarta ke Kairo pada Rabu pagi.
Rusia menuduh Amerika Serikat dan sekutunya memasok senjata kepada Ukraina, sementara Washington menyebut tuduhan itu tidak berdasar dan menyesatkan.
Dalam pertemuan bilateral di sela-sela KTT ASEAN, kedua pemimpin membahas rencana pembangunan jalur kereta cepat yang menghubungkan kedua ibu kota.`

// benchTextEN is our own writing too, in the style of English wire copy.
const benchTextEN = `The Philippines summoned the Chinese ambassador in Manila on Monday to protest against an incident involving coast guard vessels of both countries in the South China Sea.
Foreign ministers of Japan and South Korea signed an agreement to resume the exchange of military intelligence that the previous government had suspended in 2019.
Russia accused the United States and its allies of supplying weapons to Ukraine, while Washington called the accusation baseless and misleading.
Indonesia's foreign ministry denied reports that Jakarta would expel the Israeli ambassador, noting that the two countries do not have formal diplomatic relations.
The prime minister told reporters after the meeting that both leaders had agreed to strengthen cooperation on trade, defence and maritime security.`

// benchModel returns the model MITRA_SYNTAX_MODEL names, or the committed
// one for lang.
func benchModel(b *testing.B, lang string) *syntax.Model {
	if path := os.Getenv("MITRA_SYNTAX_MODEL"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		m, err := syntax.Load(f)
		if err != nil {
			b.Fatal(err)
		}
		return m
	}
	if lang == "en" {
		return enModel(b)
	}
	return idModel(b)
}

// BenchmarkParse tags and parses news sentences of our own writing, in
// Indonesian; tokens/cpu-s is the throughput of one core.
func BenchmarkParse(b *testing.B) { benchParse(b, "id", benchText) }

// BenchmarkParseEnglish is BenchmarkParse in English.
func BenchmarkParseEnglish(b *testing.B) { benchParse(b, "en", benchTextEN) }

func benchParse(b *testing.B, lang, text string) {
	m := benchModel(b, lang)
	var sents [][]string
	n := 0
	for _, s := range token.Sentences(text, nil) {
		var w []string
		for _, t := range s.Tokens {
			w = append(w, t.Text)
		}
		sents = append(sents, w)
		n += len(w)
	}
	var t syntax.Tree
	for _, w := range sents { // grow the tree's buffers once
		m.Parse(&t, w)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, w := range sents {
			m.Parse(&t, w)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time counts other processes' turns; CPU time
	// of this process is closer to what one free core would do.
	b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkTokenize is the baseline for BenchmarkParse on a shared machine:
// mitra's tokeniser over the same text, in tokens per second. Compare the
// two in the same run.
func BenchmarkTokenize(b *testing.B) {
	n := len(words(benchText))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range token.Sentences(benchText, nil) {
			_ = s
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkLoad reads the embedded Indonesian model (done once per process).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := syntax.LoadFile(id.Data(), "data/syntax.model"); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime returns the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
