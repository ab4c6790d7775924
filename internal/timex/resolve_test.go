package timex

import (
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/token"
)

func date(s string) article.Date {
	var d article.Date
	if s == "" {
		return d
	}
	parts := strings.Split(s, "-")
	n := func(x string) int {
		v := 0
		for _, c := range x {
			v = v*10 + int(c-'0')
		}
		return v
	}
	d.Year = n(parts[0])
	if len(parts) > 1 {
		d.Month = n(parts[1])
	}
	if len(parts) > 2 {
		d.Day = n(parts[2])
	}
	return d
}

type resolveTest struct {
	name     string
	pub      string // publication date, "" when unknown
	sentence string
	want     string // the date Resolve returns, "" for none
	text     string // the expression it read ("" to skip the check)
	note     string // a substring of the Note ("" to require an empty Note)
}

var resolveTests = []resolveTest{
	// Bracketed dates.
	{"weekday paren", "2022-01-25", "Pada Senin (24/1), Menlu RI menerima mitranya dari Jepang di Pejambon.", "2022-01-24", "Senin (24/1)", ""},
	{"paren alone", "2022-01-25", "Kedua menteri meneken nota kesepahaman itu di Tokyo (24/1).", "2022-01-24", "(24/1)", ""},
	{"paren no space", "2022-01-25", "Delegasi tiba di Canberra Senin(24/1) pagi.", "2022-01-24", "Senin(24/1)", ""},
	{"paren with year", "", "Presiden menerima PM Belanda di Istana Bogor, Jumat (22/3/2024).", "2024-03-22", "Jumat (22/3/2024)", ""},
	{"paren year after dash", "", "PM Papua Nugini, Selasa (5/12-2023), menyatakan akan meneken pakta keamanan.", "2023-12-05", "Selasa (5/12-2023)", ""},
	{"paren two-digit year", "", "Kapal patroli itu ditahan pada Sabtu (10/6/23) malam.", "2023-06-10", "Sabtu (10/6/23)", ""},
	{"part of day before paren", "2022-01-25", "Kamis dini hari (20/1), rudal menghantam pelabuhan itu.", "2022-01-20", "Kamis dini hari (20/1)", ""},
	{"typographic apostrophe", "2022-01-25", "Menlu kedua negara berbicara lewat telepon pada Jum’at (21/1).", "2022-01-21", "Jum’at (21/1)", ""},
	{"capitalised Minggu is Sunday", "2023-03-14", "Kapal induk itu berlabuh di Manila pada Minggu (12/3).", "2023-03-12", "Minggu (12/3)", ""},

	// Written dates.
	{"full date", "", "Perjanjian ekstradisi diteken pada 25 Januari 2022 di Bintan.", "2022-01-25", "25 Januari 2022", ""},
	{"weekday and full date", "", "Kedua negara bertukar nota hari ini, Senin, 13 November 2017, di Jakarta.", "2017-11-13", "Senin, 13 November 2017", ""},
	{"abbreviated month", "", "Kunjungan itu berlangsung 13 Nov 2017 di Manila.", "2017-11-13", "13 Nov 2017", ""},
	{"date without year", "2022-01-25", "Latihan bersama dimulai 17 Januari di Natuna.", "2022-01-17", "17 Januari", ""},
	{"year from the end of a range", "2019-09-13", "Bebas visa berlaku mulai 1 Oktober hingga 31 Desember 2019.", "2019-10-01", "1 Oktober", "range"},
	{"future day is not read against pub year", "2019-09-13", "Kedua menteri akan bertemu pada 1 Oktober mendatang.", "", "", ""},
	{"range of days", "", "Pertemuan tingkat menteri digelar 12-14 Maret 2024 di Vientiane.", "2024-03-12", "12-14 Maret 2024", "range"},
	{"month and year", "2023-02-08", "Rusia mengirim helikopter serang ke Mali pada Agustus 2021 lalu.", "2021-08", "Agustus 2021", ""},
	{"month range", "", "Patroli bersama digelar Maret-April 2024 di Selat Malaka.", "2024-03", "Maret-April 2024", "range"},
	{"year after pada", "", "Kedua negara membuka hubungan diplomatik pada 2013.", "2013", "2013", ""},
	{"year after tahun", "", "Pakta pertahanan itu diteken tahun 2013 di Canberra.", "2013", "2013", ""},
	{"year after sejak", "", "Junta makin dekat dengan Moskow sejak 2021.", "2021", "2021", ""},
	{"year after qualifier", "", "Proyek pelabuhan itu rampung akhir 2019.", "2019", "2019", ""},
	{"bare year is weak", "", "Peretasan itu terjadi selama pemilihan presiden 2016.", "", "", ""},
	{"end point is not the date", "2022-01-25", "Perjanjian itu berlaku hingga 2023.", "", "", ""},
	{"deadline is not the date", "2024-05-20", "AS dan Niger Sepakati Jadwal Penarikan Pasukan, Tuntas Paling Lambat 15 September", "", "", ""},
	{"deadline selambat-lambatnya", "2024-05-20", "Pasukan harus keluar selambat-lambatnya 15 September 2024.", "", "", ""},
	{"law number is not a date", "2022-01-25", "Hal itu diatur Undang-Undang Nomor 37 Tahun 1999 tentang Hubungan Luar Negeri.", "", "", ""},
	{"decade is no year", "2024-03-25", "Hubungan kedua negara memburuk pada tahun 1990-an.", "", "1990-an", "decade"},
	{"decade beside a year", "2024-03-25", "Sejak 1990-an kedua negara berselisih, dan pada 2019 mereka berdamai.", "2019", "2019", ""},
	{"year beyond pub+1", "2022-01-25", "Kedua negara menargetkan perdagangan naik dua kali lipat pada 2030.", "", "", ""},
	{"bare month earlier in year", "2022-03-25", "Kedua negara bertemu pada Januari di Jenewa.", "2022-01", "Januari", ""},
	{"bare month later than pub", "2022-01-25", "Kedua negara bertemu pada Agustus di Jenewa.", "2021-08", "Agustus", ""},
	{"month last year", "2022-01-25", "Kudeta Juli tahun lalu mengubah arah kebijakan Niger.", "2021-07", "Juli tahun lalu", ""},
	{"future month is ignored", "2022-01-25", "Kedua pemimpin akan bertemu pada Oktober mendatang.", "", "", ""},

	// Relative expressions.
	{"kemarin", "2022-01-25", "Menlu Rusia tiba di Havana kemarin.", "2022-01-24", "kemarin", ""},
	{"hari ini", "2022-01-25", "Pada hari ini kedua negara meneken nota kesepahaman.", "2022-01-25", "Pada hari ini", ""},
	{"end point hari ini", "2022-01-25", "Sanksi itu berlaku sejak lama hingga hari ini.", "", "", ""},
	{"tahun lalu", "2022-01-25", "Pasukan Prancis ditarik dari Mali tahun lalu.", "2021", "tahun lalu", ""},
	{"bulan lalu", "2022-01-25", "Kedua negara menandatangani pakta itu bulan lalu.", "2021-12", "bulan lalu", ""},
	{"pekan lalu in one month", "2022-01-25", "Kapal penjaga pantai itu memasuki perairan Natuna pekan lalu.", "2022-01", "pekan lalu", ""},
	{"pekan lalu across months", "2022-02-08", "Kapal penjaga pantai itu memasuki perairan Natuna pekan lalu.", "", "pekan lalu", "two months"},
	{"dua tahun lalu", "2022-01-25", "Perundingan itu dimulai dua tahun lalu.", "2020", "dua tahun lalu", ""},
	{"N hari yang lalu", "2022-01-25", "Utusan khusus itu tiba 3 hari yang lalu.", "2022-01-22", "3 hari yang lalu", ""},
	{"setahun yang lalu", "2022-01-25", "Nota itu diteken setahun yang lalu.", "2021", "setahun yang lalu", ""},
	{"beberapa hari lalu", "2022-01-25", "Militer kedua negara berlatih bersama beberapa hari lalu.", "2022-01", "beberapa hari lalu", ""},
	{"besok is ignored", "2022-01-25", "Menlu akan terbang ke Beijing besok.", "", "", ""},
	{"relative without pub", "", "Duta besar itu dipanggil kemarin.", "", "kemarin", "no publication date"},

	// Weekdays without a date.
	{"weekday with part of day", "2022-01-25", "Pernyataan itu dibacakan Sabtu malam di televisi nasional.", "2022-01-22", "Sabtu malam", ""},
	{"weekday is pub day", "2022-01-25", "Kedua pemimpin berbicara pada Selasa di Moskow.", "2022-01-25", "Selasa", ""},
	{"weekday lalu", "2022-01-25", "Kedua pemimpin berbicara Selasa lalu di Moskow.", "2022-01-18", "Selasa lalu", ""},
	{"weekday last week", "2022-01-25", "Kesepakatan itu dicapai Senin pekan lalu.", "2022-01-17", "Senin pekan lalu", ""},
	{"Ahad", "2022-01-25", "Diplomat Rusia meninggalkan Washington, Ahad, kata kantor berita itu.", "2022-01-23", "Ahad", ""},
	{"weekday without pub", "", "Pernyataan itu dibacakan Sabtu malam di televisi nasional.", "", "Sabtu malam", "no publication date"},
	{"lower-case minggu is a week", "2022-01-25", "Latihan itu berlangsung selama satu minggu di Bali.", "", "", ""},

	// Years from the publication date, and the weekday check.
	{"no pub no year", "", "Lavrov pada hari Selasa (7/2) berjanji terus membantu Mali.", "", "Selasa (7/2)", "no year"},
	{"weekday fixes year", "2024-03-25", "Kedua menteri bertemu di Riyadh pada Senin (20/3).", "2023-03-20", "Senin (20/3)", ""},
	{"weekday mismatch kept", "2024-03-25", "Kedua menteri bertemu di Riyadh pada Selasa (20/3).", "2024-03-20", "Selasa (20/3)", "weekday mismatch: Selasa but 2024-03-20 is Wednesday"},
	{"weekday mismatch with year", "", "Kesepakatan diumumkan Rabu (22/3/2024).", "2024-03-22", "Rabu (22/3/2024)", "weekday mismatch: Rabu but 2024-03-22 is Friday"},
	{"new year back", "2025-01-02", "Kapal itu ditahan pada Selasa (31/12) di Laut Natuna Utara.", "2024-12-31", "Selasa (31/12)", ""},
	{"new year back without weekday", "2025-01-02", "Kapal itu ditahan di Laut Natuna Utara (30/12).", "2024-12-30", "(30/12)", ""},
	{"new year forward by weekday", "2024-12-30", "Presiden dijadwalkan terbang ke New Delhi pada Senin (6/1).", "2025-01-06", "Senin (6/1)", ""},

	// Choosing among several expressions.
	{"day beats year", "2022-01-25", "Kerja sama yang dirintis sejak 2015 itu diperluas pada Senin (24/1).", "2022-01-24", "Senin (24/1)", ""},
	{"reporting date comes last", "2023-02-08", "Rusia mengirim jet tempur pada Agustus 2021, kata Lavrov, Selasa (7/2).", "2021-08", "Agustus 2021", ""},
	{"reporting date alone", "2022-01-25", "Kremlin menyebut percakapan itu bersahabat, seperti dikutip dari AFP, Selasa (25/1).", "2022-01-25", "Selasa (25/1)", "reporting date"},

	// Malay and English.
	{"Malay month", "", "Perjanjian itu dimeterai pada 12 Ogos 2023 di Putrajaya.", "2023-08-12", "12 Ogos 2023", ""},
	{"Malay month and year", "", "Wisma Putra memanggil duta itu pada Disember 2022.", "2022-12", "Disember 2022", ""},
	{"Malay weekday", "2023-08-16", "Perdana Menteri tiba di Jakarta pada Isnin (14/8).", "2023-08-14", "Isnin (14/8)", ""},
	{"Malay tahun lepas", "2023-08-16", "Kedua-dua negara memeterai perjanjian itu tahun lepas.", "2022", "tahun lepas", ""},
	{"English month day year", "", "The two leaders met in Hanoi on Tuesday, March 5, 2024.", "2024-03-05", "Tuesday, March 5, 2024", ""},
	{"English day month year", "", "The accord was signed on 7 May 2025 in Kuala Lumpur.", "2025-05-07", "7 May 2025", ""},
	{"English month year", "", "Talks resumed in May 2023.", "2023-05", "May 2023", ""},
	{"English yesterday", "2024-03-22", "The ministry summoned the ambassador yesterday.", "2024-03-21", "yesterday", ""},
	{"English last year", "2024-03-22", "The embassy closed last year.", "2023", "last year", ""},
	{"English weekday", "2024-03-22", "The ministers spoke by phone on Saturday.", "2024-03-16", "Saturday", ""},
	{"English days ago", "2024-03-22", "The troops left two days ago.", "2024-03-20", "two days ago", ""},
	{"English abbreviated month", "", "The leaders met at Camp David on Aug. 19, 2023.", "2023-08-19", "Aug. 19, 2023", ""},
	{"English ordinal day", "", "The treaty entered into force on March 5th, 2024.", "2024-03-05", "March 5th, 2024", ""},
	{"English modal may", "2024-03-22", "The sanctions may be lifted.", "", "", ""},
}

