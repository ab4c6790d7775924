package sqlite

import (
	"context"
	"fmt"
	"reflect"

	"mitra/internal/store"
)

// periodConds adds the conditions of f's period on events e, placing the
// events with no date of their own as f.Undated says (see
// store.Placement). The day column is the event's date, else its
// publication date (store.EventDay), so the default placement is a range
// on it, which events_day serves.
func periodConds(w *where, f *store.Filter) error {
	if f.From == "" && f.To == "" {
		return nil
	}
	lo, hi := padDay(f.From, false), padDay(f.To, true)
	if lo == "" {
		lo = "0000-00-00"
	}
	if hi == "" {
		hi = "9999-99-99"
	}
	switch f.Undated {
	case store.PlacePub:
		if f.From != "" {
			w.add("e.day >= ?", lo)
		}
		if f.To != "" {
			w.add("e.day <= ?", hi)
		}
	case store.PlaceDate:
		w.add("e.date IS NOT NULL AND e.day >= ? AND e.day <= ?", lo, hi)
	case store.PlaceIngest:
		w.add(`COALESCE(e.day, (SELECT substr(d.ingested_at, 1, 10) FROM documents d WHERE d.seq = e.doc_seq)) BETWEEN ? AND ?`, lo, hi)
	case store.PlaceAny:
		w.add("(e.day IS NULL OR e.day >= ? AND e.day <= ?)", lo, hi)
	default:
		return fmt.Errorf("placement %q: want pub, date, ingest or any", f.Undated)
	}
	return nil
}

// LeftOut counts what f's period and confidence threshold leave out of
// the events its other conditions select (see store.LeftOut), in one
// aggregate query.
func (db *DB) LeftOut(ctx context.Context, f store.Filter) (store.LeftOut, error) {
	var out store.LeftOut
	if _, err := store.ParsePlacement(f.Undated.String()); err != nil {
		return out, fmt.Errorf("left out: %w", err)
	}
	if err := db.beginQuery(ctx, &f); err != nil {
		return out, fmt.Errorf("left out: %w", err)
	}
	defer db.mu.RUnlock()
	if reflect.DeepEqual(f, store.Filter{}) {
		// All time: nothing left out; the undated events' index counts
		// those placed on their publication date.
		if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM events INDEXED BY events_undated_day
			WHERE date IS NULL AND day IS NOT NULL`).Scan(&out.Placed); err != nil {
			return out, fmt.Errorf("left out: %w", err)
		}
		return out, nil
	}
	if periodOnly(&f) {
		// A network's filter: counts on events_day and the undated
		// events' index, not a pass over every event.
		lo, hi := padDay(f.From, false), padDay(f.To, true)
		if lo == "" {
			lo = "0000-00-00"
		}
		if hi == "" {
			hi = "9999-99-99"
		}
		err := db.r.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM events WHERE day IS NULL),
			(SELECT COUNT(*) FROM events WHERE day < ?1) + (SELECT COUNT(*) FROM events WHERE day > ?2),
			(SELECT COUNT(*) FROM events INDEXED BY events_undated_day WHERE date IS NULL AND day >= ?1 AND day <= ?2)`,
			lo, hi).Scan(&out.Undated, &out.Outside, &out.Placed)
		if err != nil {
			return out, fmt.Errorf("left out: %w", err)
		}
		return out, nil
	}
	all := f
	all.From, all.To, all.MinConfidence, all.Undated, all.Limit, all.Offset = "", "", 0, store.PlacePub, 0, 0
	var w where
	if err := eventConds(&w, &all); err != nil {
		return out, fmt.Errorf("left out: %w", err)
	}
	// placed is the day an event falls on under the placement, NULL when
	// it falls on none.
	placed := "e.day"
	switch f.Undated {
	case store.PlaceDate:
		placed = "CASE WHEN e.date IS NULL THEN NULL ELSE e.day END"
	case store.PlaceIngest:
		placed = "COALESCE(e.day, (SELECT substr(d.ingested_at, 1, 10) FROM documents d WHERE d.seq = e.doc_seq))"
	}
	period := f.From != "" || f.To != ""
	lo, hi := padDay(f.From, false), padDay(f.To, true)
	if lo == "" {
		lo = "0000-00-00"
	}
	if hi == "" {
		hi = "9999-99-99"
	}
	keepUndated := f.Undated == store.PlaceAny
	q := `SELECT
		COALESCE(SUM(low), 0),
		COALESCE(SUM(NOT low AND ?1 AND p IS NULL AND NOT ?4), 0),
		COALESCE(SUM(NOT low AND ?1 AND p IS NOT NULL AND (p < ?2 OR p > ?3)), 0),
		COALESCE(SUM(NOT low AND date IS NULL AND p IS NOT NULL AND (NOT ?1 OR p >= ?2 AND p <= ?3)), 0)
		FROM (SELECT e.confidence < ?5 AS low, e.date AS date, ` + placed + ` AS p FROM events e` + w.String() + `)`
	args := append([]any{period, lo, hi, keepUndated, f.MinConfidence}, w.args...)
	if err := db.r.QueryRowContext(ctx, q, args...).Scan(&out.LowConfidence, &out.Undated, &out.Outside, &out.Placed); err != nil {
		return out, fmt.Errorf("left out: %w", err)
	}
	return out, nil
}
