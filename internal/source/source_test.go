package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

const (
	newsTitle = "Indonesia dan Kenya Sepakati Kerja Sama Perdagangan Teh"
	newsLead  = "NAIROBI, WARTA - Indonesia dan Kenya menandatangani nota kesepahaman kerja sama perdagangan teh dan kopi di Nairobi pada Rabu (12/6), kata Kementerian Perdagangan."
	newsBody  = "Kedua negara juga sepakat membentuk komite bersama untuk membahas penurunan tarif impor produk pertanian."
	newsText  = newsTitle + "\n\n" + newsLead + "\n\nBaca juga: Harga Kopi Dunia Naik Tajam\n\n" + newsBody + "\n"
	newsHTML  = "<!DOCTYPE html><html><head><title>Kerja Sama Teh</title></head><body><article><h1>" + newsTitle + "</h1><p>" + newsLead + "</p><p>" + newsBody + "</p></article></body></html>"
)

// item is a comparable summary of an Item.
func summary(it Item) string {
	if it.Err != nil {
		return "ERR " + it.Err.Error()
	}
	d := it.Doc
	s := fmt.Sprintf("DOC id=%s source=%s format=%s", d.ID, d.Source, d.Format)
	if !d.PubDate.IsZero() {
		s += fmt.Sprintf(" pub=%s(%s)", d.PubDate, d.PubDateSource)
	}
	if d.URL != "" {
		s += " url=" + d.URL
	}
	return s
}

// readAll reads paths, and checks that a deferred read (Options.Defer,
// Item.Ready on another goroutine) gives the same items with the same
// text.
func readAll(t *testing.T, paths []string, stdin string, opt Options) []string {
	t.Helper()
	var deferred []Item
	dopt := opt
	dopt.Defer = true
	Read(paths, strings.NewReader(stdin), dopt, func(it Item) { deferred = append(deferred, it) })
	done := make(chan []Item)
	go func() {
		var out []Item
		for _, it := range deferred {
			out = append(out, it.Ready())
		}
		done <- out
	}()
	deferred = <-done
	out := readNow(t, paths, stdin, opt)
	if len(deferred) != len(out) {
		t.Fatalf("a deferred read gave %d items, the read %d", len(deferred), len(out))
	}
	for i, it := range deferred {
		if summary(it) != out[i] || (it.Doc != nil && it.Doc.Text != texts[i]) {
			t.Errorf("item %d: deferred %s, read %s", i, summary(it), out[i])
		}
	}
	return out
}

var texts []string

