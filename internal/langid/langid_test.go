package langid

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// The sentences below were written for these tests; none is taken from a
// news page.
var detectTests = []struct {
	name, text, want string
}{
	// Indonesian
	{"id/lead", "JAKARTA - Menteri Luar Negeri Retno Marsudi mengatakan bahwa pemerintah Indonesia akan mengirim bantuan kemanusiaan ke Gaza pekan depan.", "id"},
	{"id/quote", `"Kami tidak bisa menerima tindakan tersebut karena melanggar kedaulatan kami," ujar juru bicara Kemlu kepada wartawan, Senin (24/1).`, "id"},
	{"id/headline", "Jokowi Terima Kunjungan PM Jepang di Istana Bogor", "id"},
	{"id/short", "Menlu RI bertemu Dubes AS", "id"},
	{"id/passive", "Duta besar Rusia dipanggil Kementerian Luar Negeri pada Kamis lalu untuk dimintai penjelasan.", "id"},
	{"id/money", "Nilai perdagangan kedua negara mencapai 12 miliar dolar AS atau sekitar Rp 180 triliun tahun lalu, naik 8 persen.", "id"},
	{"id/boilerplate", "Baca juga: Presiden Tinjau Latihan Gabungan TNI\nEditor : Andi\nIkuti kami di Google News\n\nKedua pemimpin sepakat untuk memperkuat kerja sama di bidang pertahanan dan energi, kata Prabowo usai pertemuan.", "id"},
	{"id/saudi", "Kerajaan Arab Saudi menyatakan dukungan terhadap upaya perdamaian yang dilakukan pemerintah Indonesia, menurut pernyataan resmi yang dirilis Jumat.", "id"},
	{"id/plain", "Kedua negara juga membahas isu keamanan kawasan dan kerja sama maritim.", "id"},
	{"id/english-words", "Dalam forum The Economist Impact Summit, menteri itu menyebut bahwa investasi hijau merupakan prioritas pemerintah saat ini.", "id"},
	{"id/korea", "Korut kembali meluncurkan rudal balistik ke Laut Jepang pada Minggu pagi, memicu kecaman dari Korsel dan AS.", "id"},
	{"id/dateline", "Selasa, 7 Februari 2023 13:04 WIB\nTentara Myanmar dilaporkan menyerang sebuah desa di perbatasan, menewaskan sedikitnya sepuluh warga sipil.", "id"},
	{"id/about-malaysia", "Pemerintah Malaysia melalui Wisma Putra menyatakan keberatan atas insiden di perairan Ambalat, kata Menlu Malaysia di Kuala Lumpur, Senin.", "id"},
	{"id/tiny", "Rusia Usir Diplomat Jepang", "id"},
	{"id/unmarked", "Bantuan untuk Gaza dikirim dengan kapal", "id"},
	// Malay
	{"ms/about-indonesia", "Presiden Indonesia Prabowo Subianto akan mengadakan lawatan rasmi ke Malaysia minggu depan bagi membincangkan isu sempadan, menurut kenyataan Wisma Putra.", "ms"},
	{"ms/tiny", "Kerajaan bersetuju menghantar bantuan kemanusiaan", "ms"},
	{"ms/lead", "KUALA LUMPUR: Kerajaan Malaysia mengecam serangan terbaharu ke atas Gaza dan menggesa masyarakat antarabangsa bertindak segera, kata Wisma Putra dalam satu kenyataan semalam.", "ms"},
	{"ms/quote", `"Kita tidak boleh berdiam diri kerana ia melibatkan nyawa orang awam," kata beliau kepada pemberita selepas majlis itu.`, "ms"},
	{"ms/visit", "Perdana Menteri akan mengadakan lawatan rasmi dua hari ke Jepun bermula Isnin ini bersempena ulang tahun hubungan diplomatik kedua-dua negara.", "ms"},
	{"ms/short", "Kerajaan akan umumkan dasar baharu esok", "ms"},
	{"ms/mou", "Kedua-dua negara memeterai memorandum persefahaman mengenai kerjasama pertahanan, iaitu latihan bersama dan perkongsian maklumat.", "ms"},
	{"ms/us-eu", "Amerika Syarikat dan Kesatuan Eropah mengenakan sekatan baharu terhadap Rusia pada Khamis.", "ms"},
	{"ms/money", "Nilai dagangan dua hala meningkat 15 peratus kepada RM40 bilion tahun lepas, menurut kenyataan Kementerian Perdagangan Antarabangsa dan Industri.", "ms"},
	{"ms/brunei", "BANDAR SERI BEGAWAN, 7 FEB - Kebawah Duli Yang Maha Mulia Paduka Seri Baginda Sultan berkenan menerima menghadap Menteri Pertahanan Malaysia di Istana, hari ini.", "ms"},
	{"ms/boilerplate", "Terkini\nPaling Popular\n\nMenteri Luar berkata Malaysia sedia membantu mana-mana pihak bagi mencapai penyelesaian secara aman, sekiranya diminta.", "ms"},
	{"ms/police", "Polis menahan tiga suspek bagi membantu siasatan kes itu, manakala mangsa dihantar ke hospital berhampiran.", "ms"},
	{"ms/summit", "Sidang kemuncak itu dijadualkan berlangsung Jumaat ini dan dijangka dihadiri pemimpin serantau.", "ms"},
	{"ms/project", "Syarikat itu memperoleh projek pembinaan lapangan terbang bernilai RM2 bilion di Sabah.", "ms"},
	// English
	{"en/lead", "Algeria said on Tuesday it was cutting diplomatic ties with its neighbour, accusing it of hostile actions.", "en"},
	{"en/short", "Ministers meet in Jakarta", "en"},
	{"en/quote", `"We will not accept any violation of our sovereignty," the foreign minister told reporters after the meeting.`, "en"},
	{"en/summit", "The two leaders signed an agreement on defence cooperation and agreed to hold annual talks.", "en"},
	{"en/indonesia", "Indonesia and Malaysia have long disputed the maritime boundary in the Sulawesi Sea, officials said.", "en"},
	{"en/boilerplate", "Tuesday, March 21, 2023\nShare this article\nSubscribe to our newsletter\n\nThe ambassador was summoned to the ministry over remarks made by his government.", "en"},
	{"en/sanctions", "The European Union imposed new sanctions on Russia, including a ban on imports of steel.", "en"},
	{"en/names", "President Joko Widodo welcomed Prime Minister Anwar Ibrahim at the Bogor Palace on Monday.", "en"},
	{"en/visit", "Modi is expected to visit Australia after the G20 summit, according to people familiar with the plans.", "en"},
	{"en/troops", "Troops were withdrawn from the border area as part of the ceasefire deal brokered by Qatar.", "en"},
	{"en/malay-names", "Datuk Seri Anwar Ibrahim told Bernama that Wisma Putra would issue a statement on the matter.", "en"},
	// Others
	{"fr", "Le ministre des Affaires étrangères a déclaré que le gouvernement ne reconnaîtrait pas les résultats de ce scrutin.", "fr"},
	{"de", "Die Regierung hat am Montag angekündigt, dass sie den Botschafter zurückrufen wird.", "de"},
	{"es", "El gobierno anunció que retirará a su embajador en protesta por las declaraciones del presidente.", "es"},
	{"pt", "O governo brasileiro disse que não vai reconhecer o resultado das eleições.", "pt"},
	{"nl", "De regering heeft besloten om de ambassadeur terug te roepen na het incident.", "nl"},
	{"it", "Il governo ha annunciato che non parteciperà al vertice della prossima settimana.", "it"},
	{"tl", "Sinabi ng pangulo na hindi papayag ang bansa sa anumang paglabag sa ating teritoryo.", "tl"},
	// Unknown
	{"und/empty", "", Und},
	{"und/digits", "12345 67/89 2023-02-07", Und},
	{"und/ok", "OK", Und},
	{"und/cjk", "外交部发言人表示，中方坚决反对。", Und},
}

