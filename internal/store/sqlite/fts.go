package sqlite

import (
	"context"
	"fmt"
)

// The full-text index of evidence sentences is brought up to date in
// batches rather than by a trigger per event: FTS5 writes an index segment
// per transaction, which would cost a Put more than everything else it
// writes. meta 'fts_seq' records how far the index goes; a text query or an
// integrity check first indexes what is missing, so no caller ever sees a
// stale index.

// ftsBatch is how many events Put lets wait before indexing their words.
const ftsBatch = 65536

// indexTextLocked adds the events not yet in events_fts, in one
// transaction. The caller holds wmu.
func (db *DB) indexTextLocked(ctx context.Context) error {
	tx, err := db.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see dsn
	if err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	defer tx.Rollback() // after Commit: a no-op returning sql.ErrTxDone
	var done, last int64
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'fts_seq'),
		(SELECT COALESCE(MAX(seq), 0) FROM events)`).Scan(&done, &last); err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	if last > done {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, sentence)
			SELECT seq, sentence FROM events WHERE seq > ? ORDER BY seq`, done); err != nil {
			return fmt.Errorf("index text: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'fts_seq'`, last); err != nil {
			return fmt.Errorf("index text: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	db.ftsPending.Store(0)
	return nil
}

// textIndexed makes sure events_fts covers every stored event.
func (db *DB) textIndexed(ctx context.Context) error {
	var behind bool
	if err := db.r.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'fts_seq') <
		(SELECT COALESCE(MAX(seq), 0) FROM events)`).Scan(&behind); err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	if !behind {
		return nil
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	return db.indexTextLocked(ctx)
}
