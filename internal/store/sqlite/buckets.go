package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"mitra/internal/store"
)

// Near-duplicate buckets are random keys: indexing a document's 24 of them
// as it is stored would touch 24 random pages of the buckets index, a third
// of what a Put writes. So Put keeps them with the document
// (documents.buckets) and the index is filled in batches, in key order;
// meta 'bucket_seq' records how far it goes. The buckets of the documents
// stored since (at most bucketBatch of them) are looked up in memory.

// bucketBatch is how many documents' buckets wait before they are indexed.
const bucketBatch = 16384

// pendingBuckets mirrors the buckets of the documents with
// from < seq <= upto, those not yet in the buckets table.
type pendingBuckets struct {
	mu         sync.Mutex // held across loads, look-ups and flushes
	valid      bool       // false: reload from the database before use
	from, upto int64
	docs       int
	index      map[int64][]int64 // bucket → document seqs
	hash       map[int64]string  // document seq → hash
}

func (p *pendingBuckets) reset(from int64) {
	p.valid, p.from, p.upto, p.docs = true, from, from, 0
	p.index = map[int64][]int64{}
	p.hash = map[int64]string{}
}

func (p *pendingBuckets) add(seq int64, hash string, buckets []int64) {
	for _, b := range buckets {
		p.index[b] = append(p.index[b], seq)
	}
	p.hash[seq] = hash
	p.upto = seq
	p.docs++
}

// added records a document just stored by Write, which calls it holding
// wmu, so documents arrive in the order of their seqs.
func (p *pendingBuckets) added(seq int64, hash string, buckets []int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.valid {
		switch {
		case seq <= p.upto: // already loaded by a look-up
		case seq == p.upto+1:
			p.add(seq, hash, buckets)
		default: // another process stored documents meanwhile
			p.valid = false
		}
	}
}

// waiting returns how many documents wait to be indexed.
func (p *pendingBuckets) waiting() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.docs
}

// invalidate makes the next use reload p from the database (after a
// transaction with documents in p was lost).
func (p *pendingBuckets) invalidate() {
	p.mu.Lock()
	p.valid = false
	p.mu.Unlock()
}

// encodeBuckets returns the distinct buckets, sorted, and their column
// value (nil when there are none).
func encodeBuckets(us []uint64) ([]int64, []byte) {
	if len(us) == 0 {
		return nil, nil
	}
	bs := make([]int64, len(us))
	for i, u := range us {
		bs[i] = int64(u) // the bit pattern: SQLite integers are signed
	}
	slices.Sort(bs)
	bs = slices.Compact(bs)
	blob := make([]byte, 0, 8*len(bs))
	for _, b := range bs {
		blob = binary.BigEndian.AppendUint64(blob, uint64(b))
	}
	return bs, blob
}

func decodeBuckets(blob []byte) []int64 {
	bs := make([]int64, len(blob)/8)
	for i := range bs {
		bs[i] = int64(binary.BigEndian.Uint64(blob[8*i:]))
	}
	return bs
}

// sync brings p in line with the database as tx sees it, whose index goes
// up to indexed and whose last document is last: it reads only the
// documents it lacks. p may know of later documents, committed by a Write
// after tx began. The caller holds p.mu.
func (p *pendingBuckets) sync(ctx context.Context, tx *sql.Tx, indexed, last int64) error {
	if !p.valid || p.from != indexed {
		p.reset(indexed)
	}
	if p.upto >= last {
		return nil
	}
	p.valid = false // until the load completes
	rows, err := tx.QueryContext(ctx, "SELECT seq, hash, buckets FROM documents WHERE seq > ? AND seq <= ? ORDER BY seq", p.upto, last)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var hash string
		var blob []byte
		if err := rows.Scan(&seq, &hash, &blob); err != nil {
			return err
		}
		p.add(seq, hash, decodeBuckets(blob))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	p.upto, p.valid = last, true
	return nil
}

