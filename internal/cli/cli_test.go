package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

type outRecord struct {
	ID, Doc, Lang, Type, Factuality, Sentence, Codebook string
	Actors, Recipients                                  []struct{ Code string }
	Span                                                [2]int
	Date                                                *string
	Confidence                                          float64
}

func decode(t *testing.T, jsonl string) []outRecord {
	t.Helper()
	var rs []outRecord
	for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		if line == "" {
			continue
		}
		var r outRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("not JSON: %v: %s", err, line)
		}
		rs = append(rs, r)
	}
	return rs
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no command", nil, ExitUsage, "usage: mitra"},
		{"unknown command", []string{"extrakt"}, ExitUsage, `unknown command "extrakt"`},
		{"bad format", []string{"extract", "--format", "xml"}, ExitUsage, `--format "xml"`},
		{"bad flag", []string{"extract", "--nope"}, ExitUsage, "flag provided but not defined"},
		{"bad data dir", []string{"extract", "--data", "/no/such/dir"}, ExitUsage, "not a folder"},
		{"bad quad", []string{"events", "--quad", "7"}, ExitUsage, "--quad 7: want 1"},
		{"bad date", []string{"events", "--from", "2024-13"}, ExitUsage, `date "2024-13"`},
		{"dates reversed", []string{"export", "--format", "csv", "--from", "2024-05", "--to", "2024-01"}, ExitUsage, "is after"},
		{"bad pair", []string{"export", "--format", "csv", "--pair", "RUS"}, ExitUsage, "want A,B"},
		{"bad export format", []string{"export", "--format", "xls"}, ExitUsage, "want jsonl, csv, cameo, gdelt, graphml, gexf"},
		{"bad stats format", []string{"stats", "--format", "xml"}, ExitUsage, "want table, json or csv"},
		{"help of unknown", []string{"help", "nosuch"}, ExitUsage, `unknown command "nosuch"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := run(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.msg) {
				t.Errorf("code %d stderr %q, want %d and %q", code, stderr, tc.code, tc.msg)
			}
		})
	}
}

// TestHelp: help that is asked for goes to stdout and exits 0, for mitra
// and for every command, as "mitra CMD -h" and as "mitra help CMD".
func TestHelp(t *testing.T) {
	out, _, code := run(t, "", "help")
	if code != ExitOK || !strings.Contains(out, "commands:") || !strings.Contains(out, "version") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	for _, c := range Commands() {
		for _, args := range [][]string{{c.Name, "-h"}, {c.Name, "--help"}, {"help", c.Name}, {c.Name, "x", "-h"}} {
			out, stderr, code := run(t, "", args...)
			if code != ExitOK || !strings.HasPrefix(out, "usage: mitra "+c.Name) || !strings.Contains(out, "flags:") {
				t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
			}
		}
	}
}

// TestReadOnlyNeedsDatabase: commands that read a database refuse one that
// does not exist, and create neither a file nor a folder.
func TestReadOnlyNeedsDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv("MITRA_DB", "")
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("not a database at all, just some text"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"events", "--db", filepath.Join(dir, "typo.db")},
		{"stats", "--db", filepath.Join(dir, "nodir", "x.db")},
		{"dyad", "--db", filepath.Join(dir, "nodir", "x.db"), "RUS", "MLI"},
		{"export", "--format", "csv", "--db", filepath.Join(dir, "nodir", "x.db")},
		{"stats"}, // the default location
		{"serve", "--db", filepath.Join(dir, "typo.db"), "--addr", "127.0.0.1:0"}, // no token: read-only
	} {
		_, stderr, code := run(t, "", args...)
		if code != ExitInput || !strings.Contains(stderr, "no database at ") || !strings.Contains(stderr, "run mitra ingest first") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	_, stderr, code := run(t, "", "stats", "--db", notDB)
	if code != ExitInput || !strings.Contains(stderr, "not a mitra database") {
		t.Errorf("stats on a text file: exit %d, %q", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "notes.txt" {
		t.Errorf("read-only commands created %v", entries)
	}
	if b, _ := os.ReadFile(notDB); !strings.HasPrefix(string(b), "not a database") {
		t.Error("the text file was changed")
	}
}

// TestExtractDefault is README's first command: the embedded sample pages.
func TestExtractDefault(t *testing.T) {
	stdout, stderr, code := run(t, "", "extract")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rs := decode(t, stdout)
	if len(rs) < 20 {
		t.Fatalf("only %d events from the sample pages", len(rs))
	}
	for _, r := range rs {
		if r.ID == "" || r.Doc == "" || r.Lang == "" || r.Type == "" || r.Factuality != "asserted" || r.Codebook == "" || len(r.Actors) == 0 || r.Sentence == "" || r.Span[1] <= r.Span[0] {
			t.Errorf("incomplete outRecord: %+v", r)
		}
	}
	english := false
	for _, r := range rs {
		if r.Lang == "en" && r.Type == "SANCTION" && len(r.Actors) > 0 && r.Actors[0].Code == "DZA" {
			english = true
		}
	}
	if !english || strings.Contains(stderr, "skipped") {
		t.Errorf("the English sample page is not coded (Algeria cutting ties with Morocco): stderr %q", stderr)
	}
	table, _, code := run(t, "", "extract", "--format", "table")
	if code != ExitOK || !strings.HasPrefix(table, "DOC") || strings.Count(table, "\n") != len(rs)+1 {
		t.Errorf("table: exit %d, %d lines for %d events:\n%s", code, strings.Count(table, "\n"), len(rs), table)
	}
}

// TestExtractBadInputs: each bad input gets one line naming it and the
// reason, the good ones are coded, and the exit code is 1.
func TestExtractBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := "Indonesia Kecam Serangan Israel\n\nJAKARTA - Pemerintah Indonesia mengecam keras serangan Israel ke Rafah, Senin (27/5).\n"
	files := map[string]string{
		"good.txt":    good,
		"empty.txt":   "",
		"binary.txt":  "\x00\x01\x02\x03ELF\x00\x00",
		"latin1.txt":  "Menteri Luar Negeri \xe9\xe8 mengecam",
		"mixed.jsonl": `{"id":"j1","pub_date":"2024-05-28","text":"Malaysia mengutuk serangan Israel ke Rafah."}` + "\n" + `{"id":"j2","text":` + "\n" + `{"id":"j3","text":42}` + "\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, code := run(t, "", "extract", dir, filepath.Join(dir, "missing.txt"))
	if code != ExitInput {
		t.Errorf("exit %d, want %d", code, ExitInput)
	}
	for _, want := range []string{"empty.txt: ", "binary.txt: ", "latin1.txt: ", "mixed.jsonl:2: ", "mixed.jsonl:3: ", "missing.txt: no such file"} {
		if strings.Count(stderr, want) != 1 {
			t.Errorf("stderr should name %q once:\n%s", want, stderr)
		}
	}
	docs := map[string]bool{}
	for _, r := range decode(t, stdout) {
		docs[r.Doc] = true
	}
	if !docs["good"] || !docs["j1"] {
		t.Errorf("good inputs not coded: %v\nstderr: %s", docs, stderr)
	}
}

func TestExtractStdin(t *testing.T) {
	in := "Rusia dan China menandatangani pernyataan bersama di Beijing, Kamis (16/5/2024).\n"
	stdout, stderr, code := run(t, in, "extract", "-")
	rs := decode(t, stdout)
	if code != ExitOK || len(rs) == 0 || rs[0].Doc != "stdin" || rs[0].Type != "SUPPORT" {
		t.Fatalf("exit %d, events %+v, stderr %s", code, rs, stderr)
	}
	if rs[0].Date == nil || *rs[0].Date != "2024-05-16" {
		t.Errorf("date %v, want 2024-05-16", rs[0].Date)
	}
	if in[rs[0].Span[0]:rs[0].Span[1]] != rs[0].Sentence {
		t.Errorf("span %v does not cover the sentence", rs[0].Span)
	}
}

func TestExtractAll(t *testing.T) {
	in := "Indonesia tidak akan menandatangani perjanjian itu dengan Israel.\n"
	stdout, _, _ := run(t, in, "extract", "-")
	if len(decode(t, stdout)) != 0 {
		t.Errorf("a negated event was printed without --all: %s", stdout)
	}
	stdout, _, _ = run(t, in, "extract", "--all", "-")
	rs := decode(t, stdout)
	if len(rs) != 1 || rs[0].Factuality != "negated" {
		t.Errorf("--all: %+v", rs)
	}
}

// TestDataOverride replaces a data file from disk without recompiling.
func TestDataOverride(t *testing.T) {
	dir := t.TempDir()
	in := "Indonesia menggeruduk Malaysia.\n" // an invented verb, unknown to the embedded lexicon
	stdout, _, _ := run(t, in, "extract", "-")
	if len(decode(t, stdout)) != 0 {
		t.Fatalf("unexpected events: %s", stdout)
	}
	b, err := os.ReadFile("../lang/id/data/triggers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, []byte("=menggeruduk\tASSAULT\t-\t-\t-\n")...)
	if err := os.WriteFile(filepath.Join(dir, "triggers.tsv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, in, "extract", "--data", dir, "-")
	rs := decode(t, stdout)
	if code != ExitOK || len(rs) != 1 || rs[0].Type != "ASSAULT" {
		t.Errorf("with --data: exit %d, %+v, %s", code, rs, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "triggers.tsv"), []byte("# h\nkecam\tACUSE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, in, "extract", "--data", dir, "-")
	if code != ExitUsage || !strings.Contains(stderr, `triggers.tsv:2: unknown event type "ACUSE"`) {
		t.Errorf("bad data file: exit %d, %q", code, stderr)
	}
}
