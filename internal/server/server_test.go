package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"mitra/internal/actor"
	"mitra/internal/lang/id"
	"mitra/internal/pipeline"
	"mitra/internal/record"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/store/sqlite"
)

var fixture = sync.OnceValues(func() (*pipeline.Pipeline, error) {
	pk, err := id.Load(nil, nil)
	if err != nil {
		return nil, err
	}
	return pipeline.New(pk)
})

// newPipeline returns the Indonesian pipeline and its gazetteer.
func newPipeline(t testing.TB) (*pipeline.Pipeline, *actor.Gazetteer) {
	t.Helper()
	p, err := fixture()
	if err != nil {
		t.Fatal(err)
	}
	return p, p.Gazetteer()
}

// newStore opens an empty store in a temporary folder.
func newStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "mitra.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// filledStore is a store holding the pages of testdata/pages, ingested
// through the pipeline as `mitra ingest` does.
func filledStore(t testing.TB) *sqlite.DB {
	t.Helper()
	p, _ := newPipeline(t)
	db := newStore(t)
	read := func(_ context.Context, fn func(source.Item)) {
		source.Read([]string{"testdata/pages"}, nil, source.Options{}, fn)
	}
	var prog pipeline.Progress
	if err := p.Ingest(context.Background(), db, read, pipeline.IngestOptions{OnError: func(err error) { t.Error(err) }}, &prog); err != nil {
		t.Fatal(err)
	}
	if n := prog.Snapshot(); n.Stored != 3 || n.Events < 6 {
		t.Fatalf("fixture: stored %d documents with %d events; want 3 with at least 6", n.Stored, n.Events)
	}
	return db
}

func newServer(t testing.TB, st store.Store, opt Options) *Server {
	t.Helper()
	p, g := newPipeline(t)
	return New(st, p, g, opt)
}

// response is a decoded envelope.
type response struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
	code      int
	header    http.Header
}

// do sends a request to h and decodes the envelope, failing the test when
// the body is not one.
func do(t testing.TB, h http.Handler, method, target string, body io.Reader, hdr ...string) response {
	t.Helper()
	req := newRequest(method, target, body)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r response
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("%s %s: not a JSON envelope (%v): %q", method, target, err, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: Content-Type %q", method, target, ct)
	}
	r.code, r.header = rec.Code, rec.Header()
	switch {
	case r.Status == "success" && (r.code != 200 || r.Data == nil || r.ErrorType != ""):
		t.Errorf("%s %s: malformed success envelope (HTTP %d): %s", method, target, r.code, rec.Body.String())
	case r.Status == "error" && (r.code < 400 || r.ErrorType == "" || r.Error == "" || r.Data != nil):
		t.Errorf("%s %s: malformed error envelope (HTTP %d): %s", method, target, r.code, rec.Body.String())
	case r.Status != "success" && r.Status != "error":
		t.Errorf("%s %s: status %q", method, target, r.Status)
	}
	return r
}

// ok decodes a success envelope's data into v.
func ok(t testing.TB, r response, v any) {
	t.Helper()
	if r.Status != "success" {
		t.Fatalf("HTTP %d %s: %s", r.code, r.ErrorType, r.Error)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("data: %v: %s", err, r.Data)
	}
}

// wantError checks an error envelope's status and type.
func wantError(t testing.TB, r response, code int, typ string) {
	t.Helper()
	if r.code != code || r.Status != "error" || r.ErrorType != typ {
		t.Errorf("got HTTP %d %s %q (%s); want %d %s", r.code, r.Status, r.ErrorType, r.Error, code, typ)
	}
}

type party struct {
	Code string `json:"code"`
}

type eventRec struct {
	ID         string   `json:"id"`
	Doc        string   `json:"doc"`
	Type       string   `json:"type"`
	Quad       int      `json:"quad"`
	Contexts   []string `json:"contexts"`
	Actors     []party  `json:"actors"`
	Recipients []party  `json:"recipients"`
	Date       *string  `json:"date"`
	PubDate    *string  `json:"pub_date"`
	Sentence   string   `json:"sentence"`
	Span       [2]int   `json:"span"`
	ClusterID  int64    `json:"cluster_id"`
	DocHash    string   `json:"doc_hash"`
	TextSpan   *[2]int  `json:"text_span"`
	TextSpan16 *[2]int  `json:"text_span_utf16"`
}

func (e eventRec) parties() []string {
	var out []string
	for _, p := range append(slices.Clone(e.Actors), e.Recipients...) {
		out = append(out, p.Code)
	}
	return out
}

type eventPage struct {
	Events     []eventRec `json:"events"`
	Limit      int        `json:"limit"`
	Offset     int        `json:"offset"`
	NextOffset *int       `json:"next_offset"`
}

func getEvents(t *testing.T, h http.Handler, query string) eventPage {
	t.Helper()
	var pg eventPage
	ok(t, do(t, h, "GET", "/api/events?"+query, nil), &pg)
	return pg
}

