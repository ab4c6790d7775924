package sqlite

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// metaPage returns a stored page with its events, as the pipeline makes
// them.
func metaPage(id, url, pub string, evs ...record.Event) *store.Batch {
	raw := []byte("<p>" + id + "</p>")
	sum := sha256.Sum256(raw)
	d := store.Document{
		Hash: hex.EncodeToString(sum[:]), ID: id, Source: id + ".html", URL: url, Outlet: "kabar.example",
		Lang: "id", PubDate: pub, Title: "Judul " + id, Raw: raw, Text: "Teks " + id + " – é",
		IngestedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Build: "mitra v0 (test)", Codebook: record.Codebook,
	}
	b := &store.Batch{Doc: d}
	for i, e := range evs {
		e.ID = id + "-" + string(rune('a'+i))
		e.Doc, e.Lang, e.Factuality, e.Codebook = id, "id", record.Asserted, record.Codebook
		e.Quad = e.Type.Quad()
		if e.Sentence == "" {
			e.Sentence = "Kalimat " + e.ID + "."
		}
		b.Events = append(b.Events, store.Event{Event: e, DocHash: d.Hash})
	}
	return b
}

func gov(codes ...string) []record.Party {
	var ps []record.Party
	for _, c := range codes {
		ps = append(ps, record.Party{Code: c, Text: c, Role: "GOV"})
	}
	return ps
}

func sptr(s string) *string { return &s }

// TestDocumentMetasAndViews: the build and codebook are stored per page,
// DocumentMetas reads metadata without the text (and agrees with the
// fallback through Document), and the SQL views of docs/sql.md give one
// flat row per event, per dyad and per act.
func TestDocumentMetasAndViews(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	pages := []*store.Batch{
		metaPage("p1", "https://kabar.example/a", "2024-03-05",
			record.Event{Type: "SUPPORT", Actors: gov("IDN", "MYS"), Date: sptr("2024-03"), DatePrecision: "month"},
			record.Event{Type: "SANCTION", Actors: gov("USA"), Recipients: gov("RUS", "BLR"), Date: sptr("2024-03-04"), DatePrecision: "day"}),
		metaPage("p2", "https://lain.example/b", "2024-03-06",
			record.Event{Type: "SANCTION", Actors: gov("USA"), Recipients: gov("RUS", "BLR"), Date: sptr("2024-03-04"), DatePrecision: "day"}),
	}
	for _, b := range pages {
		if _, err := store.Put(ctx, db, b); err != nil {
			t.Fatal(err)
		}
	}
	hashes := []string{pages[0].Doc.Hash, pages[1].Doc.Hash, "nosuch"}
	got, err := db.DocumentMetas(ctx, hashes)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d metas, want 2", len(got))
	}
	m := got[pages[0].Doc.Hash]
	want := store.MetaOf(&pages[0].Doc)
	if !reflect.DeepEqual(m, want) {
		t.Errorf("meta\n got %+v\nwant %+v", m, want)
	}
	if m.TextLen != 11 || m.Build != "mitra v0 (test)" || m.Codebook != record.Codebook {
		t.Errorf("text length %d, build %q, codebook %q", m.TextLen, m.Build, m.Codebook)
	}
	// The fallback through Document gives the same.
	fb, err := store.DocumentMetas(ctx, struct{ store.Store }{db}, hashes)
	if err != nil || !reflect.DeepEqual(fb, got) {
		t.Errorf("fallback: %v\n got %+v\nwant %+v", err, fb, got)
	}
	d, err := db.Document(ctx, "p1")
	if err != nil || d.Build != "mitra v0 (test)" || d.Codebook != record.Codebook {
		t.Errorf("Document: %v, build %q codebook %q", err, d.Build, d.Codebook)
	}

	var n int
	if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM event_rows").Scan(&n); err != nil || n != 3 {
		t.Errorf("event_rows: %d rows, %v; want 3", n, err)
	}
	var actor, recipient, actors, recipients, date, start, url, title, build string
	err = db.r.QueryRowContext(ctx, `SELECT actor, recipient, actors, recipients, date, date_start, url, title, build
		FROM event_rows WHERE event_id = 'p1-b'`).Scan(&actor, &recipient, &actors, &recipients, &date, &start, &url, &title, &build)
	if err != nil || actor != "USA" || recipient != "RUS" || actors != "USA" || recipients != "RUS;BLR" ||
		date != "2024-03-04" || start != "2024-03-04" || url != "https://kabar.example/a" || title != "Judul p1" || build != "mitra v0 (test)" {
		t.Errorf("event_rows p1-b: %v: %s %s %s %s %s %s %s %s %s", err, actor, recipient, actors, recipients, date, start, url, title, build)
	}
	if err := db.r.QueryRowContext(ctx, `SELECT date_start FROM event_rows WHERE event_id = 'p1-a'`).Scan(&start); err != nil || start != "2024-03-01" {
		t.Errorf("date_start of a month: %q, %v", start, err)
	}
	// Dyads: IDN↔MYS both ways (reciprocal), USA→RUS and USA→BLR twice.
	if err := db.r.QueryRowContext(ctx, "SELECT count(*), sum(reciprocal) FROM event_dyads").Scan(&n, new(int)); err != nil || n != 6 {
		t.Errorf("event_dyads: %d rows, %v; want 6", n, err)
	}
	// Acts: two clusters; the sanction's first report is p1.
	var mentions, sources int
	err = db.r.QueryRowContext(ctx, `SELECT count(*) FROM act_rows`).Scan(&n)
	if err != nil || n != 2 {
		t.Errorf("act_rows: %d, %v; want 2", n, err)
	}
	err = db.r.QueryRowContext(ctx, `SELECT url, mentions, sources, recipients FROM act_rows WHERE type = 'SANCTION'`).Scan(&url, &mentions, &sources, &recipients)
	if err != nil || url != "https://kabar.example/a" || mentions != 2 || sources != 2 || recipients != "RUS;BLR" {
		t.Errorf("act_rows SANCTION: %v: %s %d %d %s", err, url, mentions, sources, recipients)
	}
}

