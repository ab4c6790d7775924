package id

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	stemOnce    sync.Once
	stemDefault *Stemmer
)

// stemmer returns the stemmer built from the embedded root list.
func stemmer(t testing.TB) *Stemmer {
	t.Helper()
	stemOnce.Do(func() {
		roots, err := LoadRoots(os.DirFS("."), "data/roots.txt")
		if err != nil {
			t.Fatal(err)
		}
		stemDefault = NewStemmer(roots)
	})
	if stemDefault == nil {
		t.Fatal("no stemmer")
	}
	return stemDefault
}

type stemCase struct{ word, root string }

// stemTests are grouped by the phenomenon they exercise.
var stemTests = []struct {
	group string
	cases []stemCase
}{
	{"meN- before vowels (k dropped or kept)", []stemCase{
		{"mengecam", "kecam"}, {"mengutuk", "kutuk"}, {"mengirim", "kirim"}, {"mengusir", "usir"},
		{"mengakui", "aku"}, {"mengakhiri", "akhir"}, {"mengadakan", "ada"}, {"mengancam", "ancam"},
		{"mengundang", "undang"}, {"mengunjungi", "kunjung"}, {"menginvasi", "invasi"}, {"mengekspor", "ekspor"},
		{"mengevakuasi", "evakuasi"}, {"mengatakan", "kata"}, {"mengenai", "kena"}, {"mengikuti", "ikut"},
		{"menguasai", "kuasa"}, {"mengetahui", "tahu"}, {"mengebom", "bom"},
	}},
	{"meN- before g, h, k", []stemCase{
		{"menghentikan", "henti"}, {"menggempur", "gempur"}, {"menghantam", "hantam"}, {"menggugat", "gugat"},
		{"mengkritik", "kritik"}, {"mengklaim", "klaim"}, {"menghadiri", "hadir"},
	}},
	{"meny- (s)", []stemCase{
		{"menyerang", "serang"}, {"menyita", "sita"}, {"menyambut", "sambut"}, {"menyepakati", "sepakat"},
		{"menyerahkan", "serah"}, {"menyelidiki", "selidik"}, {"menyetujui", "setuju"}, {"menyerbu", "serbu"},
		{"menyanyi", "nyanyi"},
	}},
	{"mem- (p dropped; b, f kept)", []stemCase{
		{"memutuskan", "putus"}, {"memanggil", "panggil"}, {"memulihkan", "pulih"}, {"memukul", "pukul"},
		{"memimpin", "pimpin"}, {"membantu", "bantu"}, {"membekukan", "beku"}, {"membatalkan", "batal"},
		{"memberikan", "beri"}, {"membunuh", "bunuh"}, {"memblokade", "blokade"}, {"memfasilitasi", "fasilitasi"},
		{"memprotes", "protes"}, {"memakai", "pakai"}, {"memakan", "makan"}, {"memeterai", "meterai"},
		{"memerangi", "perang"}, {"memerintahkan", "perintah"}, {"memilih", "pilih"},
	}},
	{"men- (t dropped; c, d, j, s kept)", []stemCase{
		{"menarik", "tarik"}, {"menolak", "tolak"}, {"menembakkan", "tembak"}, {"menuduh", "tuduh"},
		{"menangkap", "tangkap"}, {"menangguhkan", "tangguh"}, {"menerima", "terima"}, {"meneken", "teken"},
		{"menandatangani", "tandatangan"}, {"mendesak", "desak"}, {"mendukung", "dukung"}, {"menjatuhkan", "jatuh"},
		{"mencabut", "cabut"}, {"mendeportasi", "deportasi"}, {"menuding", "tuding"}, {"menilai", "nilai"},
		{"menanti", "nanti"}, {"menahan", "tahan"},
	}},
	{"me- before l, r, w, y, m, n", []stemCase{
		{"melakukan", "laku"}, {"meluncurkan", "luncur"}, {"melatih", "latih"}, {"melindungi", "lindung"},
		{"meratifikasi", "ratifikasi"}, {"merebut", "rebut"}, {"mewakili", "wakil"}, {"meyakini", "yakin"},
		{"melaporkan", "lapor"}, {"menikmati", "nikmat"},
	}},
	{"di- passives", []stemCase{
		{"ditandatangani", "tandatangan"}, {"disepakati", "sepakat"}, {"dikunjungi", "kunjung"}, {"ditembak", "tembak"},
		{"dilakukan", "laku"}, {"dipanggil", "panggil"}, {"diusir", "usir"}, {"diserang", "serang"},
		{"dibatalkan", "batal"}, {"diberikan", "beri"}, {"ditahan", "tahan"}, {"dijatuhkan", "jatuh"},
		{"dimeterai", "meterai"}, {"diterima", "terima"}, {"dimulai", "mulai"},
	}},
	{"ber-, be-, bel-", []stemCase{
		{"bertemu", "temu"}, {"berunding", "runding"}, {"berbicara", "bicara"}, {"berdagang", "dagang"},
		{"bekerja", "kerja"}, {"bekerjasama", "kerjasama"}, {"bersempena", "sempena"}, {"berjanji", "janji"},
		{"belajar", "ajar"}, {"berencana", "rencana"}, {"bertahan", "tahan"}, {"berperang", "perang"},
		{"bersepakat", "sepakat"}, {"berdasarkan", "dasar"}, {"berakhir", "akhir"},
	}},
	{"ter-, te-", []stemCase{
		{"terjadi", "jadi"}, {"tertangkap", "tangkap"}, {"terpilih", "pilih"}, {"terkait", "kait"},
		{"terancam", "ancam"}, {"tertarik", "tarik"}, {"terusir", "usir"},
	}},
	{"pe-, per-, peN- nominalisations", []stemCase{
		{"pengusiran", "usir"}, {"pemutusan", "putus"}, {"penyerangan", "serang"}, {"pengiriman", "kirim"},
		{"penarikan", "tarik"}, {"penolakan", "tolak"}, {"penangkapan", "tangkap"}, {"pembatalan", "batal"},
		{"pemulihan", "pulih"}, {"pengakuan", "aku"}, {"penerimaan", "terima"}, {"pelatihan", "latih"},
		{"pemanggilan", "panggil"}, {"pembicaraan", "bicara"}, {"pemberian", "beri"}, {"penandatanganan", "tandatangan"},
		{"pemerintah", "perintah"}, {"pemerintahan", "perintah"}, {"pedagang", "dagang"}, {"pelaku", "laku"},
		{"penyelidikan", "selidik"}, {"pendukung", "dukung"}, {"pengebom", "bom"}, {"pemeteraian", "meterai"},
		{"perundingan", "runding"}, {"pertemuan", "temu"}, {"perjanjian", "janji"}, {"perdagangan", "dagang"},
		{"peringatan", "ingat"}, {"perbatasan", "batas"},
	}},
	{"ke-an and other confixes", []stemCase{
		{"kedutaan", "duta"}, {"kesepakatan", "sepakat"}, {"kerajaan", "raja"}, {"keamanan", "aman"},
		{"kekerasan", "keras"}, {"kebijakan", "bijak"}, {"kemerdekaan", "merdeka"}, {"kedaulatan", "daulat"},
		{"sebanyak", "banyak"}, {"sebenarnya", "benar"},
	}},
	{"-an, -kan, -i alone", []stemCase{
		{"serangan", "serang"}, {"kunjungan", "kunjung"}, {"bantuan", "bantu"}, {"latihan", "latih"},
		{"tuduhan", "tuduh"}, {"ancaman", "ancam"}, {"dukungan", "dukung"}, {"lawatan", "lawat"},
		{"tahanan", "tahan"}, {"tindakan", "tindak"}, {"makanan", "makan"},
	}},
	{"double prefixes", []stemCase{
		{"memperingatkan", "ingat"}, {"memperkuat", "kuat"}, {"memperluas", "luas"}, {"mempererat", "erat"},
		{"diperkuat", "kuat"}, {"diperpanjang", "panjang"}, {"mempelajari", "ajar"}, {"memberlakukan", "laku"},
		{"diberlakukan", "laku"}, {"keberhasilan", "hasil"}, {"mempertahankan", "tahan"}, {"diketahui", "tahu"},
		{"persefahaman", "faham"}, {"kesepahaman", "paham"}, {"kepemimpinan", "pimpin"},
	}},
	{"Malay forms", []stemCase{
		{"lawatan", "lawat"}, {"melawat", "lawat"}, {"bersempena", "sempena"}, {"kerajaan", "raja"},
		{"membincangkan", "bincang"}, {"menghantar", "hantar"}, {"disokong", "sokong"}, {"pelaburan", "labur"},
		{"kenyataan", "nyata"}, {"menggesa", "gesa"}, {"keganasan", "ganas"}, {"ketenteraan", "tentera"},
		{"perisikan", "risik"}, {"berundur", "undur"}, {"pencerobohan", "ceroboh"}, {"kesihatan", "sihat"},
	}},
	{"readings chosen by order", []stemCase{
		{"desakan", "desak"}, {"tarikan", "tarik"}, {"memulai", "mulai"}, {"memulakan", "mula"},
		{"menyakiti", "sakit"}, {"diperbarui", "baru"}, {"memperoleh", "peroleh"}, {"pemrosesan", "proses"},
		{"mengecek", "cek"}, {"tepercaya", "percaya"},
	}},
	{"particles and possessives", []stemCase{
		{"menyerangnya", "serang"}, {"bantuannya", "bantu"}, {"kunjungannya", "kunjung"}, {"pihaknya", "pihak"},
		{"dirinya", "diri"}, {"bukunya", "buku"}, {"bertanya", "tanya"}, {"sejumlah", "jumlah"},
		{"bersalah", "salah"}, {"pemerintahnya", "perintah"}, {"apakah", "apa"}, {"dialah", "dia"},
		{"melangkah", "langkah"},
	}},
	{"roots that must not be cut", []stemCase{
		{"berita", "berita"}, {"menteri", "menteri"}, {"tentara", "tentara"}, {"presiden", "presiden"},
		{"negara", "negara"}, {"perdana", "perdana"}, {"selatan", "selatan"}, {"pasukan", "pasukan"},
		{"kawasan", "kawasan"}, {"masalah", "masalah"}, {"sekolah", "sekolah"}, {"pemilu", "pemilu"},
		{"setuju", "setuju"}, {"kepada", "kepada"}, {"tandatangan", "tandatangan"}, {"kerjasama", "kerjasama"},
		{"perang", "perang"}, {"peran", "peran"}, {"terima", "terima"}, {"bukan", "bukan"},
	}},
	{"unknown words are left alone", []stemCase{
		{"amerika", "amerika"}, {"kemenlu", "kemenlu"}, {"rusialah", "rusialah"}, {"jokowi", "jokowi"},
		{"xyz", "xyz"}, {"", ""},
	}},
}

