package score

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"mitra/internal/record"
	"mitra/internal/store"
)

func TestPlover(t *testing.T) {
	tests := []struct {
		typ, mode string
		want      float64
	}{
		{"AGREE", "", 2.5},
		{"CONSULT", "", 2.5},
		{"CONSULT", "visit", 4},
		{"CONSULT", "third-party", 1},
		{"CONSULT", "multilateral", 4},
		{"CONSULT", "phone", 1.5},
		{"SUPPORT", "", 5},
		{"CONCEDE", "", 4.5},
		{"COOPERATE", "", 9.5},
		{"AID", "", 10},
		{"RETREAT", "", 6.5},
		{"RETREAT", "disarm", 10},
		{"RETREAT", "resign", 4.5},
		{"REQUEST", "", 0},
		{"REQUEST", "assist", 0.5},
		{"REQUEST", "change", -1},
		{"ACCUSE", "", -2}, // printed +3 in the manual; see plover.tsv
		{"ACCUSE", "disapprove", -2},
		{"ACCUSE", "investigate", -3.5},
		{"ACCUSE", "allege", -3.5},
		{"REJECT", "", -2},
		{"REJECT", "assist", -1.5},
		{"THREATEN", "", -3.5},
		{"THREATEN", "restrict", -3},
		{"THREATEN", "territory", -4},
		{"PROTEST", "", -5},
		{"PROTEST", "riot", -7},
		{"PROTEST", "vandalize", -5}, // no score in the manual: the type's
		{"SANCTION", "", -6},
		{"SANCTION", "expel", -5.5},
		{"SANCTION", "discontinue", -6},
		{"MOBILIZE", "", -5.5},
		{"MOBILIZE", "troops", -6.5},
		{"COERCE", "", -7},
		{"COERCE", "martial-law", -7.5},
		{"COERCE", "censor", -6.5},
		{"ASSAULT", "", -9},
		{"ASSAULT", "beat", -7.5},
		{"ASSAULT", "unconventional", -10},
		{"assault", "DRONE", -9.5}, // case-insensitive
		{"SANCTION", "nonsense", -6},
		{"NOSUCHTYPE", "", 0},
		{"", "", 0},
	}
	for _, tc := range tests {
		if got := Plover(record.Type(tc.typ), record.Mode(tc.mode)); got != tc.want {
			t.Errorf("Plover(%q, %q) = %v, want %v", tc.typ, tc.mode, got, tc.want)
		}
	}
	// Every type has a score, and it sits on the side of its quad class.
	for _, typ := range record.Types {
		s := Plover(typ, "")
		switch q := typ.Quad(); {
		case q <= 2 && s <= 0, q >= 3 && s > 0:
			t.Errorf("%s (quad %d) scores %v", typ, q, s)
		}
	}
}

