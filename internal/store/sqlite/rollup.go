package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Rollups (see migrations/0003_write_path.sql): pair_tallies serves
// PairTallies, link_months and cluster_spans serve Links over all time and
// whole months. They are derived from the clusters only, so whatever
// changes a cluster brings them in line in the same transaction by
// handing applyRollups the cluster as it was and as it is: Write does,
// and EditClusters does it for any other change (corrections).

// tallyKey is a row of pair_tallies.
type tallyKey struct {
	a, b, day string
	typ       record.Type
	mode      record.Mode
}

// linkCell is a row of link_months.
type linkCell struct {
	month     string
	typ       record.Type
	mode      record.Mode
	partyKey  string
	clusters  int
	first     string
	last      string
	recompute bool
}

type cellKey struct {
	month, typ, mode, key string // month: the period (a month or a year)
}

// grain is a period of the link rollups: link_months and cluster_spans by
// month, link_years and cluster_year_spans by year (a year's network reads
// a twelfth of the groups).
type grain struct {
	groups, spanTable, col string // tables and the period column
	n                      int    // length of the period's prefix of a day
	first, last            string // appended to a period for its first and last day
}

var (
	byMonth = grain{"link_months", "cluster_spans", "month", 7, "-01", "-31"}
	byYear  = grain{"link_years", "cluster_year_spans", "year", 4, "-01-01", "-12-31"}
	grains  = []grain{byMonth, byYear}
)

func (g grain) cellOf(c *store.Cluster) cellKey {
	m := ""
	if len(c.First) >= g.n {
		m = c.First[:g.n]
	}
	return cellKey{m, string(c.Type), string(c.Mode), store.PartyKey(c.Actors, c.Recipients)}
}

// tallies adds sign times c's rows of pair_tallies to m.
func tallies(m map[tallyKey]int, c *store.Cluster, sign int) {
	day := store.PlaceDay(c)
	if day == "" {
		return
	}
	key := store.PartyKey(c.Actors, c.Recipients)
	if key == "" {
		return
	}
	codes := strings.Split(key, ",") // sorted, distinct
	for i := range codes {
		for j := i + 1; j < len(codes); j++ {
			m[tallyKey{codes[i], codes[j], day, c.Type, c.Mode}] += sign
		}
	}
}

// spans returns the periods after c's first day's up to its last day's.
func (g grain) spans(c *store.Cluster) []string {
	if len(c.First) < g.n || len(c.Last) < g.n || c.Last[:g.n] <= c.First[:g.n] {
		return nil
	}
	layout, step := "2006-01", [3]int{0, 1, 0}
	if g.n == 4 {
		layout, step = "2006", [3]int{1, 0, 0}
	}
	t, err := time.Parse(layout, c.First[:g.n])
	if err != nil {
		return nil
	}
	var out []string
	for {
		t = t.AddDate(step[0], step[1], step[2])
		m := t.Format(layout)
		if m > c.Last[:g.n] || len(out) > 1200 {
			return out
		}
		out = append(out, m)
	}
}

