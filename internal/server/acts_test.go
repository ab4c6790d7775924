package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

type actRec struct {
	ID            int64    `json:"id"`
	Type          string   `json:"type"`
	Quad          int      `json:"quad"`
	Actors        []string `json:"actors"`
	Recipients    []string `json:"recipients"`
	Date          *string  `json:"date"`
	DatePrecision string   `json:"date_precision"`
	First         *string  `json:"first"`
	Last          *string  `json:"last"`
	Mentions      int      `json:"mentions"`
	Reports       []struct {
		eventRec
		URL    string `json:"url"`
		Outlet string `json:"outlet"`
		Title  string `json:"title"`
	} `json:"reports"`
}

type actPage struct {
	Acts       []actRec `json:"acts"`
	Total      int      `json:"total"`
	Limit      int      `json:"limit"`
	Offset     int      `json:"offset"`
	NextOffset *int     `json:"next_offset"`
}

// TestActs: acts newest first, with a total that counts every matching
// act, pages that add up to it, and each act's reports with their pages.
func TestActs(t *testing.T) {
	st := filledStore(t)
	h := newServer(t, st, Options{}).Handler()
	var all actPage
	ok(t, do(t, h, "GET", "/api/acts?limit=1000", nil), &all)
	var evs eventPage
	ok(t, do(t, h, "GET", "/api/events?limit=1000", nil), &evs)
	clusters := map[int64]bool{}
	for _, e := range evs.Events {
		clusters[e.ClusterID] = true
	}
	if all.Total != len(clusters) || len(all.Acts) != all.Total || all.NextOffset != nil {
		t.Fatalf("total %d, %d acts listed, %d clusters among the events", all.Total, len(all.Acts), len(clusters))
	}
	for i, a := range all.Acts {
		if i > 0 && a.First != nil && all.Acts[i-1].First != nil && *a.First > *all.Acts[i-1].First {
			t.Errorf("act %d (%s) is newer than act %d (%s): not newest first", i, *a.First, i-1, *all.Acts[i-1].First)
		}
		if len(a.Reports) == 0 || len(a.Reports) > a.Mentions {
			t.Errorf("act %d: %d reports of %d mentions", a.ID, len(a.Reports), a.Mentions)
		}
		for _, r := range a.Reports {
			if r.ClusterID != a.ID || r.Title == "" || r.Sentence == "" {
				t.Errorf("act %d: report %+v", a.ID, r)
			}
		}
		if a.Date != nil && a.DatePrecision == "" || a.Quad < 1 {
			t.Errorf("act %d: date %v precision %q quad %d", a.ID, a.Date, a.DatePrecision, a.Quad)
		}
	}
	// Pages of two add up to the whole list, in order.
	var ids []int64
	for off := 0; ; {
		var pg actPage
		ok(t, do(t, h, "GET", "/api/acts?limit=2&offset="+itoa(off), nil), &pg)
		if pg.Total != all.Total {
			t.Errorf("page at %d: total %d, want %d", off, pg.Total, all.Total)
		}
		for _, a := range pg.Acts {
			ids = append(ids, a.ID)
		}
		if pg.NextOffset == nil {
			break
		}
		off = *pg.NextOffset
	}
	if len(ids) != len(all.Acts) {
		t.Fatalf("pages gave %d acts, want %d", len(ids), len(all.Acts))
	}
	for i, a := range all.Acts {
		if ids[i] != a.ID {
			t.Errorf("paged act %d is %d, want %d", i, ids[i], a.ID)
		}
	}
	// A filter: the pair's acts only, with their total.
	var pair actPage
	ok(t, do(t, h, "GET", "/api/acts?pair=RUS,MLI", nil), &pair)
	if pair.Total == 0 || pair.Total >= all.Total || len(pair.Acts) != pair.Total {
		t.Errorf("pair: total %d of %d", pair.Total, all.Total)
	}
	for _, a := range pair.Acts {
		ps := strings.Join(append(a.Actors, a.Recipients...), ",")
		if !strings.Contains(ps, "RUS") || !strings.Contains(ps, "MLI") {
			t.Errorf("pair act %d has parties %s", a.ID, ps)
		}
	}
	// A period outside the data: nothing, and a total of 0.
	var none actPage
	ok(t, do(t, h, "GET", "/api/acts?from=1990&to=1990-12", nil), &none)
	if none.Total != 0 || len(none.Acts) != 0 || none.Acts == nil {
		t.Errorf("empty period: %+v", none)
	}
	wantError(t, do(t, h, "GET", "/api/acts?quad=9", nil), 400, "bad_request")

	// Events carry their page too.
	r := do(t, h, "GET", "/api/events?limit=1", nil)
	var raw struct {
		Events []map[string]any `json:"events"`
	}
	ok(t, r, &raw)
	if _, has := raw.Events[0]["title"]; !has || raw.Events[0]["title"] == "" {
		t.Errorf("event without its page's title: %v", raw.Events[0])
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestExportDownload: GET /api/export gives what `mitra export` writes, as
// an attachment; errors are envelopes.
func TestExportDownload(t *testing.T) {
	h := newServer(t, filledStore(t), Options{}).Handler()
	get := func(target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, newRequest("GET", target, nil))
		return rec
	}
	var evs eventPage
	ok(t, do(t, h, "GET", "/api/events?pair=RUS,MLI&limit=1000", nil), &evs)

	rec := get("/api/export?format=csv&pair=RUS,MLI")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="mitra-RUS-MLI.csv"` {
		t.Fatalf("csv: %d %v", rec.Code, rec.Header())
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || len(rows) != len(evs.Events)+1 || rows[0][len(rows[0])-3] != "url" {
		t.Errorf("csv: %v, %d rows for %d events", err, len(rows), len(evs.Events))
	}
	rec = get("/api/export?format=jsonl&pair=RUS,MLI")
	if n := strings.Count(rec.Body.String(), "\n"); rec.Code != 200 || n != len(evs.Events) {
		t.Errorf("jsonl: %d, %d lines for %d events", rec.Code, n, len(evs.Events))
	}
	rec = get("/api/export?format=gexf&from=2020-01&to=2030")
	var g struct {
		XMLName xml.Name `xml:"http://www.gexf.net/1.2draft gexf"`
		Graph   struct {
			Start string `xml:"start,attr"`
			End   string `xml:"end,attr"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &g); rec.Code != 200 || err != nil || g.Graph.Start != "2020-01-01" || g.Graph.End != "2030-12-31" {
		t.Errorf("gexf: %d %v %+v", rec.Code, err, g.Graph)
	}
	for _, f := range []string{"cameo", "gdelt", "gdelt-mentions", "graphml"} {
		rec = get("/api/export?format=" + f)
		if rec.Code != 200 || rec.Body.Len() == 0 || !strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: %d %q", f, rec.Code, rec.Header().Get("Content-Disposition"))
		}
	}
	rec = get("/api/export?format=gdelt&header=false")
	if first, _, _ := bytes.Cut(rec.Body.Bytes(), []byte("\n")); bytes.Count(first, []byte("\t")) != 60 || bytes.HasPrefix(first, []byte("GLOBALEVENTID")) {
		t.Errorf("gdelt without header: %q", first)
	}
	wantError(t, do(t, h, "GET", "/api/export?format=xls", nil), 400, "bad_request")
	wantError(t, do(t, h, "GET", "/api/export", nil), 400, "bad_request")
	wantError(t, do(t, h, "GET", "/api/export?format=csv&nope=1", nil), 400, "bad_request")
}

