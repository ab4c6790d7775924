package postgres

import (
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"mitra/internal/record"
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

// TestLeftOutPeriod: a network's filter (a period alone) counts what it
// leaves out, whether it counts the events
// outside the period or the dated events less those inside it.
func TestLeftOutPeriod(t *testing.T) {
	db := openTemp(t)
	for _, b := range genBatches(300, 5, false) {
		if _, err := store.Put(ctx, db, b); err != nil {
			t.Fatal(err)
		}
	}
	all, err := db.Events(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]string{
		{"2024-02", "2024-02"},       // a short period: inside counted
		{"2024-01-05", "2024-04-30"}, // a long one: outside counted
		{"2024-02-15", ""}, {"", "2024-02-15"}, {"", "2024-01-03"},
		{"2023", "2023"}, {"2025", ""}, // none inside
	} {
		got, err := db.LeftOut(ctx, store.Filter{From: p[0], To: p[1]})
		if err != nil {
			t.Fatal(err)
		}
		// Counted from every event, one by one.
		var want store.LeftOut
		lo, hi, _ := period(&store.Filter{From: p[0], To: p[1]})
		for _, e := range all {
			day := store.EventDay(&e)
			switch {
			case day == "":
				want.Undated++
			case lo.InfinityModifier == pgtype.Finite && day < lo.Time.Format(time.DateOnly),
				day > hi.Time.Format(time.DateOnly):
				want.Outside++
			case e.Date == nil:
				want.Placed++
			}
		}
		if got != want {
			t.Errorf("LeftOut(%s–%s) = %+v, want %+v", p[0], p[1], got, want)
		}
		if p[0] == "2024-02" && got.Outside == 0 {
			t.Errorf("LeftOut(%s–%s) = %+v: nothing outside, the test tests nothing", p[0], p[1], got)
		}
	}
}

func TestInsideFewer(t *testing.T) {
	d := func(s string) pgtype.Date {
		tm, _ := time.Parse(time.DateOnly, s)
		return pgtype.Date{Time: tm, Valid: true}
	}
	ninf := pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
	first, last := d("2024-01-01"), d("2024-12-31")
	for _, tc := range []struct {
		lo, hi pgtype.Date
		want   bool
	}{
		{d("2024-03-01"), d("2024-03-31"), true},
		{d("2024-01-01"), d("2024-12-31"), false},
		{d("2024-01-01"), d("2024-06-30"), true}, // 182 of 366 days
		{d("2024-01-01"), d("2024-07-01"), false},
		{ninf, d("2024-02-01"), true},
		{d("2023-01-01"), d("2023-12-31"), true},
		{d("2025-01-01"), d("9999-12-31"), true},
	} {
		if got := insideFewer(tc.lo, tc.hi, first, last); got != tc.want {
			t.Errorf("insideFewer(%v, %v) = %v, want %v", tc.lo.Time, tc.hi.Time, got, tc.want)
		}
	}
	if insideFewer(d("2024-03-01"), d("2024-03-31"), pgtype.Date{}, pgtype.Date{}) {
		t.Error("insideFewer with no dated event = true")
	}
}

// TestLeftOutNoPeriod: a filter with no period and no threshold (a pair's
// events or series) counts the undated events placed as the events
// themselves say, under every placement.
func TestLeftOutNoPeriod(t *testing.T) {
	db := openTemp(t)
	for _, b := range genBatches(300, 5, false) {
		if _, err := store.Put(ctx, db, b); err != nil {
			t.Fatal(err)
		}
	}
	// The store seen through store.Store alone: CountLeftOut counts from
	// its events.
	plain := struct{ store.Store }{db}
	placed := 0
	for _, p := range []store.Placement{store.PlacePub, store.PlaceDate, store.PlaceIngest, store.PlaceAny} {
		for _, f := range []store.Filter{
			{Pair: [2]string{"RUS", "CHN"}}, {Pair: [2]string{"MLI", "MLI"}}, {Types: []record.Type{"AID"}},
		} {
			f.Undated = p
			got, err := db.LeftOut(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := store.CountLeftOut(ctx, plain, f)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("LeftOut(%+v) = %+v, want %+v", f, got, want)
			}
			placed += got.Placed
		}
	}
	if placed == 0 {
		t.Error("no undated event placed: the test tests nothing")
	}
}
