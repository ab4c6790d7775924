package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/article"
)

func TestDateInName(t *testing.T) {
	for _, c := range []struct {
		name string
		want string
	}{
		{"2024-06-24-mali-rusia.txt", "2024-06-24"},
		{"kompas_20240624_mali.html", "2024-06-24"},
		{"docs/berita-2023_08_18.txt", "2023-08-18"},
		{"id-2023-06-jokowi.txt", ""},   // a month only
		{"page-123-2024062499.txt", ""}, // within a longer number
		{"2024-0624.txt", ""},           // separators differ
		{"2023-02-30-hoax.txt", ""},     // no such day
		{"seed-000.txt", ""},
		{"1850-01-01-old.txt", ""},                           // not a plausible year
		{"/a/2019-10-01/notes-2021.01.05.txt", "2021-01-05"}, // the base name only
	} {
		if got := DateInName(c.name).String(); got != c.want {
			t.Errorf("DateInName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// readDir reads every document of dir with opt.
func readDir(t *testing.T, dir string, opt Options) []Item {
	t.Helper()
	var items []Item
	Read([]string{dir}, nil, opt, func(it Item) { items = append(items, it.Ready()) })
	return items
}

// TestPubDateSources checks where a text page's publication date comes
// from: a sidecar wins, then the file name; --pub-date only becomes the
// default; a broken sidecar fails its page alone.
func TestPubDateSources(t *testing.T) {
	dir := t.TempDir()
	page := "Mali dan Rusia menandatangani perjanjian kerja sama energi.\n"
	files := map[string]string{
		"a.txt":                 page,
		"a.json":                `{"pub_date": "2024-06-24", "url": "https://example.id/a", "title": "Kerja sama energi"}`,
		"b-2024-05-20.txt":      page,
		"c-2024-05-20.txt":      page,
		"c-2024-05-20.txt.json": `{"pub_date": "2024-05-21T08:00:00+07:00"}`,
		"d.txt":                 page,
		"e.txt":                 page,
		"e.json":                `{"pub_date": "24 Juni"}`,
		"f.txt":                 page,
		"f.json":                `[1, 2]`,
		"g.html":                `<html><head><meta property="article:published_time" content="2024-01-02T10:00:00Z"></head><body><p>` + page + `</p></body></html>`,
		"h-2024-07-01.html":     `<html><head><meta property="article:published_time" content="2024-01-02T10:00:00Z"></head><body><p>` + page + `</p></body></html>`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	def := article.Date{Year: 2025, Month: 1, Day: 1}
	got := map[string]string{}
	for _, it := range readDir(t, dir, Options{PubDate: def}) {
		if it.Err != nil {
			got[strings.SplitN(filepath.Base(it.Err.Error()), ":", 2)[0]] = "error: " + it.Err.Error()
			continue
		}
		d := it.Doc
		got[filepath.Base(d.Source)] = d.PubDate.String() + " " + d.PubDateSource + " " + d.DefaultPubDate.String()
		if filepath.Base(d.Source) == "a.txt" && (d.URL != "https://example.id/a" || d.Title != "Kerja sama energi") {
			t.Errorf("a.txt: sidecar url %q, title %q", d.URL, d.Title)
		}
	}
	want := map[string]string{
		"a.txt":             "2024-06-24 sidecar 2025-01-01",
		"b-2024-05-20.txt":  "2024-05-20 file name 2025-01-01",
		"c-2024-05-20.txt":  "2024-05-21 sidecar 2025-01-01",
		"d.txt":             "  2025-01-01", // the page decides, or the default
		"g.html":            "2024-01-02 html-meta 2025-01-01",
		"h-2024-07-01.html": "2024-01-02 html-meta 2025-01-01", // metadata before the file name
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	for _, k := range []string{"e.txt", "f.txt"} {
		if !strings.HasPrefix(got[k], "error: ") || !strings.Contains(got[k], "sidecar") {
			t.Errorf("%s: %q, want an error naming its sidecar", k, got[k])
		}
	}
	if len(got) != 8 {
		t.Errorf("%d items, want 8 (the sidecars are not documents): %v", len(got), got)
	}
}

// FuzzDateInName: any file name gives a valid date or none.
func FuzzDateInName(f *testing.F) {
	f.Add("2024-06-24-mali.txt")
	f.Add("x_20240230_y")
	f.Fuzz(func(t *testing.T, name string) {
		if d := DateInName(name); !d.IsZero() && (!d.Valid() || d.Day == 0) {
			t.Errorf("DateInName(%q) = %+v", name, d)
		}
	})
}
