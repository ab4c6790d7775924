package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Corrections (store.Reviewer). A correction changes the record itself,
// so that every query, series, network and export reads the corrected
// record with no condition of its own: an event marked wrong is deleted
// (its row kept whole, as JSON, in the correction), a corrected one is
// replaced by its correction (same id, the same evidence), an added one
// is inserted; the clusters they leave or join are recomputed from their
// remaining events (deleted when none is left), and EditClusters brings
// the rollups, the cluster count and the writers' caches in line. The
// corrections table keeps who did what, when, and the event as it stood,
// so an undo restores it.

var _ store.Reviewer = (*DB)(nil)

// queryer is a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// storedEvent is an event with where it is stored.
type storedEvent struct {
	store.Event
	seq, docSeq int64
}

// reviewPlan is what a correction does to the record.
type reviewPlan struct {
	remove       *storedEvent // an event to delete
	insert       *store.Event // an event to insert (ClusterID: the cluster it joins, or the new one's)
	insertDocSeq int64
	newCluster   bool    // insert starts a new cluster (with id ClusterID)
	ids          []int64 // every cluster touched
	docHash      string
	docID        string
	before       *store.Event
	undo         *store.Correction // the correction an undo reverts
	anchor       string
}

// errStale: the clusters a correction touches changed between planning
// it and applying it; Review plans again.
var errStale = errors.New("clusters changed while the correction was planned")

// Review checks and applies one correction (see store.Reviewer).
func (db *DB) Review(ctx context.Context, c store.Correction) (store.Correction, error) {
	if err := store.CheckCorrection(&c); err != nil {
		return c, err
	}
	c.ID, c.UndoneBy, c.Before, c.At = 0, 0, nil, time.Now().UTC()
	for try := 0; ; try++ {
		// Plan on a reader to learn which clusters the correction
		// touches (EditClusters wants them first), then plan again in the
		// write transaction and apply that plan if it touches no others.
		if err := db.begin(); err != nil {
			return c, err
		}
		plan, err := db.plan(ctx, db.r, &c)
		db.mu.RUnlock()
		if err != nil {
			return c, fmt.Errorf("review: %w", err)
		}
		out := c
		err = db.EditClusters(ctx, plan.ids, func(tx *sql.Tx) error {
			p, err := db.plan(ctx, tx, &c)
			if err != nil {
				return err
			}
			for _, id := range p.ids {
				if !slices.Contains(plan.ids, id) {
					return errStale
				}
			}
			if p.newCluster && p.insert.ClusterID != plan.insert.ClusterID {
				return errStale
			}
			return db.applyReview(ctx, tx, &out, p)
		})
		if errors.Is(err, errStale) && try < 3 {
			continue
		}
		if err != nil {
			return c, fmt.Errorf("review: %w", unwrapEdit(err))
		}
		return out, nil
	}
}

// unwrapEdit keeps the sentinel errors of a correction visible through
// EditClusters' wrapping.
func unwrapEdit(err error) error {
	for _, s := range []error{store.ErrInvalid, store.ErrNotFound} {
		if errors.Is(err, s) {
			return err
		}
	}
	return err
}

