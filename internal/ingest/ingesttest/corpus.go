package ingesttest

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BuildBrokenCorpus writes a corpus of broken inputs (and a few good ones)
// into dir and returns the paths to read, in order, and what reading them
// must yield. Each key of want names one input as ingest names it: a path,
// "path#N" (a WARC record or feed item), "path:N" (a JSONL line) or a URL.
// Reading paths must yield exactly one Item per key and no other: an error
// whose text starts with the key and ": " and contains want[key], or, when
// want[key] is "", a document whose Source is the key.
//
// The URL inputs are fetched from srv, which must be a NewServer; when srv
// is nil, BuildBrokenCorpus starts one. Fetch with a Timeout of about
// Timeout (the slow page must time out), allowing private addresses (srv
// is on loopback) and, to keep the test fast, no per-host gap and few
// retries, e.g. FetchOptions{AllowPrivate: true, Timeout: Timeout,
// Retries: -1, PerHost: -1} (`mitra ingest --allow-private`).
func BuildBrokenCorpus(t testing.TB, dir string, srv *httptest.Server) (paths []string, want map[string]string) {
	t.Helper()
	if srv == nil {
		srv = NewServer(t)
	}
	want = map[string]string{}
	add := func(name string, data []byte, reasons ...string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		if len(reasons) > 0 {
			want[p] = reasons[0]
		}
		return p
	}
	good := []byte(Page("Norland and Estmark reopen the railway"))
	body := strings.Join(Paragraphs, "\n\n")

	// Good inputs.
	add("good.html", good, "")
	add("good.txt", []byte("Norland and Estmark reopen the railway\n\n"+body+"\n"), "")

	// Broken files.
	add("empty.txt", nil, "empty file")
	add("whitespace.txt", []byte(" \n\t \r\n  \n"), "empty file")
	add("binary.dat", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00"), "not text (binary data)")
	// A stray Windows-1252 byte is decoded (with a note); many bytes that
	// are not UTF-8 are some other encoding, an error.
	add("stray-1252-byte.txt", []byte("Norland and Estmark\n\n"+Paragraphs[0]+" The ministers met in V\xe9ssa on Tuesday.\n"), "")
	add("not-utf8.txt", []byte("Norland \xe9\xe8\xe0 Estmark \xfc\xf6\xe4\n\nV\xe9ssa \xe0 \xe9t\xe9 \xe9lue.\n"), "invalid UTF-8 at byte")
	var huge bytes.Buffer
	huge.WriteString("<html><body>")
	for huge.Len() < 50<<20 {
		huge.WriteString("<p>" + Paragraphs[0] + "</p>\n")
	}
	add("huge.html", huge.Bytes(), "too large")
	add("nested.html", []byte("<html><body>"+strings.Repeat("<div>", 100000)+"<p>"+Paragraphs[0]+"</p>"+strings.Repeat("</div>", 100000)+"</body></html>"), "too deeply nested html")
	add("scripts.html", []byte("<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script><noscript></noscript></body></html>"), "no text after cleaning")
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "Norland and Estmark reopen the railway.\n" + Paragraphs[0] {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	add("utf16.txt", utf16, "utf-16")
	add("declared-utf8-is-1252.html", []byte(Page("Railway deal in V\xe9ssa")), "")
	// Valid UTF-8 under a wrong windows-1252 declaration is read as UTF-8:
	// damaged, but recovered.
	add("declared-1252-is-utf8.html", []byte(strings.Replace(Page("Railway deal in Véssa"), "charset=\"utf-8\"", "charset=\"windows-1252\"", 1)), "")
	gz := Gzip(good)
	add("truncated.html.gz", gz[:len(gz)/2], "truncated gzip data")
	add("not-gzip.html.gz", good, "not gzip data")
	gone := filepath.Join(dir, "gone.html")
	if err := os.Symlink(filepath.Join(dir, "nowhere.html"), gone); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, gone)
	want[gone] = "no such file or directory"
	add("photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "unsupported file type")

	// JSONL.
	jl := add("bad-lines.jsonl", []byte(`{"id":"j1","text":"Norland and Estmark reopen the railway\n\n`+strings.Join(Paragraphs, `\n\n`)+`"}`+"\n"+
		`{"id":"j2","text":"unterminated`+"\n"+
		"\n"+
		`not json at all`+"\n"))
	want[jl+":1"] = ""
	want[jl+":2"] = "not a JSON object"
	want[jl+":4"] = "not a JSON object"
	wt := add("wrong-type.jsonl", []byte(`{"id":"w1","text":["not","a","string"]}`+"\n"))
	want[wt+":1"] = `"text" is not a string`

	// WARC.
	id := func(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
	page := HTTPResponse(200, []string{"Content-Type: text/html; charset=utf-8", fmt.Sprintf("Content-Length: %d", len(good))}, good)
	var tw bytes.Buffer
	tw.Write(Gzip(WARCInfo(id(1))))
	tw.Write(Gzip(Request(id(2), "https://courier.example/rail")))
	tw.Write(Gzip(Response(id(3), "https://courier.example/rail", page)))
	last := Gzip(Response(id(4), "https://courier.example/rail-2", page))
	tw.Write(last[:len(last)-40])
	tw2 := add("truncated.warc.gz", tw.Bytes())
	want[tw2+"#3"] = ""
	want[tw2+"#4"] = "truncated gzip data"
	var tr bytes.Buffer
	tr.Write(WARCInfo(id(11)))
	tr.Write(Response(id(12), "https://courier.example/a", page))
	rec := Response(id(13), "https://courier.example/b", page)
	tr.Write(rec[:len(rec)-200])
	tr2 := add("truncated-record.warc", tr.Bytes())
	want[tr2+"#2"] = ""
	want[tr2+"#3"] = "truncated record"
	add("not-a-warc.warc", []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+string(good)), "not a WARC file")
	var np bytes.Buffer
	np.Write(WARCInfo(id(21)))
	np.Write(Request(id(22), "https://courier.example/report.pdf"))
	np.Write(Response(id(23), "https://courier.example/report.pdf", HTTPResponse(200, []string{"Content-Type: application/pdf"}, []byte("%PDF-1.4\n"))))
	np.Write(Response(id(24), "https://courier.example/gone", HTTPResponse(404, []string{"Content-Type: text/html"}, []byte("<html><body>Not found</body></html>"))))
	add("no-pages.warc", np.Bytes(), "no html pages")

	// Feeds.
	add("empty-feed.rss", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><link>https://courier.example/</link><description>News</description></channel></rss>`), "feed has no items")
	add("not-xml.rss", []byte("Norland and Estmark reopen the railway; this is not a feed.\n"), "not an RSS or Atom feed")
	add("malformed.atom", []byte(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title><entry><title>Rail</title><content type="html">&lt;p&gt;`+Paragraphs[0]), "malformed feed")
	items := add("items.rss", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
<item><title>Norland and Estmark reopen the railway</title><link>https://courier.example/rail</link><guid>rail-1</guid><pubDate>Tue, 03 Mar 2026 09:00:00 +0100</pubDate><description>`+strings.Join(Paragraphs, "\n\n")+`</description></item>
<item><title>Headline only</title><link>https://courier.example/only</link></item>
</channel></rss>`))
	want[items+"#1"] = ""
	want[items+"#2"] = "item has no content"

	// URLs.
	u := func(p string) string { return srv.URL + p }
	list := []string{
		"# broken URLs, and one good one",
		u("/news/vessa"),
		u("/slow"),
		u("/loop/a"),
		u("/missing"),
		u("/report.pdf"),
		u("/private/secret"),
		u("/huge"),
		"",
		"ftp://courier.example/file",
	}
	ul := add("bad.urls", []byte(strings.Join(list, "\n")+"\n"))
	want[u("/news/vessa")] = ""
	want[u("/slow")] = "timed out"
	want[u("/loop/a")] = "redirect loop"
	want[u("/missing")] = "http status 404"
	want[u("/report.pdf")] = "not an html page (content type application/pdf)"
	want[u("/private/secret")] = "robots.txt disallows"
	want[u("/huge")] = "too large"
	want[ul+":10"] = "bad URL"
	return paths, want
}
