package postgres

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"

	"mitra/internal/store"
)

// periodConds adds the conditions of f's period on events e, placing the
// events with no date of their own as f.Undated says (see
// store.Placement). The day column is store.EventDay ('infinity' when the
// event has none), so every placement stays a range on it, or that range
// and the undated partition, and the planner prunes the months outside
// the period. A placement that keeps undated events says day >= From
// first, a range of the primary key that a page of events reads in order
// and stops when full; as (day BETWEEN From AND To OR day = 'infinity')
// the planner, misjudging the period as a few rows (without statistics,
// or in a generic plan), reads it whole by bitmaps and sorts it. An
// unknown placement is an error, with or without a period.
func periodConds(q *query, f *store.Filter) error {
	switch f.Undated {
	case store.PlacePub, store.PlaceDate, store.PlaceIngest, store.PlaceAny:
	default:
		return fmt.Errorf("placement %q: want pub, date, ingest or any", string(f.Undated))
	}
	lo, hi, ok := period(f)
	if !ok {
		return nil
	}
	l, h := q.arg(lo), q.arg(hi)
	switch f.Undated {
	case store.PlacePub:
		q.conds = append(q.conds, "e.day BETWEEN "+l+" AND "+h)
	case store.PlaceDate:
		q.conds = append(q.conds, "e.date IS NOT NULL AND e.day BETWEEN "+l+" AND "+h)
	case store.PlaceIngest:
		// The undated events' pages, found once (a hashed subplan over
		// the undated partition): a look-up of each event's page would
		// be costed on every event of the period, in every partition, and
		// have the planner compile the query (JIT) for longer than it
		// runs.
		q.conds = append(q.conds, "e.day >= "+l+" AND (e.day <= "+h+` OR e.day = 'infinity' AND e.doc_seq IN (
			SELECT u.doc_seq FROM events u JOIN documents d ON d.seq = u.doc_seq
			WHERE u.day = 'infinity' AND (d.ingested_at AT TIME ZONE 'UTC')::date BETWEEN `+l+" AND "+h+"))")
	case store.PlaceAny:
		q.conds = append(q.conds, "e.day >= "+l+" AND (e.day <= "+h+" OR e.day = 'infinity')")
	}
	return nil
}

