package cli

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"mitra/internal/corpus"
	"mitra/internal/ingest/ingesttest"
	"mitra/internal/store/postgres/pgtest"
	"mitra/internal/store/sqlite"
)

func stats(t *testing.T, db string) string {
	t.Helper()
	out, stderr, code := run(t, "", "stats", "--db", db)
	if code != ExitOK {
		t.Fatalf("stats: exit %d: %s", code, stderr)
	}
	// Drop the path line, which differs between databases.
	return out[strings.Index(out, "\n")+1:]
}

func samplesDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"id-2022-08-mali-prancis-penarikan.txt", "id-2023-01-rusia-mali-pesawat.txt", "id-2024-05-rusia-china-kunjungan.txt", "id-2024-08-niger-as-penarikan.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "sample", "pages", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestIngestIdempotent: ingesting the same pages again adds nothing.
func TestIngestIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	dir := samplesDir(t)
	if _, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", dir); code != ExitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	first := stats(t, db)
	if !strings.Contains(first, "documents    4 ") {
		t.Fatalf("stats after one ingest:\n%s", first)
	}
	_, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", dir, filepath.Join(dir, "id-2023-01-rusia-mali-pesawat.txt"))
	if code != ExitOK || !strings.Contains(stderr, "0 stored") {
		t.Fatalf("second ingest: exit %d: %s", code, stderr)
	}
	if again := stats(t, db); again != first {
		t.Errorf("a second ingest changed the counts:\n%s\nthen\n%s", first, again)
	}
	out, stderr, code := run(t, "", "events", "--db", db, "--pair", "Rusia,MLI")
	// The AID is told first by the headline ("Rusia Kirim Jet Tempur …"), then by the lead.
	if code != ExitOK || !strings.Contains(out, "AID") || !strings.Contains(out, "Rusia Kirim") && !strings.Contains(out, "Rusia mengirimkan") {
		t.Errorf("events --pair RUS,MLI: exit %d\n%s%s", code, out, stderr)
	}
}

// TestIngestKilled kills a real ingest with SIGKILL, checks the database,
// resumes, and compares with an uninterrupted ingest of the same pages.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	pages := writeCorpus(t, dir, 2000)

	killed := filepath.Join(dir, "killed.db")
	// Small batches: several commits before the end.
	cmd := exec.Command(os.Args[0], "ingest", "--db", killed, "--quiet", "--batch", "200", pages)
	cmd.Env = append(os.Environ(), "MITRA_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has committed something, mid-run: a large WAL is
	// not enough, as a batch's uncommitted pages spill into it too.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		if committed(killed) > 0 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	state, _ := cmd.Process.Wait()
	if state.Success() {
		t.Fatal("the ingest finished before it could be killed; make the corpus larger")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, killed)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after SIGKILL: %v", err)
	}
	partial, _ := db.Stats(ctx)
	db.Close()
	if partial.Documents == 0 || partial.Documents >= 2000 {
		t.Fatalf("killed after %d documents: not mid-run", partial.Documents)
	}
	t.Logf("killed after %d documents", partial.Documents)
	if _, stderr, code := run(t, "", "ingest", "--db", killed, "--quiet", pages); code != ExitOK {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	whole := filepath.Join(dir, "whole.db")
	if _, stderr, code := run(t, "", "ingest", "--db", whole, "--quiet", pages); code != ExitOK {
		t.Fatalf("uninterrupted: exit %d: %s", code, stderr)
	}
	if a, b := stats(t, killed), stats(t, whole); a != b {
		t.Errorf("killed and resumed:\n%s\nuninterrupted:\n%s", a, b)
	}
}

