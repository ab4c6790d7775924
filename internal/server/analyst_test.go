package server

import (
	"context"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"mitra/internal/demo"
	"mitra/internal/pipeline"
	"mitra/internal/record"
	"mitra/internal/source"
	"mitra/internal/store/sqlite"
)

// demoStore holds the demo corpus, ingested as `mitra demo` does.
func demoStore(t testing.TB) *sqlite.DB {
	t.Helper()
	p, _ := newPipeline(t)
	db := newStore(t)
	pages, err := fs.Sub(demo.Pages, "pages")
	if err != nil {
		t.Fatal(err)
	}
	read := func(_ context.Context, fn func(source.Item)) { source.ReadFS(pages, source.Options{}, fn) }
	if err := p.Ingest(context.Background(), db, read, pipeline.IngestOptions{OnError: func(err error) { t.Error(err) }}, nil); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestSummaries checks that every event the API returns carries its
// one-line summary in both languages.
func TestSummaries(t *testing.T) {
	h := newServer(t, filledStore(t), Options{}).Handler()
	var pg struct {
		Events []struct {
			Type     string
			Sentence string
			Summary  struct{ EN, ID string }
		}
	}
	ok(t, do(t, h, "GET", "/api/events?limit=1000", nil), &pg)
	if len(pg.Events) == 0 {
		t.Fatal("no events")
	}
	for _, e := range pg.Events {
		if e.Summary.EN == "" || e.Summary.ID == "" || e.Summary.EN == e.Summary.ID || strings.Contains(e.Summary.EN+e.Summary.ID, "{") {
			t.Errorf("%s %q: summary %+v", e.Type, e.Sentence, e.Summary)
		}
	}
	var ex struct {
		Events []struct{ Summary struct{ EN, ID string } }
	}
	ok(t, do(t, h, "POST", "/api/extract", strings.NewReader(`{"text":"Kamis, 14 November 2024\n\nIndonesia dan Malaysia menandatangani nota kesepahaman tentang perbatasan pada Kamis (14/11)."}`)), &ex)
	if len(ex.Events) == 0 || ex.Events[0].Summary.EN != "Indonesia and Malaysia signed an agreement on borders, 14 November 2024" {
		t.Errorf("extract: %+v", ex.Events)
	}
}

type shiftsData struct {
	Party    *partyJSON `json:"party"`
	Months   []string   `json:"months"`
	Partners []struct {
		Party    partyJSON
		Acts     int
		Coop     []int
		Conflict []int
	} `json:"partners"`
	Shifts []struct {
		State, Partner   partyJSON
		Month, Direction string
		Kind             string
		Confidence       float64
		Before, After    regimeJSON
		BeforeEvents     []shiftEventJSON `json:"before_events"`
		AfterEvents      []shiftEventJSON `json:"after_events"`
	} `json:"shifts"`
	LeftOut shiftLeftOutJSON `json:"left_out"`
}

// TestShiftsAPI reads the demo corpus's shifts through the API: Mali from
// France to Russia, the drivers with their evidence and summaries, forced
// exits flagged, every party's shifts, and bad parameters.
func TestShiftsAPI(t *testing.T) {
	h := newServer(t, demoStore(t), Options{}).Handler()
	var d shiftsData
	ok(t, do(t, h, "GET", "/api/shifts?party=Mali", nil), &d)
	if d.Party == nil || d.Party.Code != "MLI" || len(d.Months) == 0 || d.Months[0] != "2013-01" || d.LeftOut.YearOnly != 2 {
		t.Errorf("party %+v, months %d from %v, left out %+v", d.Party, len(d.Months), d.Months[:min(1, len(d.Months))], d.LeftOut)
	}
	for _, p := range d.Partners {
		if len(p.Coop) != len(d.Months) || len(p.Conflict) != len(d.Months) {
			t.Errorf("%s: %d/%d months of counts, want %d", p.Party.Code, len(p.Coop), len(p.Conflict), len(d.Months))
		}
	}
	got := map[string]string{}
	forced := 0
	for _, sh := range d.Shifts {
		got[sh.Partner.Code] = sh.Month + " " + sh.Direction + " " + sh.Kind
		for _, e := range append(sh.BeforeEvents, sh.AfterEvents...) {
			if e.Summary.EN == "" || e.Sentence == "" || e.DocHash == "" || e.Mentions < 1 {
				t.Errorf("driver %+v lacks its evidence", e)
			}
			if e.ForcedExit {
				forced++
				if e.Class != "conflict" {
					t.Errorf("forced exit read as %s", e.Class)
				}
			}
		}
	}
	if got["FRA"] != "2021-06 down rupture" || got["RUS"] != "2023-07 up rapprochement" {
		t.Errorf("Mali's shifts: %v", got)
	}
	if forced == 0 {
		t.Error("no forced exit among Mali's drivers (France's withdrawal in 2022)")
	}
	// Every party.
	var all shiftsData
	ok(t, do(t, h, "GET", "/api/shifts", nil), &all)
	states := map[string]bool{}
	for _, sh := range all.Shifts {
		states[sh.State.Code] = true
	}
	if all.Party != nil || len(all.Months) != 0 || !states["MLI"] || !states["NER"] {
		t.Errorf("every party: party %v, %d months, states %v", all.Party, len(all.Months), states)
	}
	// A period.
	ok(t, do(t, h, "GET", "/api/shifts?party=NER&from=2023-06&to=2024", nil), &d)
	if d.Months[0] != "2023-06" || d.Months[len(d.Months)-1] != "2024-12" || d.LeftOut.Outside == 0 {
		t.Errorf("period: %s–%s, left out %+v", d.Months[0], d.Months[len(d.Months)-1], d.LeftOut)
	}
	for _, q := range []string{"party=Atlantis", "from=2024-13", "min_confidence=1", "min_confidence=x", "from=2024&to=2023", "bogus=1"} {
		wantError(t, do(t, h, "GET", "/api/shifts?"+q, nil), 400, "bad_request")
	}
}

type leftOutRec struct {
	LowConfidence int    `json:"low_confidence"`
	Undated       int    `json:"undated"`
	Outside       int    `json:"outside_period"`
	Total         int    `json:"total"`
	Placed        int    `json:"placed"`
	Placement     string `json:"undated_placement"`
}

// TestLeftOut checks that every view says what its period and threshold
// left out, that the count adds up with what it shows, and that the
// placements include undated events.
func TestLeftOut(t *testing.T) {
	st := filledStore(t)
	h := newServer(t, st, Options{}).Handler()
	count := func(q string) (int, leftOutRec) {
		var pg struct {
			Events  []eventRec `json:"events"`
			LeftOut leftOutRec `json:"left_out"`
		}
		ok(t, do(t, h, "GET", "/api/events?limit=1000&"+q, nil), &pg)
		return len(pg.Events), pg.LeftOut
	}
	all, lo := count("")
	if lo.Total != 0 {
		t.Errorf("no period: %+v left out", lo)
	}
	// Undate one event's page: an event with neither date nor publication
	// date, then a period.
	for _, q := range []string{"from=2022-01-01&to=2022-12-31", "from=2025", "to=2021", "from=2022-01-24&to=2022-01-25", "min_confidence=0.99", "from=2022&min_confidence=0.5"} {
		for _, und := range []string{"", "&undated=date", "&undated=ingest", "&undated=any"} {
			n, lo := count(q + und)
			if n+lo.Total != all {
				t.Errorf("%s%s: %d shown + %d left out (%+v) ≠ %d", q, und, n, lo.Total, lo, all)
			}
			if und == "&undated=any" && lo.Undated != 0 || und == "&undated=ingest" && lo.Undated != 0 {
				t.Errorf("%s%s: %d undated left out", q, und, lo.Undated)
			}
		}
	}
	// The network's left out are the events outside its edges' acts.
	var net struct {
		Edges   []edgeJSON `json:"edges"`
		LeftOut leftOutRec `json:"left_out"`
		Below   int        `json:"edges_below_min"`
	}
	ok(t, do(t, h, "GET", "/api/network?from=2022-01&to=2022-01&min=2", nil), &net)
	_, lo = count("from=2022-01&to=2022-01")
	if net.LeftOut != lo {
		t.Errorf("network left out %+v, events list %+v", net.LeftOut, lo)
	}
	var all1 struct {
		Edges []edgeJSON `json:"edges"`
	}
	ok(t, do(t, h, "GET", "/api/network?from=2022-01&to=2022-01", nil), &all1)
	if len(net.Edges)+net.Below != len(all1.Edges) {
		t.Errorf("min=2: %d edges + %d below min ≠ %d", len(net.Edges), net.Below, len(all1.Edges))
	}
	var ser struct {
		LeftOut leftOutRec `json:"left_out"`
	}
	ok(t, do(t, h, "GET", "/api/pairs/RUS/MLI/series?min_confidence=0.99", nil), &ser)
	if ser.LeftOut.LowConfidence == 0 {
		t.Errorf("series: %+v", ser.LeftOut)
	}
	for _, q := range []string{"/api/events?undated=sometimes", "/api/events?min_confidence=2", "/api/network?min_confidence=x", "/api/pairs/RUS/CUB/series?undated=never"} {
		wantError(t, do(t, h, "GET", q, nil), 400, "bad_request")
	}
}

// TestReviewAPI marks an event wrong, corrects another, adds one, confirms
// a page and undoes, through the token-guarded API, and checks that the
// network, the series, the shifts and the events follow (no cache shows
// the record as it was).
func TestReviewAPI(t *testing.T) {
	st := demoStore(t)
	h := newServer(t, st, Options{Token: "s3cret"}).Handler()
	auth := []string{"Authorization", "Bearer s3cret"}
	post := func(path, body string) response {
		return do(t, h, "POST", path, strings.NewReader(body), auth...)
	}
	// The act to mark wrong: France suspends military cooperation with
	// Mali, June 2021 (the first act of Mali's rupture with France).
	find := func(q, text string) eventRec {
		t.Helper()
		for _, e := range getEvents(t, h, q+"&limit=1000").Events {
			if strings.Contains(e.Sentence, text) {
				return e
			}
		}
		t.Fatalf("no event %q in %s", text, q)
		return eventRec{}
	}
	edge := func(a, b string) int {
		var net struct{ Edges []edgeJSON }
		ok(t, do(t, h, "GET", "/api/network", nil), &net)
		for _, e := range net.Edges {
			if e.Source == a && e.Target == b || e.Source == b && e.Target == a {
				return e.Count
			}
		}
		return 0
	}
	seriesTotal := func(a, b string) int {
		var s struct{ Points []pointJSON }
		ok(t, do(t, h, "GET", "/api/pairs/"+a+"/"+b+"/series", nil), &s)
		n := 0
		for _, p := range s.Points {
			n += p.Events
		}
		return n
	}
	wrong := find("pair=MLI,FRA", "menangguhkan kerja sama militer")
	fixme := find("party=ECOWAS", "memperingatkan ECOWAS")
	mliFra, mliEco, nerEco := edge("MLI", "FRA"), edge("MLI", "ECOWAS"), edge("NER", "ECOWAS")
	serFra := seriesTotal("MLI", "FRA")

	// Writes need the token.
	for _, hdr := range [][]string{nil, {"Authorization", "Bearer nope"}} {
		r := do(t, h, "POST", "/api/events/"+wrong.ID+"/review", strings.NewReader(`{"action":"wrong","author":"ana"}`), hdr...)
		if r.code != 401 {
			t.Errorf("without the token: HTTP %d", r.code)
		}
	}
	var c correctionJSON
	ok(t, post("/api/events/"+wrong.ID+"/review", `{"action":"wrong","author":"ana","note":"background, not the suspension itself"}`), &c)
	if c.ID == 0 || c.Before == nil || c.Before.ID != wrong.ID || c.Author != "ana" || c.At == "" {
		t.Errorf("wrong: %+v", c)
	}
	ok(t, post("/api/events/"+fixme.ID+"/review", `{"action":"correct","author":"budi","type":"THREATEN","actors":["Mali","BFA"],"recipients":["ECOWAS"],"date":"2023-08"}`), &c)
	if c.Event == nil || c.Event.ID != fixme.ID || record.Codes(c.Event.Actors)[0] != "MLI" || c.Before.Actors[1].Code != "NER" {
		t.Errorf("correct: %+v", c)
	}
	if got := edge("MLI", "FRA"); got != mliFra-1 {
		t.Errorf("network MLI–FRA: %d acts after one marked wrong, want %d", got, mliFra-1)
	}
	if got := edge("MLI", "ECOWAS"); got != mliEco+1 {
		t.Errorf("network MLI–ECOWAS: %d acts after the correction, want %d", got, mliEco+1)
	}
	if got := edge("NER", "ECOWAS"); got != nerEco-1 {
		t.Errorf("network NER–ECOWAS: %d acts after the correction, want %d", got, nerEco-1)
	}
	if got := seriesTotal("MLI", "FRA"); got != serFra-1 {
		t.Errorf("series MLI–FRA: %d acts, want %d", got, serFra-1)
	}
	var sh shiftsData
	ok(t, do(t, h, "GET", "/api/shifts?party=MLI", nil), &sh)
	for _, x := range sh.Shifts {
		for _, e := range append(x.BeforeEvents, x.AfterEvents...) {
			if e.ID == wrong.ID {
				t.Errorf("the shift still lists the event marked wrong")
			}
		}
	}
	var pg struct {
		Events []struct {
			ID       string
			Reviewed *reviewedJSON
		}
	}
	ok(t, do(t, h, "GET", "/api/events?party=ECOWAS&limit=1000", nil), &pg)
	reviewed := 0
	for _, e := range pg.Events {
		if e.Reviewed != nil && e.ID == fixme.ID && e.Reviewed.Author == "budi" {
			reviewed++
		}
	}
	if reviewed != 1 {
		t.Errorf("the corrected event is not marked reviewed")
	}

	// Add, confirm, list, undo.
	var doc struct {
		Hash        string
		Text        string
		Corrections []correctionJSON
	}
	ok(t, do(t, h, "GET", "/api/documents/"+wrong.DocHash, nil), &doc)
	if len(doc.Corrections) != 1 || doc.Corrections[0].Action != "wrong" {
		t.Errorf("the page's corrections: %+v", doc.Corrections)
	}
	ok(t, post("/api/documents/"+doc.Hash+"/events", `{"author":"ana","type":"SUPPORT","actors":["FRA","MLI"],"date":"2020-01","evidence":"menghadiri pertemuan puncak di Pau bersama Presiden Prancis Emmanuel Macron"}`), &c)
	if c.Action != "add" || c.Event == nil || !strings.HasPrefix(c.EventID, "r") {
		t.Errorf("add: %+v", c)
	}
	added := c.ID
	wantError(t, post("/api/documents/"+doc.Hash+"/events", `{"author":"ana","type":"SUPPORT","actors":["FRA","MLI"],"evidence":"kalimat yang tidak ada di halaman"}`), 400, "bad_request")
	wantError(t, post("/api/documents/nope/events", `{"author":"ana","type":"SUPPORT","actors":["FRA","MLI"],"evidence":"x"}`), 404, "not_found")
	ok(t, post("/api/documents/"+doc.Hash+"/confirm", `{"author":"ana"}`), &c)
	var list struct{ Corrections []correctionJSON }
	ok(t, do(t, h, "GET", "/api/corrections?doc="+doc.Hash, nil), &list)
	if len(list.Corrections) != 3 || list.Corrections[0].Action != "confirm" {
		t.Errorf("corrections of the page: %d", len(list.Corrections))
	}
	ok(t, post("/api/corrections/"+strconv.FormatInt(added, 10)+"/undo", `{"author":"ana"}`), &c)
	wantError(t, post("/api/corrections/"+strconv.FormatInt(added, 10)+"/undo", `{"author":"ana"}`), 400, "bad_request")
	ok(t, do(t, h, "GET", "/api/corrections?live=true", nil), &list)
	if len(list.Corrections) != 3 { // wrong, correct, confirm
		t.Errorf("%d corrections stand, want 3", len(list.Corrections))
	}
	for _, body := range []string{`{"action":"wrong"}`, `{"action":"delete","author":"a"}`, `{"action":"correct","author":"a","type":"AGREE","actors":["Atlantis","MLI"]}`,
		`{"action":"correct","author":"a","type":"AGREE","actors":["MLI"]}`, `{"action":"wrong","author":"a","extra":1}`, `not json`} {
		wantError(t, post("/api/events/"+fixme.ID+"/review", body), 400, "bad_request")
	}
	wantError(t, post("/api/events/nope/review", `{"action":"wrong","author":"a"}`), 404, "not_found")
	// A server without a token takes no corrections.
	h2 := newServer(t, st, Options{}).Handler()
	wantError(t, do(t, h2, "POST", "/api/events/"+fixme.ID+"/review", strings.NewReader(`{"action":"wrong","author":"a"}`)), 403, "forbidden")
}

// FuzzReview sends any body to the correction routes: the answer is always
// an envelope, never a 500, and a bad correction changes nothing.
func FuzzReview(f *testing.F) {
	st := filledStore(f)
	h := newServer(f, st, Options{Token: "t"}).Handler()
	var pg struct{ Events []eventRec }
	ok(f, do(f, h, "GET", "/api/events?limit=1", nil), &pg)
	id, doc := pg.Events[0].ID, pg.Events[0].DocHash
	f.Add(`{"action":"correct","author":"a","type":"AGREE","actors":["RUS"],"recipients":["RUS"]}`)
	f.Add(`{"author":"a","type":"SUPPORT","actors":["RUS","MLI"],"evidence":"\u0000"}`)
	f.Add(`{"action":"wrong"}`)
	f.Fuzz(func(t *testing.T, body string) {
		before, _ := st.Stats(context.Background())
		for _, path := range []string{"/api/events/" + id + "/review", "/api/documents/" + doc + "/events"} {
			r := do(t, h, "POST", path, strings.NewReader(body), "Authorization", "Bearer t")
			if r.code >= 500 {
				t.Fatalf("POST %s %q: HTTP %d %s", path, body, r.code, r.Error)
			}
			if r.Status == "success" {
				return // a valid correction: the record changed, as asked
			}
		}
		if now, _ := st.Stats(context.Background()); now.Events != before.Events {
			t.Fatalf("a rejected correction changed the record: %d events, was %d", now.Events, before.Events)
		}
	})
}