// applyRollups brings the rollups in line after the clusters old (as they
// were; absent for new clusters) became cur (absent for deleted ones), in
// tx, where the clusters table already holds cur. grown says every change
// only added mentions (Write): a cluster staying in its link_months group
// then changes the group's days only outwards, which needs no recount.
func applyRollups(ctx context.Context, tx *sql.Tx, old, cur map[int64]*store.Cluster, grown bool) error {
	// pair_tallies: counts, so the difference is exact.
	delta := map[tallyKey]int{}
	for _, c := range old {
		tallies(delta, c, -1)
	}
	for _, c := range cur {
		tallies(delta, c, +1)
	}
	var rows []any
	for k, n := range delta {
		if n != 0 {
			rows = append(rows, []any{k.a, k.b, k.day, k.typ, k.mode, n})
		}
	}
	if len(rows) > 0 {
		j, _ := json.Marshal(rows)
		if _, err := tx.ExecContext(ctx, `INSERT INTO pair_tallies (a, b, day, type, mode, clusters)
			SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?) WHERE true
			ON CONFLICT DO UPDATE SET clusters = clusters + excluded.clusters`, string(j)); err != nil {
			return fmt.Errorf("pair tallies: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM pair_tallies WHERE clusters <= 0 AND (a, b, day, type, mode) IN
			(SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?))`, string(j)); err != nil {
			return fmt.Errorf("pair tallies: %w", err)
		}
	}
	for _, g := range grains {
		if err := g.apply(ctx, tx, old, cur, grown); err != nil {
			return err
		}
	}
	return nil
}

// apply brings g's link groups and spans in line (see applyRollups).
func (g grain) apply(ctx context.Context, tx *sql.Tx, old, cur map[int64]*store.Cluster, grown bool) error {
	cellOf, spans := g.cellOf, g.spans
	cells := map[cellKey]bool{} // groups to count again
	grow := map[cellKey]*linkCell{}
	if grown {
		for id, c := range cur {
			k := cellOf(c)
			if o, ok := old[id]; ok && cellOf(o) != k {
				continue // moved: both groups are counted again below
			}
			g := grow[k]
			if g == nil {
				g = &linkCell{first: c.First, last: c.Last}
				grow[k] = g
			}
			if _, ok := old[id]; !ok {
				g.clusters++
			}
			if c.First != "" && (g.first == "" || c.First < g.first) {
				g.first = c.First
			}
			if c.Last > g.last {
				g.last = c.Last
			}
		}
	}
	type span struct {
		month string
		id    int64
	}
	var delSpans, addSpans []any
	for id, c := range old {
		if k := cellOf(c); !grown || k != cellOf(cur[id]) {
			cells[k] = true
		}
		for _, m := range spans(c) {
			delSpans = append(delSpans, []any{m, id})
		}
	}
	for id, c := range cur {
		if k := cellOf(c); !grown || (old[id] != nil && k != cellOf(old[id])) {
			cells[k] = true
		}
		for _, m := range spans(c) {
			addSpans = append(addSpans, []any{m, id})
		}
	}
	// Link groups: a group that only grows takes the new clusters and
	// days; least and greatest days do not subtract, so any other group
	// touched is counted again from the clusters (clusters_act holds type,
	// party key, mode and first: one index range each).
	var grows []any
	for k, g := range grow {
		if !cells[k] {
			grows = append(grows, []any{k.month, k.typ, k.mode, k.key, g.clusters, g.first, g.last})
		}
	}
	if len(grows) > 0 {
		j, _ := json.Marshal(grows)
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+g.groups+` (`+g.col+`, type, mode, party_key, clusters, first, last)
			SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, NULLIF(value ->> 5, ''), NULLIF(value ->> 6, '')
			FROM json_each(?) WHERE true
			ON CONFLICT DO UPDATE SET clusters = clusters + excluded.clusters,
				first = CASE WHEN first IS NULL OR excluded.first < first THEN excluded.first ELSE first END,
				last = CASE WHEN last IS NULL OR excluded.last > last THEN excluded.last ELSE last END`, string(j)); err != nil {
			return fmt.Errorf("link months: %w", err)
		}
	}
	var dated, undated []any
	for k := range cells {
		if k.month == "" {
			undated = append(undated, []any{k.month, k.typ, k.mode, k.key})
		} else {
			dated = append(dated, []any{k.month, k.typ, k.mode, k.key})
		}
	}
	for _, part := range []struct {
		cells []any
		cond  string
	}{
		{dated, `c.first >= (j.value ->> 0) || '` + g.first + `' AND c.first <= (j.value ->> 0) || '` + g.last + `'`},
		{undated, `c.first IS NULL`},
	} {
		if len(part.cells) == 0 {
			continue
		}
		j, _ := json.Marshal(part.cells)
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+g.groups+` WHERE (`+g.col+`, type, mode, party_key) IN
			(SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?))`, string(j)); err != nil {
			return fmt.Errorf("link months: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+g.groups+` (`+g.col+`, type, mode, party_key, clusters, first, last)
			SELECT j.value ->> 0, c.type, c.mode, c.party_key, COUNT(*), MIN(c.first), MAX(c.last)
			FROM json_each(?) j JOIN clusters c INDEXED BY clusters_act
				ON c.type = j.value ->> 1 AND c.mode = j.value ->> 2 AND c.party_key = j.value ->> 3 AND `+part.cond+`
			GROUP BY j.value ->> 0, c.type, c.mode, c.party_key`, string(j)); err != nil {
			return fmt.Errorf("link months: %w", err)
		}
	}
	for _, x := range []struct {
		rows []any
		sql  string
	}{
		{delSpans, `DELETE FROM ` + g.spanTable + ` WHERE (` + g.col + `, cluster_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`},
		{addSpans, `INSERT OR IGNORE INTO ` + g.spanTable + ` (` + g.col + `, cluster_id) SELECT value ->> 0, value ->> 1 FROM json_each(?)`},
	} {
		if len(x.rows) == 0 {
			continue
		}
		j, _ := json.Marshal(x.rows)
		if _, err := tx.ExecContext(ctx, x.sql, string(j)); err != nil {
			return fmt.Errorf("cluster spans: %w", err)
		}
	}
	return nil
}

// readClusters returns the clusters ids as tx sees them (absent when not
// stored).
func readClusters(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]*store.Cluster, error) {
	out := map[int64]*store.Cluster{}
	j, _ := json.Marshal(ids)
	rows, err := tx.QueryContext(ctx, `SELECT id, type, mode, actors, recipients, contexts, date, first, last, mentions, sources, outlets
		FROM clusters WHERE id IN (SELECT value FROM json_each(?))`, string(j))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCluster(rows)
		if err != nil {
			return nil, err
		}
		out[c.ID] = c
	}
	return out, rows.Err()
}

// scanCluster reads a row of clusters' columns id, type, mode, actors,
// recipients, contexts, date, first, last, mentions, sources, outlets.
func scanCluster(rows *sql.Rows) (*store.Cluster, error) {
	var c store.Cluster
	var actors, recipients, contexts string
	var date, first, last sql.NullString
	if err := rows.Scan(&c.ID, &c.Type, &c.Mode, &actors, &recipients, &contexts, &date, &first, &last,
		&c.Mentions, &c.Sources, &c.Outlets); err != nil {
		return nil, err
	}
	c.Date, c.First, c.Last = date.String, first.String, last.String
	if err := errors.Join(unmarshalList(actors, &c.Actors), unmarshalList(recipients, &c.Recipients),
		unmarshalList(contexts, &c.Contexts)); err != nil {
		return nil, fmt.Errorf("cluster %d: %w", c.ID, err)
	}
	return &c, nil
}

// EditClusters runs change in a write transaction and then brings the
// rollups, the cluster count and every writer's cluster cache in line
// with the clusters ids as change left them: the way to change clusters
// other than by Write (an analyst's correction retyping, merging or
// deleting clusters). ids must name every cluster change creates, alters
// or deletes. Events and their cluster_sources and cluster_outlets rows
// are change's to keep consistent.
func (db *DB) EditClusters(ctx context.Context, ids []int64, change func(*sql.Tx) error) error {
	if err := db.begin(); err != nil {
		return err
	}
	defer db.mu.RUnlock()
	db.wmu.Lock()
	defer db.wmu.Unlock()
	db.cache.reset()
	err := func() error {
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		old, err := readClusters(ctx, tx, ids)
		if err != nil {
			return err
		}
		if err := change(tx); err != nil {
			return err
		}
		cur, err := readClusters(ctx, tx, ids)
		if err != nil {
			return err
		}
		if err := applyRollups(ctx, tx, old, cur, false); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE counters SET value = value + ? WHERE name = 'clusters'`, len(cur)-len(old)); err != nil {
			return err
		}
		if _, err := tx.StmtContext(ctx, db.ws.bumpWrites).ExecContext(ctx); err != nil {
			return err
		}
		return tx.Commit()
	}()
	if err != nil {
		return fmt.Errorf("edit clusters: %w", err)
	}
	return nil
}

