package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mitra/internal/corpus"
	"mitra/internal/pipeline"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/sqlite"
	"mitra/internal/store/storetest"
)

// TestLoad is a bounded loopback load test of the read endpoints the web
// page calls: events (by pair, and by the page's filters), acts (the events
// tab), a pair's time
// series, the network (for a few periods, which the server caches, and as
// network* for a new period every time), the parties, the stats and a
// document. Requests go round the endpoints in turn. It runs only
// with MITRA_LOAD=1:
//
//	MITRA_LOAD=1 go test -run TestLoad -v -timeout 30m ./internal/server/
//
// Knobs (environment): MITRA_LOAD_DB, a database to serve — when the file
// does not exist it is created there, filled as below and kept for the next
// run (default: a temporary one); MITRA_LOAD_EVENTS, how many events a new
// database is filled with, from a generated corpus of Indonesian pages
// ingested through the pipeline (default 100000); MITRA_LOAD_SECONDS
// (default 30); MITRA_LOAD_WORKERS, concurrent clients (default 16);
// MITRA_LOAD_FILL=generated fills a new database with generated documents
// and events written straight to the store (storetest.Generator: 10
// million events in minutes, not hours). It
// reports requests/s, p50 and p99 latency per endpoint and fails on any
// error. A CPU profile of the load: add -cpuprofile cpu.out (with an
// existing MITRA_LOAD_DB, the run is nearly all load).
func TestLoad(t *testing.T) {
	if os.Getenv("MITRA_LOAD") != "1" {
		t.Skip("set MITRA_LOAD=1 to run the load test")
	}
	seconds := envInt("MITRA_LOAD_SECONDS", 30)
	workers := envInt("MITRA_LOAD_WORKERS", 16)
	ctx := context.Background()
	db, _ := loadDB(t)
	defer db.Close()
	var st store.Store = db
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: %d documents, %d events, %d clusters", stats.Documents, stats.Events, stats.Clusters)

	s := newServer(t, st, Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- s.Serve(sctx, ln) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: time.Minute}
	eps := loadEndpoints(t, client, base)
	start := time.Now()
	samples := hammer(client, base, eps, workers, time.Duration(seconds)*time.Second)
	report(t, eps, samples, time.Since(start), workers)
}

// endpoint is a named set of URLs the load test requests in turn.
type endpoint struct {
	name string
	urls []string
}

// loadEndpoints returns the read endpoints the web page calls, with
// documents found in the store at base.
func loadEndpoints(t *testing.T, client *http.Client, base string) []endpoint {
	t.Helper()
	// Documents to open: the first pages reporting a few pairs.
	var docs []string
	for _, u := range []string{"/api/events?pair=RUS,MLI&limit=5", "/api/events?party=IDN&limit=5&offset=300", "/api/events?q=sanksi&limit=5"} {
		var page struct {
			Data struct {
				Events []struct {
					DocHash string `json:"doc_hash"`
				} `json:"events"`
			} `json:"data"`
		}
		resp, err := client.Get(base + u)
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		for _, e := range page.Data.Events {
			docs = append(docs, "/api/documents/"+e.DocHash)
		}
	}
	if len(docs) == 0 {
		t.Fatal("no documents to open: the store has no events for RUS,MLI, IDN or sanksi")
	}
	return []endpoint{
		{"events?pair", []string{
			"/api/events?pair=RUS,MLI", "/api/events?pair=IDN,MYS&limit=50", "/api/events?pair=USA,CHN&offset=100",
			"/api/events?pair=Rusia,China&type=AGREE,CONSULT", "/api/events?pair=FRA,NER&from=2024-03&to=2024-09",
		}},
		{"events", []string{
			"/api/events", "/api/events?party=RUS", "/api/events?type=SANCTION", "/api/events?from=2024-03&to=2024-05",
			"/api/events?q=sanksi", "/api/events?party=CHN&quad=4&from=2024-06-01&to=2024-12-31",
			"/api/events?context=military&offset=200", "/api/events?q=kerja+sama+energi&party=IDN",
			"/api/events?type=ACCUSE,THREATEN&lang=id&limit=50", "/api/events?party=USA&offset=1000",
		}},
		{"acts", []string{ // the events tab: acts of the header's period, newest first
			"/api/acts?from=2024-01&to=2024-06&limit=100", "/api/acts?limit=100", "/api/acts?party=RUS&from=2024-01&to=2024-12&limit=100",
			"/api/acts?type=SANCTION&limit=100&offset=100", "/api/acts?q=sanksi&from=2024-03&to=2024-09&limit=100",
		}},
		{"pairs/series", []string{
			"/api/pairs/RUS/MLI/series", "/api/pairs/IDN/MYS/series?period=week", "/api/pairs/USA/CHN/series",
			"/api/pairs/JPN/AUS/series?period=week&from=2024-04", "/api/pairs/FRA/NER/series",
		}},
		{"network", []string{
			"/api/network", "/api/network?from=2024-01-01&to=2024-12-31", "/api/network?from=2024-03&to=2025-02&min=2",
		}},
		{"network*", newPeriods()},
		{"network-month*", monthPeriods()},
		{"network-year*", yearPeriods()},
		{"parties", []string{"/api/parties"}},
		{"stats", []string{"/api/stats"}},
		{"documents", docs},
	}
}

