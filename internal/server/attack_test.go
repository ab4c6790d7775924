package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestAttack is the adversarial load test: `mitra serve` runs as its own
// process over the load test's database while the normal read load of
// TestLoad runs, first alone (the baseline, in the same conditions), then
// with 8 clients sending hostile extraction requests for the whole run:
// 5 MB pages of tiny elements (as HTML and inside JSON), pages of tiny
// elements just under the API's tag limit and under the main-text
// extractor's element limit, a 5 MB page nested a million levels deep,
// text without a full stop (one sentence of 250 kB, just under the text
// limit, and one of 4.9 MB), 250 kB of dates, and cross-origin "simple"
// requests. It checks what issue 15 asks: the server's RSS stays under
// 1 GiB, the normal endpoints' p99 under 1 s with no error; it reports the
// hostile answers, the server's CPU, each endpoint's p99 against the
// baseline's, and the RSS after the attack. It runs only with
// MITRA_ATTACK=1:
//
//	MITRA_ATTACK=1 go test -run TestAttack -v -timeout 60m ./internal/server/
//
// Knobs: MITRA_ATTACK_SECONDS (default 60), MITRA_ATTACK_BASELINE (seconds
// of the normal load alone first; default the same, 0 for none),
// MITRA_ATTACK_CLIENTS (hostile clients, default 8), and TestLoad's
// MITRA_LOAD_DB, MITRA_LOAD_EVENTS and MITRA_LOAD_WORKERS.
func TestAttack(t *testing.T) {
	if os.Getenv("MITRA_ATTACK") != "1" {
		t.Skip("set MITRA_ATTACK=1 to run the adversarial load test")
	}
	seconds := envInt("MITRA_ATTACK_SECONDS", 60)
	baseline := seconds
	if v, err := strconv.Atoi(os.Getenv("MITRA_ATTACK_BASELINE")); err == nil && v >= 0 {
		baseline = v
	}
	hostileClients := envInt("MITRA_ATTACK_CLIENTS", 8)
	workers := envInt("MITRA_LOAD_WORKERS", 16)
	db, path := loadDB(t)
	db.Close()

	bin := buildMitra(t)
	srv := startServer(t, bin, "serve", "--db", path, "--addr", "127.0.0.1:0")
	base := srv.base
	t.Logf("server pid %d at %s, RSS %d MiB before the load", srv.cmd.Process.Pid, base, srv.rss()>>20)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: time.Minute}
	eps := loadEndpoints(t, client, base)

	var alone []time.Duration
	if baseline > 0 {
		t.Logf("the normal load alone for %d s:", baseline)
		start, cpu0 := time.Now(), srv.cpu()
		samples := hammer(client, base, eps, workers, time.Duration(baseline)*time.Second)
		elapsed, cpu := time.Since(start), srv.cpu()-cpu0
		alone, _ = report(t, eps, samples, elapsed, workers)
		t.Logf("server CPU %.1f s in %.1f s (%.2f cores); RSS %d MiB, VmHWM %d MiB", cpu.Seconds(), elapsed.Seconds(), cpu.Seconds()/elapsed.Seconds(), srv.rss()>>20, srv.status("VmHWM")>>20)
	}

	payloads := hostilePayloads()
	var (
		mu      sync.Mutex
		answers = map[string]map[int]int{} // payload → HTTP status → count
		slowest = map[string]time.Duration{}
	)
	stopRSS := make(chan struct{})
	var peak int64
	rssDone := make(chan struct{})
	go func() {
		defer close(rssDone)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopRSS:
				return
			case <-tick.C:
				peak = max(peak, srv.rss())
			}
		}
	}()

	t.Logf("the normal load with %d hostile clients for %d s:", hostileClients, seconds)
	d := time.Duration(seconds) * time.Second
	deadline := time.Now().Add(d)
	hostileClient := &http.Client{Timeout: 2 * time.Minute}
	var wg sync.WaitGroup
	for c := range hostileClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; time.Now().Before(deadline); i++ {
				p := payloads[i%len(payloads)]
				req, _ := http.NewRequest("POST", base+p.path, bytes.NewReader(p.body))
				for k, v := range p.header {
					req.Header.Set(k, v)
				}
				t0 := time.Now()
				code := 0
				resp, err := hostileClient.Do(req)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					code = resp.StatusCode
				}
				lat := time.Since(t0)
				mu.Lock()
				if answers[p.name] == nil {
					answers[p.name] = map[int]int{}
				}
				answers[p.name][code]++
				slowest[p.name] = max(slowest[p.name], lat)
				mu.Unlock()
			}
		}()
	}
	start, cpu0 := time.Now(), srv.cpu()
	samples := hammer(client, base, eps, workers, d)
	elapsed := time.Since(start)
	wg.Wait()
	ended := time.Now()
	cpu := srv.cpu() - cpu0
	close(stopRSS)
	<-rssDone
	hwm := srv.status("VmHWM")

	p99, errs := report(t, eps, samples, elapsed, workers)
	for i, ep := range eps {
		if len(alone) > 0 {
			t.Logf("%-14s p99 ×%.2f the baseline's", ep.name, float64(p99[i])/float64(max(alone[i], time.Microsecond)))
		}
		if p99[i] > time.Second {
			t.Errorf("%s: p99 %s under attack, want under 1s", ep.name, p99[i].Round(time.Millisecond))
		}
		if errs[i] > 0 {
			t.Errorf("%s: %d errors under attack", ep.name, errs[i])
		}
	}
	names := make([]string, 0, len(answers))
	for n := range answers {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		var parts []string
		for code, k := range answers[n] {
			parts = append(parts, fmt.Sprintf("HTTP %d ×%d", code, k))
			if code == 0 || code >= 500 && code != 503 {
				t.Errorf("hostile %s: %d answers HTTP %d (0: no answer)", n, k, code)
			}
		}
		slices.Sort(parts)
		t.Logf("hostile %-18s %s; slowest answer %s", n, strings.Join(parts, ", "), slowest[n].Round(time.Millisecond))
	}
	t.Logf("server CPU %.1f s in %.1f s (%.2f cores); RSS peak sampled %d MiB, VmHWM %d MiB", cpu.Seconds(), ended.Sub(start).Seconds(), cpu.Seconds()/ended.Sub(start).Seconds(), peak>>20, hwm>>20)
	if max(peak, hwm) >= 1<<30 {
		t.Errorf("server RSS reached %d MiB, want under 1 GiB", max(peak, hwm)>>20)
	}
	// The memory comes back once the work is over.
	for _, wait := range []time.Duration{5 * time.Second, 15 * time.Second, 30 * time.Second} {
		time.Sleep(wait - time.Since(ended))
		t.Logf("server RSS %s after the attack: %d MiB", wait, srv.rss()>>20)
	}
}