func TestEvents(t *testing.T) {
	h := newServer(t, filledStore(t), Options{}).Handler()
	all := getEvents(t, h, "")
	if len(all.Events) < 6 || all.Limit != DefaultLimit || all.Offset != 0 || all.NextOffset != nil {
		t.Fatalf("all: %d events, limit %d, offset %d, next %v", len(all.Events), all.Limit, all.Offset, all.NextOffset)
	}
	// The raw JSON carries the SPEC record's fields plus cluster_id and
	// doc_hash, and no text span.
	raw := do(t, h, "GET", "/api/events?limit=1", nil)
	for _, k := range []string{`"id"`, `"doc"`, `"lang"`, `"type"`, `"mode"`, `"contexts"`, `"actors"`, `"recipients"`, `"date"`, `"pub_date"`, `"factuality"`, `"sentence"`, `"span"`, `"confidence"`, `"codebook"`, `"cluster_id"`, `"doc_hash"`, `"next_offset"`} {
		if !bytes.Contains(raw.Data, []byte(k)) {
			t.Errorf("events: no %s in %s", k, raw.Data)
		}
	}
	if bytes.Contains(raw.Data, []byte("text_span")) {
		t.Errorf("events carry text_span: %s", raw.Data)
	}
	for _, e := range all.Events {
		if e.ClusterID == 0 || len(e.DocHash) != 64 || e.Quad == 0 || e.Recipients == nil || e.Contexts == nil {
			t.Errorf("event %+v: missing cluster, hash, quad or lists", e)
		}
	}

	has := func(e eventRec, codes ...string) bool {
		for _, c := range codes {
			if !slices.Contains(e.parties(), c) {
				return false
			}
		}
		return true
	}
	tests := []struct {
		name, query string
		min         int
		check       func(eventRec) bool
	}{
		{"pair codes", "pair=RUS,MLI", 2, func(e eventRec) bool { return has(e, "RUS", "MLI") }},
		{"pair lower", "pair=rus,mli", 2, func(e eventRec) bool { return has(e, "RUS", "MLI") }},
		{"pair names", "pair=Rusia,Mali", 2, func(e eventRec) bool { return has(e, "RUS", "MLI") }},
		{"pair english", "pair=Russia,+Mali", 2, func(e eventRec) bool { return has(e, "RUS", "MLI") }},
		{"party name", "party=Malaysia", 3, func(e eventRec) bool { return has(e, "MYS") }},
		{"party", "party=FRA", 2, func(e eventRec) bool { return has(e, "FRA") }},
		{"type", "type=AID", 1, func(e eventRec) bool { return e.Type == "AID" }},
		{"types", "type=aid,sanction&type=ACCUSE", 4, func(e eventRec) bool { return e.Type == "AID" || e.Type == "SANCTION" || e.Type == "ACCUSE" }},
		{"quad", "quad=3", 2, func(e eventRec) bool { return e.Quad == 3 }},
		{"context", "context=diplomatic&party=MLI", 0, func(e eventRec) bool { return slices.Contains(e.Contexts, "diplomatic") }},
		{"from to", "from=2023-01-01&to=2023-12-31", 5, func(e eventRec) bool {
			d := *e.PubDate
			if e.Date != nil {
				d = *e.Date
			}
			return d >= "2023"
		}},
		{"month", "from=2022-01&to=2022-01", 2, func(e eventRec) bool { return e.Doc == "mali-prancis" }},
		{"text", "q=gandum", 1, func(e eventRec) bool { return strings.Contains(e.Sentence, "gandum") }},
		{"lang", "lang=id", 7, func(eventRec) bool { return true }},
		{"doc id", "doc=rusia-mali", 2, func(e eventRec) bool { return e.Doc == "rusia-mali" }},
		{"unknown doc", "doc=nope", 0, func(eventRec) bool { return false }},
		{"unknown code", "party=XYZ", 0, func(eventRec) bool { return false }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg := getEvents(t, h, tc.query)
			if len(pg.Events) < tc.min {
				t.Errorf("%s: %d events, want at least %d", tc.query, len(pg.Events), tc.min)
			}
			for _, e := range pg.Events {
				if !tc.check(e) {
					t.Errorf("%s: event %s %s %v does not match", tc.query, e.Type, e.Doc, e.parties())
				}
			}
		})
	}
	t.Run("doc hash", func(t *testing.T) {
		h0 := all.Events[0].DocHash
		for _, e := range getEvents(t, h, "doc="+h0).Events {
			if e.DocHash != h0 {
				t.Errorf("doc=%s gave an event of %s", h0, e.DocHash)
			}
		}
	})
	t.Run("paging", func(t *testing.T) {
		var got []string
		offset := 0
		for pages := 0; ; pages++ {
			if pages > len(all.Events) {
				t.Fatal("paging does not end")
			}
			pg := getEvents(t, h, fmt.Sprintf("limit=2&offset=%d", offset))
			if pg.Limit != 2 || pg.Offset != offset || len(pg.Events) > 2 {
				t.Fatalf("page at %d: limit %d offset %d, %d events", offset, pg.Limit, pg.Offset, len(pg.Events))
			}
			for _, e := range pg.Events {
				got = append(got, e.ID)
			}
			if pg.NextOffset == nil {
				break
			}
			if *pg.NextOffset != offset+2 {
				t.Fatalf("next_offset %d after %d", *pg.NextOffset, offset)
			}
			offset = *pg.NextOffset
		}
		var want []string
		for _, e := range all.Events {
			want = append(want, e.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("paged ids %v, want %v", got, want)
		}
		if pg := getEvents(t, h, "limit=5000"); pg.Limit != MaxLimit {
			t.Errorf("limit=5000 gave limit %d, want %d", pg.Limit, MaxLimit)
		}
		if pg := getEvents(t, h, "offset=1000"); len(pg.Events) != 0 || pg.NextOffset != nil {
			t.Errorf("past the end: %d events, next %v", len(pg.Events), pg.NextOffset)
		}
	})
}