// plan decides what c does, reading through q.
func (db *DB) plan(ctx context.Context, q queryer, c *store.Correction) (*reviewPlan, error) {
	p := &reviewPlan{}
	switch c.Action {
	case store.Wrong, store.Correct:
		ev, err := loadEvent(ctx, q, c.EventID)
		if err != nil {
			return nil, err
		}
		p.remove, p.docHash, p.before = ev, ev.DocHash, &ev.Event
		p.ids = []int64{ev.ClusterID}
		if p.anchor, err = anchorOf(ctx, q, ev); err != nil {
			return nil, err
		}
		if c.Action == store.Correct {
			e := corrected(&ev.Event, c.Event)
			p.insert, p.insertDocSeq = &e, ev.docSeq
		}
	case store.Add:
		d, seq, err := loadDoc(ctx, q, c.DocHash)
		if err != nil {
			return nil, err
		}
		e, err := added(d, c.Event)
		if err != nil {
			return nil, err
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM events WHERE id = ?`, e.ID).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, fmt.Errorf("%w: this event is in the record already (%s)", store.ErrInvalid, e.ID)
		}
		p.insert, p.insertDocSeq, p.docHash = &e, seq, d.Hash
		p.anchor = "add\x00" + e.Key() + "\x00" + e.Sentence
	case store.Confirm:
		d, _, err := loadDoc(ctx, q, c.DocHash)
		if err != nil {
			return nil, err
		}
		p.docHash = d.Hash
	case store.Undo:
		u, err := loadCorrection(ctx, q, c.Undoes)
		if err != nil {
			return nil, err
		}
		switch {
		case u.Action == store.Undo:
			return nil, fmt.Errorf("%w: correction %d is an undo; make the correction again instead", store.ErrInvalid, u.ID)
		case u.UndoneBy != 0:
			return nil, fmt.Errorf("%w: correction %d is undone already (by %d)", store.ErrInvalid, u.ID, u.UndoneBy)
		}
		if u.EventID != "" {
			var later int64
			err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM corrections
				WHERE event_id = ? AND seq > ? AND undone_by IS NULL AND action <> 'undo'`, u.EventID, u.ID).Scan(&later)
			if err != nil {
				return nil, err
			}
			if later != 0 {
				return nil, fmt.Errorf("%w: correction %d of this event came after %d: undo it first", store.ErrInvalid, later, u.ID)
			}
		}
		p.undo, p.docHash = u, u.DocHash
		switch u.Action {
		case store.Correct, store.Add:
			ev, err := loadEvent(ctx, q, u.EventID)
			if err != nil {
				return nil, fmt.Errorf("the event correction %d made: %w", u.ID, err)
			}
			p.remove = ev
			p.ids = []int64{ev.ClusterID}
		}
		switch u.Action {
		case store.Wrong, store.Correct:
			if u.Before == nil {
				return nil, fmt.Errorf("correction %d keeps no event to restore", u.ID)
			}
			_, seq, err := loadDoc(ctx, q, u.Before.DocHash)
			if err != nil {
				return nil, fmt.Errorf("the page of the event correction %d changed: %w", u.ID, err)
			}
			e := *u.Before
			p.insert, p.insertDocSeq = &e, seq
		}
	}
	if p.docHash != "" {
		if err := q.QueryRowContext(ctx, `SELECT id FROM documents WHERE hash = ?`, p.docHash).Scan(&p.docID); err != nil {
			return nil, fmt.Errorf("document %s: %w", p.docHash, err)
		}
	}
	if p.insert != nil {
		if err := chooseCluster(ctx, q, p); err != nil {
			return nil, err
		}
		if !slices.Contains(p.ids, p.insert.ClusterID) {
			p.ids = append(p.ids, p.insert.ClusterID)
		}
	}
	return p, nil
}

