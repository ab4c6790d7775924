package postgres

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"mitra/internal/record"
	"mitra/internal/store"
)

// HasDocument reports whether a document with this hash is stored.
func (db *DB) HasDocument(ctx context.Context, hash string) (bool, error) {
	if err := db.begin(); err != nil {
		return false, err
	}
	defer db.mu.RUnlock()
	var has bool
	if err := db.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM documents WHERE hash = $1)", hash).Scan(&has); err != nil {
		return false, fmt.Errorf("has document %s: %w", hash, err)
	}
	return has, nil
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
	rows, _ := db.pool.Query(ctx, `SELECT hash, n FROM (
		SELECT hash, seq, (SELECT count(*) FROM unnest(buckets) b WHERE b = ANY($1))::int AS n FROM documents WHERE buckets && $1) d
		ORDER BY n DESC, seq`, encodeBuckets(buckets))
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Near, error) {
		var n store.Near
		err := r.Scan(&n.Hash, &n.Shared)
		return n, err
	})
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	return out, nil
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
	const cols = `hash, id, source, url, outlet, lang, pub_date, title, canonical, ingested_at, raw, text`
	d, err := scanDocument(db.pool.QueryRow(ctx, `SELECT `+cols+` FROM documents WHERE hash = $1`, key))
	if errors.Is(err, pgx.ErrNoRows) {
		d, err = scanDocument(db.pool.QueryRow(ctx, `SELECT `+cols+` FROM documents WHERE id = $1 ORDER BY seq LIMIT 1`, key))
	}
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, fmt.Errorf("document %s: %w", key, store.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("document %s: %w", key, err)
	}
	return d, nil
}

func scanDocument(row pgx.Row) (*store.Document, error) {
	var d store.Document
	var pub, canonical *string
	if err := row.Scan(&d.Hash, &d.ID, &d.Source, &d.URL, &d.Outlet, &d.Lang, &pub, &d.Title, &canonical, &d.IngestedAt, &d.Raw, &d.Text); err != nil {
		return nil, err
	}
	d.PubDate, d.Canonical = deref(pub), deref(canonical)
	d.IngestedAt = d.IngestedAt.UTC()
	if d.Raw == nil {
		d.Raw = []byte{}
	}
	return &d, nil
}

// query is a query under construction: its conditions and arguments
// ($1, $2, … in order of arg).
type query struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return fmt.Sprintf("$%d", len(q.args))
}

