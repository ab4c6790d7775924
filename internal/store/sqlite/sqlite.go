// Package sqlite implements store.Store on an embedded SQLite database
// (modernc.org/sqlite: pure Go, no cgo), mitra's default record.
//
// The database runs in WAL mode with one writer connection, a pool of
// reader connections that never wait for it, and a background
// checkpointer. Writes are serialised on the writer, one transaction each
// (see write.go). A process killed at any moment leaves either the whole
// of a Write (its documents with their events, clusters and buckets) or
// none of it.
//
// The schema is versioned (migrations/NNNN_name.sql, applied by Open); see
// migrations/0001_init.sql for the tables and what each column holds.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"mitra/internal/store"
)

// DB is a store.Store kept in one SQLite file. It is safe for concurrent
// use; Puts are serialised on the single writer connection, queries run in
// parallel.
type DB struct {
	path string

	// mu is held shared by every call and exclusively by Close, so that
	// Close waits for calls in flight and later calls see closed.
	mu     sync.RWMutex
	closed bool

	w  *sql.DB // one connection: every write
	r  *sql.DB // readers
	ck *sql.DB // one connection: checkpoints, off the writer's path
	ws writeStmts
	rs readStmts // on the readers

	// wmu serialises the use of the writer connection.
	wmu   sync.Mutex
	cache clusterCache         // guarded by wmu
	stmts map[string]*sql.Stmt // the bulk INSERTs, prepared on the writer by Open

	stop chan struct{} // closed by Close: ends the checkpointer
	done chan struct{} // closed when the checkpointer has ended

	ftsPending atomic.Int64 // events stored since the text index was brought up to date
	pending    pendingBuckets
}

var _ store.Store = (*DB)(nil)

// Connection settings. synchronous=NORMAL in WAL mode keeps the database
// consistent after a crash of the process or of the machine; a machine
// crash may lose the last transactions, which a rerun of ingest restores.
// Memory-mapped I/O stays off: SQLite remaps the file each time it grows,
// which during an ingest costs more than the reads it saves.
const (
	busyTimeoutMS = 10000
	pageSize      = 4096
	writerCacheKB = 256 << 10 // the random leaves of the indexes of ~1M documents: a miss is a read and a checksum
	readerCacheKB = 16 << 10

	// The checkpointer copies the WAL into the database, in the
	// background, once it holds walBytesCopied or checkpointEvery has
	// passed: a page that several Writes changed in between is copied
	// once, not once per Write (the random leaves of the indexes are most
	// of what a Write changes). The writer only checkpoints itself should
	// the WAL reach walPagesMax pages, and the WAL file is cut back to
	// walBytesKept once reset.
	checkpointEvery = 5 * time.Minute
	walBytesCopied  = 256 << 20
	walPagesMax     = 160000
	walBytesKept    = 64 << 20
)

// Open opens (creating if needed) the database at path, migrates its
// schema to the current version and returns it.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{path: abs}
	db.cache.reset()
	db.w, err = sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetMaxIdleConns(1)
	db.w.SetConnMaxLifetime(0)
	db.w.SetConnMaxIdleTime(0)
	if err := db.init(ctx); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.r, err = sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		db.ws.close()
		db.w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	db.r.SetMaxOpenConns(n)
	db.r.SetMaxIdleConns(n)
	db.ck, err = sql.Open("sqlite", dsn(abs, false))
	if err == nil {
		db.ck.SetMaxOpenConns(1)
		err = errors.Join(db.r.PingContext(ctx), db.ck.PingContext(ctx))
	}
	if err == nil {
		err = db.rs.prepare(ctx, db.r)
	}
	if err != nil {
		db.ws.close()
		db.w.Close()
		db.r.Close()
		if db.ck != nil {
			db.ck.Close()
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.stop, db.done = make(chan struct{}), make(chan struct{})
	go db.checkpointer()
	return db, nil
}

// checkpointer copies committed pages from the WAL into the database file
// until Close, so that Write does not wait for it.
func (db *DB) checkpointer() {
	defer close(db.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-db.stop:
			return
		case <-t.C:
			fi, err := os.Stat(db.path + "-wal")
			if err != nil || fi.Size() < walBytesCopied && time.Since(last) < checkpointEvery {
				continue
			}
			// PASSIVE never waits for readers or the writer; what it
			// cannot copy now it copies next time. Errors are transient
			// (busy) or will show in the writer's own calls.
			db.ck.Exec("PRAGMA wal_checkpoint(PASSIVE)")
			last = time.Now()
		}
	}
}

