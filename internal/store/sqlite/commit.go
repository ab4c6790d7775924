package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// Group commit. A transaction per document makes SQLite write every page a
// Put touched (some 36 of them: the document, its events and the random
// leaves of a dozen indexes) to the WAL at each commit, which costs more
// than the Put itself. So Puts join one open write transaction, each inside
// its own savepoint (a failed Put rolls back to it and leaves nothing), and
// the transaction commits when the commit window has passed since it
// began, when commitDocs documents wait, before any query that must see
// them, and on Close.
//
// Within this process nothing shows the delay: HasDocument, NearDuplicates
// and Document see the open transaction; Events, Clusters, Stats and
// IntegrityCheck commit it first. Other processes see documents up to one
// window late. A crash loses the documents of the open transaction — whole
// documents, never part of one — which an idempotent re-ingest stores
// again. SetCommitWindow(0) makes every Put commit before it returns.

// DefaultCommitWindow is the commit window of a newly opened DB.
const DefaultCommitWindow = 100 * time.Millisecond

// commitDocs is how many documents an open transaction takes at most.
const commitDocs = 256

// openTx is the open write transaction Puts join.
type openTx struct {
	tx     *sql.Tx
	docs   int // documents stored in it
	events int
	timer  *time.Timer
}

// pendingHashes are the hashes of the documents in the open transaction,
// for HasDocument, which does not wait for the writer.
type pendingHashes struct {
	mu sync.Mutex
	m  map[string]bool
}

func (p *pendingHashes) add(h string) {
	p.mu.Lock()
	if p.m == nil {
		p.m = map[string]bool{}
	}
	p.m[h] = true
	p.mu.Unlock()
}

func (p *pendingHashes) has(h string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m[h]
}

func (p *pendingHashes) clear() {
	p.mu.Lock()
	p.m = nil
	p.mu.Unlock()
}

// SetCommitWindow sets how long documents may wait in the open write
// transaction before it commits (see DefaultCommitWindow); 0 makes every
// Put commit before it returns. It commits what waits.
func (db *DB) SetCommitWindow(d time.Duration) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	db.wmu.Lock()
	defer db.wmu.Unlock()
	db.window = max(d, 0)
	return db.commitLocked()
}

// Commit commits the documents waiting in the open write transaction, if
// any, so that other processes see them.
func (db *DB) Commit() error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	return db.commit()
}

// commit commits the open transaction, if any.
func (db *DB) commit() error {
	if db.open.Load() == nil {
		return nil
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	return db.commitLocked()
}

// writeTxLocked returns the open write transaction, beginning one if
// needed. The caller holds wmu.
func (db *DB) writeTxLocked() (*openTx, error) {
	if t := db.open.Load(); t != nil {
		return t, nil
	}
	// Statements in the open transaction never see a caller's context: an
	// interrupted statement would roll back the whole transaction, with the
	// documents of earlier Puts.
	tx, err := db.w.BeginTx(context.Background(), nil) // BEGIN IMMEDIATE: see dsn
	if err != nil {
		return nil, err
	}
	t := &openTx{tx: tx}
	if db.window > 0 {
		t.timer = time.AfterFunc(db.window, func() {
			db.wmu.Lock()
			defer db.wmu.Unlock()
			if db.open.Load() == t {
				if err := db.commitLocked(); err != nil && db.werr == nil {
					db.werr = err
				}
			}
		})
	}
	db.open.Store(t)
	return t, nil
}

// commitLocked commits the open transaction, if any. The caller holds wmu.
func (db *DB) commitLocked() error {
	t := db.open.Load()
	if t == nil {
		return nil
	}
	if t.timer != nil {
		t.timer.Stop()
	}
	err := t.tx.Commit()
	// Only now: a reader that saw the transaction open waits on wmu and then
	// reads after the commit; one that saw it closed earlier would read a
	// snapshot without these documents.
	db.open.Store(nil)
	db.pendingHashes.clear()
	if err != nil {
		db.pending.invalidate()
		return fmt.Errorf("commit %d documents: %w (they are not stored)", t.docs, err)
	}
	db.ftsPending.Add(int64(t.events))
	return nil
}

// abortLocked rolls back the open transaction after it failed. The caller
// holds wmu.
func (db *DB) abortLocked() int {
	t := db.open.Load()
	if t == nil {
		return 0
	}
	db.open.Store(nil)
	if t.timer != nil {
		t.timer.Stop()
	}
	t.tx.Rollback()
	db.pendingHashes.clear()
	db.pending.invalidate()
	return t.docs
}

// putLocked stores b in the open transaction, inside a savepoint. The
// caller holds wmu.
func (db *DB) putLocked(b *batch) (added bool, err error) {
	if db.werr != nil {
		// A commit by the timer failed: report it once, to the next caller.
		err, db.werr = db.werr, nil
		return false, err
	}
	t, err := db.writeTxLocked()
	if err != nil {
		return false, err
	}
	ctx := context.Background()
	if _, err := t.tx.ExecContext(ctx, "SAVEPOINT put"); err != nil {
		return false, db.failedLocked(err)
	}
	added, b.seq, b.clusters, err = db.putTx(ctx, t.tx, b.Batch, b.blob)
	if err != nil {
		if _, rerr := t.tx.ExecContext(ctx, "ROLLBACK TO put"); rerr != nil {
			return false, db.failedLocked(err)
		}
		if _, rerr := t.tx.ExecContext(ctx, "RELEASE put"); rerr != nil {
			return false, db.failedLocked(err)
		}
		return false, err
	}
	if _, err := t.tx.ExecContext(ctx, "RELEASE put"); err != nil {
		return false, db.failedLocked(err)
	}
	if added {
		t.docs++
		t.events += len(b.Events)
		db.pendingHashes.add(b.Doc.Hash)
	}
	if db.window == 0 || t.docs >= commitDocs {
		if err := db.commitLocked(); err != nil {
			return false, err
		}
	}
	return added, nil
}

// failedLocked rolls back an open transaction SQLite can no longer use.
func (db *DB) failedLocked(err error) error {
	if n := db.abortLocked(); n > 0 {
		return fmt.Errorf("%w (and the %d documents stored since the last commit are lost)", err, n)
	}
	return err
}

// view runs fn on a transaction that sees every stored document, with the
// read statements prepared for it: the open write transaction if there is
// one (holding wmu), else a read-only one.
func (db *DB) view(ctx context.Context, fn func(*sql.Tx, *readStmts) error) error {
	if db.open.Load() != nil {
		db.wmu.Lock()
		defer db.wmu.Unlock()
		if t := db.open.Load(); t != nil {
			return fn(t.tx, &db.wrs)
		}
	}
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx, &db.rs)
}

// maintainLocked brings the near-duplicate and text indexes up to date
// when enough documents wait and no write transaction is open. Errors are
// left for later: the documents are stored, and indexing is retried after
// the next Put and before any query that needs it, where errors surface.
// The caller holds wmu.
func (db *DB) maintainLocked(ctx context.Context) {
	if db.open.Load() != nil {
		return
	}
	if db.pending.waiting() >= bucketBatch {
		_ = db.flushBucketsLocked(ctx)
	}
	if db.ftsPending.Load() >= ftsBatch {
		_ = db.indexTextLocked(ctx)
	}
}
