package server

import (
	"bytes"
	"compress/gzip"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

// TestStaticGzip checks that the page's files are served compressed to
// clients that accept gzip, with the original's type, and plain otherwise.
func TestStaticGzip(t *testing.T) {
	js := []byte("console.log('mitra');")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(js)
	zw.Close()
	page := fstest.MapFS{
		"index.html": {Data: []byte("<p>jaringan</p>")},
		"app.js":     {Data: js},
		"app.js.gz":  {Data: gz.Bytes()},
	}
	h := newServer(t, newStore(t), Options{Static: page}).Handler()
	tests := []struct {
		path, accept     string
		wantBody         []byte
		wantType, wantCE string
		wantCode         int
	}{
		{"/app.js", "gzip, deflate, br", gz.Bytes(), "text/javascript; charset=utf-8", "gzip", 200},
		{"/app.js", "br;q=1.0, GZIP;q=0.5", gz.Bytes(), "text/javascript; charset=utf-8", "gzip", 200},
		{"/app.js", "", js, "text/javascript; charset=utf-8", "", 200},
		{"/app.js", "gzip;q=0", js, "text/javascript; charset=utf-8", "", 200},
		{"/app.js", "deflate", js, "text/javascript; charset=utf-8", "", 200},
		{"/app.js.gz", "gzip", gz.Bytes(), "", "", 200}, // asked for by name: no encoding claimed
		{"/", "gzip", []byte("<p>jaringan</p>"), "text/html; charset=utf-8", "", 200},
		{"/nothing.js", "gzip", nil, "", "", 404},
	}
	for _, tc := range tests {
		req := newRequest("GET", tc.path, nil)
		if tc.accept != "" {
			req.Header.Set("Accept-Encoding", tc.accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.wantCode {
			t.Errorf("%s (%q): HTTP %d, want %d", tc.path, tc.accept, rec.Code, tc.wantCode)
			continue
		}
		if tc.wantCode != 200 {
			continue
		}
		if !bytes.Equal(rec.Body.Bytes(), tc.wantBody) {
			t.Errorf("%s (%q): body %q", tc.path, tc.accept, rec.Body.Bytes())
		}
		if ce := rec.Header().Get("Content-Encoding"); ce != tc.wantCE {
			t.Errorf("%s (%q): Content-Encoding %q, want %q", tc.path, tc.accept, ce, tc.wantCE)
		}
		if ct := rec.Header().Get("Content-Type"); tc.wantType != "" && ct != tc.wantType {
			t.Errorf("%s (%q): Content-Type %q, want %q", tc.path, tc.accept, ct, tc.wantType)
		}
		if rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: Vary %q", tc.path, rec.Header().Get("Vary"))
		}
	}
}