func TestBadParams(t *testing.T) {
	h := newServer(t, filledStore(t), Options{}).Handler()
	for _, target := range []string{
		"/api/events?from=2023-13-01",
		"/api/events?from=1%2F2%2F2023",
		"/api/events?to=yesterday",
		"/api/events?from=2023-02-01&to=2023-01-31",
		"/api/events?type=FOO",
		"/api/events?type=AGREE,NOPE",
		"/api/events?quad=9",
		"/api/events?quad=0",
		"/api/events?quad=x",
		"/api/events?quad=1&quad=2",
		"/api/events?limit=-1",
		"/api/events?limit=0",
		"/api/events?limit=ten",
		"/api/events?offset=-3",
		"/api/events?offset=99999999999999999999",
		"/api/events?pair=RUS",
		"/api/events?pair=RUS,MLI,FRA",
		"/api/events?pair=RUS,Narnia",
		"/api/events?party=Narnia",
		"/api/events?context=cooking",
		"/api/events?q=%21%21%21",
		"/api/events?lang=indonesian",
		"/api/events?colour=red",
		"/api/events?a=%zz",
		"/api/pairs/RUS/Narnia/series",
		"/api/pairs/RUS/MLI/series?period=year",
		"/api/pairs/RUS/rusia/series",
		"/api/pairs/RUS/MLI/series?from=2023-02-30",
		"/api/pairs/RUS/MLI/series?limit=3",
		"/api/network?min=0",
		"/api/network?min=x",
		"/api/network?from=2024&to=2023",
		"/api/parties?x=1",
		"/api/documents/rusia-mali?raw=maybe",
		"/api/stats?verbose=1",
	} {
		r := do(t, h, "GET", target, nil)
		wantError(t, r, 400, "bad_request")
		if r.code == 400 && len(r.Error) < 10 {
			t.Errorf("%s: unhelpful message %q", target, r.Error)
		}
	}
}

type seriesData struct {
	A, B   struct{ Code, NameID, NameEN string }
	Period string `json:"period"`
	Points []struct {
		Period string         `json:"period"`
		Counts map[string]int `json:"counts"`
		Events int            `json:"events"`
		Score  float64        `json:"score"`
	} `json:"points"`
}

func TestSeries(t *testing.T) {
	h := newServer(t, filledStore(t), Options{}).Handler()
	var s seriesData
	raw := do(t, h, "GET", "/api/pairs/rusia/MLI/series", nil)
	ok(t, raw, &s)
	if !bytes.Contains(raw.Data, []byte(`"name_id":"Rusia"`)) || !bytes.Contains(raw.Data, []byte(`"name_en":"Russia"`)) {
		t.Errorf("series names: %s", raw.Data)
	}
	if s.Period != "month" || len(s.Points) != 2 || s.Points[0].Period != "2023-01" || s.Points[1].Period != "2023-02" {
		t.Fatalf("series: %+v", s)
	}
	// January: Russia's wheat aid (material cooperation); February: the
	// nuclear agreement (verbal cooperation).
	jan, feb := s.Points[0], s.Points[1]
	if jan.Counts["material_coop"] != 1 || jan.Events != 1 || jan.Score <= 0 {
		t.Errorf("January: %+v", jan)
	}
	if feb.Counts["verbal_coop"] != 1 || feb.Events != 1 {
		t.Errorf("February: %+v", feb)
	}
	for _, k := range []string{"verbal_coop", "material_coop", "verbal_conflict", "material_conflict"} {
		if _, ok := jan.Counts[k]; !ok {
			t.Errorf("counts lack %s: %v", k, jan.Counts)
		}
	}
	ok(t, do(t, h, "GET", "/api/pairs/MLI/RUS/series?period=week&from=2023-02", nil), &s)
	if s.Period != "week" || len(s.Points) != 1 || s.Points[0].Period != "2023-W06" {
		t.Errorf("weekly from February: %+v", s)
	}
	ok(t, do(t, h, "GET", "/api/pairs/IDN/RUS/series", nil), &s)
	if s.Points == nil || len(s.Points) != 0 {
		t.Errorf("a pair with no acts: points %v, want []", s.Points)
	}
}

type networkData struct {
	From, To string
	Nodes    []struct {
		Code   string `json:"code"`
		NameID string `json:"name_id"`
		NameEN string `json:"name_en"`
		Events int    `json:"events"`
	} `json:"nodes"`
	Edges []networkEdge `json:"edges"`
}

type networkEdge struct {
	Source, Target string
	Count          int     `json:"count"`
	Score          float64 `json:"score"`
	Coop, Conflict int
}

func TestNetwork(t *testing.T) {
	h := newServer(t, filledStore(t), Options{}).Handler()
	var n networkData
	ok(t, do(t, h, "GET", "/api/network", nil), &n)
	var codes []string
	for _, nd := range n.Nodes {
		codes = append(codes, nd.Code)
		if nd.Events < 1 || nd.NameID == "" || nd.NameEN == "" {
			t.Errorf("node %+v", nd)
		}
	}
	if !slices.Equal(codes, []string{"FRA", "IDN", "MLI", "MYS", "RUS"}) {
		t.Errorf("nodes %v", codes)
	}
	edges := map[string]int{}
	for _, e := range n.Edges {
		edges[e.Source+"-"+e.Target] = e.Count
		if e.Coop+e.Conflict != e.Count {
			t.Errorf("edge %+v: coop+conflict != count", e)
		}
	}
	// IDN-MYS: the agreement, the visit, the protest and the arrest it is
	// about (a second act of the pair, in the other direction).
	if edges["MLI-RUS"] != 2 || edges["IDN-MYS"] != 4 || edges["FRA-MLI"] != 2 {
		t.Errorf("edges %v", edges)
	}
	ok(t, do(t, h, "GET", "/api/network?min=3", nil), &n)
	if len(n.Edges) != 1 || len(n.Nodes) != 2 {
		t.Errorf("min=3: %+v", n)
	}
	ok(t, do(t, h, "GET", "/api/network?from=2022&to=2022", nil), &n)
	if len(n.Edges) != 1 || n.Edges[0].Source != "FRA" || n.From != "2022" {
		t.Errorf("2022: %+v", n)
	}
}

