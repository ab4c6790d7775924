package clean

import (
	"os"
	"strings"
	"testing"

	"mitra/internal/article"
)

// benchPage is a scraped page of about 3 KB, written for this benchmark:
// menu lines, a repeated headline, a caption, "Baca juga" links, bylines
// and a related-news block around twelve paragraphs.
const benchPage = `kabarnusa.example.id
Internasional
indonesia-australia

Indonesia dan Australia Perpanjang Kerja Sama Patroli Perbatasan Laut

Rina Kusuma    •    Jumat, 7 Jun 2024 16:05 WIB
Indonesia dan Australia Perpanjang Kerja Sama Patroli Perbatasan Laut
Kapal patroli Bakamla dan Australian Border Force berlayar beriringan di Laut Timor (Foto: Dok. Bakamla).

KUPANG, KABARNUSA - Indonesia dan Australia sepakat memperpanjang kerja sama patroli bersama di perbatasan laut kedua negara selama lima tahun ke depan.

Kesepakatan itu ditandatangani oleh Kepala Badan Keamanan Laut dan Komisioner Australian Border Force di Kupang pada Jumat (7/6).

"Patroli bersama terbukti menekan penyelundupan manusia dan penangkapan ikan ilegal di Laut Timor," kata Kepala Bakamla seusai penandatanganan.

Baca juga: Harga Tiket Pesawat Rute Kupang-Jakarta Naik Jelang Libur Sekolah

Menurut data Bakamla, patroli bersama sepanjang tahun lalu menangkap 41 kapal yang diduga mencuri ikan di perairan perbatasan.

Australia juga akan menghibahkan dua kapal cepat dan perangkat radar pantai untuk pos pengawasan di Pulau Rote.

Komisioner Australian Border Force menyebut Indonesia sebagai mitra yang paling penting dalam menjaga keamanan perairan utara Australia.

BACA JUGA: Timnas U-20 Kalah Tipis dari Jepang di Laga Uji Coba

Kedua pihak sepakat menggelar latihan gabungan pencarian dan pertolongan di Laut Arafura pada Oktober mendatang.

Selain itu, petugas kedua negara akan bertukar informasi intelijen maritim secara langsung melalui pusat komando di Darwin dan Kupang.

Kerja sama patroli pertama kali disepakati pada 2019 setelah meningkatnya kasus penyelundupan manusia menuju Pulau Christmas.

Pemerintah daerah Nusa Tenggara Timur menyambut baik perpanjangan kerja sama tersebut karena dinilai melindungi nelayan tradisional.

Gubernur NTT berharap patroli bersama juga membantu nelayan setempat yang kerap ditangkap aparat Australia karena melintasi batas tanpa sengaja.

Menanggapi hal itu, Kepala Bakamla mengatakan kedua negara akan menyusun panduan bersama tentang penanganan nelayan tradisional yang tersesat ke wilayah tetangga.

Duta Besar Australia untuk Indonesia, yang turut hadir dalam penandatanganan, menyebut perpanjangan ini sebagai bukti kuatnya kemitraan strategis komprehensif kedua negara.

Sejumlah pengamat menilai kerja sama ini penting di tengah meningkatnya lalu lintas kapal asing di Laut Timor dan Laut Arafura dalam beberapa tahun terakhir.

Lembaga swadaya masyarakat di Kupang meminta kedua pemerintah melibatkan komunitas nelayan dalam perumusan panduan penanganan tersebut.

Pertemuan tingkat menteri berikutnya dijadwalkan berlangsung di Canberra pada awal tahun depan untuk meninjau pelaksanaan kesepakatan tersebut.

Cek berita dan artikel yang lain di Google News
Editor : Bima Saputra
Penulis: Rina Kusuma

Terkini Lainnya

Gempa Magnitudo 4,8 Guncang Sumba Barat
Festival Tenun Ikat Digelar di Kupang Akhir Pekan Ini
`

func BenchmarkText(b *testing.B) {
	raw := []byte(benchPage)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d := &article.Doc{Raw: raw}
		Text(d)
		if len(d.Text) == 0 {
			b.Fatal("no text")
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	buf, err := os.ReadFile("testdata/halaman.txtar")
	if err != nil {
		b.Fatal(err)
	}
	a := parseArchive(buf)
	raw, _ := a.get("input.html")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d := &article.Doc{Raw: raw}
		HTML(d)
		if len(d.Text) == 0 {
			b.Fatal("no text")
		}
	}
}

// TestBenchPage keeps the benchmark honest: the page cleans as intended.
func TestBenchPage(t *testing.T) {
	d := cleanText(benchPage)
	checkMap(t, d)
	if len(benchPage) < 2800 || len(benchPage) > 3600 {
		t.Errorf("bench page is %d bytes, want about 3 KB", len(benchPage))
	}
	for _, junk := range []string{"Baca juga", "BACA JUGA", "Foto:", "Editor", "Terkini", "Gempa", "indonesia-australia", "Google News"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("kept %q", junk)
		}
	}
	if n := len(strings.Split(d.Text, "\n\n")); n != 18 {
		t.Errorf("kept %d paragraphs, want 18 (title, date line, 16 paragraphs):\n%s", n, d.Text)
	}
}
