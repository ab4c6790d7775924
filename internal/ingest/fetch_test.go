package ingest_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"mitra/internal/ingest"
	"mitra/internal/ingest/ingesttest"
	"mitra/internal/source"
)

// hit is one request a test server saw.
type hit struct {
	path string
	at   time.Time
	ua   string
}

// site is a loopback test server that logs its requests.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	hits []hit
	n    map[string]int // requests per path
}

func newSite(t *testing.T, robots string, routes map[string]http.HandlerFunc) *site {
	s := &site{n: map[string]int{}}
	stop := make(chan struct{})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits = append(s.hits, hit{r.URL.RequestURI(), time.Now(), r.UserAgent()})
		s.n[r.URL.Path]++
		n := s.n[r.URL.Path]
		s.mu.Unlock()
		switch p := r.URL.Path; {
		case p == "/robots.txt":
			if robots == "" {
				http.NotFound(w, r)
				return
			}
			fmt.Fprint(w, robots)
		case p == "/slow":
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		case p == "/flaky" && n == 1:
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case p == "/limited" && n == 1:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case p == "/down":
			http.Error(w, "down", http.StatusBadGateway)
		case p == "/loop":
			http.Redirect(w, r, "/loop?again", http.StatusFound)
		case strings.HasPrefix(p, "/hop/"):
			var k int
			fmt.Sscanf(p, "/hop/%d", &k)
			if k == 0 {
				page(w, r)
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", k-1), http.StatusMovedPermanently)
		case p == "/pdf":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4\n")
		case p == "/huge":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>"+strings.Repeat("<p>"+ingesttest.Paragraphs[0]+"</p>", 100))
		case p == "/gone":
			http.NotFound(w, r)
		default:
			if h := routes[p]; h != nil {
				h(w, r)
				return
			}
			page(w, r)
		}
	}))
	t.Cleanup(func() {
		close(stop)
		s.Close()
	})
	return s
}

func page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, ingesttest.Page("Railway deal "+r.URL.Path))
}

func (s *site) log() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.hits...)
}

func fetch(t *testing.T, urls []string, fo ingest.FetchOptions) []source.Item {
	t.Helper()
	p := write(t, filepath.Join(t.TempDir(), "list.urls"), []byte("# test list\n\n"+strings.Join(urls, "\n")+"\n"))
	return read(t, []string{p}, ingest.Options{Fetch: fo})
}

func TestFetch(t *testing.T) {
	s := newSite(t, "User-agent: *\nDisallow: /\n\nUser-agent: Mitra\nDisallow: /private\nAllow: /private/ok\n", nil)
	u := func(p string) string { return s.URL + p }
	fo := ingest.FetchOptions{AllowPrivate: true, Timeout: 300 * time.Millisecond, PerHost: 60 * time.Millisecond, Backoff: 20 * time.Millisecond, MaxBytes: 4000}
	start := time.Now()
	items := fetch(t, []string{
		u("/news/rail-deal.html"), u("/slow"), u("/flaky"), u("/limited"), u("/loop"), u("/hop/6"), u("/hop/5"),
		u("/private/x"), u("/private/ok"), u("/pdf"), u("/huge"), u("/gone"), u("/down"), u("/news/rail-deal.html#dup"),
	}, fo)
	elapsed := time.Since(start)
	got := summaries(items)
	want := []string{
		"DOC id=rail-deal source=" + u("/news/rail-deal.html") + " url=" + u("/news/rail-deal.html"),
		"ERR " + u("/slow") + ": timed out after 300ms (4 attempts)",
		"DOC id=flaky source=" + u("/flaky") + " url=" + u("/flaky"),
		"DOC id=limited source=" + u("/limited") + " url=" + u("/limited"),
		"ERR " + u("/loop") + ": redirect loop",
		"ERR " + u("/hop/6") + ": too many redirects (more than 5)",
		"DOC id=u" + hash(u("/hop/0")) + " source=" + u("/hop/5") + " url=" + u("/hop/0"),
		"ERR " + u("/private/x") + ": robots.txt disallows",
		"DOC id=ok source=" + u("/private/ok") + " url=" + u("/private/ok"),
		"ERR " + u("/pdf") + ": not an html page (content type application/pdf)",
		"ERR " + u("/huge") + ": too large (more than 4000 bytes, limit 4000)",
		"ERR " + u("/gone") + ": http status 404 (not found)",
		"ERR " + u("/down") + ": http status 502 (bad gateway) (4 attempts)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	hits := s.log()
	if hits[0].path != "/robots.txt" {
		t.Errorf("first request %s, want /robots.txt", hits[0].path)
	}
	robots := 0
	var limited []time.Time
	for i, h := range hits {
		if h.ua != ingest.DefaultUserAgent {
			t.Errorf("request %s: User-Agent %q", h.path, h.ua)
		}
		if h.path == "/robots.txt" {
			robots++
		}
		if h.path == "/limited" {
			limited = append(limited, h.at)
		}
		// The server sees a request when the handler runs, which on a
		// loaded machine may lag the client's send by tens of
		// milliseconds: one late request makes the next gap look short.
		// Each gap must still be more than half the spacing, and the
		// spacing must hold on average.
		if i > 0 {
			if gap := h.at.Sub(hits[i-1].at); gap < fo.PerHost/2 {
				t.Errorf("request %s only %s after %s", h.path, gap, hits[i-1].path)
			}
		}
	}
	if n := len(hits); n > 1 {
		if span := hits[n-1].at.Sub(hits[0].at); span < time.Duration(n-1)*(fo.PerHost-5*time.Millisecond) {
			t.Errorf("%d requests within %s: less than %s apart on average", n, span, fo.PerHost)
		}
	}
	if robots != 1 {
		t.Errorf("robots.txt fetched %d times", robots)
	}
	if len(limited) != 2 || limited[1].Sub(limited[0]) < time.Second {
		t.Errorf("Retry-After not honoured: %v", limited)
	}
	t.Logf("%d requests in %s", len(hits), elapsed.Round(time.Millisecond))
}

func TestFetchRobots(t *testing.T) {
	fo := ingest.FetchOptions{AllowPrivate: true, Timeout: time.Second, PerHost: 10 * time.Millisecond, Retries: 1, Backoff: 10 * time.Millisecond}
	t.Run("crawl-delay", func(t *testing.T) {
		s := newSite(t, "User-agent: *\nCrawl-delay: 0.3\n", nil)
		fetch(t, []string{s.URL + "/a", s.URL + "/b", s.URL + "/c"}, fo)
		hits := s.log()
		if len(hits) != 4 {
			t.Fatalf("hits %v", hits)
		}
		for i := 2; i < len(hits); i++ {
			if gap := hits[i].at.Sub(hits[i-1].at); gap < 295*time.Millisecond {
				t.Errorf("request %s only %s after the one before", hits[i].path, gap)
			}
		}
	})
	t.Run("missing", func(t *testing.T) {
		s := newSite(t, "", nil)
		expect(t, fetch(t, []string{s.URL + "/a"}, fo), "DOC id=a source="+s.URL+"/a url="+s.URL+"/a")
	})
	t.Run("unreachable", func(t *testing.T) {
		s := newSite(t, "", map[string]http.HandlerFunc{})
		s.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "oops", http.StatusInternalServerError)
		})
		expect(t, fetch(t, []string{s.URL + "/a", s.URL + "/b"}, fo),
			"ERR "+s.URL+"/a: robots.txt unreachable (http status 500 (internal server error))",
			"ERR "+s.URL+"/b: robots.txt unreachable (http status 500 (internal server error))")
	})
	t.Run("cross-host redirect", func(t *testing.T) {
		b := newSite(t, "User-agent: *\nDisallow: /closed\n", nil)
		a := newSite(t, "", map[string]http.HandlerFunc{
			"/to-open":   func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, b.URL+"/open", http.StatusFound) },
			"/to-closed": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, b.URL+"/closed", http.StatusFound) },
		})
		expect(t, fetch(t, []string{a.URL + "/to-open", a.URL + "/to-closed"}, fo),
			"DOC id=open source="+a.URL+"/to-open url="+b.URL+"/open",
			"ERR "+a.URL+"/to-closed: robots.txt disallows")
	})
}