// FuzzActsAndExport sends arbitrary query strings to /api/acts and
// /api/export: the answer is a 200 (an envelope, or a file) or a 400
// envelope, never a panic or a 500.
func FuzzActsAndExport(f *testing.F) {
	for _, s := range []string{
		"", "pair=RUS,MLI", "limit=2&offset=1", "offset=999999", "from=2023-01&to=2023", "format=csv", "format=gdelt&header=false",
		"format=gexf&from=2024&to=2023", "format=gdelt-mentions&party=RUS", "format=xls", "header=maybe&format=csv", "q=%22",
		"format=jsonl&doc=rusia-mali", "format=cameo&type=AID,,", "limit=0", "format=graphml&quad=4",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	h := newServer(f, filledStore(f), Options{}).Handler()
	f.Fuzz(func(t *testing.T, query string, acts bool) {
		path := "/api/export"
		if acts {
			path = "/api/acts"
		}
		req := newRequest("GET", path, nil)
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch {
		case rec.Code == 200 && strings.Contains(rec.Header().Get("Content-Disposition"), "attachment"):
		case rec.Code == 200 || rec.Code == 400:
			var env envelope
			if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || (rec.Code == 200) != (env.Status == "success") {
				t.Fatalf("%s?%s: HTTP %d, not a matching envelope (%v): %.200s", path, query, rec.Code, err, rec.Body)
			}
		default:
			t.Fatalf("%s?%s: HTTP %d: %s", path, query, rec.Code, rec.Body)
		}
	})
}

// FuzzExtractBody posts arbitrary bodies under various types to
// /api/extract: the answer is a 200 or a 400 envelope, and a JSON object
// is never coded as the page.
func FuzzExtractBody(f *testing.F) {
	types := []string{"", "application/json", "application/x-www-form-urlencoded", "text/plain", "text/html", "application/ld+json", "multipart/form-data"}
	for i, s := range []string{
		`{"text":"Rusia dan Mali menandatangani perjanjian."}`, `text=Rusia+dan+Mali&pub_date=2024-01-02`, `{"txt":1}`,
		"Rusia dan Mali menandatangani perjanjian.", "<p>Rusia mengecam AS.</p>", `{"text":"a"} {"text":"b"}`, "%zz=1", "text=a&text=b", `[1,2]`,
	} {
		f.Add(s, uint8(i))
	}
	h := newServer(f, newStore(f), Options{MaxBody: 64 << 10}).Handler()
	f.Fuzz(func(t *testing.T, body string, ct uint8) {
		req := newRequest("POST", "/api/extract", strings.NewReader(body))
		if typ := types[int(ct)%len(types)]; typ != "" {
			req.Header.Set("Content-Type", typ)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var env struct {
			Status string `json:"status"`
			Data   struct {
				Text string `json:"text"`
			} `json:"data"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || (rec.Code != 200 && rec.Code != 400 && rec.Code != 413) {
			t.Fatalf("%q: HTTP %d (%v): %.200s", body, rec.Code, err, rec.Body)
		}
		// A body declared HTML is read as HTML whatever it looks like;
		// otherwise a JSON object is never coded as the page itself.
		typ := types[int(ct)%len(types)]
		if rec.Code == 200 && typ != "text/html" && strings.HasPrefix(strings.TrimSpace(body), "{") && json.Valid([]byte(body)) && strings.Contains(env.Data.Text, `":`) && !strings.Contains(body, `\"`) && !strings.Contains(body, `\u`) {
			t.Fatalf("%q: a JSON object was coded as the page: %q", body, env.Data.Text)
		}
	})
}
