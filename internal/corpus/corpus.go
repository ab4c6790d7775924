// Package corpus generates large synthetic corpora of Indonesian news pages
// for load tests, by recombining sentence templates written for mitra with
// parties, dates and outlets, and by adding the duplicates real crawls have:
// syndicated copies under another outlet's header and footer, and exact
// re-posts.
package corpus

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"strings"
	"time"

	"mitra/internal/sample"
	"mitra/internal/token"
)

// init adds the sentences of the embedded sample pages (our own writing)
// that name no weekday date, as background.
func init() {
	_ = fs.WalkDir(sample.Pages, "pages", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasPrefix(de.Name(), "id-") || !strings.HasSuffix(p, ".txt") {
			return nil
		}
		b, err := fs.ReadFile(sample.Pages, p)
		if err != nil {
			return nil
		}
		for _, s := range token.Sentences(string(b), nil) {
			if len(s.Tokens) >= 8 && strings.HasSuffix(s.Text, ".") && !strings.Contains(s.Text, "(") && !strings.HasPrefix(s.Text, "Baca") {
				fillers = append(fillers, s.Text)
			}
		}
		return nil
	})
}

// Options shape a corpus.
type Options struct {
	Pages int
	Seed  uint64
	// NearDup and ExactDup are the shares of pages that are syndicated
	// copies (another header/footer) and exact re-posts of earlier pages.
	NearDup, ExactDup float64
	Start             time.Time // first publication day; pages spread over Days
	Days              int
}

// Defaults: 10% syndicated copies, 2% exact re-posts, over one year.
var Defaults = Options{Pages: 1000, Seed: 1, NearDup: 0.10, ExactDup: 0.02, Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Days: 365}

type state struct{ name, capital, leader string }

var states = []state{
	{"Indonesia", "Jakarta", "Presiden Indonesia"}, {"Malaysia", "Kuala Lumpur", "Perdana Menteri Malaysia"},
	{"Rusia", "Moskow", "Presiden Rusia"}, {"Mali", "Bamako", "pemimpin junta Mali"},
	{"Prancis", "Paris", "Presiden Prancis"}, {"Niger", "Niamey", "pemimpin junta Niger"},
	{"Amerika Serikat", "Washington", "Presiden Amerika Serikat"}, {"China", "Beijing", "Presiden China"},
	{"Jepang", "Tokyo", "Perdana Menteri Jepang"}, {"Australia", "Canberra", "Perdana Menteri Australia"},
	{"Filipina", "Manila", "Presiden Filipina"}, {"Vietnam", "Hanoi", "Perdana Menteri Vietnam"},
	{"India", "New Delhi", "Perdana Menteri India"}, {"Pakistan", "Islamabad", "Perdana Menteri Pakistan"},
	{"Turki", "Ankara", "Presiden Turki"}, {"Iran", "Teheran", "Presiden Iran"},
	{"Israel", "Tel Aviv", "Perdana Menteri Israel"}, {"Mesir", "Kairo", "Presiden Mesir"},
	{"Arab Saudi", "Riyadh", "Putra Mahkota Arab Saudi"}, {"Korea Selatan", "Seoul", "Presiden Korea Selatan"},
	{"Korea Utara", "Pyongyang", "pemimpin Korea Utara"}, {"Brasil", "Brasilia", "Presiden Brasil"},
	{"Jerman", "Berlin", "Kanselir Jerman"}, {"Inggris", "London", "Perdana Menteri Inggris"},
	{"Ukraina", "Kyiv", "Presiden Ukraina"}, {"Singapura", "Singapura", "Perdana Menteri Singapura"},
	{"Thailand", "Bangkok", "Perdana Menteri Thailand"}, {"Kenya", "Nairobi", "Presiden Kenya"},
	{"Burkina Faso", "Ouagadougou", "pemimpin junta Burkina Faso"}, {"Kuba", "Havana", "Presiden Kuba"},
}

