package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mitra/internal/source"
)

func TestPublic(t *testing.T) {
	for s, want := range map[string]bool{
		"93.184.216.34": true, "8.8.8.8": true, "2606:4700::1111": true, "2001:4860:4860::8888": true,
		"127.0.0.1": false, "127.8.9.10": false, "10.1.2.3": false, "172.16.0.1": false, "172.31.255.255": false,
		"192.168.1.1": false, "169.254.169.254": false, "0.0.0.0": false, "0.1.2.3": false, "100.64.0.1": false,
		"100.127.255.254": false, "224.0.0.1": false, "255.255.255.255": false, "198.18.0.1": false,
		"::1": false, "::": false, "fe80::1": false, "fc00::1": false, "fd12:3456::1": false, "ff02::1": false,
		"::ffff:127.0.0.1": false, "::ffff:10.0.0.1": false, "::ffff:8.8.8.8": true,
		"64:ff9b::a00:1": false, "64:ff9b::808:808": true, "2002:7f00:1::": false, "2002:808:808::": true,
		"fec0::1": false, "100.63.255.255": true, "172.32.0.1": true,
	} {
		if got := public(netip.MustParseAddr(s)); got != want {
			t.Errorf("public(%s) = %v, want %v", s, got, want)
		}
	}
}

// TestFetchRedirectToPrivate checks the check after a redirect: a page on
// an allowed address that redirects to a refused one (here: another local
// port, standing for an internal service behind a public site) gives an
// error, and the refused server sees no request, not even for robots.txt.
func TestFetchRedirectToPrivate(t *testing.T) {
	var internalHits atomic.Int64
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		fmt.Fprint(w, "<html><body><p>rahasia internal</p></body></html>")
	}))
	defer internal.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
	}))
	defer front.Close()
	fu, _ := url.Parse(front.URL)
	frontPort := fu.Port()
	opt := FetchOptions{Timeout: time.Second, Retries: -1, PerHost: -1,
		allow: func(ap netip.AddrPort) bool { return fmt.Sprint(ap.Port()) == frontPort }}
	f := newFetcher(opt, source.Options{})
	defer f.close()
	_, _, err := f.page(context.Background(), front.URL+"/news")
	if err == nil || !strings.Contains(err.Error(), "private or local address") {
		t.Errorf("redirect to an internal address: error %v", err)
	}
	if n := internalHits.Load(); n != 0 {
		t.Errorf("the internal server saw %d requests", n)
	}
}
