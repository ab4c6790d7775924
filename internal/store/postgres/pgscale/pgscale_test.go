package pgscale

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"mitra/internal/lang/packs"
	"mitra/internal/pipeline"
	"mitra/internal/score"
	"mitra/internal/server"
	"mitra/internal/store"
	"mitra/internal/store/postgres"
	"mitra/internal/store/postgres/pgtest"
)

var ctx = context.Background()

// TestFillSmall: a small generated record loads and is consistent.
func TestFillSmall(t *testing.T) {
	db, err := postgres.Open(ctx, pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := Fill(ctx, db, Options{Events: 10000, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Events < 10000 || st.Clusters == 0 || st.Clusters >= st.Events {
		t.Fatalf("stats %+v", st)
	}
	// The rollups agree with the clusters.
	cs, err := db.Clusters(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.PairTallies(ctx, "USA", "CHN")
	if err != nil {
		t.Fatal(err)
	}
	if want := store.TalliesOf("USA", "CHN", cs); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("PairTallies(USA, CHN): %d rows, want %d", len(got), len(want))
	}
	for _, f := range []store.Filter{{}, {From: "2024-03", To: "2024-03"}, {From: "2024-02-10", To: "2024-05-20"}} {
		got, err := db.Links(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := db.Clusters(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if want := store.LinksOf(cs); !slices.EqualFunc(got, want, func(a, b store.Link) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
			t.Errorf("Links(%+v): %d links, want %d", f, len(got), len(want))
		}
	}
}

// TestScale measures the store and the API over a generated record of
// MITRA_PG_SCALE events (e.g. 10000000), kept in the schema
// MITRA_PG_SCALE_SCHEMA (default mitra_scale) of MITRA_PG_DSN's database so
// that a second run measures without loading again:
//
//	MITRA_PG_SCALE=10000000 go test -run TestScale -v -timeout 3h ./internal/store/postgres/pgscale/
//
// It reports how long the load took, then p50 and p99 latency of events by
// pair, a pair's series, and the network for a month and for a year: from
// the store, and through the HTTP API with 1 and 16 clients
// (MITRA_PG_SCALE_SECONDS each, default 20). The API's network cache is
// kept from answering: its store reports a new event count on every call.
func TestScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("MITRA_PG_SCALE"))
	if n <= 0 {
		t.Skip("set MITRA_PG_SCALE=EVENTS (and MITRA_PG_DSN) to measure PostgreSQL at scale")
	}
	dsn := pgtest.ServerDSN(t)
	schema := os.Getenv("MITRA_PG_SCALE_SCHEMA")
	if schema == "" {
		schema = "mitra_scale"
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	db, err := postgres.Open(ctx, postgres.WithSearchPath(dsn, schema))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if empty, err := db.Empty(ctx); err != nil {
		t.Fatal(err)
	} else if empty {
		start := time.Now()
		last := time.Now()
		err := Fill(ctx, db, Options{Events: n, Seed: 1}, func(done int) {
			if time.Since(last) > 30*time.Second {
				last = time.Now()
				t.Logf("loaded %d events in %s", done, time.Since(start).Round(time.Second))
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("load: %d events generated and loaded in %s (COPY through postgres.Load*, then FinishLoad)", n, time.Since(start).Round(time.Second))
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	size, _ := db.Size(ctx)
	t.Logf("store: %d documents, %d events, %d clusters, %.1f GB", st.Documents, st.Events, st.Clusters, float64(size)/1e9)

	pairs := [][2]string{{"USA", "CHN"}, {"RUS", "UKR"}, {"IDN", "MYS"}, {"FRA", "MLI"}, {"JPN", "KOR"}, {"SGP", "THA"}, {"NOR", "KEN"}}
	months := make([][2]string, 12)
	for i := range months {
		m := fmt.Sprintf("2024-%02d", i+1)
		months[i] = [2]string{m, m}
	}
	year := [2]string{"2024-01", "2024-12"}

	// The store, one caller.
	measure := func(name string, fn func(i int) error) {
		var ds []time.Duration
		for i := range 60 {
			t0 := time.Now()
			if err := fn(i); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			ds = append(ds, time.Since(t0))
		}
		t.Logf("store  %-22s p50 %8s  p99 %8s", name, pct(ds, 0.5), pct(ds, 0.99))
	}
	measure("events by pair (100)", func(i int) error {
		_, err := db.Events(ctx, store.Filter{Pair: pairs[i%len(pairs)], Limit: 100})
		return err
	})
	measure("pair series (monthly)", func(i int) error {
		p := pairs[i%len(pairs)]
		ts, err := db.PairTallies(ctx, p[0], p[1])
		score.SeriesOf(ts, score.Month)
		return err
	})
	measure("network, a month", func(i int) error {
		_, err := db.Links(ctx, store.Filter{From: months[i%12][0], To: months[i%12][1]})
		return err
	})
	measure("network, the year", func(i int) error {
		_, err := db.Links(ctx, store.Filter{From: year[0], To: year[1]})
		return err
	})

	// The API.
	ps, err := packs.Load("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(ps...)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(&uncached{DB: db}, p, p.Gazetteer(), server.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	defer func() { stop(); <-done }()
	base := "http://" + ln.Addr().String()
	seconds := 20
	if v, err := strconv.Atoi(os.Getenv("MITRA_PG_SCALE_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	endpoints := []struct {
		name string
		urls []string
	}{
		{"events by pair", func() (u []string) {
			for _, p := range pairs {
				u = append(u, "/api/events?pair="+p[0]+","+p[1])
			}
			return
		}()},
		{"pair series", func() (u []string) {
			for _, p := range pairs {
				u = append(u, "/api/pairs/"+p[0]+"/"+p[1]+"/series")
			}
			return
		}()},
		{"network, a month", func() (u []string) {
			for _, m := range months {
				u = append(u, "/api/network?from="+m[0]+"&to="+m[1])
			}
			return
		}()},
		{"network, the year", []string{"/api/network?from=" + year[0] + "&to=" + year[1]}},
	}
	for _, clients := range []int{1, 16} {
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: time.Minute}
		for _, ep := range endpoints {
			var mu sync.Mutex
			var ds []time.Duration
			var next atomic.Int64
			deadline := time.Now().Add(time.Duration(seconds) * time.Second)
			var wg sync.WaitGroup
			// A request that fails (a 503 when it outlasts the server's
			// timeout) is counted and reported, not timed, and the
			// measurement goes on: the other figures are worth having.
			var failed atomic.Int64
			var firstErr atomic.Value
			for range clients {
				wg.Go(func() {
					for time.Now().Before(deadline) {
						u := ep.urls[int(next.Add(1))%len(ep.urls)]
						t0 := time.Now()
						resp, err := client.Get(base + u)
						if err == nil {
							_, err = io.Copy(io.Discard, resp.Body)
							resp.Body.Close()
							if err == nil && resp.StatusCode != 200 {
								err = fmt.Errorf("%s: HTTP %d after %s", u, resp.StatusCode, time.Since(t0).Round(time.Millisecond))
							}
						}
						if err != nil {
							failed.Add(1)
							firstErr.CompareAndSwap(nil, err)
							continue
						}
						mu.Lock()
						ds = append(ds, time.Since(t0))
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			t.Logf("api %2d client(s) %-18s %6d requests %7.1f req/s  p50 %8s  p99 %8s", clients, ep.name, len(ds),
				float64(len(ds))/float64(seconds), pct(ds, 0.5), pct(ds, 0.99))
			if n := failed.Load(); n > 0 {
				t.Errorf("api %2d client(s) %-18s %6d requests failed, the first: %v", clients, ep.name, n, firstErr.Load())
			}
		}
	}
}

// uncached is the store whose Stats reports a new event count on every
// call, so that the server's caches never answer for it. It embeds the
// store itself, not the store.Store interface, so that the server finds its
// other methods (LeftOut) as it does when it serves the store directly.
type uncached struct {
	*postgres.DB
	n atomic.Int64
}

func (u *uncached) Stats(ctx context.Context) (store.Stats, error) {
	s, err := u.DB.Stats(ctx)
	s.Events += int(u.n.Add(1))
	return s, err
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))].Round(10 * time.Microsecond)
}