// TestClustersNewest: sqlite's newest-first pages equal the fallback that
// reverses Clusters, for filters, pages past the end and undated acts; and
// so do the events of a page (EventsOfClusters).
func TestClustersNewest(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 120 {
		b := testBatch(r, i)
		if i%10 == 0 { // some acts with no day at all
			b.Doc.PubDate = ""
			for j := range b.Events {
				b.Events[j].Date, b.Events[j].PubDate = nil, nil
			}
		}
		if _, err := store.Put(ctx, db, b); err != nil {
			t.Fatal(err)
		}
	}
	plain := struct{ store.Store }{db} // without ClustersNewest
	all, err := db.Clusters(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.Filter{
		{}, {Limit: 10}, {Limit: 10, Offset: 25}, {Limit: 50, Offset: len(all) - 20}, {Offset: len(all) + 5, Limit: 3},
		{From: "2024-06", To: "2025-03", Limit: 7, Offset: 3}, {Party: "RUS", Limit: 5}, {Types: []record.Type{"AGREE"}, Limit: 4, Offset: 2},
	} {
		got, err := db.ClustersNewest(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := store.ClustersNewest(ctx, plain, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%+v: %d clusters, fallback %d", f, len(got), len(want))
		}
		// The events of the page, through events_cluster and through the
		// fallback, are the same.
		evs, err := store.EventsOfClusters(ctx, db, got)
		if err != nil {
			t.Fatal(err)
		}
		fb, err := store.EventsOfClusters(ctx, plain, got)
		if err != nil {
			t.Fatal(err)
		}
		mentions := 0
		for _, c := range got {
			mentions += c.Mentions
		}
		if len(evs) != mentions || len(fb) != len(evs) {
			t.Errorf("%+v: %d events of the page, fallback %d, mentions %d", f, len(evs), len(fb), mentions)
		}
		for i := range min(len(evs), len(fb)) {
			if evs[i].ID != fb[i].ID {
				t.Errorf("%+v: event %d is %s, fallback %s", f, i, evs[i].ID, fb[i].ID)
				break
			}
		}
		for i := range got {
			if got[i].ID != want[i].ID {
				t.Errorf("%+v: cluster %d is %d, fallback %d", f, i, got[i].ID, want[i].ID)
			}
			if i > 0 && got[i].First != "" && got[i].First > got[i-1].First {
				t.Errorf("%+v: not newest first at %d", f, i)
			}
			if i > 0 && got[i-1].First == "" && got[i].First != "" {
				t.Errorf("%+v: an undated act before a dated one", f)
			}
		}
	}
}
