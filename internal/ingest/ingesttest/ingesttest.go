// Package ingesttest builds inputs for tests of package ingest and of its
// callers: WARC records, HTTP payloads, news pages, a loopback news server
// and a corpus of broken inputs.
package ingesttest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Paragraphs are sentences of a made-up news report, long enough to survive
// cleaning.
var Paragraphs = []string{
	"The foreign ministers of Norland and Estmark met in the harbour city of Vessa on Tuesday and signed an agreement to reopen the railway line that has been closed since the border dispute began three years ago.",
	"Under the agreement, freight trains will run twice a week from March, and a joint commission will meet every quarter to settle customs questions and inspect the repaired bridges along the route.",
	"Officials from both governments said the deal was the first step towards a wider trade treaty, although opposition members in Estmark criticised the ministry for keeping the talks secret until the last moment.",
	"Farmers near the border welcomed the news, saying that the closure had forced them to send their grain on a long detour through the mountains at twice the cost.",
}

// Page returns an HTML news page with the headline title and the given
// paragraphs (Paragraphs when none are given).
func Page(title string, paras ...string) string {
	if len(paras) == 0 {
		paras = Paragraphs
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</h1>")
	for _, p := range paras {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	b.WriteString("</article><footer>Copyright The Vessa Courier</footer></body></html>")
	return b.String()
}

// WARCDate is the WARC-Date of every record made here.
const WARCDate = "2026-03-03T10:00:00Z"

// Record returns one WARC/1.1 record of type typ (warcinfo, request,
// response, metadata, …) with the given record ID (a UUID), target URI
// (may be empty), content type and block.
func Record(typ, id, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\n", typ, WARCDate, id)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// WARCInfo returns a warcinfo record.
func WARCInfo(id string) []byte {
	return Record("warcinfo", id, "", "application/warc-fields", []byte("software: mitra-test\r\nformat: WARC File Format 1.1\r\n"))
}

// Request returns the request record for uri.
func Request(id, uri string) []byte {
	host := strings.TrimPrefix(strings.TrimPrefix(uri, "https://"), "http://")
	host, _, _ = strings.Cut(host, "/")
	req := fmt.Sprintf("GET / HTTP/1.1\r\nHost: %s\r\nUser-Agent: test\r\n\r\n", host)
	return Record("request", id, uri, "application/http; msgtype=request", []byte(req))
}

// Response returns the response record for uri holding the HTTP response
// made by HTTPResponse.
func Response(id, uri string, http []byte) []byte {
	return Record("response", id, uri, "application/http; msgtype=response", http)
}

// HTTPResponse returns an HTTP/1.1 response with the status code, header
// lines ("Name: value") and body as they are (set Content-Length,
// Transfer-Encoding and Content-Encoding in header to match body).
func HTTPResponse(status int, header []string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	for _, h := range header {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// Gzip compresses b as one gzip member.
func Gzip(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// Chunked encodes b with the chunked transfer coding, in chunks of size
// bytes.
func Chunked(b []byte, size int) []byte {
	var out bytes.Buffer
	for len(b) > 0 {
		n := min(size, len(b))
		fmt.Fprintf(&out, "%x\r\n", n)
		out.Write(b[:n])
		out.WriteString("\r\n")
		b = b[n:]
	}
	out.WriteString("0\r\n\r\n")
	return out.Bytes()
}

// Timeout is the fetch timeout to use with NewServer's /slow page: a
// fetch of it times out after Timeout.
const Timeout = 300 * time.Millisecond

// NewServer starts a loopback news site, closed when the test ends:
//
//	/robots.txt           disallows /private for every agent
//	/news/NAME            a news page headed NAME
//	/private/NAME         a news page robots.txt disallows
//	/slow                 answers only when the client gives up (or after a minute)
//	/loop/a, /loop/b      redirect to each other
//	/missing              404
//	/report.pdf           a PDF (application/pdf)
//	/huge                 an HTML page of 24 MiB
func NewServer(t testing.TB) *httptest.Server {
	mux := http.NewServeMux()
	stop := make(chan struct{})
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "# test site\nUser-agent: *\nDisallow: /private\n")
	})
	page := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, Page("Railway deal in "+r.PathValue("name")))
	}
	mux.HandleFunc("GET /news/{name}", page)
	mux.HandleFunc("GET /private/{name}", page)
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		case <-time.After(time.Minute):
		}
	})
	mux.HandleFunc("GET /loop/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	})
	mux.HandleFunc("GET /loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /missing", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	mux.HandleFunc("GET /report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
	})
	mux.HandleFunc("GET /huge", func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("<p>"+Paragraphs[0]+"</p>\n", 256))
		n := (24<<20)/len(chunk) + 1
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(n*len(chunk)))
		for range n {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		close(stop)
		srv.Close()
	})
	return srv
}