func TestDetect(t *testing.T) {
	for _, tt := range detectTests {
		t.Run(tt.name, func(t *testing.T) {
			got, conf := Detect(tt.text)
			if got != tt.want {
				t.Errorf("Detect(%q) = %s (%.2f), want %s; scores %v", tt.text, got, conf, tt.want, Default().Scores(tt.text))
			}
			if conf < 0 || conf > 1 {
				t.Errorf("conf %v out of [0,1]", conf)
			}
		})
	}
}

// TestNeverCrossed checks the promise that matters most: English is never
// taken for Indonesian or Malay, nor the other way round, whatever the
// confidence.
func TestNeverCrossed(t *testing.T) {
	for _, tt := range detectTests {
		got, _ := Detect(tt.text)
		malay := func(c string) bool { return c == "id" || c == "ms" }
		if (tt.want == "en" && malay(got)) || (malay(tt.want) && got == "en") {
			t.Errorf("%s: got %s", tt.name, got)
		}
	}
}

func TestConfidence(t *testing.T) {
	long := strings.Repeat(detectTests[0].text+" ", 5)
	if _, c := Detect(long); c < 0.5 {
		t.Errorf("long Indonesian text: conf %.2f, want ≥ 0.5", c)
	}
	if _, c := Detect("the"); c > 0.5 {
		t.Errorf("one English word: conf %.2f, want ≤ 0.5", c)
	}
}

