package shift

import (
	"testing"

	"mitra/internal/record"
)

func TestWords(t *testing.T) {
	w := DefaultWords()
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Amerika Serikat setuju untuk menarik lebih dari 1.000 tentaranya dari Niger", true},
		{"AS dan Niger Sepakati Jadwal Penarikan Pasukan", true},
		{"Prancis menarik tentara terakhirnya dari Niger pada Jumat (22/12).", true},
		{"Kelompok Wagner baru-baru ini menarik diri dari negara tersebut", true},
		{"setelah Prancis angkat kaki", true},
		{"Sekitar 1.500 tentara Prancis yang ditempatkan di Niger akan ditarik secara bertahap", true},
		{"The United States will withdraw its troops from Niger", true},
		{"US forces will pull out of the base by September", true},
		{"Malaysia akan menarik balik tentera dari sempadan", true},
		// Not an exit.
		{"Indonesia menarik investasi dari Jepang untuk kawasan industri", false},
		{"Mali dan Rusia menandatangani perjanjian kerja sama di bidang energi nuklir", false},
		{"Junta Niger menyambut baik keputusan Prancis tersebut.", false},
		{"", false},
	} {
		if got := w.Match(c.text); got != c.want {
			t.Errorf("Match(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestIsExit(t *testing.T) {
	w := DefaultWords()
	for _, c := range []struct {
		typ  record.Type
		mode record.Mode
		text string
		want bool
	}{
		{record.Retreat, record.Withdraw, "", true},
		{record.Retreat, record.Release, "menarik pasukan", false}, // releasing captives is no exit
		{record.Retreat, "", "Prancis menarik pasukannya dari Mali", true},
		{record.Support, "", "AS dan Niger Sepakati Jadwal Penarikan Pasukan", true},
		{record.Support, "", "Mali dan Rusia meneken perjanjian energi", false},
		{record.Sanction, record.Withdraw, "menarik pasukan", false}, // already conflict
	} {
		if got := IsExit(w, c.typ, c.mode, c.text); got != c.want {
			t.Errorf("IsExit(%s, %q, %q) = %v, want %v", c.typ, c.mode, c.text, got, c.want)
		}
	}
}

// TestRead checks the forced-exit rule: an exit counts as conflict when the
// other side pushed in the year before, not otherwise.
func TestRead(t *testing.T) {
	acts := []Act{
		{ID: 1, Day: "2024-03-16", Type: record.Sanction, Actors: []string{"NER"}, Recipients: []string{"USA"}},
		{ID: 2, Day: "2024-04-19", Type: record.Agree, Actors: []string{"USA"}, Recipients: []string{"NER"}, Exit: true},
		{ID: 3, Day: "2024-05-20", Type: record.Support, Actors: []string{"USA", "NER"}, Exit: true},
		{ID: 4, Day: "2024-06-07", Type: record.Retreat, Mode: record.Withdraw, Actors: []string{"USA"}, Recipients: []string{"NER"}, Exit: true},
		{ID: 5, Day: "2024-05-20", Type: record.Agree, Actors: []string{"USA", "NER"}},                                                            // continue dialogue: no exit
		{ID: 6, Day: "2024-02-01", Type: record.Retreat, Actors: []string{"USA"}, Recipients: []string{"NER"}, Exit: true},                        // before the push
		{ID: 7, Day: "2025-06-01", Type: record.Retreat, Actors: []string{"USA"}, Recipients: []string{"NER"}, Exit: true},                        // over a year after
		{ID: 8, Day: "2024-04-01", Type: record.Retreat, Mode: record.Withdraw, Actors: []string{"RUS"}, Recipients: []string{"UKR"}, Exit: true}, // nobody pushed Russia
		{ID: 9, Day: "2024-04-01", Type: record.Retreat, Mode: record.Withdraw, Actors: []string{"NER"}, Recipients: []string{"USA"}, Exit: true}, // the pusher leaving: not pushed
	}
	want := []Reading{
		{Class: Conflict},
		{Class: Conflict, Forced: true, PushID: 1},
		{Class: Conflict, Forced: true, PushID: 1},
		{Class: Conflict, Forced: true, PushID: 1},
		{Class: Coop},
		{Class: Coop},
		{Class: Coop},
		{Class: Coop},
		{Class: Coop},
	}
	got := Read(acts, 0)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("act %d: %+v, want %+v", acts[i].ID, got[i], want[i])
		}
	}
}

