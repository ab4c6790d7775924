package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"mitra/internal/article"
	"mitra/internal/pipeline"
	"mitra/internal/store"
)

// send sends one request to h with the given Host and headers (name,
// value, …) and returns the recorder.
func send(h http.Handler, method, target, host string, body io.Reader, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	req.Host = host
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// slowProcess replaces a server's extraction with one that takes d and
// ignores its context, as a stage in the middle of its work does; it
// counts the calls and the most that ran at once.
type slowProcess struct {
	d               time.Duration
	calls, now, top atomic.Int64
}

func (sp *slowProcess) install(s *Server) {
	real := s.process
	s.process = func(ctx context.Context, d *article.Doc) (pipeline.Result, error) {
		sp.calls.Add(1)
		n := sp.now.Add(1)
		for {
			top := sp.top.Load()
			if n <= top || sp.top.CompareAndSwap(top, n) {
				break
			}
		}
		time.Sleep(sp.d)
		sp.now.Add(-1)
		return real(ctx, d)
	}
}

const page1 = "Rusia dan Mali menandatangani perjanjian kerja sama militer di Moskow, Senin (6/2/2023)."

// TestExtractConcurrency checks that extraction requests beyond the
// server's slots wait for one: no more than max(1, GOMAXPROCS/2) run at
// once by default, however many arrive.
func TestExtractConcurrency(t *testing.T) {
	s := newServer(t, newStore(t), Options{Timeout: 20 * time.Second})
	sp := &slowProcess{d: 100 * time.Millisecond}
	sp.install(s)
	h := s.Handler()
	slots := max(1, runtime.GOMAXPROCS(0)/2)
	var wg sync.WaitGroup
	codes := make([]int, slots+3)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = send(h, "POST", "/api/extract?pub_date=2023-02-08", "127.0.0.1:8080", strings.NewReader(page1), "Content-Type", "text/plain").Code
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != 200 {
			t.Errorf("request %d: HTTP %d", i, c)
		}
	}
	if top := sp.top.Load(); top > int64(slots) {
		t.Errorf("%d extractions ran at once, want at most %d", top, slots)
	}
}

// TestExtractStopsAfterTimeout checks that a request whose time ran out
// while it waited for a slot never starts its extraction: the work stops,
// not only the response.
func TestExtractStopsAfterTimeout(t *testing.T) {
	s := newServer(t, newStore(t), Options{Timeout: 200 * time.Millisecond})
	sp := &slowProcess{d: 600 * time.Millisecond}
	sp.install(s)
	h := s.Handler()
	slots := max(1, runtime.GOMAXPROCS(0)/2)
	var wg sync.WaitGroup
	for range slots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(h, "POST", "/api/extract?pub_date=2023-02-08", "127.0.0.1:8080", strings.NewReader(page1), "Content-Type", "text/plain")
		}()
	}
	time.Sleep(50 * time.Millisecond)
	rec := send(h, "POST", "/api/extract?pub_date=2023-02-08", "127.0.0.1:8080", strings.NewReader(page1), "Content-Type", "text/plain")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("late request: HTTP %d %s, want 503", rec.Code, rec.Body)
	}
	wg.Wait()
	time.Sleep(800 * time.Millisecond) // the first requests' work ends
	if n := sp.calls.Load(); n != int64(slots) {
		t.Errorf("%d extractions ran, want %d: the timed-out request's work went on", n, slots)
	}
}