// chooseCluster picks the cluster p.insert joins, as Write would
// (store.ChooseCluster among the clusters of its act), or a new one.
func chooseCluster(ctx context.Context, q queryer, p *reviewPlan) error {
	e := p.insert
	rows, err := q.QueryContext(ctx, `SELECT id, type, mode, actors, recipients, contexts, date, first, last, mentions, sources, outlets
		FROM clusters WHERE type = ? AND party_key = ?`, e.Type, store.PartyKey(record.Codes(e.Actors), record.Codes(e.Recipients)))
	if err != nil {
		return err
	}
	var cands []store.Cluster
	for rows.Next() {
		c, err := scanCluster(rows)
		if err != nil {
			rows.Close()
			return err
		}
		if p.remove != nil && c.ID == p.remove.ClusterID && c.Mentions == 1 {
			continue // the event removed is its only mention: it goes
		}
		cands = append(cands, *c)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	if i := store.ChooseCluster(cands, e); i >= 0 {
		e.ClusterID = cands[i].ID
		return nil
	}
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM clusters`).Scan(&e.ClusterID); err != nil {
		return err
	}
	p.newCluster = true
	return nil
}

// corrected returns ev with what a correction changes: type, mode,
// parties, date and contexts; the evidence and the page stay. An analyst
// has checked it, so its confidence is 1.
func corrected(ev *store.Event, fix *record.Event) store.Event {
	e := *ev
	e.Type, e.Mode = fix.Type, fix.Mode
	e.Quad = fix.Type.Quad()
	e.Actors = slices.Clone(fix.Actors)
	e.Recipients = slices.Clone(fix.Recipients)
	if e.Recipients == nil {
		e.Recipients = []record.Party{}
	}
	e.Contexts = slices.Clone(fix.Contexts)
	if e.Contexts == nil {
		e.Contexts = []string{}
	}
	e.Date, e.DatePrecision = nil, ""
	if fix.Date != nil && *fix.Date != "" {
		d := *fix.Date
		e.Date, e.DatePrecision = &d, store.DatePrecision(d)
	}
	e.DateNote = "reviewed"
	e.Factuality = record.Asserted
	e.Confidence = 1
	e.ClusterID = 0
	return e
}

// added makes the event an analyst adds to document d: its evidence must
// be in the page's clean text (and is located in the raw page when it is
// there as it is).
func added(d *store.Document, a *record.Event) (store.Event, error) {
	sentence := strings.TrimSpace(a.Sentence)
	if !strings.Contains(d.Text, sentence) {
		return store.Event{}, fmt.Errorf("%w: the evidence %q is not in the page's text", store.ErrInvalid, clipRunes(sentence, 80))
	}
	fix := *a
	e := corrected(&store.Event{Event: record.Event{Doc: d.ID, Lang: d.Lang, Sentence: sentence, Codebook: record.Codebook}, DocHash: d.Hash}, &fix)
	if d.PubDate != "" {
		pub := d.PubDate
		e.PubDate = &pub
	}
	if i := strings.Index(string(d.Raw), sentence); i >= 0 {
		e.Span = [2]int{i, i + len(sentence)}
	}
	e.Trigger = ""
	h := sha256.Sum256([]byte(d.Hash + "\x00review\x00" + e.Key() + "\x00" + sentence))
	e.ID = "r" + hex.EncodeToString(h[:10])
	return e, nil
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// anchorOf returns what finds ev again in another copy of its page: the
// act and sentence the extractor first gave it (the anchor of the
// correction that made it, when one did).
func anchorOf(ctx context.Context, q queryer, ev *storedEvent) (string, error) {
	var anchor sql.NullString
	err := q.QueryRowContext(ctx, `SELECT anchor FROM corrections WHERE event_id = ? AND action IN ('correct', 'add')
		AND undone_by IS NULL ORDER BY seq DESC LIMIT 1`, ev.ID).Scan(&anchor)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ev.Key() + "\x00" + ev.Sentence, nil
	case err != nil:
		return "", err
	}
	return anchor.String, nil
}

// applyReview carries out plan p of correction c in tx and records c.
func (db *DB) applyReview(ctx context.Context, tx *sql.Tx, c *store.Correction, p *reviewPlan) error {
	var ftsSeq int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'fts_seq'`).Scan(&ftsSeq); err != nil {
		return err
	}
	nEvents := 0
	if p.remove != nil {
		if err := deleteEvent(ctx, tx, p.remove, ftsSeq); err != nil {
			return err
		}
		nEvents--
	}
	if p.insert != nil {
		if p.newCluster {
			nc := store.NewCluster(p.insert)
			if _, err := tx.ExecContext(ctx, `INSERT INTO clusters (id, type, mode, party_key, actors, recipients, contexts, date, first, last,
				mentions, sources, outlets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)`, p.insert.ClusterID, nc.Type, nc.Mode,
				store.PartyKey(nc.Actors, nc.Recipients), jsonList(nc.Actors), jsonList(nc.Recipients), jsonList(nc.Contexts),
				nullString(nc.Date), nullString(nc.First), nullString(nc.Last)); err != nil {
				return fmt.Errorf("new cluster: %w", err)
			}
		}
		if err := insertEvent(ctx, tx, p.insert, p.insertDocSeq, ftsSeq); err != nil {
			return err
		}
		nEvents++
	}
	for _, id := range p.ids {
		if err := recomputeCluster(ctx, tx, id); err != nil {
			return fmt.Errorf("cluster %d: %w", id, err)
		}
	}
	if nEvents != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE counters SET value = value + ? WHERE name = 'events'`, nEvents); err != nil {
			return err
		}
	}
	// The correction itself.
	c.DocHash = p.docHash
	c.Before = nil
	if p.before != nil && c.Action != store.Undo {
		b := *p.before
		c.Before = &b
	}
	var event sql.NullString
	switch c.Action {
	case store.Correct, store.Add:
		c.EventID = p.insert.ID
		e := p.insert.Event
		c.Event = &e
		j, _ := json.Marshal(p.insert.Event)
		event = sql.NullString{String: string(j), Valid: true}
	case store.Undo:
		c.EventID = p.undo.EventID
	}
	var before sql.NullString
	if c.Before != nil {
		j, _ := json.Marshal(c.Before)
		before = sql.NullString{String: string(j), Valid: true}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO corrections (action, event_id, doc_hash, doc_id, event, before, anchor,
		undoes, reapplied, author, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Action, nullString(c.EventID), c.DocHash, p.docID, event, before, nullString(p.anchor),
		nullInt(c.Undoes), nullInt(c.Reapplied), c.Author, c.Note, c.At.Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("record the correction: %w", err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if p.undo != nil {
		if _, err := tx.ExecContext(ctx, `UPDATE corrections SET undone_by = ? WHERE seq = ?`, c.ID, p.undo.ID); err != nil {
			return err
		}
	}
	return nil
}

func nullInt(n int64) sql.NullInt64 { return sql.NullInt64{Int64: n, Valid: n != 0} }

// deleteEvent deletes an event, its parties and its words in the text
// index.
func deleteEvent(ctx context.Context, tx *sql.Tx, ev *storedEvent, ftsSeq int64) error {
	if ev.seq <= ftsSeq {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (events_fts, rowid, sentence) VALUES ('delete', ?, ?)`,
			ev.seq, ev.Sentence); err != nil {
			return fmt.Errorf("text index: %w", err)
		}
	}
	for _, q := range []string{`DELETE FROM event_parties WHERE event_seq = ?`, `DELETE FROM events WHERE seq = ?`} {
		if _, err := tx.ExecContext(ctx, q, ev.seq); err != nil {
			return fmt.Errorf("delete event %s: %w", ev.ID, err)
		}
	}
	return nil
}

