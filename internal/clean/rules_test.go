package clean

import (
	"strings"
	"testing"
	"testing/fstest"

	"mitra/internal/article"
)

// page builds a small news page around the lines under test.
const (
	pageTitle = "Indonesia dan Peru Sepakati Kerja Sama Perikanan"
	pageLead  = "LIMA, WARTA - Indonesia dan Peru menandatangani nota kesepahaman kerja sama perikanan di Lima pada Senin (3/6), kata Kementerian Kelautan dan Perikanan."
	pageBody  = "Kedua negara juga sepakat bertukar data kapal penangkap ikan untuk memerangi penangkapan ikan ilegal di Samudra Pasifik."
)

func cleanText(s string) *article.Doc {
	d := &article.Doc{Raw: []byte(s)}
	Text(d)
	return d
}

// TestLineMarkers checks that each spelling of a boilerplate line is
// dropped between two news paragraphs, and the paragraphs stay.
func TestLineMarkers(t *testing.T) {
	tests := []struct{ name, line string }{
		// related links
		{"baca juga colon", "Baca juga: Presiden Resmikan Pelabuhan Baru di Kalimantan"},
		{"baca juga caps", "BACA JUGA: Menlu Terima Kunjungan Dubes Norwegia"},
		{"baca juga space colon", "Baca Juga : Harga Beras Turun di Pasar Induk"},
		{"baca juga no space", "BACA JUGA:Timnas Menang di Kandang Lawan"},
		{"baca", "Baca:Pimpin Delegasi, Wapres Tiba di Tokyo."},
		{"baca dash bullet", "- Baca juga: Gempa Guncang Sulawesi Barat"},
		{"simak juga", "Simak juga: Video Kunjungan Presiden ke Papua"},
		{"lihat juga", "Lihat juga: Foto-foto Banjir di Semarang"},
		{"artikel terkait", "Artikel terkait: Kapal Asing Ditangkap di Natuna"},
		{"berita terkait", "Berita Terkait: DPR Setujui RUU Anggaran"},
		{"pilihan editor", "Pilihan Editor: Analisis Citra Satelit Pangkalan Militer"},
		{"membaca caps", "MEMBACA\u00a0 Diskusi Panel Soal Energi Terbarukan"},
		{"next article", "Next Article Jokowi Bakal Jadi Tamu Spesial di KTT"},
		{"read also", "Read also: Philippines protests new coast guard rule"},
		{"related", "Related: EU widens sanctions list"},
		{"baca lagi", "Baca lagi: Harga minyak sawit naik tiga peratus"},
		{"artikel berkaitan", "Artikel berkaitan: Banjir kilat landa Kota Bharu"},
		{"syndication", "Berita ini sebelumnya telah dipublikasikan di contoh.com dengan judul Kapal Patroli Tangkap Nelayan Asing."},
		{"tayang", "Artikel ini telah tayang di contoh.com dengan judul \"RI Protes Nota China\"."},
		// follow and channel invitations
		{"ikuti kami", "Ikuti kami di Instagram dan TikTok @wartaindo"},
		{"ikuti berita", "Ikuti berita terkini dan terpercaya dari kami"},
		{"google news", "Cek berita dan artikel yang lain di Google News"},
		{"google news mid", "Temukan berita pilihan kami di Google News."},
		{"whatsapp channel", "Dapatkan update lewat WhatsApp channel kami: wa.me/123"},
		{"whatsapp saluran", "Sertai saluran WhatsApp kami sekarang untuk berita terkini!"},
		// bylines
		{"editor space colon", "Editor : Rudi Hartono"},
		{"editor", "Editor: Rudi Hartono"},
		{"penulis", "Penulis: Dewi Larasati"},
		{"reporter", "Reporter: Bima Saputra | Editor: Rina"},
		{"pewarta", "Pewarta: Agus Setiawan"},
		{"redaktur", "Redaktur : Sari Wulandari"},
		// captions
		{"foto prefix", "Foto: Dok. Kementerian Luar Negeri"},
		{"foto bracket", "Menlu RI menyambut tamunya di Gedung Pancasila (Foto: Dok. Kemlu)."},
		{"foto tail", "Kedua menteri berjabat tangan di Lima, Senin (3/6). Foto: Reuters/Fulan"},
		{"ilustrasi", "Ilustrasi - Kapal nelayan bersandar di pelabuhan Callao.(AFP)"},
		{"antara foto", "Kapal patroli berlayar di Selat Malaka. (ANTARA FOTO/Budi Santoso)"},
		{"credit only", "(ANTARA/Budi Santoso)"},
		{"initials", "(RHM)"},
		{"gambas", "[Gambas:Video CNBC]"},
		// widgets
		{"reaction prompt", "Bagaimana tanggapan anda mengenai artikel ini? Happy"},
		{"happy", "Happy"},
		{"inspire", "Inspire"},
		{"confuse", "Confuse"},
		{"sad", "Sad"},
		{"size", "A A A"},
		{"size label", "Ukuran teks: Kecil Sedang Besar"},
		{"bagikan", "Bagikan"},
		{"share", "Share"},
		{"salin tautan", "Salin tautan"},
		{"copy link", "Copy link"},
		{"advertisement caps", "ADVERTISEMENT"},
		{"scroll", "SCROLL TO CONTINUE WITH CONTENT"},
		{"iklan", "Iklan"},
		{"komentar", "Komentar"},
		{"kirim", "Kirim"},
		{"copyright sign", "Copyright © 2024 Warta Nusantara"},
		{"hak cipta", "Hak cipta dilindungi undang-undang."},
		{"all rights", "2024 Warta Group. All rights reserved."},
		{"advertisement", "Advertisement"},
		{"story continues", "Story continues below"},
		{"video failed", "We apologize, but this video has failed to load."},
		{"tap here", "tap here to see other videos from our team."},
		{"article content", "Article content"},
		{"share article", "Share this article in your social network"},
		// menus
		{"menu word", "Internasional"},
		{"menu site", "wartanusa.example.com"},
		{"menu pair", "Super Skor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Join([]string{pageTitle, "", pageLead, "", tt.line, "", pageBody, ""}, "\n")
			d := cleanText(in)
			want := pageTitle + "\n\n" + pageLead + "\n\n" + pageBody
			if d.Text != want {
				t.Errorf("line %q:\ngot:\n%s\nwant:\n%s", tt.line, d.Text, want)
			}
		})
	}
}

