package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"mitra/internal/corpus"
	"mitra/internal/pipeline"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/sqlite"
)

// TestLoad is a bounded loopback load test of the events and time-series
// endpoints. It runs only with MITRA_LOAD=1:
//
//	MITRA_LOAD=1 go test -run TestLoad -v -timeout 30m ./internal/server/
//
// Knobs (environment): MITRA_LOAD_DB, a database to serve (default: a new
// one filled with a generated corpus of Indonesian pages through the
// pipeline until it holds MITRA_LOAD_EVENTS events, default 100000);
// MITRA_LOAD_SECONDS (default 30); MITRA_LOAD_WORKERS, concurrent clients
// (default 16). It reports requests/s, p50 and p99 latency per endpoint
// and fails on any error.
func TestLoad(t *testing.T) {
	if os.Getenv("MITRA_LOAD") != "1" {
		t.Skip("set MITRA_LOAD=1 to run the load test")
	}
	envInt := func(k string, def int) int {
		if v, err := strconv.Atoi(os.Getenv(k)); err == nil && v > 0 {
			return v
		}
		return def
	}
	seconds := envInt("MITRA_LOAD_SECONDS", 30)
	workers := envInt("MITRA_LOAD_WORKERS", 16)
	ctx := context.Background()
	var st store.Store
	if path := os.Getenv("MITRA_LOAD_DB"); path != "" {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		st = db
	} else {
		st = loadCorpus(t, envInt("MITRA_LOAD_EVENTS", 100000))
	}
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

	endpoints := []struct {
		name string
		urls []string
	}{
		{"events?pair", []string{
			"/api/events?pair=RUS,MLI", "/api/events?pair=IDN,MYS&limit=50", "/api/events?pair=USA,CHN&offset=100",
			"/api/events?pair=Rusia,China&type=AGREE,CONSULT", "/api/events?pair=FRA,NER&from=2024-03&to=2024-09",
		}},
		{"pairs/series", []string{
			"/api/pairs/RUS/MLI/series", "/api/pairs/IDN/MYS/series?period=week", "/api/pairs/USA/CHN/series",
			"/api/pairs/JPN/AUS/series?period=week&from=2024-04", "/api/pairs/FRA/NER/series",
		}},
	}
	type sample struct {
		ep  int
		lat time.Duration
		err string
	}
	results := make([][]sample, workers)
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; time.Now().Before(deadline); i++ {
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
	elapsed := time.Since(start)
	all := slices.Concat(results...)
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
	}
	t.Logf("total %d requests in %s with %d clients: %.1f req/s", len(all), elapsed.Round(time.Millisecond), workers, float64(len(all))/elapsed.Seconds())
}

// loadCorpus fills a new store with generated pages until it holds at
// least events events.
func loadCorpus(t *testing.T, events int) store.Store {
	p, _ := newPipeline(t)
	db := newStore(t)
	ctx := context.Background()
	start := time.Now()
	for round := uint64(1); ; round++ {
		s, err := db.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Events >= events {
			t.Logf("corpus: %d documents, %d events ingested in %s", s.Documents, s.Events, time.Since(start).Round(time.Second))
			return db
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