// sample is one request of a load run.
type sample struct {
	ep  int
	lat time.Duration
	err string
}

// hammer sends requests round the endpoints from workers clients for d and
// returns every request's latency and error.
func hammer(client *http.Client, base string, endpoints []endpoint, workers int, d time.Duration) []sample {
	results := make([][]sample, workers)
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	var next atomic.Int64 // requests numbered across clients, so a URL list is walked once
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				i := int(next.Add(1) - 1)
				ep := i % len(endpoints)
				u := endpoints[ep].urls[(i/len(endpoints))%len(endpoints[ep].urls)]
				t0 := time.Now()
				resp, err := client.Get(base + u)
				smp := sample{ep: ep}
				if err != nil {
					smp.err = err.Error()
				} else {
					body, rerr := io.ReadAll(resp.Body)
					resp.Body.Close()
					switch {
					case rerr != nil:
						smp.err = rerr.Error()
					case resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte(`{"status":"success"`)):
						smp.err = fmt.Sprintf("%s: HTTP %d %.200s", u, resp.StatusCode, body)
					}
				}
				smp.lat = time.Since(t0)
				results[w] = append(results[w], smp)
			}
		}()
	}
	wg.Wait()
	return slices.Concat(results...)
}

// envInt reads a positive whole number from the environment variable k.
func envInt(k string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(k)); err == nil && v > 0 {
		return v
	}
	return def
}

// loadDB opens the load test's database, MITRA_LOAD_DB or a temporary
// one, filling it first when it does not exist (see TestLoad).
func loadDB(t *testing.T) (*sqlite.DB, string) {
	t.Helper()
	path := os.Getenv("MITRA_LOAD_DB")
	if path == "" {
		path = filepath.Join(t.TempDir(), "load.db")
	}
	_, err := os.Stat(path)
	fill := errors.Is(err, fs.ErrNotExist)
	if err != nil && !fill {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if fill {
		filled := false
		defer func() {
			if !filled { // a half-filled database would be served next time
				db.Close()
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Remove(path + suffix)
				}
			}
		}()
		if os.Getenv("MITRA_LOAD_FILL") == "generated" {
			loadGenerated(t, db, envInt("MITRA_LOAD_EVENTS", 100000))
		} else {
			loadCorpus(t, db, envInt("MITRA_LOAD_EVENTS", 100000))
		}
		filled = true
	}
	return db, path
}

