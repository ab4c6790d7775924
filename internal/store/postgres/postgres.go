// Package postgres implements store.Store on a PostgreSQL server (15 or
// later) through pgx: the record for a team, or for more pages than one
// machine's SQLite file should hold.
//
// The schema is versioned (migrations/NNNN_name.sql, applied by Open under
// an advisory lock, so that several processes may open one database at
// once). Events are partitioned by month of the day they are placed on;
// partitions are made as months appear. Writes are bulk: a Put, or a group
// of batches from WriteBatches, is one transaction that reads the clusters
// its events may join, assigns every event with store.SameAct in memory and
// writes each table with one COPY. Writes from any number of processes are
// serialised by a transaction-level advisory lock, so that two ingests never
// store one page twice (documents.hash is also UNIQUE) nor open two clusters
// for one act; the costly work of an ingest (reading, cleaning, extracting)
// runs outside it, in parallel.
//
// A DSN is a postgres:// URL or a key=value string as libpq takes it; a
// search_path parameter keeps mitra's tables in a schema of their own.
package postgres

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"mitra/internal/store"
)

// DB is a store.Store in a PostgreSQL database. It is safe for concurrent
// use, and any number of processes may use one database at once.
type DB struct {
	pool *pgxpool.Pool
	name string // the DSN without its password, for messages

	// mu is held shared by every call and exclusively by Close, so that
	// Close waits for calls in flight and later calls see closed.
	mu     sync.RWMutex
	closed bool

	parts partitions
}

var _ store.Store = (*DB)(nil)

// Advisory lock keys: the first of two int4 keys names mitra's lock, the
// second is hashtext(current_schema()), so that databases in two schemas
// of one server never wait for each other.
const (
	lockMigrate   = 0x6d697400 // 'mit\0'
	lockWrite     = 0x6d697401
	lockPartition = 0x6d697402
)