// writeCorpus writes n generated pages as JSONL in dir and returns the
// file's path.
func writeCorpus(t *testing.T, dir string, n int) string {
	t.Helper()
	path := filepath.Join(dir, "pages.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opt := corpus.Defaults
	opt.Pages = n
	bw := bufio.NewWriter(f)
	if _, _, err := corpus.Write(bw, opt); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	return path
}

// committed returns how many documents a database being written holds, as
// a reader sees them (0 when it cannot be read yet).
func committed(path string) int {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM documents").Scan(&n); err != nil {
		return 0
	}
	return n
}

// TestIngestDevSeeds: on the dev set, the seeds' pairs come back with their
// evidence, and a page ingested twice changes no count.
func TestIngestDevSeeds(t *testing.T) {
	docs := filepath.Join(evalDir, "dev", "docs")
	if _, err := os.Stat(docs); err != nil {
		t.Skipf("skipping: the shared eval set is not beside this checkout (%v)", err)
	}
	db := filepath.Join(t.TempDir(), "dev.db")
	if _, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", docs); code != ExitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	before := stats(t, db)
	for _, pair := range []string{"RUS,MLI", "RUS,CUB", "RUS,VEN", "RUS,CHN", "NER,USA"} {
		out, _, code := run(t, "", "events", "--db", db, "--pair", pair, "--format", "jsonl")
		if code != ExitOK || strings.Count(out, "\n") == 0 || !strings.Contains(out, `"sentence":`) {
			t.Errorf("events --pair %s: exit %d, %d events", pair, code, strings.Count(out, "\n"))
		}
	}
	run(t, "", "ingest", "--db", db, "--quiet", filepath.Join(docs, "seed-004.txt"))
	if after := stats(t, db); after != before {
		t.Errorf("ingesting seed-004 again changed the counts:\n%s\nthen\n%s", before, after)
	}
}

// TestIngestBrokenInputs: every broken input is named once with a reason,
// the rest of the batch is stored, and nothing stored before is lost.
func TestIngestBrokenInputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	if _, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", samplesDir(t)); code != ExitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	before := stats(t, db)
	broken := filepath.Join(dir, "broken")
	if err := os.Mkdir(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	paths, want := ingesttest.BuildBrokenCorpus(t, broken, nil)
	args := []string{"ingest", "--db", db, "--quiet", "--timeout", ingesttest.Timeout.String(), "--retries", "0", "--per-host", "0", "--allow-private"}
	_, stderr, code := run(t, "", append(args, paths...)...)
	if code != ExitInput {
		t.Errorf("exit %d, want %d", code, ExitInput)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	bad, good := 0, 0
	for input, reason := range want {
		n := 0
		for _, line := range lines {
			if strings.HasPrefix(line, "mitra ingest: "+input+": ") {
				n++
				if reason != "" && !strings.Contains(line, reason) {
					t.Errorf("%s: %q does not give the reason %q", input, line, reason)
				}
			}
		}
		switch {
		case reason == "" && n != 0:
			t.Errorf("%s should have been read, got an error", input)
		case reason != "" && n != 1:
			t.Errorf("%s named %d times, want once", input, n)
		}
		if reason == "" {
			good++
		} else {
			bad++
		}
	}
	t.Logf("%d broken inputs named, %d good ones read", bad, good)
	after := stats(t, db)
	if !strings.Contains(after, fmt.Sprintf("errors       %d inputs failed", bad)) {
		t.Errorf("stats after the broken batch:\n%s", after)
	}
	if docsLine(after) <= docsLine(before) {
		t.Errorf("the good pages of the broken batch were not stored:\n%s\nthen\n%s", before, after)
	}
}

func docsLine(stats string) int {
	n := 0
	fmt.Sscanf(stats[strings.Index(stats, "documents"):], "documents %d", &n)
	return n
}

// TestExportAndDyad writes every export format and both chart formats.
func TestExportAndDyad(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	if _, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", samplesDir(t)); code != ExitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	for _, format := range []string{"jsonl", "csv", "cameo", "gdelt", "graphml", "gexf"} {
		out, stderr, code := run(t, "", "export", "--db", db, "--format", format)
		if code != ExitOK || len(out) == 0 {
			t.Errorf("export %s: exit %d: %s", format, code, stderr)
			continue
		}
		switch format {
		case "csv":
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) < 2 {
				t.Errorf("csv: %v, %d rows", err, len(rows))
			}
		case "graphml", "gexf":
			var v struct{ XMLName xml.Name }
			if err := xml.Unmarshal([]byte(out), &v); err != nil || !strings.Contains(out, "RUS") || !strings.Contains(out, "MLI") {
				t.Errorf("%s: %v\n%.300s", format, err, out)
			}
		}
	}
	out, stderr, code := run(t, "", "dyad", "--db", db, "RUS", "Mali", "--plot", filepath.Join(dir, "d.svg"))
	if code != ExitOK || !strings.Contains(out, "RUS–MLI") {
		t.Errorf("dyad: exit %d\n%s%s", code, out, stderr)
	}
	if _, _, code := run(t, "", "dyad", "--db", db, "RUS", "MLI", "--period", "week", "--plot", filepath.Join(dir, "d.png")); code != ExitOK {
		t.Errorf("dyad --plot png: exit %d", code)
	}
	for _, f := range []string{"d.svg", "d.png"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() < 200 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, stderr, code := run(t, "", "dyad", "--db", db, "RUS", "Narnia"); code != ExitUsage || !strings.Contains(stderr, "unknown party") {
		t.Errorf("unknown party: exit %d %s", code, stderr)
	}
}