func TestKind(t *testing.T) {
	r := func(c, k float64) Regime { return Regime{CoopRate: c, ConflictRate: k} }
	for _, c := range []struct {
		b, a   Regime
		cm, km bool
		kind   Kind
		dir    Direction
	}{
		{r(0, 0), r(1, 0), true, false, Rapprochement, Up},
		{r(1, 0), r(0, 1), true, true, Rupture, Down},
		{r(0.25, 0.5), r(1.25, 3), true, true, Rupture, Down}, // talks about leaving beside the rupture
		{r(0, 0), r(1, 1.2), true, true, Intensifying, Down},
		{r(0, 2), r(0, 0), false, true, Fading, Down},
		{r(0, 0), r(1.5, 1), true, true, Intensifying, Up},
		{r(0.2, 2.3), r(0, 0), true, true, Fading, Down}, // France gone from Niger
		{r(1, 2), r(1, 0.2), false, true, Easing, Up},
		{r(2, 0), r(0.2, 0), true, false, Fading, Down},
		{r(1, 0), r(1.2, 0.1), false, false, Rapprochement, Up},
	} {
		kind, dir := kindOf(c.b, c.a, c.cm, c.km)
		if kind != c.kind || dir != c.dir {
			t.Errorf("kindOf(%+v → %+v, %v, %v) = %s %s, want %s %s", c.b, c.a, c.cm, c.km, kind, dir, c.kind, c.dir)
		}
	}
}

// TestDetectPair checks one clear rupture on a hand-made record: its month,
// regimes, drivers, and that co-actors against a third party do not count
// as a relation between them.
func TestDetectPair(t *testing.T) {
	var acts []Act
	id := int64(0)
	add := func(day string, typ record.Type, actors, rcps []string) {
		id++
		acts = append(acts, Act{ID: id, Day: day, Type: typ, Actors: actors, Recipients: rcps})
	}
	for m := 1; m <= 12; m++ {
		add(mon(2022, m), record.Consult, []string{"AAA", "BBB"}, nil)
	}
	for m := 1; m <= 12; m++ {
		add(mon(2023, m), record.Accuse, []string{"BBB"}, []string{"AAA"})
		add(mon(2023, m), record.Sanction, []string{"AAA"}, []string{"BBB"})
		add(mon(2023, m), record.Sanction, []string{"AAA", "CCC"}, []string{"DDD"}) // AAA and CCC together: not a relation
	}
	res, err := Detect(acts, "AAA", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sh Shift
	for _, x := range res.Shifts {
		if x.Partner == "BBB" {
			sh = x
		}
	}
	if sh.Partner != "BBB" || sh.Month != "2023-01" || sh.Kind != Rupture || sh.Direction != Down {
		t.Errorf("shift %s %s %s %s, want BBB 2023-01 rupture down", sh.Partner, sh.Month, sh.Kind, sh.Direction)
	}
	if sh.Before.Coop != 12 || sh.After.Conflict != 24 || sh.Before.Months != 12 || sh.After.Months != 12 {
		t.Errorf("regimes %+v → %+v", sh.Before, sh.After)
	}
	if sh.Size != -3 {
		t.Errorf("size %v, want -3 (1 coop a month → 2 conflicts a month)", sh.Size)
	}
	if len(sh.BeforeActs) != MaxDrivers || len(sh.AfterActs) != MaxDrivers || sh.BeforeActs[0] != 12 {
		t.Errorf("drivers %v | %v: want %d each, the nearest first", sh.BeforeActs, sh.AfterActs, MaxDrivers)
	}
	for _, p := range res.Partners {
		if p.Partner == "CCC" {
			t.Errorf("CCC acted with AAA on a third party and counts as a partner: %+v", p)
		}
	}
	if _, err := Detect(acts, "AAA", Options{From: "2023"}); err == nil {
		t.Error("From 2023: no error")
	}
	// A period: only its months, the rest counted as outside.
	res, _ = Detect(acts, "AAA", Options{From: "2023-01", To: "2023-12"})
	if len(res.Months) != 12 || res.LeftOut.Outside != 12 || len(res.Shifts) != 0 {
		t.Errorf("2023 only: %d months, %d outside, %d shifts", len(res.Months), res.LeftOut.Outside, len(res.Shifts))
	}
}

func mon(y, m int) string { return monthLabel(y*12+m-1) + "-15" }

func TestDetectLeftOut(t *testing.T) {
	acts := []Act{
		{ID: 1, Day: "", Type: record.Consult, Actors: []string{"AAA", "BBB"}},
		{ID: 2, Day: "2021", Type: record.Consult, Actors: []string{"AAA", "BBB"}},
		{ID: 3, Day: "2021-13-01", Type: record.Consult, Actors: []string{"AAA", "BBB"}},
		{ID: 4, Day: "2021-05", Type: record.Consult, Actors: []string{"AAA", "BBB"}},
		{ID: 5, Day: "2021-05-02", Type: record.Consult, Actors: []string{"XXX", "BBB"}},
	}
	res, err := Detect(acts, "AAA", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.LeftOut != (LeftOut{Undated: 2, YearOnly: 1}) || len(res.Months) != 1 || len(res.Partners) != 1 {
		t.Errorf("left out %+v, months %v, partners %+v", res.LeftOut, res.Months, res.Partners)
	}
	if res, _ := Detect(nil, "AAA", Options{}); len(res.Shifts)+len(res.Months) != 0 {
		t.Errorf("no acts: %+v", res)
	}
}
