package dedup

import (
	"math"
	"os"
	"strings"
	"testing"
)

func read(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pages returns an original page and its syndicated copy: the same body
// (own text, testdata/body.txt) under another site's header and footer.
func pages(t testing.TB) (orig, copy string) {
	body := read(t, "body.txt")
	orig = "Beranda | Nasional | Ekonomi | Daerah | Olahraga\n" +
		"Indonesia-Jepang Perluas Kerja Sama Perikanan di Maluku\n" +
		"Oleh Rina Kusuma — Jumat, 14 Juni 2024 08:15 WIB\n\n" +
		"AMBON, Warta Timur — " + body +
		"\nBaca juga: Harga tuna di Ambon naik menjelang musim angin barat\n" +
		"Editor: Budi Santoso. Hak cipta Warta Timur 2024.\nBagikan: Facebook Twitter WhatsApp\n"
	copy = "Kanal Berita › Internasional\n" +
		"RI dan Jepang sepakat perluas kerja sama perikanan\n" +
		"Jumat, 14/6/2024 | 10:02 WIB\n\n" +
		"JAKARTA (Kabar Nusa) - " + strings.ReplaceAll(body, "\n\n", "\n") +
		"\n(ant/kn)\nIkuti kami di Google News. Komentar dinonaktifkan untuk artikel ini.\n" +
		"Tag: jepang, perikanan, maluku\n"
	return orig, copy
}

func TestNearDuplicates(t *testing.T) {
	orig, copy := pages(t)
	same := read(t, "sametopic.txt")
	unrel := read(t, "unrelated.txt")
	so, sc := Signature(orig), Signature(copy)

	tests := []struct {
		name  string
		other string
		dup   bool
	}{
		{"syndicated copy", copy, true},
		{"syndicated copy, last paragraph cut", copy[:strings.LastIndex(copy, "Rencananya")], true},
		{"same topic, other wording", same, false},
		{"unrelated page", unrel, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			exact := Jaccard(orig, tc.other)
			est := Similarity(so, Signature(tc.other))
			t.Logf("exact Jaccard %.3f, MinHash estimate %.3f", exact, est)
			if (exact >= Threshold) != tc.dup {
				t.Errorf("exact Jaccard %.3f: duplicate=%v, want %v", exact, exact >= Threshold, tc.dup)
			}
			// The estimate's standard error is sqrt(J(1−J)/K) ≤ 0.044; only
			// pairs clearly away from the threshold must land on its side.
			if math.Abs(exact-Threshold) > 0.1 && (est >= Threshold) != tc.dup {
				t.Errorf("estimate %.3f: duplicate=%v, want %v", est, est >= Threshold, tc.dup)
			}
			if math.Abs(exact-est) > 0.15 {
				t.Errorf("estimate %.3f too far from exact %.3f", est, exact)
			}
			shared := sharedBuckets(so.Buckets(), Signature(tc.other).Buckets())
			if tc.dup && shared == 0 {
				t.Errorf("the copy shares no LSH bucket with the original")
			}
			if !tc.dup && shared > 0 {
				t.Errorf("shares %d LSH buckets, want none", shared)
			}
		})
	}
	if Similarity(so, sc) != Similarity(sc, so) {
		t.Error("Similarity is not symmetric")
	}
}

func sharedBuckets(a, b []uint64) int {
	set := map[uint64]bool{}
	for _, x := range a {
		set[x] = true
	}
	n := 0
	for _, x := range b {
		if set[x] {
			n++
		}
	}
	return n
}

func TestNormalisation(t *testing.T) {
	a := "Kerja-sama RI–Rusia: “Nuklir” untuk DAMAI!"
	b := "kerja sama ri rusia nuklir untuk damai"
	if Signature(a) != Signature(b) {
		t.Error("case and punctuation should not change the signature")
	}
	if Jaccard(a, b) != 1 {
		t.Errorf("Jaccard = %v, want 1", Jaccard(a, b))
	}
	if Signature("a b c d") == Signature("d c b a") {
		t.Error("word order should matter")
	}
	// Non-ASCII letters are folded too.
	if Signature("ÉTÉ À PARIS") != Signature("été à paris") {
		t.Error("non-ASCII case folding")
	}
}

func TestShortAndEmpty(t *testing.T) {
	for _, s := range []string{"", "   ", "—…!?", "\xff\xfe"} {
		sig := Signature(s)
		if !sig.Empty() {
			t.Errorf("Signature(%q) not empty", s)
		}
		if sig.Buckets() != nil {
			t.Errorf("Signature(%q) has buckets", s)
		}
		if Similarity(sig, sig) != 0 || Jaccard(s, s) != 0 {
			t.Errorf("empty text %q must be similar to nothing", s)
		}
	}
	one, two := Signature("Rusia"), Signature("Rusia Mali")
	if one.Empty() || two.Empty() || one == two {
		t.Error("one- and two-word texts need distinct non-empty signatures")
	}
	if Similarity(one, one) != 1 || Jaccard("Rusia Mali", "rusia, mali.") != 1 {
		t.Error("a short text should equal itself")
	}
}

