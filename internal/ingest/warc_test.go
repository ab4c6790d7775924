package ingest_test

import (
	"bytes"
	"compress/flate"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/ingest"
	"mitra/internal/ingest/ingesttest"
)

func uuid(n int) string { return fmt.Sprintf("6f0c3a52-0000-4000-8000-%012d", n) }

// warcRecords returns the records of a test WARC file: four HTML pages
// (plain, chunked and gzip-encoded, windows-1252, deflate-encoded) among
// records to skip, and a last record that is cut short when truncate.
func warcRecords() [][]byte {
	page := func(title string) []byte { return []byte(ingesttest.Page(title)) }
	p1 := page("Railway deal signed in Vessa")
	gz := ingesttest.Gzip(page("Freight trains to run from March"))
	cp1252 := []byte(strings.ReplaceAll(ingesttest.Page("Ministers meet in Vessa"), "Vessa", "V\xe9ssa"))
	cp1252 = bytes.Replace(cp1252, []byte(`<meta charset="utf-8">`), nil, 1)
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestSpeed)
	fw.Write(page("Border farmers welcome the railway"))
	fw.Close()
	pdf := []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	return [][]byte{
		ingesttest.WARCInfo(uuid(1)),
		ingesttest.Request(uuid(2), "https://courier.example/rail"),
		ingesttest.Response(uuid(3), "https://courier.example/rail", ingesttest.HTTPResponse(200,
			[]string{"Content-Type: text/html; charset=UTF-8", fmt.Sprintf("Content-Length: %d", len(p1))}, p1)),
		ingesttest.Record("metadata", uuid(4), "https://courier.example/rail", "application/warc-fields", []byte("fetchTimeMs: 120\r\n")),
		ingesttest.Response(uuid(5), "https://courier.example/freight", ingesttest.HTTPResponse(200,
			[]string{"Content-Type: application/xhtml+xml", "Transfer-Encoding: chunked", "Content-Encoding: gzip"}, ingesttest.Chunked(gz, 100))),
		ingesttest.Response(uuid(6), "https://courier.example/report.pdf", ingesttest.HTTPResponse(200,
			[]string{"Content-Type: application/pdf", fmt.Sprintf("Content-Length: %d", len(pdf))}, pdf)),
		ingesttest.Response(uuid(7), "https://courier.example/gone", ingesttest.HTTPResponse(404,
			[]string{"Content-Type: text/html"}, page("Not found"))),
		ingesttest.Response(uuid(8), "https://courier.example/ministers", ingesttest.HTTPResponse(200,
			[]string{"Content-Type: text/html; charset=windows-1252"}, cp1252)),
		ingesttest.Record("revisit", uuid(9), "https://courier.example/rail", "application/http; msgtype=response", []byte("HTTP/1.1 200 OK\r\n\r\n")),
		ingesttest.Response(uuid(10), "https://courier.example/farmers", ingesttest.HTTPResponse(200,
			[]string{"Content-Type: text/html", "Content-Encoding: deflate"}, deflated.Bytes())),
		ingesttest.Response(uuid(11), "https://courier.example/last", ingesttest.HTTPResponse(200,
			[]string{"Content-Type: text/html"}, page("The last page is cut short"))),
	}
}

func TestWARC(t *testing.T) {
	recs := warcRecords()
	dir := t.TempDir()
	docs := func(p string) []string {
		return []string{
			"DOC id=" + uuid(3) + " source=" + p + "#3 url=https://courier.example/rail",
			"DOC id=" + uuid(5) + " source=" + p + "#5 url=https://courier.example/freight",
			"DOC id=" + uuid(8) + " source=" + p + "#8 url=https://courier.example/ministers",
			"DOC id=" + uuid(10) + " source=" + p + "#10 url=https://courier.example/farmers",
		}
	}

	// Uncompressed, whole, then with the last record cut short.
	var plain bytes.Buffer
	for _, r := range recs {
		plain.Write(r)
	}
	p := write(t, filepath.Join(dir, "plain.warc"), plain.Bytes())
	items := read(t, []string{p}, ingest.Options{})
	expect(t, items, append(docs(p), "DOC id="+uuid(11)+" source="+p+"#11 url=https://courier.example/last")...)
	if len(items) == 5 {
		if !strings.Contains(items[2].Doc.Text, "Véssa") {
			t.Errorf("windows-1252 page not decoded: %q", items[2].Doc.Title)
		}
		if !strings.Contains(items[1].Doc.Text, ingesttest.Paragraphs[1]) {
			t.Errorf("chunked gzip page: %q", items[1].Doc.Text)
		}
		if items[0].Doc.Format != "html" || items[0].Doc.Title != "Railway deal signed in Vessa" {
			t.Errorf("doc: %+v", items[0].Doc.Title)
		}
	}
	p = write(t, filepath.Join(dir, "cut.warc"), plain.Bytes()[:plain.Len()-100])
	expect(t, read(t, []string{p}, ingest.Options{}), append(docs(p), "ERR "+p+"#11: truncated record")...)

	// gzip per record, then with the last member cut short.
	var members bytes.Buffer
	for _, r := range recs {
		members.Write(ingesttest.Gzip(r))
	}
	p = write(t, filepath.Join(dir, "records.warc.gz"), members.Bytes())
	expect(t, read(t, []string{p}, ingest.Options{}), append(docs(p), "DOC id="+uuid(11)+" source="+p+"#11 url=https://courier.example/last")...)
	p = write(t, filepath.Join(dir, "cut.warc.gz"), members.Bytes()[:members.Len()-30])
	expect(t, read(t, []string{p}, ingest.Options{}), append(docs(p), "ERR "+p+"#11: truncated gzip data")...)

	// gzip over the whole file.
	whole := ingesttest.Gzip(plain.Bytes())
	p = write(t, filepath.Join(dir, "whole.warc.gz"), whole)
	expect(t, read(t, []string{p}, ingest.Options{}), append(docs(p), "DOC id="+uuid(11)+" source="+p+"#11 url=https://courier.example/last")...)
	p = write(t, filepath.Join(dir, "whole-cut.warc.gz"), whole[:len(whole)-25])
	expect(t, read(t, []string{p}, ingest.Options{}), append(docs(p), "ERR "+p+"#11: truncated gzip data")...)
	// Without its gzip trailer, the records are whole but the file is not.
	p = write(t, filepath.Join(dir, "no-trailer.warc.gz"), whole[:len(whole)-8])
	expect(t, read(t, []string{p}, ingest.Options{}), append(docs(p),
		"DOC id="+uuid(11)+" source="+p+"#11 url=https://courier.example/last",
		"ERR "+p+": truncated gzip data (after record 11)")...)

	// A page over the size limit is one error; the reader goes on.
	p = write(t, filepath.Join(dir, "limit.warc"), plain.Bytes())
	got := summaries(read(t, []string{p}, ingest.Options{Source: sourceMax(600)}))
	if len(got) != 5 || !strings.HasPrefix(got[0], "ERR "+p+"#3: too large") {
		t.Errorf("size limit: %q", got)
	}
}

