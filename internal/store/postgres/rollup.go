package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"mitra/internal/store"
)

// The rollups (see migrations/0001_init.sql): pair_tallies for a pair's
// series, link_months for networks. A write moves each cluster it touched
// from its old rows to its new ones: pair_tallies by adding -1 and +1,
// link_months by recounting the groups concerned from the clusters (a
// group's least first and greatest last day cannot be taken back by a
// subtraction).

// tallyKey is a row of pair_tallies.
type tallyKey struct {
	a, b, day, typ, mode string
}

// addTallies adds sign to the pair_tallies rows of cluster c.
func addTallies(delta map[tallyKey]int, c *store.Cluster, sign int) {
	day := store.PlaceDay(c)
	if day == "" {
		return
	}
	key := store.PartyKey(c.Actors, c.Recipients)
	if key == "" {
		return
	}
	codes := strings.Split(key, ",")
	for i, a := range codes {
		for _, b := range codes[i:] {
			delta[tallyKey{a, b, day, string(c.Type), string(c.Mode)}] += sign
		}
	}
}

// linkKey is a group of link_months.
type linkKey struct {
	typ, mode, parties string
	first, last        pgtype.Date // months; 'infinity' when undated
}

func monthKey(day string) pgtype.Date {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return infinity
	}
	return pgtype.Date{Time: time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC), Valid: true}
}

func linkKeyOf(c *store.Cluster) linkKey {
	return linkKey{string(c.Type), string(c.Mode), store.PartyKey(c.Actors, c.Recipients), monthKey(c.First), monthKey(c.Last)}
}

// writeRollups moves the touched clusters' share of the rollups, in tx.
func writeRollups(ctx context.Context, tx pgx.Tx, touched []*mcluster) error {
	delta := map[tallyKey]int{}
	groups := map[linkKey]bool{}
	for _, c := range touched {
		if c.changed {
			addTallies(delta, &c.old, -1)
			groups[linkKeyOf(&c.old)] = true
		}
		addTallies(delta, &c.Cluster, +1)
		groups[linkKeyOf(&c.Cluster)] = true
	}
	if err := applyTallies(ctx, tx, delta); err != nil {
		return err
	}
	return recountLinks(ctx, tx, groups)
}

