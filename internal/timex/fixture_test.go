package timex

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/token"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// archive is a txtar archive (the format of golang.org/x/tools/txtar, read
// here by hand so the module needs no extra dependency).
type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct{ name, data string }

func parseArchive(s string) archive {
	var a archive
	cur := -1
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		if name, ok := strings.CutPrefix(line, "-- "); ok && strings.HasSuffix(name, " --") {
			a.files = append(a.files, archiveFile{name: strings.TrimSpace(strings.TrimSuffix(name, " --"))})
			cur = len(a.files) - 1
		} else if cur < 0 {
			a.comment += line + "\n"
		} else {
			a.files[cur].data += line + "\n"
		}
		s = rest
	}
	return a
}

func (a archive) format() string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, f := range a.files {
		fmt.Fprintf(&b, "-- %s --\n%s", f.name, f.data)
	}
	return b.String()
}

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
	for k, s := range token.Sentences(page) {
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
			a := parseArchive(string(raw))
			page, want := -1, -1
			for k, f := range a.files {
				switch f.name {
				case "page.txt":
					page = k
				case "want":
					want = k
				}
			}
			if page < 0 {
				t.Fatalf("%s: no page.txt section", file)
			}
			got := fixtureReport(tab, a.files[page].data)
			if *update {
				if want < 0 {
					a.files = append(a.files, archiveFile{name: "want"})
					want = len(a.files) - 1
				}
				a.files[want].data = got
				if err := os.WriteFile(file, []byte(a.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want < 0 {
				t.Fatalf("%s: no want section (run go test -update)", file)
			}
			if got != a.files[want].data {
				t.Errorf("%s: got\n%s\nwant\n%s", file, got, a.files[want].data)
			}
		})
	}
}
