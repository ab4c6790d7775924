package ingest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mitra/internal/ingest"
)

// TestFetchPrivate checks that, by default, a URL list cannot make mitra
// fetch from loopback or private addresses: not named directly, not by a
// name that resolves to one (localhost), and not through a redirect from
// one page to another local port (where an internal service would
// answer). Neither server sees a request and nothing is read.
func TestFetchPrivate(t *testing.T) {
	internal := newSite(t, "", nil)
	front := newSite(t, "", map[string]http.HandlerFunc{
		"/to-internal": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
		},
	})
	fu, _ := url.Parse(front.URL)
	byName := "http://localhost:" + fu.Port() + "/news/rail-deal.html"
	fo := ingest.FetchOptions{Timeout: time.Second, Retries: -1, PerHost: -1}
	items := fetch(t, []string{front.URL + "/to-internal", byName, "http://[::1]:" + fu.Port() + "/x", "http://0.0.0.0:" + fu.Port() + "/y"}, fo)
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4: %q", len(items), summaries(items))
	}
	for _, it := range items {
		if it.Err == nil {
			t.Errorf("read %s from a private address", it.Doc.URL)
			continue
		}
		if msg := it.Err.Error(); !strings.Contains(msg, "private or local address") || !strings.Contains(msg, "--allow-private") {
			t.Errorf("error %q does not say why", msg)
		}
	}
	if n := len(front.log()) + len(internal.log()); n != 0 {
		t.Errorf("the servers saw %d requests", n)
	}

	// Allowed for intranet use: the redirect is followed.
	fo.AllowPrivate = true
	expect(t, fetch(t, []string{front.URL + "/to-internal"}, fo),
		"DOC id=admin source="+front.URL+"/to-internal url="+internal.URL+"/admin")
}