// TestCrossOrigin checks that a page on another origin cannot make the
// server compute or write with a "simple" request (no preflight), while
// the page itself, curl and other non-browser clients can.
func TestCrossOrigin(t *testing.T) {
	s := newServer(t, newStore(t), Options{Token: "s3cret"})
	sp := &slowProcess{}
	sp.install(s)
	h := s.Handler()
	for _, tc := range []struct {
		name string
		hdr  []string
		want int
	}{
		{"cross-site text/plain", []string{"Content-Type", "text/plain", "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"}, 403},
		{"cross-origin without fetch metadata", []string{"Content-Type", "text/plain", "Origin", "http://evil.example"}, 403},
		{"opaque origin", []string{"Content-Type", "text/plain", "Origin", "null"}, 403},
		{"same-site other port", []string{"Content-Type", "text/plain", "Origin", "http://127.0.0.1:9999", "Sec-Fetch-Site", "same-site"}, 403},
		{"no content type, cross-site", []string{"Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"}, 403},
		{"the page itself", []string{"Content-Type", "application/json", "Origin", "http://127.0.0.1:8080", "Sec-Fetch-Site", "same-origin"}, 200},
		{"same origin, no fetch metadata", []string{"Content-Type", "text/plain", "Origin", "http://127.0.0.1:8080"}, 200},
		{"curl", []string{"Content-Type", "text/plain"}, 200},
	} {
		body := page1
		if strings.Contains(strings.Join(tc.hdr, " "), "application/json") {
			body = `{"text":"` + page1 + `","pub_date":"2023-02-08"}`
		}
		target := "/api/extract?pub_date=2023-02-08"
		if strings.HasPrefix(body, "{") {
			target = "/api/extract"
		}
		before := sp.calls.Load()
		rec := send(h, "POST", target, "127.0.0.1:8080", strings.NewReader(body), tc.hdr...)
		if rec.Code != tc.want {
			t.Errorf("%s: HTTP %d %s, want %d", tc.name, rec.Code, rec.Body, tc.want)
		}
		if ran := sp.calls.Load() > before; ran != (tc.want == 200) {
			t.Errorf("%s: extraction ran: %v", tc.name, ran)
		}
	}
	rec := send(h, "POST", "/api/ingest", "127.0.0.1:8080", strings.NewReader(ingestBody), "Authorization", "Bearer s3cret",
		"Content-Type", "text/plain", "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site")
	if rec.Code != 403 {
		t.Errorf("cross-site ingest: HTTP %d %s, want 403", rec.Code, rec.Body)
	}
}

// TestHostCheck checks the Host header against DNS rebinding: a name that
// is not a loopback name, the configured address or an allowed host is
// refused; IP addresses (which a rebinding page cannot use) are not.
func TestHostCheck(t *testing.T) {
	h := newServer(t, newStore(t), Options{Addr: "127.0.0.1:8080"}).Handler()
	for host, want := range map[string]int{
		"evil.example:8080":      403,
		"evil.example":           403,
		"localhost.evil.example": 403,
		"127.0.0.1.nip.io:8080":  403,
		"localhost:8080":         200,
		"LOCALHOST":              200,
		"app.localhost:8080":     200,
		"127.0.0.1:8080":         200,
		"[::1]:8080":             200,
		"192.168.1.20:8080":      200,
	} {
		for _, target := range []string{"/api/stats", "/"} {
			rec := send(h, "GET", target, host, nil)
			if rec.Code != want {
				t.Errorf("Host %s, %s: HTTP %d, want %d", host, target, rec.Code, want)
			}
		}
	}
	// A server on a named address, with a name allowed besides.
	h = newServer(t, newStore(t), Options{Addr: "mitra.lan:8080", AllowHosts: []string{"Peta.Example."}}).Handler()
	for host, want := range map[string]int{"mitra.lan:8080": 200, "peta.example": 200, "evil.example": 403, "localhost": 200} {
		if rec := send(h, "GET", "/api/stats", host, nil); rec.Code != want {
			t.Errorf("named server, Host %s: HTTP %d, want %d", host, rec.Code, want)
		}
	}
	h = newServer(t, newStore(t), Options{AllowHosts: []string{"*"}}).Handler()
	if rec := send(h, "GET", "/api/stats", "anything.example", nil); rec.Code != 200 {
		t.Errorf("any host allowed: HTTP %d", rec.Code)
	}
}