// insertEvent stores e (in its ClusterID) with the next seq. Its words go
// into the text index now when the index is already past that seq (the
// seq of an event deleted before), else with the next batch.
func insertEvent(ctx context.Context, tx *sql.Tx, e *store.Event, docSeq, ftsSeq int64) error {
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM events`).Scan(&seq); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events (seq, id, doc_seq, doc, lang, type, mode, quad, factuality, date,
		date_precision, date_note, pub_date, day, confidence, codebook, contexts, sentence, span_start, span_end,
		trigger, cluster_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		seq, e.ID, docSeq, e.Doc, e.Lang, e.Type, e.Mode, e.Quad, e.Factuality, nullPtr(e.Date), e.DatePrecision, e.DateNote,
		nullPtr(e.PubDate), nullString(store.EventDay(e)), e.Confidence, e.Codebook, jsonList(e.Contexts), e.Sentence,
		e.Span[0], e.Span[1], e.Trigger, e.ClusterID); err != nil {
		return fmt.Errorf("insert event %s: %w", e.ID, err)
	}
	for side, ps := range [2][]record.Party{e.Actors, e.Recipients} {
		name := [2]string{"actor", "recipient"}[side]
		for pos, p := range ps {
			if _, err := tx.ExecContext(ctx, `INSERT INTO event_parties (event_seq, side, pos, code, text, role) VALUES (?, ?, ?, ?, ?, ?)`,
				seq, name, pos, p.Code, p.Text, p.Role); err != nil {
				return fmt.Errorf("insert event %s: %w", e.ID, err)
			}
		}
	}
	if seq <= ftsSeq {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, sentence) VALUES (?, ?)`, seq, e.Sentence); err != nil {
			return fmt.Errorf("text index: %w", err)
		}
	}
	return nil
}