func TestFetchHosts(t *testing.T) {
	// Two hosts are fetched at the same time, each at its own pace.
	a := newSite(t, "", nil)
	b := newSite(t, "", nil)
	fo := ingest.FetchOptions{AllowPrivate: true, PerHost: 150 * time.Millisecond, Workers: 2}
	var urls []string
	for i := range 3 {
		urls = append(urls, fmt.Sprintf("%s/a%d", a.URL, i), fmt.Sprintf("%s/b%d", b.URL, i))
	}
	start := time.Now()
	items := fetch(t, urls, fo)
	elapsed := time.Since(start)
	var got []string
	for _, it := range items {
		if it.Err != nil {
			t.Error(it.Err)
			continue
		}
		got = append(got, it.Doc.ID)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "a0 a1 a2 b0 b1 b2" {
		t.Errorf("got %v", got)
	}
	// Each host: robots.txt and three pages, 150ms apart: at least 450ms,
	// well under the 900ms of one host after the other.
	if elapsed > 850*time.Millisecond {
		t.Errorf("two hosts took %s: not fetched in parallel", elapsed)
	}
}

func TestFetchCancel(t *testing.T) {
	s := newSite(t, "", nil)
	p := write(t, filepath.Join(t.TempDir(), "list.urls"), []byte(s.URL+"/slow\n"+s.URL+"/a\n"+s.URL+"/b\n"))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	var got []string
	ingest.Read(ctx, []string{p, p}, nil, ingest.Options{Fetch: ingest.FetchOptions{AllowPrivate: true, PerHost: -1}}, func(it source.Item) {
		got = append(got, summary(it))
	})
	if d := time.Since(start); d > time.Second {
		t.Errorf("Read took %s after cancellation", d)
	}
	want := "ERR " + p + ": canceled (3 of 3 URLs not fetched)"
	if strings.Join(got, "\n") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestURLList(t *testing.T) {
	s := newSite(t, "", nil)
	dir := t.TempDir()
	list := write(t, filepath.Join(dir, "list.txt"), []byte("\ufeff# news\n"+s.URL+"/a\n  "+s.URL+"/b?id=7  \nnot a url\nhttp://\nmailto:x@y\n"+strings.Repeat("x", 70000)+"\n"))
	empty := write(t, filepath.Join(dir, "empty.urls"), []byte("# nothing yet\n\n"))
	items := read(t, []string{"urls:" + list, empty, "urls:" + filepath.Join(dir, "missing")}, ingest.Options{Fetch: ingest.FetchOptions{AllowPrivate: true, PerHost: -1}})
	expect(t, items,
		`ERR `+list+`:4: bad URL "not a url" (not an http or https URL)`,
		`ERR `+list+`:5: bad URL "http://" (no host)`,
		`ERR `+list+`:6: bad URL "mailto:x@y" (not an http or https URL)`,
		`ERR `+list+`:7: line too long (more than 65536 bytes)`,
		"DOC id=a source="+s.URL+"/a url="+s.URL+"/a",
		"DOC id=u"+hash(s.URL+"/b?id=7")+" source="+s.URL+"/b?id=7 url="+s.URL+"/b?id=7",
		"ERR "+empty+": no URLs",
		"ERR "+filepath.Join(dir, "missing")+": no such file or directory",
	)
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}
