// Package pgtest gives tests a PostgreSQL database of their own: an empty
// schema on the server MITRA_PG_DSN names, dropped when the test ends.
//
// Without MITRA_PG_DSN the tests that ask for one skip, saying how to run
// them; with MITRA_PG=1 (as in CI) they fail instead, as MITRA_E2E does for
// the browser test. `.ci/postgres start` starts a throwaway server on
// loopback and prints both variables.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// HowTo says how to run the tests that need a server.
const HowTo = `set MITRA_PG_DSN to a PostgreSQL database the tests may make schemas in (eval "$(.ci/postgres start)" starts one on loopback); MITRA_PG=1 makes a missing server a failure`

// Required reports whether a missing server fails the tests (MITRA_PG=1).
func Required() bool { return os.Getenv("MITRA_PG") == "1" }

// ServerDSN returns MITRA_PG_DSN, or skips t (fails it when Required).
func ServerDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("MITRA_PG_DSN")
	if dsn == "" {
		if Required() {
			t.Fatal("MITRA_PG=1 but MITRA_PG_DSN is empty: " + HowTo)
		}
		t.Skip("no PostgreSQL server: " + HowTo)
	}
	return dsn
}

var schemas atomic.Int64

// DSN makes an empty schema for t and returns a DSN whose search_path
// names it; the schema is dropped when t ends.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := ServerDSN(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		if Required() {
			t.Fatalf("connect to MITRA_PG_DSN: %v", err)
		}
		t.Skipf("cannot connect to MITRA_PG_DSN (%v): %s", err, HowTo)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("t_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemas.Add(1))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	return WithParam(dsn, "search_path", name)
}

// WithParam adds a run-time parameter to a DSN (a URL or key=value pairs).
func WithParam(dsn, k, v string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if u, err := url.Parse(dsn); err == nil {
			q := u.Query()
			q.Set(k, v)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return strings.TrimSpace(dsn) + " " + k + "=" + v
}