// TestExtractTextBudget checks that a page whose clean text is longer than
// MaxText is refused before extraction.
func TestExtractTextBudget(t *testing.T) {
	s := newServer(t, newStore(t), Options{MaxText: 1000})
	sp := &slowProcess{}
	sp.install(s)
	h := s.Handler()
	long := strings.Repeat(page1+" ", 20)
	r := do(t, h, "POST", "/api/extract?pub_date=2023-02-08", strings.NewReader(long), "Content-Type", "text/plain")
	wantError(t, r, 413, "too_large")
	if !strings.Contains(r.Error, "mitra extract") || sp.calls.Load() != 0 {
		t.Errorf("long text: %q, %d extractions", r.Error, sp.calls.Load())
	}
	if r := do(t, h, "POST", "/api/extract?pub_date=2023-02-08", strings.NewReader(page1), "Content-Type", "text/plain"); r.code != 200 {
		t.Errorf("short text: HTTP %d %s", r.code, r.Error)
	}
	// Refused before cleaning: text over twice the limit, pages of more
	// than maxTags tags, as bodies or in JSON.
	tags := "<html><body><p>" + strings.Repeat("<b>kata</b>", maxTags/2+1) + "</p></body></html>"
	js, _ := json.Marshal(map[string]string{"html": tags})
	jt, _ := json.Marshal(map[string]string{"text": strings.Repeat(page1+" ", 40)})
	for _, tc := range []struct{ name, ct, body, want string }{
		{"long text", "text/plain", strings.Repeat(page1+" ", 40), "before cleaning"},
		{"long JSON text", "application/json", string(jt), "before cleaning"},
		{"many tags", "text/html", tags, "tags"},
		{"many tags in JSON", "application/json", string(js), "tags"},
	} {
		r := do(t, h, "POST", "/api/extract", strings.NewReader(tc.body), "Content-Type", tc.ct)
		wantError(t, r, 413, "too_large")
		if !strings.Contains(r.Error, tc.want) {
			t.Errorf("%s: %q", tc.name, r.Error)
		}
	}
	if sp.calls.Load() != 1 {
		t.Errorf("%d extractions ran, want 1 (the short text)", sp.calls.Load())
	}
}

// TestGateFull checks that requests beyond the gate's queue are refused at
// once with a 503 and Retry-After, not held.
func TestGateFull(t *testing.T) {
	s := newServer(t, newStore(t), Options{MaxExtract: 1, Timeout: 20 * time.Second})
	sp := &slowProcess{d: time.Second} // longer than the requests take to start
	sp.install(s)
	h := s.Handler()
	var wg sync.WaitGroup
	var busy atomic.Int64
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			rec := send(h, "POST", "/api/extract?pub_date=2023-02-08", "localhost", strings.NewReader(page1), "Content-Type", "text/plain")
			switch {
			case rec.Code == 503 && rec.Header().Get("Retry-After") != "" && time.Since(start) < 900*time.Millisecond:
				busy.Add(1)
			case rec.Code != 200:
				t.Errorf("HTTP %d %s after %s", rec.Code, rec.Body, time.Since(start))
			}
		}()
	}
	wg.Wait()
	// One runs, four wait: five admitted, the other five refused.
	if busy.Load() != 5 || sp.calls.Load() != 5 {
		t.Errorf("%d refused at once, %d extracted; want 5 and 5", busy.Load(), sp.calls.Load())
	}
}

// TestSecurityHeaders checks the headers every answer carries: a Content
// Security Policy that allows the page's own scripts and no eval, no
// framing, no sniffing, no referrer.
func TestSecurityHeaders(t *testing.T) {
	web := fstest.MapFS{"index.html": {Data: []byte("<p>peta</p>")}, "app.js": {Data: []byte("x=1")}}
	h := newServer(t, newStore(t), Options{Static: web}).Handler()
	for _, target := range []string{"/", "/app.js", "/nothing", "/api/stats", "/api/nothing", "/api/openapi.json"} {
		rec := send(h, "GET", target, "localhost:8080", nil)
		hd := rec.Header()
		csp := hd.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: Content-Security-Policy %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: Content-Security-Policy %q allows eval", target, csp)
		}
		for k, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "no-referrer",
		} {
			if got := hd.Get(k); got != want {
				t.Errorf("%s: %s %q, want %q", target, k, got, want)
			}
		}
	}
}

