package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBrowser is the end-to-end test of the web page: it starts `mitra
// demo` and runs internal/web/e2e/e2e.mjs, which drives Debian's chromium
// with playwright-core: the network shows the expected states with
// readable labels, clicking the Mali–France edge opens its timeline and
// events, an event opens its source page with the evidence highlighted and
// a citation, the map and the event filter work, the events tab follows
// the header's period, every download (network, chart, events, citation)
// gives its file, a pasted page gives its events, labels switch to
// English; the page's counts of left-out events are the API's; an event
// marked wrong and another corrected change the network, the series and
// the shift view. Then, on the database the page corrected, the CSV export
// follows the corrections and an ingest of the corpus again keeps them.
//
// It needs node, chromium (/usr/bin/chromium, or $CHROMIUM) and
// `npm ci` run in internal/web. Without them it skips, saying what is
// missing, unless MITRA_E2E=1 (as .ci/run sets), when it fails instead.
// Screenshots go to $MITRA_SHOTS (default: a temporary folder, removed
// after the test).
func TestBrowser(t *testing.T) {
	webDir, err := filepath.Abs(filepath.Join("..", "web"))
	if err != nil {
		t.Fatal(err)
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	var missing []string
	if _, err := exec.LookPath("node"); err != nil {
		missing = append(missing, "node (Node.js)")
	}
	if _, err := os.Stat(chromium); err != nil {
		missing = append(missing, chromium+" (apt-get install chromium)")
	}
	if _, err := os.Stat(filepath.Join(webDir, "node_modules", "playwright-core")); err != nil {
		missing = append(missing, "playwright-core (cd internal/web && npm ci)")
	}
	if len(missing) > 0 {
		msg := "browser test needs " + strings.Join(missing, ", ")
		if os.Getenv("MITRA_E2E") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg + "; MITRA_E2E=1 makes this a failure")
	}
	shots := os.Getenv("MITRA_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if shots, err = filepath.Abs(shots); err != nil {
		t.Fatal(err)
	}

	db := filepath.Join(t.TempDir(), "demo.db")
	const token = "e2e-token"
	base, stop := startDemo(t, "--keep", db, "--token", token)
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("e2e", "e2e.mjs"), base+"/", shots)
	cmd.Dir = webDir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium, "MITRA_E2E_TOKEN="+token)
	out, err := cmd.CombinedOutput()
	t.Logf("e2e.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("browser test failed (%v); screenshots in %s", err, shots)
	}
	for _, name := range []string{"01-network.png", "02-pair.png", "03-evidence.png", "04-map.png", "05-events.png", "06-paste.png", "07-english.png",
		"08-left-out.png", "09-review.png", "10-shifts.png", "11-corrections.png", "12-citation.png", "13-map-orgs.png", "14-events-period.png"} {
		if st, err := os.Stat(filepath.Join(shots, name)); err != nil || st.Size() < 10_000 {
			t.Errorf("screenshot %s missing or blank: %v", name, err)
		}
	}
	t.Logf("screenshots in %s", shots)
	checkCorrected(t, db)
	// Ingest the corpus again: nothing is stored anew and the corrections
	// stand.
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "ingest", "--quiet", "--db", db, dir); code != ExitOK || !strings.Contains(stderr, "0 stored") {
		t.Errorf("ingest again: exit %d: %s", code, stderr)
	}
	checkCorrected(t, db)
}

// checkCorrected checks the CSV export of the database the browser test
// corrected: the act marked wrong is gone, the corrected one has its new
// actors.
func checkCorrected(t *testing.T, db string) {
	t.Helper()
	csv, stderr, code := run(t, "", "export", "--db", db, "--format", "csv")
	if code != ExitOK {
		t.Fatalf("export: %s", stderr)
	}
	if strings.Contains(csv, "menangguhkan kerja sama militer") {
		t.Error("the CSV export still has the event marked wrong in the page")
	}
	found := false
	for _, line := range strings.Split(csv, "\n") {
		if strings.Contains(line, "memperingatkan ECOWAS") {
			found = strings.Contains(line, ",MLI;BFA,ECOWAS,")
		}
	}
	if !found {
		t.Error("the CSV export lacks the event corrected in the page (actors MLI;BFA)")
	}
}
