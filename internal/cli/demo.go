package cli

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"mitra/internal/demo"
	"mitra/internal/pipeline"
	"mitra/internal/server"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/sqlite"
)

var cmdDemo = &Command{
	Name:  "demo",
	Usage: "[--addr 127.0.0.1:8080] [--keep DB] [--web DIR] [--token TOKEN | --read-only]",
	Short: "load the bundled demo corpus into a temporary database and serve it (API and page); prints the address",
}

func init() { cmdDemo.Run = runDemo }

func runDemo(env *Env, args []string) int {
	fs := newFlags(env, cmdDemo)
	addr := fs.String("addr", server.DefaultAddr, "listen address (port 0 picks a free port)")
	webDir := fs.String("web", "", "serve the web page from this folder (a build of internal/web) instead of the embedded one")
	keep := fs.String("keep", "", "build the database at this path and keep it (default: a temporary one, removed on exit)")
	token := fs.String("token", "", "bearer token for corrections and ingest from the page and the API (default: a random one, printed)")
	readOnly := fs.Bool("read-only", false, "no corrections, no ingest: writes are off")
	if _, err := parseFlags(fs, args); err != nil {
		return ExitUsage
	}
	if *readOnly {
		*token = ""
	} else if *token == "" {
		var b [9]byte
		if _, err := rand.Read(b[:]); err != nil {
			fmt.Fprintf(env.Stderr, "mitra demo: %v\n", err)
			return ExitInput
		}
		*token = base64.RawURLEncoding.EncodeToString(b[:])
	}
	static, closeStatic, err := pageFS(*webDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra demo: --web: %v\n", err)
		return ExitUsage
	}
	defer closeStatic()
	path := *keep
	if path == "" {
		dir, err := os.MkdirTemp("", "mitra-demo-")
		if err != nil {
			fmt.Fprintf(env.Stderr, "mitra demo: %v\n", err)
			return ExitInput
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	p, err := newPipeline()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra demo: %v\n", err)
		return ExitUsage
	}
	db, err := sqlite.Open(env.Ctx, path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra demo: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	start := time.Now()
	snap, err := loadDemo(env.Ctx, db, p, func(err error) { fmt.Fprintf(env.Stderr, "mitra demo: %s\n", printable(err.Error())) })
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra demo: %v\n", err)
		return ExitInput
	}
	if n, err := db.Reapply(env.Ctx); err != nil {
		fmt.Fprintf(env.Stderr, "mitra demo: %v\n", err)
		return ExitInput
	} else if n > 0 {
		fmt.Fprintf(env.Stdout, "mitra demo: %d corrections reapplied to pages stored again\n", n)
	}
	fmt.Fprintf(env.Stdout, "mitra demo: %d pages, %d events loaded into %s in %.1fs\n", snap.Stored, snap.Events, path, time.Since(start).Seconds())
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra demo: %v (try --addr 127.0.0.1:0)\n", err)
		return ExitUsage
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := server.New(db, p, p.Gazetteer(), server.Options{Addr: ln.Addr().String(), Token: *token, Log: log, Static: static, AllowHosts: allowedHosts(*addr, "")})
	if *token != "" {
		fmt.Fprintf(env.Stdout, "mitra demo: corrections are on: the page's Review button asks for the token %s\n", *token)
	}
	fmt.Fprintf(env.Stdout, "mitra demo: open http://%s/ (API: /api/openapi.json); Ctrl-C stops\n", ln.Addr())
	if err := srv.Serve(env.Ctx, ln); err != nil {
		fmt.Fprintf(env.Stderr, "mitra demo: %v\n", err)
		return ExitInput
	}
	return ExitOK
}

// demoPages returns the embedded demo corpus.
func demoPages() (fs.FS, error) {
	return fs.Sub(demo.Pages, "pages")
}

// loadDemo ingests the demo corpus into st, each page with its URL from
// demo.URLs (so that the demo has outlets and links, as real data does).
func loadDemo(ctx context.Context, st store.Store, p *pipeline.Pipeline, onError func(error)) (pipeline.Snapshot, error) {
	pages, err := demoPages()
	if err != nil {
		return pipeline.Snapshot{}, err
	}
	urls, err := demo.URLs()
	if err != nil {
		return pipeline.Snapshot{}, err
	}
	prog := &pipeline.Progress{}
	err = p.Ingest(ctx, st, func(ctx context.Context, fn func(source.Item)) {
		source.ReadFS(pages, source.Options{}, func(it source.Item) {
			if it.Doc != nil && it.Doc.URL == "" {
				it.Doc.URL = urls[it.Doc.ID]
			}
			fn(it)
		})
	}, pipeline.IngestOptions{OnError: onError}, prog)
	return prog.Snapshot(), err
}