// Event sentences: {A} acts on {B}; {D} is a weekday date like "Senin (24/1)".
var eventSentences = []string{
	"{A} dan {B} menandatangani nota kesepahaman kerja sama energi pada {D}.",
	"{LA} melakukan kunjungan kenegaraan ke {B} pada {D} untuk membahas kerja sama perdagangan.",
	"{LA} berbicara dengan {LB} melalui telepon pada {D}, kata kantor kepresidenan.",
	"Pemerintah {A} mengecam keras serangan {B} terhadap wilayah perbatasan, {D}.",
	"{A} menjatuhkan sanksi terhadap sejumlah perusahaan {B} pada {D}.",
	"{A} mengusir duta besar {B} dan memberinya waktu 72 jam untuk meninggalkan negara itu, {D}.",
	"Kementerian Luar Negeri {A} memanggil duta besar {B} pada {D} untuk menyampaikan protes.",
	"{A} mengirimkan bantuan kemanusiaan berupa obat-obatan dan makanan ke {B} pada {D}.",
	"{A} dan {B} menggelar latihan militer bersama di perairan perbatasan sejak {D}.",
	"{A} mendesak {B} untuk segera menghentikan operasi militernya, {D}.",
	"{A} menolak tuduhan {B} soal pelanggaran wilayah udara pada {D}.",
	"Pemerintah {A} memutuskan hubungan diplomatik dengan {B} pada {D}.",
	"{A} menarik pasukannya dari {B} pada {D}, mengakhiri kehadiran militer selama bertahun-tahun.",
	"{A} dan {B} sepakat untuk meningkatkan kerja sama pertahanan, kata kedua menteri pada {D}.",
	"Kapal penjaga pantai {A} menangkap dua kapal nelayan {B} di perairan sengketa pada {D}.",
	"{A} menuduh {B} mendukung kelompok bersenjata di perbatasan, {D}.",
	"{A} mengancam akan membalas jika {B} melanjutkan uji coba rudalnya, {D}.",
	"Militer {A} menyerang pangkalan milik {B} dengan rudal pada {D} malam.",
	"{A} berjanji akan membantu {B} membangun pembangkit listrik tenaga surya.",
	"Menteri Luar Negeri {A} bertemu dengan Menteri Luar Negeri {B} di sela KTT ASEAN pada {D}.",
}

// Background sentences carry no act between states. The embedded sample
// pages (written for mitra) add hundreds more; see init.
var fillers = []string{
	"Pertemuan itu berlangsung tertutup dan tidak ada keterangan pers setelahnya.",
	"Para analis menilai langkah tersebut mencerminkan perubahan arah kebijakan luar negeri.",
	"Harga minyak dunia naik tipis setelah kabar itu beredar di pasar.",
	"Juru bicara pemerintah menyebut rincian kesepakatan akan diumumkan kemudian.",
	"Situasi di kawasan itu masih tegang dalam beberapa bulan terakhir.",
	"Sejumlah pengamat memperkirakan dampaknya baru terasa tahun depan.",
	"Kantor berita setempat melaporkan suasana di ibu kota relatif tenang.",
	"Langkah itu diambil setelah berbulan-bulan perundingan teknis di tingkat pejabat.",
}

// Names and numbers vary the background so that pages share no more
// wording than real news does (MinHash sees the difference).
var (
	officials = []string{"Budi Santoso", "Siti Rahmawati", "Ahmad Fauzi", "Dewi Lestari", "Hendra Wijaya", "Rina Marlina", "Agus Salim", "Putri Ayu", "Joko Susilo", "Maya Sari", "Rudi Hartono", "Lina Kusuma", "Bambang Prasetyo", "Sri Wahyuni", "Teguh Nugroho", "Indah Permata"}
	topics    = []string{"ketahanan pangan", "transisi energi", "keamanan maritim", "perdagangan digital", "perubahan iklim", "pengungsi", "infrastruktur pelabuhan", "pendidikan vokasi", "kesehatan masyarakat", "pariwisata", "perikanan", "pertambangan nikel", "industri baterai", "keamanan siber", "penanggulangan bencana", "investasi hijau"}
	places    = []string{"Surabaya", "Medan", "Makassar", "Batam", "Denpasar", "Kupang", "Pontianak", "Manado", "Ambon", "Jayapura", "Padang", "Palembang", "Semarang", "Yogyakarta", "Balikpapan", "Mataram"}
)

// variable returns a background sentence with its own names and numbers.
func variable(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0:
		return fmt.Sprintf("Menurut %s, anggaran untuk %s tahun ini mencapai Rp%d,%d triliun.", officials[r.IntN(len(officials))], topics[r.IntN(len(topics))], 1+r.IntN(90), r.IntN(10))
	case 1:
		return fmt.Sprintf("Diskusi di %s pekan lalu dihadiri sekitar %d peserta dari %d lembaga.", places[r.IntN(len(places))], 50+r.IntN(900), 3+r.IntN(40))
	case 2:
		return fmt.Sprintf("%s, pengamat %s, menilai isu %s akan terus menjadi sorotan.", officials[r.IntN(len(officials))], topics[r.IntN(len(topics))], topics[r.IntN(len(topics))])
	case 3:
		return fmt.Sprintf("Data terakhir mencatat pertumbuhan sektor %s sebesar %d,%d persen di %s.", topics[r.IntN(len(topics))], 1+r.IntN(12), r.IntN(10), places[r.IntN(len(places))])
	}
	return fmt.Sprintf("Rapat lanjutan dijadwalkan di %s dengan agenda %s dan %s.", places[r.IntN(len(places))], topics[r.IntN(len(topics))], topics[r.IntN(len(topics))])
}

