// Package server serves mitra's record over HTTP: a JSON API under /api
// (one envelope for every answer, documented by the OpenAPI document at
// /api/openapi.json) and the web page's files at /.
//
// Every /api response is {"status":"success","data":…} or
// {"status":"error","errorType":…,"error":…} with the matching HTTP
// status; the OpenAPI document itself is the one exception, served bare so
// that tools read it. No panic reaches a client: it becomes a 500 envelope.
// All queries go through store.Store; there is no SQL here.
package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"mitra/internal/article"
	"mitra/internal/pipeline"
	"mitra/internal/store"
	"mitra/internal/summary"
)

// Defaults of Options.
const (
	DefaultAddr    = "127.0.0.1:8080"
	DefaultMaxBody = 5 << 20
	DefaultTimeout = 30 * time.Second
	// DefaultMaxText bounds the clean text of one POST /api/extract: a
	// news article is tens of kilobytes; 256 KiB is some 40,000 words.
	DefaultMaxText = 256 << 10
	// ShutdownTimeout bounds how long Run waits for requests in flight
	// once its context is cancelled.
	ShutdownTimeout = 10 * time.Second
)

// Options configure a Server. Zero fields take the defaults.
type Options struct {
	Addr    string        // listen address; default DefaultAddr
	Token   string        // bearer token for writes; "" turns POST /api/ingest off (403)
	MaxBody int64         // request body limit of extract and ingest; default DefaultMaxBody
	Timeout time.Duration // per-request handler timeout; default DefaultTimeout
	// Static holds the web page's files, served at /: regular files only,
	// never a directory listing or a symbolic link (give an os.Root's FS
	// for a folder, so that no path leads out of it). When nil, / serves
	// a small page listing the API.
	Static fs.FS
	Log    *slog.Logger // nil: discard
	// MaxExtract is how many requests to POST /api/extract and
	// /api/ingest clean and extract at once; a few more wait for a slot
	// (within the request's time), any further one is refused with a 503.
	// Default max(1, GOMAXPROCS/2), which leaves CPU to the read routes.
	MaxExtract int
	// MaxText is the longest clean text POST /api/extract extracts
	// events from, in bytes (a longer page is refused with a 413: use
	// `mitra extract`); default DefaultMaxText.
	MaxText int
	// AllowHosts are host names, besides loopback names, IP addresses and
	// the host of Addr, that a request's Host header may carry (DNS
	// rebinding protection); "*" allows any.
	AllowHosts []string
}

// Server is mitra's HTTP server. It is safe for concurrent use.
type Server struct {
	st      store.Store
	p       *pipeline.Pipeline
	parties *parties
	sum     *summary.Writer
	opt     Options
	log     *slog.Logger
	mux     *http.ServeMux
	handler http.Handler

	linkCache versioned[[]store.Link]
	leftCache versioned[leftOutJSON]
	gate      *gate
	hosts     []string // allowed Host names besides loopback names and IP addresses

	// process extracts a cleaned page's events (p.ProcessContext); tests
	// replace it to watch how extraction work is scheduled.
	process func(ctx context.Context, d *article.Doc) (pipeline.Result, error)
}

// New returns a server over st. p extracts and ingests (POST /api/extract
// and /api/ingest); names names parties (pass the Indonesian pack's
// *actor.Gazetteer: it also lets every form it knows select a party).
func New(st store.Store, p *pipeline.Pipeline, names Names, opt Options) *Server {
	if opt.Addr == "" {
		opt.Addr = DefaultAddr
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxExtract <= 0 {
		opt.MaxExtract = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if opt.MaxText <= 0 {
		opt.MaxText = DefaultMaxText
	}
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{st: st, p: p, parties: newParties(names), sum: summary.Default(), opt: opt, log: log,
		gate: newGate(opt.MaxExtract), hosts: allowedHosts(opt)}
	s.linkCache.max, s.leftCache.max = linkCacheSize, leftCacheSize
	if p != nil {
		s.process = p.ProcessContext
	}
	s.mux = s.routes()
	s.handler = s.recoverer(s.secure(s.mux))
	return s
}

// Handler returns the server's HTTP handler (the API and the page).
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on Options.Addr and serves until ctx is cancelled, then shuts
// down gracefully (see Serve).
func (s *Server) Run(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.opt.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.opt.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is cancelled, then stops accepting, waits
// up to ShutdownTimeout for requests in flight and returns nil. It closes
// ln. An error means the listener failed or the shutdown was cut short.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second, // a 5 MiB body over a slow link
		WriteTimeout:      s.opt.Timeout + 15*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.Info("serving", "addr", "http://"+ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	<-errc
	if err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	s.log.Info("stopped")
	return nil
}
