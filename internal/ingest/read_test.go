package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/ingest"
	"mitra/internal/ingest/ingesttest"
	"mitra/internal/source"
)

func TestFolder(t *testing.T) {
	dir := t.TempDir()
	page := []byte(ingesttest.Page("Railway deal"))
	text := []byte("Railway deal\n\n" + strings.Join(ingesttest.Paragraphs, "\n\n") + "\n")
	write(t, filepath.Join(dir, "b.html"), page)
	write(t, filepath.Join(dir, "a.txt"), text)
	write(t, filepath.Join(dir, "c.html.gz"), ingesttest.Gzip(page))
	write(t, filepath.Join(dir, "d.jsonl.gz"), ingesttest.Gzip([]byte(`{"id":"j1","html":`+quote(string(page))+"}\n")))
	write(t, filepath.Join(dir, "e.rss.gz"), ingesttest.Gzip([]byte(withParas(rss))))
	write(t, filepath.Join(dir, "sitemap.xml"), []byte(`<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>`))
	write(t, filepath.Join(dir, "feed.xml"), []byte(withParas(atom)))
	write(t, filepath.Join(dir, "photo.png"), []byte("\x89PNG"))
	write(t, filepath.Join(dir, "backup.tar.gz"), []byte("\x1f\x8b"))
	write(t, filepath.Join(dir, "sub", "f.warc"), ingesttest.Response(uuid(1), "https://courier.example/f",
		ingesttest.HTTPResponse(200, []string{"Content-Type: text/html"}, page)))
	write(t, filepath.Join(dir, ".hidden", "x.html"), page)
	items := read(t, []string{dir}, ingest.Options{})
	at := func(name string) string { return filepath.Join(dir, name) }
	expect(t, items,
		"DOC id=a source="+at("a.txt"),
		"DOC id=b source="+at("b.html"),
		"DOC id=c source="+at("c.html.gz"),
		"DOC id=j1 source="+at("d.jsonl.gz")+":1",
		"DOC id=courier-4411 source="+at("e.rss.gz")+"#1 url=https://courier.example/2026/03/rail pub=2026-03-04(feed)",
		"DOC id=https://courier.example/2026/03/farmers source="+at("e.rss.gz")+"#2 url=https://courier.example/2026/03/farmers pub=2026-03-03(feed)",
		"ERR "+at("e.rss.gz")+"#3: item has no content",
		"DOC id=https://courier.example/2026/03/guid-link source="+at("e.rss.gz")+"#4 url=https://courier.example/2026/03/guid-link",
		"DOC id=tag:courier.example,2026:commission source="+at("feed.xml")+"#1 url=https://courier.example/2026/03/commission pub=2026-03-05(feed)",
		"DOC id=tag:courier.example,2026:summary source="+at("feed.xml")+"#2 url=https://courier.example/2026/03/summary pub=2026-03-06(feed)",
		"DOC id="+uuid(1)+" source="+at("sub/f.warc")+"#1 url=https://courier.example/f",
	)
	// Named on the command line, skipped files are errors.
	expect(t, read(t, []string{at("sitemap.xml"), at("backup.tar.gz"), at("missing.html")}, ingest.Options{}),
		"ERR "+at("sitemap.xml")+": not an RSS or Atom feed",
		`ERR `+at("backup.tar.gz")+`: unsupported file type ".tar.gz"`,
		"ERR "+at("missing.html")+": no such file or directory",
	)
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

func TestStdinAndOrder(t *testing.T) {
	dir := t.TempDir()
	page := ingesttest.Page("Railway deal")
	var paths []string
	for _, n := range []string{"z", "m", "a", "q", "b", "k", "c", "x"} {
		paths = append(paths, write(t, filepath.Join(dir, n+".html"), []byte(page)))
	}
	var got []string
	ingest.Read(context.Background(), append(paths, "-"), strings.NewReader(page), ingest.Options{Workers: 3}, func(it source.Item) {
		got = append(got, summary(it))
	})
	var want []string
	for _, p := range paths {
		want = append(want, "DOC id="+strings.TrimSuffix(filepath.Base(p), ".html")+" source="+p)
	}
	want = append(want, "DOC id=stdin source=-")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCanceled(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "a.html"), []byte(ingesttest.Page("Railway deal")))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	ingest.Read(ctx, []string{p, p}, nil, ingest.Options{}, func(source.Item) { n++ })
	if n != 0 {
		t.Errorf("read %d items after cancellation", n)
	}
	_ = os.Remove(p)
}
