package event_test

import (
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"mitra/internal/article"
	"mitra/internal/clean"
)

// adversarial are page shapes that once made extraction time grow with the
// square of the text: no sentence ends, dates everywhere, long lists of
// parties, one endless line of commas.
var adversarial = []struct {
	name  string
	words []string
	sep   string
}{
	{"no sentence ends", strings.Fields("Rusia dan Mali menandatangani perjanjian kerja sama militer di Moskow sementara Prancis mengecam keras langkah itu dan Amerika Serikat menjatuhkan sanksi terhadap Rusia yang dinilai mengancam kawasan Sahel bersama Niger"), " "},
	{"dates", strings.Fields("pada Senin (24/6/2024) lalu 3 Maret 2023 Selasa (7/2) tahun lalu pekan ini Rusia menyerang Ukraina sejak 2014 hingga Juli 2023"), " "},
	{"party lists", strings.Fields("Rusia China Iran Korea Utara Mali Niger Burkina Faso Prancis Jerman Inggris Italia Spanyol Belanda Belgia"), ", "},
	{"anaphora and triggers", strings.Fields("kedua negara sepakat bertemu negara itu mengecam kedua pemimpin menandatangani mengusir menarik pasukan menuduh menolak"), " "},
}

// page builds about n bytes of an adversarial shape.
func page(words []string, sep string, n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	return b.String()
}

// TestLinearTime fails when doubling an adversarial page more than ~2.5×
// the time to clean it and extract its events: every stage's cost must be
// near-linear in its input, whatever the input.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	x := newExtractor(t)
	// Minimum of several runs with the collector off: the machine may be
	// busy, and a collection in one run says nothing about the stage.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	// CPU time, not wall time: other processes may share the machine.
	run := func(text string) time.Duration {
		best := time.Duration(1 << 62)
		for range 5 {
			runtime.GC()
			d := &article.Doc{ID: "adv", Raw: []byte(text), Format: "text"}
			start := cpuTime()
			clean.Text(d)
			x.Extract(d)
			best = min(best, cpuTime()-start)
		}
		return best
	}
	const size = 100_000
	for _, a := range adversarial {
		t.Run(a.name, func(t *testing.T) {
			small := run(page(a.words, a.sep, size, 1))
			large := run(page(a.words, a.sep, 2*size, 1))
			ratio := float64(large) / float64(max(small, time.Microsecond))
			t.Logf("%d bytes %v, %d bytes %v: ×%.2f", size, small, 2*size, large, ratio)
			if ratio > 2.5 && large > 20*time.Millisecond {
				t.Errorf("doubling the page took ×%.2f the time (%v → %v): not linear", ratio, small, large)
			}
		})
	}
}

// cpuTime returns the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestLongTextNote checks that text read in pieces is said so on the
// document.
func TestLongTextNote(t *testing.T) {
	x := newExtractor(t)
	d := &article.Doc{ID: "adv", Raw: []byte(page(adversarial[0].words, " ", 20_000, 2)), Format: "text"}
	clean.Text(d)
	x.Extract(d)
	if len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "read in") {
		t.Fatalf("notes %q, want one saying the text was read in pieces", d.Notes)
	}
}
