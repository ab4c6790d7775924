package server

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzFilter sends arbitrary query strings to /api/events: the answer is
// always a 200 or a 400 envelope, never a panic or a 500.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{
		"", "pair=RUS,MLI", "party=Rusia&type=AID,agree&quad=2", "from=2023-01&to=2023", "q=gandum&lang=id",
		"limit=2&offset=2", "limit=-1", "quad=9", "from=2023-13-01", "type=FOO", "doc=rusia-mali",
		"a=%zz", "q=%22%2A%28", "q=NEAR(a b)", "pair=%00,%ff", "context=military&type=&type=,", "offset=9223372036854775807",
		"party=Amerika+Serikat", "from=0000", "to=9999-12-31", "q=" + "x OR y", "lang=ID", "doc=%27%3B--",
	} {
		f.Add(s)
	}
	h := newServer(f, filledStore(f), Options{}).Handler()
	f.Fuzz(func(t *testing.T, query string) {
		req := newRequest("GET", "/api/events", nil)
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 && rec.Code != 400 {
			t.Fatalf("?%s: HTTP %d: %s", query, rec.Code, rec.Body)
		}
		var env envelope
		if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil {
			t.Fatalf("?%s: not an envelope: %v", query, err)
		}
		if (rec.Code == 200) != (env.Status == "success") {
			t.Fatalf("?%s: HTTP %d with status %q", query, rec.Code, env.Status)
		}
	})
}

// FuzzExtract posts arbitrary bodies to /api/extract under each content
// type the route reads: the answer is a success, a 400 or a 413 envelope,
// never a panic or a 500.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Rusia dan Mali menandatangani perjanjian kerja sama militer di Moskow, Senin (6/2/2023).",
		`{"text":"Rusia mengecam AS.","pub_date":"2023-02-08"}`, `{"html":"<p>Rusia &amp; Mali</p>"}`, `{"text":5}`, `{"x":1}`,
		"<html><body><h1>Judul</h1><p>Rusia dan China bertemu di Beijing, Kamis (16/5/2024).</p></body></html>",
		"", "\xef\xbb\xbf{", "\x00\x01", "Z\xfcrich \x93x\x94", "<" + strings.Repeat("<b>", 100),
	} {
		for ct := range uint8(4) {
			f.Add([]byte(s), ct, "")
		}
	}
	f.Add([]byte("Rusia dan Mali."), uint8(1), "pub_date=2023-02-30&all=true")
	h := newServer(f, newStore(f), Options{MaxBody: 64 << 10, MaxText: 16 << 10}).Handler()
	types := []string{"", "application/json", "text/plain; charset=utf-8", "text/html"}
	f.Fuzz(func(t *testing.T, body []byte, ct uint8, query string) {
		req := newRequest("POST", "/api/extract", bytes.NewReader(body))
		req.URL.RawQuery = query
		if c := types[int(ct)%len(types)]; c != "" {
			req.Header.Set("Content-Type", c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 413:
		default:
			t.Fatalf("HTTP %d: %s", rec.Code, rec.Body)
		}
		var env envelope
		if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || (rec.Code == 200) != (env.Status == "success") {
			t.Fatalf("HTTP %d, not a matching envelope (%v): %s", rec.Code, err, rec.Body)
		}
	})
}

// FuzzHost sends arbitrary Host headers: the answer is 200 or 403, and a
// name that is not loopback, an IP address or allowed is refused.
func FuzzHost(f *testing.F) {
	for _, s := range []string{"localhost:8080", "127.0.0.1", "[::1]:80", "evil.example", "LOCALHOST.", "a.localhost", "localhost.evil", "[fe80::1%eth0]:80", "mitra.lan:1", "", ":", "[", "0x7f.1"} {
		f.Add(s)
	}
	h := newServer(f, newStore(f), Options{Addr: "mitra.lan:8080"}).Handler()
	f.Fuzz(func(t *testing.T, host string) {
		req := newRequest("GET", "/api/health", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		name := hostname(host)
		ok := name == "" || name == "localhost" || strings.HasSuffix(name, ".localhost") || net.ParseIP(name) != nil || name == "mitra.lan"
		if want := map[bool]int{true: 200, false: 403}[ok]; rec.Code != want {
			t.Fatalf("Host %q: HTTP %d, want %d", host, rec.Code, want)
		}
	})
}

// FuzzStaticPath requests arbitrary paths of the web page: only the files
// it holds are ever served, and nothing else answers 200.
func FuzzStaticPath(f *testing.F) {
	for _, s := range []string{"/", "/index.html", "/app.js", "/sub/", "/sub", "/../x", "/%2e%2e/", "//app.js", "/app.js.gz", "/sub/a.txt", "/.", "/index.html/"} {
		f.Add(s)
	}
	web := fstest.MapFS{
		"index.html": {Data: []byte("<p>peta</p>")},
		"app.js":     {Data: []byte("x=1")},
		"sub/a.txt":  {Data: []byte("isi")},
		"link":       {Data: []byte("index.html"), Mode: fs.ModeSymlink},
	}
	h := newServer(f, newStore(f), Options{Static: web}).Handler()
	f.Fuzz(func(t *testing.T, p string) {
		req := newRequest("GET", "/", nil)
		req.URL.Path = p
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == 200 {
			switch b := rec.Body.String(); b {
			case "<p>peta</p>", "x=1", "isi":
			default:
				if !strings.HasPrefix(p, "/api/") {
					t.Fatalf("%q: served %q", p, b)
				}
			}
		}
	})
}
