package shift_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"mitra/internal/demo"
	"mitra/internal/lang/packs"
	"mitra/internal/pipeline"
	"mitra/internal/record"
	"mitra/internal/shift"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/sqlite"
)

// demoStore ingests the demo corpus into a temporary database, as `mitra
// demo` does.
func demoStore(t *testing.T) store.Store {
	t.Helper()
	ctx := context.Background()
	pks, err := packs.Load("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pks...)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	pages, err := fs.Sub(demo.Pages, "pages")
	if err != nil {
		t.Fatal(err)
	}
	err = p.Ingest(ctx, db, func(ctx context.Context, fn func(source.Item)) {
		source.ReadFS(pages, source.Options{}, fn)
	}, pipeline.IngestOptions{OnError: func(err error) { t.Error(err) }}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// TestDemo runs the detector on the demo corpus as extracted by mitra and
// checks the story it tells: Mali turns from France (cooperation until
// 2020, conflict from mid-2021) to Russia (from mid-2023); Niger breaks
// with France and the United States after the coup of July 2023, the
// United States is pushed out in March 2024 (its withdrawal read as
// conflict, not cooperation), and Russia comes in from December 2023. Each
// shift is logged with its regimes and evidence.
func TestDemo(t *testing.T) {
	st := demoStore(t)
	type want struct {
		state, partner string
		dir            shift.Direction
		from, to       string // the shift's month lies in [from, to]
	}
	wants := []want{
		{"MLI", "FRA", shift.Down, "2021-01", "2022-08"},
		{"MLI", "RUS", shift.Up, "2023-06", "2023-12"},
		{"NER", "FRA", shift.Down, "2023-07", "2023-08"},
		{"NER", "USA", shift.Down, "2023-07", "2023-08"},
		{"NER", "USA", shift.Down, "2024-02", "2024-04"},
		{"NER", "RUS", shift.Up, "2023-11", "2024-01"},
	}
	results := map[string]*shift.Result{}
	for _, s := range []string{"MLI", "NER"} {
		acts, ev, err := shift.Load(context.Background(), st, store.Filter{Party: s}, shift.DefaultWords())
		if err != nil {
			t.Fatal(err)
		}
		res, err := shift.Detect(acts, s, shift.Options{})
		if err != nil {
			t.Fatal(err)
		}
		results[s] = res
		t.Logf("%s: %s – %s, %d partners, left out %+v", s, res.Months[0], res.Months[len(res.Months)-1], len(res.Partners), res.LeftOut)
		for _, sh := range res.Shifts {
			t.Logf("  %s–%s %s %s %s (confidence %.3f): %d coop + %d conflict in %d months (%s–%s) → %d + %d in %d (%s–%s)",
				s, sh.Partner, sh.Month, sh.Direction, sh.Kind, sh.Confidence,
				sh.Before.Coop, sh.Before.Conflict, sh.Before.Months, sh.Before.From, sh.Before.To,
				sh.After.Coop, sh.After.Conflict, sh.After.Months, sh.After.From, sh.After.To)
			for _, side := range [][]int64{sh.BeforeActs, sh.AfterActs} {
				for _, id := range side[:min(len(side), 3)] {
					e := ev[id][0]
					r := res.Readings[id]
					note := ""
					if r.Forced {
						note = " [forced exit: conflict]"
					}
					t.Logf("      %s %s%s: %.90s", store.EventDay(&e), e.Type, note, e.Sentence)
				}
			}
		}
	}
	for _, w := range wants {
		found := false
		for _, sh := range results[w.state].Shifts {
			if sh.Partner == w.partner && sh.Direction == w.dir && sh.Month >= w.from && sh.Month <= w.to {
				found = true
			}
		}
		if !found {
			t.Errorf("%s–%s: no %s shift in %s…%s", w.state, w.partner, w.dir, w.from, w.to)
		}
	}
	// The US withdrawal from Niger is read as a forced exit.
	acts, ev, err := shift.Load(context.Background(), st, store.Filter{Pair: [2]string{"NER", "USA"}}, shift.DefaultWords())
	if err != nil {
		t.Fatal(err)
	}
	reads := shift.Read(acts, 0)
	forced := 0
	for i, a := range acts {
		if a.Type == record.Retreat && reads[i].Forced {
			forced++
		}
		if reads[i].Forced && reads[i].Class != shift.Conflict {
			t.Errorf("act %d: forced exit read as %s", a.ID, reads[i].Class)
		}
		if a.Type == record.Retreat && a.Day >= "2024-05" && !reads[i].Forced {
			t.Errorf("US withdrawal %s (%.80s) not read as a forced exit", a.Day, ev[a.ID][0].Sentence)
		}
	}
	if forced == 0 {
		t.Error("no US withdrawal from Niger read as a forced exit")
	}
}
