package id

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"mitra/internal/lang"
)

var (
	stemOnce    sync.Once
	stemDefault *Stemmer
)

// stemmer returns the pack's stemmer: mitra's root list, then MALINDO's.
func stemmer(t testing.TB) *Stemmer {
	t.Helper()
	stemOnce.Do(func() {
		roots, err := LoadRoots(os.DirFS("."), RootsFile)
		if err != nil {
			t.Fatal(err)
		}
		malindo, err := LoadRoots(os.DirFS("."), MalindoRootsFile)
		if err != nil {
			t.Fatal(err)
		}
		stemDefault = NewStemmer2(roots, malindo)
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
		{"melangkah", "langkah"}, {"rusialah", "rusia"},
	}},
	{"roots that must not be cut", []stemCase{
		{"berita", "berita"}, {"menteri", "menteri"}, {"tentara", "tentara"}, {"presiden", "presiden"},
		{"negara", "negara"}, {"perdana", "perdana"}, {"selatan", "selatan"}, {"pasukan", "pasukan"},
		{"kawasan", "kawasan"}, {"masalah", "masalah"}, {"sekolah", "sekolah"}, {"pemilu", "pemilu"},
		{"setuju", "setuju"}, {"kepada", "kepada"}, {"tandatangan", "tandatangan"}, {"kerjasama", "kerjasama"},
		{"perang", "perang"}, {"peran", "peran"}, {"terima", "terima"}, {"bukan", "bukan"},
	}},
	{"unknown words are left alone", []stemCase{
		{"amerika", "amerika"}, {"kemenlu", "kemenlu"}, {"zelenskyylah", "zelenskyylah"}, {"jokowi", "jokowi"},
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
	if s.Preferred() < 2500 || s.Len() < 70000 {
		t.Errorf("%d roots, %d of them mitra's; want at least 70,000 and 2,500", s.Len(), s.Preferred())
	}
	b, err := os.ReadFile("data/roots.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# roots.txt: ") {
		t.Error("roots.txt lacks its provenance header")
	}
	b, err = os.ReadFile(MalindoRootsFile)
	if err != nil {
		t.Fatal(err)
	}
	if h := string(b[:min(len(b), 600)]); !strings.HasPrefix(h, "# roots-malindo.txt: ") || !strings.Contains(h, "CC BY 4.0") || !strings.Contains(h, "Nomoto") {
		t.Error("roots-malindo.txt lacks its provenance and licence header (CC BY 4.0, credit to its authors)")
	}
	if tp, err := os.ReadFile("data/THIRD_PARTY.txt"); err != nil || !strings.Contains(string(tp), "roots-malindo.txt") || !strings.Contains(string(tp), "CC BY 4.0") {
		t.Errorf("data/THIRD_PARTY.txt does not credit the embedded MALINDO roots (CC BY 4.0): %v", err)
	}
	if !s.IsRoot("kecam") || s.IsRoot("mengecam") {
		t.Error("IsRoot")
	}
}

type morphCase struct {
	word                        string
	root, prefix, inner, suffix string
}

// analyzeTests check the affixes Analyze reports, above all for the words
// whose root is a trigger's but whose derivation names something else
// (bertolak: depart; persediaan: stock; tersedia: available), and for
// words that are also roots of MALINDO's dictionary list but are affixed
// forms of a root of mitra's own (pemerintah, tersebut): the reading that
// leaves a known root with a licit affix combination wins.
var analyzeTests = []morphCase{
	{"tolak", "tolak", "", "", ""},
	{"menolak", "tolak", "meN", "", ""},
	{"ditolak", "tolak", "di", "", ""},
	{"tertolak", "tolak", "ter", "", ""},
	{"penolakan", "tolak", "peN", "", "an"},
	{"penolakannya", "tolak", "peN", "", "an"},
	{"bertolak", "tolak", "ber", "", ""},
	{"sedia", "sedia", "", "", ""},
	{"bersedia", "sedia", "ber", "", ""},
	{"persediaan", "sedia", "per", "", "an"}, // per-an + sedia, not per + se + dia + -an
	{"tersedia", "sedia", "ter", "", ""},
	{"menyediakan", "sedia", "meN", "", "kan"},
	{"pertahanan", "tahan", "per", "", "an"},
	{"mempertahankan", "tahan", "meN", "per", "kan"},
	{"bertahan", "tahan", "ber", "", ""},
	{"memperingatkan", "ingat", "meN", "per", "kan"},
	{"peringatan", "ingat", "per", "", "an"},
	{"diberikan", "beri", "di", "", "kan"},
	{"kunjungan", "kunjung", "", "", "an"},
	{"mengunjungi", "kunjung", "meN", "", "i"},
	{"kerajaan", "raja", "ke", "", "an"},
	{"keberhasilan", "hasil", "ke", "ber", "an"},
	{"pemerintah", "perintah", "peN", "", ""}, // a MALINDO root, but peN- + perintah
	{"tersebut", "sebut", "ter", "", ""},      // likewise
	{"pelajar", "ajar", "per", "", ""},
	{"pengebom", "bom", "peN", "", ""},
	{"diperkuat", "kuat", "di", "per", ""},
	{"berunding", "runding", "ber", "", ""},
	{"pelaburan", "labur", "peN", "", "an"},
	{"sebanyak", "banyak", "se", "", ""},
	// Roots of MALINDO's list only.
	{"pembajakan", "bajak", "peN", "", "an"},
	{"menyeludup", "seludup", "meN", "", ""},
	{"dirundung", "rundung", "di", "", ""},
	// Kept whole: mitra's own list, then MALINDO's.
	{"menteri", "menteri", "", "", ""},
	{"selatan", "selatan", "", "", ""},
	{"sejarah", "sejarah", "", "", ""},
	{"kemudian", "kemudian", "", "", ""},
	{"jokowi", "jokowi", "", "", ""},
	// A fallback root is never shorter than minFallback: names are not cut
	// to the dictionary's rare three-letter words.
	{"sudan", "sudan", "", "", ""},
	{"meyer", "meyer", "", "", ""},
}

func TestAnalyze(t *testing.T) {
	s := stemmer(t)
	for _, c := range analyzeTests {
		m := s.Analyze(c.word)
		want := lang.Morph{Root: c.root, Prefix: c.prefix, Inner: c.inner, Suffix: c.suffix}
		if m != want {
			t.Errorf("Analyze(%q) = %+v, want %+v (candidates %v)", c.word, m, want, s.Candidates(c.word))
		}
		if st := s.Stem(c.word); st != m.Root {
			t.Errorf("Stem(%q) = %q, Analyze root %q", c.word, st, m.Root)
		}
	}
	pre, suf := s.Affixes()
	if len(pre) != 8 || len(suf) != 3 {
		t.Errorf("Affixes() = %v, %v", pre, suf)
	}
}

// TestStemTiers checks how the two lists combine: a reading that reaches a
// preferred root wins over an earlier reading, or the whole word, that
// reaches only a fallback root; a fallback root is taken only when no
// preferred one is reached.
func TestStemTiers(t *testing.T) {
	s := NewStemmer2([]string{"kata", "perintah", "sebut"}, []string{"ata", "pemerintah", "tersebut", "kabul", "abul", "tolak"})
	for _, c := range []morphCase{
		{"mengatakan", "kata", "meN", "", "kan"},  // meng+ata comes first, but ata is only a fallback root
		{"pemerintah", "perintah", "peN", "", ""}, // the whole word is a fallback root
		{"tersebut", "sebut", "ter", "", ""},      // likewise
		{"mengabulkan", "abul", "meN", "", "kan"}, // no preferred root: the first fallback reading
		{"bertolak", "tolak", "ber", "", ""},      // a fallback root reached by a licit prefix
		{"ditolakkah", "tolak", "di", "", ""},     // inflection is not reported
		{"tolakan", "tolak", "", "", "an"},
	} {
		want := lang.Morph{Root: c.root, Prefix: c.prefix, Inner: c.inner, Suffix: c.suffix}
		if m := s.Analyze(c.word); m != want {
			t.Errorf("Analyze(%q) = %+v, want %+v", c.word, m, want)
		}
		if cs := s.Candidates(c.word); len(cs) == 0 || cs[0] != c.root {
			t.Errorf("Candidates(%q) = %v, want %s first", c.word, cs, c.root)
		}
	}
}

// minMalindoShare is the floor for the share of MALINDO's analysed affixed
// forms whose root the stemmer finds (measured 0.952 with both lists;
// 0.386 with mitra's list alone).
const minMalindoShare = 0.94

// TestMalindoAnalyses measures the stemmer against MALINDO Morph's
// analyses: for every one-word, lower-case form whose analysis strips an
// affix, whether Stem returns the analysed root.
func TestMalindoAnalyses(t *testing.T) {
	b, err := os.ReadFile("../../../../shared/resources/malindo/analyses.tsv")
	if err != nil {
		t.Skipf("MALINDO analyses not found beside the repository (../shared/resources/malindo): %v", err)
	}
	s := stemmer(t)
	own, err := LoadRoots(os.DirFS("."), RootsFile)
	if err != nil {
		t.Fatal(err)
	}
	alone := NewStemmer(own)
	n, hit, hitAlone := 0, 0, 0
	var misses []string
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) < 2 {
			continue
		}
		form, root := f[0], f[1]
		if form == root || strings.Contains(form, " ") || form != strings.ToLower(form) {
			continue
		}
		n++
		if got := s.Stem(form); got == root {
			hit++
		} else if len(misses) < 20 {
			misses = append(misses, form+"→"+got+" (not "+root+")")
		}
		if alone.Stem(form) == root {
			hitAlone++
		}
	}
	if n < 15000 {
		t.Fatalf("only %d analysed forms read", n)
	}
	share := float64(hit) / float64(n)
	t.Logf("MALINDO analyses: %d of %d affixed forms stemmed to their root (%.3f); mitra's list alone %d (%.3f)", hit, n, share, hitAlone, float64(hitAlone)/float64(n))
	t.Logf("some misses: %s", strings.Join(misses, ", "))
	if share < minMalindoShare {
		t.Errorf("share %.3f below the floor %.2f", share, minMalindoShare)
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
		if m := s.Analyze(w); m.Root != got {
			t.Fatalf("Analyze(%q).Root = %q, Stem = %q", w, m.Root, got)
		}
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
