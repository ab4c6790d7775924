package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"mitra/internal/record"
	"mitra/internal/store"
)

// readStmts are the readers' frequent statements, prepared once (on each
// reader connection as it is first used).
type readStmts struct {
	hasDoc, docByHash, docByID, bucketState, bucketMatches *sql.Stmt
	all                                                    []*sql.Stmt
}

const docCols = `hash, id, source, url, outlet, lang, pub_date, title, canonical, ingested_at, raw, text, build, codebook`

func (rs *readStmts) prepare(ctx context.Context, r *sql.DB) error {
	return prepare(ctx, r, &rs.all, []stmtDef{
		{&rs.hasDoc, `SELECT 1 FROM documents WHERE hash = ?`},
		{&rs.docByHash, `SELECT ` + docCols + ` FROM documents WHERE hash = ?`},
		{&rs.docByID, `SELECT ` + docCols + ` FROM documents WHERE id = ? ORDER BY seq LIMIT 1`},
		{&rs.bucketState, `SELECT (SELECT value FROM meta WHERE key = 'bucket_seq'), (SELECT COALESCE(MAX(seq), 0) FROM documents)`},
		{&rs.bucketMatches, `SELECT b.doc_seq, b.n, d.hash FROM
			(SELECT doc_seq, COUNT(*) AS n FROM buckets WHERE bucket IN (SELECT value FROM json_each(?)) GROUP BY doc_seq) b
			JOIN documents d ON d.seq = b.doc_seq`},
	})
}

func (rs *readStmts) close() {
	for _, s := range rs.all {
		s.Close()
	}
	rs.all = nil
}

// HasDocument reports whether a document with this hash is stored.
func (db *DB) HasDocument(ctx context.Context, hash string) (bool, error) {
	if err := db.begin(); err != nil {
		return false, err
	}
	defer db.mu.RUnlock()
	var one int
	switch err := db.rs.hasDoc.QueryRowContext(ctx, hash).Scan(&one); {
	case err == nil:
		return true, nil
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	default:
		return false, fmt.Errorf("has document %s: %w", hash, err)
	}
}

// Document returns a document by hash, else the first stored with that id.
func (db *DB) Document(ctx context.Context, key string) (*store.Document, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	if key == "" {
		return nil, fmt.Errorf("document %q: %w", key, store.ErrNotFound)
	}
	d, err := scanDocument(db.rs.docByHash.QueryRowContext(ctx, key))
	if errors.Is(err, sql.ErrNoRows) {
		d, err = scanDocument(db.rs.docByID.QueryRowContext(ctx, key))
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("document %s: %w", key, store.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("document %s: %w", key, err)
	}
	return d, nil
}

func scanDocument(row *sql.Row) (*store.Document, error) {
	var d store.Document
	var pub, canonical sql.NullString
	var at string
	if err := row.Scan(&d.Hash, &d.ID, &d.Source, &d.URL, &d.Outlet, &d.Lang, &pub, &d.Title, &canonical, &at, &d.Raw, &d.Text, &d.Build, &d.Codebook); err != nil {
		return nil, err
	}
	d.PubDate, d.Canonical = pub.String, canonical.String
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return nil, fmt.Errorf("ingested_at %q: %w", at, err)
	}
	d.IngestedAt = t
	if d.Raw == nil {
		d.Raw = []byte{}
	}
	return &d, nil
}

// beginQuery starts a read that filters by f (see begin): when f has
// words, every stored event is in the text index. On success the caller
// must db.mu.RUnlock.
func (db *DB) beginQuery(ctx context.Context, f *store.Filter) error {
	if err := db.begin(); err != nil {
		return err
	}
	var err error
	if f.Text != "" {
		err = db.textIndexed(ctx)
	}
	if err != nil {
		db.mu.RUnlock()
	}
	return err
}

// where is a WHERE clause under construction.
type where struct {
	conds []string
	args  []any
	// walk: the query walks an index in order and tests each event's
	// membership in the party and text subqueries, rather than looking
	// their events up (see eventsQuery).
	walk bool
}

