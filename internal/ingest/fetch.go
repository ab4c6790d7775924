package ingest

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mitra/internal/article"
	"mitra/internal/source"
)

// DefaultUserAgent is the User-Agent of fetches; its product token "mitra"
// is the name robots.txt rules are matched against.
const DefaultUserAgent = "mitra/0.1 (+https://github.com/mitra-events; news event research)"

const (
	maxRedirects = 5
	// maxRetryAfter is the longest Retry-After waited for; a server that
	// asks for more is given up on.
	maxRetryAfter = 2 * time.Minute
	maxBackoff    = 30 * time.Second
	// maxURLLine limits one line of a URL list.
	maxURLLine = 64 << 10
)

// FetchOptions configure how URL lists are fetched. The zero value is ready
// to use; zero fields take the defaults below.
type FetchOptions struct {
	Timeout time.Duration // per request (attempt), including the body; default 20s
	// Retries is the number of retries after a 5xx or 429 status, a timeout
	// or a failed connection; default 3, negative for none. Retries wait an
	// exponential back-off with jitter (Backoff, 2×Backoff, …) or the
	// server's Retry-After, if it asks for at most two minutes.
	Retries int
	Backoff time.Duration // first back-off; default 500ms
	// PerHost is the minimum gap between two requests to one host (scheme,
	// name and port), robots.txt included; default 1s, negative for none. A
	// longer robots.txt Crawl-delay (up to a minute) wins.
	PerHost   time.Duration
	UserAgent string // default DefaultUserAgent
	MaxBytes  int64  // body size limit; default the Source limit
	Workers   int    // hosts fetched at the same time; default 4
	// AllowPrivate lets URL lists fetch from loopback, private, link-local
	// and other non-public addresses (pages on an intranet). Off, every
	// address dialled — after each redirect and each DNS answer — must be
	// a public one (see guard.go).
	AllowPrivate bool
	// Client, when set, is used with its own transport: the check of
	// AllowPrivate is then the caller's.
	Client *http.Client

	// allow replaces the public-address test (tests only).
	allow func(netip.AddrPort) bool
}

// fetcher fetches the URLs of every list of one Read: robots.txt files and
// per-host gaps are shared.
type fetcher struct {
	opt    FetchOptions
	max    int64
	client *http.Client
	own    bool   // client made here
	agent  string // robots.txt product token
	mu     sync.Mutex
	hosts  map[string]*host
}