// NearDuplicates returns the documents sharing buckets with buckets, most
// shared first, then earliest stored first.
func (db *DB) NearDuplicates(ctx context.Context, buckets []uint64) ([]store.Near, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	if len(buckets) == 0 {
		return nil, nil
	}
	out, err := db.nearDuplicates(ctx, buckets)
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	return out, nil
}

func (db *DB) nearDuplicates(ctx context.Context, buckets []uint64) (out []store.Near, err error) {
	bs, _ := encodeBuckets(buckets)
	j, _ := json.Marshal(bs)
	type match struct {
		seq  int64
		n    int
		hash string
	}
	var ms []match
	err = db.read(ctx, func(tx *sql.Tx, rs *readStmts) error {
		p := &db.pending
		p.mu.Lock()
		defer p.mu.Unlock()
		var indexed, last int64
		if err := tx.StmtContext(ctx, rs.bucketState).QueryRowContext(ctx).Scan(&indexed, &last); err != nil {
			return err
		}
		if err := p.sync(ctx, tx, indexed, last); err != nil {
			return err
		}
		rows, err := tx.StmtContext(ctx, rs.bucketMatches).QueryContext(ctx, string(j))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m match
			if err := rows.Scan(&m.seq, &m.n, &m.hash); err != nil {
				return err
			}
			ms = append(ms, m)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		shared := map[int64]int{}
		for _, b := range bs {
			for _, seq := range p.index[b] {
				shared[seq]++
			}
		}
		for seq, n := range shared {
			ms = append(ms, match{seq, n, p.hash[seq]})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ms, func(a, b match) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.seq, b.seq))
	})
	out = make([]store.Near, len(ms))
	for i, m := range ms {
		out[i] = store.Near{Hash: m.hash, Shared: m.n}
	}
	return out, nil
}

// flushBucketsLocked adds the pending documents' buckets to the index, in
// one transaction and in key order. The caller holds wmu.
func (db *DB) flushBucketsLocked(ctx context.Context) error {
	p := &db.pending
	p.mu.Lock()
	defer p.mu.Unlock()
	tx, err := db.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see dsn
	if err != nil {
		return fmt.Errorf("index buckets: %w", err)
	}
	defer tx.Rollback() // after Commit: a no-op returning sql.ErrTxDone
	var indexed, last int64
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'bucket_seq'),
		(SELECT COALESCE(MAX(seq), 0) FROM documents)`).Scan(&indexed, &last); err != nil {
		return fmt.Errorf("index buckets: %w", err)
	}
	if err := p.sync(ctx, tx, indexed, last); err != nil {
		return fmt.Errorf("index buckets: %w", err)
	}
	type entry struct{ bucket, seq int64 }
	var es []entry
	for b, seqs := range p.index {
		for _, s := range seqs {
			es = append(es, entry{b, s})
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Or(cmp.Compare(a.bucket, b.bucket), cmp.Compare(a.seq, b.seq)) })
	// In chunks of pairs [bucket, seq] read by json_each: one statement per
	// chunk costs far less than one per row.
	ins := tx.StmtContext(ctx, db.ws.insertBuckets)
	for len(es) > 0 {
		n := min(len(es), 8192)
		buf := make([]byte, 0, 40*n)
		buf = append(buf, '[')
		for i, e := range es[:n] {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = fmt.Appendf(buf, "[%d,%d]", e.bucket, e.seq)
		}
		buf = append(buf, ']')
		if _, err := ins.ExecContext(ctx, string(buf)); err != nil {
			p.valid = false
			return fmt.Errorf("index buckets: %w", err)
		}
		es = es[n:]
	}
	if _, err := tx.ExecContext(ctx, "UPDATE meta SET value = ? WHERE key = 'bucket_seq'", last); err != nil {
		p.valid = false
		return fmt.Errorf("index buckets: %w", err)
	}
	if err := tx.Commit(); err != nil {
		p.valid = false
		return fmt.Errorf("index buckets: %w", err)
	}
	p.reset(last)
	return nil
}

// read runs fn in a read-only transaction, with the readers' statements.
func (db *DB) read(ctx context.Context, fn func(*sql.Tx, *readStmts) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx, &db.rs)
}