// TestKeepNews checks lines that look like markers but are news.
func TestKeepNews(t *testing.T) {
	tests := []string{
		"Foto-foto yang beredar menunjukkan kapal asing memasuki perairan Natuna.",
		"Iklan politik dilarang selama masa tenang, kata Komisi Pemilihan Umum.",
		"Editor senior harian itu ditahan aparat Myanmar pada Senin malam.",
		"Komentar Menlu Peru itu memicu protes dari Beijing.",
		"Membaca situasi tersebut, pemerintah menunda kunjungan ke Lima.",
		"Bacaan doa dipimpin oleh ulama setempat sebelum upacara dimulai.",
		"Sharing data kapal akan dimulai tahun depan, kata pejabat itu.",
		"Kunjungan itu berlangsung di tengah sengketa perbatasan (AFP).",
		"Juga Bertemu Menhan Peru",
		"“Kami sepakat memperkuat patroli bersama,” kata Menteri.",
	}
	for _, line := range tests {
		in := strings.Join([]string{pageTitle, "", pageLead, "", line, "", pageBody, ""}, "\n")
		d := cleanText(in)
		if !strings.Contains(d.Text, line) {
			t.Errorf("dropped news line %q; text:\n%s", line, d.Text)
		}
	}
}

func TestTail(t *testing.T) {
	for _, marker := range []string{"Terkini Lainnya", "Tautan Sahabat", "ARTIKEL LAINNYA", "Berita Lainnya :", "Mungkin Anda juga tertarik:", "Tinggalkan balasan"} {
		t.Run(marker, func(t *testing.T) {
			in := strings.Join([]string{pageTitle, pageLead, pageBody, "", marker, "", "Gempa Magnitudo 5,1 Guncang Maluku Utara", "Harga emas naik hari ini.", "Kunjungi situs kami untuk berita lebih lanjut."}, "\n")
			d := cleanText(in)
			want := pageTitle + "\n" + pageLead + "\n" + pageBody
			if d.Text != want {
				t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
			}
		})
	}
	t.Run("related headlines after the article", func(t *testing.T) {
		in := strings.Join([]string{pageTitle, pageLead, pageBody, "Berita Terkait",
			"Filipina Beli Dua Kapal Perang dari Korea Selatan",
			"TNI AL Gelar Latihan Gabungan di Laut Jawa",
			"Menlu RI Bertemu Sekjen PBB di New York"}, "\n")
		d := cleanText(in)
		if want := pageTitle + "\n" + pageLead + "\n" + pageBody; d.Text != want {
			t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
		}
	})
	t.Run("marker before the article body", func(t *testing.T) {
		// A tail marker in a top menu must not end the page.
		in := strings.Join([]string{"Berita Lainnya", pageTitle, pageLead, pageBody}, "\n")
		d := cleanText(in)
		if want := pageTitle + "\n" + pageLead + "\n" + pageBody; d.Text != want {
			t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
		}
	})
	t.Run("news after the marker", func(t *testing.T) {
		// A long news paragraph after the marker: it was a widget inside
		// the article, not its end.
		long := "Dalam pertemuan itu, kedua menteri juga membahas rencana pembukaan jalur penerbangan langsung antara Jakarta dan Lima yang diharapkan dapat meningkatkan perdagangan serta pariwisata kedua negara."
		in := strings.Join([]string{pageTitle, pageLead, "Berita Lainnya", long, pageBody}, "\n")
		d := cleanText(in)
		if want := pageTitle + "\n" + pageLead + "\n\n" + long + "\n" + pageBody; d.Text != want {
			t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
		}
	})
}