// TestQueryFormats: stats and dyad as JSON and CSV, MITRA_DB, --from as a
// month, export --party/--pair and GDELT's two files, and months without
// events with an empty score.
func TestQueryFormats(t *testing.T) {
	dir := t.TempDir()
	db := sharedDemoDB(t)
	t.Setenv("MITRA_DB", db)
	out, stderr, code := run(t, "", "stats", "--format", "json")
	var st struct {
		Database         string
		Documents        int
		Events, Clusters int
		Languages        map[string]int
		First            *string
	}
	if err := json.Unmarshal([]byte(out), &st); code != ExitOK || err != nil || st.Database != db || st.Documents != 54 || st.Events == 0 || st.Languages["id"] != 54 || st.First == nil {
		t.Errorf("stats json (MITRA_DB): exit %d, %v, %+v, %s", code, err, st, stderr)
	}
	out, _, _ = run(t, "", "stats", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 || rows[0][1] != "documents" || rows[1][1] != "54" {
		t.Errorf("stats csv: %v %q", err, rows)
	}

	out, stderr, code = run(t, "", "dyad", "RUS", "MLI", "--format", "json", "--from", "2022-01", "--to", "2024")
	var dy struct {
		A struct {
			Code   string
			NameEN string `json:"name_en"`
		}
		Points []struct {
			Period string
			Events int
			Score  *float64
			Counts map[string]int
		}
	}
	if err := json.Unmarshal([]byte(out), &dy); code != ExitOK || err != nil || dy.A.Code != "RUS" || len(dy.Points) < 2 {
		t.Fatalf("dyad json: exit %d %v %s %s", code, err, out, stderr)
	}
	empty := 0
	for _, p := range dy.Points {
		if (p.Events == 0) != (p.Score == nil) {
			t.Errorf("period %s: %d events, score %v", p.Period, p.Events, p.Score)
		}
		if p.Events == 0 {
			empty++
		}
	}
	if empty == 0 {
		t.Error("no month without events to check")
	}
	out, _, _ = run(t, "", "dyad", "RUS", "MLI", "--format", "csv", "--from", "2022-01", "--to", "2024")
	rows, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != len(dy.Points)+1 || rows[0][6] != "score" {
		t.Errorf("dyad csv: %v %q", err, rows)
	}
	for _, r := range rows[1:] {
		if (r[5] == "0") != (r[6] == "") {
			t.Errorf("dyad csv row %q: a month without events must have an empty score", r)
		}
	}
	table, _, _ := run(t, "", "dyad", "RUS", "MLI")
	for _, l := range strings.Split(table, "\n") {
		if f := strings.Fields(l); len(f) == 6 && f[5] == "0" {
			continue // an empty month: six fields, no score
		} else if len(f) == 8 && f[5] == "0" {
			t.Errorf("table: an empty month with a score: %q", l)
		}
	}

	// export --pair and --party select; a month as --from.
	all, _, _ := run(t, "", "export", "--format", "csv")
	pair, stderr, code := run(t, "", "export", "--format", "csv", "--pair", "Rusia,Mali", "--from", "2020-01")
	party, _, _ := run(t, "", "export", "--format", "csv", "--party", "NER")
	nAll, nPair, nParty := strings.Count(all, "\r\n"), strings.Count(pair, "\r\n"), strings.Count(party, "\r\n")
	if code != ExitOK || nPair < 2 || nParty < 2 || nPair >= nAll || nParty >= nAll {
		t.Errorf("export filters: exit %d (%s); rows all %d, pair %d, party %d", code, stderr, nAll, nPair, nParty)
	}
	rows, _ = csv.NewReader(strings.NewReader(pair)).ReadAll()
	for _, r := range rows[1:] {
		ps := r[10] + ";" + r[11]
		if !strings.Contains(ps, "RUS") || !strings.Contains(ps, "MLI") {
			t.Errorf("--pair RUS,MLI exported %q", r)
		}
	}

	// GDELT: the event table to -o, the mentions beside it.
	ev := filepath.Join(dir, "mitra.export.CSV")
	_, stderr, code = run(t, "", "export", "--format", "gdelt", "-o", ev, "--header=false")
	b, err1 := os.ReadFile(ev)
	m, err2 := os.ReadFile(filepath.Join(dir, "mitra.mentions.CSV"))
	if code != ExitOK || err1 != nil || err2 != nil || !strings.Contains(stderr, "mentions written to") {
		t.Fatalf("gdelt: exit %d %v %v %s", code, err1, err2, stderr)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if strings.HasPrefix(lines[0], "GLOBALEVENTID") || strings.Count(lines[0], "\t") != 60 {
		t.Errorf("gdelt row: %q", lines[0])
	}
	if ml := strings.Split(strings.TrimSpace(string(m)), "\n"); strings.Count(ml[0], "\t") != 15 || len(ml) < len(lines) {
		t.Errorf("gdelt mentions: %d rows for %d acts: %q", len(ml), len(lines), ml[0])
	}
	if got := mentionsName("out/acts.tsv"); got != "out/acts.mentions.tsv" {
		t.Errorf("mentionsName: %s", got)
	}
}

// TestIngestPostgres: `--db postgres://…` ingests into PostgreSQL and the
// commands read it back; the record equals SQLite's for the same pages
// (cluster ids included: both number clusters in input order).
func TestIngestPostgres(t *testing.T) {
	dsn := pgtest.DSN(t)
	lite := filepath.Join(t.TempDir(), "m.db")
	dir := samplesDir(t)
	for _, db := range []string{dsn, lite} {
		if _, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", dir); code != ExitOK {
			t.Fatalf("ingest --db %s: exit %d: %s", db, code, stderr)
		}
	}
	if a, b := stats(t, dsn), stats(t, lite); a != b {
		t.Errorf("stats differ:\npostgres:\n%s\nsqlite:\n%s", a, b)
	}
	t.Setenv("MITRA_DB", dsn)
	pg, stderr, code := run(t, "", "events", "--format", "jsonl")
	if code != ExitOK {
		t.Fatalf("events (MITRA_DB): exit %d: %s", code, stderr)
	}
	sq, _, _ := run(t, "", "events", "--db", lite, "--format", "jsonl")
	if pg != sq || strings.Count(pg, "\n") < 4 {
		t.Errorf("events differ or too few:\npostgres:\n%s\nsqlite:\n%s", pg, sq)
	}
}

// TestIngestDiskFull runs an ingest whose files may not grow past a limit
// (RLIMIT_FSIZE: a full disk, as the database sees it) and checks that the
// summary counts only what is stored. It once counted documents whose
// transaction failed.
func TestIngestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	pages := writeCorpus(t, dir, 1500)
	db := filepath.Join(dir, "full.db")
	cmd := exec.Command(os.Args[0], "ingest", "--db", db, "--quiet", "--batch", "50", pages)
	cmd.Env = append(os.Environ(), "MITRA_TEST_MAIN=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	// The child inherits the limit; this process keeps its own.
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skip("no RLIMIT_FSIZE here:", err)
	}
	limited := old
	limited.Cur = 3 << 20
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limited); err != nil {
		t.Skip("cannot set RLIMIT_FSIZE:", err)
	}
	err := cmd.Start()
	syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatalf("the ingest did not fail at the size limit:\n%s", stderr.String())
	}
	var read, stored int
	if m := regexp.MustCompile(`(\d+) read, (\d+) stored`).FindStringSubmatch(stderr.String()); m != nil {
		read, _ = strconv.Atoi(m[1])
		stored, _ = strconv.Atoi(m[2])
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(context.Background())
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("summary: %d read, %d stored; the database holds %d documents", read, stored, st.Documents)
	if read == 0 || st.Documents == 0 || st.Documents >= 1500 {
		t.Fatalf("the limit should stop the ingest midway (read %d, stored %d):\n%s", read, st.Documents, stderr.String())
	}
	if stored != st.Documents {
		t.Errorf("the summary says %d stored, the database holds %d", stored, st.Documents)
	}
}