// TestLinkCache: the links of at most linkCacheSize periods are kept, and
// an answer from the cache equals a fresh one.
func TestLinkCache(t *testing.T) {
	s := newServer(t, filledStore(t), Options{})
	h := s.Handler()
	var first, again networkData
	ok(t, do(t, h, "GET", "/api/network?from=2022", nil), &first)
	for y := range linkCacheSize + 8 {
		ok(t, do(t, h, "GET", fmt.Sprintf("/api/network?from=%d", 1900+y), nil), &again)
	}
	if len(s.linkCache.order) != linkCacheSize || len(s.linkCache.m) != linkCacheSize {
		t.Errorf("cache holds %d keys (%d in the map), want %d", len(s.linkCache.order), len(s.linkCache.m), linkCacheSize)
	}
	for range 2 { // evicted and read again, then from the cache
		ok(t, do(t, h, "GET", "/api/network?from=2022", nil), &again)
		if !reflect.DeepEqual(first, again) {
			t.Errorf("network from 2022 changed: %+v, then %+v", first, again)
		}
	}
}

func TestParties(t *testing.T) {
	h := newServer(t, filledStore(t), Options{}).Handler()
	var d struct {
		Parties []struct {
			Code   string `json:"code"`
			NameID string `json:"name_id"`
			NameEN string `json:"name_en"`
			Events int    `json:"events"`
		} `json:"parties"`
	}
	for range 2 { // the second answer comes from the cache
		ok(t, do(t, h, "GET", "/api/parties", nil), &d)
		got := map[string]string{}
		for _, p := range d.Parties {
			got[p.Code] = p.NameID + "/" + p.NameEN
		}
		if got["RUS"] != "Rusia/Russia" || got["MLI"] != "Mali/Mali" || got["FRA"] != "Prancis/France" || len(got) != 5 {
			t.Errorf("parties %v", got)
		}
		if d.Parties[0].Events < d.Parties[len(d.Parties)-1].Events {
			t.Errorf("not most active first: %+v", d.Parties)
		}
	}
}

func TestDocument(t *testing.T) {
	h := newServer(t, filledStore(t), Options{}).Handler()
	var d struct {
		Hash    string     `json:"hash"`
		ID      string     `json:"id"`
		Lang    string     `json:"lang"`
		PubDate string     `json:"pub_date"`
		Text    string     `json:"text"`
		Raw     string     `json:"raw"`
		Events  []eventRec `json:"events"`
	}
	ok(t, do(t, h, "GET", "/api/documents/indonesia-malaysia?raw=true", nil), &d)
	if d.ID != "indonesia-malaysia" || len(d.Hash) != 64 || d.Lang != "id" || d.PubDate != "2023-06-08" || d.Raw == "" {
		t.Fatalf("document %+v", d)
	}
	if strings.Contains(d.Text, "Baca juga") {
		t.Errorf("text is not clean: %q", d.Text)
	}
	if len(d.Events) != 4 {
		t.Fatalf("%d events, want 4", len(d.Events))
	}
	for _, e := range d.Events {
		if e.TextSpan == nil || e.TextSpan16 == nil {
			t.Errorf("event %q: no text span", e.Sentence)
			continue
		}
		if got := d.Text[e.TextSpan[0]:e.TextSpan[1]]; got != e.Sentence {
			t.Errorf("text_span %v gives %q, want %q", *e.TextSpan, got, e.Sentence)
		}
		if raw := d.Raw[e.Span[0]:e.Span[1]]; !strings.Contains(raw, e.Sentence[:20]) {
			t.Errorf("span %v gives %q", e.Span, raw)
		}
	}
	// By hash too; without raw.
	var d2 struct {
		ID  string  `json:"id"`
		Raw *string `json:"raw"`
	}
	ok(t, do(t, h, "GET", "/api/documents/"+d.Hash, nil), &d2)
	if d2.ID != d.ID || d2.Raw != nil {
		t.Errorf("by hash: %+v", d2)
	}
	wantError(t, do(t, h, "GET", "/api/documents/nope", nil), 404, "not_found")
}

func TestLocate(t *testing.T) {
	text := "Ä wird. Rusia dan Mali. Lalu Rusia dan Mali."
	ev := func(sent string, start int) record.Event {
		return record.Event{Sentence: sent, Span: [2]int{start, start + len(sent)}}
	}
	evs := []record.Event{ev("Rusia dan Mali.", 30), ev("Rusia dan Mali.", 9), ev("absent", 0), ev("Rusia dan Mali.", 9)}
	spans := locate(text, evs)
	want := []int{strings.LastIndex(text, "Rusia"), strings.Index(text, "Rusia"), -1, strings.Index(text, "Rusia")}
	for i, sp := range spans {
		if want[i] < 0 {
			if sp.TextSpan != nil {
				t.Errorf("%d: found %v, want none", i, *sp.TextSpan)
			}
			continue
		}
		if sp.TextSpan == nil || sp.TextSpan[0] != want[i] {
			t.Errorf("%d: %v, want start %d", i, sp.TextSpan, want[i])
			continue
		}
		if sp.TextSpanUTF16[0] != want[i]-1 { // Ä is two bytes, one UTF-16 unit
			t.Errorf("%d: utf16 %v", i, *sp.TextSpanUTF16)
		}
	}
}