func readNow(t *testing.T, paths []string, stdin string, opt Options) []string {
	t.Helper()
	var out []string
	texts = texts[:0]
	Read(paths, strings.NewReader(stdin), opt, func(it Item) {
		if it.Doc != nil {
			texts = append(texts, it.Doc.Text)
		} else {
			texts = append(texts, "")
		}
		if (it.Doc == nil) == (it.Err == nil) {
			t.Fatalf("item with doc %v and err %v", it.Doc, it.Err)
		}
		if it.Doc != nil {
			d := it.Doc
			if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) {
				t.Errorf("%s: bad text %q", d.Source, d.Text)
			}
			for _, s := range d.Map.Segs {
				if s.Raw+s.RawLen > len(d.Raw) || s.Clean+s.Len > len(d.Text) {
					t.Errorf("%s: segment %+v out of bounds", d.Source, s)
				}
			}
		}
		out = append(out, summary(it))
	})
	return out
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func expect(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFolderWalk(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.txt"), newsText)
	write(t, filepath.Join(dir, "a.txt"), newsText)
	write(t, filepath.Join(dir, "sub", "c.html"), newsHTML)
	write(t, filepath.Join(dir, "sub", "catatan"), newsText) // no extension: text
	write(t, filepath.Join(dir, "sub", "halaman"), newsHTML) // no extension, HTML inside
	write(t, filepath.Join(dir, ".hidden", "x.txt"), newsText)
	write(t, filepath.Join(dir, ".draft.txt"), newsText)
	write(t, filepath.Join(dir, "foto.png"), "\x89PNG\r\n\x1a\n\x00\x00")
	write(t, filepath.Join(dir, "arsip.gz"), "\x1f\x8b\x08\x00")
	write(t, filepath.Join(dir, "x.bin"), "\x00\x01\x02binary")
	write(t, filepath.Join(dir, "records.jsonl"), `{"id":"r1","text":`+jsonString(newsText)+`}`+"\n")
	got := readAll(t, []string{dir}, "", Options{})
	expect(t, got, []string{
		"DOC id=a source=" + filepath.Join(dir, "a.txt") + " format=text",
		"DOC id=b source=" + filepath.Join(dir, "b.txt") + " format=text",
		"DOC id=r1 source=" + filepath.Join(dir, "records.jsonl") + ":1 format=text",
		"DOC id=c source=" + filepath.Join(dir, "sub", "c.html") + " format=html",
		"DOC id=catatan source=" + filepath.Join(dir, "sub", "catatan") + " format=text",
		"DOC id=halaman source=" + filepath.Join(dir, "sub", "halaman") + " format=html",
		"ERR " + filepath.Join(dir, "x.bin") + ": not text (binary data)",
	})
	// A symbolic link to a folder given as a path is walked.
	link := filepath.Join(t.TempDir(), "tautan")
	if err := os.Symlink(filepath.Join(dir, "sub"), link); err != nil {
		t.Fatal(err)
	}
	got = readAll(t, []string{link}, "", Options{})
	expect(t, got, []string{
		"DOC id=c source=" + filepath.Join(link, "c.html") + " format=html",
		"DOC id=catatan source=" + filepath.Join(link, "catatan") + " format=text",
		"DOC id=halaman source=" + filepath.Join(link, "halaman") + " format=html",
	})
	// Paths are read in the order given.
	got = readAll(t, []string{filepath.Join(dir, "b.txt"), filepath.Join(dir, "a.txt")}, "", Options{})
	expect(t, got, []string{
		"DOC id=b source=" + filepath.Join(dir, "b.txt") + " format=text",
		"DOC id=a source=" + filepath.Join(dir, "a.txt") + " format=text",
	})
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

func TestJSONL(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "batch.jsonl")
	lines := []string{
		`{"id":"a1","url":"https://contoh.example.id/a1","pub_date":"2024-06-12","text":` + jsonString(newsText) + `}`,
		`{"id":"a2","text":` + jsonString(newsText), // truncated
		`{"id":"a3","url":"https://contoh.example.id/a3"}`,
		`{"id":"a4","text":42}`,
		``,
		`{"id":7,"pub_date":"2024-06-12T23:30:00+07:00","html":` + jsonString(newsHTML) + `}`,
		`{"text":` + jsonString(newsText) + `,"pub_date":"2024-06-12 08:15:00"}`,
		`{"id":"a8","pub_date":"12/06/2024","text":` + jsonString(newsText) + `}`,
		`[1,2,3]`,
		`{"id":"a10","text":"Iklan\nBaca juga: Lain"}`,
		`{"id":"a11","text":null,"html":null}`,
		`{"id":"a12","text":"   "}`,
		`{"id":{"x":1},"text":"x"}`,
	}
	write(t, p, strings.Join(lines, "\n")+"\n")
	got := readAll(t, []string{p}, "", Options{})
	expect(t, got, []string{
		"DOC id=a1 source=" + p + ":1 format=text pub=2024-06-12(metadata) url=https://contoh.example.id/a1",
		"ERR " + p + fmt.Sprintf(":2: not a JSON object: unexpected end of JSON input (at byte %d)", len(lines[1])),
		"ERR " + p + `:3: missing "text" and "html"`,
		"ERR " + p + `:4: "text" is not a string (got a number)`,
		"DOC id=7 source=" + p + ":6 format=html pub=2024-06-12(metadata)",
		"DOC id=batch:7 source=" + p + ":7 format=text pub=2024-06-12(metadata)",
		"ERR " + p + `:8: bad "pub_date" "12/06/2024" (want YYYY-MM-DD, RFC 3339 or YYYY-MM-DD HH:MM:SS)`,
		"ERR " + p + ":9: not a JSON object: got array",
		"ERR " + p + ":10: no text after cleaning",
		"ERR " + p + `:11: missing "text" and "html"`,
		"ERR " + p + `:12: empty "text"`,
		"ERR " + p + `:13: "id" is not a string (got an object)`,
	})
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	write(t, at("empty.txt"), "")
	write(t, at("spaces.txt"), " \n\t\n")
	write(t, at("nul.txt"), "Menlu RI\x00 bertemu")
	write(t, at("ctl.txt"), strings.Repeat("\x01\x02\x03 ab", 100))
	write(t, at("latin1.txt"), newsTitle+"\nKonferensi di Z\xfcrich dibuka.\n")
	write(t, at("latin1.html"), `<html><head><meta charset="iso-8859-1"></head><body><p>`+newsLead+` Konferensi di Z`+"\xfc"+`rich.</p><p>`+newsBody+`</p></body></html>`)
	write(t, at("latin1-undeclared.html"), `<html><body><p>`+newsLead+` Konferensi di Z`+"\xfc"+`rich.</p></body></html>`)
	write(t, at("latin1-many.txt"), "Konferensi di Z\xfcrich dan M\xfcnchen, K\xf6ln, D\xfcsseldorf.\n")
	write(t, at("big.txt"), strings.Repeat(newsLead+"\n", 10))
	write(t, at("foto.PNG"), "not really a png")
	write(t, at("menu.txt"), "Beranda\nNasional\nIklan\nBaca juga: Lain\n")
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{"empty.txt", Options{}, "ERR " + at("empty.txt") + ": empty file"},
		{"spaces.txt", Options{}, "ERR " + at("spaces.txt") + ": empty file"},
		{"nul.txt", Options{}, "ERR " + at("nul.txt") + ": not text (binary data)"},
		{"ctl.txt", Options{}, "ERR " + at("ctl.txt") + ": not text (binary data)"},
		{"latin1.txt", Options{}, "DOC id=latin1 source=" + at("latin1.txt") + " format=text"}, // a stray byte: see TestMislabelledEncoding
		{"latin1-many.txt", Options{}, "ERR " + at("latin1-many.txt") + fmt.Sprintf(": invalid UTF-8 at byte %d", len("Konferensi di Z"))},
		{"latin1.html", Options{}, "DOC id=latin1 source=" + at("latin1.html") + " format=html"},
		{"latin1-undeclared.html", Options{}, "DOC id=latin1-undeclared source=" + at("latin1-undeclared.html") + " format=html"},
		{"big.txt", Options{MaxBytes: 100}, "ERR " + at("big.txt") + fmt.Sprintf(": too large (%d bytes, limit 100)", 10*(len(newsLead)+1))},
		{"foto.PNG", Options{}, "ERR " + at("foto.PNG") + `: unsupported file type ".png"`},
		{"missing.txt", Options{}, "ERR " + at("missing.txt") + ": no such file or directory"},
		{"menu.txt", Options{}, "ERR " + at("menu.txt") + ": no text after cleaning"},
	}
	for _, tt := range tests {
		got := readAll(t, []string{at(tt.name)}, "", tt.opt)
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
	// The decoded page is the Raw its offsets refer to.
	Read([]string{at("latin1.html")}, nil, Options{}, func(it Item) {
		if it.Doc == nil || !strings.Contains(it.Doc.Text, "Zürich") || !utf8.Valid(it.Doc.Raw) {
			t.Errorf("latin1.html: %+v", it)
		}
	})
}

func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions are not enforced")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "rahasia.txt")
	write(t, p, newsText)
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, []string{p}, "", Options{})
	expect(t, got, []string{"ERR " + p + ": permission denied"})
}

