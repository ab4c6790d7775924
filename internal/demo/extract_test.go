package demo

import (
	"sort"
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/event"
	"mitra/internal/lang/id"
	"mitra/internal/record"
	"mitra/internal/sample"
)

// minRecall is the share of expected (type, pair) keys the extractor must
// find on the demo corpus.
const minRecall = 0.6

// TestExtractRecall runs the Indonesian extractor over every page, as
// `mitra demo` will, and compares the asserted events' (type, unordered pair)
// keys with the .events files. Run with -v to see every miss and extra.
func TestExtractRecall(t *testing.T) {
	pk, err := id.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := event.New(pk)
	if err != nil {
		t.Fatal(err)
	}
	var tp, fn, fp, dated int
	pages := loadPages(t)
	for _, p := range pages {
		want := map[string]bool{}
		for _, ev := range p.events {
			for _, k := range pairs(ev) {
				want[ev.Type+" "+k] = true
			}
		}
		d := &article.Doc{ID: p.name, Source: "pages/" + p.name + ".txt", Format: "text", Raw: []byte(p.text), Lang: id.Code}
		clean.Text(d)
		got := map[string]string{} // key -> sentence
		evs := x.Extract(d)
		// The timeline of `mitra demo` needs every page's publication date:
		// the extractor must read the one printed on the date line.
		switch {
		case d.PubDate.IsZero():
			t.Logf("%s: no publication date found", p.name)
		case d.PubDate != article.DateOf(p.pub):
			t.Errorf("%s: publication date %s, want %s", p.name, d.PubDate, p.pub.Format("2006-01-02"))
		default:
			dated++
		}
		for _, e := range evs {
			if e.Factuality != record.Asserted {
				continue
			}
			se := sample.Event{Type: string(e.Type), Actors: record.Codes(e.Actors), Recipients: record.Codes(e.Recipients)}
			for _, k := range pairs(se) {
				got[se.Type+" "+k] = e.Sentence
			}
		}
		var miss, extra []string
		for k := range want {
			if _, ok := got[k]; ok {
				tp++
			} else {
				fn++
				miss = append(miss, k)
			}
		}
		for k, s := range got {
			if !want[k] {
				fp++
				extra = append(extra, k+"  <<"+clip(s, 140)+">>")
			}
		}
		sort.Strings(miss)
		sort.Strings(extra)
		for _, k := range miss {
			t.Logf("%s: missed %s", p.name, k)
		}
		for _, k := range extra {
			t.Logf("%s: extra  %s", p.name, k)
		}
	}
	recall := ratio(tp, tp+fn)
	precision := ratio(tp, tp+fp)
	t.Logf("%d of %d pages dated by the extractor", dated, len(pages))
	t.Logf("(type, pair) keys: %d expected, %d extracted, %d matched: recall %.3f, precision %.3f, F1 %.3f",
		tp+fn, tp+fp, tp, recall, precision, ratio(2*tp, 2*tp+fn+fp))
	if recall < minRecall {
		t.Errorf("recall %.3f below %.2f", recall, minRecall)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}