func (q *query) where() string {
	if len(q.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.conds, " AND ")
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

// partyRange returns the event_parties range (a, b) that holds the events
// of codes, and the codes it leaves to check.
func partyRange(codes []string) (a, b string, rest []string) {
	switch len(codes) {
	case 0:
		return "", "", nil
	case 1:
		return codes[0], codes[0], nil
	}
	a, b = codes[0], codes[1]
	if b < a {
		a, b = b, a
	}
	return a, b, codes[2:]
}

// eventConds adds f's conditions on events e, but not on its parties (see
// partyRange) unless parties is set.
func eventConds(q *query, f *store.Filter, parties bool) error {
	codes := partyCodes(f)
	if !parties {
		_, _, codes = partyRange(codes)
	}
	for _, c := range codes {
		q.conds = append(q.conds, "EXISTS (SELECT 1 FROM event_parties x WHERE x.a = "+q.arg(c)+" AND x.b = x.a AND x.day = e.day AND x.seq = e.seq)")
	}
	if len(f.Types) > 0 {
		ts := make([]string, len(f.Types))
		for i, t := range f.Types {
			ts[i] = string(t)
		}
		q.conds = append(q.conds, "e.type = ANY("+q.arg(ts)+")")
	}
	if f.Quad != 0 {
		q.conds = append(q.conds, "e.quad = "+q.arg(int16(f.Quad)))
	}
	if f.Context != "" {
		q.conds = append(q.conds, q.arg(f.Context)+" = ANY(e.contexts)")
	}
	if err := periodConds(q, f); err != nil {
		return err
	}
	if f.MinConfidence > 0 {
		q.conds = append(q.conds, "e.confidence >= "+q.arg(f.MinConfidence))
	}
	if f.Text != "" {
		words := textWords(f.Text)
		if len(words) == 0 {
			return fmt.Errorf("text filter %q has no words", f.Text)
		}
		q.conds = append(q.conds, "to_tsvector('simple', e.sentence) @@ plainto_tsquery('simple', "+q.arg(strings.Join(words, " "))+")")
	}
	if f.Lang != "" {
		q.conds = append(q.conds, "e.lang = "+q.arg(f.Lang))
	}
	if f.Doc != "" {
		q.conds = append(q.conds, "e.doc_seq = (SELECT seq FROM documents WHERE hash = "+q.arg(f.Doc)+")")
	}
	return nil
}

// period returns the days From and To select (inclusive), and whether f
// has either.
func period(f *store.Filter) (lo, hi pgtype.Date, ok bool) {
	if f.From == "" && f.To == "" {
		return lo, hi, false
	}
	lo = pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
	hi = pgtype.Date{Time: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Valid: true} // before 'infinity': no undated event
	if f.From != "" {
		lo = boundDay(f.From, false)
	}
	if f.To != "" {
		hi = boundDay(f.To, true)
	}
	return lo, hi, true
}

// boundDay widens a date filter bound given as YYYY or YYYY-MM to the first
// (or, for an upper bound, the last) day it covers.
func boundDay(d string, upper bool) pgtype.Date {
	layout := map[int]string{4: "2006", 7: "2006-01"}[len(d)]
	if layout == "" {
		layout = time.DateOnly
	}
	t, err := time.Parse(layout, d)
	if err != nil {
		// Not a date: a bound that selects nothing rather than everything.
		if upper {
			return pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
		}
		return infinity
	}
	if upper {
		switch len(d) {
		case 4:
			t = t.AddDate(1, 0, -1)
		case 7:
			t = t.AddDate(0, 1, -1)
		}
	}
	return pgtype.Date{Time: t, Valid: true}
}

// textWords splits what a user typed into words (runs of letters and
// digits), as the text filter matches them.
func textWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// limit returns f's LIMIT and OFFSET clause.
func limit(q *query, f *store.Filter) string {
	s := ""
	if f.Limit > 0 {
		s += " LIMIT " + q.arg(int64(f.Limit))
	}
	if f.Offset > 0 {
		s += " OFFSET " + q.arg(int64(f.Offset))
	}
	return s
}

// eventsFrom returns the relation of the events matching f, as events e,
// with the conditions on them added to q, and the order of Events.
func eventsFrom(q *query, f *store.Filter) (from, order string, err error) {
	from, order = "events e", "e.day, e.seq"
	if a, b, _ := partyRange(partyCodes(f)); a != "" {
		// A party's or a pair's events are one range of event_parties, in
		// order: a page of them reads that range until it is full.
		// LATERAL: the planner walks the range in order, looking each
		// event up by its key, and stops when the page is full; a join
		// would have it misjudge the rows matching (day, seq) and hash
		// every event (LIMIT 1 keeps the subquery from being flattened
		// into that join; a key finds one event).
		from = "event_parties p CROSS JOIN LATERAL (SELECT * FROM events e WHERE e.day = p.day AND e.seq = p.seq LIMIT 1) e"
		order = "p.day, p.seq"
		q.conds = append(q.conds, "p.a = "+q.arg(a), "p.b = "+q.arg(b))
	}
	return from, order, eventConds(q, f, false)
}

// Events returns the events matching f, ordered by day (undated last), then
// the order stored.
func (db *DB) Events(ctx context.Context, f store.Filter) ([]store.Event, error) {
	if err := db.begin(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer db.mu.RUnlock()
	var q query
	from, order, err := eventsFrom(&q, &f)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	sql := `SELECT e.id, e.doc, (SELECT d.hash FROM documents d WHERE d.seq = e.doc_seq), e.cluster_id, e.lang, e.type, e.mode, e.quad, e.factuality,
		e.date, e.date_precision, e.date_note, e.pub_date, e.confidence, e.codebook, e.contexts, e.actors, e.recipients,
		e.sentence, e.span_start, e.span_end, e.trigger
		FROM ` + from + q.where() + ` ORDER BY ` + order + limit(&q, &f)
	rows, _ := db.pool.Query(ctx, sql, q.args...)
	out := []store.Event{}
	var e store.Event
	var quad int16
	var span0, span1 int32
	var actors, recipients []string
	_, err = pgx.ForEachRow(rows, []any{&e.ID, &e.Doc, &e.DocHash, &e.ClusterID, &e.Lang, &e.Type, &e.Mode, &quad, &e.Factuality,
		&e.Date, &e.DatePrecision, &e.DateNote, &e.PubDate, &e.Confidence, &e.Codebook, &e.Contexts, &actors, &recipients,
		&e.Sentence, &span0, &span1, &e.Trigger}, func() error {
		e.Quad, e.Span = record.Quad(quad), [2]int{int(span0), int(span1)}
		e.Actors, e.Recipients = unflatParties(actors), unflatParties(recipients)
		if e.Contexts == nil {
			e.Contexts = []string{}
		}
		out = append(out, e)
		e = store.Event{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return out, nil
}

const clusterCols = `c.id, c.type, c.mode, c.actors, c.recipients, c.contexts, c.date, c.first, c.last, c.mentions, c.sources, c.outlets`

// Clusters returns the clusters with at least one event matching f,
// ordered by first day (undated last), then id.
func (db *DB) Clusters(ctx context.Context, f store.Filter) ([]store.Cluster, error) {
	if err := db.begin(); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	defer db.mu.RUnlock()
	var q query
	if err := clusterConds(&q, &f); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	sql := `SELECT ` + clusterCols + ` FROM clusters c` + q.where() + ` ORDER BY c.first NULLS LAST, c.id` + limit(&q, &f)
	rows, _ := db.pool.Query(ctx, sql, q.args...)
	out := []store.Cluster{}
	var c store.Cluster
	var date *string
	var first, last pgtype.Date
	_, err := pgx.ForEachRow(rows, []any{&c.ID, &c.Type, &c.Mode, &c.Actors, &c.Recipients, &c.Contexts, &date, &first, &last,
		&c.Mentions, &c.Sources, &c.Outlets}, func() error {
		c.Date, c.First, c.Last = deref(date), dayString(first), dayString(last)
		out = append(out, c)
		c = store.Cluster{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	return out, nil
}

// Links groups the clusters Clusters(f) would return by type, mode and
// parties in one aggregate query.
func (db *DB) Links(ctx context.Context, f store.Filter) ([]store.Link, error) {
	if err := db.begin(); err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	defer db.mu.RUnlock()
	var q query
	var sql string
	switch {
	case reflect.DeepEqual(f, store.Filter{}):
		sql = `SELECT type, mode, party_key, sum(clusters), min(first), max(last) FROM link_months
			GROUP BY type, mode, party_key ORDER BY type, mode, party_key`
	case periodOnly(&f):
		sql = linksOfPeriod(&q, &f)
	default:
		sql = linksOfClusters(&q, &f)
	}
	if sql == "" {
		// The filter's error (a text with no words).
		var q query
		return nil, fmt.Errorf("links: %w", clusterConds(&q, &f))
	}
	return db.links(ctx, sql, q.args)
}

// linksOfClusters is the query of Links grouping the clusters of f one by
// one.
func linksOfClusters(q *query, f *store.Filter) string {
	if err := clusterConds(q, f); err != nil {
		return ""
	}
	from := "clusters c" + q.where()
	if lim := limit(q, f); lim != "" {
		// Limit and Offset page clusters in Clusters' order: the groups of
		// one page of clusters.
		from = "(SELECT c.* FROM " + from + " ORDER BY c.first NULLS LAST, c.id" + lim + ") c"
	}
	return `SELECT c.type, c.mode, c.party_key, count(*), min(c.first), max(c.last) FROM ` + from +
		` GROUP BY c.type, c.mode, c.party_key ORDER BY c.type, c.mode, c.party_key`
}

// linksOfPeriod is the query of Links for a period alone: the link_months
// groups wholly inside its whole months, and the clusters of the other
// groups that meet the period, each decided as Clusters decides it (inside
// the period, or across a bound with an event in it). Over whole months
// only the clusters across the bounds are read one by one.
func linksOfPeriod(q *query, f *store.Filter) string {
	lo, hi, _ := period(f)
	// L and H: the first and last whole months of the period.
	L, H := lo, hi
	if lo.InfinityModifier == pgtype.Finite {
		t := lo.Time
		L.Time = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		if t.Day() != 1 {
			L.Time = L.Time.AddDate(0, 1, 0)
		}
	}
	if hi.InfinityModifier == pgtype.Finite {
		t := hi.Time
		H.Time = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		if t.AddDate(0, 0, 1).Month() == t.Month() {
			H.Time = H.Time.AddDate(0, -1, 0)
		}
	}
	l, h, pL, pH := q.arg(lo), q.arg(hi), q.arg(L), q.arg(H)
	// cut: the groups the period's bounds may cut, chosen first (and
	// kept apart, MATERIALIZED): written as a semi-join on their months,
	// the planner probed the clusters of every group of the year before
	// keeping those of the cut months (4.3 s for a month of 10 M events,
	// against 1.2 s so).
	return `WITH inside AS (
			SELECT type, mode, party_key, clusters, first, last FROM link_months
			WHERE first_month >= ` + pL + ` AND last_month <= ` + pH + ` AND first_month <> 'infinity'
		), cut AS MATERIALIZED (
			SELECT type, mode, party_key, first_month, last_month FROM link_months m
			WHERE (
					-- the groups of a month partly in the period
					m.first_month = m.last_month AND m.first_month IN (date_trunc('month', ` + l + `::date)::date, date_trunc('month', ` + h + `::date)::date)
					-- the groups across months (few)
					OR m.first_month <> m.last_month AND m.first_month <= ` + h + ` AND m.last_month >= date_trunc('month', ` + l + `::date)::date)
				AND m.first_month <> 'infinity' AND NOT (m.first_month >= ` + pL + ` AND m.last_month <= ` + pH + `)
		), edge AS (
			SELECT c.type, c.mode, c.party_key, 1 AS clusters, c.first, c.last
			FROM cut m JOIN clusters c ON c.type = m.type AND c.mode = m.mode AND c.party_key = m.party_key
				AND c.first >= m.first_month AND c.first < (m.first_month + interval '1 month')::date
				AND c.last >= m.last_month AND c.last < (m.last_month + interval '1 month')::date
			WHERE c.first <= ` + h + ` AND c.last >= ` + l + `
				AND (c.first >= ` + l + ` AND c.last <= ` + h + `
					OR EXISTS (SELECT 1 FROM events e WHERE e.cluster_id = c.id AND e.day BETWEEN ` + l + ` AND ` + h + `))
		)
		SELECT type, mode, party_key, sum(clusters), min(first), max(last)
		FROM (SELECT * FROM inside UNION ALL SELECT * FROM edge) x
		GROUP BY type, mode, party_key ORDER BY type, mode, party_key`
}

// links runs a Links query.
func (db *DB) links(ctx context.Context, sql string, args []any) ([]store.Link, error) {
	rows, _ := db.pool.Query(ctx, sql, args...)
	out := []store.Link{}
	var l store.Link
	var key string
	var first, last pgtype.Date
	_, err := pgx.ForEachRow(rows, []any{&l.Type, &l.Mode, &key, &l.Clusters, &first, &last}, func() error {
		if key != "" {
			l.Parties = strings.Split(key, ",")
		}
		l.First, l.Last = dayString(first), dayString(last)
		out = append(out, l)
		l = store.Link{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	return out, nil
}

// clusterConds adds the conditions on clusters c that have an event
// matching f. A filter by period alone is decided from the clusters' own
// first and last days, which bound the days of their events: a cluster
// inside the period is in and one outside it is out, and only a cluster
// across a bound has its events looked at.
func clusterConds(q *query, f *store.Filter) error {
	if periodOnly(f) {
		lo, hi, _ := period(f)
		l, h := q.arg(lo), q.arg(hi)
		q.conds = append(q.conds, `c.first <= `+h+` AND c.last >= `+l+` AND (c.first >= `+l+` AND c.last <= `+h+`
			OR EXISTS (SELECT 1 FROM events e WHERE e.cluster_id = c.id AND e.day BETWEEN `+l+` AND `+h+`))`)
		return nil
	}
	var sub query
	sub.args = q.args
	from, col := "events e", "e.cluster_id"
	if a, b, rest := partyRange(partyCodes(f)); a != "" {
		col = "p.cluster_id"
		sub.conds = append(sub.conds, "p.a = "+sub.arg(a), "p.b = "+sub.arg(b))
		g := *f
		g.Party, g.Pair, g.From, g.To = "", [2]string{}, "", ""
		if len(rest) == 0 && reflect.DeepEqual(g, store.Filter{Limit: f.Limit, Offset: f.Offset}) {
			// A party or a pair, perhaps over a period: event_parties
			// alone answers, from its index.
			if lo, hi, ok := period(f); ok {
				sub.conds = append(sub.conds, "p.day BETWEEN "+sub.arg(lo)+" AND "+sub.arg(hi))
			}
			q.args = sub.args
			q.conds = append(q.conds, "c.id IN (SELECT "+col+" FROM event_parties p"+sub.where()+")")
			return nil
		}
		from = "event_parties p CROSS JOIN LATERAL (SELECT * FROM events e WHERE e.day = p.day AND e.seq = p.seq LIMIT 1) e"
	}
	if err := eventConds(&sub, f, false); err != nil {
		return err
	}
	q.args = sub.args
	if len(sub.conds) > 0 {
		q.conds = append(q.conds, "c.id IN (SELECT "+col+" FROM "+from+sub.where()+")")
	}
	return nil
}

// periodOnly reports whether f selects by From and To and nothing else
// (Limit and Offset included).
func periodOnly(f *store.Filter) bool {
	g := *f
	g.From, g.To = "", ""
	return (f.From != "" || f.To != "") && reflect.DeepEqual(g, store.Filter{})
}

// RecordError remembers that an input failed; the same input failing for
// the same reason again is counted once.
func (db *DB) RecordError(ctx context.Context, source, reason string) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var inserted bool
		if err := tx.QueryRow(ctx, `INSERT INTO errors (source, reason, at) VALUES ($1, $2, now())
			ON CONFLICT (source, reason) DO UPDATE SET at = EXCLUDED.at RETURNING xmax = 0`, source, reason).Scan(&inserted); err != nil {
			return err
		}
		if !inserted {
			return nil // known: counted once
		}
		_, err := tx.Exec(ctx, "UPDATE counts SET errors = errors + 1")
		return err
	})
	if err != nil {
		return fmt.Errorf("record error: %w", err)
	}
	return nil
}

// Stats summarises the store, from the counts every write keeps.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	if err := db.begin(); err != nil {
		return store.Stats{}, err
	}
	defer db.mu.RUnlock()
	s := store.Stats{Languages: map[string]int{}}
	var first, last pgtype.Date
	// One statement, so that the counts agree with each other.
	rows, _ := db.pool.Query(ctx, `SELECT documents, duplicates, events, clusters, errors, first, last, NULL, 0 FROM counts
		UNION ALL SELECT 0, 0, 0, 0, 0, NULL, NULL, lang, documents FROM lang_counts WHERE documents > 0`)
	var lang *string
	var n int
	var docs, dups, evs, cls, errs int
	_, err := pgx.ForEachRow(rows, []any{&docs, &dups, &evs, &cls, &errs, &first, &last, &lang, &n}, func() error {
		if lang == nil {
			s.Documents, s.Duplicates, s.Events, s.Clusters, s.Errors = docs, dups, evs, cls, errs
			s.First, s.Last = dayString(first), dayString(last)
		} else {
			s.Languages[*lang] = n
		}
		return nil
	})
	if err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}