func TestFollowHeader(t *testing.T) {
	in := strings.Join([]string{pageTitle, pageLead, "Baca Juga:", "Korea Selatan Tawarkan Beasiswa Teknik", "", pageBody,
		"BACA JUGA", "“Kerja sama ini penting bagi kedua negara,” kata Menteri."}, "\n")
	d := cleanText(in)
	want := pageTitle + "\n" + pageLead + "\n\n" + pageBody + "\n\n“Kerja sama ini penting bagi kedua negara,” kata Menteri."
	if d.Text != want {
		t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
	}
}

func TestBulletHeadlines(t *testing.T) {
	in := strings.Join([]string{pageTitle, pageLead,
		"- Raja Belanda Dijadwalkan Berkunjung ke Yogyakarta",
		"- Polisi Tangkap Pencuri Kabel di Jalan Tol",
		"- Bagaimana Peluang Timnas Lolos ke Piala Asia?",
		pageBody,
		"Kesepakatan itu mencakup tiga hal:",
		"- pertukaran data kapal penangkap ikan",
		"- pelatihan bersama bagi petugas pelabuhan",
	}, "\n")
	d := cleanText(in)
	want := pageTitle + "\n" + pageLead + "\n\n" + pageBody + "\nKesepakatan itu mencakup tiga hal:\n- pertukaran data kapal penangkap ikan\n- pelatihan bersama bagi petugas pelabuhan"
	if d.Text != want {
		t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
	}
}

