package timex

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/token"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// fixtureReport renders what PubDate and Resolve make of a page: the
// publication date, then one line per sentence that has a date expression:
// sentence number, date ("-" for none), expression and note.
func fixtureReport(tab *Table, page string) string {
	var b strings.Builder
	pub, how := tab.PubDate(page)
	ps := pub.String()
	if ps == "" {
		ps = "-"
	}
	fmt.Fprintf(&b, "pub %s\n", strings.TrimSpace(ps+" "+how))
	for k, s := range token.Sentences(page, nil) {
		r := tab.Resolve(s.Text, s.Tokens, pub)
		if r.Text == "" {
			continue
		}
		d := r.Date.String()
		if d == "" {
			d = "-"
		}
		line := fmt.Sprintf("s%d %s %q", k, d, r.Text)
		if r.Note != "" {
			line += " (" + r.Note + ")"
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func TestFixtures(t *testing.T) {
	tab := testTable(t)
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := txtar.Parse(raw)
			page, want := -1, -1
			for k, f := range a.Files {
				switch f.Name {
				case "page.txt":
					page = k
				case "want":
					want = k
				}
			}
			if page < 0 {
				t.Fatalf("%s: no page.txt section", file)
			}
			got := fixtureReport(tab, string(a.Files[page].Data))
			if *update {
				if want < 0 {
					a.Files = append(a.Files, txtar.File{Name: "want"})
					want = len(a.Files) - 1
				}
				a.Files[want].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want < 0 {
				t.Fatalf("%s: no want section (run go test -update)", file)
			}
			if got != string(a.Files[want].Data) {
				t.Errorf("%s: got\n%s\nwant\n%s", file, got, a.Files[want].Data)
			}
		})
	}
}