// recomputeCluster rebuilds a cluster's summary, sources and outlets from
// its events, as Write would have built it from them in order, or deletes
// it when none is left.
func recomputeCluster(ctx context.Context, tx *sql.Tx, id int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.type, e.mode, e.contexts, e.date, e.pub_date,
		(SELECT json_group_array(json_array(p.side = 'actor', p.pos, p.code, p.text, p.role)) FROM event_parties p WHERE p.event_seq = e.seq)
		FROM events e WHERE e.cluster_id = ? ORDER BY e.seq`, id)
	if err != nil {
		return err
	}
	var c *store.Cluster
	for rows.Next() {
		var e store.Event
		var contexts, parties string
		var date, pub sql.NullString
		if err := rows.Scan(&e.ID, &e.Type, &e.Mode, &contexts, &date, &pub, &parties); err != nil {
			rows.Close()
			return err
		}
		e.Date, e.PubDate = ptr(date), ptr(pub)
		if err := errors.Join(unmarshalList(contexts, &e.Contexts), unmarshalParties(parties, &e.Event)); err != nil {
			rows.Close()
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		if c == nil {
			nc := store.NewCluster(&e)
			c = &nc
		}
		store.Mention(c, &e)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM cluster_sources WHERE cluster_id = ?`, `DELETE FROM cluster_outlets WHERE cluster_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	if c == nil {
		_, err := tx.ExecContext(ctx, `DELETE FROM clusters WHERE id = ?`, id)
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE clusters SET type = ?, mode = ?, party_key = ?, actors = ?, recipients = ?, contexts = ?,
		date = ?, first = ?, last = ?, mentions = ? WHERE id = ?`, c.Type, c.Mode, store.PartyKey(c.Actors, c.Recipients),
		jsonList(c.Actors), jsonList(c.Recipients), jsonList(c.Contexts), nullString(c.Date), nullString(c.First), nullString(c.Last),
		c.Mentions, id); err != nil {
		return err
	}
	// Sources: the canonical documents of the mentions; outlets: theirs.
	for _, q := range []string{
		`INSERT OR IGNORE INTO cluster_sources (cluster_id, source)
			SELECT ?1, COALESCE((SELECT c.seq FROM documents c WHERE c.hash = d.canonical), d.seq)
			FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE e.cluster_id = ?1`,
		`INSERT OR IGNORE INTO cluster_outlets (cluster_id, outlet)
			SELECT ?1, d.outlet FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE e.cluster_id = ?1 AND d.outlet <> ''`,
		`UPDATE clusters SET sources = (SELECT COUNT(*) FROM cluster_sources WHERE cluster_id = ?1),
			outlets = (SELECT COUNT(*) FROM cluster_outlets WHERE cluster_id = ?1) WHERE id = ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}

// loadEvent reads a stored event by id, or store.ErrNotFound.
func loadEvent(ctx context.Context, q queryer, id string) (*storedEvent, error) {
	var e storedEvent
	var date, pub sql.NullString
	var contexts, parties string
	err := q.QueryRowContext(ctx, `SELECT e.seq, e.doc_seq, e.id, e.doc, d.hash, e.cluster_id, e.lang, e.type, e.mode, e.quad,
		e.factuality, e.date, e.date_precision, e.date_note, e.pub_date, e.confidence, e.codebook, e.contexts,
		e.sentence, e.span_start, e.span_end, e.trigger,
		(SELECT json_group_array(json_array(p.side = 'actor', p.pos, p.code, p.text, p.role)) FROM event_parties p WHERE p.event_seq = e.seq)
		FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE e.id = ?`, id).Scan(
		&e.seq, &e.docSeq, &e.ID, &e.Doc, &e.DocHash, &e.ClusterID, &e.Lang, &e.Type, &e.Mode, &e.Quad,
		&e.Factuality, &date, &e.DatePrecision, &e.DateNote, &pub, &e.Confidence, &e.Codebook, &contexts,
		&e.Sentence, &e.Span[0], &e.Span[1], &e.Trigger, &parties)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("event %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	e.Date, e.PubDate = ptr(date), ptr(pub)
	if err := errors.Join(unmarshalList(contexts, &e.Contexts), unmarshalParties(parties, &e.Event.Event)); err != nil {
		return nil, fmt.Errorf("event %s: %w", id, err)
	}
	return &e, nil
}

// loadDoc reads a document by hash (or id), with its seq.
func loadDoc(ctx context.Context, q queryer, key string) (*store.Document, int64, error) {
	var seq int64
	var d store.Document
	var pub sql.NullString
	err := q.QueryRowContext(ctx, `SELECT seq, hash, id, lang, pub_date, raw, text FROM documents WHERE hash = ?1
		UNION ALL SELECT * FROM (SELECT seq, hash, id, lang, pub_date, raw, text FROM documents WHERE id = ?1 ORDER BY seq LIMIT 1)
		LIMIT 1`, key).Scan(&seq, &d.Hash, &d.ID, &d.Lang, &pub, &d.Raw, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, fmt.Errorf("document %s: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return nil, 0, err
	}
	d.PubDate = pub.String
	return &d, seq, nil
}

const correctionCols = `seq, action, COALESCE(event_id, ''), doc_hash, event, before, COALESCE(undoes, 0), COALESCE(undone_by, 0),
	COALESCE(reapplied, 0), author, note, at`

func scanCorrection(sc interface{ Scan(...any) error }) (*store.Correction, error) {
	var c store.Correction
	var event, before sql.NullString
	var at string
	if err := sc.Scan(&c.ID, &c.Action, &c.EventID, &c.DocHash, &event, &before, &c.Undoes, &c.UndoneBy, &c.Reapplied,
		&c.Author, &c.Note, &at); err != nil {
		return nil, err
	}
	if event.Valid {
		c.Event = &record.Event{}
		if err := json.Unmarshal([]byte(event.String), c.Event); err != nil {
			return nil, fmt.Errorf("correction %d: %w", c.ID, err)
		}
	}
	if before.Valid {
		c.Before = &store.Event{}
		if err := json.Unmarshal([]byte(before.String), c.Before); err != nil {
			return nil, fmt.Errorf("correction %d: %w", c.ID, err)
		}
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return nil, fmt.Errorf("correction %d: at %q: %w", c.ID, at, err)
	}
	c.At = t
	return &c, nil
}

// loadCorrection reads a correction by id, or store.ErrNotFound.
func loadCorrection(ctx context.Context, q queryer, id int64) (*store.Correction, error) {
	c, err := scanCorrection(q.QueryRowContext(ctx, `SELECT `+correctionCols+` FROM corrections WHERE seq = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("correction %d: %w", id, store.ErrNotFound)
	}
	return c, err
}