// TestIngestErrorsOnce: ingesting the same bad inputs again records no new
// error (a rerun over a million bad lines once added 84 MB).
func TestIngestErrorsOnce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	junk := filepath.Join(dir, "junk.jsonl")
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "not json %d\n", i)
	}
	if err := os.WriteFile(junk, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	for range 3 {
		if _, _, code := run(t, "", "ingest", "--db", db, "--quiet", junk); code != ExitInput {
			t.Fatalf("ingest of junk: exit %d", code)
		}
		if s := stats(t, db); !strings.Contains(s, "errors       2000 inputs failed") {
			t.Errorf("stats:\n%s", s)
		}
		var size int64
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(db + suffix); err == nil {
				size += fi.Size()
			}
		}
		sizes = append(sizes, size)
	}
	if sizes[2] > sizes[1]+64<<10 {
		t.Errorf("the database grew from %d to %d bytes on a rerun over the same bad inputs", sizes[1], sizes[2])
	}
}

// TestIngestRefusesPrivate: a URL list whose page (on loopback) redirects
// to another local port stores nothing and says why; --allow-private (for
// an intranet) fetches it.
func TestIngestRefusesPrivate(t *testing.T) {
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, ingesttest.Page("Internal report"))
	}))
	defer internal.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, internal.URL+"/report", http.StatusFound)
	}))
	defer front.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	list := filepath.Join(dir, "list.urls")
	if err := os.WriteFile(list, []byte(front.URL+"/news\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, "", "ingest", "--db", db, "--quiet", "--per-host", "0", "--retries", "0", list)
	if code != ExitInput || !strings.Contains(stderr, "private or local address") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if n := docsLine(stats(t, db)); n != 0 {
		t.Errorf("%d documents stored from private addresses", n)
	}
	_, stderr, code = run(t, "", "ingest", "--db", db, "--quiet", "--per-host", "0", "--retries", "0", "--allow-private", list)
	if code != ExitOK {
		t.Errorf("--allow-private: exit %d, stderr:\n%s", code, stderr)
	}
	if n := docsLine(stats(t, db)); n != 1 {
		t.Errorf("--allow-private: %d documents stored, want 1", n)
	}
}