// report logs requests/s, p50 and p99 latency per endpoint, fails the test
// on any error, and returns each endpoint's p99 and error count.
func report(t *testing.T, endpoints []endpoint, all []sample, elapsed time.Duration, workers int) (p99 []time.Duration, errors []int) {
	t.Helper()
	for ep := range endpoints {
		var lats []time.Duration
		errs := 0
		for _, s := range all {
			if s.ep != ep {
				continue
			}
			lats = append(lats, s.lat)
			if s.err != "" {
				if errs < 5 {
					t.Errorf("%s: %s", endpoints[ep].name, s.err)
				}
				errs++
			}
		}
		slices.Sort(lats)
		pct := func(p float64) time.Duration {
			if len(lats) == 0 {
				return 0
			}
			return lats[min(len(lats)-1, int(float64(len(lats))*p))]
		}
		t.Logf("%-14s %7d requests  %8.1f req/s  p50 %8s  p99 %8s  errors %d",
			endpoints[ep].name, len(lats), float64(len(lats))/elapsed.Seconds(), pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), errs)
		p99 = append(p99, pct(0.99))
		errors = append(errors, errs)
	}
	t.Logf("total %d requests in %s with %d clients: %.1f req/s", len(all), elapsed.Round(time.Millisecond), workers, float64(len(all))/elapsed.Seconds())
	return p99, errors
}

// newPeriods returns network URLs for 3,600 distinct periods (starting on
// each of 360 days from 1 January 2024, where the generated corpus lies,
// 30 to 300 days long in turn), so that every request of a run asks for a
// period the server has not cached (network*).
func newPeriods() []string {
	var urls []string
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for k := range 3600 {
		from := start.AddDate(0, 0, k/10)
		to := from.AddDate(0, 0, 30*(1+k%10))
		urls = append(urls, "/api/network?from="+from.Format(time.DateOnly)+"&to="+to.Format(time.DateOnly))
	}
	return urls
}

// monthPeriods returns network URLs for each month of 2024 written four
// ways, 48 distinct periods: more than the server caches, so that every
// request of a run is a month the server has not cached (network-month*).
func monthPeriods() []string {
	var urls []string
	for m := 1; m <= 12; m++ {
		first := time.Date(2024, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1).Format(time.DateOnly)
		ym := first.Format("2006-01")
		for _, p := range [][2]string{{ym, ym}, {ym + "-01", last}, {ym, last}, {ym + "-01", ym}} {
			urls = append(urls, "/api/network?from="+p[0]+"&to="+p[1])
		}
	}
	return urls
}

// yearPeriods returns network URLs for the year 2024 written in nine ways
// (network-year*), uncached as monthPeriods' are while both run.
func yearPeriods() []string {
	var urls []string
	for _, from := range []string{"2024", "2024-01", "2024-01-01"} {
		for _, to := range []string{"2024", "2024-12", "2024-12-31"} {
			urls = append(urls, "/api/network?from="+from+"&to="+to)
		}
	}
	return urls
}

// loadGenerated fills db with generated documents (storetest.Generator)
// until it holds at least events events.
func loadGenerated(t *testing.T, db *sqlite.DB, events int) {
	ctx := context.Background()
	start := time.Now()
	g := storetest.NewGenerator(1)
	n := 0
	for n < events {
		var bs []*store.Batch
		for range 5000 {
			b := g.Next()
			bs = append(bs, b)
			n += len(b.Events)
		}
		if _, err := db.Write(ctx, bs); err != nil {
			t.Fatal(err)
		}
	}
	s, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated: %d documents, %d events, %d clusters written in %s", s.Documents, s.Events, s.Clusters, time.Since(start).Round(time.Second))
}

// loadCorpus fills db with generated pages until it holds at least events
// events.
func loadCorpus(t *testing.T, db *sqlite.DB, events int) {
	p, _ := newPipeline(t)
	ctx := context.Background()
	start := time.Now()
	for round := uint64(1); ; round++ {
		s, err := db.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Events >= events {
			t.Logf("corpus: %d documents, %d events ingested in %s", s.Documents, s.Events, time.Since(start).Round(time.Second))
			return
		}
		if round > 100 {
			t.Fatalf("only %d events after %d rounds", s.Events, round)
		}
		opt := corpus.Defaults
		opt.Seed = round
		opt.Pages = max(1000, min(20000, (events-s.Events)/2))
		var buf bytes.Buffer
		if _, _, err := corpus.Write(&buf, opt); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("round%d.jsonl", round)
		read := func(_ context.Context, fn func(source.Item)) {
			source.ReadJSONL(name, &buf, source.Options{}, fn)
		}
		if err := p.Ingest(ctx, db, read, pipeline.IngestOptions{}, nil); err != nil {
			t.Fatal(err)
		}
	}
}