func TestExtract(t *testing.T) {
	h := newServer(t, newStore(t), Options{MaxBody: 64 << 10}).Handler()
	type extracted struct {
		Lang    string     `json:"lang"`
		PubDate *string    `json:"pub_date"`
		Title   string     `json:"title"`
		Text    string     `json:"text"`
		Events  []eventRec `json:"events"`
		Skipped string     `json:"skipped"`
	}
	page, err := os.ReadFile("testdata/pages/rusia-mali.txt")
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	jsonBody := func(kv ...string) io.Reader {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		b, _ := json.Marshal(m)
		return bytes.NewReader(b)
	}
	check := func(name string, r response, wantType string, wantPub string) extracted {
		t.Helper()
		var x extracted
		ok(t, r, &x)
		types := []string{}
		for _, e := range x.Events {
			types = append(types, e.Type)
			if e.TextSpan == nil || x.Text[e.TextSpan[0]:e.TextSpan[1]] != e.Sentence {
				t.Errorf("%s: event %s: text_span %v does not give its sentence", name, e.Type, e.TextSpan)
			}
			if !slices.Equal(e.parties(), []string{"RUS", "MLI"}) {
				t.Errorf("%s: event %s parties %v", name, e.Type, e.parties())
			}
		}
		if x.Lang != "id" || !slices.Contains(types, wantType) {
			t.Errorf("%s: lang %q, types %v; want id with %s", name, x.Lang, types, wantType)
		}
		if wantPub != "" && (x.PubDate == nil || *x.PubDate != wantPub) {
			t.Errorf("%s: pub_date %v, want %s", name, x.PubDate, wantPub)
		}
		return x
	}
	x := check("json text", do(t, h, "POST", "/api/extract", jsonBody("text", string(page), "pub_date", "2023-02-08"), "Content-Type", "application/json"), "AID", "2023-02-08")
	if strings.Contains(x.Text, "Baca juga") {
		t.Errorf("text not cleaned: %q", x.Text)
	}
	x = check("json html", do(t, h, "POST", "/api/extract", jsonBody("html", string(html))), "AID", "2023-03-02")
	if x.Title == "" || strings.Contains(x.Text, "Beranda") {
		t.Errorf("html: title %q, text %q", x.Title, x.Text)
	}
	check("plain", do(t, h, "POST", "/api/extract?pub_date=2023-02-08", bytes.NewReader(page), "Content-Type", "text/plain; charset=utf-8"), "SUPPORT", "2023-02-08")
	check("html body", do(t, h, "POST", "/api/extract", bytes.NewReader(html), "Content-Type", "text/html"), "AID", "2023-03-02")
	check("sniffed html", do(t, h, "POST", "/api/extract", bytes.NewReader(html)), "AID", "")
	// README's curl -d '{"text": …}' labels JSON as a form; a client may
	// send it as text/plain. Either way it is the JSON request: the page is
	// its text, never the JSON itself.
	for _, ct := range []string{"application/x-www-form-urlencoded", "text/plain; charset=utf-8", "application/vnd.api+json"} {
		x = check("json as "+ct, do(t, h, "POST", "/api/extract", jsonBody("text", string(page), "pub_date", "2023-02-08"), "Content-Type", ct), "AID", "2023-02-08")
		if strings.Contains(x.Text, `"text"`) || strings.HasPrefix(x.Title, "{") {
			t.Errorf("%s: the JSON was coded as the page: title %q", ct, x.Title)
		}
		for _, e := range x.Events {
			if strings.Contains(e.Sentence, `{"`) {
				t.Errorf("%s: sentence %q", ct, e.Sentence)
			}
		}
	}
	form := url.Values{"text": {string(page)}, "pub_date": {"2023-02-08"}}.Encode()
	check("form fields", do(t, h, "POST", "/api/extract", strings.NewReader(form), "Content-Type", "application/x-www-form-urlencoded"), "AID", "2023-02-08")
	wantError(t, do(t, h, "POST", "/api/extract", strings.NewReader("txt=Rusia"), "Content-Type", "application/x-www-form-urlencoded"), 400, "bad_request")
	wantError(t, do(t, h, "POST", "/api/extract", strings.NewReader(`{"txt":"Rusia dan Mali."}`), "Content-Type", "text/plain"), 400, "bad_request")

	var en extracted
	ok(t, do(t, h, "POST", "/api/extract", strings.NewReader("The United States and Japan signed a defence pact in Tokyo on Monday, officials said.")), &en)
	if en.Skipped == "" || len(en.Events) != 0 || en.Events == nil {
		t.Errorf("english page: %+v", en)
	}
	// Nothing was stored.
	var st struct{ Documents int }
	ok(t, do(t, h, "GET", "/api/stats", nil), &st)
	if st.Documents != 0 {
		t.Errorf("extract stored %d documents", st.Documents)
	}

	for _, tc := range []struct {
		name, ct, body, query string
	}{
		{"empty", "", "  \n", ""},
		{"empty text", "application/json", `{"text":""}`, ""},
		{"no text", "application/json", `{"pub_date":"2023-01-01"}`, ""},
		{"unknown field", "application/json", `{"text":"Rusia dan Mali.","lang":"id"}`, ""},
		{"text not string", "application/json", `{"text":5}`, ""},
		{"bad json", "application/json", `{"text":"x"`, ""},
		{"two values", "application/json", `{"text":"x"} {"text":"y"}`, ""},
		{"bad pub_date", "application/json", `{"text":"Rusia dan Mali.","pub_date":"kemarin"}`, ""},
		{"bad pub_date param", "text/plain", "Rusia dan Mali.", "?pub_date=2023-02-30"},
		{"binary", "text/plain", "\x00\x01\x02 binary", ""},
		{"not utf-8", "text/plain", "Rusia \xff\xfe dan M\xe0li.", ""},
		{"bad content type", "text/plain; charset", "Rusia dan Mali.", ""},
		{"bad all", "text/plain", "Rusia dan Mali.", "?all=perhaps"},
	} {
		r := do(t, h, "POST", "/api/extract"+tc.query, strings.NewReader(tc.body), "Content-Type", tc.ct)
		if tc.ct == "" {
			r = do(t, h, "POST", "/api/extract"+tc.query, strings.NewReader(tc.body))
		}
		wantError(t, r, 400, "bad_request")
		t.Logf("%s: %s", tc.name, r.Error)
	}
	big := bytes.Repeat([]byte("Rusia dan Mali menandatangani perjanjian. "), 2000)
	wantError(t, do(t, h, "POST", "/api/extract", bytes.NewReader(big), "Content-Type", "text/plain"), 413, "too_large")
	// Without a Content-Length the limit still holds.
	req := newRequest("POST", "/api/extract", io.MultiReader(bytes.NewReader(big)))
	req.ContentLength = -1
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 413 || !strings.Contains(rec.Body.String(), `"too_large"`) {
		t.Errorf("chunked big body: %d %s", rec.Code, rec.Body)
	}
}

