package ingest

import (
	"testing"
	"time"
)

func TestRobots(t *testing.T) {
	const google = `# example
User-agent: *
Disallow: /private
Allow: /private/public
Disallow: /*.pdf$
Disallow: /search?
Disallow: /fish*.php
Crawl-delay: 2

User-agent: badbot
User-agent: mitra/0.1
Disallow: /only-for-us
Allow: /only-for-us/open$

User-agent: Mitra
Disallow: /also
`
	tests := []struct {
		robots, agent, path string
		want                bool
	}{
		{google, "mitra", "/", true},
		{google, "mitra", "/only-for-us", false},
		{google, "mitra", "/only-for-us/x", false},
		{google, "mitra", "/only-for-us/open", true},
		{google, "mitra", "/only-for-us/open/x", false},
		{google, "mitra", "/also/x", false},
		{google, "mitra", "/private", true}, // the * group does not apply
		{google, "other", "/private", false},
		{google, "other", "/private/public/x", true},
		{google, "other", "/privately", false},
		{google, "other", "/doc.pdf", false},
		{google, "other", "/doc.pdf?x", true},
		{google, "other", "/search?q=rail", false},
		{google, "other", "/search", true},
		{google, "other", "/fish.php", false},
		{google, "other", "/Fish.php", true},
		{google, "other", "/fishheads/catfish.php?id=2", false},
		{google, "other", "/robots.txt", true},
		{"", "mitra", "/x", true},
		{"User-agent: *\nDisallow:\n", "mitra", "/x", true},
		{"User-agent: *\nDisallow: /\n", "mitra", "/x", false},
		{"User-agent: *\nDisallow: /\nAllow: /\n", "mitra", "/x", true}, // a tie: allow wins
		{"Disallow: /\n", "mitra", "/x", true},                          // no group
		{"User-agent: *\r\nDisallow: /a # comment\r\n", "mitra", "/a/b", false},
		{"User-agent: *\rDisallow: /a\r", "mitra", "/a", false},
		{"user-agent: *\nDISALLOW: /A\n", "mitra", "/a", true}, // paths are case-sensitive
		{"User-agent: *\nDisallow: /caf%c3%a9\n", "mitra", "/caf%C3%A9/menu", false},
		{"User-agent: *\nDisallow: /café\n", "mitra", "/caf%C3%A9", false},
		{"User-agent: *\nDisallow: /*/edit$\n", "mitra", "/a/b/edit", false},
		{"User-agent: *\nDisallow: /a*b*c$\n", "mitra", "/axbxbxc", false},
		{"User-agent: *\nDisallow: /a*b*c$\n", "mitra", "/axbxbxcd", true},
		{"User-agent: *\nDisallow: *\n", "mitra", "/anything", false},
		{"User-agent: *\nDisallow: private\n", "mitra", "/private", false},
		{"<html><body>Not a robots file</body></html>", "mitra", "/x", true},
	}
	for _, tt := range tests {
		r := parseRobots([]byte(tt.robots), tt.agent)
		if got := r.allowed(tt.path); got != tt.want {
			t.Errorf("%q for %s: allowed(%q) = %v, want %v", tt.robots, tt.agent, tt.path, got, tt.want)
		}
	}
	if r := parseRobots([]byte(google), "other"); r.delay != 2*time.Second {
		t.Errorf("crawl delay %s", r.delay)
	}
	if r := parseRobots([]byte("User-agent: *\nCrawl-delay: 86400\n"), "x"); r.delay != maxCrawlDelay {
		t.Errorf("crawl delay %s", r.delay)
	}
}