// LeftOut counts what f's period and confidence threshold leave out of
// the events its other conditions select (see store.LeftOut), in one
// aggregate query.
func (db *DB) LeftOut(ctx context.Context, f store.Filter) (store.LeftOut, error) {
	var out store.LeftOut
	f.Limit, f.Offset = 0, 0
	var check query
	if err := periodConds(&check, &store.Filter{Undated: f.Undated}); err != nil {
		return out, fmt.Errorf("left out: %w", err)
	}
	if err := db.begin(); err != nil {
		return out, fmt.Errorf("left out: %w", err)
	}
	defer db.mu.RUnlock()
	if reflect.DeepEqual(f, store.Filter{}) {
		// All time: nothing left out; the undated events' index counts
		// those placed on their publication date.
		err := db.pool.QueryRow(ctx, `SELECT count(*) FROM events WHERE date IS NULL AND day < 'infinity'`).Scan(&out.Placed)
		if err != nil {
			return out, fmt.Errorf("left out: %w", err)
		}
		return out, nil
	}
	if periodOnly(&f) {
		// A network's filter: each count is a range of days, which the
		// planner prunes to its months and reads from the primary key
		// (or the undated events' index), not a pass over every event.
		// The events outside the period are counted as they are, or, when
		// the period holds fewer of the dated days than it leaves out, as
		// the dated events (from counts, in the same snapshot) less those
		// inside: a month of a year of events reads a twelfth of them
		// either way.
		lo, hi, _ := period(&f)
		outside := `(SELECT count(*) FROM events WHERE day < $1) + (SELECT count(*) FROM events WHERE day > $2 AND day < 'infinity')`
		var first, last pgtype.Date
		if err := db.pool.QueryRow(ctx, `SELECT first, last FROM counts`).Scan(&first, &last); err != nil {
			return out, fmt.Errorf("left out: %w", err)
		}
		if insideFewer(lo, hi, first, last) {
			outside = `(SELECT events FROM counts) - (SELECT count(*) FROM events WHERE day = 'infinity')
				- (SELECT count(*) FROM events WHERE day BETWEEN $1 AND $2)`
		}
		err := db.pool.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM events WHERE day = 'infinity'),
			`+outside+`,
			(SELECT count(*) FROM events WHERE date IS NULL AND day BETWEEN $1 AND $2)`,
			lo, hi).Scan(&out.Undated, &out.Outside, &out.Placed)
		if err != nil {
			return out, fmt.Errorf("left out: %w", err)
		}
		return out, nil
	}
	all := f
	all.From, all.To, all.MinConfidence, all.Undated = "", "", 0, store.PlacePub
	if _, _, hasPeriod := period(&f); !hasPeriod && f.MinConfidence == 0 {
		// No period and no threshold (a pair's events or series): nothing
		// is left out, and only the undated events placed on a day count
		// (Placed), which the undated events' index finds without reading
		// every event the filter selects (a pair of 10 M events has
		// hundreds of thousands).
		if f.Undated == store.PlaceDate {
			return out, nil // no undated event is placed
		}
		var q query
		q.conds = append(q.conds, "e.date IS NULL")
		if f.Undated != store.PlaceIngest {
			// On the publication date; the ingest placement places
			// every undated event (on its page's ingest day otherwise).
			q.conds = append(q.conds, "e.day < 'infinity'")
		}
		if err := eventConds(&q, &all, true); err != nil {
			return out, fmt.Errorf("left out: %w", err)
		}
		if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM events e`+q.where(), q.args...).Scan(&out.Placed); err != nil {
			return out, fmt.Errorf("left out: %w", err)
		}
		return out, nil
	}
	var q query
	from, _, err := eventsFrom(&q, &all)
	if err != nil {
		return out, fmt.Errorf("left out: %w", err)
	}
	lo, hi, hasPeriod := period(&f)
	isPeriod, l, h := q.arg(hasPeriod), q.arg(lo), q.arg(hi)
	keep, minConf := q.arg(f.Undated == store.PlaceAny), q.arg(f.MinConfidence)
	// events selects the events with the day each falls on under the
	// placement (placed), NULL when it falls on none.
	events := func(placed, join, cond string) string {
		conds := append(slices.Clip(q.conds), cond)
		return `SELECT e.confidence < ` + minConf + `::double precision AS low, e.date AS date, ` + placed + ` AS placed
			FROM ` + from + join + ` WHERE ` + strings.Join(conds, " AND ")
	}
	var rel string
	switch f.Undated {
	case store.PlacePub, store.PlaceAny:
		rel = events("NULLIF(e.day, 'infinity')", "", "true")
	case store.PlaceDate:
		rel = events("CASE WHEN e.date IS NOT NULL THEN NULLIF(e.day, 'infinity') END", "", "true")
	case store.PlaceIngest:
		// The pages of the undated events only, joined rather than
		// looked up from each event (see periodConds).
		rel = events("e.day", "", "e.day < 'infinity'") + " UNION ALL " +
			events("(d.ingested_at AT TIME ZONE 'UTC')::date", " JOIN documents d ON d.seq = e.doc_seq", "e.day = 'infinity'")
	}
	sql := `SELECT
		count(*) FILTER (WHERE low),
		count(*) FILTER (WHERE NOT low AND ` + isPeriod + `::boolean AND placed IS NULL AND NOT ` + keep + `::boolean),
		count(*) FILTER (WHERE NOT low AND ` + isPeriod + `::boolean AND placed IS NOT NULL AND (placed < ` + l + `::date OR placed > ` + h + `::date)),
		count(*) FILTER (WHERE NOT low AND date IS NULL AND placed IS NOT NULL AND (NOT ` + isPeriod + `::boolean OR placed BETWEEN ` + l + `::date AND ` + h + `::date))
		FROM (` + rel + `) x`
	if err := db.pool.QueryRow(ctx, sql, q.args...).Scan(&out.LowConfidence, &out.Undated, &out.Outside, &out.Placed); err != nil {
		return out, fmt.Errorf("left out: %w", err)
	}
	return out, nil
}

// insideFewer reports whether the period lo–hi covers fewer of the days
// first–last (the dated events' range) than it leaves out.
func insideFewer(lo, hi, first, last pgtype.Date) bool {
	if !first.Valid || !last.Valid || first.InfinityModifier != pgtype.Finite || last.InfinityModifier != pgtype.Finite {
		return false
	}
	a, b := first.Time, last.Time
	if lo.InfinityModifier == pgtype.Finite && lo.Time.After(a) {
		a = lo.Time
	}
	if hi.InfinityModifier == pgtype.Finite && hi.Time.Before(b) {
		b = hi.Time
	}
	in := max(0, b.Sub(a).Hours()/24+1)
	all := last.Time.Sub(first.Time).Hours()/24 + 1
	return in < all-in
}