func TestRepeatedHeadline(t *testing.T) {
	in := strings.Join([]string{
		"wartanusa.example.com", "",
		pageTitle, "",
		pageTitle,
		"Menteri Kelautan Indonesia dan Menteri Produksi Peru menandatangani nota kesepahaman kerja sama perikanan di Lima.",
		"",
		pageLead,
		"Menteri Kelautan Indonesia dan Menteri Produksi Peru menandatangani nota kesepahaman kerja sama perikanan di Lima, Senin.",
		pageBody,
	}, "\n")
	d := cleanText(in)
	want := pageTitle + "\n\nMenteri Kelautan Indonesia dan Menteri Produksi Peru menandatangani nota kesepahaman kerja sama perikanan di Lima.\n\n" +
		pageLead + "\n\n" + pageBody
	if d.Text != want {
		t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Title != pageTitle {
		t.Errorf("title %q, want %q", d.Title, pageTitle)
	}
}

func TestDatelines(t *testing.T) {
	keep := []string{
		"Senin, 13 Nov 2017 14:27 WIB",
		"Dewi Larasati    •    Senin, 13 Nov 2017 14:27 WIB",
		"• Selasa, 25 Januari 2022, 13:04 WIB",
		"Kompas.com - 13/09/2019, 13:45 WIB",
		"13/09/2019",
		"Tuesday, March 21, 2023",
		"Rabu (22/3/2024)",
	}
	for _, line := range keep {
		in := strings.Join([]string{pageTitle, line, pageLead, pageBody}, "\n")
		d := cleanText(in)
		if !strings.Contains(d.Text, line) {
			t.Errorf("dropped date line %q; text:\n%s", line, d.Text)
		}
	}
	// A dateline alone on a line, its sentence in the next paragraph.
	in := pageTitle + "\n\nWARTANUSA.COM -\n\nIndonesia dan Peru menandatangani nota kesepahaman kerja sama perikanan di Lima pada Senin.\n"
	if d := cleanText(in); !strings.Contains(d.Text, "WARTANUSA.COM -") {
		t.Errorf("dropped dateline; text:\n%s", d.Text)
	}
	// Datelines at the start of the lead stay with it.
	for _, lead := range []string{
		"JAKARTA, KOMPAS.com - Indonesia dan Peru menandatangani nota kesepahaman kerja sama perikanan.",
		"Beijing (ANTARA) - Presiden China menerima kunjungan Menlu Peru pada Kamis (28/7).",
		"Jakarta, CNBC Indonesia - Presiden melakukan pertemuan bilateral dengan PM Peru.",
	} {
		if d := cleanText(pageTitle + "\n" + lead + "\n" + pageBody); !strings.Contains(d.Text, lead) {
			t.Errorf("dropped lead %q", lead)
		}
	}
}

func TestGluedLink(t *testing.T) {
	in := strings.Join([]string{pageTitle, pageLead,
		"BACA JUGA: Filipina Tuding Kapal Asing Masuki Perairannya Secara IlegalKapal-kapal patroli kedua negara akan berlayar bersama mulai bulan depan di perairan perbatasan.",
		"Baca juga: Nelayan Keluhkan Kapal Asing di Perairan RIPerjanjian itu masih harus diratifikasi oleh parlemen kedua negara.",
		"Baca juga: TikTok Dilarang di Sejumlah Negara Karena Masalah Keamanan Data Pengguna",
		pageBody}, "\n")
	d := cleanText(in)
	want := pageTitle + "\n" + pageLead + "\n" +
		"Kapal-kapal patroli kedua negara akan berlayar bersama mulai bulan depan di perairan perbatasan.\n" +
		"Perjanjian itu masih harus diratifikasi oleh parlemen kedua negara.\n\n" + pageBody
	if d.Text != want {
		t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
	}
	checkMap(t, d)
}

func TestWrappedLines(t *testing.T) {
	in := strings.Join([]string{pageTitle,
		"Indonesia dan Peru menandatangani nota kesepahaman, seperti dikutip",
		"AFP.",
		"Menurut laporan",
		"Reuters, penandatanganan berlangsung di Lima.",
		"Kedua negara sepakat memperluas kerja sama perikanan, menurut",
		"keterangan",
		"Kementerian Luar Negeri.",
	}, "\n")
	d := cleanText(in)
	if want := strings.Join(strings.Split(in, "\n"), "\n"); d.Text != want {
		t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
	}
}

func TestTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"visitaaponce.com\n\n" + pageTitle + "\n" + pageLead, pageTitle},
		{"Close Banner Apps WARTA.com\nWARTA.com - Nasional - Politik\n" + pageTitle + "\n" + pageLead, pageTitle},
		{"Home > Internasional > " + pageTitle + "\n" + pageLead, pageTitle},
		{pageLead + "\n" + pageTitle, ""}, // no headline above the lead
		{"ALGIERS — Algeria is cutting diplomatic relations with Morocco, the foreign minister said, citing “hostile actions.”\n" + pageBody, ""},
		// A navigation menu above the headline is not the title.
		{"WARTAGLOBAL.ID\nHome  Internasional  Pertahanan  Ekonomi  Teknologi  Foto  Indeks\n\nInternasional\n\n" + pageTitle + "\n" + pageLead, pageTitle},
		{"Beranda | Daerah | Nasional | Ekonomi | Olahraga | Hiburan | Indeks\n" + pageTitle + "\n" + pageLead, pageTitle},
		{"Beranda | Migas | Listrik | EBT | Tambang | Global | Opini\n" + pageTitle + "\n" + pageLead, pageTitle},
		{"Nasional Internasional Ekonomi Olahraga\n" + pageTitle + "\n" + pageLead, pageTitle},
		{"Menu  |  Cari  |  Masuk  |  Langganan\n\n" + pageTitle + "\n" + pageLead, pageTitle},
		// A headline that names a date is still the headline.
		{"AS dan Niger Sepakati Jadwal Penarikan Pasukan, Tuntas Paling Lambat 15 September\nSenin, 20 Mei 2024 07:25 WIB\n" + pageLead,
			"AS dan Niger Sepakati Jadwal Penarikan Pasukan, Tuntas Paling Lambat 15 September"},
		{"Senin, 20 Mei 2024 07:25 WIB\n" + pageTitle + "\n" + pageLead, pageTitle},
	}
	for _, tt := range tests {
		if d := cleanText(tt.in); d.Title != tt.want {
			t.Errorf("Title(%.40q) = %q, want %q", tt.in, d.Title, tt.want)
		}
	}
}

