// Package storetest provides a conformance suite for implementations of
// store.Store, in the manner of testing/fstest.TestFS.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Run runs the conformance suite against fresh stores made by open (each
// subtest gets its own store and closes it when done; open may register
// further clean-up with t.Cleanup).
//
// Besides what the store.Store comments say, the suite pins down what they
// leave open:
//   - Put rejects, storing nothing of the document, a batch with an event
//     without an id or a type, an id twice, or an id already stored from
//     another document.
//   - Events and clusters without a day (no date, no publication date) come
//     after the dated ones; an event is placed on store.EventDay (a month
//     or a year on its first day), and From and To are inclusive; events of
//     one day come in the order stored.
//   - Text matches whole words, all of them, in any case.
//   - NearDuplicates breaks ties in favour of the document stored first.
//   - Document("") and unknown keys return store.ErrNotFound.
//   - Links(f) groups the clusters Clusters(f) returns (store.LinksOf).
//   - Events, Clusters, Links, PairTallies and Stats see every Write that
//     returned, at once.
//   - Write rejects, storing nothing of the document, a batch with an
//     event without an id or a type, an id twice, or an id already stored
//     from another document or used by an earlier batch of the call; the
//     other batches of the call are stored.
//   - The record (events, clusters) does not depend on how batches are
//     split into Writes.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open opener)
	}{
		{"PutAndHas", testPutAndHas},
		{"Idempotent", testIdempotent},
		{"RoundTrip", testRoundTrip},
		{"Atomic", testAtomic},
		{"Clustering", testClustering},
		{"SourcesCountCopiesOnce", testSources},
		{"Filters", testFilters},
		{"Placement", testPlacement},
		{"Order", testOrder},
		{"NearDuplicates", testNearDuplicates},
		{"Document", testDocument},
		{"Stats", testStats},
		{"RecordError", testRecordError},
		{"Concurrent", testConcurrent},
		{"WriteBatches", testWriteBatches},
		{"WriteSplit", testWriteSplit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
	t.Run("Close", func(t *testing.T) { testClose(t, open(t)) })
}

type opener = func(t *testing.T) store.Store

// fresh opens a store that is closed when t ends.
func fresh(t *testing.T, open opener) store.Store {
	t.Helper()
	s := open(t)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// Fixtures.

var ingested = time.Date(2026, 3, 1, 10, 20, 30, 123456000, time.UTC)

// newDoc returns a document whose content (and so hash) derives from id and
// body.
func newDoc(id, outlet, pubDate, body string) store.Document {
	raw := []byte("<html><body><p>" + id + ": " + body + "</p></body></html>")
	sum := sha256.Sum256(raw)
	return store.Document{
		Hash:       hex.EncodeToString(sum[:]),
		ID:         id,
		Source:     "testdata/" + id + ".html",
		URL:        "https://" + outlet + "/news/" + id,
		Outlet:     outlet,
		Lang:       "id",
		PubDate:    pubDate,
		Title:      "Title of " + id,
		Raw:        raw,
		Text:       id + ": " + body,
		IngestedAt: ingested,
	}
}

// act describes an event for newEvent.
type act struct {
	typ                record.Type
	actors, recipients []string
	date               string // "" for none
	contexts           []string
	sentence           string
}

// newEvent returns the n-th event of document d, as the extractor would
// make it.
func newEvent(d *store.Document, n int, a act) store.Event {
	parties := func(codes []string) []record.Party {
		ps := []record.Party{}
		for _, c := range codes {
			ps = append(ps, record.Party{Code: c, Text: "name of " + c, Role: "GOV"})
		}
		return ps
	}
	e := record.Event{
		ID:         fmt.Sprintf("%.12s-%02d", d.Hash, n),
		Doc:        d.ID,
		Lang:       d.Lang,
		Type:       a.typ,
		Mode:       "",
		Contexts:   append([]string{}, a.contexts...),
		Actors:     parties(a.actors),
		Recipients: parties(a.recipients),
		Factuality: record.Asserted,
		Sentence:   a.sentence,
		Span:       [2]int{10 * n, 10*n + len(a.sentence)},
		Trigger:    "trigger",
		Quad:       a.typ.Quad(),
		Confidence: 0.75,
		Codebook:   record.Codebook,
	}
	if e.Sentence == "" {
		e.Sentence = fmt.Sprintf("Sentence %d of %s.", n, d.ID)
	}
	if a.date != "" {
		date := a.date
		e.Date = &date
		e.DatePrecision = map[int]string{4: "year", 7: "month", 10: "day"}[len(date)]
	}
	if d.PubDate != "" {
		pub := d.PubDate
		e.PubDate = &pub
	}
	return store.Event{Event: e, DocHash: d.Hash}
}

// newBatch returns a batch of d with one event per act.
func newBatch(d store.Document, acts ...act) *store.Batch {
	b := &store.Batch{Doc: d}
	for i, a := range acts {
		b.Events = append(b.Events, newEvent(&b.Doc, i, a))
	}
	return b
}

var ctx = context.Background()

func put(t *testing.T, s store.Store, b *store.Batch) {
	t.Helper()
	added, err := store.Put(ctx, s, b)
	if err != nil {
		t.Fatalf("Put(%s): %v", b.Doc.ID, err)
	}
	if !added {
		t.Fatalf("Put(%s) = false, want true (a new document)", b.Doc.ID)
	}
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func events(t *testing.T, s store.Store, f store.Filter) []store.Event {
	t.Helper()
	evs, err := s.Events(ctx, f)
	if err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	return evs
}

func clusters(t *testing.T, s store.Store, f store.Filter) []store.Cluster {
	t.Helper()
	cs, err := s.Clusters(ctx, f)
	if err != nil {
		t.Fatalf("Clusters(%+v): %v", f, err)
	}
	return cs
}

// checkClusters verifies that clusters and events agree: every event is in
// a stored cluster, each cluster's Mentions counts its events, and Links
// groups the clusters.
func checkClusters(t *testing.T, s store.Store) {
	t.Helper()
	checkTallies(t, s)
	mentions := map[int64]int{}
	for _, e := range events(t, s, store.Filter{}) {
		mentions[e.ClusterID]++
	}
	for _, c := range clusters(t, s, store.Filter{}) {
		if c.Mentions != mentions[c.ID] {
			t.Errorf("cluster %d: Mentions = %d, but %d events name it", c.ID, c.Mentions, mentions[c.ID])
		}
		if c.Sources < 1 || c.Sources > c.Mentions {
			t.Errorf("cluster %d: Sources = %d with %d mentions", c.ID, c.Sources, c.Mentions)
		}
		delete(mentions, c.ID)
	}
	for id, n := range mentions {
		t.Errorf("%d events name cluster %d, which is not stored", n, id)
	}
	checkLinks(t, s, store.Filter{})
	// Periods starting or ending on the clusters' bounds, so that some
	// clusters lie across them.
	var days []string
	for _, c := range clusters(t, s, store.Filter{}) {
		for _, d := range []string{c.First, c.Last} {
			if d != "" && !slices.Contains(days, d) {
				days = append(days, d)
			}
		}
	}
	for i, d := range days {
		for _, f := range []store.Filter{{From: d}, {To: d}, {From: d, To: days[(i+1)%len(days)]}} {
			checkPeriod(t, s, f)
			checkLinks(t, s, f)
		}
		// Whole months, which a store may answer from a rollup.
		m, next := d[:7], days[(i+1)%len(days)][:7]
		for _, f := range []store.Filter{{From: m}, {To: m}, {From: m, To: m}, {From: m, To: next}, {From: d[:4]}, {From: d[:4], To: d[:4]}, {To: d[:4]},
			{From: m + "-01", To: next + "-31"}} {
			checkPeriod(t, s, f)
			checkLinks(t, s, f)
		}
	}
}

// checkPeriod verifies that Clusters(f) are the clusters of Events(f).
func checkPeriod(t *testing.T, s store.Store, f store.Filter) {
	t.Helper()
	var want []int64
	for _, e := range events(t, s, f) {
		if !slices.Contains(want, e.ClusterID) {
			want = append(want, e.ClusterID)
		}
	}
	var got []int64
	for _, c := range clusters(t, s, f) {
		got = append(got, c.ID)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Clusters(%+v) = %v, want the clusters of its events %v", f, got, want)
	}
}

// Tests.

func testPutAndHas(t *testing.T, open opener) {
	s := fresh(t, open)
	d := newDoc("seed-000", "kompas.com", "2025-06-24", "Mali dan Rusia menandatangani perjanjian.")
	if has, err := s.HasDocument(ctx, d.Hash); err != nil || has {
		t.Fatalf("HasDocument before Put = %v, %v; want false, nil", has, err)
	}
	b := newBatch(d, act{typ: "AGREE", actors: []string{"MLI", "RUS"}, date: "2025-06-23", contexts: []string{"economic"}})
	put(t, s, b)
	if has, err := s.HasDocument(ctx, d.Hash); err != nil || !has {
		t.Fatalf("HasDocument after Put = %v, %v; want true, nil", has, err)
	}
	if has, err := s.HasDocument(ctx, "0000"); err != nil || has {
		t.Fatalf("HasDocument(unknown) = %v, %v; want false, nil", has, err)
	}
	if st := stats(t, s); st.Documents != 1 || st.Events != 1 || st.Clusters != 1 {
		t.Fatalf("Stats = %+v, want 1 document, 1 event, 1 cluster", st)
	}
	// A document without events is stored too.
	put(t, s, newBatch(newDoc("empty", "kompas.com", "", "nothing here")))
	if st := stats(t, s); st.Documents != 2 || st.Events != 1 {
		t.Fatalf("Stats = %+v, want 2 documents, 1 event", st)
	}
}

func testIdempotent(t *testing.T, open opener) {
	s := fresh(t, open)
	d := newDoc("a", "kompas.com", "2025-06-24", "body")
	acts := []act{
		{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-06-23"},
		{typ: "CONSULT", actors: []string{"RUS"}, recipients: []string{"CUB"}, date: "2025-06-20"},
	}
	put(t, s, &store.Batch{Doc: d, Events: newBatch(d, acts...).Events, Buckets: []uint64{1, 2}})
	before := stats(t, s)
	evBefore := events(t, s, store.Filter{})
	clBefore := clusters(t, s, store.Filter{})
	for _, b := range []*store.Batch{
		newBatch(d, acts...),
		newBatch(d, act{typ: "ACCUSE", actors: []string{"MLI"}, recipients: []string{"FRA"}}), // other events, same hash
		{Doc: d},
	} {
		added, err := store.Put(ctx, s, b)
		if err != nil || added {
			t.Fatalf("re-Put = %v, %v; want false, nil", added, err)
		}
	}
	if after := stats(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("Stats changed by re-Put:\nbefore %+v\nafter  %+v", before, after)
	}
	if got := events(t, s, store.Filter{}); !reflect.DeepEqual(got, evBefore) {
		t.Errorf("events changed by re-Put")
	}
	if got := clusters(t, s, store.Filter{}); !reflect.DeepEqual(got, clBefore) {
		t.Errorf("clusters changed by re-Put:\nbefore %+v\nafter  %+v", clBefore, got)
	}
}

func testRoundTrip(t *testing.T, open opener) {
	s := fresh(t, open)
	d := newDoc("seed-001", "tass.ru", "2025-02-11", "Lavrov bertemu menteri Kuba.")
	d.Lang = "en"
	b := newBatch(d,
		act{typ: "CONSULT", actors: []string{"RUS"}, recipients: []string{"CUB"}, date: "2025-02-10",
			contexts: []string{"diplomatic", "economic"}, sentence: "Lavrov bertemu Menteri Luar Negeri Kuba di Moskwa."},
		act{typ: "COOPERATE", actors: []string{"RUS", "CUB", "VEN"}, date: "2025-02"},
		act{typ: "AID", actors: []string{"RUS"}, recipients: []string{"CUB"}},
	)
	b.Events[0].Mode = "visit"
	b.Events[0].DateNote = "Senin (10/2)"
	b.Events[0].Actors[0].Role = "GOV"
	b.Events[0].Recipients[0].Role = ""
	b.Events[0].Confidence = 0.8125
	b.Events[2].PubDate = nil // neither date nor publication date
	b.Buckets = []uint64{7, 1<<63 + 1}
	want := slices.Clone(b.Events)
	put(t, s, b)

	got := events(t, s, store.Filter{Doc: d.Hash})
	if len(got) != len(want) {
		t.Fatalf("Events(Doc) returned %d events, want %d", len(got), len(want))
	}
	byID := map[string]store.Event{}
	for _, e := range got {
		byID[e.ID] = e
	}
	for _, w := range want {
		g, ok := byID[w.ID]
		if !ok {
			t.Errorf("event %s missing", w.ID)
			continue
		}
		if g.ClusterID == 0 {
			t.Errorf("event %s: ClusterID = 0 after Put", w.ID)
		}
		if g.DocHash != d.Hash {
			t.Errorf("event %s: DocHash = %q, want %q", w.ID, g.DocHash, d.Hash)
		}
		w.ClusterID = g.ClusterID
		if !reflect.DeepEqual(normEvent(g), normEvent(w)) {
			t.Errorf("event %s round trip:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}

	gd, err := s.Document(ctx, d.Hash)
	if err != nil {
		t.Fatalf("Document: %v", err)
	}
	if !gd.IngestedAt.Equal(d.IngestedAt) {
		t.Errorf("IngestedAt = %v, want %v", gd.IngestedAt, d.IngestedAt)
	}
	gd.IngestedAt = d.IngestedAt
	if !reflect.DeepEqual(*gd, d) {
		t.Errorf("Document round trip:\n got %+v\nwant %+v", *gd, d)
	}

	// A document without an ingest time gets one.
	d2 := newDoc("seed-002", "tass.ru", "", "body")
	d2.IngestedAt = time.Time{}
	put(t, s, newBatch(d2))
	if gd, err := s.Document(ctx, d2.Hash); err != nil || gd.IngestedAt.IsZero() {
		t.Errorf("Document without IngestedAt: %v, %v; want a time", gd, err)
	}
}

// normEvent makes nil and empty lists compare equal.
func normEvent(e store.Event) store.Event {
	if len(e.Contexts) == 0 {
		e.Contexts = nil
	}
	if len(e.Actors) == 0 {
		e.Actors = nil
	}
	if len(e.Recipients) == 0 {
		e.Recipients = nil
	}
	return e
}

func testAtomic(t *testing.T, open opener) {
	s := fresh(t, open)
	kept := newDoc("kept", "kompas.com", "2025-01-01", "kept")
	keptBatch := newBatch(kept, act{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-01-01"})
	keptBatch.Buckets = []uint64{1}
	put(t, s, keptBatch)
	before := stats(t, s)

	d := newDoc("broken", "kompas.com", "2025-01-02", "broken")
	good := act{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-01-02"}
	cases := []struct {
		name  string
		batch func() *store.Batch
	}{
		{"empty type", func() *store.Batch {
			b := newBatch(d, good, act{typ: "AID", actors: []string{"RUS"}})
			b.Events[1].Type = ""
			return b
		}},
		{"duplicate event id", func() *store.Batch {
			b := newBatch(d, good, act{typ: "AID", actors: []string{"RUS"}})
			b.Events[1].ID = b.Events[0].ID
			return b
		}},
		{"event id already stored", func() *store.Batch {
			b := newBatch(d, good, act{typ: "AID", actors: []string{"RUS"}})
			b.Events[1].ID = keptBatch.Events[0].ID
			return b
		}},
	}
	for _, tc := range cases {
		b := tc.batch()
		b.Buckets = []uint64{1, 2}
		added, err := store.Put(ctx, s, b)
		if err == nil || added {
			t.Errorf("%s: Put = %v, %v; want false and an error", tc.name, added, err)
		}
		if has, err := s.HasDocument(ctx, d.Hash); err != nil || has {
			t.Errorf("%s: HasDocument = %v, %v after a failed Put; want false", tc.name, has, err)
		}
		if _, err := s.Document(ctx, d.Hash); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: Document = %v after a failed Put; want ErrNotFound", tc.name, err)
		}
		if after := stats(t, s); !reflect.DeepEqual(before, after) {
			t.Errorf("%s: Stats changed by a failed Put:\nbefore %+v\nafter  %+v", tc.name, before, after)
		}
		if evs := events(t, s, store.Filter{Doc: d.Hash}); len(evs) != 0 {
			t.Errorf("%s: %d events of the failed document stored", tc.name, len(evs))
		}
		if dups, err := s.NearDuplicates(ctx, []uint64{2}); err != nil || len(dups) != 0 {
			t.Errorf("%s: NearDuplicates = %v, %v; the failed document's buckets are stored", tc.name, dups, err)
		}
	}
	if evs := events(t, s, store.Filter{}); len(evs) != 1 || evs[0].ID != keptBatch.Events[0].ID {
		t.Errorf("stored events = %v, want only the kept document's", evs)
	}
	checkClusters(t, s)
	// The failures leave nothing behind that would stop a correct Put.
	put(t, s, newBatch(d, good))
	if cs := clusters(t, s, store.Filter{}); len(cs) != 1 || cs[0].Mentions != 2 {
		t.Errorf("clusters = %+v, want one with 2 mentions", cs)
	}
}

func testClustering(t *testing.T, open opener) {
	// Each case puts one batch per act, each from its own document and
	// outlet, and expects the clusters' mention counts (in cluster order).
	rus, mli := []string{"RUS"}, []string{"MLI"}
	cases := []struct {
		name string
		acts []act
		want []int // Mentions per cluster
	}{
		{"3 days apart", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20", contexts: []string{"economic"}},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-23", contexts: []string{"economic"}},
		}, []int{2}},
		{"20 days apart", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-01"},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-21"},
		}, []int{1, 1}},
		{"7 days apart", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-01"},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-08"},
		}, []int{2}},
		{"8 days apart", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-01"},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-09"},
		}, []int{1, 1}},
		{"earlier report joins", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-10"},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-04"},
		}, []int{2}},
		{"different type", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20"},
			{typ: "CONSULT", actors: rus, recipients: mli, date: "2025-06-20"},
		}, []int{1, 1}},
		{"different parties", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20"},
			{typ: "AGREE", actors: rus, recipients: []string{"NER"}, date: "2025-06-20"},
		}, []int{1, 1}},
		{"disjoint contexts", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20", contexts: []string{"military"}},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20", contexts: []string{"economic"}},
		}, []int{1, 1}},
		{"overlapping contexts", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20", contexts: []string{"military", "technology"}},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20", contexts: []string{"economic", "technology"}},
		}, []int{2}},
		{"no contexts joins any", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20", contexts: []string{"military"}},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-21"},
		}, []int{2}},
		{"reciprocal and directed", []act{
			{typ: "AGREE", actors: []string{"MLI", "RUS"}, date: "2025-06-20"},
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-22"},
		}, []int{2}},
		{"undated joins", []act{
			{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-20"},
			{typ: "AGREE", actors: rus, recipients: mli},
		}, []int{2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := fresh(t, open)
			var ids [][]string // the events of each batch
			for i, a := range tc.acts {
				d := newDoc(fmt.Sprintf("doc-%d", i), fmt.Sprintf("outlet%d.example", i), "", tc.name)
				b := newBatch(d, a)
				put(t, s, b)
				ids = append(ids, []string{b.Events[0].ID})
			}
			cs := clusters(t, s, store.Filter{})
			var got []int
			for _, c := range cs {
				got = append(got, c.Mentions)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("cluster mentions = %v, want %v (clusters %+v)", got, tc.want, cs)
			}
			for _, c := range cs {
				if c.Sources != c.Mentions || c.Outlets != c.Mentions {
					t.Errorf("cluster %d: Sources %d, Outlets %d; want %d (one per document and outlet)", c.ID, c.Sources, c.Outlets, c.Mentions)
				}
			}
			checkClusters(t, s)
		})
	}

	t.Run("summary", func(t *testing.T) {
		s := fresh(t, open)
		// Reported as "June" by one page and fixed to a day by another,
		// with one more report by a page without a date of its own.
		a := newDoc("a", "a.example", "2025-06-02", "a")
		put(t, s, newBatch(a, act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06", contexts: []string{"military"}}))
		b := newDoc("b", "b.example", "2025-06-06", "b")
		put(t, s, newBatch(b, act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-05", contexts: []string{"military", "economic"}}))
		c := newDoc("c", "b.example", "", "c")
		put(t, s, newBatch(c, act{typ: "AGREE", actors: rus, recipients: mli}))
		// One page mentioning the act twice counts as one source.
		d := newDoc("d", "c.example", "2025-06-07", "d")
		put(t, s, newBatch(d,
			act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-07", contexts: []string{"military"}},
			act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-07", contexts: []string{"military"}}))
		cs := clusters(t, s, store.Filter{})
		if len(cs) != 1 {
			t.Fatalf("%d clusters, want 1: %+v", len(cs), cs)
		}
		got := cs[0]
		got.ID = 0
		slices.Sort(got.Contexts)
		want := store.Cluster{Type: "AGREE", Actors: rus, Recipients: mli, Contexts: []string{"economic", "military"},
			Date: "2025-06-05", First: "2025-06-01", Last: "2025-06-07", Mentions: 5, Sources: 4, Outlets: 3}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("cluster:\n got %+v\nwant %+v", got, want)
		}
		for _, e := range events(t, s, store.Filter{}) {
			if e.ClusterID != cs[0].ID {
				t.Errorf("event %s in cluster %d, want %d", e.ID, e.ClusterID, cs[0].ID)
			}
		}
		checkClusters(t, s)
	})
}

func testSources(t *testing.T, open opener) {
	s := fresh(t, open)
	rus, mli := []string{"RUS"}, []string{"MLI"}
	a := newDoc("orig", "kompas.com", "2025-06-24", "Rusia dan Mali")
	put(t, s, newBatch(a, act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-23"}))
	copyDoc := newDoc("copy", "tribunnews.com", "2025-06-24", "Rusia dan Mali (syndicated)")
	copyDoc.Canonical = a.Hash
	put(t, s, newBatch(copyDoc, act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-23"}))
	cs := clusters(t, s, store.Filter{})
	if len(cs) != 1 || cs[0].Mentions != 2 || cs[0].Sources != 1 || cs[0].Outlets != 2 {
		t.Fatalf("clusters = %+v, want one with 2 mentions, 1 source, 2 outlets", cs)
	}
	other := newDoc("other", "antaranews.com", "2025-06-25", "Rusia dan Mali, laporan lain")
	put(t, s, newBatch(other, act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-23"}))
	cs = clusters(t, s, store.Filter{})
	if len(cs) != 1 || cs[0].Mentions != 3 || cs[0].Sources != 2 || cs[0].Outlets != 3 {
		t.Fatalf("clusters = %+v, want one with 3 mentions, 2 sources, 3 outlets", cs)
	}
	if st := stats(t, s); st.Duplicates != 1 || st.Documents != 3 {
		t.Errorf("Stats = %+v, want 3 documents, 1 duplicate", st)
	}
	got, err := s.Document(ctx, copyDoc.Hash)
	if err != nil || got.Canonical != a.Hash {
		t.Errorf("Document(copy) = %+v, %v; want Canonical %s", got, err, a.Hash)
	}
	checkClusters(t, s)
}

// filterFixture stores three documents with seven events and returns the
// events' ids by name (e1 … e7).
func filterFixture(t *testing.T, s store.Store) (ids map[string]string, docs map[string]string) {
	d1 := newDoc("d1", "a.example", "2025-06-24", "d1")
	d2 := newDoc("d2", "b.example", "2025-01-01", "d2")
	d2.Lang = "en"
	d3 := newDoc("d3", "c.example", "", "d3")
	b1 := newBatch(d1,
		act{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-06-23",
			contexts: []string{"economic", "technology"}, sentence: "Rusia dan Mali menandatangani perjanjian kerja sama ekonomi."},
		act{typ: "CONSULT", actors: []string{"RUS"}, recipients: []string{"CUB"}, date: "2025-02-10",
			contexts: []string{"diplomatic"}, sentence: "Menteri Luar Negeri Rusia berkunjung ke Kuba."})
	b2 := newBatch(d2,
		act{typ: "AID", actors: []string{"RUS"}, recipients: []string{"VEN"}, date: "2024-11-05",
			contexts: []string{"health"}, sentence: "Russia delivered medical aid to Venezuela."},
		act{typ: "SANCTION", actors: []string{"NER"}, recipients: []string{"USA"}, date: "2024-03-16",
			contexts: []string{"military"}, sentence: "Niger ended its military agreement with the United States."})
	b3 := newBatch(d3,
		act{typ: "ACCUSE", actors: []string{"MLI"}, recipients: []string{"FRA"},
			contexts: []string{"diplomatic"}, sentence: "Mali menuduh Prancis melanggar kedaulatannya."},
		act{typ: "COOPERATE", actors: []string{"RUS", "CHN"}, date: "2025-05-08",
			contexts: []string{"economic"}, sentence: "Rusia dan China memperkuat kerja sama ekonomi."},
		act{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"},
			contexts: []string{"military"}, sentence: "Rusia dan Mali sepakat memperluas kerja sama militer."})
	// e5 has no date but a publication date; e7 has neither.
	pub := "2022-02-18"
	b3.Events[0].PubDate = &pub
	for _, b := range []*store.Batch{b1, b2, b3} {
		put(t, s, b)
	}
	ids = map[string]string{
		"e1": b1.Events[0].ID, "e2": b1.Events[1].ID, "e3": b2.Events[0].ID, "e4": b2.Events[1].ID,
		"e5": b3.Events[0].ID, "e6": b3.Events[1].ID, "e7": b3.Events[2].ID,
	}
	return ids, map[string]string{"d1": d1.Hash, "d2": d2.Hash, "d3": d3.Hash}
}

func testFilters(t *testing.T, open opener) {
	s := fresh(t, open)
	ids, docs := filterFixture(t, s)
	name := map[string]string{}
	for n, id := range ids {
		name[id] = n
	}
	// Each event is its own cluster here, so clusters filter alike.
	cluster := map[string]int64{}
	for _, e := range events(t, s, store.Filter{}) {
		cluster[name[e.ID]] = e.ClusterID
	}
	if cs := clusters(t, s, store.Filter{}); len(cs) != 7 {
		t.Fatalf("%d clusters, want 7", len(cs))
	}
	cases := []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"all", store.Filter{}, []string{"e5", "e4", "e3", "e2", "e6", "e1", "e7"}},
		{"party", store.Filter{Party: "RUS"}, []string{"e3", "e2", "e6", "e1", "e7"}},
		{"party as recipient", store.Filter{Party: "MLI"}, []string{"e5", "e1", "e7"}},
		{"party unknown", store.Filter{Party: "XXX"}, nil},
		{"pair", store.Filter{Pair: [2]string{"RUS", "MLI"}}, []string{"e1", "e7"}},
		{"pair reversed", store.Filter{Pair: [2]string{"MLI", "RUS"}}, []string{"e1", "e7"}},
		{"pair reciprocal", store.Filter{Pair: [2]string{"CHN", "RUS"}}, []string{"e6"}},
		{"pair none", store.Filter{Pair: [2]string{"RUS", "FRA"}}, nil},
		{"type", store.Filter{Types: []record.Type{"AGREE"}}, []string{"e1", "e7"}},
		{"types", store.Filter{Types: []record.Type{"AGREE", "AID"}}, []string{"e3", "e1", "e7"}},
		{"quad", store.Filter{Quad: 2}, []string{"e3", "e6"}},
		{"quad 4", store.Filter{Quad: 4}, []string{"e4"}},
		{"context", store.Filter{Context: "economic"}, []string{"e6", "e1"}},
		{"context second", store.Filter{Context: "technology"}, []string{"e1"}},
		{"from", store.Filter{From: "2025-01-01"}, []string{"e2", "e6", "e1"}},
		{"to", store.Filter{To: "2024-12-31"}, []string{"e5", "e4", "e3"}},
		{"from to", store.Filter{From: "2024-01-01", To: "2024-12-31"}, []string{"e4", "e3"}},
		{"from inclusive", store.Filter{From: "2025-06-23"}, []string{"e1"}},
		{"to inclusive, publication date", store.Filter{To: "2022-02-18"}, []string{"e5"}},
		{"text", store.Filter{Text: "kerja sama"}, []string{"e6", "e1", "e7"}},
		{"text any case", store.Filter{Text: "KERJA Militer"}, []string{"e7"}},
		{"text one word", store.Filter{Text: "medical"}, []string{"e3"}},
		{"text none", store.Filter{Text: "nuklir"}, nil},
		{"lang", store.Filter{Lang: "en"}, []string{"e4", "e3"}},
		{"doc", store.Filter{Doc: docs["d3"]}, []string{"e5", "e6", "e7"}},
		{"party type context", store.Filter{Party: "RUS", Types: []record.Type{"AGREE"}, Context: "military"}, []string{"e7"}},
		{"pair from", store.Filter{Pair: [2]string{"RUS", "MLI"}, From: "2025-01-01"}, []string{"e1"}},
		{"party lang quad", store.Filter{Party: "RUS", Lang: "id", Quad: 1}, []string{"e2", "e1", "e7"}},
		{"party doc text", store.Filter{Party: "RUS", Doc: docs["d1"], Text: "Kuba"}, []string{"e2"}},
		{"limit", store.Filter{Limit: 2}, []string{"e5", "e4"}},
		{"limit offset", store.Filter{Limit: 2, Offset: 2}, []string{"e3", "e2"}},
		{"offset", store.Filter{Offset: 5}, []string{"e1", "e7"}},
		{"offset past the end", store.Filter{Offset: 10}, nil},
		{"party limit offset", store.Filter{Party: "RUS", Limit: 3, Offset: 1}, []string{"e2", "e6", "e1"}},
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
			var gotC, wantC []int64
			for _, c := range clusters(t, s, tc.f) {
				gotC = append(gotC, c.ID)
			}
			for _, n := range tc.want {
				wantC = append(wantC, cluster[n])
			}
			if !slices.Equal(gotC, wantC) {
				t.Errorf("Clusters(%+v) = %v, want %v (the clusters of %v)", tc.f, gotC, wantC, tc.want)
			}
			checkLinks(t, s, tc.f)
		})
	}

	// The clusters carry their act.
	cs := clusters(t, s, store.Filter{Pair: [2]string{"RUS", "MLI"}, Context: "economic"})
	want := store.Cluster{ID: cluster["e1"], Type: "AGREE", Actors: []string{"RUS"}, Recipients: []string{"MLI"},
		Contexts: []string{"economic", "technology"}, Date: "2025-06-23", First: "2025-06-23", Last: "2025-06-23",
		Mentions: 1, Sources: 1, Outlets: 1}
	if len(cs) != 1 || !reflect.DeepEqual(cs[0], want) {
		t.Errorf("Clusters = %+v, want [%+v]", cs, want)
	}
	cs = clusters(t, s, store.Filter{Doc: docs["d3"], Types: []record.Type{"AGREE"}})
	want = store.Cluster{ID: cluster["e7"], Type: "AGREE", Actors: []string{"RUS"}, Recipients: []string{"MLI"},
		Contexts: []string{"military"}, Mentions: 1, Sources: 1, Outlets: 1}
	if len(cs) != 1 || !reflect.DeepEqual(cs[0], want) {
		t.Errorf("Clusters = %+v, want [%+v] (undated)", cs, want)
	}

	// e1 and e7 are two acts of one type, mode and pair: one link.
	ls := links(t, s, store.Filter{Pair: [2]string{"MLI", "RUS"}})
	wantL := []store.Link{{Type: "AGREE", Parties: []string{"MLI", "RUS"}, Clusters: 2, First: "2025-06-23", Last: "2025-06-23"}}
	if !reflect.DeepEqual(ls, wantL) {
		t.Errorf("Links(MLI, RUS) = %+v, want %+v", ls, wantL)
	}
}

func links(t *testing.T, s store.Store, f store.Filter) []store.Link {
	t.Helper()
	ls, err := s.Links(ctx, f)
	if err != nil {
		t.Fatalf("Links(%+v): %v", f, err)
	}
	return ls
}

// checkLinks verifies that Links(f) groups the clusters Clusters(f) returns.
func checkLinks(t *testing.T, s store.Store, f store.Filter) {
	t.Helper()
	got, want := links(t, s, f), store.LinksOf(clusters(t, s, f))
	if len(got) != 0 || len(want) != 0 {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Links(%+v) = %+v, want %+v", f, got, want)
		}
	}
}

func testOrder(t *testing.T, open opener) {
	s := fresh(t, open)
	// Events of one day come in the order stored, whatever their ids.
	d := newDoc("order", "a.example", "2025-03-01", "order")
	b := newBatch(d,
		act{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-03-01"},
		act{typ: "AID", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-03-01"},
		act{typ: "ACCUSE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-03-01"},
		act{typ: "REJECT", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-02"},
		act{typ: "REQUEST", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2024"})
	b.Events[0].ID, b.Events[1].ID, b.Events[2].ID = "order-b", "order-c", "order-a"
	put(t, s, b)
	d2 := newDoc("order2", "a.example", "2025-03-01", "order 2")
	b2 := newBatch(d2, act{typ: "AGREE", actors: []string{"MLI"}, recipients: []string{"RUS"}, date: "2025-03-01"})
	b2.Events[0].ID = "order-0"
	put(t, s, b2)
	var got []string
	for _, e := range events(t, s, store.Filter{Party: "MLI"}) {
		got = append(got, e.ID)
	}
	want := []string{b.Events[4].ID, b.Events[3].ID, "order-b", "order-c", "order-a", "order-0"}
	if !slices.Equal(got, want) {
		t.Errorf("Events order = %v, want %v", got, want)
	}
	// A month or a year is placed on its first day.
	if st := stats(t, s); st.First != "2024-01-01" || st.Last != "2025-03-01" {
		t.Errorf("Stats First, Last = %q, %q; want 2024-01-01, 2025-03-01", st.First, st.Last)
	}
}

func testNearDuplicates(t *testing.T, open opener) {
	s := fresh(t, open)
	big := uint64(1<<63 + 5) // does not fit a signed 64-bit integer
	docs := []struct {
		id      string
		buckets []uint64
	}{
		{"a", []uint64{1, 2, 3, 4}},
		{"b", []uint64{3, 4, 5}},
		{"c", []uint64{4, 9}},
		{"d", []uint64{big}},
		{"e", []uint64{9}},
		{"f", nil},
	}
	hash := map[string]string{}
	name := map[string]string{}
	for _, x := range docs {
		d := newDoc(x.id, "a.example", "", x.id)
		put(t, s, &store.Batch{Doc: d, Buckets: x.buckets})
		hash[x.id], name[d.Hash] = d.Hash, x.id
	}
	cases := []struct {
		buckets []uint64
		want    []string // name and buckets shared
	}{
		{[]uint64{1, 2, 3, 4, 5}, []string{"a4", "b3", "c1"}},
		{[]uint64{5, 4, 3}, []string{"b3", "a2", "c1"}},
		{[]uint64{9, 4}, []string{"c2", "a1", "b1", "e1"}}, // ties: the earlier stored first
		{[]uint64{big}, []string{"d1"}},
		{[]uint64{200}, nil},
		{nil, nil},
	}
	for _, tc := range cases {
		got, err := s.NearDuplicates(ctx, tc.buckets)
		if err != nil {
			t.Fatalf("NearDuplicates(%v): %v", tc.buckets, err)
		}
		var names []string
		for _, h := range got {
			names = append(names, fmt.Sprint(name[h.Hash], h.Shared))
		}
		if !slices.Equal(names, tc.want) {
			t.Errorf("NearDuplicates(%v) = %v, want %v", tc.buckets, names, tc.want)
		}
	}
}

func testDocument(t *testing.T, open opener) {
	s := fresh(t, open)
	first := newDoc("page", "a.example", "2025-01-01", "first version")
	second := newDoc("page", "a.example", "2025-01-02", "second version")
	put(t, s, newBatch(first))
	put(t, s, newBatch(second))
	for _, tc := range []struct{ key, want string }{
		{first.Hash, first.Hash},
		{second.Hash, second.Hash},
		{"page", first.Hash}, // the first stored with that id
	} {
		d, err := s.Document(ctx, tc.key)
		if err != nil {
			t.Errorf("Document(%q): %v", tc.key, err)
			continue
		}
		if d.Hash != tc.want {
			t.Errorf("Document(%q).Hash = %s, want %s", tc.key, d.Hash, tc.want)
		}
	}
	for _, key := range []string{"missing", ""} {
		if d, err := s.Document(ctx, key); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Document(%q) = %v, %v; want ErrNotFound", key, d, err)
		}
	}
}

func testStats(t *testing.T, open opener) {
	s := fresh(t, open)
	if st := stats(t, s); st.Documents != 0 || st.Events != 0 || st.Clusters != 0 || st.Errors != 0 ||
		st.Duplicates != 0 || len(st.Languages) != 0 || st.First != "" || st.Last != "" {
		t.Errorf("Stats of an empty store = %+v", st)
	}
	filterFixture(t, s)
	got := stats(t, s)
	want := store.Stats{Documents: 3, Events: 7, Clusters: 7, Languages: map[string]int{"id": 2, "en": 1},
		First: "2022-02-18", Last: "2025-06-23"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
	}
}

func testRecordError(t *testing.T, open opener) {
	s := fresh(t, open)
	for _, src := range []string{"bad.html", "feeds.txt:3"} {
		if err := s.RecordError(ctx, src, "invalid UTF-8"); err != nil {
			t.Fatalf("RecordError: %v", err)
		}
	}
	if st := stats(t, s); st.Errors != 2 || st.Documents != 0 {
		t.Errorf("Stats = %+v, want 2 errors, no documents", st)
	}
	// A rerun over the same bad inputs records nothing new.
	for _, src := range []string{"bad.html", "feeds.txt:3"} {
		if err := s.RecordError(ctx, src, "invalid UTF-8"); err != nil {
			t.Fatalf("RecordError: %v", err)
		}
	}
	if st := stats(t, s); st.Errors != 2 {
		t.Errorf("Stats = %+v after recording the same errors again, want 2 errors", st)
	}
}

func testConcurrent(t *testing.T, open opener) {
	s := fresh(t, open)
	const workers, perWorker = 4, 25
	shared := newDoc("shared", "a.example", "2025-01-01", "put by every worker")
	var wg sync.WaitGroup
	errs := make(chan error, workers*(perWorker+10))
	var addedShared sync.Map
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				d := newDoc(fmt.Sprintf("w%d-%d", w, i), fmt.Sprintf("outlet%d.example", w), "2025-01-01", "concurrent")
				day := fmt.Sprintf("2025-01-%02d", 1+i%28)
				// Every worker reports the same acts, so that they contend
				// for the same clusters.
				b := newBatch(d,
					act{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: day},
					act{typ: "CONSULT", actors: []string{"RUS", "CHN"}, date: day},
					act{typ: "AID", actors: []string{"RUS"}, recipients: []string{"CUB"}, date: day, contexts: []string{fmt.Sprint(w)}})
				b.Buckets = []uint64{uint64(i), uint64(1000 + w)}
				if added, err := store.Put(ctx, s, b); err != nil || !added {
					errs <- fmt.Errorf("Put(%s) = %v, %v", d.ID, added, err)
				}
				if i%5 == 0 {
					// Readers alongside the writers.
					if _, err := s.Events(ctx, store.Filter{Pair: [2]string{"RUS", "MLI"}, Limit: 10}); err != nil {
						errs <- err
					}
					if _, err := s.Stats(ctx); err != nil {
						errs <- err
					}
					if _, err := s.NearDuplicates(ctx, []uint64{uint64(i)}); err != nil {
						errs <- err
					}
					if has, err := s.HasDocument(ctx, d.Hash); err != nil || !has {
						errs <- fmt.Errorf("HasDocument(%s) = %v, %v", d.ID, has, err)
					}
				}
			}
			added, err := store.Put(ctx, s, newBatch(shared, act{typ: "AGREE", actors: []string{"RUS"}, recipients: []string{"MLI"}, date: "2025-01-01"}))
			if err != nil {
				errs <- err
			}
			addedShared.Store(w, added)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	n := 0
	addedShared.Range(func(_, v any) bool {
		if v.(bool) {
			n++
		}
		return true
	})
	if n != 1 {
		t.Errorf("the same document was added %d times by concurrent Puts, want 1", n)
	}
	st := stats(t, s)
	if st.Documents != workers*perWorker+1 || st.Events != 3*workers*perWorker+1 {
		t.Errorf("Stats = %+v, want %d documents and %d events", st, workers*perWorker+1, 3*workers*perWorker+1)
	}
	perDoc := map[string]int{}
	for _, e := range events(t, s, store.Filter{}) {
		perDoc[e.DocHash]++
	}
	for h, n := range perDoc {
		if n != 3 && h != shared.Hash {
			t.Errorf("document %s has %d events, want 3", h, n)
		}
	}
	checkClusters(t, s)
}

func testClose(t *testing.T, s store.Store) {
	d := newDoc("a", "a.example", "", "a")
	put(t, s, newBatch(d))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	checks := map[string]func() error{
		"HasDocument":    func() error { _, err := s.HasDocument(ctx, d.Hash); return err },
		"Put":            func() error { _, err := store.Put(ctx, s, newBatch(newDoc("b", "a.example", "", "b"))); return err },
		"NearDuplicates": func() error { _, err := s.NearDuplicates(ctx, []uint64{1}); return err },
		"Document":       func() error { _, err := s.Document(ctx, d.Hash); return err },
		"Events":         func() error { _, err := s.Events(ctx, store.Filter{}); return err },
		"Clusters":       func() error { _, err := s.Clusters(ctx, store.Filter{}); return err },
		"Links":          func() error { _, err := s.Links(ctx, store.Filter{}); return err },
		"RecordError":    func() error { return s.RecordError(ctx, "x", "y") },
		"Stats":          func() error { _, err := s.Stats(ctx); return err },
	}
	for name, fn := range checks {
		if err := fn(); !errors.Is(err, store.ErrClosed) {
			t.Errorf("%s after Close = %v, want ErrClosed", name, err)
		}
	}
}

// checkTallies verifies PairTallies against TalliesOf for every pair of
// parties that share a cluster.
func checkTallies(t *testing.T, s store.Store) {
	t.Helper()
	all := clusters(t, s, store.Filter{})
	pairs := map[[2]string]bool{}
	for _, c := range all {
		ps := slices.Concat(c.Actors, c.Recipients)
		for _, a := range ps {
			for _, b := range ps {
				if a < b {
					pairs[[2]string{a, b}] = true
				}
			}
		}
	}
	for p := range pairs {
		for _, ab := range [][2]string{p, {p[1], p[0]}} {
			got, err := s.PairTallies(ctx, ab[0], ab[1])
			if err != nil {
				t.Fatalf("PairTallies(%s, %s): %v", ab[0], ab[1], err)
			}
			want := store.TalliesOf(ab[0], ab[1], all)
			if len(got) != 0 || len(want) != 0 {
				if !reflect.DeepEqual(got, want) {
					t.Errorf("PairTallies(%s, %s) = %+v, want %+v", ab[0], ab[1], got, want)
				}
			}
		}
	}
	if got, err := s.PairTallies(ctx, "XXX", "YYY"); err != nil || len(got) != 0 {
		t.Errorf("PairTallies(XXX, YYY) = %v, %v; want none", got, err)
	}
}

func testWriteBatches(t *testing.T, open opener) {
	s := fresh(t, open)
	rus, mli := []string{"RUS"}, []string{"MLI"}
	a := newDoc("a", "a.example", "2025-06-02", "a")
	b := newDoc("b", "b.example", "2025-06-03", "b (copy of a)")
	b.Canonical = a.Hash
	bad := newDoc("bad", "c.example", "2025-06-03", "bad")
	clash := newDoc("clash", "c.example", "2025-06-03", "clash")
	c := newDoc("c", "c.example", "2025-06-04", "c")
	orphan := newDoc("orphan", "c.example", "2025-06-04", "orphan")
	orphan.Canonical = "feed"
	ba := newBatch(a, act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-01"})
	bb := newBatch(b, act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-01"})
	bbad := newBatch(bad, act{typ: "AGREE", actors: rus, recipients: mli})
	bbad.Events[0].Type = ""
	bclash := newBatch(clash, act{typ: "AID", actors: rus, recipients: mli})
	bclash.Events[0].ID = ba.Events[0].ID // used by an earlier batch of the call
	bc := newBatch(c, act{typ: "AGREE", actors: rus, recipients: mli, date: "2025-06-03"},
		act{typ: "AID", actors: rus, recipients: mli, date: "2025-06-03"})
	again := newBatch(a, act{typ: "ACCUSE", actors: mli, recipients: rus})
	borphan := newBatch(orphan)
	out, err := s.Write(ctx, []*store.Batch{ba, bb, bbad, bclash, bc, again, borphan})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if len(out) != 7 {
		t.Fatalf("Write returned %d outcomes for 7 batches", len(out))
	}
	for i, want := range []struct {
		added, err bool
	}{{true, false}, {true, false}, {false, true}, {false, true}, {true, false}, {false, false}, {false, true}} {
		if out[i].Added != want.added || (out[i].Err != nil) != want.err {
			t.Errorf("outcome %d = %+v, want added %v, error %v", i, out[i], want.added, want.err)
		}
	}
	for _, h := range []string{bad.Hash, clash.Hash, orphan.Hash} {
		if has, err := s.HasDocument(ctx, h); err != nil || has {
			t.Errorf("a rejected document is stored: %v, %v", has, err)
		}
	}
	for _, bt := range []*store.Batch{ba, bb, bc} {
		for _, e := range bt.Events {
			if e.ClusterID == 0 || e.DocHash != bt.Doc.Hash {
				t.Errorf("event %s after Write: ClusterID %d, DocHash %q", e.ID, e.ClusterID, e.DocHash)
			}
		}
	}
	// a, b and c's first act are one cluster; b counts as a's source.
	if ba.Events[0].ClusterID != bb.Events[0].ClusterID || ba.Events[0].ClusterID != bc.Events[0].ClusterID {
		t.Errorf("one act in three clusters: %d, %d, %d", ba.Events[0].ClusterID, bb.Events[0].ClusterID, bc.Events[0].ClusterID)
	}
	cs := clusters(t, s, store.Filter{Types: []record.Type{"AGREE"}})
	if len(cs) != 1 || cs[0].Mentions != 3 || cs[0].Sources != 2 || cs[0].Outlets != 3 || cs[0].First != "2025-06-01" || cs[0].Last != "2025-06-03" {
		t.Errorf("clusters = %+v, want one with 3 mentions, 2 sources, 3 outlets, 2025-06-01 to 2025-06-03", cs)
	}
	if st := stats(t, s); st.Documents != 3 || st.Events != 4 || st.Clusters != 2 || st.Duplicates != 1 {
		t.Errorf("Stats = %+v, want 3 documents (1 duplicate), 4 events, 2 clusters", st)
	}
	checkClusters(t, s)
	if out, err := s.Write(ctx, nil); err != nil || len(out) != 0 {
		t.Errorf("Write(nil) = %v, %v", out, err)
	}
}

// testWriteSplit writes one sequence of batches in one call, one per call
// and in uneven chunks, and compares the records.
func testWriteSplit(t *testing.T, open opener) {
	var batches func() []*store.Batch = func() []*store.Batch {
		parties := [][2]string{{"RUS", "MLI"}, {"CHN", "RUS"}, {"IDN", "MYS"}, {"FRA", "NER"}}
		types := []record.Type{"AGREE", "CONSULT", "ACCUSE"}
		ctxs := [][]string{nil, {"military"}, {"economic"}, {"military", "economic"}}
		var bs []*store.Batch
		var first string
		for i := range 60 {
			pub := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*5)%90).Format(time.DateOnly)
			d := newDoc(fmt.Sprintf("doc-%02d", i), fmt.Sprintf("o%d.example", i%4), pub, fmt.Sprint("body ", i))
			if i%7 == 3 {
				d.Canonical = first
			}
			var acts []act
			for j := range 1 + i%3 {
				p := parties[(i+j)%len(parties)]
				a := act{typ: types[(i*j+i/4)%len(types)], actors: p[:1], recipients: p[1:], contexts: ctxs[(i+2*j)%len(ctxs)]}
				switch (i + j) % 4 {
				case 0:
					a.date = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*3+j*11)%90).Format(time.DateOnly)
				case 1:
					a.date = pub[:7]
				case 2: // undated: the publication date places it
				case 3:
					a.date = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*7)%90).Format(time.DateOnly)
				}
				acts = append(acts, a)
			}
			b := newBatch(d, acts...)
			if i%11 == 5 {
				b.Doc.PubDate = ""
				for k := range b.Events {
					b.Events[k].PubDate = nil
					b.Events[k].Date = nil
				}
			}
			if i == 0 {
				first = d.Hash
			}
			bs = append(bs, b)
		}
		return bs
	}
	take := func(s store.Store) snapshot {
		return snapshot{events(t, s, store.Filter{}), clusters(t, s, store.Filter{}), stats(t, s)}
	}
	var want snapshot
	for n, chunks := range [][]int{{60}, {1}, {7, 1, 13, 2, 30}} {
		s := fresh(t, open)
		bs := batches()
		for i, k := 0, 0; i < len(bs); k++ {
			size := chunks[k%len(chunks)]
			out, err := s.Write(ctx, bs[i:min(len(bs), i+size)])
			if err != nil {
				t.Fatalf("Write: %v", err)
			}
			for _, o := range out {
				if !o.Added || o.Err != nil {
					t.Fatalf("outcome %+v, want added", o)
				}
			}
			i += size
		}
		got := take(s)
		checkClusters(t, s)
		if n == 0 {
			want = got
			if len(want.Clusters) < 10 || len(want.Clusters) > len(want.Events)-10 {
				t.Fatalf("%d clusters of %d events: the fixture should cluster some events and not others", len(want.Clusters), len(want.Events))
			}
			continue
		}
		if !reflect.DeepEqual(renumber(got), renumber(want)) {
			t.Errorf("chunks %v: the record differs from one Write of every batch", chunks)
		}
	}
}

// snapshot is a store's record.
type snapshot struct {
	Events   []store.Event
	Clusters []store.Cluster
	Stats    store.Stats
}

// renumber replaces cluster ids (internal keys) by their order of first
// appearance in the events.
func renumber(s snapshot) snapshot {
	ids := map[int64]int64{}
	for _, e := range s.Events {
		if _, ok := ids[e.ClusterID]; !ok {
			ids[e.ClusterID] = int64(len(ids) + 1)
		}
	}
	out := snapshot{slices.Clone(s.Events), slices.Clone(s.Clusters), s.Stats}
	for i := range out.Events {
		out.Events[i].ClusterID = ids[out.Events[i].ClusterID]
	}
	for i := range out.Clusters {
		out.Clusters[i].ID = ids[out.Clusters[i].ID]
	}
	return out
}
