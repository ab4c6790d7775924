package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"mitra/internal/record"
	"mitra/internal/store"
)

// RunReview checks a store.Reviewer: a correction applies to every query
// (events, clusters, links, tallies, text search, stats), is listed with
// who and when and the event as it stood, can be undone (in order), and is
// reapplied to another copy of its page. A store that is not a Reviewer
// skips.
func RunReview(t *testing.T, open func(t *testing.T) store.Store) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, s store.Store, r store.Reviewer)
	}{
		{"WrongCorrectAdd", testWrongCorrectAdd},
		{"Undo", testUndo},
		{"SharedCluster", testSharedCluster},
		{"Errors", testReviewErrors},
		{"Reapply", testReapply},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fresh(t, open)
			r, ok := s.(store.Reviewer)
			if !ok {
				t.Skip("the store takes no corrections")
			}
			tc.fn(t, s, r)
		})
	}
}

func review(t *testing.T, r store.Reviewer, c store.Correction) store.Correction {
	t.Helper()
	out, err := r.Review(ctx, c)
	if err != nil {
		t.Fatalf("Review(%s %s): %v", c.Action, c.EventID, err)
	}
	if out.ID == 0 || out.At.IsZero() || out.Author != c.Author {
		t.Errorf("Review returned %+v", out)
	}
	return out
}

func party(codes ...string) []record.Party {
	ps := []record.Party{}
	for _, c := range codes {
		ps = append(ps, record.Party{Code: c})
	}
	return ps
}

// eventByID returns the stored event with id, or nil.
func eventByID(t *testing.T, s store.Store, id string) *store.Event {
	t.Helper()
	for _, e := range events(t, s, store.Filter{}) {
		if e.ID == id {
			return &e
		}
	}
	return nil
}

