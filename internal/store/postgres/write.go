package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Write stores batches in one transaction (see store.Store): it reads the
// clusters their events may join, assigns every event in memory with the
// store's rule, and writes each table with one COPY. Writes from any
// number of processes are serialised by an advisory lock held for the
// transaction, so each sees every document and cluster the others stored.
func (db *DB) Write(ctx context.Context, bs []*store.Batch) ([]store.Outcome, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return db.write(ctx, bs)
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

// wbatch is a batch on its way into the database.
type wbatch struct {
	*store.Batch
	res     store.Outcome
	buckets []int64
	days    []pgtype.Date // each event's day
	seq     int64         // the document's
	source  int64         // the seq its mentions count for: its canonical's, or its own
	evSeq   []int64
	cls     []*mcluster // each event's cluster
}

// infinity is the day of undated events.
var infinity = pgtype.Date{InfinityModifier: pgtype.Infinity, Valid: true}

func dayOf(day string) pgtype.Date {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return infinity
	}
	return pgtype.Date{Time: t, Valid: true}
}

// write stores bs (see WriteBatches).
func (db *DB) write(ctx context.Context, bs []*store.Batch) ([]store.Outcome, error) {
	ws := make([]*wbatch, len(bs))
	var months []time.Time
	for i, b := range bs {
		w := &wbatch{Batch: b}
		ws[i] = w
		if w.res.Err = check(b); w.res.Err != nil {
			continue
		}
		w.buckets = encodeBuckets(b.Buckets)
		w.days = make([]pgtype.Date, len(b.Events))
		for j := range b.Events {
			w.days[j] = dayOf(usableDay(&b.Events[j]))
			if w.days[j].InfinityModifier == pgtype.Finite {
				months = append(months, w.days[j].Time)
			}
		}
	}
	if err := db.parts.ensure(ctx, db.pool, months); err != nil {
		return nil, err
	}
	var committed bool
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		committed = false
		for _, w := range ws { // a retry starts afresh
			if w.res.Err == nil || w.res.Added {
				w.res = store.Outcome{}
			}
		}
		if err := db.writeTx(ctx, tx, ws); err != nil {
			return err
		}
		committed = true
		return nil
	})
	if err != nil || !committed {
		if err == nil {
			err = errors.New("not committed")
		}
		return nil, fmt.Errorf("write %d documents: %w", len(bs), err)
	}
	out := make([]store.Outcome, len(ws))
	for i, w := range ws {
		out[i] = w.res
		if !w.res.Added {
			continue
		}
		for j := range w.Events {
			w.Events[j].DocHash = w.Doc.Hash
			w.Events[j].ClusterID = w.cls[j].ID
		}
	}
	return out, nil
}

