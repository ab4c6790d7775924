package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"mitra/internal/calibrate"
	"mitra/internal/event"
	"mitra/internal/lang"
	"mitra/internal/lang/packs"
	"mitra/internal/langid"
	"mitra/internal/record"
	"mitra/internal/source"
)

// runConfidence trains the event confidence model (internal/calibrate) on
// the development pages and their gold, reports five-fold cross-validated
// calibration on them and the model's calibration on the held-out pages,
// and writes the weights to the shared data:
//
//	go run ./cmd/mitra-train -confidence   # → internal/lang/world/data/confidence.tsv
func runConfidence(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("mitra-train -confidence", flag.ContinueOnError)
	fl.SetOutput(stderr)
	evalDir := fl.String("eval", "../shared/eval", "folder of the evaluation sets (dev/ trains, dev2/ is only measured)")
	out := fl.String("o", filepath.Join("internal", "lang", "world", "data", "confidence.tsv"), "weights file to write (- for none)")
	folds := fl.Int("folds", 5, "cross-validation folds")
	trainSets := fl.String("train", "dev", "comma-separated sets to train on (cross-validated by page); the others (dev2) are only measured")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	ps, err := packs.Load("")
	if err != nil {
		fmt.Fprintf(stderr, "mitra-train: %v\n", err)
		return 1
	}
	var xs []*event.Extractor
	for _, p := range ps {
		x, err := event.New(p)
		if err != nil {
			fmt.Fprintf(stderr, "mitra-train: %v\n", err)
			return 1
		}
		xs = append(xs, x)
	}
	collect := func(set string) ([]calibrate.Example, error) {
		return examples(filepath.Join(*evalDir, set), ps, xs)
	}
	var dev []calibrate.Example
	sets := strings.Split(*trainSets, ",")
	for _, set := range sets {
		ex, err := collect(set)
		if err != nil {
			fmt.Fprintf(stderr, "mitra-train: %s: %v\n", set, err)
			return 1
		}
		for i := range ex {
			ex[i].Doc = set + "/" + ex[i].Doc
		}
		dev = append(dev, ex...)
	}
	opt := calibrate.DefaultOptions
	cv := calibrate.CrossValidate(dev, *folds, opt)
	var h bytes.Buffer
	fmt.Fprintf(&h, "confidence.tsv: weights of mitra's event confidence model (logistic regression over how an\n")
	fmt.Fprintf(&h, "event was read; features in internal/event/confidence.go), by feature name.\n")
	fmt.Fprintf(&h, "source: trained by mitra on evaluation pages (shared/eval/%s) and their gold; own work.\n", strings.Join(sets, ", shared/eval/"))
	fmt.Fprintf(&h, "command: go run ./cmd/mitra-train -confidence -train %s (L2 %.1f, %d Newton steps; deterministic)\n", *trainSets, opt.L2, opt.Iterations)
	fmt.Fprintf(&h, "An event's label is the share of its (type, party pair) keys the gold lists; optional gold is left out.\n")
	for _, set := range sets {
		var p, l []float64
		for i, e := range dev {
			if strings.HasPrefix(e.Doc, set+"/") {
				p, l = append(p, cv[i]), append(l, e.Label)
			}
		}
		calibrate.WriteTable(&h, fmt.Sprintf("%s, %d-fold cross-validated by page", set, *folds), p, l)
	}
	w := calibrate.Fit(dev, opt)
	for _, set := range []string{"dev", "dev2"} {
		if slices.Contains(sets, set) {
			continue
		}
		held, err := collect(set)
		if err != nil {
			fmt.Fprintf(stderr, "mitra-train: %s: %v (not measured)\n", set, err)
			continue
		}
		var p []float64
		for _, e := range held {
			p = append(p, calibrate.Predict(w, e.Features))
		}
		calibrate.WriteTable(&h, set+" (held out: never trained on)", p, labels(held))
	}
	fmt.Fprintf(&h, "format: feature<TAB>weight; an event's confidence is 1/(1+exp(-Σ weights of its features)).\n")
	io.Copy(stdout, bytes.NewReader(h.Bytes()))
	if *out == "-" {
		return 0
	}
	var buf bytes.Buffer
	if err := calibrate.WriteWeights(&buf, h.String(), w); err != nil {
		fmt.Fprintf(stderr, "mitra-train: %v\n", err)
		return 1
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "mitra-train: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "wrote %s (%d features)\n", *out, len(w))
	return 0
}

func labels(ex []calibrate.Example) []float64 {
	out := make([]float64, len(ex))
	for i, e := range ex {
		out[i] = e.Label
	}
	return out
}

// goldKeys are a page's gold (type, pair) keys, and its optional ones.
type goldKeys struct{ strict, optional map[string]bool }

// examples codes every page of an evaluation set and labels each asserted
// event by the set's gold.
func examples(dir string, ps []*lang.Pack, xs []*event.Extractor) ([]calibrate.Example, error) {
	gold, err := readGold(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return nil, err
	}
	det := langid.Default()
	var out []calibrate.Example
	var rerr error
	source.Read([]string{filepath.Join(dir, "docs")}, nil, source.Options{}, func(it source.Item) {
		if it.Err != nil {
			rerr = it.Err
			return
		}
		d := it.Doc
		d.Lang, _ = det.Detect(d.Text)
		g, ok := gold[d.ID]
		if !ok {
			return
		}
		for i, p := range ps {
			if !p.Handles(d.Lang) {
				continue
			}
			evs, fs := xs[i].ExtractFeatures(d)
			for k := range evs {
				if evs[k].Factuality != record.Asserted {
					continue
				}
				right, counted := 0, 0
				for _, key := range eventKeys(string(evs[k].Type), record.Codes(evs[k].Actors), record.Codes(evs[k].Recipients)) {
					if g.optional[key] && !g.strict[key] {
						continue
					}
					counted++
					if g.strict[key] {
						right++
					}
				}
				if counted == 0 {
					continue
				}
				out = append(out, calibrate.Example{Doc: d.ID, Features: fs[k], Label: float64(right) / float64(counted)})
			}
			break
		}
	})
	return out, rerr
}

// eventKeys returns an event's (type, unordered pair) keys, as the scorer
// counts them.
func eventKeys(typ string, actors, recipients []string) []string {
	var out []string
	pair := func(a, b string) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		out = append(out, typ+"|"+a+"|"+b)
	}
	if len(recipients) > 0 {
		for _, a := range actors {
			for _, r := range recipients {
				pair(a, r)
			}
		}
		return out
	}
	for i, a := range actors {
		for _, b := range actors[i+1:] {
			pair(a, b)
		}
	}
	return out
}

func readGold(path string) (map[string]goldKeys, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]goldKeys{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var line struct {
			Doc    string `json:"doc"`
			Events []struct {
				Type       string   `json:"type"`
				Actors     []string `json:"actors"`
				Recipients []string `json:"recipients"`
				Optional   bool     `json:"optional"`
			} `json:"events"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		g := goldKeys{strict: map[string]bool{}, optional: map[string]bool{}}
		for _, e := range line.Events {
			for _, k := range eventKeys(strings.ToUpper(e.Type), e.Actors, e.Recipients) {
				if e.Optional {
					g.optional[k] = true
				} else {
					g.strict[k] = true
				}
			}
		}
		out[line.Doc] = g
	}
	return out, sc.Err()
}