// init sets the file-level settings, migrates the schema and prepares the
// writer's statements.
func (db *DB) init(ctx context.Context) error {
	// page_size only takes effect before the first table exists, and must
	// precede the switch to WAL, which writes the file header.
	if _, err := db.w.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d", pageSize)); err != nil {
		return err
	}
	var mode string
	if err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("cannot switch to WAL mode (journal_mode is %s)", mode)
	}
	if err := migrate(ctx, db.w, migrations); err != nil {
		return err
	}
	if err := db.ws.prepare(ctx, db.w); err != nil {
		return err
	}
	if err := db.prepareBulk(ctx); err != nil {
		db.ws.close()
		return err
	}
	if err := db.buildRollups(ctx); err != nil {
		db.ws.close()
		return err
	}
	return nil
}

// dsn returns the driver's name for the database file at abs.
func dsn(abs string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "mmap_size(0)")
	q.Add("_pragma", "temp_store(MEMORY)")
	if writer {
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", walPagesMax))
		q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", walBytesKept))
		q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", writerCacheKB))
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", readerCacheKB))
		q.Set("_query_only", "1")
	}
	// A file: URI, so that any character of the path (?, #, %) survives.
	return "file:" + (&url.URL{Path: abs}).EscapedPath() + "?" + q.Encode()
}

// DefaultPath returns the default database file,
// $XDG_DATA_HOME/mitra/mitra.db or ~/.local/share/mitra/mitra.db, creating
// its folder.
func DefaultPath() (string, error) {
	path, err := DefaultLocation()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("default database path: %w", err)
	}
	return path, nil
}

// DefaultLocation returns DefaultPath's file without creating anything, for
// commands that only read a database that must already exist.
func DefaultLocation() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("default database path: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "mitra", "mitra.db"), nil
}

// SchemaVersion is the schema version this mitra creates and reads: the
// number of its migrations.
func SchemaVersion() int { return len(migrations) }

// Path returns the database file's absolute path.
func (db *DB) Path() string { return db.path }

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

// Close waits for calls in flight, then closes the database. Every later
// call returns store.ErrClosed.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	close(db.stop)
	<-db.done
	// Leave the file complete: the text index up to date, and planner
	// statistics refreshed where they have drifted (cheap).
	db.wmu.Lock()
	var err0 error
	if db.ftsPending.Load() > 0 {
		err0 = db.indexTextLocked(context.Background())
	}
	db.wmu.Unlock()
	_, err1 := db.w.Exec("PRAGMA optimize")
	db.ws.close()
	db.rs.close()
	err2 := db.r.Close()
	err3 := db.ck.Close()
	err4 := db.w.Close()
	if err := errors.Join(err0, err1, err2, err3, err4); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks and the
// full-text index's own check; it returns nil when all pass.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	var problems []string
	rows, err := db.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	rows, err = db.r.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			rows.Close()
			return fmt.Errorf("foreign key check: %w", err)
		}
		problems = append(problems, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	// The full-text check compares the index with the events, so it needs
	// the index up to date and no Put in between; it is a command written
	// as an INSERT, run on the writer, and changes nothing.
	db.wmu.Lock()
	err = db.indexTextLocked(ctx)
	if err == nil {
		if _, err := db.w.ExecContext(ctx, "INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
			problems = append(problems, "full-text index: "+err.Error())
		}
	}
	db.wmu.Unlock()
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("and %d more", len(problems)-10))
		}
		return fmt.Errorf("database %s is damaged: %s", db.path, strings.Join(problems, "; "))
	}
	return nil
}