func testWrongCorrectAdd(t *testing.T, s store.Store, r store.Reviewer) {
	ids, docs := filterFixture(t, s)
	before := stats(t, s)
	// Wrong: e2 (RUS → CUB CONSULT) leaves the record.
	w := review(t, r, store.Correction{Action: store.Wrong, EventID: ids["e2"], Author: "ana", Note: "a visit to Cuba by someone else"})
	if w.Before == nil || w.Before.ID != ids["e2"] || w.DocHash != docs["d1"] || w.Before.Type != "CONSULT" {
		t.Errorf("wrong: before %+v, doc %s", w.Before, w.DocHash)
	}
	if eventByID(t, s, ids["e2"]) != nil || len(events(t, s, store.Filter{Pair: [2]string{"RUS", "CUB"}})) != 0 {
		t.Error("the event marked wrong is still in the record")
	}
	if got := len(links(t, s, store.Filter{Pair: [2]string{"RUS", "CUB"}})); got != 0 {
		t.Errorf("%d links RUS–CUB after the only act was marked wrong", got)
	}
	if st := stats(t, s); st.Events != before.Events-1 || st.Clusters != before.Clusters-1 {
		t.Errorf("stats after wrong: %d events, %d clusters; want %d, %d", st.Events, st.Clusters, before.Events-1, before.Clusters-1)
	}
	checkClusters(t, s)

	// Correct: e4 (NER → USA SANCTION, 2024-03-16) becomes USA → NER ACCUSE
	// in February: direction, type and date.
	date := "2024-02"
	c := review(t, r, store.Correction{Action: store.Correct, EventID: ids["e4"], Author: "ana",
		Event: &record.Event{Type: "ACCUSE", Mode: "allege", Actors: party("USA"), Recipients: party("NER"), Date: &date, Contexts: []string{"military"}}})
	if c.Event == nil || c.Event.ID != ids["e4"] || c.EventID != ids["e4"] {
		t.Errorf("correct returned event %+v, id %s", c.Event, c.EventID)
	}
	e := eventByID(t, s, ids["e4"])
	switch {
	case e == nil:
		t.Fatal("the corrected event is gone")
	case e.Type != "ACCUSE" || e.Mode != "allege" || record.Codes(e.Actors)[0] != "USA" || record.Codes(e.Recipients)[0] != "NER" ||
		e.Date == nil || *e.Date != "2024-02" || e.DatePrecision != "month" || e.Quad != 3 || e.Confidence != 1:
		t.Errorf("corrected event %+v", e.Event)
	case e.Sentence != c.Before.Sentence || e.Span != c.Before.Span || e.DocHash != docs["d2"]:
		t.Errorf("the correction changed the evidence: %+v", e)
	}
	if got := events(t, s, store.Filter{Types: []record.Type{"SANCTION"}}); len(got) != 0 {
		t.Errorf("SANCTION still selects %d events", len(got))
	}
	if got := events(t, s, store.Filter{From: "2024-02", To: "2024-02"}); len(got) != 1 || got[0].ID != ids["e4"] {
		t.Errorf("February 2024 selects %v", got)
	}
	if got := events(t, s, store.Filter{Text: "military agreement"}); len(got) != 1 || got[0].ID != ids["e4"] {
		t.Errorf("the corrected event's words: %d events", len(got))
	}
	checkClusters(t, s)

	// Add: an event the extractor missed in d3.
	d3, err := s.Document(ctx, docs["d3"])
	if err != nil {
		t.Fatal(err)
	}
	quote := d3.Text[strings.Index(d3.Text, ": ")+2:]
	a := review(t, r, store.Correction{Action: store.Add, DocHash: docs["d3"], Author: "budi",
		Event: &record.Event{Type: "SUPPORT", Actors: party("IDN", "MYS"), Sentence: quote}})
	if a.EventID == "" {
		t.Fatal("add: no event id")
	}
	e = eventByID(t, s, a.EventID)
	if e == nil || e.Type != "SUPPORT" || e.DocHash != docs["d3"] || e.Doc != "d3" || e.PubDate != nil || e.Sentence != quote {
		t.Errorf("added event %+v", e)
	}
	if got := events(t, s, store.Filter{Pair: [2]string{"IDN", "MYS"}}); len(got) != 1 {
		t.Errorf("the added event: %d events IDN–MYS", len(got))
	}
	if got := stats(t, s); got.Events != before.Events {
		t.Errorf("stats: %d events, want %d (one wrong, one added)", got.Events, before.Events)
	}
	checkClusters(t, s)

	// Confirm, and the list.
	review(t, r, store.Correction{Action: store.Confirm, DocHash: docs["d1"], Author: "ana"})
	all, err := r.Corrections(ctx, store.CorrectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var acts []store.Action
	for _, c := range all {
		acts = append(acts, c.Action)
	}
	if !slices.Equal(acts, []store.Action{store.Confirm, store.Add, store.Correct, store.Wrong}) {
		t.Errorf("corrections, latest first: %v", acts)
	}
	mine, _ := r.Corrections(ctx, store.CorrectionFilter{Doc: docs["d2"]})
	if len(mine) != 1 || mine[0].Event == nil || mine[0].Event.Type != "ACCUSE" || mine[0].Before.Type != "SANCTION" {
		t.Errorf("d2's corrections: %+v", mine)
	}
}

func testUndo(t *testing.T, s store.Store, r store.Reviewer) {
	ids, _ := filterFixture(t, s)
	orig := eventByID(t, s, ids["e1"])
	w := review(t, r, store.Correction{Action: store.Wrong, EventID: ids["e1"], Author: "ana"})
	u := review(t, r, store.Correction{Action: store.Undo, Undoes: w.ID, Author: "ana"})
	back := eventByID(t, s, ids["e1"])
	if back == nil || back.Type != orig.Type || back.Sentence != orig.Sentence || !slices.Equal(back.Contexts, orig.Contexts) {
		t.Fatalf("after the undo: %+v, want %+v", back, orig)
	}
	if _, err := r.Review(ctx, store.Correction{Action: store.Undo, Undoes: w.ID, Author: "ana"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("undo twice: %v", err)
	}
	if _, err := r.Review(ctx, store.Correction{Action: store.Undo, Undoes: u.ID, Author: "ana"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("undo an undo: %v", err)
	}
	// Two corrections of one event: the later first.
	c1 := review(t, r, store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "ana",
		Event: &record.Event{Type: "SUPPORT", Actors: party("RUS", "MLI")}})
	c2 := review(t, r, store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "budi",
		Event: &record.Event{Type: "COOPERATE", Actors: party("RUS", "MLI")}})
	if _, err := r.Review(ctx, store.Correction{Action: store.Undo, Undoes: c1.ID, Author: "ana"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("undo the earlier of two corrections: %v", err)
	}
	review(t, r, store.Correction{Action: store.Undo, Undoes: c2.ID, Author: "ana"})
	if e := eventByID(t, s, ids["e1"]); e == nil || e.Type != "SUPPORT" {
		t.Errorf("after undoing the second correction: %+v", e)
	}
	review(t, r, store.Correction{Action: store.Undo, Undoes: c1.ID, Author: "ana"})
	if e := eventByID(t, s, ids["e1"]); e == nil || e.Type != orig.Type || e.Confidence != orig.Confidence {
		t.Errorf("after undoing both: %+v", e)
	}
	live, _ := r.Corrections(ctx, store.CorrectionFilter{Live: true})
	if len(live) != 0 {
		t.Errorf("%d corrections stand after undoing all", len(live))
	}
	checkClusters(t, s)
}

// testSharedCluster corrects one of two reports of an act: the act stays,
// with one mention, and the corrected report joins another act.
func testSharedCluster(t *testing.T, s store.Store, r store.Reviewer) {
	a := newDoc("a", "a.example", "2025-03-02", "a")
	b := newDoc("b", "b.example", "2025-03-03", "b")
	act1 := act{typ: "SUPPORT", actors: []string{"MLI", "RUS"}, date: "2025-03-01", sentence: "Mali dan Rusia meneken perjanjian energi."}
	ba, bb := newBatch(a, act1), newBatch(b, act1)
	put(t, s, ba)
	put(t, s, bb)
	cs := clusters(t, s, store.Filter{})
	if len(cs) != 1 || cs[0].Mentions != 2 || cs[0].Sources != 2 || cs[0].Outlets != 2 {
		t.Fatalf("one act reported twice: %+v", cs)
	}
	review(t, r, store.Correction{Action: store.Correct, EventID: bb.Events[0].ID, Author: "ana",
		Event: &record.Event{Type: "AGREE", Actors: party("MLI"), Recipients: party("RUS")}})
	cs = clusters(t, s, store.Filter{})
	if len(cs) != 2 {
		t.Fatalf("%d clusters, want 2", len(cs))
	}
	for _, c := range cs {
		if c.Mentions != 1 || c.Sources != 1 || c.Outlets != 1 {
			t.Errorf("cluster %+v", c)
		}
	}
	checkClusters(t, s)
	review(t, r, store.Correction{Action: store.Wrong, EventID: ba.Events[0].ID, Author: "ana"})
	if cs := clusters(t, s, store.Filter{Types: []record.Type{"SUPPORT"}}); len(cs) != 0 {
		t.Errorf("the act with no report left: %+v", cs)
	}
	checkClusters(t, s)
}

func testReviewErrors(t *testing.T, s store.Store, r store.Reviewer) {
	ids, docs := filterFixture(t, s)
	ok := &record.Event{Type: "AGREE", Actors: party("RUS", "MLI"), Sentence: "x"}
	for _, tc := range []struct {
		name string
		c    store.Correction
		want error
	}{
		{"no author", store.Correction{Action: store.Wrong, EventID: ids["e1"]}, store.ErrInvalid},
		{"unknown action", store.Correction{Action: "delete", EventID: ids["e1"], Author: "a"}, store.ErrInvalid},
		{"unknown event", store.Correction{Action: store.Wrong, EventID: "nope", Author: "a"}, store.ErrNotFound},
		{"one party", store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "a",
			Event: &record.Event{Type: "AGREE", Actors: party("RUS")}}, store.ErrInvalid},
		{"party twice", store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "a",
			Event: &record.Event{Type: "AGREE", Actors: party("RUS"), Recipients: party("RUS")}}, store.ErrInvalid},
		{"bad type", store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "a",
			Event: &record.Event{Type: "HUG", Actors: party("RUS", "MLI")}}, store.ErrInvalid},
		{"bad mode", store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "a",
			Event: &record.Event{Type: "AGREE", Mode: "phone", Actors: party("RUS", "MLI")}}, store.ErrInvalid},
		{"bad code", store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "a",
			Event: &record.Event{Type: "AGREE", Actors: party("Rusia", "MLI")}}, store.ErrInvalid},
		{"bad date", store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "a",
			Event: &record.Event{Type: "AGREE", Actors: party("RUS", "MLI"), Date: ptr("2024-13")}}, store.ErrInvalid},
		{"no event", store.Correction{Action: store.Correct, EventID: ids["e1"], Author: "a"}, store.ErrInvalid},
		{"add to no document", store.Correction{Action: store.Add, DocHash: "nope", Author: "a", Event: ok}, store.ErrNotFound},
		{"evidence not in the page", store.Correction{Action: store.Add, DocHash: docs["d1"], Author: "a",
			Event: &record.Event{Type: "AGREE", Actors: party("RUS", "MLI"), Sentence: "Kalimat yang tidak ada."}}, store.ErrInvalid},
		{"add without evidence", store.Correction{Action: store.Add, DocHash: docs["d1"], Author: "a",
			Event: &record.Event{Type: "AGREE", Actors: party("RUS", "MLI")}}, store.ErrInvalid},
		{"undo nothing", store.Correction{Action: store.Undo, Undoes: 99, Author: "a"}, store.ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := r.Review(ctx, tc.c); !errors.Is(err, tc.want) {
				t.Errorf("Review(%+v) = %v, want %v", tc.c, err, tc.want)
			}
		})
	}
	if n := len(events(t, s, store.Filter{})); n != 7 {
		t.Errorf("%d events after failed corrections, want 7", n)
	}
	if cs, _ := r.Corrections(ctx, store.CorrectionFilter{}); len(cs) != 0 {
		t.Errorf("failed corrections were recorded: %+v", cs)
	}
}