func TestWindow(t *testing.T) {
	text := strings.Repeat("Pemerintah mengatakan bahwa kunjungan itu penting. ", 100) +
		strings.Repeat("The government said that the visit was important. ", 1000)
	if got, _ := Detect(text); got != "id" {
		t.Errorf("got %s, want id from the first %d bytes", got, Window)
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"xx.txt":    {Data: []byte("# test\nfoo\t2\nbar baz\t3\n-ing\n")},
		"yy+zz.txt": {Data: []byte("qux\n")},
	}
	d, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(d.Languages(), ","); got != "xx,yy,zz" {
		t.Errorf("Languages = %s", got)
	}
	s := d.Scores("Foo bar baz qux running")
	if s["xx"] != 2+3+1 || s["yy"] != 1 || s["zz"] != 1 {
		t.Errorf("Scores = %v", s)
	}
	for _, bad := range []string{"Upper\n", "w\tx\n", "a b c\n", "w\t-1\n"} {
		if _, err := Load(fstest.MapFS{"xx.txt": {Data: []byte(bad)}}); err == nil {
			t.Errorf("Load(%q): no error", bad)
		}
	}
	if _, err := Load(fstest.MapFS{}); err == nil {
		t.Error("Load(empty): no error")
	}
}

func TestEmbeddedProfiles(t *testing.T) {
	langs := Default().Languages()
	for _, want := range []string{"en", "id", "ms"} {
		i := sort.SearchStrings(langs, want)
		if i == len(langs) || langs[i] != want {
			t.Errorf("no %s profile in %v", want, langs)
		}
	}
}

// TestDevPages runs Detect over the dev pages and checks the languages their
// manifest records.
func TestDevPages(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "dev")
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Skipf("dev pages not available: %v", err)
	}
	defer f.Close()
	var n, ok int
	confusion := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct{ Doc, Lang string }
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m.Doc == "" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, "docs", m.Doc+".txt"))
		if err != nil {
			continue
		}
		got, conf := Detect(string(b))
		n++
		if sc := Default().Scores(string(b)); m.Lang == "id" || m.Lang == "ms" {
			lead := sc["ms"] - sc["id"]
			t.Logf("%s %s: Malay lead %+.1f (id %.1f, ms %.1f, en %.1f) → %s %.2f", m.Doc, m.Lang, lead, sc["id"], sc["ms"], sc["en"], got, conf)
		}
		if got == m.Lang {
			ok++
			continue
		}
		confusion[m.Lang+"→"+got]++
		t.Logf("%s: want %s, got %s (%.2f) %v", m.Doc, m.Lang, got, conf, Default().Scores(string(b)))
	}
	if n == 0 {
		t.Skip("no dev pages found")
	}
	acc := float64(ok) / float64(n)
	t.Logf("dev pages: %d/%d = %.1f%% correct; confusions %v", ok, n, 100*acc, confusion)
	if acc < 0.95 {
		t.Errorf("accuracy %.1f%% < 95%%", 100*acc)
	}
}

func FuzzDetect(f *testing.F) {
	for _, tt := range detectTests {
		f.Add(tt.text)
	}
	f.Add(strings.Repeat("a", 100))
	f.Add("\xff\xfe di yang")
	f.Fuzz(func(t *testing.T, s string) {
		code, conf := Detect(s)
		if code == "" {
			t.Fatal("empty code")
		}
		if !(conf >= 0 && conf <= 1) {
			t.Fatalf("conf %v", conf)
		}
		if !utf8.ValidString(code) {
			t.Fatal("invalid code")
		}
	})
}

func BenchmarkDetect(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 3000 {
		for _, tt := range detectTests {
			if strings.HasPrefix(tt.name, "id/") {
				sb.WriteString(tt.text)
				sb.WriteString("\n")
			}
		}
	}
	text := sb.String()[:3000]
	Default()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Detect(text)
	}
}
