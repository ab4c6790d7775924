package ingest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"
)

// This file keeps URL lists from reaching what only the machine running
// mitra can reach (server-side request forgery): a listed URL, a redirect
// or a DNS answer that leads to a loopback, private, link-local or other
// non-public address is refused, unless FetchOptions.AllowPrivate says the
// pages are on an intranet. The check is on the address actually dialled,
// after every redirect and DNS answer, so a name that resolves to 127.0.0.1
// or changes its answer between two lookups cannot get round it.

// privateError refuses a connection to a non-public address.
type privateError struct{ addr netip.Addr }

func (e *privateError) Error() string {
	return fmt.Sprintf("refusing to connect to %s, a private or local address (use --allow-private for intranet pages)", e.addr)
}

// nonPublic lists the address ranges that are not the public internet,
// beyond what netip.Addr's methods tell (loopback, private, link-local,
// multicast, unspecified).
var nonPublic = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",         // "this network"
		"100.64.0.0/10",     // carrier-grade NAT (RFC 6598)
		"192.0.0.0/24",      // IETF protocol assignments
		"192.0.2.0/24",      // documentation
		"198.18.0.0/15",     // benchmarking
		"198.51.100.0/24",   // documentation
		"203.0.113.0/24",    // documentation
		"240.0.0.0/4",       // reserved, and 255.255.255.255
		"100::/64",          // discard
		"2001:db8::/32",     // documentation
		"fec0::/10",         // site-local (deprecated)
		"64:ff9b:1::/48",    // local-use NAT64
		"2001::/23",         // IETF protocol assignments (Teredo and others)
		"::/128", "::1/128", // unspecified, loopback
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// The IPv6 ranges that carry an IPv4 address.
var (
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4 = netip.MustParsePrefix("2002::/16")
)

// public reports whether a is an address of the public internet. Addresses
// that carry an IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96, 6to4
// 2002::/16) are judged by it.
func public(a netip.Addr) bool {
	a = a.Unmap()
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64.Contains(a):
			return public(netip.AddrFrom4([4]byte(b[12:16])))
		case sixTo4.Contains(a):
			return public(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// guard is the dialling policy of one fetcher's transport.
type guard struct {
	// allow decides an address; public unless a test says otherwise.
	allow func(netip.AddrPort) bool
	// proxies are the addresses of the proxies (from the environment) the
	// transport connects through: dialling them is the user's choice.
	proxies sync.Map
}

// control refuses a connection about to be made to a non-public address.
func (g *guard) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dialling %q: %w", address, err)
	}
	if !g.allow(ap) {
		return &privateError{ap.Addr().Unmap()}
	}
	return nil
}

// install makes tr dial through the guard. With a proxy from the
// environment, the proxy connects to the target: the target's addresses
// are then checked by a lookup of its own before the request (best
// effort: the proxy looks the name up again).
func (g *guard) install(tr *http.Transport) {
	checked := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}
	plain := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if _, ok := g.proxies.Load(addr); ok {
			return plain.DialContext(ctx, network, addr)
		}
		return checked.DialContext(ctx, network, addr)
	}
	proxy := tr.Proxy
	if proxy == nil {
		return
	}
	tr.Proxy = func(req *http.Request) (*url.URL, error) {
		pu, err := proxy(req)
		if pu == nil || err != nil {
			return pu, err
		}
		if err := g.lookup(req.Context(), req.URL); err != nil {
			return nil, err
		}
		port := pu.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[pu.Scheme]
		}
		g.proxies.Store(net.JoinHostPort(pu.Hostname(), port), true)
		return pu, nil
	}
}

// lookup checks every address u's host resolves to.
func (g *guard) lookup(ctx context.Context, u *url.URL) error {
	port, _ := netip.ParseAddrPort("0.0.0.0:" + map[string]string{"http": "80", "https": "443"}[u.Scheme])
	if p := u.Port(); p != "" {
		port, _ = netip.ParseAddrPort("0.0.0.0:" + p)
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", u.Hostname())
	if err != nil {
		return err
	}
	for _, a := range addrs {
		if !g.allow(netip.AddrPortFrom(a, port.Port())) {
			return &privateError{a.Unmap()}
		}
	}
	return nil
}
