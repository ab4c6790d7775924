package postgres

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

	"mitra/internal/store"
	"mitra/internal/store/storetest"
)

var ctx = context.Background()

// The tests need a PostgreSQL server: MITRA_PG_DSN names a database in
// which they may make schemas (.ci/postgres start prints one). Without it
// they skip, unless MITRA_PG=1, which makes them fail, as in CI.
const howTo = "set MITRA_PG_DSN to a PostgreSQL database the tests may write to (eval \"$(.ci/postgres start)\" starts one on loopback); MITRA_PG=1 makes its absence a failure"

// testDSN returns the server's DSN, or skips (or fails) t.
func testDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("MITRA_PG_DSN")
	if dsn == "" {
		if os.Getenv("MITRA_PG") == "1" {
			t.Fatal("MITRA_PG=1 but MITRA_PG_DSN is empty: " + howTo)
		}
		t.Skip("no PostgreSQL server: " + howTo)
	}
	return dsn
}

var schemas atomic.Int64

// freshSchema makes an empty schema for one test and returns a DSN whose
// search_path names it; the schema is dropped when t ends.
func freshSchema(t testing.TB) string {
	t.Helper()
	dsn := testDSN(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		if os.Getenv("MITRA_PG") == "1" {
			t.Fatalf("connect to %s: %v", Redact(dsn), err)
		}
		t.Skipf("cannot connect to %s (%v): %s", Redact(dsn), err, howTo)
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
	return withParam(dsn, "search_path", name)
}

// withParam adds a runtime parameter to a DSN (URL or key=value).
func withParam(dsn, k, v string) string {
	if IsDSN(dsn) {
		u, err := url.Parse(dsn)
		if err == nil {
			q := u.Query()
			q.Set(k, v)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return strings.TrimSpace(dsn) + " " + k + "=" + v
}

// openTemp opens a store in a fresh schema; when t ends it checks the
// store's integrity (if it was not closed by the test).
func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(ctx, freshSchema(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.IntegrityCheck(ctx); err != nil && err != store.ErrClosed {
			t.Error(err)
		}
		db.Close()
	})
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}
