package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
