package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mitra/internal/store/sqlite"
)

// TestServe runs `mitra serve` on a free loopback port over an ingested
// database, queries it, and stops it.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	if _, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", samplesDir(t)); code != ExitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		code := Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, io.Discard)
		pw.Close()
		done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	base := strings.TrimSuffix(strings.Fields(line)[2], "/")
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("no address in %q", line)
	}
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(base + "/api/events?pair=RUS,MLI&limit=5")
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Status string
		Data   struct{ Events []json.RawMessage }
	}
	err = json.NewDecoder(resp.Body).Decode(&env)
	resp.Body.Close()
	if err != nil || env.Status != "success" || len(env.Data.Events) == 0 {
		t.Errorf("events: %v %+v", err, env)
	}
	resp, err = c.Post(base+"/api/ingest", "application/x-ndjson", strings.NewReader(`{"id":"x","text":"Rusia mengecam AS."}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("ingest without a token: %d, want 403", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("serve exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
}

// startDemo runs `mitra demo` on a free port and returns its address;
// stop cancels it and checks it exits cleanly.
func startDemo(t *testing.T, args ...string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		code := Run(ctx, append([]string{"demo", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), pw, io.Discard)
		pw.Close()
		done <- code
	}()
	br := bufio.NewReader(pr)
	for base == "" {
		line, err := br.ReadString('\n')
		if err != nil {
			cancel()
			t.Fatalf("mitra demo printed no address: %v", err)
		}
		if i := strings.Index(line, "http://"); i >= 0 {
			base = strings.TrimSuffix(strings.Fields(line[i:])[0], "/")
		}
	}
	go io.Copy(io.Discard, br)
	return base, func() {
		cancel()
		if code := <-done; code != ExitOK {
			t.Errorf("demo exit %d", code)
		}
	}
}

// TestDemo runs `mitra demo` and checks that the demo corpus and the web
// page are served: the Mali–France timeline has events, / is the page.
func TestDemo(t *testing.T) {
	base, stop := startDemo(t)
	defer stop()
	page, err := (&http.Client{Timeout: 10 * time.Second}).Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != 200 || !strings.Contains(string(body), `src="app.js"`) {
		t.Errorf("GET /: HTTP %d, not the web page: %.200s", page.StatusCode, body)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Get(base + "/api/pairs/MLI/FRA/series?period=month")
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Data struct{ Points []struct{ Events int } }
	}
	err = json.NewDecoder(resp.Body).Decode(&env)
	resp.Body.Close()
	n := 0
	for _, p := range env.Data.Points {
		n += p.Events
	}
	if err != nil || n < 3 {
		t.Errorf("MLI–FRA series: %v, %d events", err, n)
	}
}

// sharedDemoDB returns the demo corpus's database, built as `mitra demo`
// builds it, once per test binary (TestMain removes it): tests only read
// it (tests that correct the record take their own, demoDB).
func sharedDemoDB(t *testing.T) string {
	t.Helper()
	path, err := demoOnce()
	if err != nil {
		t.Fatal(err)
	}
	return path
}

var sharedDemoTmp string // removed by TestMain

var demoOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mitra-cli-demo-")
	if err != nil {
		return "", err
	}
	sharedDemoTmp = dir
	path := filepath.Join(dir, "demo.db")
	p, err := newPipeline()
	if err != nil {
		return "", err
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		return "", err
	}
	var errs []error
	snap, err := loadDemo(context.Background(), db, p, func(err error) { errs = append(errs, err) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && (len(errs) > 0 || snap.Stored < 50) {
		err = fmt.Errorf("demo database: %d pages stored, errors %v", snap.Stored, errs)
	}
	return path, err
})

// startServe runs `mitra serve` with args on a free port and returns its
// address; stop cancels it.
func startServe(t *testing.T, args ...string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		code := Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), pw, io.Discard)
		pw.Close()
		done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("mitra serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, pr)
	base = strings.TrimSuffix(strings.Fields(line)[2], "/")
	return base, func() {
		cancel()
		if code := <-done; code != ExitOK {
			t.Errorf("serve exit %d", code)
		}
	}
}

// TestServeWeb checks `serve --web DIR`: regular files inside DIR are
// served, a symbolic link out of it and a folder listing are not; and
// --allow-host adds a name the Host header may carry.
func TestServeWeb(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	for name, data := range map[string]string{
		filepath.Join(dir, "index.html"):     "<p>peta</p>",
		filepath.Join(dir, "sub", "a.txt"):   "isi",
		filepath.Join(outside, "secret.txt"): "rahasia",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "secret.txt")); err != nil {
		t.Fatal(err)
	}
	// serve without a token reads an existing database only.
	base, stop := startServe(t, "--db", sharedDemoDB(t), "--web", dir, "--allow-host", "peta.example, lain.example")
	defer stop()
	c := &http.Client{Timeout: 10 * time.Second}
	get := func(path, host string) (int, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if host != "" {
			req.Host = host
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for path, want := range map[string]int{"/": 200, "/sub/a.txt": 200, "/sub/": 404, "/out/secret.txt": 404, "/secret.txt": 404, "/out/": 404} {
		code, body := get(path, "")
		if code != want || strings.Contains(body, "rahasia") || strings.Contains(body, "a.txt") {
			t.Errorf("GET %s: HTTP %d %.80q, want %d", path, code, body, want)
		}
	}
	for host, want := range map[string]int{"peta.example": 200, "lain.example:80": 200, "evil.example": 403, "localhost": 200} {
		if code, body := get("/api/health", host); code != want {
			t.Errorf("Host %s: HTTP %d %.80q, want %d", host, code, body, want)
		}
	}
}
