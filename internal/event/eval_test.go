package event_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"mitra/internal/article"
	"mitra/internal/clean"
	"mitra/internal/event"
	"mitra/internal/lang/id"
	"mitra/internal/langid"
	"mitra/internal/record"
)

// evalDir is the shared evaluation set beside a checkout (CI has it; a clone
// elsewhere does not).
const evalDir = "../../../shared/eval"

// The bars on the dev set: issue 2's, raised in issue 10 to the measured
// figures (all languages: strict 0.706, quad 0.756, pair 0.811, negative FP
// 0.000) less a margin of about 0.015.
const (
	minStrictF1 = 0.69
	minQuadF1   = 0.74
	minPairF1   = 0.795
	maxNegFP    = 0.10
)

func newExtractor(t testing.TB) *event.Extractor {
	t.Helper()
	p, err := id.Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := event.New(p)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// extractDir codes every .txt page of dir with the Indonesian pack (pages in
// other languages are skipped, as `mitra extract` does) and returns JSONL.
func extractDir(t testing.TB, x *event.Extractor, dir string) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := &article.Doc{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Source: f, Format: "text", Raw: raw}
		clean.Text(d)
		d.Lang, _ = langid.Detect(d.Text)
		if d.Lang != "id" && d.Lang != "ms" {
			continue
		}
		for _, e := range x.Extract(d) {
			if e.Factuality == record.Asserted {
				if err := enc.Encode(e); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return buf.Bytes()
}

type score struct {
	Strict, Quad, Pair struct{ F1 float64 }
	NegativeFPShare    float64 `json:"negative_fp_share"`
	MainRecall         float64 `json:"main_recall"`
	DateAccuracy       float64 `json:"date_accuracy"`
	DirectionAccuracy  float64 `json:"direction_accuracy"`
	Contexts           struct{ F1 float64 }
}

func runScorer(t *testing.T, pred string, extra ...string) score {
	t.Helper()
	args := append([]string{filepath.Join(evalDir, "score.py"), filepath.Join(evalDir, "dev", "gold.jsonl"), pred, "--json"}, extra...)
	out, err := exec.Command("python3", args...).Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	var s score
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("score.py output: %v: %s", err, out)
	}
	return s
}

// TestDevSet scores extraction on the shared dev set and fails below the
// issue's bars.
func TestDevSet(t *testing.T) {
	if _, err := os.Stat(filepath.Join(evalDir, "dev", "gold.jsonl")); err != nil {
		t.Skipf("skipping: the shared eval set is not beside this checkout (%v)", err)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("skipping: python3 (for score.py) is not installed")
	}
	x := newExtractor(t)
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	if p := os.Getenv("MITRA_PRED"); p != "" {
		pred = p // keep the predictions for `score.py --show-errors`
	}
	if err := os.WriteFile(pred, extractDir(t, x, filepath.Join(evalDir, "dev", "docs")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "id"} {
		var extra []string
		if lang != "" {
			extra = []string{"--lang", lang}
		}
		s := runScorer(t, pred, extra...)
		t.Logf("lang %q: strict F1 %.3f, quad F1 %.3f, pair F1 %.3f, negative-doc FP share %.3f, main recall %.3f, contexts F1 %.3f, date accuracy %.3f, direction accuracy %.3f",
			lang, s.Strict.F1, s.Quad.F1, s.Pair.F1, s.NegativeFPShare, s.MainRecall, s.Contexts.F1, s.DateAccuracy, s.DirectionAccuracy)
		if s.Strict.F1 < minStrictF1 || s.Quad.F1 < minQuadF1 || s.Pair.F1 < minPairF1 || s.NegativeFPShare > maxNegFP {
			t.Errorf("lang %q below the bars: strict %.3f (≥ %.2f), quad %.3f (≥ %.2f), pair %.3f (≥ %.2f), negative FP %.3f (≤ %.2f)",
				lang, s.Strict.F1, minStrictF1, s.Quad.F1, minQuadF1, s.Pair.F1, minPairF1, s.NegativeFPShare, maxNegFP)
		}
	}
}
