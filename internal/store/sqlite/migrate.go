package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"mitra/internal/store"
	"time"
)

// The schema's history: migrations/NNNN_name.sql, applied in order. A
// released migration is never edited; a change to the schema is a new file.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one step of the schema's history (see store.Migration).
type migration = store.Migration

// migrations is the schema's history, read once from migrationFS.
var migrations = mustLoadMigrations(migrationFS)

func mustLoadMigrations(fsys fs.FS) []migration {
	ms, err := loadMigrations(fsys)
	if err != nil {
		panic("sqlite: " + err.Error())
	}
	return ms
}

// loadMigrations reads migrations/*.sql; versions must run 1, 2, 3, ….
var loadMigrations = store.LoadMigrations

// migrate brings the database's schema to the last of ms, one transaction
// per migration. It refuses a database whose schema is newer than ms.
func migrate(ctx context.Context, db *sql.DB, ms []migration) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL
)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	if v > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this mitra (%d)", v, len(ms))
	}
	for _, m := range ms[v:] {
		if err := apply(ctx, db, m); err != nil {
			return err
		}
	}
	return nil
}

// schemaVersion returns the last applied migration's version (0: none).
func schemaVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// apply runs one migration in its own transaction, unless another process
// applied it meanwhile.
func apply(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see dsn
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	defer tx.Rollback() // after Commit: a no-op returning sql.ErrTxDone
	v, err := schemaVersion(ctx, tx)
	if err != nil {
		return err
	}
	if v >= m.Version {
		return nil
	}
	if v != m.Version-1 {
		return fmt.Errorf("migration %s: database is at version %d", m.Name, v)
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
		m.Version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	return nil
}
