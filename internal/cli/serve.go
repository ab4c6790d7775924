package cli

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"mitra/internal/server"
	"mitra/internal/web"
)

var cmdServe = &Command{
	Name:  "serve",
	Usage: "[--db PATH] [--addr 127.0.0.1:8080] [--token TOKEN] [--timeout 30s] [--web DIR] [--allow-host NAME,…]",
	Short: "serve the JSON API (and the web page) over the database; writes (POST /api/ingest, corrections) need --token or MITRA_TOKEN",
}

func init() { cmdServe.Run = runServe }

func runServe(env *Env, args []string) int {
	fs := newFlags(env, cmdServe)
	dbPath := dbFlag(fs)
	addr := fs.String("addr", server.DefaultAddr, "listen address (port 0 picks a free port)")
	token := fs.String("token", "", "bearer token that allows POST /api/ingest and corrections (default $MITRA_TOKEN; none: writes are off)")
	webDir := fs.String("web", "", "serve the web page from this folder (a build of internal/web) instead of the embedded one")
	timeout := fs.Duration("timeout", 30*time.Second, "time allowed for one request")
	allowHost := fs.String("allow-host", "", "host names, comma-separated, that requests may name besides localhost, IP addresses and --addr's host (DNS rebinding protection; * allows any)")
	if _, err := parseFlags(fs, args); err != nil {
		return ExitUsage
	}
	static, closeStatic, err := pageFS(*webDir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra serve: --web: %v\n", err)
		return ExitUsage
	}
	defer closeStatic()
	if *token == "" {
		*token = os.Getenv("MITRA_TOKEN")
	}
	p, err := newPipeline()
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra serve: %v\n", err)
		return ExitUsage
	}
	// Without a token the server only reads: like the other read-only
	// commands it refuses a database that does not exist. With one it may
	// ingest, and creates the database as ingest does.
	open := openExisting
	if *token != "" {
		open = openDB
	}
	db, path, err := open(env.Ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra serve: %v\n", err)
		return ExitInput
	}
	defer db.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "mitra serve: %v\n", err)
		return ExitUsage
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := server.New(db, p, p.Gazetteer(), server.Options{Addr: ln.Addr().String(), Token: *token, Timeout: *timeout, Log: log, Static: static,
		AllowHosts: allowedHosts(*addr, *allowHost)})
	writes := "off (no token)"
	if *token != "" {
		writes = "on (bearer token)"
	}
	fmt.Fprintf(env.Stdout, "mitra serve: http://%s/ (API: /api/openapi.json) on %s; writes %s\n", ln.Addr(), path, writes)
	if err := srv.Serve(env.Ctx, ln); err != nil {
		fmt.Fprintf(env.Stderr, "mitra serve: %v\n", err)
		return ExitInput
	}
	return ExitOK
}

// pageFS is the web page to serve: the embedded build, or a folder given
// with --web (for working on the page without rebuilding mitra), opened as
// an os.Root so that no path or symbolic link leads out of it; release
// releases it.
func pageFS(dir string) (fsys fs.FS, release func(), err error) {
	if dir == "" {
		return web.FS(), func() {}, nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	return root.FS(), func() { root.Close() }, nil
}

// allowedHosts is the --allow-host list and the host of --addr (by name:
// the listener's address is only its IP).
func allowedHosts(addr, list string) []string {
	hosts := []string{addr}
	for _, h := range strings.Split(list, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	return hosts
}
