package server

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
)

// FuzzFilter sends arbitrary query strings to /api/events: the answer is
// always a 200 or a 400 envelope, never a panic or a 500.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{
		"", "pair=RUS,MLI", "party=Rusia&type=AID,agree&quad=2", "from=2023-01&to=2023", "q=gandum&lang=id",
		"limit=2&offset=2", "limit=-1", "quad=9", "from=2023-13-01", "type=FOO", "doc=rusia-mali",
		"a=%zz", "q=%22%2A%28", "q=NEAR(a b)", "pair=%00,%ff", "context=military&type=&type=,", "offset=9223372036854775807",
		"party=Amerika+Serikat", "from=0000", "to=9999-12-31", "q=" + "x OR y", "lang=ID", "doc=%27%3B--",
	} {
		f.Add(s)
	}
	h := newServer(f, filledStore(f), Options{}).Handler()
	f.Fuzz(func(t *testing.T, query string) {
		req := newRequest("GET", "/api/events", nil)
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 && rec.Code != 400 {
			t.Fatalf("?%s: HTTP %d: %s", query, rec.Code, rec.Body)
		}
		var env envelope
		if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil {
			t.Fatalf("?%s: not an envelope: %v", query, err)
		}
		if (rec.Code == 200) != (env.Status == "success") {
			t.Fatalf("?%s: HTTP %d with status %q", query, rec.Code, env.Status)
		}
	})
}
