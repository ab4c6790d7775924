package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"mitra/internal/demo"
)

// demoDir writes the demo corpus's pages to a folder, once per test binary.
var demoDir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mitra-demo-pages-")
	if err != nil {
		return "", err
	}
	err = fs.WalkDir(demo.Pages, "pages", func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || filepath.Ext(p) != ".txt" {
			return err
		}
		b, err := demo.Pages.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
	})
	return dir, err
})

// demoDB ingests the demo corpus into a new database and returns its path.
func demoDB(t *testing.T) string {
	t.Helper()
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, stderr, code := run(t, "", "ingest", "--quiet", "--db", db, dir); code != ExitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	return db
}

// TestShifts runs `mitra shifts` on the demo corpus: Mali's rupture with
// France and rapprochement with Russia, Niger's second rupture with the
// United States read through its forced exit (a downward shift in March
// 2024: a rupture, or intensifying when the acts of both kinds rise), in
// both languages and as JSONL.
func TestShifts(t *testing.T) {
	db := demoDB(t)
	out, stderr, code := run(t, "", "shifts", "--db", db, "--party", "Mali", "--lang", "en")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Logf("mitra shifts --party Mali:\n%s", out)
	for _, want := range []string{
		"Mali (MLI): 2013-01 – 2024-06",
		"2021-06  France (FRA)  ↓ rupture",
		"2023-07  Russia (RUS)  ↑ rapprochement",
		"France and Mali signed an agreement on defence, July 2014",
		"[forced exit: read as conflict]",
		"2 dated only to the year",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	out, _, _ = run(t, "", "shifts", "--db", db, "--party", "NER", "--lang", "id")
	t.Logf("mitra shifts --party NER --lang id:\n%s", out)
	for _, want := range []string{"2024-03  Amerika Serikat (USA)  ↓ ", "2023-12  Rusia (RUS)  ↑ rapprochement"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	out, _, code = run(t, "", "shifts", "--db", db, "--party", "NER", "--format", "jsonl", "--from", "2023-01")
	var n int
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var sh struct {
			Partner, Month, Direction string
			AfterEvents               []string `json:"after_events"`
		}
		if err := json.Unmarshal([]byte(line), &sh); err != nil {
			t.Fatalf("not JSON: %v: %s", err, line)
		}
		if sh.Month < "2023-01" || len(sh.AfterEvents) == 0 {
			t.Errorf("shift %+v", sh)
		}
		n++
	}
	if code != ExitOK || n < 2 {
		t.Errorf("jsonl from 2023: exit %d, %d shifts", code, n)
	}
	for _, args := range [][]string{
		{"--min-confidence", "1"}, {"--from", "2023-13"}, {"--from", "2024", "--to", "2023"}, {"--format", "xml"}, {"--party", "Atlantis"},
	} {
		if _, stderr, code := run(t, "", append([]string{"shifts", "--db", db}, args...)...); code != ExitUsage {
			t.Errorf("shifts %v: exit %d (%s), want %d", args, code, stderr, ExitUsage)
		}
	}
}

// TestIngestPubDate checks --pub-date, the note on pages with no
// publication date, and that a second ingest names the pages it skips.
func TestIngestPubDate(t *testing.T) {
	dir := t.TempDir()
	page := "Indonesia dan Malaysia menandatangani nota kesepahaman perbatasan di Kuching.\n"
	for _, n := range []string{"undated.txt", "kabar-2024-06-20.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(page+n+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "m.db")
	_, stderr, code := run(t, "", "ingest", "--quiet", "--db", db, dir)
	if code != ExitOK || !strings.Contains(stderr, "1 of the pages coded have no publication date") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	out, _, _ := run(t, "", "events", "--db", db, "--from", "2024-06-01", "--format", "jsonl")
	if n := len(decode(t, out)); n != 1 {
		t.Errorf("%d events in June 2024 without --pub-date, want 1 (the file name's)", n)
	}
	_, stderr, code = run(t, "", "ingest", "--quiet", "--db", db, dir)
	if code != ExitOK || strings.Count(stderr, "skipped ") != 2 || !strings.Contains(stderr, "undated.txt: already stored") {
		t.Errorf("second ingest: exit %d: %s", code, stderr)
	}
	db2 := filepath.Join(t.TempDir(), "m2.db")
	if _, stderr, code := run(t, "", "ingest", "--quiet", "--db", db2, "--pub-date", "2024-06-24", dir); code != ExitOK || strings.Contains(stderr, "no publication date") {
		t.Errorf("--pub-date: exit %d: %s", code, stderr)
	}
	out, _, _ = run(t, "", "events", "--db", db2, "--from", "2024-06-01", "--format", "jsonl")
	if n := len(decode(t, out)); n != 2 {
		t.Errorf("%d events in June 2024 with --pub-date, want 2", n)
	}
	if _, stderr, code := run(t, "", "ingest", "--db", db2, "--pub-date", "24/6/2024", dir); code != ExitUsage {
		t.Errorf("bad --pub-date: exit %d: %s", code, stderr)
	}
}

// TestReview corrects the demo record from the command line: one event
// marked wrong, one corrected, one added, a page confirmed; the events,
// the shifts, the CSV and gold exports follow; an undo restores; a second
// ingest keeps the corrections, and a re-saved copy of a reviewed page
// gets them too.
func TestReview(t *testing.T) {
	db := demoDB(t)
	find := func(args []string, text string) outRecord {
		t.Helper()
		out, _, _ := run(t, "", append([]string{"events", "--db", db, "--format", "jsonl"}, args...)...)
		for _, r := range decode(t, out) {
			if strings.Contains(r.Sentence, text) {
				return r
			}
		}
		t.Fatalf("no event %q", text)
		return outRecord{}
	}
	wrong := find([]string{"--pair", "MLI,FRA"}, "menangguhkan kerja sama militer")
	fixme := find([]string{"--party", "ECOWAS"}, "memperingatkan ECOWAS")
	review := func(args ...string) string {
		t.Helper()
		out, stderr, code := run(t, "", append(append([]string{"review"}, args...), "--db", db, "--by", "ana")...)
		if code != ExitOK {
			t.Fatalf("review %v: exit %d: %s", args, code, stderr)
		}
		return out
	}
	out := review("wrong", wrong.ID, "--note", "the suspension is background")
	if !strings.HasPrefix(out, "correction 1: wrong "+wrong.ID+" by ana: France cut cooperation with Mali on defence, June 2021") {
		t.Errorf("wrong: %q", out)
	}
	out = review("correct", fixme.ID, "--actors", "Mali,BFA", "--date", "2023-08")
	if !strings.Contains(out, "correction 2: correct "+fixme.ID) || !strings.Contains(out, "Mali and Burkina Faso threatened ECOWAS, August 2023") {
		t.Errorf("correct: %q", out)
	}
	out = review("add", "id-2023-08-mali-prancis-satu-dekade", "--type", "SUPPORT", "--actors", "FRA,MLI", "--date", "2020-01",
		"--evidence", "menghadiri pertemuan puncak di Pau bersama Presiden Prancis Emmanuel Macron")
	if !strings.Contains(out, "correction 3: add r") {
		t.Errorf("add: %q", out)
	}
	review("confirm", "id-2023-08-mali-prancis-satu-dekade")

	// The events, the shifts, the exports.
	out, _, _ = run(t, "", "events", "--db", db, "--format", "jsonl", "--pair", "MLI,FRA")
	for _, r := range decode(t, out) {
		if r.ID == wrong.ID {
			t.Error("the event marked wrong is still listed")
		}
	}
	if r := find([]string{"--party", "ECOWAS"}, "memperingatkan ECOWAS"); r.Actors[0].Code != "MLI" {
		t.Errorf("corrected actors %+v", r.Actors)
	}
	out, _, _ = run(t, "", "shifts", "--db", db, "--party", "MLI")
	if strings.Contains(out, "June 2021") {
		t.Errorf("the shifts still cite the event marked wrong:\n%s", out)
	}
	csv, _, _ := run(t, "", "export", "--db", db, "--format", "csv")
	if strings.Contains(csv, wrong.ID) || !strings.Contains(csv, fixme.ID) {
		t.Error("the CSV export does not follow the corrections")
	}
	for _, line := range strings.Split(csv, "\n") {
		if strings.HasPrefix(line, fixme.ID+",") && !strings.Contains(line, ",MLI;BFA,ECOWAS,") {
			t.Errorf("the corrected event in the CSV export: %s", line)
		}
	}
	gold, stderr, code := run(t, "", "export", "--db", db, "--format", "gold")
	if code != ExitOK || strings.Count(gold, "\n") != 1 || !strings.Contains(gold, `"doc":"id-2023-08-mali-prancis-satu-dekade"`) ||
		strings.Contains(gold, "menangguhkan kerja sama militer") || !strings.Contains(gold, "pertemuan puncak di Pau bersama") {
		t.Errorf("gold: exit %d %s\n%s", code, stderr, gold)
	}
	gold, _, _ = run(t, "", "export", "--db", db, "--format", "gold", "--reviewed", "any")
	if strings.Count(gold, "\n") != 2 {
		t.Errorf("gold of every corrected page: %d lines, want 2", strings.Count(gold, "\n"))
	}
	out, _, _ = run(t, "", "review", "list", "--db", db)
	for _, want := range []string{"wrong", "correct", "add", "confirm", "ana", "stands"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}

	// Ingest again: nothing new, corrections kept. A re-saved copy of the
	// Mali–France page (another footer): its copy of the event marked
	// wrong goes too.
	dir, _ := demoDir()
	if _, stderr, code := run(t, "", "ingest", "--quiet", "--db", db, dir); code != ExitOK {
		t.Fatalf("ingest again: %s", stderr)
	}
	if r := find([]string{"--party", "ECOWAS"}, "memperingatkan ECOWAS"); r.Actors[0].Code != "MLI" {
		t.Error("the correction did not survive the second ingest")
	}
	page, err := os.ReadFile(filepath.Join(dir, "id-2023-08-mali-prancis-satu-dekade.txt"))
	if err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(copyDir, "id-2023-08-mali-prancis-satu-dekade.txt"), append(page, "\nDiperbarui: Sabtu, 19 Agustus 2023\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, "", "ingest", "--quiet", "--db", db, copyDir)
	if code != ExitOK || !strings.Contains(stderr, "corrections reapplied") {
		t.Errorf("ingest of a copy: exit %d: %s", code, stderr)
	}
	out, _, _ = run(t, "", "events", "--db", db, "--format", "jsonl", "--pair", "MLI,FRA")
	for _, r := range decode(t, out) {
		if strings.Contains(r.Sentence, "menangguhkan kerja sama militer") {
			t.Errorf("the copy's event marked wrong is listed: %s in %s", r.ID, r.Doc)
		}
	}

	// Undo.
	review("undo", "2")
	if r := find([]string{"--party", "ECOWAS"}, "memperingatkan ECOWAS"); r.Actors[0].Code == "MLI" {
		t.Error("the undo did not restore the event")
	}
	for _, args := range [][]string{{"frobnicate", "x"}, {"wrong"}, {"undo", "x"}, {"add", "id-2023-08-mali-prancis-satu-dekade", "--type", "SUPPORT"},
		{"correct", fixme.ID, "--type", "HUG"}} {
		if _, stderr, code := run(t, "", append(append([]string{"review"}, args...), "--db", db)...); code != ExitUsage {
			t.Errorf("review %v: exit %d (%s), want %d", args, code, stderr, ExitUsage)
		}
	}
	if _, _, code := run(t, "", "review", "wrong", "nope", "--db", db); code != ExitInput {
		t.Errorf("review wrong nope: exit %d", code)
	}
}