// TestMenu checks which lines above the news read as a site's navigation
// menu, and that a menu line is dropped from the text.
func TestMenu(t *testing.T) {
	rs := DefaultRules()
	tests := []struct {
		line string
		menu bool
	}{
		{"Beranda | Nasional | Dunia | Ekonomi | Olahraga", true},
		{"Beranda | Migas | Listrik | EBT | Tambang | Global | Opini", true}, // bars need no known names
		{"Berita Utama • Aceh • Nasional • Sport", true},
		{"Home > Internasional > Asia", true},
		{"Beranda > Internasional > Eropa & Amerika", true},
		{"Home  Internasional  Pertahanan  Ekonomi  Teknologi  Foto  Indeks", true},
		{"Terkini   Terpopuler   Internasional   Bisnis   Sains   Kolom   Indeks Berita", true},
		{"Nasional Internasional Ekonomi Gaya Hidup", true},
		{"Utama | Politik | Ekonomi | Dunia | Sukan | Video | English", true},
		// not menus
		{pageTitle, false},
		{"Indonesia  Kecam  Serangan  Israel", false}, // runs of spaces, but no section names
		{"Ekonomi Nasional Tumbuh Lima Persen", false},
		{"Home > Internasional > " + pageTitle, false}, // a breadcrumb ending in the headline
		{"Jokowi Bertemu Albanese | Nasional | Dunia", false},
		{"Rabu | 25 Maret 2024 | 18:10 WIB", false}, // a date line
		{"Nasional | Dunia", false},
		{"Kedua negara sepakat. | Nasional | Dunia", false},
	}
	for _, tt := range tests {
		if got := rs.isMenu(tt.line); got != tt.menu {
			t.Errorf("isMenu(%q) = %v, want %v", tt.line, got, tt.menu)
		}
	}
	d := cleanText("Beranda | Nasional | Dunia | Ekonomi\n\n" + pageTitle + "\n\n" + pageLead + "\n")
	if want := pageTitle + "\n\n" + pageLead; d.Text != want {
		t.Errorf("text with a menu:\n%s\nwant:\n%s", d.Text, want)
	}
}

func TestLineEndings(t *testing.T) {
	lf := pageTitle + "\n\n" + pageLead + "\nBaca juga: Judul Lain di Sini\n" + pageBody + "\n"
	for name, in := range map[string]string{
		"crlf": strings.ReplaceAll(lf, "\n", "\r\n"),
		"cr":   strings.ReplaceAll(lf, "\n", "\r"),
		"bom":  "\ufeff" + lf,
	} {
		d := cleanText(in)
		want := pageTitle + "\n\n" + pageLead + "\n\n" + pageBody
		if d.Text != want {
			t.Errorf("%s: got %q, want %q", name, d.Text, want)
		}
		checkMap(t, d)
	}
}