// writeTx does write's work in tx.
func (db *DB) writeTx(ctx context.Context, tx pgx.Tx, ws []*wbatch) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", lockWrite); err != nil {
		return err
	}

	// What is stored already: documents, event ids, canonical documents.
	var hashes, ids, canon []string
	for _, w := range ws {
		if w.res.Err != nil {
			continue
		}
		hashes = append(hashes, w.Doc.Hash)
		if w.Doc.Canonical != "" {
			canon = append(canon, w.Doc.Canonical)
		}
		for j := range w.Events {
			ids = append(ids, w.Events[j].ID)
		}
	}
	stored := map[string]int64{} // hash → seq, of the documents that matter here
	rows, _ := tx.Query(ctx, "SELECT hash, seq FROM documents WHERE hash = ANY($1)", append(hashes, canon...))
	var h string
	var seq int64
	if _, err := pgx.ForEachRow(rows, []any{&h, &seq}, func() error { stored[h] = seq; return nil }); err != nil {
		return err
	}
	owner := map[string]string{} // event id → hash of the document that has it
	if len(ids) > 0 {
		rows, _ = tx.Query(ctx, "SELECT i.id, d.hash FROM event_ids i JOIN documents d ON d.seq = i.doc_seq WHERE i.id = ANY($1)", ids)
		var id string
		if _, err := pgx.ForEachRow(rows, []any{&id, &h}, func() error { owner[id] = h; return nil }); err != nil {
			return err
		}
	}

	// Decide, in order, which batches are stored.
	inGroup := map[string]*wbatch{}
	var add []*wbatch
	for _, w := range ws {
		if w.res.Err != nil {
			continue
		}
		if _, ok := stored[w.Doc.Hash]; ok || inGroup[w.Doc.Hash] != nil {
			continue // added=false
		}
		if c := w.Doc.Canonical; c != "" && inGroup[c] == nil {
			if _, ok := stored[c]; !ok {
				w.res.Err = fmt.Errorf("put document %s: canonical document %s is not stored", w.Doc.Hash, c)
				continue
			}
		}
		for j := range w.Events {
			id := w.Events[j].ID
			if o, ok := owner[id]; ok {
				w.res.Err = fmt.Errorf("put document %s: event %s: event id %s is already stored, from document %s", w.Doc.Hash, id, id, o)
				break
			}
		}
		if w.res.Err != nil {
			continue
		}
		for j := range w.Events {
			owner[w.Events[j].ID] = w.Doc.Hash
		}
		inGroup[w.Doc.Hash] = w
		add = append(add, w)
	}
	if len(add) == 0 {
		return nil
	}

	// Keys, in input order.
	nEvents := 0
	for _, w := range add {
		nEvents += len(w.Events)
	}
	docSeqs, err := nextvals(ctx, tx, "documents_seq", len(add))
	if err != nil {
		return err
	}
	evSeqs, err := nextvals(ctx, tx, "events_seq", nEvents)
	if err != nil {
		return err
	}
	for i, w := range add {
		w.seq = docSeqs[i]
		w.evSeq, evSeqs = evSeqs[:len(w.Events)], evSeqs[len(w.Events):]
	}
	for _, w := range add {
		w.source = w.seq
		if c := w.Doc.Canonical; c != "" {
			if g := inGroup[c]; g != nil {
				w.source = g.seq
			} else {
				w.source = stored[c]
			}
		}
	}

	// Clusters.
	cl, err := loadClusters(ctx, tx, add)
	if err != nil {
		return err
	}
	type srcKey struct {
		c   *mcluster
		src int64
	}
	type outKey struct {
		c      *mcluster
		outlet string
	}
	var srcs []srcKey
	var outs []outKey
	seenSrc := map[srcKey]bool{}
	seenOut := map[outKey]bool{}
	for _, w := range add {
		w.cls = make([]*mcluster, len(w.Events))
		for j := range w.Events {
			c := cl.assign(&w.Events[j], 0)
			w.cls[j] = c
			if k := (srcKey{c, w.source}); !seenSrc[k] {
				seenSrc[k] = true
				srcs = append(srcs, k)
			}
			if o := w.Doc.Outlet; o != "" {
				if k := (outKey{c, o}); !seenOut[k] {
					seenOut[k] = true
					outs = append(outs, k)
				}
			}
		}
	}
	ids2, err := nextvals(ctx, tx, "clusters_seq", len(cl.created))
	if err != nil {
		return err
	}
	for i, c := range cl.created {
		c.ID = ids2[i]
	}
	// Sources and outlets: the rows a cluster gains are the ones the
	// insert did not find.
	gained := func(q string, n int, row func(i int) (int64, any)) (map[int64]int, error) {
		if n == 0 {
			return nil, nil
		}
		cids := make([]int64, n)
		vals := make([]any, n)
		for i := range n {
			cids[i], vals[i] = row(i)
		}
		rows, _ := tx.Query(ctx, q, cids, vals)
		out := map[int64]int{}
		var id int64
		_, err := pgx.ForEachRow(rows, []any{&id}, func() error { out[id]++; return nil })
		return out, err
	}
	newSrc, err := gained(`INSERT INTO cluster_sources (cluster_id, source) SELECT * FROM unnest($1::bigint[], $2::bigint[])
		ON CONFLICT DO NOTHING RETURNING cluster_id`, len(srcs), func(i int) (int64, any) { return srcs[i].c.ID, srcs[i].src })
	if err != nil {
		return err
	}
	newOut, err := gained(`INSERT INTO cluster_outlets (cluster_id, outlet) SELECT * FROM unnest($1::bigint[], $2::text[])
		ON CONFLICT DO NOTHING RETURNING cluster_id`, len(outs), func(i int) (int64, any) { return outs[i].c.ID, outs[i].outlet })
	if err != nil {
		return err
	}
	var changed []*mcluster
	for _, cs := range cl.byKey {
		for _, c := range cs {
			if c.isNew || c.changed {
				c.Sources += newSrc[c.ID]
				c.Outlets += newOut[c.ID]
				if c.changed {
					changed = append(changed, c)
				}
			}
		}
	}
	if len(cl.created) > 0 {
		rows := make([][]any, len(cl.created))
		for i, c := range cl.created {
			rows[i] = clusterRow(&c.Cluster)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"clusters"}, clusterColumns, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("copy clusters: %w", err)
		}
	}
	if len(changed) > 0 {
		// The changed summaries go through a temporary table: one COPY and
		// one UPDATE, whatever their number.
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS cluster_changes
			(LIKE clusters INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`); err != nil {
			return err
		}
		slices.SortFunc(changed, func(a, b *mcluster) int { return int(a.ID - b.ID) })
		rows := make([][]any, len(changed))
		for i, c := range changed {
			rows[i] = clusterRow(&c.Cluster)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"cluster_changes"}, clusterColumns, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("copy cluster changes: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE clusters c SET mode = u.mode, contexts = u.contexts, date = u.date,
			first = u.first, last = u.last, mentions = u.mentions, sources = u.sources, outlets = u.outlets
			FROM cluster_changes u WHERE c.id = u.id`); err != nil {
			return fmt.Errorf("update clusters: %w", err)
		}
	}

	touched := append(slices.Clone(cl.created), changed...)
	if err := writeRollups(ctx, tx, touched); err != nil {
		return err
	}

	// Documents, events, their parties and ids.
	docRows := make([][]any, len(add))
	var evRows, partyRows, idRows [][]any
	langs := map[string]int64{}
	var nDup int64
	first, last := pgtype.Date{}, pgtype.Date{}
	for i, w := range add {
		d := &w.Doc
		docRows[i] = documentRow(w.seq, d, w.buckets)
		langs[d.Lang]++
		if d.Canonical != "" {
			nDup++
		}
		for j := range w.Events {
			e := &w.Events[j]
			day, cid, seq := w.days[j], w.cls[j].ID, w.evSeq[j]
			evRows = append(evRows, eventRow(day, seq, w.seq, cid, e))
			idRows = append(idRows, []any{e.ID, w.seq})
			partyRows = appendPartyRows(partyRows, day, seq, cid, e)
			if day.InfinityModifier == pgtype.Finite {
				if !first.Valid || day.Time.Before(first.Time) {
					first = day
				}
				if !last.Valid || day.Time.After(last.Time) {
					last = day
				}
			}
		}
	}
	copies := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"documents", documentColumns, docRows},
		{"events", eventColumns, evRows},
		{"event_parties", partyColumns, partyRows},
		{"event_ids", []string{"id", "doc_seq"}, idRows},
	}
	for _, c := range copies {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copy %s: %w", c.table, err)
		}
	}

	// Counts.
	var langNames []string
	var langDocs []int64
	for l, n := range langs {
		langNames = append(langNames, l)
		langDocs = append(langDocs, n)
	}
	b := &pgx.Batch{}
	b.Queue(`UPDATE counts SET documents = documents + $1, duplicates = duplicates + $2, events = events + $3,
		clusters = clusters + $4, first = LEAST(first, $5), last = GREATEST(last, $6)`,
		len(add), nDup, nEvents, len(cl.created), first, last)
	b.Queue(`INSERT INTO lang_counts (lang, documents) SELECT * FROM unnest($1::text[], $2::bigint[])
		ON CONFLICT (lang) DO UPDATE SET documents = lang_counts.documents + EXCLUDED.documents`, langNames, langDocs)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("update counts: %w", err)
	}
	for _, w := range add {
		w.res.Added = true
	}
	return nil
}

