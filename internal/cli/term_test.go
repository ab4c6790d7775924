package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile is a sentence of a page that tries to take over the terminal it
// is printed on: set the window title (OSC), clear the screen (CSI), hide
// text (C1 CSI), rewrite the line (carriage return), plant a hyperlink
// (OSC 8), answer back (DCS) and ring.
const hostile = "Rusia dan Mali menandatangani perjanjian \x1b]0;owned\x07kerja sama \x1b[2J\x1b[31mmiliter\x1b[0m di \u009b8mMoskow\r, " +
	"\x1b]8;;http://evil.example\x1b\\Senin\x1b]8;;\x1b\\ \x1bP+q\x1b\\(6/2/2023)\x07."

// controls reports the first terminal control in s other than tab and
// newline: C0, DEL or C1.
func controls(s string) (rune, bool) {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r < 0xa0 {
			return r, true
		}
	}
	return 0, false
}

// TestTerminalOutput checks that nothing a page holds reaches the
// terminal as a control sequence: extract's table and errors, events'
// table, and JSON output (C0 escaped by JSON, C1 escaped here).
func TestTerminalOutput(t *testing.T) {
	dir := t.TempDir()
	rec, _ := json.Marshal(map[string]string{"id": "doc\x1b[2Jx", "pub_date": "2023-02-08", "text": hostile})
	page := filepath.Join(dir, "hostile.jsonl")
	if err := os.WriteFile(page, append(rec, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad\x1b]0;x\x07name.txt")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(what, s string, want ...string) {
		t.Helper()
		if r, ok := controls(s); ok {
			t.Errorf("%s prints control %U:\n%q", what, r, s)
		}
		for _, w := range want {
			if !strings.Contains(s, w) {
				t.Errorf("%s lacks %q:\n%s", what, w, s)
			}
		}
	}
	out, stderr, _ := run(t, "", "extract", "--format", "table", page, bad)
	check("extract --format table", out, "perjanjian kerja sama militer di Moskow", "docx")
	check("extract errors", stderr, "badname.txt: empty file")
	out, _, _ = run(t, "", "extract", page)
	check("extract jsonl", out)
	if rs := decode(t, out); len(rs) == 0 || !strings.HasPrefix(hostile, rs[0].Sentence) || !strings.Contains(rs[0].Sentence, "\u009b") {
		t.Errorf("extract jsonl does not keep the sentence as it is: %+v", rs)
	}

	db := filepath.Join(dir, "m.db")
	if _, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", page); code != ExitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	out, _, _ = run(t, "", "events", "--db", db)
	check("events", out, "perjanjian kerja sama militer di Moskow", "docx")
	out, _, _ = run(t, "", "events", "--db", db, "--format", "jsonl")
	check("events jsonl", out)
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"biasa saja":                 "biasa saja",
		"a\tb\nc":                    "a\tb\nc",
		"\x1b[31mmerah\x1b[0m":       "merah",
		"\x1b]0;judul\x07teks":       "teks",
		"\x1b]0;judul\x1b\\teks":     "teks",
		"\x1b]8;;http://x\x1b\\link": "link",
		"\x1bPdata\x1b\\ok":          "ok",
		"\u009b2Jhapus":              "hapus",
		"\u009d0;t\u009cok":          "ok",
		"a\rb\x00c\x7fd\u0085e":      "abcde",
		"\x1b7simpan":                "simpan",
		"ujung\x1b":                  "ujung",
		"ujung\x1b[12":               "ujung",
		"\u202eteks\u202c":           "teks",
		"\xff\xfe":                   "\ufffd\ufffd",
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestC1Escaper checks that C1 characters in JSON become \u escapes
// however the writes are split, and that the JSON value is unchanged.
func TestC1Escaper(t *testing.T) {
	v := map[string]string{"s": "a\u009b2Jb\u0085c é ¢ \u00a0"}
	js, _ := json.Marshal(v)
	for split := 0; split <= len(js); split++ {
		var b strings.Builder
		e := &c1Escaper{w: &b}
		e.Write(js[:split])
		e.Write(js[split:])
		e.flush()
		if r, ok := controls(b.String()); ok {
			t.Fatalf("split %d: control %U in %q", split, r, b.String())
		}
		var got map[string]string
		if err := json.Unmarshal([]byte(b.String()), &got); err != nil || got["s"] != v["s"] {
			t.Fatalf("split %d: %q decodes to %q (%v)", split, b.String(), got, err)
		}
	}
}

// FuzzPrintable checks printable on arbitrary strings: no control left,
// valid UTF-8, stable when applied again, and text without controls kept
// as it is.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{hostile, "biasa", "\x1b", "\x1b[", "\x1b]", "\u009b", "\u009d\u009c", "a\r\nb\tc", "\xff", "\u202e", "é\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := printable(s)
		if r, ok := controls(p); ok {
			t.Fatalf("printable(%q) = %q keeps %U", s, p, r)
		}
		if !utf8.ValidString(p) || printable(p) != p {
			t.Fatalf("printable(%q) = %q: not valid or not stable", s, p)
		}
		if _, ok := controls(s); !ok && utf8.ValidString(s) && !strings.ContainsAny(s, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") && p != s {
			t.Fatalf("printable(%q) = %q changed text without controls", s, p)
		}
	})
}

// FuzzC1Escaper writes arbitrary strings as JSON through the escaper, split
// anywhere: the same value comes back, with no C1 control in the bytes.
func FuzzC1Escaper(f *testing.F) {
	for _, s := range []string{hostile, "\u0080\u009f\u00a0", "é", ""} {
		f.Add(s, uint16(3))
	}
	f.Fuzz(func(t *testing.T, s string, split uint16) {
		js, _ := json.Marshal(s)
		k := int(split) % (len(js) + 1)
		var b strings.Builder
		e := &c1Escaper{w: &b}
		e.Write(js[:k])
		e.Write(js[k:])
		e.flush()
		if r, ok := controls(b.String()); ok {
			t.Fatalf("%q: control %U in %q", s, r, b.String())
		}
		var got, want string
		json.Unmarshal(js, &want)
		if err := json.Unmarshal([]byte(b.String()), &got); err != nil || got != want {
			t.Fatalf("%q: %q decodes to %q (%v)", s, b.String(), got, err)
		}
	})
}
