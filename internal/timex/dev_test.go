package timex

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

const devDir = "../../../shared/eval/dev"

// TestPubDateDev runs PubDate over the dev pages and compares it with the
// pub_date the annotators read off each page.
func TestPubDateDev(t *testing.T) {
	f, err := os.Open(filepath.Join(devDir, "gold.jsonl"))
	if err != nil {
		t.Skipf("dev set not available: %v", err)
	}
	defer f.Close()
	tab := testTable(t)
	var gold, agree, extra, silentOK int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct {
			Doc     string  `json:"doc"`
			PubDate *string `json:"pub_date"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("gold.jsonl: %v", err)
		}
		raw, err := os.ReadFile(filepath.Join(devDir, "docs", rec.Doc+".txt"))
		if err != nil {
			t.Errorf("%s: %v", rec.Doc, err)
			continue
		}
		got, how := tab.PubDate(string(raw))
		if rec.PubDate == nil {
			if got.IsZero() {
				silentOK++
			} else {
				extra++
				t.Logf("%s: gold null, predicted %s (%s)", rec.Doc, got, how)
			}
			continue
		}
		gold++
		if got.String() == *rec.PubDate {
			agree++
			continue
		}
		t.Logf("%s: gold %s, predicted %q (%s)", rec.Doc, *rec.PubDate, got.String(), how)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if gold == 0 {
		t.Skip("no gold publication dates")
	}
	rate := float64(agree) / float64(gold)
	t.Logf("pub_date agreement: %d/%d (%.1f%%); gold null: %d predicted none, %d predicted a date", agree, gold, 100*rate, silentOK, extra)
	if rate < 0.80 {
		t.Errorf("pub_date agreement %.1f%% < 80%%", 100*rate)
	}
}
