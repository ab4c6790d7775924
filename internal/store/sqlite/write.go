package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// The write path. A Write is one IMMEDIATE transaction on the single writer
// connection that stores its batches with a few statements per table, not
// a few per event:
//
//   - what may be rejected (stored hashes and event ids, canonical
//     documents) is looked up for the whole call first, so that every
//     later statement applies to the whole call;
//   - keys (documents.seq, events.seq, clusters.id) are allocated in
//     memory from the table maxima, so rows go in with multi-row INSERTs
//     in key order and append to their tables;
//   - clusters are assigned in memory (store.ChooseCluster over the
//     clusters of the event's type and party key, read once and kept
//     across calls in clusterCache) and each touched cluster is written
//     once per call.
//
// The cache holds what this connection wrote last; meta 'writes', which
// every Write increments, tells it whether another connection (another
// process) wrote since, and a failed transaction empties it.

// writeStmts are the writer's statements, prepared once on its connection.
type writeStmts struct {
	insertBuckets, insertError, bumpWrites, readWrites *sql.Stmt
	loadClusters                                       *sql.Stmt
	all                                                []*sql.Stmt
}

func (ws *writeStmts) prepare(ctx context.Context, w *sql.DB) error {
	return prepare(ctx, w, &ws.all, []stmtDef{
		{&ws.insertBuckets, `INSERT OR IGNORE INTO buckets (bucket, doc_seq)
			SELECT value ->> 0, value ->> 1 FROM json_each(?)`},
		{&ws.insertError, `INSERT OR IGNORE INTO errors (source, reason, at) VALUES (?, ?, ?)`},
		{&ws.readWrites, `SELECT (SELECT value FROM meta WHERE key = 'writes'),
			(SELECT COALESCE(MAX(seq), 0) FROM documents), (SELECT COALESCE(MAX(seq), 0) FROM events),
			(SELECT COALESCE(MAX(id), 0) FROM clusters)`},
		{&ws.bumpWrites, `UPDATE meta SET value = value + 1 WHERE key = 'writes'`},
		{&ws.loadClusters, `SELECT id, mode, actors, recipients, contexts, date, first, last, mentions FROM clusters
			WHERE type = ? AND party_key = ?`},
	})
}

// stmtDef is a statement to prepare and where to keep it.
type stmtDef struct {
	p   **sql.Stmt
	sql string
}

// prepare prepares defs on db, appending them to all; on error it closes
// those already prepared.
func prepare(ctx context.Context, db *sql.DB, all *[]*sql.Stmt, defs []stmtDef) error {
	for _, d := range defs {
		st, err := db.PrepareContext(ctx, d.sql)
		if err != nil {
			for _, s := range *all {
				s.Close()
			}
			*all = nil
			return fmt.Errorf("prepare %q: %w", d.sql, err)
		}
		*d.p = st
		*all = append(*all, st)
	}
	return nil
}

func (ws *writeStmts) close() {
	for _, s := range ws.all {
		s.Close()
	}
	ws.all = nil
}

// clusterKey is what a cluster may be joined by: its type and party key.
type clusterKey struct {
	typ record.Type
	key string
}

// clusterCache keeps the clusters of the keys the writer touched, as
// committed. Guarded by wmu.
type clusterCache struct {
	writes int64 // meta 'writes' the cache is current for; -1: empty
	byKey  map[clusterKey][]store.Cluster
	n      int
}

// maxCachedClusters bounds the cache (some 200 bytes a cluster); past it
// the cache starts again empty.
const maxCachedClusters = 1 << 20

func (c *clusterCache) reset() {
	c.writes, c.byKey, c.n = -1, map[clusterKey][]store.Cluster{}, 0
}

// written is a batch accepted for storing, with its keys.
type written struct {
	b       *store.Batch
	i       int   // its index in the call
	seq     int64 // documents.seq
	source  int64 // the seq its mentions count for: its canonical's, else its own
	buckets []int64
	blob    []byte
}