var outlets = []string{"kabarnusa.com", "warta-harian.id", "lintasdunia.co.id", "nusakini.com", "cakrawala-news.id", "beritabangsa.net"}

var weekdays = []string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
var months = []string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// Record is one generated page as a JSONL record.
type Record struct {
	ID      string `json:"id"`
	URL     string `json:"url"`
	PubDate string `json:"pub_date"`
	Text    string `json:"text"`
}

// Write writes opt.Pages records to w, one JSON object per line, and
// returns how many were syndicated copies and exact re-posts.
func Write(w io.Writer, opt Options) (near, exact int, err error) {
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var bodies []Record
	for i := 0; i < opt.Pages; i++ {
		var rec Record
		x := r.Float64()
		switch {
		case len(bodies) > 0 && x < opt.ExactDup:
			rec = bodies[r.IntN(len(bodies))]
			rec.ID = fmt.Sprintf("p%07d", i)
			exact++
		case len(bodies) > 0 && x < opt.ExactDup+opt.NearDup:
			src := bodies[r.IntN(len(bodies))]
			out := outlets[r.IntN(len(outlets))]
			body := src.Text[strings.Index(src.Text, "\n\n")+2:]
			rec = Record{ID: fmt.Sprintf("p%07d", i), URL: fmt.Sprintf("https://%s/internasional/%07d", out, i), PubDate: src.PubDate,
				Text: fmt.Sprintf("%s\n\n%s\n\nBaca juga: Harga Emas Hari Ini Naik Tipis\n\nEditor: Redaksi %s\n", strings.ToUpper(out), body, out)}
			near++
		default:
			rec = page(r, i, opt)
			bodies = append(bodies, rec)
		}
		if err := enc.Encode(rec); err != nil {
			return near, exact, err
		}
	}
	return near, exact, nil
}

func page(r *rand.Rand, i int, opt Options) Record {
	day := opt.Start.AddDate(0, 0, r.IntN(max(opt.Days, 1)))
	a := states[r.IntN(len(states))]
	b := states[r.IntN(len(states))]
	for b == a {
		b = states[r.IntN(len(states))]
	}
	ev := day.AddDate(0, 0, -r.IntN(2))
	d := fmt.Sprintf("%s (%d/%d)", weekdays[ev.Weekday()], ev.Day(), int(ev.Month()))
	fill := func(s string) string {
		return strings.NewReplacer("{A}", a.name, "{B}", b.name, "{LA}", a.leader, "{LB}", b.leader, "{D}", d).Replace(s)
	}
	out := outlets[r.IntN(len(outlets))]
	var sb strings.Builder
	first := eventSentences[r.IntN(len(eventSentences))]
	fmt.Fprintf(&sb, "%s\n\n", headline(fill(first)))
	fmt.Fprintf(&sb, "%s, %d %s %d %02d:%02d WIB\n\n", weekdays[day.Weekday()], day.Day(), months[day.Month()], day.Year(), 6+r.IntN(14), r.IntN(60))
	fmt.Fprintf(&sb, "%s, %s - %s", strings.ToUpper(a.capital), strings.ToUpper(out), fill(first))
	for k := 0; k < 6+r.IntN(7); k++ {
		sb.WriteString("\n\n")
		f1 := r.IntN(len(fillers))
		if r.IntN(3) == 0 {
			sb.WriteString(fill(eventSentences[r.IntN(len(eventSentences))]))
		} else {
			sb.WriteString(variable(r))
		}
		sb.WriteString(" ")
		sb.WriteString(fillers[(f1+1+r.IntN(len(fillers)-1))%len(fillers)])
		sb.WriteString(" ")
		sb.WriteString(variable(r))
	}
	fmt.Fprintf(&sb, "\n\nBaca juga: %s\n\nEditor: Redaksi %s\n", headline(fill(eventSentences[r.IntN(len(eventSentences))])), out)
	return Record{ID: fmt.Sprintf("p%07d", i), URL: fmt.Sprintf("https://%s/internasional/%07d", out, i), PubDate: day.Format(time.DateOnly), Text: sb.String()}
}

// headline turns a sentence into a short title.
func headline(s string) string {
	words := strings.Fields(strings.TrimSuffix(s, "."))
	if len(words) > 9 {
		words = words[:9]
	}
	for i, w := range words {
		if len(w) > 3 {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.TrimRight(strings.Join(words, " "), ",")
}
