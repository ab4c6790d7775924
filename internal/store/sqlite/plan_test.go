package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/store"
	"mitra/internal/store/storetest"
)

// TestEventsPagePlan checks how SQLite reads a page of events: walking
// events_day in order, testing the party and text conditions on each event
// met. Read any other way — the subquery's events looked up in events_day
// day by day, then sorted — a page of a busy pair took 50 times longer.
func TestEventsPagePlan(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The planner's choice depends on the statistics of a filled store:
	// a few events written, then the statistics of 100,000 events over a
	// year (as ANALYZE found them on such a store) in their place.
	g := storetest.NewGenerator(1)
	var bs []*store.Batch
	for range 200 {
		bs = append(bs, g.Next())
	}
	if _, err := db.Write(ctx, bs); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"ANALYZE",
		"DELETE FROM sqlite_stat1 WHERE tbl IN ('events', 'event_parties')",
		`INSERT INTO sqlite_stat1 VALUES ('event_parties', 'event_parties_code', '214738 1001 1'),
			('event_parties', 'event_parties', '214738 3 2 1'), ('events', 'events_undated_day', '626 3'),
			('events', 'events_day', '104902 667 1 1'), ('events', 'events_cluster_day', '104902 72 20'),
			('events', 'events_doc', '104902 6'), ('events', 'sqlite_autoindex_events_1', '104902 1')`,
		"ANALYZE sqlite_schema",
	} {
		if _, err := db.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, f := range []store.Filter{
		{Pair: [2]string{"RUS", "MLI"}, Limit: 51},
		{Party: "RUS", Limit: 51, Offset: 100},
		{Party: "RUS", Text: "perjanjian", From: "2024-01", To: "2024-03", Limit: 51},
	} {
		q, args, err := eventsQuery(&f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.w.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		all := strings.Join(plan, "\n")
		// A range of the index (a period) is read in order too; ANY(day)
		// is the day-by-day look-up.
		if !strings.Contains(all, "e USING INDEX events_day") || strings.Contains(all, "ANY(day)") || strings.Contains(all, "TEMP B-TREE FOR ORDER BY") {
			t.Errorf("%+v: the page is not read by walking events_day in order:\n%s", f, all)
		}
	}
}