// Write stores batches in one transaction; see store.Store.
func (db *DB) Write(ctx context.Context, batches []*store.Batch) ([]store.Outcome, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]store.Outcome, len(batches))
	for i, b := range batches {
		out[i].Err = check(b)
	}
	db.wmu.Lock()
	defer db.wmu.Unlock()
	db.maintainLocked(ctx)
	ws, err := db.writeLocked(batches, out)
	if err != nil {
		db.cache.reset()
		db.pending.invalidate()
		for i := range out {
			out[i] = store.Outcome{}
		}
		return nil, fmt.Errorf("write %d documents: %w (none is stored)", len(batches), err)
	}
	for _, w := range ws {
		// In seq order, under wmu: see pendingBuckets.added.
		db.pending.added(w.seq, w.b.Doc.Hash, w.buckets)
	}
	db.maintainLocked(ctx)
	return out, nil
}

// check rejects a batch that cannot be stored, before any work.
func check(b *store.Batch) error {
	if b == nil {
		return errors.New("write: nil batch")
	}
	if b.Doc.Hash == "" {
		return fmt.Errorf("document %q: empty hash", b.Doc.Source)
	}
	seen := make(map[string]bool, len(b.Events))
	for i := range b.Events {
		e := &b.Events[i].Event
		switch {
		case e.ID == "":
			return fmt.Errorf("document %s: event %d has no id", b.Doc.Hash, i)
		case e.Type == "":
			return fmt.Errorf("document %s: event %s has no type", b.Doc.Hash, e.ID)
		case seen[e.ID]:
			return fmt.Errorf("document %s: event id %s appears twice", b.Doc.Hash, e.ID)
		}
		seen[e.ID] = true
	}
	return nil
}