func TestStem(t *testing.T) {
	s := stemmer(t)
	n := 0
	for _, g := range stemTests {
		for _, c := range g.cases {
			n++
			if got := s.Stem(c.word); got != c.root {
				t.Errorf("%s: Stem(%q) = %q, want %q (candidates %v)", g.group, c.word, got, c.root, s.Candidates(c.word))
			}
		}
	}
	if n < 120 {
		t.Errorf("only %d cases", n)
	}
}

func TestStemCandidates(t *testing.T) {
	s := stemmer(t)
	for _, g := range stemTests {
		for _, c := range g.cases {
			cands := s.Candidates(c.word)
			if len(cands) == 0 {
				if s.Stem(c.word) != c.word {
					t.Errorf("Candidates(%q) empty but Stem = %q", c.word, s.Stem(c.word))
				}
				continue
			}
			if cands[0] != s.Stem(c.word) {
				t.Errorf("Candidates(%q)[0] = %q, Stem = %q", c.word, cands[0], s.Stem(c.word))
			}
		}
	}
	// An ambiguous word lists every reading.
	got := strings.Join(s.Candidates("diberikan"), ",")
	if !strings.HasPrefix(got, "beri") || !strings.Contains(got, "ikan") {
		t.Errorf("Candidates(diberikan) = %s, want beri first and ikan among them", got)
	}
}