// buildRollups fills the rollups from every cluster when meta 'rollups'
// says they are not built (a database made before them).
func (db *DB) buildRollups(ctx context.Context) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var built int
	if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'rollups'`).Scan(&built); err != nil {
		return fmt.Errorf("rollups: %w", err)
	}
	if built != 0 {
		return nil
	}
	for _, t := range []string{"pair_tallies", "link_months", "cluster_spans", "link_years", "cluster_year_spans"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
	}
	var last int64
	for {
		// In chunks of clusters, each one's rows whole.
		rows, err := tx.QueryContext(ctx, `SELECT id, type, mode, actors, recipients, contexts, date, first, last, mentions, sources, outlets
			FROM clusters WHERE id > ? ORDER BY id LIMIT 50000`, last)
		if err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		cur := map[int64]*store.Cluster{}
		for rows.Next() {
			c, err := scanCluster(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("rollups: %w", err)
			}
			cur[c.ID] = c
			last = c.ID
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
		if len(cur) == 0 {
			break
		}
		if err := applyRollups(ctx, tx, nil, cur, false); err != nil {
			return fmt.Errorf("rollups: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = 1 WHERE key = 'rollups'`); err != nil {
		return fmt.Errorf("rollups: %w", err)
	}
	return tx.Commit()
}

