package timex

import (
	"strings"
	"testing"
)

var pubDateTests = []struct {
	name string
	page string
	want string
	how  string
}{
	{"date line with weekday and WIB",
		"Berita Utama\n\nKemlu Panggil Dubes Australia\n\nRedaksi Luar Negeri • Selasa, 25 Januari 2022, 13:04 WIB\nJAKARTA – Kementerian Luar Negeri memanggil duta besar Australia pada Senin (24/1).\n",
		"2022-01-25", "date-line"},
	{"date line with abbreviated month",
		"RI-Filipina Sepakati Patroli Bersama\n\nAndi Wijaya    •    Senin, 13 Nov 2017 14:27 WIB\nManila: Kedua negara sepakat menggelar patroli bersama.\n",
		"2017-11-13", "date-line"},
	{"slash date line",
		"Baca tanpa iklan\nWarta.com - 08/05/2023, 23:23 WIB\nTim Redaksi\n\nJAKARTA, Warta.com - Pemerintah mengirim bantuan ke Vanuatu, Senin (8/5/2023).\n",
		"2023-05-08", "date-line"},
	{"published label",
		"Judul: Indonesia dan Brasil perluas kerja sama\nDiterbitkan 3 Maret 2023\nKedua negara menyepakati kerja sama bioenergi pada 1 Maret 2023.\n",
		"2023-03-03", "date-line"},
	{"ISO metadata",
		"published_time: 2022-01-25T13:04:00+07:00\nJakarta - Kedua presiden bertemu pada Senin (24/1).\n",
		"2022-01-25", "date-line"},
	{"dilansir dateline",
		"Kedua negara akan membuat program peningkatan investasi, ungkap menteri perdagangan, seperti dilansir dari laman resmi kementerian, Selasa (24/3/2015).\nSektor yang dikerjasamakan adalah industri komponen.\n",
		"2015-03-24", "dateline-cue"},
	{"weekday paren dateline",
		"WARTA.COM, JAKARTA - Pemerintah mengecam serangan di kompleks masjid itu.\n\n\"Kami menolak segala bentuk kekerasan,\" demikian pernyataan tertulis pemerintah, Sabtu (22/7/2017).\n",
		"2017-07-22", "dateline-paren"},
	{"cue date beats earlier event date",
		"Tim penyelamat bertemu Presiden di Antakya, Senin (20/2/2023).\nPertemuan itu dijelaskan dalam keterangan tertulis yang diterima di Jakarta, Selasa (21/2/2023).\n",
		"2023-02-21", "dateline-cue"},
	{"hari ini dateline",
		"Jakarta: Hari ini, Jumat, 1 April 2022, Indonesia dan Malaysia meneken nota kesepahaman pekerja migran.\n",
		"2022-04-01", "dateline-cue"},
	{"weekday date beats earlier plain date",
		"Tokyo – Jumlah korban gempa pada 1 Januari 2024 meningkat menjadi 202 orang per Selasa, 9 Januari 2024, menurut angka pemerintah.\n",
		"2024-01-09", "weekday-date"},
	{"future date counts less",
		"WARTA.ID - Perdana Menteri itu, Selasa (5/12-2023), mengatakan akan meneken pakta keamanan.\nPakta itu akan diteken pada hari Kamis (7/12-2023) mendatang di Canberra.\n",
		"2023-12-05", "dateline-paren"},
	{"English date line",
		"Tuesday, March 21, 2023\nIsrael will release the detained volunteers, the ministry said.\n",
		"2023-03-21", "date-line"},
	{"English month in author line",
		"Indonesia urges dialogue\nRina Putri • 7 May 2025 14:20\nJakarta: The government called on both sides to show restraint.\n",
		"2025-05-07", "date-line"},
	{"Malay date line",
		"Wisma Putra panggil duta\nIsnin, 14 Ogos 2023 10:15 MYT\nKUALA LUMPUR: Kementerian Luar memanggil duta besar itu.\n",
		"2023-08-14", "date-line"},
	{"date line after caption date",
		"Kedua menteri meneken nota kesepahaman di Jakarta (1/4/2022). (Foto: Humas)\n\nJAKARTA, Warta.com – Malaysia dituding melanggar nota kesepahaman itu.\nRabu, 13 Juli 2022 | 09:10 WIB\n",
		"2022-07-13", "date-line"},
	{"URL date",
		"Impor makanan laut dari Jepang turun tajam.\nPelepasan air dimulai pada tanggal 24 Agustus.\nsumber: https://berita.example.org/id/news/20230924_13/\n",
		"2023-09-24", "url-date"},
	{"frequent date wins",
		"Pertemuan itu digelar 10 Mei 2018 di Kuala Lumpur. Hasil resmi diumumkan 10 Mei 2018 malam. Pemilu sebelumnya digelar 5 Mei 2013.\n",
		"2018-05-10", "full-date"},
	{"no year anywhere",
		"Menteri Luar Negeri Rusia pada hari Selasa (7/2) berjanji membantu Mali.\nIa tiba di Bamako pada Senin.\n",
		"", ""},
	{"empty page", "", "", ""},
	{"numbers that are not dates",
		"Harga minyak turun 1,6% menjadi US$ 83,22 per barel; stok naik 4.270.000 barel dan skor 2-0.\n",
		"", ""},
}

func TestPubDate(t *testing.T) {
	tab := testTable(t)
	for _, tt := range pubDateTests {
		t.Run(tt.name, func(t *testing.T) {
			got, how := tab.PubDate(tt.page)
			if got.String() != tt.want || how != tt.how {
				t.Errorf("PubDate = %q (%s), want %q (%s)", got, how, tt.want, tt.how)
			}
		})
	}
}

// TestPubDateLongPage checks that a date line far down a long page is found
// and that ordinary dates there are not.
func TestPubDateLongPage(t *testing.T) {
	tab := testTable(t)
	filler := strings.Repeat("Kedua negara membahas kerja sama ekonomi dan pertahanan di ibu kota.\n", 80)
	page := filler + "Kapal itu ditahan pada Sabtu (9/11/2024).\n" + filler + "Diperbarui: Senin, 11 November 2024 08:00 WIB\n"
	got, how := tab.PubDate(page)
	if got.String() != "2024-11-11" || how != "date-line" {
		t.Errorf("PubDate = %s (%s), want 2024-11-11 (date-line)", got, how)
	}
	if got, _ := tab.PubDate(filler + "Kapal itu ditahan pada Sabtu (9/11/2024).\n"); !got.IsZero() {
		t.Errorf("PubDate found %s far down the page", got)
	}
}

func TestURLDate(t *testing.T) {
	for _, tt := range []struct{ url, want string }{
		{"https://news.example.com/read/2019/09/13/134500/judul-berita", "2019-09-13"},
		{"https://kabar.example.com/read/20210330/15/1374707/judul", "2021-03-30"},
		{"https://example.org/2022-01-25-mali-usir-dubes", "2022-01-25"},
		{"https://example.org/berita/1374707/judul", ""},
		{"https://example.org/?id=20210330", ""},
		{"", ""},
	} {
		if got := URLDate(tt.url); got.String() != tt.want {
			t.Errorf("URLDate(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}