func TestResolve(t *testing.T) {
	tab := testTable(t)
	for _, tt := range resolveTests {
		t.Run(tt.name, func(t *testing.T) {
			toks := token.Tokenize(tt.sentence, 0)
			got := tab.Resolve(tt.sentence, toks, date(tt.pub))
			if got.Date.String() != tt.want {
				t.Errorf("Resolve(%q, pub %s) = %q (%q, note %q), want %q", tt.sentence, tt.pub, got.Date, got.Text, got.Note, tt.want)
			}
			if tt.text != "" && got.Text != tt.text {
				t.Errorf("Text = %q, want %q", got.Text, tt.text)
			}
			if got.Text != tt.sentence[got.Span.Start:got.Span.End] {
				t.Errorf("Text %q does not match Span %v", got.Text, got.Span)
			}
			if tt.note == "" && got.Note != "" {
				t.Errorf("Note = %q, want none", got.Note)
			}
			if tt.note != "" && !strings.Contains(got.Note, tt.note) {
				t.Errorf("Note = %q, want it to contain %q", got.Note, tt.note)
			}
		})
	}
}

func TestResolveAll(t *testing.T) {
	tab := testTable(t)
	s := "Rusia mengirim jet tempur pada Agustus 2021, kata Lavrov, Selasa (7/2)."
	got := tab.ResolveAll(s, nil, date("2023-02-08"))
	if len(got) != 2 {
		t.Fatalf("ResolveAll = %+v, want 2 results", got)
	}
	if got[0].Date.String() != "2021-08" || got[1].Date.String() != "2023-02-07" {
		t.Errorf("dates = %s, %s; want 2021-08, 2023-02-07", got[0].Date, got[1].Date)
	}
	if got[1].Note != "reporting date" {
		t.Errorf("second Note = %q, want %q", got[1].Note, "reporting date")
	}
}