func ptr(s string) *string { return &s }

// testReapply ingests a page again with other bytes (a fetched copy with
// another footer): the page's corrections apply to the copy too.
func testReapply(t *testing.T, s store.Store, r store.Reviewer) {
	body := "Rusia dan Mali menandatangani perjanjian kerja sama ekonomi. Mali dan Burkina Faso bertemu di Bamako."
	d := newDoc("page", "a.example", "2025-06-24", body)
	b := newBatch(d,
		act{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-06-23", sentence: "Rusia dan Mali menandatangani perjanjian kerja sama ekonomi."},
		act{typ: "CONSULT", actors: []string{"MLI", "BFA"}, date: "2025-06-22", sentence: "Mali dan Burkina Faso bertemu di Bamako."})
	put(t, s, b)
	review(t, r, store.Correction{Action: store.Correct, EventID: b.Events[0].ID, Author: "ana",
		Event: &record.Event{Type: "SUPPORT", Actors: party("RUS", "MLI"), Date: ptr("2025-06-23")}})
	review(t, r, store.Correction{Action: store.Wrong, EventID: b.Events[1].ID, Author: "ana"})
	review(t, r, store.Correction{Action: store.Add, DocHash: d.Hash, Author: "ana",
		Event: &record.Event{Type: "CONSULT", Actors: party("MLI", "BFA"), Sentence: "Mali dan Burkina Faso bertemu di Bamako."}})
	if n, err := r.Reapply(ctx); err != nil || n != 0 {
		t.Fatalf("Reapply with no copy: %d, %v", n, err)
	}
	// The same page again, another footer.
	d2 := newDoc("page", "a.example", "2025-06-24", body+" Baca juga: berita lain.")
	copyBatch := &store.Batch{Doc: d2}
	for i, e := range b.Events {
		ce := newEvent(&copyBatch.Doc, i, act{typ: e.Type, actors: record.Codes(e.Actors), recipients: record.Codes(e.Recipients),
			date: *e.Date, sentence: e.Sentence})
		copyBatch.Events = append(copyBatch.Events, ce)
	}
	put(t, s, copyBatch)
	n, err := r.Reapply(ctx)
	if err != nil || n != 3 {
		t.Fatalf("Reapply: %d, %v; want 3", n, err)
	}
	got := events(t, s, store.Filter{Doc: d2.Hash})
	var types []string
	for _, e := range got {
		types = append(types, string(e.Type))
	}
	slices.Sort(types)
	if !slices.Equal(types, []string{"CONSULT", "SUPPORT"}) {
		t.Errorf("the copy's events: %v, want the corrected SUPPORT and the added CONSULT", types)
	}
	if n, err := r.Reapply(ctx); err != nil || n != 0 {
		t.Errorf("Reapply again: %d, %v; want nothing", n, err)
	}
	again, _ := r.Corrections(ctx, store.CorrectionFilter{Doc: d2.Hash})
	for _, c := range again {
		if c.Reapplied == 0 || c.Author != "ana" {
			t.Errorf("reapplied correction %+v", c)
		}
	}
	checkClusters(t, s)
}