func TestStemRules(t *testing.T) {
	s := NewStemmer([]string{"tari", "tarik", "rusa", "rusak", "maka", "pakai", "ikan", "beri"})
	for _, c := range []stemCase{
		{"penarikan", "tarik"}, // pe- takes no -kan
		{"kerusakan", "rusak"}, // ke- takes no -kan
		{"memakai", "pakai"},   // a root in -i beats root + -i
		{"diberikan", "beri"},  // suffix first, then one prefix
	} {
		if got := s.Stem(c.word); got != c.root {
			t.Errorf("Stem(%q) = %q, want %q", c.word, got, c.root)
		}
	}
}

func TestLoadRoots(t *testing.T) {
	s := stemmer(t)
	if s.Len() < 2500 {
		t.Errorf("%d roots, want at least 2500", s.Len())
	}
	b, err := os.ReadFile("data/roots.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# roots.txt: ") {
		t.Error("roots.txt lacks its provenance header")
	}
	if !s.IsRoot("kecam") || s.IsRoot("mengecam") {
		t.Error("IsRoot")
	}
}

func FuzzStem(f *testing.F) {
	for _, g := range stemTests {
		for _, c := range g.cases {
			f.Add(c.word)
		}
	}
	f.Add("menge")
	f.Add("\xffmeng\x00")
	s := stemmer(f)
	f.Fuzz(func(t *testing.T, w string) {
		got := s.Stem(w)
		if w != "" && got == "" {
			t.Fatalf("Stem(%q) is empty", w)
		}
		if len(got) > len(w) {
			t.Fatalf("Stem(%q) = %q is longer", w, got)
		}
		if utf8.ValidString(w) && !utf8.ValidString(got) {
			t.Fatalf("Stem(%q) = %q is not UTF-8", w, got)
		}
		s.Candidates(w)
	})
}

func BenchmarkStem(b *testing.B) {
	s := stemmer(b)
	var words []string
	for _, g := range stemTests {
		for _, c := range g.cases {
			words = append(words, c.word)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s.Stem(words[i%len(words)])
	}
}