// ingestBody is two JSONL records of our own writing and one bad line.
const ingestBody = `{"id":"niger-as","url":"https://www.kabardunia.id/internasional/niger-as","pub_date":"2024-03-18","text":"Niger Akhiri Kerja Sama Militer dengan Amerika Serikat\n\nNIAMEY, KABARDUNIA.id - Pemerintah Niger mengakhiri perjanjian kerja sama militer dengan Amerika Serikat, Sabtu (16/3/2024).\n\nBaca juga: Harga Emas Hari Ini Naik Tipis\n"}
{"id":"rusia-china","pub_date":"2024-05-16","html":"<html><body><p>BEIJING - Rusia dan China menandatangani pernyataan bersama tentang kemitraan strategis di Beijing, Kamis (16/5/2024).</p></body></html>"}
{"id":"broken","text":5}
`

type ingestResult struct {
	Read, Stored, Duplicates, Skipped, Unsupported, Events, Failed int
	Errors                                                         []string
}

func TestIngest(t *testing.T) {
	st := filledStore(t)
	t.Run("writes off", func(t *testing.T) {
		h := newServer(t, st, Options{}).Handler()
		wantError(t, do(t, h, "POST", "/api/ingest", strings.NewReader(ingestBody), "Authorization", "Bearer anything"), 403, "forbidden")
	})
	h := newServer(t, st, Options{Token: "s3cret", MaxBody: 16 << 10}).Handler()
	for _, auth := range []string{"", "Bearer", "Bearer wrong", "Basic czNjcmV0", "Bearer s3cret2", "s3cret"} {
		r := do(t, h, "POST", "/api/ingest", strings.NewReader(ingestBody), "Authorization", auth)
		wantError(t, r, 401, "unauthorized")
		if r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%q: no WWW-Authenticate", auth)
		}
	}
	before := len(getEvents(t, h, "limit=1000").Events)
	var n networkData
	ok(t, do(t, h, "GET", "/api/network", nil), &n) // fills the links cache
	var res ingestResult
	ok(t, do(t, h, "POST", "/api/ingest", strings.NewReader(ingestBody), "Authorization", "Bearer s3cret", "Content-Type", "application/x-ndjson"), &res)
	if res.Read != 3 || res.Stored != 2 || res.Failed != 1 || res.Events < 2 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "api:3") {
		t.Errorf("ingest: %+v", res)
	}
	pg := getEvents(t, h, "pair=NER,USA")
	if len(pg.Events) == 0 || pg.Events[0].Doc != "niger-as" {
		t.Errorf("ingested event not visible: %+v", pg)
	}
	// The cached links of before the ingest are not served.
	ok(t, do(t, h, "GET", "/api/network", nil), &n)
	if !slices.ContainsFunc(n.Edges, func(e networkEdge) bool { return e.Source == "NER" && e.Target == "USA" }) {
		t.Errorf("network after ingest has no NER-USA edge: %+v", n.Edges)
	}
	if n := len(getEvents(t, h, "pair=Rusia,China").Events); n == 0 {
		t.Errorf("the HTML record's event is not visible")
	}
	if after := len(getEvents(t, h, "limit=1000").Events); after != before+res.Events {
		t.Errorf("%d events after, %d before, %d ingested", after, before, res.Events)
	}
	// Again, as a JSON array: already stored, nothing added.
	var recs []json.RawMessage
	for _, l := range strings.Split(strings.TrimSpace(ingestBody), "\n")[:2] {
		recs = append(recs, json.RawMessage(l))
	}
	arr, _ := json.MarshalIndent(recs, "", "  ")
	ok(t, do(t, h, "POST", "/api/ingest", bytes.NewReader(arr), "Authorization", "bearer s3cret"), &res)
	if res.Read != 2 || res.Stored != 0 || res.Skipped != 2 || res.Failed != 0 || res.Errors == nil {
		t.Errorf("re-ingest: %+v", res)
	}
	// One pretty-printed record.
	one := "{\n  \"id\": \"x\",\n  \"text\": \"Indonesia dan Malaysia menandatangani nota kesepahaman di Jakarta.\"\n}"
	ok(t, do(t, h, "POST", "/api/ingest", strings.NewReader(one), "Authorization", "Bearer s3cret"), &res)
	if res.Read != 1 || res.Stored != 1 {
		t.Errorf("one record: %+v", res)
	}
	for _, body := range []string{"", "[]", "[1,", "  "} {
		wantError(t, do(t, h, "POST", "/api/ingest", strings.NewReader(body), "Authorization", "Bearer s3cret"), 400, "bad_request")
	}
	big := `{"text":"` + strings.Repeat("Rusia dan Mali. ", 2000) + `"}`
	wantError(t, do(t, h, "POST", "/api/ingest", strings.NewReader(big), "Authorization", "Bearer s3cret"), 413, "too_large")
}