// IsDSN reports whether s names a PostgreSQL database rather than a file:
// a postgres:// or postgresql:// URL.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact returns dsn without its password, for messages.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Open connects to the database named by dsn, migrates its schema to the
// current version and returns it.
func Open(ctx context.Context, dsn string) (*DB, error) {
	name := Redact(dsn)
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	// Queries are built per filter; the statement cache keeps the plans of
	// the common ones.
	cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeCacheStatement
	if cfg.MaxConns < 8 {
		cfg.MaxConns = 8
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	db := &DB{pool: pool, name: name}
	if err := migrate(ctx, pool, migrations); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	if err := db.parts.load(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	return db, nil
}

// Name returns the database's DSN without its password.
func (db *DB) Name() string { return db.name }

// Pool returns the connection pool, for tools that read the tables
// directly (benchmarks, checks).
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// begin marks a call in flight; the caller must call db.mu.RUnlock when
// it returns without error.
func (db *DB) begin() error {
	db.mu.RLock()
	if db.closed {
		db.mu.RUnlock()
		return store.ErrClosed
	}
	return nil
}

// Close waits for calls in flight, then closes the connections. Every
// later call returns store.ErrClosed.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	db.pool.Close()
	return nil
}

// IntegrityCheck verifies what foreign keys would: every event's document
// and cluster exist, every cluster's counts agree with its events, sources
// and outlets, the counts of Stats and both rollups agree with the tables,
// and every event id is indexed once. It reads every table: a diagnostic.
// It returns nil when all hold.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	checks := []struct{ what, sql string }{
		{"events whose document is missing", `SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.seq = e.doc_seq)`},
		{"events whose cluster is missing", `SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c.id = e.cluster_id)`},
		{"events not in event_ids", `SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_ids i WHERE i.id = e.id AND i.doc_seq = e.doc_seq)`},
		{"event_ids without an event", `SELECT (SELECT count(*) FROM event_ids) - (SELECT count(*) FROM events)`},
		{"clusters whose mentions disagree with their events", `SELECT count(*) FROM clusters c
			WHERE c.mentions <> (SELECT count(*) FROM events e WHERE e.cluster_id = c.id)`},
		{"clusters whose sources disagree", `SELECT count(*) FROM clusters c
			WHERE c.sources <> (SELECT count(*) FROM cluster_sources s WHERE s.cluster_id = c.id)`},
		{"clusters whose outlets disagree", `SELECT count(*) FROM clusters c
			WHERE c.outlets <> (SELECT count(*) FROM cluster_outlets o WHERE o.cluster_id = c.id)`},
		{"event_parties rows without an event", `SELECT count(*) FROM event_parties p
			WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.day = p.day AND e.seq = p.seq AND e.id = p.id AND e.cluster_id = p.cluster_id)`},
		{"counts that disagree with the tables", `SELECT (documents <> (SELECT count(*) FROM documents))::int
			+ (duplicates <> (SELECT count(*) FROM documents WHERE canonical IS NOT NULL))::int
			+ (events <> (SELECT count(*) FROM events))::int
			+ (clusters <> (SELECT count(*) FROM clusters))::int
			+ (errors <> (SELECT count(*) FROM errors))::int
			+ (first IS DISTINCT FROM (SELECT min(day) FROM events WHERE day < 'infinity'))::int
			+ (last IS DISTINCT FROM (SELECT max(day) FROM events WHERE day < 'infinity'))::int FROM counts`},
		{"languages whose count disagrees", `SELECT count(*) FROM (SELECT lang, count(*) AS n FROM documents GROUP BY lang) d
			FULL JOIN lang_counts l USING (lang) WHERE d.n IS DISTINCT FROM l.documents`},
		{"link_months groups that disagree with the clusters", `SELECT count(*) FROM (
			SELECT type, mode, party_key, COALESCE(date_trunc('month', first)::date, 'infinity') AS fm,
				COALESCE(date_trunc('month', last)::date, 'infinity') AS lm, count(*)::int AS n, min(first) AS f, max(last) AS l
			FROM clusters GROUP BY 1, 2, 3, 4, 5) x
			FULL JOIN link_months m ON m.type = x.type AND m.mode = x.mode AND m.party_key = x.party_key
				AND m.first_month = x.fm AND m.last_month = x.lm
			WHERE x.n IS DISTINCT FROM m.clusters OR x.f IS DISTINCT FROM m.first OR x.l IS DISTINCT FROM m.last`},
	}
	var problems []string
	for _, c := range checks {
		var n int64
		if err := db.pool.QueryRow(ctx, c.sql).Scan(&n); err != nil {
			return fmt.Errorf("integrity check: %s: %w", c.what, err)
		}
		if n != 0 {
			problems = append(problems, fmt.Sprintf("%d %s", n, c.what))
		}
	}
	// pair_tallies against the clusters (PlaceDay is the store's rule, in Go).
	want := map[tallyKey]int{}
	rows, _ := db.pool.Query(ctx, `SELECT type, mode, actors, recipients, date, first, last FROM clusters`)
	var c store.Cluster
	var date *string
	var first, last pgtype.Date
	if _, err := pgx.ForEachRow(rows, []any{&c.Type, &c.Mode, &c.Actors, &c.Recipients, &date, &first, &last}, func() error {
		c.Date, c.First, c.Last = deref(date), dayString(first), dayString(last)
		addTallies(want, &c, 1)
		return nil
	}); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	rows, _ = db.pool.Query(ctx, `SELECT a, b, day, type, mode, clusters FROM pair_tallies WHERE clusters <> 0`)
	var k tallyKey
	var day pgtype.Date
	var n int
	bad := 0
	if _, err := pgx.ForEachRow(rows, []any{&k.a, &k.b, &day, &k.typ, &k.mode, &n}, func() error {
		k.day = dayString(day)
		if want[k] != n {
			bad++
		}
		delete(want, k)
		return nil
	}); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if bad += len(want); bad > 0 {
		problems = append(problems, fmt.Sprintf("%d pair_tallies rows that disagree with the clusters", bad))
	}
	if len(problems) > 0 {
		return fmt.Errorf("database %s is inconsistent: %s", db.name, strings.Join(problems, "; "))
	}
	return nil
}

// WithSearchPath returns dsn (a URL or key=value pairs) with its
// search_path set to schema: the store's tables go there.
func WithSearchPath(dsn, schema string) string {
	if IsDSN(dsn) {
		if u, err := url.Parse(dsn); err == nil {
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return strings.TrimSpace(dsn) + " search_path=" + schema
}

// Size returns the bytes the store's tables take on disk, with their
// indexes and TOAST.
func (db *DB) Size(ctx context.Context) (int64, error) {
	if err := db.begin(); err != nil {
		return 0, err
	}
	defer db.mu.RUnlock()
	var n int64
	err := db.pool.QueryRow(ctx, `SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("size: %w", err)
	}
	return n, nil
}
