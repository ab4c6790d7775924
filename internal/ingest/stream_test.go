package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mitra/internal/ingest"
	"mitra/internal/ingest/ingesttest"
	"mitra/internal/source"
)

// TestReadFileAsWalk: ReadFile over each file a folder walk reads yields
// exactly the items Read yields for the folder.
func TestReadFileAsWalk(t *testing.T) {
	dir := t.TempDir()
	page := []byte(ingesttest.Page("Norland and Estmark reopen the railway"))
	resp := func(n int, body []byte) []byte {
		return ingesttest.Response(fmt.Sprintf("<urn:uuid:%08d-0000-0000-0000-000000000000>", n), fmt.Sprintf("https://news.example/%d", n),
			ingesttest.HTTPResponse(200, []string{"Content-Type: text/html; charset=utf-8", fmt.Sprintf("Content-Length: %d", len(body))}, body))
	}
	warc := slices.Concat(ingesttest.WARCInfo("<urn:uuid:00000000-0000-0000-0000-00000000000a>"), resp(1, page), resp(2, []byte("<html></html>")))
	var warcGz []byte
	for _, rec := range [][]byte{ingesttest.WARCInfo("<urn:uuid:00000000-0000-0000-0000-00000000000b>"), resp(3, page), resp(4, page)} {
		warcGz = append(warcGz, ingesttest.Gzip(rec)...)
	}
	feed := `<rss version="2.0"><channel><title>x</title><item><title>Railway</title><link>https://news.example/r</link>` +
		`<description>` + strings.Join(ingesttest.Paragraphs, " ") + `</description></item></channel></rss>`
	jsonl := `{"id":"a","text":"` + strings.Join(ingesttest.Paragraphs, " ") + `","url":"https://news.example/a"}` + "\n" +
		"{not json\n" + `{"id":"b","html":"` + strings.ReplaceAll(string(page), `"`, `\"`) + `"}` + "\n"
	files := map[string][]byte{
		"a/good.html":         page,
		"a/good.txt":          []byte("Norland and Estmark reopen the railway\n\n" + strings.Join(ingesttest.Paragraphs, "\n\n") + "\n"),
		"a/empty.txt":         nil,
		"a/picture.png":       {0x89, 'P', 'N', 'G'},
		"a/.hidden.html":      page,
		".hidden/x.html":      page,
		"b/records.jsonl":     []byte(jsonl),
		"b/records.jsonl.gz":  ingesttest.Gzip([]byte(jsonl)),
		"b/crawl.warc":        warc,
		"b/crawl.warc.gz":     warcGz,
		"b/truncated.warc.gz": warcGz[:len(warcGz)-40],
		"b/page.html.gz":      ingesttest.Gzip(page),
		"b/bad.html.gz":       page,
		"b/feed.rss":          []byte(feed),
		"b/big.html":          bytes.Repeat(page, 40),
		"b.txt":               []byte("Norland and Estmark\n\n" + ingesttest.Paragraphs[0] + "\n"),
	}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt := ingest.Options{Source: source.Options{MaxBytes: int64(len(page) * 20)}}
	items := func(read func(fn func(source.Item))) []string {
		var out []string
		read(func(it source.Item) {
			s := summary(it)
			if it.Doc != nil {
				s += " text=" + it.Doc.Text
			}
			out = append(out, s)
		})
		return out
	}
	want := items(func(fn func(source.Item)) { ingest.Read(context.Background(), []string{dir}, nil, opt, fn) })
	got := items(func(fn func(source.Item)) {
		source.Walk(dir, func(string) bool { return false }, func(p, why string) { t.Fatalf("%s: %s", p, why) },
			func(p string, fi os.FileInfo) bool {
				if !ingest.Walked(dir, p) {
					return true
				}
				f, err := os.Open(p)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				ingest.ReadFile(context.Background(), p, f, fi.Size(), opt, fn)
				return true
			})
	})
	if !slices.Equal(got, want) {
		t.Errorf("ReadFile over the walked files:\n%s\nRead over the folder:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, s := range []string{"hidden", "picture"} {
		if strings.Contains(strings.Join(want, "\n"), s) {
			t.Errorf("the walk read %s", s)
		}
	}
	if len(want) < 12 {
		t.Errorf("only %d items:\n%s", len(want), strings.Join(want, "\n"))
	}
	// A stream of unknown size over the limit fails as a file does.
	var errs []string
	ingest.ReadFile(context.Background(), "big.html", bytes.NewReader(files["b/big.html"]), -1, opt, func(it source.Item) { errs = append(errs, summary(it)) })
	if len(errs) != 1 || !strings.Contains(errs[0], "too large") {
		t.Errorf("big stream: %v", errs)
	}
}