// panicky is a store whose Stats panics and whose Events waits for its
// context.
type panicky struct {
	store.Store
	delay time.Duration
}

func (panicky) Stats(context.Context) (store.Stats, error) { panic("boom") }

func (p panicky) Events(ctx context.Context, f store.Filter) ([]store.Event, error) {
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("events: %w", ctx.Err())
	case <-time.After(p.delay):
		return p.Store.Events(ctx, f)
	}
}

func TestPanicAndTimeout(t *testing.T) {
	st := panicky{Store: newStore(t), delay: time.Minute}
	h := newServer(t, st, Options{Timeout: 50 * time.Millisecond}).Handler()
	r := do(t, h, "GET", "/api/stats", nil)
	wantError(t, r, 500, "internal")
	if strings.Contains(r.Error, "boom") {
		t.Errorf("the panic leaks: %q", r.Error)
	}
	start := time.Now()
	wantError(t, do(t, h, "GET", "/api/events", nil), 503, "timeout")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %s", d)
	}
	// The server still answers.
	var hl struct{ Status string }
	ok(t, do(t, h, "GET", "/api/health", nil), &hl)
	if hl.Status != "ok" {
		t.Errorf("health %+v", hl)
	}
}

func TestRoutesMisc(t *testing.T) {
	h := newServer(t, newStore(t), Options{}).Handler()
	r := do(t, h, "POST", "/api/events", nil)
	wantError(t, r, 405, "method_not_allowed")
	if r.header.Get("Allow") != "GET" {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
	wantError(t, do(t, h, "GET", "/api/extract", nil), 405, "method_not_allowed")
	wantError(t, do(t, h, "GET", "/api/nothing", nil), 404, "not_found")
	wantError(t, do(t, h, "GET", "/api/documents/", nil), 404, "not_found")
	var st map[string]any
	ok(t, do(t, h, "GET", "/api/stats", nil), &st)
	for _, k := range []string{"documents", "duplicates", "events", "clusters", "languages", "errors", "first", "last"} {
		if _, ok := st[k]; !ok {
			t.Errorf("stats lack %s: %v", k, st)
		}
	}
	var hl struct {
		Status string `json:"status"`
		Writes bool   `json:"writes"`
	}
	ok(t, do(t, h, "GET", "/api/health", nil), &hl)
	if hl.Status != "ok" || hl.Writes {
		t.Errorf("health %+v", hl)
	}

	// No web page: / lists the API.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newRequest("GET", "/", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "/api/events") || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("index: %d %q", rec.Code, rec.Body.String())
	}
	// A web page.
	web := fstest.MapFS{"index.html": {Data: []byte("<p>peta</p>")}, "app.js": {Data: []byte("x=1")}}
	h2 := newServer(t, newStore(t), Options{Static: web}).Handler()
	for path, want := range map[string]string{"/": "<p>peta</p>", "/app.js": "x=1"} {
		rec := httptest.NewRecorder()
		h2.ServeHTTP(rec, newRequest("GET", path, nil))
		if rec.Code != 200 || rec.Body.String() != want {
			t.Errorf("static %s: %d %q", path, rec.Code, rec.Body.String())
		}
	}
	wantError(t, do(t, h2, "GET", "/api/nothing", nil), 404, "not_found")
}

