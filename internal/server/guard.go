package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"
)

// This file holds what protects the server and its user from hostile
// clients and hostile pages: the Host check (DNS rebinding), the
// cross-origin check (a page elsewhere making the server compute or
// write), the headers every answer carries, and the gate that bounds
// extraction work.

// contentSecurityPolicy is what the web page needs and no more: its own
// scripts (no inline script, no eval), its own style sheet plus inline
// style attributes (ECharts and cytoscape position their tooltips and
// canvases with them), data: and blob: images (the favicon, chart
// exports), fetches to this server only; no plugins, no <base>, no forms
// sent elsewhere and no framing by another page (clickjacking).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// secure is the outermost handler: it sets the security headers of every
// answer, then refuses requests whose Host is not this server's (DNS
// rebinding) and non-safe requests from a page on another origin.
func (s *Server) secure(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		// The page links to news sites: they need not learn where it runs.
		h.Set("Referrer-Policy", "no-referrer")
		// No other origin may read our answers as images or scripts.
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if !s.hostAllowed(r.Host) {
			s.writeError(w, r, &apiError{errForbidden, fmt.Errorf("host %q is not this server's (start it with --allow-host %s to allow it)", clipHost(r.Host), hostname(r.Host))}, time.Now())
			return
		}
		if err := cop.Check(r); err != nil {
			s.writeError(w, r, &apiError{errForbidden, errors.New("cross-origin request refused: only this server's own page and non-browser clients may send " + r.Method + " requests")}, time.Now())
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostAllowed reports whether a request's Host may reach the server. A
// DNS rebinding attack points a name the attacker controls at the
// server's address, so that the attacker's page becomes "same-origin"
// with the server; its requests then carry the attacker's name. Allowed:
// loopback names (localhost and *.localhost, which browsers resolve to
// loopback themselves), IP addresses (a rebinding page cannot be served
// from an IP address that is the server's own), the host of the
// configured address, the names in Options.AllowHosts ("*": any), and no
// Host at all (HTTP/1.0 clients, never a browser).
func (s *Server) hostAllowed(host string) bool {
	name := hostname(host)
	switch {
	case name == "":
		return true
	case name == "localhost" || strings.HasSuffix(name, ".localhost"):
		return true
	case net.ParseIP(name) != nil:
		return true
	}
	for _, a := range s.hosts {
		if a == "*" || a == name {
			return true
		}
	}
	return false
}

// hostname returns the lower-cased name of a Host header, without its port
// and brackets and without a final dot.
func hostname(host string) string {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// clipHost keeps a hostile Host header short and printable in an error.
func clipHost(h string) string {
	h = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, h)
	if len(h) > 100 {
		h = h[:100] + "…"
	}
	return h
}

// allowedHosts is the list hostAllowed checks besides loopback names and
// IP addresses: the configured address's host and Options.AllowHosts.
func allowedHosts(opt Options) []string {
	var out []string
	if h := hostname(opt.Addr); h != "" && net.ParseIP(h) == nil {
		out = append(out, h)
	}
	for _, a := range opt.AllowHosts {
		if a = hostname(strings.TrimSpace(a)); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// gate bounds the extraction work in flight. At most cap(slots) requests
// clean and extract at once. Requests to the computing routes are
// admitted first, before their body is read: at most maxIn at once
// (the slots and a queue four times as long), any further one is refused
// at once (503, busy) rather than held, so that neither the bodies read
// nor the goroutines waiting grow with the number of hostile clients.
type gate struct {
	slots chan struct{}
	in    atomic.Int64
	maxIn int64
	// big says a request with a large body was admitted since the gate
	// was last idle; see enter.
	big atomic.Bool
	// free gives memory back to the OS (debug.FreeOSMemory; tests count).
	free func()
}

func newGate(n int) *gate {
	return &gate{slots: make(chan struct{}, n), maxIn: int64(5 * n), free: debug.FreeOSMemory}
}

// bigBody is the request body above which the memory an extraction used
// is given back to the OS when the gate is next idle.
const bigBody = 1 << 20

// errBusy answers a request that finds the gate full.
var errBusy = &apiError{errUnavailable, errors.New("the server is busy extracting other pages; retry in a few seconds")}

// enter admits a request whose body is size bytes (-1: unknown); leave
// must be called when its work has ended. When the last request in flight
// leaves after a large one, the memory they used is given back to the OS
// at once: the Go runtime would otherwise keep it for minutes, and a
// burst of hostile pages would leave the server holding hundreds of
// megabytes it no longer needs.
func (g *gate) enter(size int64) (leave func(), err error) {
	if g.in.Add(1) > g.maxIn {
		g.in.Add(-1)
		return nil, errBusy
	}
	if size < 0 || size > bigBody {
		g.big.Store(true)
	}
	return func() {
		if g.in.Add(-1) == 0 && g.big.CompareAndSwap(true, false) {
			go g.free()
		}
	}, nil
}

// acquire waits for a slot until ctx is done. The slot is held until
// release is called, which must be when the work has ended, not when the
// answer was sent: a request that timed out keeps its slot until the
// stage it is in returns.
func (g *gate) acquire(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := ctx.Err(); err != nil { // both were ready: the request is over
		<-g.slots
		return nil, err
	}
	return func() { <-g.slots }, nil
}