// seqIn is the start of a condition that an event e is in a subquery.
func (w *where) seqIn() string {
	if w.walk {
		return "+e.seq IN (" // a unary + keeps the term from being an index look-up
	}
	return "e.seq IN ("
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// partyCodes returns the distinct codes a filter requires among the parties.
func partyCodes(f *store.Filter) []string {
	var codes []string
	for _, c := range []string{f.Party, f.Pair[0], f.Pair[1]} {
		if c != "" && !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	return codes
}

// partySubquery returns a query for the events that have all of codes
// among their parties.
func partySubquery(codes []string) (string, []any) {
	parts := make([]string, len(codes))
	args := make([]any, len(codes))
	for i, c := range codes {
		parts[i] = "SELECT event_seq FROM event_parties WHERE code = ?"
		args[i] = c
	}
	return strings.Join(parts, " INTERSECT "), args
}

// eventConds adds f's conditions on events e.
func eventConds(w *where, f *store.Filter) error {
	if codes := partyCodes(f); len(codes) > 0 {
		q, args := partySubquery(codes)
		w.add(w.seqIn()+q+")", args...)
	}
	if len(f.Types) > 0 {
		w.add("e.type IN ("+placeholders(len(f.Types))+")", anys(f.Types)...)
	}
	if f.Quad != 0 {
		w.add("e.quad = ?", f.Quad)
	}
	if f.Context != "" {
		w.add("EXISTS (SELECT 1 FROM json_each(e.contexts) WHERE value = ?)", f.Context)
	}
	if err := periodConds(w, f); err != nil {
		return err
	}
	if f.MinConfidence > 0 {
		w.add("e.confidence >= ?", f.MinConfidence)
	}
	if f.Text != "" {
		q := matchQuery(f.Text)
		if q == "" {
			return fmt.Errorf("text filter %q has no words", f.Text)
		}
		w.add(w.seqIn()+"SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", q)
	}
	if f.Lang != "" {
		w.add("e.lang = ?", f.Lang)
	}
	if f.Doc != "" {
		w.add("e.doc_seq = (SELECT seq FROM documents WHERE hash = ?)", f.Doc)
	}
	return nil
}

// limit returns f's LIMIT and OFFSET clause.
func limit(f *store.Filter) (string, []any) {
	if f.Limit <= 0 && f.Offset <= 0 {
		return "", nil
	}
	n := f.Limit
	if n <= 0 {
		n = -1
	}
	return " LIMIT ? OFFSET ?", []any{n, max(f.Offset, 0)}
}

// Events returns the events matching f, ordered by day (undated last), then
// seq (the order stored).
func (db *DB) Events(ctx context.Context, f store.Filter) ([]store.Event, error) {
	if err := db.beginQuery(ctx, &f); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer db.mu.RUnlock()
	q, args, err := eventsQuery(&f)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return scanEvents(rows)
}

// eventsQuery returns Events' query for f and its arguments.
func eventsQuery(f *store.Filter) (string, []any, error) {
	// A page of events is read by walking events_day in order until it is
	// full: the planner would rather collect every event of a party (16,000
	// of 100,000 for Russia), read their rows and sort them, ten times
	// slower for a page of 50. The walk costs most when few events match
	// (it may read the whole index: 8 ms on 100,000 events in the sqlite3
	// shell), so a document's events, always few and indexed, are left to
	// the planner. Along the walk, membership in the party and text
	// subqueries is tested on each event met: as look-ups, with the rowid
	// out of reach, SQLite probes events_day once per day for every event
	// of the subquery, then sorts (a pair of 12,000 events on 100,000: 750
	// ms for a page of 51, against 13 ms walking).
	w := where{walk: f.Limit > 0 && f.Doc == ""}
	if err := eventConds(&w, f); err != nil {
		return "", nil, err
	}
	lim, largs := limit(f)
	from := ""
	if w.walk {
		from = " INDEXED BY events_day"
	}
	q := `SELECT ` + eventCols + ` FROM events e` + from + w.String() + ` ORDER BY e.day NULLS LAST, e.seq` + lim
	return q, append(w.args, largs...), nil
}

// eventCols are the columns of events e that scanEvents reads.
const eventCols = `e.id, e.doc, (SELECT hash FROM documents WHERE seq = e.doc_seq), e.cluster_id, e.lang, e.type, e.mode, e.quad, e.factuality,
		e.date, e.date_precision, e.date_note, e.pub_date, e.confidence, e.codebook, e.contexts,
		e.sentence, e.span_start, e.span_end, e.trigger,
		(SELECT json_group_array(json_array(p.side = 'actor', p.pos, p.code, p.text, p.role))
			FROM event_parties p WHERE p.event_seq = e.seq)`

// scanEvents reads rows of eventCols and closes them.
func scanEvents(rows *sql.Rows) ([]store.Event, error) {
	defer rows.Close()
	out := []store.Event{}
	for rows.Next() {
		var e store.Event
		var date, pub sql.NullString
		var contexts, parties string
		if err := rows.Scan(&e.ID, &e.Doc, &e.DocHash, &e.ClusterID, &e.Lang, &e.Type, &e.Mode, &e.Quad, &e.Factuality,
			&date, &e.DatePrecision, &e.DateNote, &pub, &e.Confidence, &e.Codebook, &contexts,
			&e.Sentence, &e.Span[0], &e.Span[1], &e.Trigger, &parties); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		e.Date, e.PubDate = ptr(date), ptr(pub)
		if err := unmarshalList(contexts, &e.Contexts); err != nil {
			return nil, fmt.Errorf("event %s: contexts: %w", e.ID, err)
		}
		if err := unmarshalParties(parties, &e.Event); err != nil {
			return nil, fmt.Errorf("event %s: parties: %w", e.ID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return out, nil
}

// unmarshalParties decodes [[isActor, pos, code, text, role], …] into e.
func unmarshalParties(s string, e *record.Event) error {
	var rows [][5]any
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		return err
	}
	type party struct {
		pos int
		p   record.Party
	}
	var actors, recipients []party
	for _, r := range rows {
		isActor, _ := r[0].(float64)
		pos, _ := r[1].(float64)
		code, _ := r[2].(string)
		text, _ := r[3].(string)
		role, _ := r[4].(string)
		p := party{int(pos), record.Party{Code: code, Text: text, Role: role}}
		if isActor != 0 {
			actors = append(actors, p)
		} else {
			recipients = append(recipients, p)
		}
	}
	flat := func(ps []party) []record.Party {
		slices.SortFunc(ps, func(a, b party) int { return a.pos - b.pos })
		out := make([]record.Party, len(ps))
		for i, p := range ps {
			out[i] = p.p
		}
		return out
	}
	e.Actors, e.Recipients = flat(actors), flat(recipients)
	return nil
}

// Clusters returns the clusters with at least one event matching f,
// ordered by first day (undated last), then id.
func (db *DB) Clusters(ctx context.Context, f store.Filter) ([]store.Cluster, error) {
	return db.clusters(ctx, f, false)
}

// ClustersNewest returns what Clusters returns in the opposite order of
// days: newest first day first (undated last), then id descending; Limit
// and Offset page that order (store.NewestStore). A page of recent acts
// walks clusters_first backwards instead of sorting every cluster.
func (db *DB) ClustersNewest(ctx context.Context, f store.Filter) ([]store.Cluster, error) {
	return db.clusters(ctx, f, true)
}

func (db *DB) clusters(ctx context.Context, f store.Filter, newest bool) ([]store.Cluster, error) {
	if err := db.beginQuery(ctx, &f); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	defer db.mu.RUnlock()
	w, err := clusterConds(&f)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	lim, largs := limit(&f)
	order := ` ORDER BY c.first NULLS LAST, c.id`
	if newest {
		order = ` ORDER BY c.first DESC NULLS LAST, c.id DESC`
	}
	q := `SELECT c.id, c.type, c.mode, c.actors, c.recipients, c.contexts, c.date, c.first, c.last,
		c.mentions, c.sources, c.outlets FROM clusters c` + w.String() + order + lim
	rows, err := db.r.QueryContext(ctx, q, append(w.args, largs...)...)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	defer rows.Close()
	out := []store.Cluster{}
	for rows.Next() {
		var c store.Cluster
		var actors, recipients, contexts string
		var date, first, last sql.NullString
		if err := rows.Scan(&c.ID, &c.Type, &c.Mode, &actors, &recipients, &contexts, &date, &first, &last,
			&c.Mentions, &c.Sources, &c.Outlets); err != nil {
			return nil, fmt.Errorf("clusters: %w", err)
		}
		c.Date, c.First, c.Last = date.String, first.String, last.String
		if err := errors.Join(unmarshalList(actors, &c.Actors), unmarshalList(recipients, &c.Recipients),
			unmarshalList(contexts, &c.Contexts)); err != nil {
			return nil, fmt.Errorf("cluster %d: %w", c.ID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	return out, nil
}

// Links groups the clusters Clusters(f) would return by type, mode and
// parties in one aggregate query, so a network over 100,000 clusters does
// not decode each cluster's JSON lists.
func (db *DB) Links(ctx context.Context, f store.Filter) ([]store.Link, error) {
	if err := db.beginQuery(ctx, &f); err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	defer db.mu.RUnlock()
	if g, lo, hi, ok := wholePeriods(&f); ok || reflect.DeepEqual(f, store.Filter{}) {
		if !ok {
			g = byYear // all time: the fewest groups
		}
		ls, err := db.linksFromRollup(ctx, &f, g, lo, hi)
		if err != nil {
			return nil, fmt.Errorf("links: %w", err)
		}
		return ls, nil
	}
	w, err := clusterConds(&f)
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	from := "clusters c"
	if periodOnly(&f) {
		// clusters_act holds the GROUP BY columns, first, last and the id:
		// a network over a period reads the index alone, except for the
		// clusters across a bound (see clusterConds).
		from = "clusters c INDEXED BY clusters_act"
	}
	// Limit and Offset page clusters in Clusters' order; the groups of one
	// page of clusters.
	from += w.String()
	args := w.args
	if lim, largs := limit(&f); lim != "" {
		from = "(SELECT c.* FROM " + from + " ORDER BY c.first NULLS LAST, c.id" + lim + ") c"
		args = append(args, largs...)
	}
	q := `SELECT c.type, c.mode, c.party_key, count(*), min(c.first), max(c.last) FROM ` + from +
		` GROUP BY c.type, c.mode, c.party_key ORDER BY c.type, c.mode, c.party_key`
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	defer rows.Close()
	out := []store.Link{}
	for rows.Next() {
		var l store.Link
		var key string
		var first, last sql.NullString
		if err := rows.Scan(&l.Type, &l.Mode, &key, &l.Clusters, &first, &last); err != nil {
			return nil, fmt.Errorf("links: %w", err)
		}
		if key != "" {
			l.Parties = strings.Split(key, ",")
		}
		l.First, l.Last = first.String, last.String
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	return out, nil
}

// clusterConds returns the conditions on clusters c that have an event
// matching f. A filter by period alone is decided from the clusters' own
// first and last days, which bound the days of their events: a cluster
// inside the period is in and one outside it is out, and only a cluster
// across a bound has its events looked at. On 100,000 events that is
// several times faster than listing the clusters of the period's events.
func clusterConds(f *store.Filter) (where, error) {
	var w, ew where
	if err := eventConds(&ew, f); err != nil {
		return w, err
	}
	// A page (Limit, Offset) of a period's clusters is still decided from
	// first and last: a page of the newest acts then walks clusters_first.
	paged := *f
	paged.Limit, paged.Offset = 0, 0
	switch {
	case periodOnly(&paged):
		lo, hi := padDay(f.From, false), padDay(f.To, true)
		if hi == "" {
			hi = "9999-12-31"
		}
		w.add(`c.first <= ? AND c.last >= ? AND (c.first >= ? AND c.last <= ?
			OR EXISTS (SELECT 1 FROM events e WHERE e.cluster_id = c.id AND e.day >= ? AND e.day <= ?))`,
			hi, lo, lo, hi, lo, hi)
	case len(ew.conds) > 0:
		w.add("c.id IN (SELECT e.cluster_id FROM events e"+ew.String()+")", ew.args...)
	}
	return w, nil
}

// periodOnly reports whether f selects by From and To and nothing else
// (Limit and Offset included).
func periodOnly(f *store.Filter) bool {
	g := *f
	g.From, g.To = "", ""
	return (f.From != "" || f.To != "") && reflect.DeepEqual(g, store.Filter{})
}

// RecordError remembers that an input failed, once per source and
// reason.
func (db *DB) RecordError(ctx context.Context, source, reason string) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	db.wmu.Lock()
	defer db.wmu.Unlock()
	at := time.Now().UTC().Format(time.RFC3339Nano)
	err := func() error {
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		n, err := inserted(tx.StmtContext(ctx, db.ws.insertError).ExecContext(ctx, source, reason, at))
		if err != nil {
			return err
		}
		if n == 0 {
			_, err = tx.ExecContext(ctx, `UPDATE errors SET at = ? WHERE source = ? AND reason = ?`, at, source, reason)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'errors'`)
		}
		if err != nil {
			return err
		}
		return tx.Commit()
	}()
	if err != nil {
		return fmt.Errorf("record error: %w", err)
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

// Stats summarises the store from its counters.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	if err := db.begin(); err != nil {
		return store.Stats{}, err
	}
	defer db.mu.RUnlock()
	s := store.Stats{Languages: map[string]int{}}
	// One read transaction, so that the counts agree with each other.
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT name, value FROM counters`)
	if err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			rows.Close()
			return s, fmt.Errorf("stats: %w", err)
		}
		switch name {
		case "documents":
			s.Documents = n
		case "duplicates":
			s.Duplicates = n
		case "events":
			s.Events = n
		case "clusters":
			s.Clusters = n
		case "errors":
			s.Errors = n
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	// The least and greatest day are the ends of events_day.
	var first, last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT MIN(day) FROM events), (SELECT MAX(day) FROM events)`).Scan(&first, &last); err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	s.First, s.Last = first.String, last.String
	rows, err = tx.QueryContext(ctx, "SELECT lang, documents FROM lang_counts WHERE documents > 0")
	if err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var lang string
		var n int
		if err := rows.Scan(&lang, &n); err != nil {
			return s, fmt.Errorf("stats: %w", err)
		}
		s.Languages[lang] = n
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}

// padDay widens a date filter bound given as YYYY or YYYY-MM to the first
// (or, for an upper bound, the last) day it covers.
func padDay(d string, upper bool) string {
	switch len(d) {
	case 4:
		if upper {
			return d + "-12-31"
		}
		return d + "-01-01"
	case 7:
		if upper {
			return d + "-31" // compares after every day of the month
		}
		return d + "-01"
	}
	return d
}

// matchQuery turns words typed by a user into an FTS5 query requiring all
// of them, each quoted so that no word is read as an operator.
func matchQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func ptr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}