// Corrections returns the corrections matching f, latest first.
func (db *DB) Corrections(ctx context.Context, f store.CorrectionFilter) ([]store.Correction, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	var w where
	if f.Doc != "" {
		w.add("doc_hash = ?", f.Doc)
	}
	if f.EventID != "" {
		w.add("event_id = ?", f.EventID)
	}
	if f.Live {
		w.add("undone_by IS NULL AND action <> 'undo'")
	}
	q := `SELECT ` + correctionCols + ` FROM corrections` + w.String() + ` ORDER BY seq DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := db.r.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("corrections: %w", err)
	}
	defer rows.Close()
	out := []store.Correction{}
	for rows.Next() {
		c, err := scanCorrection(rows)
		if err != nil {
			return nil, fmt.Errorf("corrections: %w", err)
		}
		out = append(out, *c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("corrections: %w", err)
	}
	return out, nil
}

// ReviewVersion returns the number of the latest correction.
func (db *DB) ReviewVersion(ctx context.Context) (int64, error) {
	if err := db.begin(); err != nil {
		return 0, err
	}
	defer db.mu.RUnlock()
	var v int64
	if err := db.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM corrections`).Scan(&v); err != nil {
		return 0, fmt.Errorf("review version: %w", err)
	}
	return v, nil
}