// applyTallies adds delta to pair_tallies.
func applyTallies(ctx context.Context, tx pgx.Tx, delta map[tallyKey]int) error {
	var as, bs, types, modes []string
	var days []pgtype.Date
	var ns []int32
	for k, n := range delta {
		if n == 0 {
			continue
		}
		as, bs, types, modes = append(as, k.a), append(bs, k.b), append(types, k.typ), append(modes, k.mode)
		days, ns = append(days, dayOf(k.day)), append(ns, int32(n))
	}
	if len(ns) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO pair_tallies (a, b, day, type, mode, clusters)
		SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::int[])
		ON CONFLICT (a, b, day, type, mode) DO UPDATE SET clusters = pair_tallies.clusters + EXCLUDED.clusters`,
		as, bs, days, types, modes, ns)
	if err != nil {
		return fmt.Errorf("pair tallies: %w", err)
	}
	return nil
}

// recountLinks recounts the link_months groups from the clusters.
func recountLinks(ctx context.Context, tx pgx.Tx, groups map[linkKey]bool) error {
	if len(groups) == 0 {
		return nil
	}
	var types, modes, keys []string
	var firsts, lasts []pgtype.Date
	for k := range groups {
		types, modes, keys = append(types, k.typ), append(modes, k.mode), append(keys, k.parties)
		firsts, lasts = append(firsts, k.first), append(lasts, k.last)
	}
	_, err := tx.Exec(ctx, `WITH k AS (
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[]) AS k (type, mode, party_key, fm, lm)
		), s AS (
			SELECT k.*, x.n, x.first, x.last FROM k, LATERAL (
				SELECT count(*)::int AS n, min(c.first) AS first, max(c.last) AS last FROM clusters c
				WHERE c.type = k.type AND c.mode = k.mode AND c.party_key = k.party_key AND (
					k.fm = 'infinity' AND c.first IS NULL
					OR c.first >= k.fm AND c.first < (k.fm + interval '1 month')::date
						AND c.last >= k.lm AND c.last < (k.lm + interval '1 month')::date)) x
		), gone AS (
			DELETE FROM link_months l USING s
			WHERE s.n = 0 AND l.type = s.type AND l.mode = s.mode AND l.party_key = s.party_key AND l.first_month = s.fm AND l.last_month = s.lm
		)
		INSERT INTO link_months (type, mode, party_key, first_month, last_month, clusters, first, last)
		SELECT type, mode, party_key, fm, lm, n, first, last FROM s WHERE n > 0
		ON CONFLICT (type, mode, party_key, first_month, last_month)
		DO UPDATE SET clusters = EXCLUDED.clusters, first = EXCLUDED.first, last = EXCLUDED.last`,
		types, modes, keys, firsts, lasts)
	if err != nil {
		return fmt.Errorf("link months: %w", err)
	}
	return nil
}

// rebuildRollups makes both rollups afresh from every cluster (after a
// bulk load), in tx.
func rebuildRollups(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, "TRUNCATE pair_tallies, link_months"); err != nil {
		return err
	}
	delta := map[tallyKey]int{}
	rows, _ := tx.Query(ctx, `SELECT type, mode, actors, recipients, date, first, last FROM clusters`)
	var c store.Cluster
	var date *string
	var first, last pgtype.Date
	_, err := pgx.ForEachRow(rows, []any{&c.Type, &c.Mode, &c.Actors, &c.Recipients, &date, &first, &last}, func() error {
		c.Date, c.First, c.Last = deref(date), dayString(first), dayString(last)
		addTallies(delta, &c, 1)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read clusters: %w", err)
	}
	// In key order, so that the table's pages fill in order.
	keys := make([]tallyKey, 0, len(delta))
	for k := range delta {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y tallyKey) int {
		return strings.Compare(x.a+"\x00"+x.b+"\x00"+x.day+"\x00"+x.typ+"\x00"+x.mode, y.a+"\x00"+y.b+"\x00"+y.day+"\x00"+y.typ+"\x00"+y.mode)
	})
	tallies := make([][]any, len(keys))
	for i, k := range keys {
		tallies[i] = []any{k.a, k.b, dayOf(k.day), k.typ, k.mode, int32(delta[k])}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"pair_tallies"}, []string{"a", "b", "day", "type", "mode", "clusters"}, pgx.CopyFromRows(tallies)); err != nil {
		return fmt.Errorf("pair tallies: %w", err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO link_months (type, mode, party_key, first_month, last_month, clusters, first, last)
		SELECT type, mode, party_key, COALESCE(date_trunc('month', first)::date, 'infinity'), COALESCE(date_trunc('month', last)::date, 'infinity'),
			count(*), min(first), max(last)
		FROM clusters GROUP BY 1, 2, 3, 4, 5`)
	if err != nil {
		return fmt.Errorf("link months: %w", err)
	}
	return nil
}

// PairTallies returns the clusters whose parties include a and b by the
// day they are placed on, type and mode (see store.Store), from the rollup.
func (db *DB) PairTallies(ctx context.Context, a, b string) ([]store.Tally, error) {
	if err := db.begin(); err != nil {
		return nil, err
	}
	defer db.mu.RUnlock()
	if b < a {
		a, b = b, a
	}
	rows, _ := db.pool.Query(ctx, `SELECT day, type, mode, clusters FROM pair_tallies
		WHERE a = $1 AND b = $2 AND clusters > 0 ORDER BY day, type, mode`, a, b)
	out := []store.Tally{}
	var t store.Tally
	var day pgtype.Date
	_, err := pgx.ForEachRow(rows, []any{&day, &t.Type, &t.Mode, &t.Clusters}, func() error {
		t.Day = dayString(day)
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pair tallies %s, %s: %w", a, b, err)
	}
	return out, nil
}