func TestExactSegments(t *testing.T) {
	in := "Menu\n  " + pageTitle + "  \n\n\t" + pageLead + "\nBaca juga: Lain\n" + pageBody + "\n(RHM)\n"
	d := cleanText(in)
	checkMap(t, d)
	for _, s := range d.Map.Segs {
		if !s.Exact {
			t.Errorf("inexact segment %+v in a valid text dump", s)
		}
	}
	// Every clean byte maps back to the same byte of the raw text.
	for i := 0; i < len(d.Text); i++ {
		if d.Text[i] == '\n' {
			continue
		}
		if r := d.Map.Raw(i); d.Raw[r] != d.Text[i] {
			t.Fatalf("clean %d (%q) maps to raw %d (%q)", i, d.Text[i], r, d.Raw[r])
		}
	}
	// A span of the clean text maps to the same words in the raw text.
	at := strings.Index(d.Text, "nota kesepahaman")
	sp := d.Map.RawSpan(article.Span{Start: at, End: at + len("nota kesepahaman")})
	if got := string(d.Raw[sp.Start:sp.End]); got != "nota kesepahaman" {
		t.Errorf("RawSpan gives %q", got)
	}
}

func TestInvalidUTF8(t *testing.T) {
	d := cleanText(pageTitle + "\n" + pageLead + " \xff\xfe akhir.\n")
	checkMap(t, d)
	if !strings.Contains(d.Text, "\uFFFD\uFFFD akhir.") {
		t.Errorf("got %q", d.Text)
	}
}

func TestLoadRules(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.tsv":     {Data: []byte("# header\n\nprefix\tBaca juga\nexact\tIklan\ttail_ignored\n")},
		"action.tsv": {Data: []byte("# header\nprefix\tBaca juga\nlien\tTautan\n")},
		"marker.tsv": {Data: []byte("exact\t  \n")},
		"flag.tsv":   {Data: []byte("prefix\tMEMBACA\tcase,upper\n")},
		"good.tsv":   {Data: []byte("prefix\tMEMBACA\tcase\ncontains\tjoin our channel\ncaption\t(afp\n")},
	}
	tests := []struct{ file, err string }{
		{"ok.tsv", `ok.tsv:4: unknown flag "tail_ignored" (want case)`},
		{"action.tsv", `action.tsv:3: unknown action "lien" (want prefix, exact, tail, contains, caption or menu)`},
		{"marker.tsv", `marker.tsv:1: missing marker after "exact"`},
		{"flag.tsv", `flag.tsv:1: unknown flag "case,upper" (want case)`},
		{"missing.tsv", `load rules: open missing.tsv: file does not exist`},
		{"good.tsv", ""},
	}
	for _, tt := range tests {
		rs, err := LoadRules(fsys, tt.file)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.file, err)
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("%s: error %v, want %s", tt.file, err, tt.err)
		case tt.err == "" && len(rs.Rules) != 3:
			t.Errorf("%s: %d rules, want 3", tt.file, len(rs.Rules))
		}
	}
	// Rules loaded from disk replace the embedded ones.
	rs, err := LoadRules(fsys, "good.tsv")
	if err != nil {
		t.Fatal(err)
	}
	d := &article.Doc{Raw: []byte(pageTitle + "\n" + pageLead + "\nJoin our channel today for more news\nBaca juga: Presiden Resmikan Pelabuhan Baru di Kalimantan\n")}
	rs.Text(d)
	if strings.Contains(d.Text, "channel") || !strings.Contains(d.Text, "Baca juga: Presiden") {
		t.Errorf("custom rules not applied: %q", d.Text)
	}
}

func TestEmbeddedRules(t *testing.T) {
	b, err := data.ReadFile(DefaultRulesFile)
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(string(b), "\n"); !strings.HasPrefix(first, "#") {
		t.Errorf("rule file starts with %q, want a # header", first)
	}
	if !strings.Contains(string(b), "written for mitra by its developers, 2026; own work") {
		t.Error("rule file header lacks its provenance")
	}
	rs := DefaultRules()
	seen := map[string]int{}
	for _, r := range rs.Rules {
		key := r.Action.String() + "\t" + r.pat
		if prev, dup := seen[key]; dup {
			t.Errorf("%s:%d: duplicate of line %d", DefaultRulesFile, r.Line, prev)
		}
		seen[key] = r.Line
	}
}
