package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mitra/internal/export"
	"mitra/internal/store"
	"mitra/internal/store/sqlite"
)

// TestClients loads every export of the demo corpus with the tools
// analysts use, as Debian ships them, and checks types and counts against
// the store: pandas and networkx (python3-pandas, python3-networkx;
// testdata/clients/check.py), R and igraph (r-base-core, r-cran-igraph;
// check.R) and sqlite3 (the views of docs/sql.md; check.sql). A missing
// tool skips its subtest, unless MITRA_TOOLS=1 (as .ci/run sets, after
// installing them), when it fails.
func TestClients(t *testing.T) {
	db := sharedDemoDB(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--format", "csv", "-o", "events.csv"},
		{"--format", "jsonl", "-o", "events.jsonl"},
		{"--format", "cameo", "-o", "cameo.tsv"},
		{"--format", "gdelt", "-o", "gdelt.export.CSV"},
		{"--format", "gdelt", "--header=false", "-o", "gdelt-raw.export.CSV"},
		{"--format", "gexf", "-o", "network.gexf"},
		{"--format", "graphml", "-o", "network.graphml"},
	} {
		args[len(args)-1] = filepath.Join(dir, args[len(args)-1])
		if _, stderr, code := run(t, "", append([]string{"export", "--db", db}, args...)...); code != ExitOK {
			t.Fatalf("export %v: exit %d: %s", args, code, stderr)
		}
	}
	want := expectations(t, db)
	b, _ := json.Marshal(want)
	writeFile(t, filepath.Join(dir, "expected.json"), string(b))
	var tsv strings.Builder
	for _, k := range []string{"events", "dated_events", "acts", "nodes", "edges"} {
		fmt.Fprintf(&tsv, "%s\t%v\n", k, want[k])
	}
	writeFile(t, filepath.Join(dir, "expected.tsv"), tsv.String())
	scripts, err := filepath.Abs(filepath.Join("testdata", "clients"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("pandas+networkx", func(t *testing.T) {
		py := pythonWith(t, "pandas", "networkx")
		out := tool(t, dir, "", py, filepath.Join(scripts, "check.py"), dir)
		t.Logf("check.py:\n%s", out)
		if !strings.HasSuffix(strings.TrimSpace(out), "ok") {
			t.Errorf("check.py:\n%s", out)
		}
	})
	t.Run("R+igraph", func(t *testing.T) {
		need(t, "Rscript", "r-base-core")
		if out, err := exec.Command("Rscript", "-e", "library(igraph)").CombinedOutput(); err != nil {
			missing(t, "R's igraph (apt-get install r-cran-igraph): "+strings.TrimSpace(string(out)))
		}
		out := tool(t, dir, "", "Rscript", filepath.Join(scripts, "check.R"), dir)
		t.Logf("check.R:\n%s", out)
		if !strings.HasSuffix(strings.TrimSpace(out), "ok") {
			t.Errorf("check.R:\n%s", out)
		}
	})
	t.Run("sqlite3", func(t *testing.T) {
		need(t, "sqlite3", "sqlite3")
		// A copy: the script imports a table.
		cp := filepath.Join(t.TempDir(), "copy.db")
		copyFile(t, db, cp)
		sql, err := os.ReadFile(filepath.Join(scripts, "check.sql"))
		if err != nil {
			t.Fatal(err)
		}
		out := tool(t, dir, string(sql), "sqlite3", "-bail", cp)
		got := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if k, v, ok := strings.Cut(l, "|"); ok {
				got[k] = v
			}
		}
		exp := map[string]string{
			"event_rows": fmt.Sprint(want["events"]), "act_rows": fmt.Sprint(want["acts"]),
			"event_rows_without_url": "0", "dyads_of_pairs": "1", "types": "integer:real:text",
			"documents_with_build": fmt.Sprint(want["documents"]), "acts_sum_mentions": fmt.Sprint(want["events"]),
			"csv_rows": fmt.Sprint(want["events"]), "csv_dates_ok": fmt.Sprint(want["events"]),
		}
		for k, v := range exp {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		if t.Failed() {
			t.Logf("sqlite3 printed:\n%s", out)
		}
	})
}

// expectations are the counts the clients must find, from the store.
func expectations(t *testing.T, path string) map[string]any {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs, err := db.Events(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.Clusters(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dated := 0
	for _, e := range evs {
		if e.Date != nil {
			dated++
		}
	}
	g := export.BuildGraph(store.LinksOf(cs), nil)
	if len(evs) == 0 || dated == len(evs) || len(g.Edges) == 0 {
		t.Fatalf("the demo corpus should have events, undated ones and edges: %d, %d, %d", len(evs), dated, len(g.Edges))
	}
	return map[string]any{
		"events": len(evs), "dated_events": dated, "acts": len(cs), "nodes": len(g.Nodes), "edges": len(g.Edges),
		"documents": st.Documents, "gdelt_columns": export.GDELTHeader,
	}
}

// missing skips or, with MITRA_TOOLS=1, fails.
func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("MITRA_TOOLS") == "1" {
		t.Fatalf("needs %s", what)
	}
	t.Skipf("needs %s; MITRA_TOOLS=1 makes this a failure", what)
}

func need(t *testing.T, cmd, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(cmd); err != nil {
		missing(t, fmt.Sprintf("%s (apt-get install %s)", cmd, pkg))
	}
}

// pythonWith returns a Python that imports mods: python3 on PATH, else
// Debian's /usr/bin/python3 (a pyenv or venv python3 may come first on
// PATH without Debian's packages).
func pythonWith(t *testing.T, mods ...string) string {
	t.Helper()
	imp := "import " + strings.Join(mods, ", ")
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if _, err := exec.LookPath(py); err != nil {
			continue
		}
		if err := exec.Command(py, "-c", imp).Run(); err == nil {
			return py
		}
	}
	missing(t, "python3 with "+strings.Join(mods, " and ")+" (apt-get install python3-pandas python3-networkx)")
	return ""
}

// tool runs a client in dir with stdin and returns its output, failing the
// test when it fails.
func tool(t *testing.T, dir, stdin, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
