package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// writeStmts are the writer's statements, prepared once on its connection.
type writeStmts struct {
	docExists, insertDoc, insertBuckets               *sql.Stmt
	candidates, candidatesUndated                     *sql.Stmt
	insertCluster, updateCluster                      *sql.Stmt
	insertClusterSource, insertOutlet                 *sql.Stmt
	insertEvent, insertParty, eventOwner, insertError *sql.Stmt
	docSeq                                            *sql.Stmt
	all                                               []*sql.Stmt
}

func (ws *writeStmts) prepare(ctx context.Context, w *sql.DB) error {
	return prepare(ctx, w, &ws.all, []stmtDef{
		{&ws.docExists, `SELECT 1 FROM documents WHERE hash = ?`},
		{&ws.insertDoc, `INSERT INTO documents (hash, id, source, url, outlet, lang, pub_date, title, canonical, ingested_at, buckets, raw, text, build, codebook)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&ws.insertBuckets, `INSERT OR IGNORE INTO buckets (bucket, doc_seq)
			SELECT value ->> 0, value ->> 1 FROM json_each(?)`},
		// Clusters an event dated day may join (see store.SameAct): those
		// whose [first, last] lies within the window around day, in the
		// order of their last day, then the undated ones.
		{&ws.candidates, `SELECT id, mode, actors, recipients, contexts, date, first, last FROM clusters
			WHERE type = ?1 AND party_key = ?2 AND last >= ?3 AND first <= ?4
			UNION ALL
			SELECT id, mode, actors, recipients, contexts, date, first, last FROM clusters
			WHERE type = ?1 AND party_key = ?2 AND last IS NULL`},
		// An undated event may join any cluster of its act: the most
		// recently active first.
		{&ws.candidatesUndated, `SELECT id, mode, actors, recipients, contexts, date, first, last FROM clusters
			WHERE type = ? AND party_key = ? ORDER BY last DESC, id DESC`},
		{&ws.insertCluster, `INSERT INTO clusters (type, mode, party_key, actors, recipients, contexts, date, first, last, mentions, sources, outlets)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)`},
		{&ws.updateCluster, `UPDATE clusters SET mode = ?, contexts = ?, date = ?, first = ?, last = ?,
			mentions = mentions + 1, sources = sources + ?, outlets = outlets + ? WHERE id = ?`},
		{&ws.insertClusterSource, `INSERT OR IGNORE INTO cluster_sources (cluster_id, source) VALUES (?, ?)`},
		{&ws.insertOutlet, `INSERT OR IGNORE INTO cluster_outlets (cluster_id, outlet) VALUES (?, ?)`},
		{&ws.insertEvent, `INSERT INTO events (id, doc_seq, doc, lang, type, mode, quad, factuality, date, date_precision, date_note,
			pub_date, day, confidence, codebook, contexts, sentence, span_start, span_end, trigger, cluster_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&ws.insertParty, `INSERT INTO event_parties (event_seq, side, pos, code, text, role) VALUES (?, ?, ?, ?, ?, ?)`},
		{&ws.eventOwner, `SELECT d.hash FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE e.id = ?`},
		{&ws.docSeq, `SELECT seq FROM documents WHERE hash = ?`},
		{&ws.insertError, `INSERT INTO errors (source, reason, at) VALUES (?, ?, ?)`},
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

// Put stores b atomically. See store.Store, and SetCommitWindow for when
// the transaction commits. When it stores b, Put sets each event's DocHash
// and ClusterID. A document's Canonical must name a stored document.
func (db *DB) Put(ctx context.Context, b *store.Batch) (bool, error) {
	if err := db.begin(); err != nil {
		return false, err
	}
	defer db.mu.RUnlock()
	if err := check(b); err != nil {
		return false, err
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	pb := &batch{Batch: b}
	var buckets []int64
	buckets, pb.blob = encodeBuckets(b.Buckets)

	db.wmu.Lock()
	defer db.wmu.Unlock()
	db.maintainLocked(ctx)
	added, err := db.putLocked(pb)
	if err != nil {
		return false, fmt.Errorf("put document %s: %w", b.Doc.Hash, err)
	}
	if !added {
		return false, nil
	}
	for i := range b.Events {
		b.Events[i].DocHash = b.Doc.Hash
		b.Events[i].ClusterID = pb.clusters[i]
	}
	// In seq order, under wmu: see pendingBuckets.added.
	db.pending.added(pb.seq, b.Doc.Hash, buckets)
	db.maintainLocked(ctx)
	return true, nil
}

// batch is a Batch on its way into the database.
type batch struct {
	*store.Batch
	blob     []byte  // encoded buckets
	seq      int64   // the document's, once stored
	clusters []int64 // each event's, once stored
}

// check rejects a batch that cannot be stored, before any work.
func check(b *store.Batch) error {
	if b == nil {
		return errors.New("put: nil batch")
	}
	if b.Doc.Hash == "" {
		return fmt.Errorf("put document %q: empty hash", b.Doc.Source)
	}
	seen := make(map[string]bool, len(b.Events))
	for i := range b.Events {
		e := &b.Events[i].Event
		switch {
		case e.ID == "":
			return fmt.Errorf("put document %s: event %d has no id", b.Doc.Hash, i)
		case e.Type == "":
			return fmt.Errorf("put document %s: event %s has no type", b.Doc.Hash, e.ID)
		case seen[e.ID]:
			return fmt.Errorf("put document %s: event id %s appears twice", b.Doc.Hash, e.ID)
		}
		seen[e.ID] = true
	}
	return nil
}

// putTx stores b in tx.
func (db *DB) putTx(ctx context.Context, tx *sql.Tx, b *store.Batch, buckets []byte) (added bool, docSeq int64, clusters []int64, err error) {
	st := func(s *sql.Stmt) *sql.Stmt { return tx.StmtContext(ctx, s) }

	var one int
	switch err := st(db.ws.docExists).QueryRowContext(ctx, b.Doc.Hash).Scan(&one); {
	case err == nil:
		return false, 0, nil, nil
	case !errors.Is(err, sql.ErrNoRows):
		return false, 0, nil, err
	}

	d := &b.Doc
	at := d.IngestedAt
	if at.IsZero() {
		at = time.Now()
	}
	raw := d.Raw
	if raw == nil {
		raw = []byte{}
	}
	res, err := st(db.ws.insertDoc).ExecContext(ctx, d.Hash, d.ID, d.Source, d.URL, d.Outlet, d.Lang,
		nullString(d.PubDate), d.Title, nullString(d.Canonical), at.UTC().Format(time.RFC3339Nano), buckets, raw, d.Text, d.Build, d.Codebook)
	if err != nil {
		return false, 0, nil, err
	}
	if docSeq, err = res.LastInsertId(); err != nil {
		return false, 0, nil, err
	}

	// The source a mention counts for: the canonical document of a copy.
	source := docSeq
	if d.Canonical != "" {
		switch err := st(db.ws.docSeq).QueryRowContext(ctx, d.Canonical).Scan(&source); {
		case errors.Is(err, sql.ErrNoRows):
			return false, 0, nil, fmt.Errorf("canonical document %s is not stored", d.Canonical)
		case err != nil:
			return false, 0, nil, err
		}
	}
	clusters = make([]int64, len(b.Events))
	for i := range b.Events {
		e := &b.Events[i]
		cid, err := db.cluster(ctx, st, e, source, d.Outlet)
		if err != nil {
			return false, 0, nil, fmt.Errorf("event %s: %w", e.ID, err)
		}
		if err := db.insertEvent(ctx, st, docSeq, e, cid); err != nil {
			return false, 0, nil, fmt.Errorf("event %s: %w", e.ID, err)
		}
		clusters[i] = cid
	}
	return true, docSeq, clusters, nil
}

// cluster assigns e to the first stored cluster it may join (store.SameAct)
// or to a new one, updates that cluster's summary and returns its id.
func (db *DB) cluster(ctx context.Context, st func(*sql.Stmt) *sql.Stmt, e *store.Event, source int64, outlet string) (int64, error) {
	actors, recipients := record.Codes(e.Actors), record.Codes(e.Recipients)
	key := store.PartyKey(actors, recipients)
	day := store.EventDay(e)
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		day = "" // unknown or malformed: SameAct ignores it, and so do the bounds
	}

	var rows *sql.Rows
	var err error
	if day != "" {
		lo := shiftDay(day, -store.ClusterWindow)
		hi := shiftDay(day, store.ClusterWindow)
		rows, err = st(db.ws.candidates).QueryContext(ctx, e.Type, key, lo, hi)
	} else {
		// No usable day: SameAct ignores dates, so every cluster of the act
		// is a candidate.
		rows, err = st(db.ws.candidatesUndated).QueryContext(ctx, e.Type, key)
	}
	if err != nil {
		return 0, fmt.Errorf("find cluster: %w", err)
	}
	var c *clusterRow
	for rows.Next() {
		var r clusterRow
		var actorsJ, recipientsJ, contextsJ string
		if err := rows.Scan(&r.ID, &r.Mode, &actorsJ, &recipientsJ, &contextsJ, &r.date, &r.first, &r.last); err != nil {
			rows.Close()
			return 0, fmt.Errorf("find cluster: %w", err)
		}
		r.Type = e.Type
		r.First, r.Last = r.first.String, r.last.String
		if err := errors.Join(unmarshalList(actorsJ, &r.Actors), unmarshalList(recipientsJ, &r.Recipients),
			unmarshalList(contextsJ, &r.Contexts)); err != nil {
			rows.Close()
			return 0, fmt.Errorf("cluster %d: %w", r.ID, err)
		}
		if store.SameAct(&r.Cluster, e) {
			c = &r
			break
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, fmt.Errorf("find cluster: %w", err)
	}

	if c == nil {
		// A new cluster, with the first mention's parties; the update
		// below records the mention like any other.
		res, err := st(db.ws.insertCluster).ExecContext(ctx, e.Type, e.Mode, key, jsonList(actors), jsonList(recipients),
			jsonList(e.Contexts), nullPtr(e.Date), nullString(day), nullString(day))
		if err != nil {
			return 0, fmt.Errorf("new cluster: %w", err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return 0, fmt.Errorf("new cluster: %w", err)
		}
		c = &clusterRow{Cluster: store.Cluster{ID: id, Type: e.Type, Mode: e.Mode, Contexts: slices.Clone(e.Contexts)}}
		c.date, c.first, c.last = nullPtr(e.Date), nullString(day), nullString(day)
	}

	// The mention's share of the summary.
	mode := c.Mode
	if mode == "" {
		mode = e.Mode
	}
	contexts := c.Contexts
	for _, x := range e.Contexts {
		if !slices.Contains(contexts, x) {
			contexts = append(contexts, x)
		}
	}
	date := c.date
	if e.Date != nil && *e.Date != "" && (!date.Valid || len(*e.Date) > len(date.String)) {
		date = sql.NullString{String: *e.Date, Valid: true}
	}
	first, last := c.first, c.last
	if day != "" {
		if !first.Valid || day < first.String {
			first = sql.NullString{String: day, Valid: true}
		}
		if !last.Valid || day > last.String {
			last = sql.NullString{String: day, Valid: true}
		}
	}
	newSources, err := inserted(st(db.ws.insertClusterSource).ExecContext(ctx, c.ID, source))
	if err != nil {
		return 0, fmt.Errorf("cluster %d: %w", c.ID, err)
	}
	var newOutlets int64
	if outlet != "" {
		if newOutlets, err = inserted(st(db.ws.insertOutlet).ExecContext(ctx, c.ID, outlet)); err != nil {
			return 0, fmt.Errorf("cluster %d: %w", c.ID, err)
		}
	}
	if _, err := st(db.ws.updateCluster).ExecContext(ctx, mode, jsonList(contexts), date, first, last,
		newSources, newOutlets, c.ID); err != nil {
		return 0, fmt.Errorf("cluster %d: %w", c.ID, err)
	}
	return c.ID, nil
}

// clusterRow is a candidate cluster as Put reads it.
type clusterRow struct {
	store.Cluster
	date, first, last sql.NullString
}

// insertEvent stores e and its parties.
func (db *DB) insertEvent(ctx context.Context, st func(*sql.Stmt) *sql.Stmt, docSeq int64, e *store.Event, cluster int64) error {
	res, err := st(db.ws.insertEvent).ExecContext(ctx, e.ID, docSeq, e.Doc, e.Lang, e.Type, e.Mode, e.Quad, e.Factuality,
		nullPtr(e.Date), e.DatePrecision, e.DateNote, nullPtr(e.PubDate), nullString(store.EventDay(e)),
		e.Confidence, e.Codebook, jsonList(e.Contexts), e.Sentence, e.Span[0], e.Span[1], e.Trigger, cluster)
	if err != nil {
		var owner string
		if st(db.ws.eventOwner).QueryRowContext(ctx, e.ID).Scan(&owner) == nil {
			return fmt.Errorf("event id %s is already stored, from document %s", e.ID, owner)
		}
		return err
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for _, sp := range [...]struct {
		side string
		ps   []record.Party
	}{{"actor", e.Actors}, {"recipient", e.Recipients}} {
		side := sp.side
		for i, p := range sp.ps {
			if _, err := st(db.ws.insertParty).ExecContext(ctx, seq, side, i, p.Code, p.Text, p.Role); err != nil {
				return fmt.Errorf("%s %d: %w", side, i, err)
			}
		}
	}
	return nil
}

// inserted returns 1 when an INSERT OR IGNORE added its row, 0 when not.
func inserted(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// shiftDay returns the day n days after day (YYYY-MM-DD).
func shiftDay(day string, n int) string {
	t, _ := time.Parse(time.DateOnly, day)
	return t.AddDate(0, 0, n).Format(time.DateOnly)
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