// payload is one kind of hostile request.
type payload struct {
	name, path string
	header     map[string]string
	body       []byte
}

// hostilePayloads builds the attack's requests, each within the default
// 5 MiB body limit.
func hostilePayloads() []payload {
	words := strings.Fields("rusia mali presiden menteri bantuan gandum kerja sama militer jakarta moskow bertemu dengan pada menandatangani perjanjian")
	tiny := func(n, tags int) []byte { // n bytes or tags tags of tiny elements
		var b bytes.Buffer
		b.WriteString("<html><body><p>")
		for i := 0; b.Len() < n-64 && 4*i+8 < tags; i++ {
			fmt.Fprintf(&b, "<i>%s%d</i> <b>%s</b> ", words[i%len(words)], i%97, words[(i*7)%len(words)])
			if i%50 == 49 {
				b.WriteString(".</p><p>")
			}
		}
		b.WriteString("</p></body></html>")
		return b.Bytes()
	}
	var tinyJSON bytes.Buffer
	enc := json.NewEncoder(&tinyJSON)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]string{"html": string(tiny(5<<20-8192, 1<<30)), "pub_date": "2024-01-02"})
	run := func(n int) []byte { // text without a full stop: one sentence
		var b bytes.Buffer
		for i := 0; b.Len() < n; i++ {
			b.WriteString(words[(i*5)%len(words)])
			b.WriteByte(' ')
		}
		return b.Bytes()
	}
	var dates bytes.Buffer
	for i := 0; dates.Len() < 250<<10; i++ {
		fmt.Fprintf(&dates, "Rusia dan Mali bertemu pada Senin (%d/%d/2023) dan %d Januari 2024 ", i%28+1, i%12+1, i%28+1)
	}
	nested := append([]byte("<html><body>"), bytes.Repeat([]byte("<div>"), (5<<20-100)/5)...)
	nested = append(nested, "<p>Rusia dan Mali menandatangani perjanjian.</p>"...)
	html := map[string]string{"Content-Type": "text/html"}
	plain := map[string]string{"Content-Type": "text/plain"}
	return []payload{
		{"tiny-elements", "/api/extract", html, tiny(5<<20-1024, 1<<30)},
		{"tiny-99k-tags", "/api/extract", html, tiny(5<<20, 99_000)},
		{"tiny-19k-tags", "/api/extract", html, tiny(5<<20, 19_000)},
		{"no-stop-250k", "/api/extract?pub_date=2024-01-02", plain, run(250 << 10)},
		{"tiny-json", "/api/extract", map[string]string{"Content-Type": "application/json"}, tinyJSON.Bytes()},
		{"nested-1M", "/api/extract", html, nested},
		{"no-stop-4.9M", "/api/extract?pub_date=2024-01-02", plain, run(5<<20 - 4096)},
		{"dates-250k", "/api/extract?pub_date=2024-01-02", plain, dates.Bytes()},
		{"cross-origin", "/api/extract?pub_date=2024-01-02", map[string]string{"Content-Type": "text/plain", "Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}, run(250 << 10)},
	}
}

// buildMitra builds the mitra command into a temporary folder.
func buildMitra(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "mitra")
	out, err := exec.Command(goTool, "build", "-o", bin, "mitra/cmd/mitra").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// process is a mitra server running as a process of its own.
type process struct {
	cmd  *exec.Cmd
	base string
}

// startServer starts bin with args (a serve or demo command listening on
// port 0) and waits for its address; the test's end stops it.
func startServer(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 15 * time.Second
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})
	br := bufio.NewReader(out)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("%s printed no address: %v", bin, err)
		}
		if i := strings.Index(line, "http://"); i >= 0 {
			go io.Copy(io.Discard, br)
			return &process{cmd: cmd, base: strings.TrimSuffix(strings.Fields(line[i:])[0], "/")}
		}
	}
}

// status reads a size field of /proc/PID/status in bytes (0 when it
// cannot).
func (p *process) status(field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func (p *process) rss() int64 { return p.status("VmRSS") }

// cpu reads the process's user and system CPU time from /proc/PID/stat.
func (p *process) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // clock ticks (USER_HZ = 100 on Linux)
}
