package ingest

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/netip"
	"net/url"
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

// FuzzURLList reads arbitrary URL lists line by line: no line longer than
// the limit, and every URL kept is an http(s) URL with a host and no
// fragment.
func FuzzURLList(f *testing.F) {
	f.Add([]byte("# news\nhttps://a.example/x#top\n  http://b.example/?q=1  \nmailto:x@y\nhttp://\n\xff\x00\n"))
	f.Add([]byte("\ufeffhttps://a.example/" + strings.Repeat("x", maxURLLine+5) + "\nhttp://[::1]:80/\n"))
	f.Add([]byte("javascript:alert(1)\nHTTPS://A.EXAMPLE\nhttp://a.example:99999/\nhttp://%41/\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		br := bufio.NewReaderSize(bytes.NewReader(b), 4096)
		for {
			line, long, err := readURLLine(br)
			if len(line) > maxURLLine || long && line != "" {
				t.Fatalf("line of %d bytes (long %v)", len(line), long)
			}
			if u, reason := checkURL(strings.TrimSpace(line)); reason == "" {
				pu, err := url.Parse(u)
				if err != nil || pu.Host == "" || pu.Scheme != "http" && pu.Scheme != "https" || pu.Fragment != "" {
					t.Fatalf("kept %q from %q", u, line)
				}
			}
			if err != nil {
				return
			}
		}
	})
}

// FuzzHTTPPayload decodes arbitrary HTTP bodies under arbitrary
// Content-Encoding and Content-Type values: never more than the limit,
// never a panic (gzip and deflate bombs stop at the limit).
func FuzzHTTPPayload(f *testing.F) {
	page := []byte(ingesttest.Page("Railway deal"))
	f.Add(ingesttest.Gzip(page), "gzip", "text/html; charset=utf-8", false)
	f.Add(ingesttest.Gzip(bytes.Repeat([]byte("a"), 1<<20)), "x-gzip, identity", "text/html; charset=windows-1252", true)
	f.Add([]byte("\x78\x9c\x4b\x4c\x04\x00"), "deflate", "text/html; charset=utf-16le", false)
	f.Add([]byte("V\xe9ssa"), "", "text/html; charset=iso-8859-1", false)
	f.Add([]byte("x"), "br", "text/html; charset=\"", false)
	f.Fuzz(func(t *testing.T, body []byte, coding, ct string, cut bool) {
		const limit = 1 << 16
		h := http.Header{}
		h.Set("Content-Encoding", coding)
		b, err := readBody(bytes.NewReader(body), h, limit, cut)
		if err != nil {
			return
		}
		if len(b) > limit {
			t.Fatalf("%d bytes read, limit %d", len(b), limit)
		}
		if out, err := toUTF8(b, ct); err == nil && out == nil && len(b) > 0 {
			t.Fatalf("no output for %d bytes", len(b))
		}
	})
}

// FuzzRedirect follows arbitrary Location headers: a redirect goes only to
// an http(s) URL with a host; Retry-After is never negative.
func FuzzRedirect(f *testing.F) {
	for _, s := range []string{"/next", "https://b.example/x#f", "javascript:alert(1)", "//c.example", "http://[::1", "file:///etc/passwd", " http://a.example", ""} {
		f.Add(s, 302, "120")
	}
	f.Add("/x", 301, "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Add("/x", 200, "-1")
	f.Fuzz(func(t *testing.T, loc string, status int, ra string) {
		u, _ := url.Parse("https://a.example/news/x")
		next, err := redirect(u, &response{status: status, header: http.Header{"Location": {loc}}})
		if err == nil && next != nil && (next.Host == "" || next.Scheme != "http" && next.Scheme != "https" || next.Fragment != "") {
			t.Fatalf("redirect to %q from %q", next, loc)
		}
		if d, ok := retryAfter(ra); ok && d < 0 {
			t.Fatalf("retry after %s from %q", d, ra)
		}
	})
}

// FuzzPublic checks the address policy on arbitrary addresses: an IPv4
// address and its IPv4-mapped, NAT64 and 6to4 forms are judged alike.
func FuzzPublic(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "10.0.0.1", "8.8.8.8", "169.254.169.254", "100.64.1.1", "0.0.0.0", "255.255.255.255"} {
		a := netip.MustParseAddr(s).As4()
		f.Add(a[0], a[1], a[2], a[3])
	}
	f.Fuzz(func(t *testing.T, a, b, c, d byte) {
		v4 := netip.AddrFrom4([4]byte{a, b, c, d})
		want := public(v4)
		mapped := netip.AddrFrom16([16]byte{10: 0xff, 11: 0xff, 12: a, 13: b, 14: c, 15: d})
		nat64 := netip.AddrFrom16([16]byte{0: 0x00, 1: 0x64, 2: 0xff, 3: 0x9b, 12: a, 13: b, 14: c, 15: d})
		sixto4 := netip.AddrFrom16([16]byte{0: 0x20, 1: 0x02, 2: a, 3: b, 4: c, 5: d})
		for _, x := range []netip.Addr{mapped, nat64, sixto4} {
			if public(x) != want {
				t.Fatalf("public(%s) = %v but public(%s) = %v", v4, want, x, public(x))
			}
		}
		if want && (v4.IsLoopback() || v4.IsPrivate() || v4.IsUnspecified() || v4.IsLinkLocalUnicast() || v4.IsMulticast()) {
			t.Fatalf("%s counted public", v4)
		}
	})
}