// writeLocked runs the transaction of a Write. The caller holds wmu.
// Statements never see the caller's context: an interrupted statement
// would leave the connection in a state the next Write must not inherit;
// the transaction is short.
func (db *DB) writeLocked(batches []*store.Batch, out []store.Outcome) (ws []written, err error) {
	ctx := context.Background()
	tx, err := db.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see dsn
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var writes, docSeq, evSeq, clusterID int64
	if err := tx.StmtContext(ctx, db.ws.readWrites).QueryRowContext(ctx).Scan(&writes, &docSeq, &evSeq, &clusterID); err != nil {
		return nil, err
	}
	if db.cache.writes != writes || db.cache.n > maxCachedClusters {
		db.cache.reset()
	}

	// What is stored already: hashes, event ids, canonical documents.
	var hashes, ids []string
	for i, b := range batches {
		if out[i].Err != nil {
			continue
		}
		hashes = append(hashes, b.Doc.Hash)
		if b.Doc.Canonical != "" {
			hashes = append(hashes, b.Doc.Canonical)
		}
		for j := range b.Events {
			ids = append(ids, b.Events[j].ID)
		}
	}
	storedSeq, err := lookupStrings(ctx, tx, `SELECT hash, seq FROM documents WHERE hash IN (SELECT value FROM json_each(?))`, hashes)
	if err != nil {
		return nil, err
	}
	storedID, err := lookupStrings(ctx, tx, `SELECT e.id, d.hash FROM events e JOIN documents d ON d.seq = e.doc_seq
		WHERE e.id IN (SELECT value FROM json_each(?))`, ids)
	if err != nil {
		return nil, err
	}
	callSeq := map[string]int64{} // hash → seq of the documents of this call
	callID := map[string]string{} // event id → hash, this call
	for i, b := range batches {
		if out[i].Err != nil {
			continue
		}
		d := &b.Doc
		if _, ok := storedSeq[d.Hash]; ok {
			continue
		}
		if _, ok := callSeq[d.Hash]; ok {
			continue
		}
		source := int64(0)
		if d.Canonical != "" {
			s, ok := storedSeq[d.Canonical].(int64)
			if !ok {
				s, ok = callSeq[d.Canonical]
			}
			if !ok {
				out[i].Err = fmt.Errorf("document %s: canonical document %s is not stored", d.Hash, d.Canonical)
				continue
			}
			source = s
		}
		for j := range b.Events {
			id := b.Events[j].ID
			if owner, ok := storedID[id]; ok {
				out[i].Err = fmt.Errorf("document %s: event id %s is already stored, from document %s", d.Hash, id, owner)
				break
			}
			if owner, ok := callID[id]; ok {
				out[i].Err = fmt.Errorf("document %s: event id %s is already stored, from document %s", d.Hash, id, owner)
				break
			}
		}
		if out[i].Err != nil {
			continue
		}
		for j := range b.Events {
			callID[b.Events[j].ID] = d.Hash
		}
		docSeq++
		callSeq[d.Hash] = docSeq
		if source == 0 {
			source = docSeq
		}
		w := written{b: b, i: i, seq: docSeq, source: source}
		w.buckets, w.blob = encodeBuckets(b.Buckets)
		ws = append(ws, w)
	}
	if len(ws) == 0 {
		return nil, tx.Rollback()
	}

	// Clusters, in memory, in event order.
	type pairRow struct {
		cluster int64
		source  any
	}
	// Touched clusters by id, as where they sit in the cache: a key's
	// slice only grows, so indexes stay valid where pointers would not.
	type at struct {
		k clusterKey
		i int
	}
	dirty := map[int64]at{}
	isNew := map[int64]bool{}
	before := map[int64]*store.Cluster{} // touched clusters as they were, for the rollups
	var sources, outlets []pairRow
	for _, w := range ws {
		for j := range w.b.Events {
			e := &w.b.Events[j]
			k := clusterKey{e.Type, store.PartyKey(record.Codes(e.Actors), record.Codes(e.Recipients))}
			cands, err := db.cache.load(ctx, tx.StmtContext(ctx, db.ws.loadClusters), k)
			if err != nil {
				return nil, err
			}
			n := store.ChooseCluster(cands, e)
			if n < 0 {
				clusterID++
				nc := store.NewCluster(e)
				nc.ID = clusterID
				cands = append(cands, nc)
				db.cache.byKey[k] = cands
				db.cache.n++
				n = len(cands) - 1
				isNew[nc.ID] = true
			}
			c := &cands[n]
			if _, ok := dirty[c.ID]; !ok && !isNew[c.ID] {
				was := *c
				before[c.ID] = &was
			}
			store.Mention(c, e)
			dirty[c.ID] = at{k, n}
			e.ClusterID = c.ID
			e.DocHash = w.b.Doc.Hash
			sources = append(sources, pairRow{c.ID, w.source})
			if w.b.Doc.Outlet != "" {
				outlets = append(outlets, pairRow{c.ID, w.b.Doc.Outlet})
			}
		}
	}

	// Documents.
	now := time.Now()
	docs := make([][]any, 0, len(ws))
	for _, w := range ws {
		d := &w.b.Doc
		at := d.IngestedAt
		if at.IsZero() {
			at = now
		}
		raw := d.Raw
		if raw == nil {
			raw = []byte{}
		}
		docs = append(docs, []any{w.seq, d.Hash, d.ID, d.Source, d.URL, d.Outlet, d.Lang, nullString(d.PubDate), d.Title,
			nullString(d.Canonical), at.UTC().Format(time.RFC3339Nano), w.blob, raw, d.Text, d.Build, d.Codebook})
	}
	if err := db.insertRows(ctx, tx, &bulkDocuments, docs); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}

	// Clusters: the new ones inserted, the others updated, once each, in
	// id order.
	ids64 := make([]int64, 0, len(dirty))
	for id := range dirty {
		ids64 = append(ids64, id)
	}
	slices.Sort(ids64)
	var newRows [][]any
	var upd []clusterUpdate
	after := make(map[int64]*store.Cluster, len(ids64))
	for _, id := range ids64 {
		c := &db.cache.byKey[dirty[id].k][dirty[id].i]
		after[id] = c
		if isNew[id] {
			newRows = append(newRows, []any{c.ID, c.Type, c.Mode, store.PartyKey(c.Actors, c.Recipients), jsonList(c.Actors),
				jsonList(c.Recipients), jsonList(c.Contexts), nullString(c.Date), nullString(c.First), nullString(c.Last), c.Mentions})
		} else {
			upd = append(upd, clusterUpdate{c.ID, string(c.Mode), jsonList(c.Contexts), nullString(c.Date).String, c.First, c.Last, c.Mentions})
		}
	}
	if err := db.insertRows(ctx, tx, &bulkClusters, newRows); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	if len(upd) > 0 {
		j, _ := json.Marshal(upd)
		if _, err := tx.ExecContext(ctx, `UPDATE clusters SET mode = u.value ->> 1, contexts = u.value ->> 2,
			date = NULLIF(u.value ->> 3, ''), first = NULLIF(u.value ->> 4, ''), last = NULLIF(u.value ->> 5, ''),
			mentions = u.value ->> 6
			FROM json_each(?) AS u WHERE clusters.id = u.value ->> 0`, string(j)); err != nil {
			return nil, fmt.Errorf("clusters: %w", err)
		}
	}
	// Events and their parties.
	var evRows, partyRows [][]any
	nEvents := 0
	for _, w := range ws {
		for j := range w.b.Events {
			e := &w.b.Events[j]
			evSeq++
			nEvents++
			evRows = append(evRows, []any{evSeq, e.ID, w.seq, e.Doc, e.Lang, e.Type, e.Mode, e.Quad, e.Factuality,
				nullPtr(e.Date), e.DatePrecision, e.DateNote, nullPtr(e.PubDate), nullString(store.EventDay(e)),
				e.Confidence, e.Codebook, jsonList(e.Contexts), e.Sentence, e.Span[0], e.Span[1], e.Trigger, e.ClusterID})
			for side, ps := range [2][]record.Party{e.Actors, e.Recipients} {
				name := [2]string{"actor", "recipient"}[side]
				for pos, p := range ps {
					partyRows = append(partyRows, []any{evSeq, name, pos, p.Code, p.Text, p.Role})
				}
			}
		}
	}
	if err := db.insertRows(ctx, tx, &bulkEvents, evRows); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	if err := db.insertRows(ctx, tx, &bulkParties, partyRows); err != nil {
		return nil, fmt.Errorf("event parties: %w", err)
	}

	// Distinct sources and outlets, then their counts.
	toRows := func(ps []pairRow) [][]any {
		rows := make([][]any, len(ps))
		for i, p := range ps {
			rows[i] = []any{p.cluster, p.source}
		}
		return rows
	}
	if err := db.insertRows(ctx, tx, &bulkSources, toRows(sources)); err != nil {
		return nil, fmt.Errorf("cluster sources: %w", err)
	}
	if err := db.insertRows(ctx, tx, &bulkOutlets, toRows(outlets)); err != nil {
		return nil, fmt.Errorf("cluster outlets: %w", err)
	}
	j, _ := json.Marshal(ids64)
	if _, err := tx.ExecContext(ctx, `UPDATE clusters SET
		sources = (SELECT COUNT(*) FROM cluster_sources s WHERE s.cluster_id = clusters.id),
		outlets = (SELECT COUNT(*) FROM cluster_outlets o WHERE o.cluster_id = clusters.id)
		WHERE id IN (SELECT value FROM json_each(?))`, string(j)); err != nil {
		return nil, fmt.Errorf("cluster counts: %w", err)
	}

	if err := applyRollups(ctx, tx, before, after, true); err != nil {
		return nil, err
	}
	// Counters, for Stats.
	dups := 0
	langs := map[string]int{}
	for _, w := range ws {
		if w.b.Doc.Canonical != "" {
			dups++
		}
		langs[w.b.Doc.Lang]++
	}
	if _, err := tx.ExecContext(ctx, `UPDATE counters SET value = value + CASE name
		WHEN 'documents' THEN ? WHEN 'duplicates' THEN ? WHEN 'events' THEN ? WHEN 'clusters' THEN ? ELSE 0 END`,
		len(ws), dups, nEvents, len(isNew)); err != nil {
		return nil, fmt.Errorf("counters: %w", err)
	}
	for l, n := range langs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO lang_counts (lang, documents) VALUES (?, ?)
			ON CONFLICT (lang) DO UPDATE SET documents = documents + excluded.documents`, l, n); err != nil {
			return nil, fmt.Errorf("counters: %w", err)
		}
	}
	if _, err := tx.StmtContext(ctx, db.ws.bumpWrites).ExecContext(ctx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	db.cache.writes = writes + 1
	db.ftsPending.Add(int64(nEvents))
	for _, w := range ws {
		out[w.i].Added = true
	}
	return ws, nil
}

// clusterUpdate is one cluster's new summary, as the bulk UPDATE reads it
// (a JSON array).
type clusterUpdate struct {
	id                          int64
	mode, contexts, date, first string
	last                        string
	mentions                    int
}

func (u clusterUpdate) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{u.id, u.mode, u.contexts, u.date, u.first, u.last, u.mentions})
}

// load returns the clusters of key k, reading them with st when the cache
// lacks them.
func (c *clusterCache) load(ctx context.Context, st *sql.Stmt, k clusterKey) ([]store.Cluster, error) {
	if cs, ok := c.byKey[k]; ok {
		return cs, nil
	}
	rows, err := st.QueryContext(ctx, k.typ, k.key)
	if err != nil {
		return nil, fmt.Errorf("clusters of %s %s: %w", k.typ, k.key, err)
	}
	defer rows.Close()
	cs := []store.Cluster{}
	for rows.Next() {
		r := store.Cluster{Type: k.typ}
		var actors, recipients, contexts string
		var date, first, last sql.NullString
		if err := rows.Scan(&r.ID, &r.Mode, &actors, &recipients, &contexts, &date, &first, &last, &r.Mentions); err != nil {
			return nil, err
		}
		r.Date, r.First, r.Last = date.String, first.String, last.String
		if err := errors.Join(unmarshalList(actors, &r.Actors), unmarshalList(recipients, &r.Recipients),
			unmarshalList(contexts, &r.Contexts)); err != nil {
			return nil, fmt.Errorf("cluster %d: %w", r.ID, err)
		}
		cs = append(cs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	c.byKey[k] = cs
	c.n += len(cs)
	return cs, nil
}

// lookupStrings runs q with keys as a JSON array and returns its first
// column mapped to its second.
func lookupStrings(ctx context.Context, tx *sql.Tx, q string, keys []string) (map[string]any, error) {
	m := map[string]any{}
	if len(keys) == 0 {
		return m, nil
	}
	j, _ := json.Marshal(keys)
	rows, err := tx.QueryContext(ctx, q, string(j))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v any
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		if b, ok := v.([]byte); ok {
			v = string(b)
		}
		m[k] = v
	}
	return m, rows.Err()
}

// maxParams is how many parameters one statement binds at most (SQLite's
// limit is 32766).
const maxParams = 8192

// bulk is a multi-row INSERT: its prefix (up to VALUES), its columns and
// SQL appended to every row's values.
type bulk struct {
	prefix string
	ncols  int
	extra  string
}

// The bulk INSERTs of a Write.
var (
	bulkDocuments = bulk{`INSERT INTO documents (seq, hash, id, source, url, outlet, lang, pub_date, title, canonical,
		ingested_at, buckets, raw, text, build, codebook) VALUES `, 16, ""}
	bulkClusters = bulk{`INSERT INTO clusters (id, type, mode, party_key, actors, recipients, contexts, date, first, last,
		mentions, sources, outlets) VALUES `, 11, "0, 0"}
	bulkEvents = bulk{`INSERT INTO events (seq, id, doc_seq, doc, lang, type, mode, quad, factuality, date,
		date_precision, date_note, pub_date, day, confidence, codebook, contexts, sentence, span_start, span_end,
		trigger, cluster_id) VALUES `, 22, ""}
	bulkParties = bulk{`INSERT INTO event_parties (event_seq, side, pos, code, text, role) VALUES `, 6, ""}
	bulkSources = bulk{`INSERT OR IGNORE INTO cluster_sources (cluster_id, source) VALUES `, 2, ""}
	bulkOutlets = bulk{`INSERT OR IGNORE INTO cluster_outlets (cluster_id, outlet) VALUES `, 2, ""}
	bulks       = []*bulk{&bulkDocuments, &bulkClusters, &bulkEvents, &bulkParties, &bulkSources, &bulkOutlets}
)

// sizes returns the row counts of b's statements, largest first: powers
// of 4, so that any number of rows is a few statements, each prepared once.
func (b *bulk) sizes() []int {
	size := 1
	for size*4*b.ncols <= maxParams && size < 1024 {
		size *= 4
	}
	var out []int
	for ; size >= 1; size /= 4 {
		out = append(out, size)
	}
	return out
}

func (b *bulk) sql(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", b.ncols), ",")
	if b.extra != "" {
		one += ", " + b.extra
	}
	one += ")"
	return b.prefix + strings.TrimSuffix(strings.Repeat(one+",", rows), ",")
}

// insertRows inserts rows with b's statements, on the writer's
// connection (whose statements Open prepared: see prepareBulk).
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, b *bulk, rows [][]any) error {
	sizes := b.sizes()
	args := make([]any, 0, min(len(rows), sizes[0])*b.ncols)
	for _, size := range sizes {
		for len(rows) >= size {
			args = args[:0]
			for _, r := range rows[:size] {
				args = append(args, r...)
			}
			if _, err := tx.StmtContext(ctx, db.stmts[b.sql(size)]).ExecContext(ctx, args...); err != nil {
				return err
			}
			rows = rows[size:]
		}
	}
	return nil
}

// prepareBulk prepares every statement of the bulk INSERTs on the writer.
func (db *DB) prepareBulk(ctx context.Context) error {
	db.stmts = map[string]*sql.Stmt{}
	for _, b := range bulks {
		for _, n := range b.sizes() {
			q := b.sql(n)
			st, err := db.w.PrepareContext(ctx, q)
			if err != nil {
				return fmt.Errorf("prepare %.60q…: %w", q, err)
			}
			db.stmts[q] = st
			db.ws.all = append(db.ws.all, st) // closed with the others
		}
	}
	return nil
}

// maintainLocked brings the near-duplicate and text indexes up to date
// when enough documents wait. Errors are left for later: the documents
// are stored, and indexing is retried after the next Write and before any
// query that needs it, where errors surface. The caller holds wmu.
func (db *DB) maintainLocked(ctx context.Context) {
	if db.pending.waiting() >= bucketBatch {
		_ = db.flushBucketsLocked(ctx)
	}
	if db.ftsPending.Load() >= ftsBatch {
		_ = db.indexTextLocked(ctx)
	}
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func nullPtr(p *string) sql.NullString {
	if p == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: *p, Valid: true}
}

// jsonList encodes a list of strings as a JSON array ("[]" when empty).
func jsonList(xs []string) string {
	if len(xs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

// unmarshalList decodes a JSON array of strings; the result is never nil.
func unmarshalList(s string, xs *[]string) error {
	*xs = []string{}
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), xs)
}
