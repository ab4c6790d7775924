package storetest

import (
	"slices"
	"testing"

	"mitra/internal/store"
)

// testPlacement checks where the events with no date of their own fall
// in a period under each placement, the confidence threshold, and that
// LeftOut counts what each filter leaves out (as the store counts it, and
// as store.CountLeftOut counts it from the events).
func testPlacement(t *testing.T, open opener) {
	s := fresh(t, open)
	ids, _ := filterFixture(t, s)
	name := map[string]string{}
	for n, id := range ids {
		name[id] = n
	}
	// e5 has no date but a publication date (2022-02-18); e7 has neither;
	// their pages were ingested on 2026-03-01. Every event has confidence
	// 0.75.
	y2022 := store.Filter{From: "2022", To: "2022"}
	with := func(f store.Filter, p store.Placement) store.Filter { f.Undated = p; return f }
	cases := []struct {
		name string
		f    store.Filter
		want []string
		left store.LeftOut
	}{
		{"no period", store.Filter{}, []string{"e5", "e4", "e3", "e2", "e6", "e1", "e7"}, store.LeftOut{Placed: 1}},
		{"no period, dated only", store.Filter{Undated: store.PlaceDate}, []string{"e5", "e4", "e3", "e2", "e6", "e1", "e7"}, store.LeftOut{}},
		{"pub", y2022, []string{"e5"}, store.LeftOut{Undated: 1, Outside: 5, Placed: 1}},
		{"date", with(y2022, store.PlaceDate), nil, store.LeftOut{Undated: 2, Outside: 5}},
		{"ingest", with(store.Filter{From: "2026-03-01", To: "2026-03-31"}, store.PlaceIngest), []string{"e7"}, store.LeftOut{Outside: 6, Placed: 1}},
		{"ingest, pub date first", with(y2022, store.PlaceIngest), []string{"e5"}, store.LeftOut{Outside: 6, Placed: 1}},
		{"any", with(y2022, store.PlaceAny), []string{"e5", "e7"}, store.LeftOut{Outside: 5, Placed: 1}},
		{"from only", store.Filter{From: "2025-02-10"}, []string{"e2", "e6", "e1"}, store.LeftOut{Undated: 1, Outside: 3}},
		{"party and period", store.Filter{Party: "RUS", From: "2025", To: "2025"}, []string{"e2", "e6", "e1"}, store.LeftOut{Undated: 1, Outside: 1}},
		{"confidence", store.Filter{MinConfidence: 0.8}, nil, store.LeftOut{LowConfidence: 7}},
		{"confidence met", store.Filter{MinConfidence: 0.75, Pair: [2]string{"RUS", "MLI"}}, []string{"e1", "e7"}, store.LeftOut{}},
		{"confidence before period", store.Filter{MinConfidence: 0.9, From: "2025"}, nil, store.LeftOut{LowConfidence: 7}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, e := range events(t, s, tc.f) {
				got = append(got, name[e.ID])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Events(%+v) = %v, want %v", tc.f, got, tc.want)
			}
			checkPeriod(t, s, tc.f)
			checkLinks(t, s, tc.f)
			left, err := store.CountLeftOut(ctx, s, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if left != tc.left {
				t.Errorf("LeftOut(%+v) = %+v, want %+v", tc.f, left, tc.left)
			}
			// The same count from the events, for stores without their own.
			left, err = store.CountLeftOut(ctx, plain{s}, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if left != tc.left {
				t.Errorf("CountLeftOut from the events (%+v) = %+v, want %+v", tc.f, left, tc.left)
			}
			if len(got)+left.Total() != len(events(t, s, store.Filter{Party: tc.f.Party, Pair: tc.f.Pair})) {
				t.Errorf("%d events kept and %d left out, not all %+v selects without period or threshold", len(got), left.Total(), tc.f)
			}
		})
	}
}

// plain hides a store's own LeftOut.
type plain struct{ store.Store }