// TestNominal checks which years are marked Nominal: only those with a
// unit word and no preposition of time before them.
func TestNominal(t *testing.T) {
	tab := testTable(t)
	tests := []struct {
		sentence string
		year     string
		nominal  bool
	}{
		{"Perjanjian pertahanan bersama AS-Filipina tahun 1951 berlaku untuk serangan terhadap kapal.", "1951", true},
		{"Pakta pertahanan itu diteken tahun 2013 di Canberra.", "2013", true},
		{"Pada tahun 2023, Indonesia menandatangani perjanjian dengan Vietnam.", "2023", false},
		{"Kedua negara membuka hubungan diplomatik di tahun 2013.", "2013", false},
		{"Kedua negara membuka hubungan diplomatik pada 2013.", "2013", false},
		{"Hubungan kedua negara dibuka sejak tahun 1960.", "1960", false},
		{"Proyek pelabuhan itu rampung akhir tahun 2019.", "2019", false},
	}
	for _, tt := range tests {
		rs := tab.ResolveAll(tt.sentence, nil, date("2024-03-25"))
		if len(rs) != 1 || rs[0].Date.String() != tt.year {
			t.Errorf("ResolveAll(%q) = %+v, want one result %s", tt.sentence, rs, tt.year)
			continue
		}
		if rs[0].Nominal != tt.nominal {
			t.Errorf("%q: Nominal = %v, want %v", tt.sentence, rs[0].Nominal, tt.nominal)
		}
	}
}