func TestOpenAPI(t *testing.T) {
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Parameters []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			RequestBody *struct{}      `json:"requestBody"`
			Responses   map[string]any `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	s := newServer(t, newStore(t), Options{})
	documented := 0
	for _, rt := range s.apiRoutes() {
		op, ok := doc.Paths[rt.path][strings.ToLower(rt.method)]
		if !ok {
			t.Errorf("%s %s is not in openapi.json", rt.method, rt.path)
			continue
		}
		documented++
		var query, path []string
		for _, p := range op.Parameters {
			switch p.In {
			case "query":
				query = append(query, p.Name)
			case "path":
				path = append(path, p.Name)
			}
		}
		slices.Sort(query)
		want := slices.Sorted(slices.Values(rt.params))
		if !slices.Equal(query, want) {
			t.Errorf("%s %s: documented query parameters %v, route takes %v", rt.method, rt.path, query, want)
		}
		var wantPath []string
		for _, m := range regexp.MustCompile(`\{(\w+)\}`).FindAllStringSubmatch(rt.path, -1) {
			wantPath = append(wantPath, m[1])
		}
		if !slices.Equal(path, wantPath) {
			t.Errorf("%s %s: documented path parameters %v, want %v", rt.method, rt.path, path, wantPath)
		}
		if rt.body != (op.RequestBody != nil) {
			t.Errorf("%s %s: request body documented %v, route reads one %v", rt.method, rt.path, op.RequestBody != nil, rt.body)
		}
		if _, ok := op.Responses["200"]; !ok {
			t.Errorf("%s %s: no 200 response", rt.method, rt.path)
		}
	}
	if documented+1 != len(doc.Paths) {
		t.Errorf("openapi.json has %d paths, the server %d routes (+ openapi.json)", len(doc.Paths), documented)
	}
	// Every $ref resolves.
	var all map[string]any
	_ = json.Unmarshal(openapiJSON, &all)
	for _, m := range regexp.MustCompile(`"\$ref":\s*"#/([^"]+)"`).FindAllSubmatch(openapiJSON, -1) {
		var cur any = all
		for _, part := range strings.Split(string(m[1]), "/") {
			obj, _ := cur.(map[string]any)
			cur = obj[part]
		}
		if cur == nil {
			t.Errorf("$ref #/%s does not resolve", m[1])
		}
	}
	// Served bare.
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, newRequest("GET", "/api/openapi.json", nil))
	if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), openapiJSON) {
		t.Errorf("GET /api/openapi.json: %d", rec.Code)
	}
}

// slowStats is a store whose Stats takes a while, to see that shutdown
// waits for requests in flight.
type slowStats struct{ store.Store }

func (s slowStats) Stats(ctx context.Context) (store.Stats, error) {
	time.Sleep(300 * time.Millisecond)
	return s.Store.Stats(ctx)
}

func TestServeShutdown(t *testing.T) {
	s := newServer(t, slowStats{newStore(t)}, Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()
	resp, err := http.Get(base + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("health: %d", resp.StatusCode)
	}
	// A request in flight when the context is cancelled completes.
	slow := make(chan int, 1)
	go func() {
		resp, err := http.Get(base + "/api/stats")
		if err != nil {
			slow <- 0
			return
		}
		resp.Body.Close()
		slow <- resp.StatusCode
	}()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if code := <-slow; code != 200 {
		t.Errorf("request in flight during shutdown: %d", code)
	}
	if _, err := http.Get(base + "/api/health"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestRun(t *testing.T) {
	s := newServer(t, newStore(t), Options{Addr: "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	// A bad address is an error, not a hang.
	bad := newServer(t, newStore(t), Options{Addr: "256.0.0.1:http"})
	if err := bad.Run(context.Background()); err == nil {
		t.Error("Run on a bad address: no error")
	}
}

func TestResolve(t *testing.T) {
	_, g := newPipeline(t)
	ps := newParties(g)
	for in, want := range map[string]string{
		"RUS": "RUS", "rus": "RUS", " Rusia ": "RUS", "russia": "RUS", "Amerika Serikat": "USA",
		"United States": "USA", "Korea Selatan": "KOR", "ASEAN": "ASEAN", "XYZ": "XYZ", "Moskow": "RUS",
	} {
		if got, ok := ps.resolve(in); !ok || got != want {
			t.Errorf("resolve(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Narnia", "xyz", "Rusia dan Mali", strings.Repeat("A", 300)} {
		if got, ok := ps.resolve(in); ok {
			t.Errorf("resolve(%q) = %q, want no party", in, got)
		}
	}
	// Without a gazetteer, names still resolve through Name.
	ps = newParties(nil)
	if _, ok := ps.resolve("Rusia"); ok {
		t.Error("resolved a name with no names")
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
		typ  errorType
	}{
		{badRequest("x"), 400, errBadRequest},
		{fmt.Errorf("get: %w", store.ErrNotFound), 404, errNotFound},
		{&http.MaxBytesError{Limit: 5}, 413, errTooLarge},
		{fmt.Errorf("q: %w", context.DeadlineExceeded), 503, errTimeout},
		{store.ErrClosed, 503, errUnavailable},
		{errors.New("no such table: events"), 500, errInternal},
	} {
		code, typ, msg := classify(tc.err)
		if code != tc.code || typ != tc.typ {
			t.Errorf("%v: %d %s, want %d %s", tc.err, code, typ, tc.code, tc.typ)
		}
		if typ == errInternal && strings.Contains(msg, "table") {
			t.Errorf("internal error leaks %q", msg)
		}
	}
}

// newRequest is httptest.NewRequest with a loopback Host, as a browser on
// the server's machine sends (httptest's example.com is refused, see
// hostAllowed).
func newRequest(method, target string, body io.Reader) *http.Request {
	req := httptest.NewRequest(method, target, body)
	req.Host = "localhost:8080"
	return req
}

// TestStatsReads checks that /api/stats says which languages are read.
func TestStatsReads(t *testing.T) {
	h := newServer(t, newStore(t), Options{}).Handler()
	var st struct {
		Reads []string `json:"reads"`
	}
	ok(t, do(t, h, "GET", "/api/stats", nil), &st)
	if len(st.Reads) < 2 || st.Reads[0] != "id" || st.Reads[1] != "ms" {
		t.Errorf("reads %v, want id, ms, …", st.Reads)
	}
}
