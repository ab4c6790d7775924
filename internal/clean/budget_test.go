package clean

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"mitra/internal/article"
)

// tinyElements is a hostile page of n bytes: thousands of tiny inline
// elements holding words, in paragraphs of fifty, the shape that made the
// main-text extractor cost a gigabyte and many CPU-seconds per 5 MB.
func tinyElements(n int) []byte {
	words := strings.Fields("rusia mali presiden menteri bantuan gandum kerja sama militer jakarta moskow bertemu dengan pada senin")
	var b strings.Builder
	b.WriteString("<html><body><p>")
	for i := 0; b.Len() < n; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, "<i>%s%d</i> ", words[i%len(words)], i%97)
		} else {
			fmt.Fprintf(&b, "<b>%s</b> ", words[(i*7)%len(words)])
		}
		if i%50 == 49 {
			b.WriteString(".</p><p>")
		}
	}
	b.WriteString("</p></body></html>")
	return []byte(b.String())
}

// allocated returns the bytes allocated while cleaning raw as HTML, and
// the document.
func allocated(raw []byte) (uint64, *article.Doc) {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	d := &article.Doc{Raw: raw, Format: "html"}
	HTML(d)
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc, d
}

// TestHTMLBudget checks that the cost of cleaning a page of tiny elements
// stays near-linear and small: bytes allocated (a deterministic measure of
// the work, unlike time on a shared machine) at most 64 per input byte (it was 640), and
// doubling the page at most 2.5 times the cost. The text is still kept.
func TestHTMLBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("cleans 3 MB of hostile HTML")
	}
	small, dSmall := allocated(tinyElements(1 << 20))
	large, dLarge := allocated(tinyElements(2 << 20))
	t.Logf("1 MiB: %d MB allocated, 2 MiB: %d MB (×%.2f)", small>>20, large>>20, float64(large)/float64(small))
	for _, c := range []struct {
		n     int
		alloc uint64
		d     *article.Doc
	}{{1 << 20, small, dSmall}, {2 << 20, large, dLarge}} {
		if c.alloc > 64*uint64(c.n) {
			t.Errorf("%d bytes of tiny elements: %d MB allocated, want at most %d MB", c.n, c.alloc>>20, 64*c.n>>20)
		}
		if len(c.d.Text) < c.n/8 {
			t.Errorf("%d bytes of tiny elements: only %d bytes of text kept", c.n, len(c.d.Text))
		}
		checkMap(t, c.d)
	}
	if float64(large) > 2.5*float64(small) {
		t.Errorf("doubling the page cost ×%.2f, want at most ×2.5", float64(large)/float64(small))
	}
}