// TestPick checks that Pick chooses as Resolve does, also among a subset.
func TestPick(t *testing.T) {
	tab := testTable(t)
	s := "Rusia mengirim jet tempur pada Agustus 2021, kata Lavrov, Selasa (7/2)."
	pub := date("2023-02-08")
	rs := tab.ResolveAll(s, nil, pub)
	if got, want := Pick(rs), tab.Resolve(s, nil, pub); got != want {
		t.Errorf("Pick = %+v, Resolve = %+v", got, want)
	}
	if got := Pick(rs[1:]); got.Date.String() != "2023-02-07" || got.Note != "reporting date" {
		t.Errorf("Pick(reporting date only) = %+v", got)
	}
	if got := Pick(nil); got != (Result{}) {
		t.Errorf("Pick(nil) = %+v, want zero", got)
	}
}

// TestResolveTextOffsets checks tokens whose spans are offsets in the whole
// text, as token.Sentences returns them.
func TestResolveTextOffsets(t *testing.T) {
	tab := testTable(t)
	text := "Judul berita\n\nIndonesia dan Jepang bertemu. Kedua menteri meneken perjanjian pada Senin (24/1)."
	sents := token.Sentences(text, nil)
	last := sents[len(sents)-1]
	got := tab.Resolve(last.Text, last.Tokens, date("2022-01-25"))
	if got.Date.String() != "2022-01-24" || got.Text != "Senin (24/1)" {
		t.Fatalf("Resolve = %+v", got)
	}
	if last.Text[got.Span.Start:got.Span.End] != got.Text {
		t.Errorf("Span %v is not relative to the sentence", got.Span)
	}
}

func TestResolveWithContext(t *testing.T) {
	tab := testTable(t)
	ctx := date("2023-02-06")
	got := tab.ResolveWith("Lavrov pada hari Selasa (7/2) berjanji membantu Mali.", nil, article.Date{}, ctx)
	if got.Date.String() != "2023-02-07" || got.Note != "year from context" {
		t.Errorf("with context = %+v, want 2023-02-07 (year from context)", got)
	}
	got = tab.ResolveWith("Kedua menteri juga membahas kerja sama energi.", nil, article.Date{}, ctx)
	if got.Date != ctx || got.Note != "context" {
		t.Errorf("no expression = %+v, want the context date", got)
	}
	got = tab.ResolveWith("Kedua menteri juga membahas kerja sama energi.", nil, article.Date{}, article.Date{})
	if got != (Result{}) {
		t.Errorf("no expression, no context = %+v, want zero", got)
	}
}

func TestWeekday(t *testing.T) {
	if got := Weekday(date("2022-01-24")); got.String() != "Monday" {
		t.Errorf("Weekday(2022-01-24) = %v", got)
	}
}
