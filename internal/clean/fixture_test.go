package clean

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"mitra/internal/article"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txtar")

// archive is a txtar archive (golang.org/x/tools/txtar).
type archive struct{ *txtar.Archive }

func parseArchive(b []byte) archive { return archive{txtar.Parse(b)} }

func (a archive) format() []byte { return txtar.Format(a.Archive) }

func (a *archive) get(name string) ([]byte, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

func (a *archive) set(name string, data []byte) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = data
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: data})
}

// metaOf renders the document fields a fixture checks besides the text.
func metaOf(d *article.Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", d.Title)
	if !d.PubDate.IsZero() {
		fmt.Fprintf(&b, "pub_date: %s (%s)\n", d.PubDate, d.PubDateSource)
	}
	if d.URL != "" {
		fmt.Fprintf(&b, "url: %s\n", d.URL)
	}
	return b.String()
}

func TestFixtures(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 5 {
		t.Fatalf("found %d fixtures, want at least 5", len(paths))
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(b)
			d := &article.Doc{}
			if in, ok := a.get("input.html"); ok {
				d.Raw, d.Format = in, "html"
				HTML(d)
			} else if in, ok := a.get("input.txt"); ok {
				d.Raw, d.Format = in, "text"
				Text(d)
			} else {
				t.Fatal("no input.txt or input.html section")
			}
			checkMap(t, d)
			got := d.Text + "\n"
			meta := metaOf(d)
			if *update {
				a.set("want.txt", []byte(got))
				a.set("meta.txt", []byte(meta))
				if err := os.WriteFile(path, a.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, _ := a.get("want.txt")
			if got != string(want) {
				t.Errorf("text differs (run go test -update and review the diff)\ngot:\n%s\nwant:\n%s", got, want)
			}
			wantMeta, _ := a.get("meta.txt")
			if meta != string(wantMeta) {
				t.Errorf("meta differs\ngot:\n%s\nwant:\n%s", meta, wantMeta)
			}
		})
	}
}

// checkMap fails t when mapErr finds a fault in d's offset map.
func checkMap(t *testing.T, d *article.Doc) {
	t.Helper()
	if err := mapErr(d); err != nil {
		t.Fatal(err)
	}
}

// mapErr verifies the offset map of a cleaned document: valid UTF-8 text,
// segments in order and in bounds, exact segments equal to the raw bytes,
// every byte of the text but the line breaks covered by a segment, and raw
// spans of clean spans inside the raw input.
func mapErr(d *article.Doc) error {
	if !utf8.ValidString(d.Text) {
		return fmt.Errorf("text is not valid UTF-8: %q", d.Text)
	}
	if !utf8.ValidString(d.Title) {
		return fmt.Errorf("title is not valid UTF-8: %q", d.Title)
	}
	covered, prevEnd := 0, 0
	for i, s := range d.Map.Segs {
		if s.Clean < prevEnd || s.Len <= 0 || s.Clean+s.Len > len(d.Text) {
			return fmt.Errorf("segment %d %+v out of order or bounds (text %d bytes)", i, s, len(d.Text))
		}
		if s.Raw < 0 || s.RawLen < 0 || s.Raw+s.RawLen > len(d.Raw) {
			return fmt.Errorf("segment %d %+v outside raw (%d bytes)", i, s, len(d.Raw))
		}
		if s.Exact {
			if got, want := d.Text[s.Clean:s.Clean+s.Len], string(d.Raw[s.Raw:s.Raw+s.Len]); got != want {
				return fmt.Errorf("exact segment %d: text %q != raw %q", i, got, want)
			}
		}
		if strings.Contains(d.Text[s.Clean:s.Clean+s.Len], "\n") {
			return fmt.Errorf("segment %d %+v maps a line break", i, s)
		}
		prevEnd = s.Clean + s.Len
		covered += s.Len
	}
	if unmapped := len(d.Text) - covered; unmapped != strings.Count(d.Text, "\n") {
		return fmt.Errorf("%d bytes unmapped, want %d (the line breaks)", unmapped, strings.Count(d.Text, "\n"))
	}
	for a := 0; a <= len(d.Text); a += 1 + len(d.Text)/50 {
		for _, b := range []int{a, a + 1, a + 7, len(d.Text)} {
			if b < a || b > len(d.Text) {
				continue
			}
			sp := d.Map.RawSpan(article.Span{Start: a, End: b})
			if sp.Start < 0 || sp.End > len(d.Raw) || sp.Start > sp.End {
				return fmt.Errorf("RawSpan(%d, %d) = %+v outside raw (%d bytes)", a, b, sp, len(d.Raw))
			}
		}
	}
	return nil
}