func TestBuckets(t *testing.T) {
	orig, _ := pages(t)
	bs := Signature(orig).Buckets()
	if len(bs) != Bands {
		t.Fatalf("%d buckets, want %d", len(bs), Bands)
	}
	for i, b := range bs {
		if int(b>>56) != i {
			t.Errorf("bucket %d encodes band %d", i, b>>56)
		}
		if b >= 1<<63 {
			t.Errorf("bucket %d = %#x does not fit int64", i, b)
		}
	}
}

// TestStableBuckets pins the hash functions: buckets are persisted, so any
// change here invalidates every stored database and needs a migration.
func TestStableBuckets(t *testing.T) {
	sig := Signature("Rusia dan Mali menandatangani perjanjian kerja sama energi nuklir di Moskow pada Senin.")
	got := sig.Buckets()[:4]
	want := []uint64{0xa55365480a9192, 0x1256be54df4da86, 0x219a2358f95bdd5, 0x38c25957cc9aea3}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("buckets changed: got %#x, want %#x", got, want)
		}
	}
	if sig[0] != 0 && sig[0] == sig[1] {
		t.Error("hash functions look identical")
	}
}

// TestCurve checks the documented LSH collision probabilities empirically:
// pairs of random shingle sets at a given Jaccard similarity.
func TestCurve(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	p := func(j float64) float64 { return 1 - math.Pow(1-math.Pow(j, Rows), Bands) }
	for _, tc := range []struct{ j, lo, hi float64 }{{0.3, 0.02, 0.11}, {0.7, 0.95, 1}, {0.8, 0.99, 1}} {
		const trials = 200
		hits := 0
		for trial := 0; trial < trials; trial++ {
			a, b := pair(trial, tc.j)
			if sharedBuckets(Signature(a).Buckets(), Signature(b).Buckets()) > 0 {
				hits++
			}
		}
		got := float64(hits) / trials
		t.Logf("J=%.1f: collided %.3f, theory %.3f", tc.j, got, p(tc.j))
		if got < tc.lo || got > tc.hi {
			t.Errorf("J=%.1f: collision rate %.3f outside [%.2f, %.2f]", tc.j, got, tc.lo, tc.hi)
		}
	}
}

// pair builds two texts of distinct 3-word "sentences" (each its own
// shingle-bearing unit separated by unique words) with Jaccard ≈ j.
func pair(seed int, j float64) (string, string) {
	const n = 300 // words per text
	shared := int(math.Round(2 * j * n / (1 + j)))
	var a, b strings.Builder
	w := func(sb *strings.Builder, kind string, i int) {
		sb.WriteString(kind)
		sb.WriteString(itoa(seed))
		sb.WriteByte('x')
		sb.WriteString(itoa(i))
		sb.WriteByte(' ')
	}
	for i := 0; i < shared; i++ {
		w(&a, "s", i)
		w(&b, "s", i)
	}
	for i := shared; i < n; i++ {
		w(&a, "a", i)
		w(&b, "b", i)
	}
	return a.String(), b.String()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var buf [20]byte
	p := len(buf)
	for i > 0 {
		p--
		buf[p] = byte('0' + i%10)
		i /= 10
	}
	return string(buf[p:])
}

func BenchmarkSignature(b *testing.B) {
	orig, _ := pages(b)
	page := orig
	for len(page) < 3000 {
		page += orig
	}
	page = page[:3000]
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		Signature(page)
	}
}

func FuzzSignature(f *testing.F) {
	orig, copy := pages(f)
	for _, s := range []string{"", "a", "a b", "Rusia–Mali", "\xff\xfe\x00", orig, copy, "ÉTÉ à Paris 2024"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sig := Signature(s)
		bs := sig.Buckets()
		if sig.Empty() != (len(bs) == 0) {
			t.Fatalf("empty=%v with %d buckets", sig.Empty(), len(bs))
		}
		if sim := Similarity(sig, sig); !sig.Empty() && sim != 1 {
			t.Fatalf("self-similarity %v", sim)
		}
		if j := Jaccard(s, s); j != 0 && j != 1 {
			t.Fatalf("self-Jaccard %v", j)
		}
	})
}

func BenchmarkJaccard(b *testing.B) {
	orig, copy := pages(b)
	b.ReportAllocs()
	for b.Loop() {
		Jaccard(orig, copy)
	}
}