// Reapply applies the standing corrections of each page to the other
// copies of it the store holds: documents with the same input id (the page
// fetched or saved again, with other bytes), or near-duplicates of it. In
// a copy, the event a correction changed is the one with the act and
// sentence the extractor first gave it (the correction's anchor); an added
// event is added again where its evidence is in the copy's text and the
// copy has no such event. Each is a new correction, by the same author,
// naming the one it repeats; a copy is never corrected twice for one
// correction.
func (db *DB) Reapply(ctx context.Context) (int, error) {
	if err := db.begin(); err != nil {
		return 0, err
	}
	type orig struct {
		c      *store.Correction
		anchor string
		docID  string
	}
	var todo []orig
	err := func() error {
		rows, err := db.r.QueryContext(ctx, `SELECT `+correctionCols+`, COALESCE(anchor, ''), doc_id FROM corrections c
			WHERE action IN ('wrong', 'correct', 'add') AND undone_by IS NULL AND reapplied IS NULL
			AND NOT EXISTS (SELECT 1 FROM corrections l WHERE l.event_id = c.event_id AND l.seq > c.seq
				AND l.undone_by IS NULL AND l.action IN ('wrong', 'correct'))
			ORDER BY seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o orig
			c, err := scanCorrection(scanExtra{rows, []any{&o.anchor, &o.docID}})
			if err != nil {
				return err
			}
			o.c = c
			todo = append(todo, o)
		}
		return rows.Err()
	}()
	db.mu.RUnlock()
	if err != nil {
		return 0, fmt.Errorf("reapply: %w", err)
	}
	n := 0
	for _, o := range todo {
		copies, err := db.copiesOf(ctx, o.c, o.docID)
		if err != nil {
			return n, fmt.Errorf("reapply correction %d: %w", o.c.ID, err)
		}
		for _, cp := range copies {
			evs, err := db.Events(ctx, store.Filter{Doc: cp})
			if err != nil {
				return n, fmt.Errorf("reapply correction %d: %w", o.c.ID, err)
			}
			again := store.Correction{Action: o.c.Action, Event: o.c.Event, Author: o.c.Author, Reapplied: o.c.ID,
				Note: fmt.Sprintf("reapplied from correction %d to another copy of its page", o.c.ID)}
			switch o.c.Action {
			case store.Add:
				found := false
				for _, e := range evs {
					if "add\x00"+e.Key()+"\x00"+e.Sentence == o.anchor {
						found = true
					}
				}
				if found {
					continue
				}
				again.DocHash = cp
			default:
				for _, e := range evs {
					if e.Key()+"\x00"+e.Sentence == o.anchor {
						again.EventID = e.ID
						break
					}
				}
				if again.EventID == "" {
					continue
				}
			}
			if _, err := db.Review(ctx, again); err != nil {
				if errors.Is(err, store.ErrInvalid) {
					continue // the copy's text lacks the evidence, say
				}
				return n, fmt.Errorf("reapply correction %d to %s: %w", o.c.ID, cp, err)
			}
			n++
		}
	}
	return n, nil
}

// scanExtra scans a correction's columns and then extra ones.
type scanExtra struct {
	rows  *sql.Rows
	extra []any
}

func (s scanExtra) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }

// copiesOf returns the hashes of the other stored copies of c's page that
// c has not been reapplied to yet.
func (db *DB) copiesOf(ctx context.Context, c *store.Correction, docID string) ([]string, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	rows, err := db.r.QueryContext(ctx, `SELECT d.hash FROM documents d WHERE d.hash <> ?1
		AND (d.id = ?2 OR d.canonical = ?1 OR d.hash = (SELECT canonical FROM documents WHERE hash = ?1))
		AND NOT EXISTS (SELECT 1 FROM corrections r WHERE r.reapplied = ?3 AND r.doc_hash = d.hash)
		ORDER BY d.seq`, c.DocHash, docID, c.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Event returns the stored event with id, or store.ErrNotFound.
func (db *DB) Event(ctx context.Context, id string) (*store.Event, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	e, err := loadEvent(ctx, db.r, id)
	if err != nil {
		return nil, err
	}
	return &e.Event, nil
}