// loadClusters reads the stored clusters that the events of ws may join:
// for each act, those whose last day is within the window of its earliest
// dated event, and the undated ones; every cluster of an act that has an
// undated event (it may join any).
func loadClusters(ctx context.Context, tx pgx.Tx, ws []*wbatch) (*clusterer, error) {
	lo := map[ckey]pgtype.Date{}
	for _, w := range ws {
		for j := range w.Events {
			e := &w.Events[j]
			k := ckey{string(e.Type), store.PartyKey(record.Codes(e.Actors), record.Codes(e.Recipients))}
			var d pgtype.Date
			if w.days[j].InfinityModifier == pgtype.Finite {
				d = pgtype.Date{Time: w.days[j].Time.AddDate(0, 0, -store.ClusterWindow), Valid: true}
			} else {
				d = pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
			}
			if old, ok := lo[k]; !ok || before(d, old) {
				lo[k] = d
			}
		}
	}
	cl := newClusterer()
	if len(lo) == 0 {
		return cl, nil
	}
	var types, keys []string
	var los []pgtype.Date
	for k, d := range lo {
		types, keys, los = append(types, k.typ), append(keys, k.parties), append(los, d)
	}
	rows, _ := tx.Query(ctx, `SELECT c.id, c.type, c.mode, c.actors, c.recipients, c.contexts, c.date, c.first, c.last,
		c.mentions, c.sources, c.outlets
		FROM unnest($1::text[], $2::text[], $3::date[]) AS k (type, party_key, lo), LATERAL (
			SELECT * FROM clusters c WHERE c.type = k.type AND c.party_key = k.party_key AND c.last >= k.lo
			UNION ALL
			SELECT * FROM clusters c WHERE c.type = k.type AND c.party_key = k.party_key AND c.last IS NULL) c`,
		types, keys, los)
	var c store.Cluster
	var date *string
	var first, last pgtype.Date
	_, err := pgx.ForEachRow(rows, []any{&c.ID, &c.Type, &c.Mode, &c.Actors, &c.Recipients, &c.Contexts, &date, &first, &last,
		&c.Mentions, &c.Sources, &c.Outlets}, func() error {
		m := &mcluster{Cluster: c}
		m.Date, m.First, m.Last = deref(date), dayString(first), dayString(last)
		cl.add(m)
		c = store.Cluster{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read clusters: %w", err)
	}
	return cl, nil
}

// before reports whether a is before b (-infinity before every day).
func before(a, b pgtype.Date) bool {
	if a.InfinityModifier != b.InfinityModifier {
		return a.InfinityModifier < b.InfinityModifier
	}
	return a.Time.Before(b.Time)
}

// nextvals draws n values from a sequence.
func nextvals(ctx context.Context, tx pgx.Tx, seq string, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	rows, _ := tx.Query(ctx, "SELECT nextval('"+seq+"') FROM generate_series(1, $1)", n)
	vs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("draw keys from %s: %w", seq, err)
	}
	slices.Sort(vs)
	return vs, nil
}

// encodeBuckets returns the distinct buckets as their int64 bit patterns,
// sorted.
func encodeBuckets(us []uint64) []int64 {
	bs := make([]int64, len(us))
	for i, u := range us {
		bs[i] = int64(u)
	}
	slices.Sort(bs)
	return slices.Compact(bs)
}

// flatParties flattens parties into code, text, role triples.
func flatParties(ps []record.Party) []string {
	out := make([]string, 0, 3*len(ps))
	for _, p := range ps {
		out = append(out, p.Code, p.Text, p.Role)
	}
	return out
}

// unflatParties undoes flatParties.
func unflatParties(xs []string) []record.Party {
	out := make([]record.Party, 0, len(xs)/3)
	for i := 0; i+2 < len(xs); i += 3 {
		out = append(out, record.Party{Code: xs[i], Text: xs[i+1], Role: xs[i+2]})
	}
	return out
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nullDay(s string) pgtype.Date {
	if s == "" {
		return pgtype.Date{}
	}
	return dayOf(s)
}

func dayString(d pgtype.Date) string {
	if !d.Valid || d.InfinityModifier != pgtype.Finite {
		return ""
	}
	return d.Time.Format(time.DateOnly)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// The columns of the tables written by COPY, and the rows for them.
var (
	documentColumns = []string{"seq", "hash", "id", "source", "url", "outlet", "lang", "pub_date", "title", "canonical", "ingested_at", "buckets", "raw", "text"}
	eventColumns    = []string{"day", "seq", "id", "doc_seq", "cluster_id", "doc", "lang", "type", "mode", "quad", "factuality", "date",
		"date_precision", "date_note", "pub_date", "confidence", "codebook", "contexts", "actors", "recipients", "sentence",
		"span_start", "span_end", "trigger"}
	partyColumns   = []string{"a", "b", "day", "id", "seq", "cluster_id"}
	clusterColumns = []string{"id", "type", "mode", "party_key", "actors", "recipients", "contexts", "date", "first", "last", "mentions", "sources", "outlets"}
)

func documentRow(seq int64, d *store.Document, buckets []int64) []any {
	at := d.IngestedAt
	if at.IsZero() {
		at = time.Now()
	}
	raw := d.Raw
	if raw == nil {
		raw = []byte{}
	}
	return []any{seq, d.Hash, d.ID, d.Source, d.URL, d.Outlet, d.Lang, nullText(d.PubDate), d.Title,
		nullText(d.Canonical), at, buckets, raw, d.Text}
}

func eventRow(day pgtype.Date, seq, docSeq, cluster int64, e *store.Event) []any {
	return []any{day, seq, e.ID, docSeq, cluster, e.Doc, e.Lang, string(e.Type), string(e.Mode), int16(e.Quad),
		string(e.Factuality), e.Date, e.DatePrecision, e.DateNote, e.PubDate, e.Confidence, e.Codebook,
		nonNil(e.Contexts), flatParties(e.Actors), flatParties(e.Recipients), e.Sentence, int32(e.Span[0]), int32(e.Span[1]), e.Trigger}
}

// appendPartyRows adds the event_parties rows of an event: (a, a) for
// each party, (a, b) for each pair, a < b.
func appendPartyRows(rows [][]any, day pgtype.Date, seq, cluster int64, e *store.Event) [][]any {
	key := store.PartyKey(record.Codes(e.Actors), record.Codes(e.Recipients))
	if key == "" {
		return rows
	}
	codes := strings.Split(key, ",")
	for x, a := range codes {
		for _, b := range codes[x:] {
			rows = append(rows, []any{a, b, day, e.ID, seq, cluster})
		}
	}
	return rows
}

func clusterRow(c *store.Cluster) []any {
	return []any{c.ID, string(c.Type), string(c.Mode), store.PartyKey(c.Actors, c.Recipients), nonNil(c.Actors), nonNil(c.Recipients),
		nonNil(c.Contexts), nullText(c.Date), nullDay(c.First), nullDay(c.Last), c.Mentions, c.Sources, c.Outlets}
}
