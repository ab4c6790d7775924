package source

import (
	"bytes"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestMislabelledEncoding checks that a page declared (or taken to be)
// UTF-8 that holds a few Windows-1252 bytes is read, those bytes decoded,
// with a note saying so; that input with many bytes that are not UTF-8 is
// still rejected, and binary data too.
func TestMislabelledEncoding(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	page := `<html><head><meta charset="utf-8"></head><body><h1>` + newsTitle + `</h1><p>` + newsLead +
		` Konferensi di Z` + "\xfc" + `rich dibuka ` + "\x93" + `hari ini` + "\x94" + `.</p><p>` + newsBody + `</p></body></html>`
	write(t, at("declared-utf8.html"), page)
	write(t, at("stray.txt"), newsTitle+"\n"+newsLead+" Konferensi di Z\xfcrich dibuka.\n")
	write(t, at("undefined-byte.txt"), newsTitle+"\n"+newsLead+" Kode \x81 tak terpakai.\n")
	write(t, at("sjis.txt"), "\x93\xfa\x96\x7b\x82\xcc\x83\x6a\x83\x85\x81\x5b\x83\x58 "+strings.Repeat("\x8e\x9e\x8a\xd4\x82\xc5\x82\xb7\x81\x42", 40))
	write(t, at("binary.bin"), "\x7fELF\x02\x01\x01\x00\x00\x00\x93\xfa")
	tests := []struct {
		name, want, note, text string
	}{
		{"declared-utf8.html", "DOC id=declared-utf8 source=" + at("declared-utf8.html") + " format=html",
			"3 bytes not valid UTF-8 read as Windows-1252 (first at byte ", "Zürich dibuka “hari ini”."},
		{"stray.txt", "DOC id=stray source=" + at("stray.txt") + " format=text",
			"1 byte not valid UTF-8 read as Windows-1252 (first at byte ", "Zürich"},
		{"undefined-byte.txt", "DOC id=undefined-byte source=" + at("undefined-byte.txt") + " format=text",
			"1 byte not valid UTF-8 read as Windows-1252", "Kode \uFFFD tak"},
		{"sjis.txt", "ERR " + at("sjis.txt") + ": invalid UTF-8 at byte 0", "", ""},
		{"binary.bin", "ERR " + at("binary.bin") + ": not text (binary data)", "", ""},
	}
	for _, tt := range tests {
		var items []Item
		Read([]string{at(tt.name)}, nil, Options{}, func(it Item) { items = append(items, it) })
		if len(items) != 1 || summary(items[0]) != tt.want {
			var got []string
			for _, it := range items {
				got = append(got, summary(it))
			}
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
			continue
		}
		d := items[0].Doc
		if d == nil {
			continue
		}
		if len(d.Notes) != 1 || !strings.HasPrefix(d.Notes[0], tt.note) {
			t.Errorf("%s: notes %q, want one starting %q", tt.name, d.Notes, tt.note)
		}
		if !strings.Contains(d.Text, tt.text) || !utf8.Valid(d.Raw) {
			t.Errorf("%s: text %q lacks %q (raw valid UTF-8: %v)", tt.name, d.Text, tt.text, utf8.Valid(d.Raw))
		}
	}
}

// TestURLSchemes checks that a document's URL is only ever an http(s) URL:
// a javascript: (or any other) URL from a JSONL record or a page's
// canonical link is dropped with a note, so that it can never become a
// link.
func TestURLSchemes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "urls.jsonl")
	text := newsTitle + `\n` + newsLead
	write(t, p, strings.Join([]string{
		`{"id":"a","url":"javascript:alert(document.domain)","text":"` + text + `"}`,
		`{"id":"b","url":" JavaScript:alert(1)","text":"` + text + `"}`,
		`{"id":"c","url":"data:text/html,<script>alert(1)</script>","text":"` + text + `"}`,
		`{"id":"d","url":"https://www.kabardunia.id/a","text":"` + text + `"}`,
		`{"id":"e","url":"//evil.example/x","text":"` + text + `"}`,
		`{"id":"f","html":"<html><head><link rel=canonical href=\"javascript://x/%0aalert(1)\"></head><body><p>` + newsLead + `</p></body></html>"}`,
	}, "\n")+"\n")
	want := map[string]string{"d": "https://www.kabardunia.id/a"}
	Read([]string{p}, nil, Options{}, func(it Item) {
		if it.Err != nil {
			t.Errorf("%v", it.Err)
			return
		}
		d := it.Doc
		if d.URL != want[d.ID] {
			t.Errorf("%s: url %q, want %q", d.ID, d.URL, want[d.ID])
		}
		if d.ID != "d" && d.ID != "f" && (len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "not an http(s) URL")) {
			t.Errorf("%s: notes %q", d.ID, d.Notes)
		}
	})
}

// FuzzCheck feeds check arbitrary bytes: it never panics; what it accepts
// is valid UTF-8, with a note when stray bytes were decoded; it never
// accepts input with a NUL byte.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "Rusia dan Mali.", "Z\xfcrich \x93kutip\x94", "\x00\x01", "\xff\xfe\xfd\xfc", "<meta charset=\"iso-8859-2\"><p>\xb1</p>",
		"\xc3\xa9t\xe9", "\x81\x8d\x8f\x90\x9d", "a\x1b[31mb"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, b []byte, html bool) {
		out, note, err := check(b, html)
		if err != nil {
			if out != nil || note != "" {
				t.Fatalf("error %v with output %q, note %q", err, out, note)
			}
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("output not UTF-8: %q", out)
		}
		if bytes.IndexByte(b, 0) >= 0 {
			t.Fatalf("accepted a NUL byte: %q", b)
		}
		// A note says bytes were decoded: never for valid UTF-8, always
		// for anything else but a page decoded from its declared charset.
		if note != "" && utf8.Valid(b) || note == "" && !utf8.Valid(b) && !html {
			t.Fatalf("note %q for input valid UTF-8 %v", note, utf8.Valid(b))
		}
	})
}

// FuzzWebURL checks that WebURL accepts only what parses as an http(s) URL
// with a host, whatever the input.
func FuzzWebURL(f *testing.F) {
	for _, s := range []string{"https://a.example/x", "javascript:alert(1)", "JAVASCRIPT://x/%0a", " http://a", "http://", "//a.example", "data:,x", "HTTP://A.EXAMPLE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !WebURL(s) {
			return
		}
		u, err := url.Parse(s)
		if err != nil || u.Host == "" || (strings.ToLower(u.Scheme) != "http" && strings.ToLower(u.Scheme) != "https") {
			t.Fatalf("accepted %q", s)
		}
	})
}