// TestStaticOnlyFiles checks that the web folder serves regular files
// inside it and nothing else: no symlink out of it, no directory listing.
func TestStaticOnlyFiles(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	for name, data := range map[string]string{
		filepath.Join(dir, "index.html"):       "<p>peta</p>",
		filepath.Join(dir, "app.js"):           "x=1",
		filepath.Join(dir, "sub", "notes.txt"): "catatan",
		filepath.Join(outside, "secret.txt"):   "rahasia",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "secret.txt")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	h := newServer(t, newStore(t), Options{Static: os.DirFS(dir)}).Handler()
	for target, want := range map[string]int{
		"/":               200,
		"/index.html":     200,
		"/app.js":         200,
		"/sub/notes.txt":  200,
		"/sub/":           404,
		"/sub":            404,
		"/secret.txt":     404,
		"/out/secret.txt": 404,
		"/out/":           404,
		"/outside":        404,
	} {
		rec := send(h, "GET", target, "localhost", nil)
		if rec.Code != want {
			t.Errorf("%s: HTTP %d, want %d: %.80q", target, rec.Code, want, rec.Body)
		}
		if strings.Contains(rec.Body.String(), "rahasia") || strings.Contains(rec.Body.String(), "notes.txt") {
			t.Errorf("%s: leaks %q", target, rec.Body)
		}
	}
}

// TestDocumentURLScheme checks that a stored document whose URL is not
// http(s) (a database written before such URLs were dropped on reading) is
// served without it, so that the page cannot make it a link.
func TestDocumentURLScheme(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	for _, d := range []store.Document{
		{Hash: strings.Repeat("a", 64), ID: "js", URL: "javascript:alert(document.cookie)", Text: "teks", Raw: []byte("teks")},
		{Hash: strings.Repeat("b", 64), ID: "web", URL: "https://www.kabardunia.id/x", Text: "teks", Raw: []byte("teks")},
	} {
		if _, err := store.Put(ctx, st, &store.Batch{Doc: d}); err != nil {
			t.Fatal(err)
		}
	}
	h := newServer(t, st, Options{}).Handler()
	for id, want := range map[string]string{"js": "", "web": "https://www.kabardunia.id/x"} {
		var d struct{ URL string }
		ok(t, do(t, h, "GET", "/api/documents/"+id, nil), &d)
		if d.URL != want {
			t.Errorf("%s: url %q, want %q", id, d.URL, want)
		}
	}
}

// TestExtractNotes checks that a page with a stray Windows-1252 byte is
// extracted, the answer saying what was decoded.
func TestExtractNotes(t *testing.T) {
	h := newServer(t, newStore(t), Options{}).Handler()
	var x struct {
		Text   string
		Notes  []string
		Events []eventRec
	}
	ok(t, do(t, h, "POST", "/api/extract?pub_date=2023-02-08", strings.NewReader("Rusia dan Mali menandatangani perjanjian kerja sama militer di Moskow, Senin (6/2/2023), kata Menlu S\xe9rgei."), "Content-Type", "text/plain"), &x)
	if len(x.Notes) != 1 || !strings.Contains(x.Notes[0], "Windows-1252") || !strings.Contains(x.Text, "Sérgei") || len(x.Events) == 0 {
		t.Errorf("notes %q, text %q, %d events", x.Notes, x.Text, len(x.Events))
	}
	ok(t, do(t, h, "POST", "/api/extract?pub_date=2023-02-08", strings.NewReader(page1), "Content-Type", "text/plain"), &x)
	if x.Notes == nil || len(x.Notes) != 0 {
		t.Errorf("clean page: notes %#v, want []", x.Notes)
	}
}

// TestGateFreesMemory checks that the memory of a large request is given
// back when the gate is next idle, and that small requests do not cost a
// collection each.
func TestGateFreesMemory(t *testing.T) {
	s := newServer(t, newStore(t), Options{MaxBody: 4 << 20})
	var freed atomic.Int64
	s.gate.free = func() { freed.Add(1) }
	h := s.Handler()
	big := strings.Repeat(page1+"\n\n", (bigBody/len(page1))+10)
	for _, body := range []string{page1, big, page1, page1} {
		send(h, "POST", "/api/extract?pub_date=2023-02-08", "localhost", strings.NewReader(body), "Content-Type", "text/plain")
	}
	time.Sleep(100 * time.Millisecond) // free runs in its own goroutine
	if n := freed.Load(); n != 1 {
		t.Errorf("memory given back %d times, want once (after the large request)", n)
	}
}
