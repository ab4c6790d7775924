package postgres

import (
	"strings"
	"testing"
	"time"

	"mitra/internal/store"
	"mitra/internal/store/storetest"
)

// TestPlacementPrunes checks that a period under every placement reads
// only the months of the period, and the undated events' partition when
// the placement may keep an undated event (the storetest suite checks
// what they select).
func TestPlacementPrunes(t *testing.T) {
	db := openTemp(t)
	var days []time.Time
	for m := time.January; m <= time.April; m++ {
		days = append(days, time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC))
	}
	if err := db.parts.ensure(ctx, db.pool, days); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		p       store.Placement
		undated bool
	}{
		{store.PlacePub, false},
		{store.PlaceDate, false},
		{store.PlaceIngest, true},
		{store.PlaceAny, true},
	} {
		t.Run(tc.p.String(), func(t *testing.T) {
			var q query
			f := store.Filter{From: "2025-02", To: "2025-02", Undated: tc.p, MinConfidence: 0.5}
			from, _, err := eventsFrom(&q, &f)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			rows, _ := db.pool.Query(ctx, "EXPLAIN (COSTS OFF) SELECT e.id FROM "+from+q.where(), q.args...)
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, line)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(plan, "\n")
			for _, part := range []string{"events_2025_01", "events_2025_03", "events_2025_04", "events_old"} {
				if strings.Contains(text, part+" ") {
					t.Errorf("plan reads %s, outside the period:\n%s", part, text)
				}
			}
			if !strings.Contains(text, "events_2025_02") {
				t.Errorf("plan does not read the period's month:\n%s", text)
			}
			if got := strings.Contains(text, "events_undated"); got != tc.undated {
				t.Errorf("plan reads the undated events: %v, want %v:\n%s", got, tc.undated, text)
			}
		})
	}
}

// TestUnknownPlacement checks that every query taking a Filter refuses a
// placement it does not know, with a period or without.
func TestUnknownPlacement(t *testing.T) {
	db := openTemp(t)
	for _, f := range []store.Filter{
		{Undated: "pub"}, // the name, not the zero value PlacePub
		{Undated: "later", From: "2025"},
		{Undated: "later", Party: "RUS"},
	} {
		if _, err := db.Events(ctx, f); err == nil || !strings.Contains(err.Error(), "placement") {
			t.Errorf("Events(%+v) error = %v, want one naming the placement", f, err)
		}
		if _, err := db.Clusters(ctx, f); err == nil || !strings.Contains(err.Error(), "placement") {
			t.Errorf("Clusters(%+v) error = %v, want one naming the placement", f, err)
		}
		if _, err := db.Links(ctx, f); err == nil || !strings.Contains(err.Error(), "placement") {
			t.Errorf("Links(%+v) error = %v, want one naming the placement", f, err)
		}
		if _, err := db.LeftOut(ctx, f); err == nil || !strings.Contains(err.Error(), "placement") {
			t.Errorf("LeftOut(%+v) error = %v, want one naming the placement", f, err)
		}
	}
}

// BenchmarkLeftOut compares counting what a period leaves out (what every
// network and page of events reports) with reading the network and a page
// of events of that period, on 30,000 generated events over a year (10%
// with no date of their own).
func BenchmarkLeftOut(b *testing.B) {
	db := openTemp(b)
	g := storetest.NewGenerator(7)
	var bs []*store.Batch
	for range 6000 {
		bs = append(bs, g.Next())
		if len(bs) == 500 {
			if _, err := db.Write(ctx, bs); err != nil {
				b.Fatal(err)
			}
			bs = nil
		}
	}
	f := store.Filter{From: "2024-03-05", To: "2024-09-20"}
	ingest := f
	ingest.Undated = store.PlaceIngest
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"LeftOut", func() error { _, err := db.LeftOut(ctx, f); return err }},
		{"LeftOutIngest", func() error { _, err := db.LeftOut(ctx, ingest); return err }},
		{"LeftOutPair", func() error {
			_, err := db.LeftOut(ctx, store.Filter{Pair: [2]string{"RUS", "MLI"}, From: f.From, To: f.To})
			return err
		}},
		{"Links", func() error { _, err := db.Links(ctx, f); return err }},
		{"LinksIngest", func() error { _, err := db.Links(ctx, ingest); return err }},
		{"EventsPage", func() error { g := f; g.Limit = 100; _, err := db.Events(ctx, g); return err }},
		{"EventsPageIngest", func() error { g := ingest; g.Limit = 100; _, err := db.Events(ctx, g); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