func TestStdin(t *testing.T) {
	tests := []struct {
		in   string
		max  int64
		want string
	}{
		{newsText, 0, "DOC id=stdin source=- format=text"},
		{"  \n" + newsHTML, 0, "DOC id=stdin source=- format=html"},
		{`{"id":"s1","text":` + jsonString(newsText) + "}\n" + `{"text":` + jsonString(newsText) + "}\n", 0,
			"DOC id=s1 source=-:1 format=text\nDOC id=stdin:2 source=-:2 format=text"},
		{"", 0, "ERR -: empty file"},
		{"{}\n", 0, `ERR -:1: missing "text" and "html"`},
		{newsText, 100, "ERR -: too large (more than 100 bytes, limit 100)"},
	}
	for _, tt := range tests {
		got := readAll(t, []string{"-"}, tt.in, Options{MaxBytes: tt.max})
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("stdin %.30q:\ngot  %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONLTooLarge(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "besar.jsonl")
	big := `{"id":"big","text":` + jsonString(strings.Repeat(newsLead+"\n", 50)) + `}`
	small := `{"id":"small","text":` + jsonString(newsText) + `}`
	write(t, p, big+"\n"+small+"\n")
	got := readAll(t, []string{p}, "", Options{MaxBytes: int64(len(small) + 10)})
	expect(t, got, []string{
		fmt.Sprintf("ERR %s:1: too large (more than %d bytes, limit %d)", p, len(small)+10, len(small)+10),
		"DOC id=small source=" + p + ":2 format=text",
	})
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"Menlu RI bertemu Menlu Kenya di Nairobi pada Rabu (12/6)."}` + "\n"))
	f.Add([]byte(`{"id":1,"html":"<p>RI &amp; Kenya</p>","pub_date":"2024-02-30"}`))
	f.Add([]byte("{\n}\n{\"text\":\"\\u0000\"}\r\n{\"text\":[1]}"))
	f.Add([]byte(`{"text":"x","pub_date":"2024-06-12T10:00:00Z","url":5}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		n := 0
		Read([]string{"-"}, strings.NewReader(string(in)), Options{MaxBytes: 1 << 16}, func(it Item) {
			n++
			if (it.Doc == nil) == (it.Err == nil) {
				t.Fatalf("item with doc %v and err %v", it.Doc, it.Err)
			}
			if it.Err != nil && !strings.HasPrefix(it.Err.Error(), "-") {
				t.Fatalf("error does not name the input: %v", it.Err)
			}
			if d := it.Doc; d != nil && (!utf8.ValidString(d.Text) || strings.TrimSpace(d.Text) == "") {
				t.Fatalf("bad text %q", d.Text)
			}
		})
		if n == 0 {
			t.Fatalf("no item for input %q", in)
		}
	})
}