// PairTallies returns the pair's rows of pair_tallies.
func (db *DB) PairTallies(ctx context.Context, a, b string) ([]store.Tally, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	if a > b {
		a, b = b, a
	}
	out := []store.Tally{}
	if a == b {
		return out, nil
	}
	rows, err := db.r.QueryContext(ctx, `SELECT day, type, mode, clusters FROM pair_tallies WHERE a = ? AND b = ?
		ORDER BY day, type, mode`, a, b)
	if err != nil {
		return nil, fmt.Errorf("pair tallies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t store.Tally
		if err := rows.Scan(&t.Day, &t.Type, &t.Mode, &t.Clusters); err != nil {
			return nil, fmt.Errorf("pair tallies: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pair tallies: %w", err)
	}
	return out, nil
}

// wholePeriods returns the years, else the months, a period filter
// covers when it is whole years or months (from the first day of one to
// the last of another, either end open): the rollup answers it.
func wholePeriods(f *store.Filter) (g grain, lo, hi string, ok bool) {
	if !periodOnly(f) {
		return g, "", "", false
	}
	from, to := padDay(f.From, false), padDay(f.To, true)
	for _, g := range []grain{byYear, byMonth} {
		lo, hi, ok := whole(g, from, to)
		if ok {
			return g, lo, hi, true
		}
	}
	return g, "", "", false
}

// whole returns the periods of grain g from day from to day to ("" for
// open ends), when they are whole.
func whole(g grain, from, to string) (lo, hi string, ok bool) {
	layout, step := "2006-01", [3]int{0, 1, -1}
	if g.n == 4 {
		layout, step = "2006", [3]int{1, 0, -1}
	}
	if from != "" {
		if len(from) != 10 || from[g.n:] != g.first {
			return "", "", false
		}
		lo = from[:g.n]
	}
	if to != "" {
		t, err := time.Parse(layout, safePrefix(to, g.n))
		if err != nil || len(to) != 10 {
			return "", "", false
		}
		if to < t.AddDate(step[0], step[1], step[2]).Format(time.DateOnly) {
			return "", "", false
		}
		hi = to[:g.n]
	}
	return lo, hi, true
}

func safePrefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// linksFromRollup answers Links for all time (lo and hi "") or the whole
// periods (months or years, by g) lo to hi (either "" for open).
func (db *DB) linksFromRollup(ctx context.Context, f *store.Filter, g grain, lo, hi string) ([]store.Link, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	type key struct {
		typ, mode, partyKey string
	}
	acc := map[key]*store.Link{}
	add := func(k key, n int, first, last string) {
		l := acc[k]
		if l == nil {
			l = &store.Link{Type: record.Type(k.typ), Mode: record.Mode(k.mode)}
			if k.partyKey != "" {
				l.Parties = strings.Split(k.partyKey, ",")
			}
			acc[k] = l
		}
		l.Clusters += n
		if first != "" && (l.First == "" || first < l.First) {
			l.First = first
		}
		if last > l.Last {
			l.Last = last
		}
	}
	period := f.From != "" || f.To != ""
	cond, args := "", []any{}
	switch {
	case !period: // every group, the undated too
	case lo == "":
		cond, args = " WHERE "+g.col+" <> '' AND "+g.col+" <= ?", []any{hi}
	case hi == "":
		cond, args = " WHERE "+g.col+" >= ?", []any{lo}
	default:
		cond, args = " WHERE "+g.col+" >= ? AND "+g.col+" <= ?", []any{lo, hi}
	}
	// Summed in Go: a year of a large record is some 100,000 groups, which
	// SQLite's GROUP BY would sort.
	rows, err := tx.QueryContext(ctx, `SELECT type, mode, party_key, clusters, first, last FROM `+g.groups+cond, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k key
		var n int
		var first, last sql.NullString
		if err := rows.Scan(&k.typ, &k.mode, &k.partyKey, &n, &first, &last); err != nil {
			rows.Close()
			return nil, err
		}
		add(k, n, first.String, last.String)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	if period && lo != "" {
		// Clusters begun before the first period that reach into it: in
		// when one of their events is in the period.
		from, to := lo+g.first, padDay(f.To, true)
		if to == "" {
			to = "9999-12-31"
		}
		rows, err := tx.QueryContext(ctx, `SELECT c.type, c.mode, c.party_key, c.first, c.last
			FROM `+g.spanTable+` s JOIN clusters c ON c.id = s.cluster_id
			WHERE s.`+g.col+` = ? AND EXISTS (SELECT 1 FROM events e WHERE e.cluster_id = c.id AND e.day >= ? AND e.day <= ?)`, lo, from, to)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k key
			var first, last sql.NullString
			if err := rows.Scan(&k.typ, &k.mode, &k.partyKey, &first, &last); err != nil {
				rows.Close()
				return nil, err
			}
			add(k, 1, first.String, last.String)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
	}
	out := make([]store.Link, 0, len(acc))
	for _, k := range slices.SortedFunc(maps.Keys(acc), func(a, b key) int {
		return cmp.Or(cmp.Compare(a.typ, b.typ), cmp.Compare(a.mode, b.mode), cmp.Compare(a.partyKey, b.partyKey))
	}) {
		out = append(out, *acc[k])
	}
	return out, nil
}