func TestWARCBroken(t *testing.T) {
	dir := t.TempDir()
	page := ingesttest.HTTPResponse(200, []string{"Content-Type: text/html"}, []byte(ingesttest.Page("Railway deal")))
	good := ingesttest.Response(uuid(1), "https://courier.example/a", page)
	tests := []struct {
		name string
		data []byte
		want []string // with {P} for the path
	}{
		{"empty.warc", nil, []string{"ERR {P}: empty file"}},
		{"blank.warc", []byte("\r\n\r\n"), []string{"ERR {P}: empty file"}},
		{"html.warc", []byte("<html><body>hello</body></html>"), []string{`ERR {P}: not a WARC file (starts with "<html><body>hello</body>")`}},
		{"binary.warc.gz", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x00\x00\x00"), []string{"ERR {P}: truncated gzip data"}},
		{"not-gzip.warc.gz", []byte("PK\x03\x04 zip file"), []string{`ERR {P}: not a WARC file (starts with "PK\x03\x04 zip file")`}},
		{"no-length.warc", []byte("WARC/1.1\r\nWARC-Type: response\r\n\r\nbody\r\n\r\n"), []string{"ERR {P}#1: record without Content-Length"}},
		{"bad-length.warc", []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: -4\r\n\r\nbody\r\n\r\n"), []string{`ERR {P}#1: bad Content-Length "-4"`}},
		{"bad-line.warc", []byte("WARC/1.1\r\nWARC-Type response\r\n\r\n"), []string{`ERR {P}#1: bad record header line "WARC-Type response"`}},
		{"cut-header.warc", []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Le"), []string{"ERR {P}#1: truncated record"}},
		{"garbage-after.warc", append(append([]byte{}, good...), "garbage\r\n"...), []string{
			"DOC id=" + uuid(1) + " source={P}#1 url=https://courier.example/a", `ERR {P}#2: bad record header (starts with "garbage")`}},
		{"bad-http.warc", ingesttest.Response(uuid(2), "https://courier.example/b", []byte("this is not http\r\n\r\n")), []string{
			`ERR {P}#1: bad http response (status code "is")`}},
		{"br.warc", ingesttest.Response(uuid(3), "https://courier.example/c", ingesttest.HTTPResponse(200, []string{"Content-Type: text/html", "Content-Encoding: br"}, []byte("\x1b\x00"))), []string{
			`ERR {P}#1: unsupported content encoding "br"`}},
		{"bad-gzip-payload.warc", ingesttest.Response(uuid(4), "https://courier.example/d", ingesttest.HTTPResponse(200, []string{"Content-Type: text/html", "Content-Encoding: gzip"}, []byte("plain, not gzip"))), []string{
			`ERR {P}#1: bad gzip content encoding (invalid header)`}},
		{"cut-payload.warc", ingesttest.Response(uuid(5), "https://courier.example/e", ingesttest.HTTPResponse(200, []string{"Content-Type: text/html", "Content-Length: 99999"}, []byte(ingesttest.Page("Cut")))), []string{
			`ERR {P}#1: truncated http payload`}},
		{"http2.warc", ingesttest.Response(uuid(7), "https://courier.example/g", bytes.Replace(page, []byte("HTTP/1.1 200 OK"), []byte("HTTP/2 200"), 1)), []string{
			"DOC id=" + uuid(7) + " source={P}#1 url=https://courier.example/g"}},
		{"scripts.warc", ingesttest.Response(uuid(6), "https://courier.example/f", ingesttest.HTTPResponse(200, []string{"Content-Type: text/html"}, []byte("<html><script>x()</script></html>"))), []string{
			`ERR {P}#1: no text after cleaning`}},
	}
	for _, tt := range tests {
		p := write(t, filepath.Join(dir, tt.name), tt.data)
		var want []string
		for _, w := range tt.want {
			want = append(want, strings.ReplaceAll(w, "{P}", p))
		}
		got := summaries(read(t, []string{p}, ingest.Options{}))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, want)
		}
	}
}
