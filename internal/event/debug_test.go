package event

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/lang/en"
	"mitra/internal/lang/id"
	"mitra/internal/lang/packs"
	"mitra/internal/record"
)

// TestDebugDoc prints the engine's view of one page, sentence by sentence:
// MITRA_DEBUG=path/to/page.txt go test -run TestDebugDoc -v ./internal/event/
// (MITRA_DEBUG_LANG=en reads it with the English pack).
func TestDebugDoc(t *testing.T) {
	path := os.Getenv("MITRA_DEBUG")
	if path == "" {
		t.Skip("set MITRA_DEBUG to a page to print the engine's view of it")
	}
	load := id.Load
	if os.Getenv("MITRA_DEBUG_LANG") == "en" {
		load = en.Load
	}
	var data fs.FS
	if m := os.Getenv("MITRA_DEBUG_MODEL"); m != "" {
		base := id.Data()
		if os.Getenv("MITRA_DEBUG_LANG") == "en" {
			base = en.Data()
		}
		data = packs.Overlay{Dir: filepath.Dir(m), Base: base}
	}
	p, err := load(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := &article.Doc{ID: filepath.Base(path), Raw: raw, Format: "text"}
	clean.Text(d)
	st := &docState{}
	st.pub, _ = x.dates.PubDate(d.Text)
	fmt.Println("pub", st.pub)
	for _, ts := range p.Sentences(d.Text) {
		a := x.arena(len(ts.Tokens))
		s := new(sentence)
		x.analyse(s, ts, st.pub, a, 0)
		x.resolveAnaphora(s, st)
		var ps []string
		for _, q := range s.parties {
			ps = append(ps, fmt.Sprintf("%s%v[%s]%s%s", q.text, q.codes, q.prep, map[bool]string{true: "(place)"}[q.place], map[bool]string{true: "(civil)"}[q.civil]))
		}
		var ms []string
		for _, m := range x.matches(s) {
			ms = append(ms, fmt.Sprintf("%s:%s", m.tr.Type, s.s.Text[s.toks[m.t0].Span.Start-s.s.Span.Start:s.toks[m.t1-1].Span.End-s.s.Span.Start]))
		}
		fmt.Printf("\n> %s\n  parties: %s\n  matches: %s\n", ts.Text, strings.Join(ps, "; "), strings.Join(ms, "; "))
		for _, e := range x.sentenceEvents(d, s, st) {
			fmt.Printf("  EVENT %s %s %v>%v %s\n", e.Type, e.Factuality, record.Codes(e.Actors), record.Codes(e.Recipients), e.Trigger)
		}
		x.updateContext(s, st)
	}
}