func TestCAMEO(t *testing.T) {
	type row struct {
		root, code string
		g          float64
		quad       record.Quad
	}
	tests := []struct {
		typ, mode string
		want      row
	}{
		{"AGREE", "", row{"03", "030", 4.0, 1}},
		{"CONSULT", "", row{"04", "040", 1.0, 1}},
		{"CONSULT", "phone", row{"04", "041", 1.0, 1}},
		{"CONSULT", "visit", row{"04", "042", 1.0, 1}},
		{"CONSULT", "third-party", row{"04", "044", 1.0, 1}},
		{"SUPPORT", "", row{"05", "050", 3.5, 1}},
		{"CONCEDE", "", row{"08", "080", 5.0, 1}},
		{"COOPERATE", "", row{"06", "060", 6.0, 2}},
		{"AID", "", row{"07", "070", 7.0, 2}},
		{"RETREAT", "", row{"08", "080", 5.0, 2}},
		{"RETREAT", "ceasefire", row{"08", "0871", 5.0, 2}},
		{"REQUEST", "", row{"10", "100", -5.0, 3}},
		{"REQUEST", "meet", row{"10", "106", -5.0, 3}},
		{"ACCUSE", "", row{"11", "110", -2.0, 3}},
		{"ACCUSE", "investigate", row{"09", "090", -2.0, 3}},
		{"REJECT", "", row{"12", "120", -4.0, 3}},
		{"THREATEN", "", row{"13", "130", -6.0, 3}},
		{"PROTEST", "", row{"14", "140", -6.5, 4}},
		{"SANCTION", "", row{"16", "160", -4.0, 4}},
		{"SANCTION", "expel", row{"16", "166", -4.0, 4}},
		{"SANCTION", "convict", row{"11", "116", -2.0, 4}},
		{"MOBILIZE", "", row{"15", "150", -7.2, 4}},
		{"COERCE", "", row{"17", "170", -7.0, 4}},
		{"ASSAULT", "", row{"18", "180", -9.0, 4}},
		{"ASSAULT", "heavy-weapons", row{"19", "194", -10.0, 4}},
		{"ASSAULT", "unconventional", row{"20", "204", -10.0, 4}},
		{"consult", "Phone", row{"04", "041", 1.0, 1}},
		{"CONSULT", "nonsense", row{"04", "040", 1.0, 1}},
		{"NOSUCHTYPE", "", row{}},
	}
	for _, tc := range tests {
		var got row
		got.root, got.code, got.g, got.quad = CAMEO(record.Type(tc.typ), record.Mode(tc.mode))
		if got != tc.want {
			t.Errorf("CAMEO(%q, %q) = %v, want %v", tc.typ, tc.mode, got, tc.want)
		}
	}
	// Every type and every mode of plover.tsv has a row whose quad is
	// PLOVER's and whose code starts with its root.
	tab := Default()
	for k := range tab.plover {
		typ, mode, _ := strings.Cut(k, "|")
		m, ok := tab.Mapping(record.Type(typ), record.Mode(mode))
		if !ok || m.Quad != record.QuadOf(typ) || !strings.HasPrefix(m.Code, m.Root) {
			t.Errorf("%s: mapping %+v", k, m)
		}
		if _, explicit := tab.cameo[k]; !explicit {
			t.Errorf("%s has a PLOVER score but no cameo.tsv row", k)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	good := func() fstest.MapFS {
		m := fstest.MapFS{}
		for _, n := range []string{"plover.tsv", "goldstein.tsv", "cameo.tsv"} {
			b, err := fs.ReadFile(data, "data/"+n)
			if err != nil {
				t.Fatal(err)
			}
			m[n] = &fstest.MapFile{Data: b}
		}
		return m
	}
	if _, err := Load(good()); err != nil {
		t.Fatalf("embedded tables: %v", err)
	}
	edit := func(name, old, new string) fstest.MapFS {
		m := good()
		s := string(m[name].Data)
		if !strings.Contains(s, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		m[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
		return m
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"bad type", edit("plover.tsv", "AGREE\t-\t2.5", "AGRE\t-\t2.5"), `plover.tsv:15: unknown PLOVER type "AGRE"`},
		{"bad number", edit("plover.tsv", "AID\t-\t10", "AID\t-\tten"), `"ten": not a number`},
		{"out of range", edit("plover.tsv", "AID\t-\t10", "AID\t-\t11"), "outside"},
		{"missing field", edit("plover.tsv", "AID\t-\t10", "AID\t10"), "2 fields, want 3"},
		{"missing type", edit("plover.tsv", "AID\t-\t10\n", ""), "no score for type AID"},
		{"duplicate", edit("plover.tsv", "AID\t-\t10", "AID\t-\t10\nAID\t-\t10"), "duplicate row for AID"},
		{"wrong goldstein", edit("cameo.tsv", "AID\t-\t07\t070\t7.0", "AID\t-\t07\t070\t7.4"), "differs from root 07's 7"},
		{"wrong root", edit("cameo.tsv", "AID\t-\t07\t070", "AID\t-\t06\t070"), "root 06 does not start code 070"},
		{"wrong quad", edit("cameo.tsv", "7.0\t2\t070", "7.0\t1\t070"), "quad 1 differs from PLOVER's 2 for AID"},
		{"bad code", edit("cameo.tsv", "AID\t-\t07\t070", "AID\t-\t07\t07x"), "not a 3- or 4-digit"},
		{"missing file", func() fstest.MapFS { m := good(); delete(m, "cameo.tsv"); return m }(), "cameo.tsv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func cl(typ, mode, date, first string, parties ...string) store.Cluster {
	c := store.Cluster{Type: record.Type(typ), Mode: record.Mode(mode), Date: date, First: first, Last: first, Mentions: 3}
	// Alternate roles so that direction is exercised.
	c.Actors = parties[:1]
	c.Recipients = parties[1:]
	return c
}

func TestSeriesMonth(t *testing.T) {
	cs := []store.Cluster{
		cl("SUPPORT", "", "2024-01-10", "2024-01-10", "RUS", "MLI"),
		cl("CONSULT", "visit", "2024-01-20", "2024-01-21", "MLI", "RUS"),  // reversed direction
		cl("AID", "", "2024-01", "2024-01-28", "RUS", "MLI"),              // month precision
		cl("SANCTION", "expel", "2024-04-02", "2024-04-02", "MLI", "FRA"), // other pair
		cl("ASSAULT", "", "", "2024-04-09", "RUS", "MLI", "UKR"),          // no Date: First; three parties
		cl("ACCUSE", "", "2024", "2023-12-30", "MLI", "RUS"),              // year; First outside it
		cl("CONSULT", "", "", "", "RUS", "MLI"),                           // no date: left out
		cl("NOSUCH", "", "2024-02-01", "", "RUS", "MLI"),                  // unknown type: left out
	}
	got := Series(cs, "RUS", "MLI", Month)
	want := []Point{
		{Period: "2024-01", Counts: [5]int{0, 2, 1, 1, 0}, Events: 4, Score: (5 + 4 + 10 - 2) / 4.0, Goldstein: (3.5 + 1 + 7 - 2) / 4.0},
		{Period: "2024-02"},
		{Period: "2024-03"},
		{Period: "2024-04", Counts: [5]int{0, 0, 0, 0, 1}, Events: 1, Score: -9, Goldstein: -9},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Series month:\n got %+v\nwant %+v", got, want)
	}
	// The same from the store's tallies.
	if fromTallies := SeriesOf(store.TalliesOf("MLI", "RUS", cs), Month); !reflect.DeepEqual(fromTallies, got) {
		t.Errorf("SeriesOf(tallies):\n got %+v\nwant %+v", fromTallies, got)
	}
	// Direction is irrelevant.
	if rev := Series(cs, "MLI", "RUS", Month); !reflect.DeepEqual(rev, got) {
		t.Errorf("Series(MLI, RUS) differs from Series(RUS, MLI)")
	}
	if s := Series(cs, "RUS", "CUB", Month); s != nil {
		t.Errorf("no acts: %+v, want nil", s)
	}
	if s := Series(cs, "RUS", "MLI", "day"); s != nil {
		t.Errorf("bad period: %+v, want nil", s)
	}
}

func TestSeriesWeek(t *testing.T) {
	cs := []store.Cluster{
		cl("COOPERATE", "", "2024-03-11", "2024-03-11", "RUS", "CHN"), // Monday of W11
		cl("REJECT", "", "2024-03-17", "2024-03-17", "CHN", "RUS"),    // Sunday of W11
		cl("AGREE", "", "2024-03", "2024-03-27", "RUS", "CHN"),        // month: First, in W13
		cl("THREATEN", "", "2024-04", "2024-05-02", "RUS", "CHN"),     // First outside Date: 1 April, W14
		cl("SUPPORT", "", "2024-12-30", "2024-12-30", "RUS", "CHN"),   // ISO year 2025, W01
	}
	got := Series(cs, "CHN", "RUS", Week)
	if len(got) != 43 {
		t.Fatalf("%d weeks, want 43 (2024-W11 … 2025-W01)", len(got))
	}
	check := func(i int, period string, counts [5]int) {
		t.Helper()
		if got[i].Period != period || got[i].Counts != counts {
			t.Errorf("point %d = %+v, want %s %v", i, got[i], period, counts)
		}
	}
	if fromTallies := SeriesOf(store.TalliesOf("RUS", "CHN", cs), Week); !reflect.DeepEqual(fromTallies, got) {
		t.Errorf("SeriesOf(tallies) differs from Series:\n got %+v\nwant %+v", fromTallies, got)
	}
	check(0, "2024-W11", [5]int{0, 0, 1, 1, 0})
	check(1, "2024-W12", [5]int{})
	check(2, "2024-W13", [5]int{0, 1, 0, 0, 0})
	check(3, "2024-W14", [5]int{0, 0, 0, 1, 0})
	check(42, "2025-W01", [5]int{0, 1, 0, 0, 0})
	if got[0].Score != (9.5-2)/2 || got[0].Events != 2 {
		t.Errorf("W11 score %v events %d", got[0].Score, got[0].Events)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Period <= got[i-1].Period {
			t.Errorf("periods out of order: %s after %s", got[i].Period, got[i-1].Period)
		}
	}
}

func TestDay(t *testing.T) {
	tests := []struct{ date, first, want string }{
		{"2024-03-05", "2024-03-07", "2024-03-05"},
		{"2024-03", "2024-03-07", "2024-03-07"},
		{"2024-03", "2024-04-02", "2024-03-01"},
		{"2024", "2024-06-30", "2024-06-30"},
		{"2024", "", "2024-01-01"},
		{"", "2024-06-30", "2024-06-30"},
		{"", "", ""},
		{"garbage", "", ""},
	}
	for _, tc := range tests {
		c := store.Cluster{Date: tc.date, First: tc.first}
		if got := Day(&c); got != tc.want {
			t.Errorf("Day(%q, %q) = %q, want %q", tc.date, tc.first, got, tc.want)
		}
		if got := store.PlaceDay(&c); got != tc.want {
			t.Errorf("store.PlaceDay(%q, %q) = %q, want %q", tc.date, tc.first, got, tc.want)
		}
	}
}
