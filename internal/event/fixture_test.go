package event_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/record"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the got sections of testdata/*.txtar")

// minAgreement is the share of fixtures whose events must equal what the
// guideline wants; the fixtures below it are listed in the test log.
const minAgreement = 0.88

// section returns the named file of a txtar archive.
func section(a *txtar.Archive, name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// setSection replaces or adds the named file of a txtar archive.
func setSection(a *txtar.Archive, name, data string) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = []byte(data)
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(data)})
}

// eventLines renders events as sorted "TYPE A,B -> C" lines.
func eventLines(evs []record.Event) string {
	var lines []string
	for _, e := range evs {
		if e.Factuality != record.Asserted {
			continue
		}
		a, r := record.Codes(e.Actors), record.Codes(e.Recipients)
		slices.Sort(a)
		slices.Sort(r)
		lines = append(lines, string(e.Type)+" "+strings.Join(a, ",")+" -> "+strings.Join(r, ","))
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// datedLines renders asserted events as sorted "TYPE A,B -> C @ DATE" lines,
// with "-" for an event the text does not date.
func datedLines(evs []record.Event) string {
	var lines []string
	for _, e := range evs {
		if e.Factuality != record.Asserted {
			continue
		}
		d := "-"
		if e.Date != nil {
			d = *e.Date
		}
		lines = append(lines, strings.TrimSuffix(eventLines([]record.Event{e}), "\n")+" @ "+d)
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

func normWant(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		l, date, dated := strings.Cut(l, " @ ")
		// "AGREE IDN,JPN ->" and "AGREE IDN,JPN -> " mean the same.
		typ, rest, _ := strings.Cut(l, " ")
		act, rcp, _ := strings.Cut(rest, "->")
		as := strings.Split(strings.TrimSpace(act), ",")
		slices.Sort(as)
		rs := strings.Split(strings.TrimSpace(rcp), ",")
		if rs[0] == "" {
			rs = nil
		}
		slices.Sort(rs)
		l = typ + " " + strings.Join(as, ",") + " -> " + strings.Join(rs, ",")
		if dated {
			l += " @ " + date
		}
		lines = append(lines, l)
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// TestFixtures runs the extractor over testdata/*.txtar: each archive's
// events must equal its recorded "got" section (refresh with -update and
// review the diff), and the share that equal the guideline's "want" must
// stay above minAgreement. An archive with a "want-dates" section ("TYPE
// A,B -> C @ DATE" lines, "-" for no date) must also give its events
// exactly those dates. Optional "lang" and "url" sections give the page's
// language (default id) and address.
func TestFixtures(t *testing.T) {
	x := newExtractor(t)
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	agree := 0
	var disagree []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := txtar.Parse(b)
		in, ok := section(a, "input.txt")
		if !ok {
			t.Errorf("%s: no input.txt section", f)
			continue
		}
		d := &article.Doc{ID: strings.TrimSuffix(filepath.Base(f), ".txtar"), Format: "text", Raw: []byte(in), Lang: "id"}
		// Optional sections: the page's language and its address.
		if l, ok := section(a, "lang"); ok {
			d.Lang = strings.TrimSpace(l)
		}
		if u, ok := section(a, "url"); ok {
			d.URL = strings.TrimSpace(u)
		}
		clean.Text(d)
		evs := x.Extract(d)
		got := eventLines(evs)
		if wd, ok := section(a, "want-dates"); ok {
			if want, got := normWant(wd), datedLines(evs); got != want {
				t.Errorf("%s: dates differ:\nwant:\n%sgot:\n%s", f, want, got)
			}
		}
		w, _ := section(a, "want")
		want := normWant(w)
		if got == want {
			agree++
		} else {
			disagree = append(disagree, filepath.Base(f)+": want "+strings.ReplaceAll(strings.TrimSpace(want), "\n", "; ")+" | got "+strings.ReplaceAll(strings.TrimSpace(got), "\n", "; "))
		}
		if *update {
			setSection(a, "got", got)
			if err := os.WriteFile(f, txtar.Format(a), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if rec, ok := section(a, "got"); !ok {
			t.Errorf("%s: no got section (run go test ./internal/event/ -run TestFixtures -args -update)", f)
		} else if rec != got {
			t.Errorf("%s: events changed:\nrecorded:\n%sgot:\n%s(run go test ./internal/event/ -run TestFixtures -args -update, and review the diff)", f, rec, got)
		}
	}
	share := float64(agree) / float64(len(files))
	t.Logf("%d of %d fixtures agree with the guideline (%.0f%%)", agree, len(files), 100*share)
	for _, d := range disagree {
		t.Logf("differs: %s", d)
	}
	if share < minAgreement {
		t.Errorf("only %.0f%% of fixtures agree with the guideline, want ≥ %.0f%%", 100*share, 100*minAgreement)
	}
}