func newFetcher(opt FetchOptions, src source.Options) *fetcher {
	if opt.Timeout <= 0 {
		opt.Timeout = 20 * time.Second
	}
	switch {
	case opt.Retries == 0:
		opt.Retries = 3
	case opt.Retries < 0:
		opt.Retries = 0
	}
	if opt.Backoff <= 0 {
		opt.Backoff = 500 * time.Millisecond
	}
	switch {
	case opt.PerHost == 0:
		opt.PerHost = time.Second
	case opt.PerHost < 0:
		opt.PerHost = 0
	}
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	if opt.Workers <= 0 {
		opt.Workers = 4
	}
	f := &fetcher{opt: opt, max: opt.MaxBytes, hosts: map[string]*host{}}
	if f.max <= 0 {
		f.max = src.Limit()
	}
	var c http.Client
	if opt.Client != nil {
		c = *opt.Client
	} else {
		f.own = true
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if !opt.AllowPrivate {
			g := &guard{allow: opt.allow}
			if g.allow == nil {
				g.allow = func(ap netip.AddrPort) bool { return public(ap.Addr()) }
			}
			g.install(tr)
		}
		c.Transport = tr
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	f.client = &c
	f.agent = strings.ToLower(opt.UserAgent)
	if i := strings.IndexAny(f.agent, "/ \t"); i >= 0 {
		f.agent = f.agent[:i]
	}
	return f
}

func (f *fetcher) close() {
	if f.own {
		f.client.CloseIdleConnections()
	}
}

// host is what is known of one host.
type host struct {
	mu   sync.Mutex
	next time.Time // earliest time of the next request
	gap  time.Duration

	once   sync.Once
	robots *robots
	err    error // robots.txt unreachable
}

func hostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return u.Scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

func (f *fetcher) host(u *url.URL) *host {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := hostKey(u)
	h := f.hosts[k]
	if h == nil {
		h = &host{gap: f.opt.PerHost}
		f.hosts[k] = h
	}
	return h
}

// wait blocks until a request to h may go out, and books it.
func (h *host) wait(ctx context.Context) error {
	for {
		h.mu.Lock()
		now := time.Now()
		if !now.Before(h.next) {
			h.next = now.Add(h.gap)
			h.mu.Unlock()
			return nil
		}
		d := h.next.Sub(now)
		h.mu.Unlock()
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// urlFile fetches the URLs listed in the file p.
func (r *reader) urlFile(p string) {
	f, err := os.Open(p)
	if err != nil {
		r.fail("%s: %s", p, source.Reason(err))
		return
	}
	var urls []string
	seen := map[string]bool{}
	br := bufio.NewReader(f)
	bad := 0
	for n := 1; ; n++ {
		line, long, err := readURLLine(br)
		if err != nil && err != io.EOF {
			r.fail("%s:%d: %s", p, n, source.Reason(err))
			bad++
			break
		}
		s := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		switch {
		case long:
			r.fail("%s:%d: line too long (more than %d bytes)", p, n, maxURLLine)
			bad++
		case s == "" || strings.HasPrefix(s, "#"):
		default:
			u, reason := checkURL(s)
			if reason != "" {
				r.fail("%s:%d: bad URL %q (%s)", p, n, clip([]byte(s), 80), reason)
				bad++
			} else if !seen[u] {
				seen[u] = true
				urls = append(urls, u)
			}
		}
		if err == io.EOF {
			break
		}
	}
	f.Close()
	if len(urls) == 0 {
		if bad == 0 {
			r.fail("%s: no URLs", p)
		}
		return
	}
	if r.fetch == nil {
		r.fetch = newFetcher(r.opt.Fetch, r.opt.Source)
	}
	r.fetch.run(r.ctx, p, urls, r.out)
}

// readURLLine reads one line; long says it was longer than maxURLLine and
// has been skipped.
func readURLLine(br *bufio.Reader) (line string, long bool, err error) {
	var b []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if len(b)+len(chunk) > maxURLLine {
				long, b = true, nil
			} else {
				b = append(b, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return string(b), long, err
	}
}

// checkURL returns the URL s in normal form, or why it cannot be fetched.
func checkURL(s string) (string, string) {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", err.Error()
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", "not an http or https URL"
	}
	if u.Host == "" {
		return "", "no host"
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String(), ""
}

// run fetches urls, listed in the file name, and reports them in the order
// they complete. On cancellation it reports one error for the URLs not
// fetched.
func (f *fetcher) run(ctx context.Context, name string, urls []string, o *output) {
	var order []string
	groups := map[string][]string{}
	for _, s := range urls {
		u, _ := url.Parse(s)
		k := hostKey(u)
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], s)
	}
	var left atomic.Int64
	left.Store(int64(len(urls)))
	work := make(chan []string)
	var wg sync.WaitGroup
	for range min(f.opt.Workers, len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range work {
				for _, s := range g {
					if ctx.Err() != nil {
						return
					}
					if f.one(ctx, s, o) {
						left.Add(-1)
					}
				}
			}
		}()
	}
feed:
	for _, k := range order {
		select {
		case work <- groups[k]:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if n := left.Load(); n > 0 && ctx.Err() != nil {
		o.item(source.Item{Err: errorf("%s: canceled (%d of %d URLs not fetched)", name, n, len(urls))})
	}
}

// one fetches the URL s and reports it; false means it was interrupted by
// cancellation and reported nothing.
func (f *fetcher) one(ctx context.Context, s string, o *output) bool {
	d, b, err := f.page(ctx, s)
	if err != nil {
		if ctx.Err() != nil {
			return false
		}
		o.item(source.Item{Err: errorf("%s: %s", s, err)})
		return true
	}
	o.page(s, d, b)
	return true
}

// response is what one attempt got.
type response struct {
	status int
	header http.Header
	body   []byte
}

// page fetches the HTML page at s, following redirects.
func (f *fetcher) page(ctx context.Context, s string) (*article.Doc, []byte, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{u.String(): true}
	for hop := 0; ; hop++ {
		if err := f.allowed(ctx, u); err != nil {
			return nil, nil, err
		}
		res, err := f.get(ctx, u, false)
		if err != nil {
			return nil, nil, err
		}
		if next, err := redirect(u, res); err != nil || next != nil {
			if err != nil {
				return nil, nil, err
			}
			if seen[next.String()] {
				return nil, nil, errors.New("redirect loop")
			}
			if hop == maxRedirects {
				return nil, nil, fmt.Errorf("too many redirects (more than %d)", maxRedirects)
			}
			seen[next.String()] = true
			u = next
			continue
		}
		if res.status < 200 || res.status > 299 {
			return nil, nil, statusErr(res.status)
		}
		b, err := toUTF8(res.body, res.header.Get("Content-Type"))
		if err != nil {
			return nil, nil, err
		}
		d := &article.Doc{ID: urlID(u), URL: u.String(), Source: s, Format: "html"}
		return d, b, nil
	}
}

// redirect returns the target of a redirect response, or nil.
func redirect(u *url.URL, res *response) (*url.URL, error) {
	switch res.status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return nil, nil
	}
	loc := res.header.Get("Location")
	if loc == "" {
		return nil, fmt.Errorf("http %d redirect without a location", res.status)
	}
	next, err := u.Parse(loc)
	if err != nil || next.Scheme != "http" && next.Scheme != "https" || next.Host == "" {
		return nil, fmt.Errorf("bad redirect location %q", clip([]byte(loc), 80))
	}
	next.Fragment, next.RawFragment = "", ""
	return next, nil
}

func statusErr(code int) error {
	if t := http.StatusText(code); t != "" {
		return fmt.Errorf("http status %d (%s)", code, strings.ToLower(t))
	}
	return fmt.Errorf("http status %d", code)
}

// urlID names a fetched page: the last segment of its path without its
// extension, or, for paths without a telling name (index.html, /2026/03/04/)
// and for URLs with a query, "u" and a hash of the URL.
func urlID(u *url.URL) string {
	seg := path.Base(u.Path)
	seg = strings.TrimSuffix(seg, path.Ext(seg))
	switch strings.ToLower(seg) {
	case "", ".", "/", "index", "default", "article", "story", "news", "amp", "content", "view", "detail", "read":
		seg = ""
	}
	if len(seg) < 5 && strings.Trim(seg, "0123456789") == "" {
		seg = "" // a day or page number, as in /2026/03/04/
	}
	if seg == "" || u.RawQuery != "" {
		h := sha256.Sum256([]byte(u.String()))
		return "u" + hex.EncodeToString(h[:8])
	}
	return seg
}

// allowed checks u against its host's robots.txt, fetched once.
func (f *fetcher) allowed(ctx context.Context, u *url.URL) error {
	h := f.host(u)
	h.once.Do(func() { h.robots, h.err = f.robots(ctx, u) })
	if h.err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var pe *privateError
		if errors.As(h.err, &pe) {
			return pe
		}
		return fmt.Errorf("robots.txt unreachable (%s)", h.err)
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if !h.robots.allowed(p) {
		return errors.New("robots.txt disallows")
	}
	return nil
}

// robots fetches and reads the robots.txt file of u's host. Following RFC
// 9309, a missing file (4xx) allows everything and an unreachable one (5xx,
// network failure) is an error, which disallows everything.
func (f *fetcher) robots(ctx context.Context, u *url.URL) (*robots, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	h := f.host(u)
	for hop := 0; ; hop++ {
		res, err := f.get(ctx, ru, true)
		if err != nil {
			return nil, err
		}
		next, err := redirect(ru, res)
		if err != nil {
			return nil, err
		}
		if next != nil {
			if hop == maxRedirects {
				return nil, nil // as if missing
			}
			ru = next
			continue
		}
		switch {
		case res.status >= 200 && res.status <= 299:
			rb := parseRobots(res.body, f.agent)
			if rb != nil && rb.delay > f.opt.PerHost {
				h.mu.Lock()
				h.gap = rb.delay
				h.mu.Unlock()
			}
			return rb, nil
		case res.status >= 400 && res.status <= 499 && res.status != http.StatusTooManyRequests:
			return nil, nil
		default:
			return nil, statusErr(res.status)
		}
	}
}

// get requests u, retrying 5xx and 429 statuses, timeouts and failed
// connections. For robots.txt (robotsTxt) the body is cut at maxRobots;
// for a page, a non-HTML type or a body over the limit is an error. A
// status that is still 5xx or 429 after the retries is returned as an
// error for pages and as a response for robots.txt.
func (f *fetcher) get(ctx context.Context, u *url.URL, robotsTxt bool) (*response, error) {
	h := f.host(u)
	for attempt := 0; ; attempt++ {
		if err := h.wait(ctx); err != nil {
			return nil, err
		}
		res, retry, err := f.attempt(ctx, u, robotsTxt)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !retry {
			return res, err
		}
		var wait time.Duration
		if res != nil {
			if err == nil {
				err = statusErr(res.status)
			}
			if ra, ok := retryAfter(res.header.Get("Retry-After")); ok {
				if ra > maxRetryAfter {
					return giveUp(res, robotsTxt, fmt.Errorf("%s, retry after %s", err, ra.Round(time.Second)))
				}
				wait = ra
			}
		}
		if attempt >= f.opt.Retries {
			if attempt > 0 {
				err = fmt.Errorf("%s (%d attempts)", err, attempt+1)
			}
			return giveUp(res, robotsTxt, err)
		}
		if wait == 0 {
			wait = min(f.opt.Backoff<<attempt, maxBackoff)
			wait = wait/2 + rand.N(wait/2+1)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

func giveUp(res *response, robotsTxt bool, err error) (*response, error) {
	if robotsTxt && res != nil {
		return res, nil
	}
	return nil, err
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(min(s, 1<<31)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// attempt makes one request. retry says the failure may pass.
func (f *fetcher) attempt(ctx context.Context, u *url.URL, robotsTxt bool) (*response, bool, error) {
	actx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	if robotsTxt {
		req.Header.Set("Accept", "text/plain, */*;q=0.5")
	} else {
		req.Header.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.1")
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, retryable(err), f.netErr(actx, err)
	}
	defer resp.Body.Close()
	res := &response{status: resp.StatusCode, header: resp.Header}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return res, true, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return res, false, nil
	}
	limit := f.max
	if robotsTxt {
		limit = maxRobots
	} else {
		ct := resp.Header.Get("Content-Type")
		if mt, ok := htmlType(ct); ct != "" && !ok {
			return nil, false, fmt.Errorf("not an html page (content type %s)", mt)
		}
		if resp.ContentLength > limit && resp.Header.Get("Content-Encoding") == "" {
			return nil, false, fmt.Errorf("too large (%d bytes, limit %d)", resp.ContentLength, limit)
		}
	}
	b, err := readBody(resp.Body, resp.Header, limit, robotsTxt)
	if err != nil {
		var be *bodyErr
		switch {
		case actx.Err() != nil || isTimeout(err):
			return nil, true, f.netErr(actx, err)
		case errors.As(err, &be) && !errors.Is(err, io.ErrUnexpectedEOF):
			return nil, false, err // the content is at fault: no retry
		}
		return nil, true, f.netErr(actx, err)
	}
	res.body = b
	if !robotsTxt && resp.Header.Get("Content-Type") == "" {
		if mt, ok := htmlType(http.DetectContentType(b)); !ok {
			return nil, false, fmt.Errorf("not an html page (no content type, looks like %s)", mt)
		}
	}
	return res, false, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// retryable says whether a failed request may succeed later: not when the
// host does not exist or its certificate is bad.
func retryable(err error) bool {
	var de *net.DNSError
	var ce *tls.CertificateVerificationError
	var pe *privateError
	return !(errors.As(err, &de) && de.IsNotFound) && !errors.As(err, &ce) && !errors.As(err, &pe)
}

// netErr explains a failed request.
func (f *fetcher) netErr(actx context.Context, err error) error {
	var pe *privateError
	if errors.As(err, &pe) {
		return pe
	}
	if actx.Err() == context.DeadlineExceeded || isTimeout(err) {
		return fmt.Errorf("timed out after %s", f.opt.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		err = oe.Err
		var se *os.SyscallError
		if errors.As(err, &se) {
			err = se.Err
		}
	}
	return errors.New(strings.TrimPrefix(err.Error(), "net/http: "))
}
