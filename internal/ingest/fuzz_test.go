package ingest

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"mitra/internal/article"
	"mitra/internal/ingest/ingesttest"
	"mitra/internal/source"
)

// readWith runs f on a reader and returns the items it yields.
func readWith(t *testing.T, f func(r *reader)) []source.Item {
	var items []source.Item
	ctx := context.Background()
	opt := Options{Source: source.Options{MaxBytes: 1 << 16}, Workers: 1}
	o := newOutput(ctx, opt, func(it source.Item) { items = append(items, it) })
	// The readers are under test, not the cleaning (slow under fuzzing's
	// instrumentation).
	o.clean = func(_ context.Context, name string, d *article.Doc, b []byte, _ source.Options) []source.Item {
		if err := checkPage(d, b); err != nil {
			return []source.Item{{Err: errorf("%s: %s", name, err)}}
		}
		d.Raw, d.Text = b, strings.ToValidUTF8(string(b), "")
		return []source.Item{{Doc: d}}
	}
	f(&reader{ctx: ctx, opt: opt, out: o})
	o.close()
	for _, it := range items {
		if (it.Doc == nil) == (it.Err == nil) {
			t.Fatalf("item with doc %v and err %v", it.Doc, it.Err)
		}
		if it.Err != nil && (!strings.HasPrefix(it.Err.Error(), "in.") || strings.ContainsAny(it.Err.Error(), "\r\n")) {
			t.Fatalf("bad error %q", it.Err)
		}
		if d := it.Doc; d != nil && !utf8.ValidString(d.Text) {
			t.Fatalf("bad text %q", d.Text)
		}
	}
	return items
}

func FuzzWARC(f *testing.F) {
	page := ingesttest.HTTPResponse(200, []string{"Content-Type: text/html", "Content-Encoding: gzip", "Transfer-Encoding: chunked"},
		ingesttest.Chunked(ingesttest.Gzip([]byte(ingesttest.Page("Railway deal"))), 64))
	rec := append(ingesttest.WARCInfo("1"), ingesttest.Response("2", "https://x.example/", page)...)
	f.Add(rec)
	f.Add(ingesttest.Gzip(rec))
	f.Add(append(ingesttest.Gzip(ingesttest.WARCInfo("1")), ingesttest.Gzip(ingesttest.Response("2", "https://x.example/", page))...))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\n continued\r\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		readWith(t, func(r *reader) { r.warc("in.warc", bytes.NewReader(b)) })
	})
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><item><title>Rail</title><description>&lt;p&gt;Ministers met.&lt;/p&gt;</description><pubDate>Tue, 03 Mar 2026 09:00:00 +0100</pubDate></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Rail deal</p></div></content><updated>2026-13-45T99:00:00Z</updated></entry></feed>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>x</title><description>y</description></item></rdf:RDF>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_html":"<p>x</p>"}]}`))
	f.Add([]byte(`<rss><channel><item>` + strings.Repeat("<x>", 1000)))
	f.Fuzz(func(t *testing.T, b []byte) {
		readWith(t, func(r *reader) { r.feed("in.rss", "in.rss", b, true) })
	})
}

func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /private\nAllow: /private/ok$\nCrawl-delay: 1.5\n"), "/private/x?y=1")
	f.Add([]byte("User-agent: mitra\nDisallow: /*a*b*c$\n"), "/aaabbbccc")
	f.Add([]byte("user-agent:*\r\ndisallow:%zz%\xff\n"), "/%ZZ")
	f.Fuzz(func(t *testing.T, b []byte, path string) {
		r := parseRobots(b, "mitra")
		if !r.allowed("/robots.txt") {
			t.Fatal("robots.txt disallowed")
		}
		r.allowed(path)
		if r != nil && (r.delay < 0 || r.delay > maxCrawlDelay) {
			t.Fatalf("crawl delay %s", r.delay)
		}
	})
}
