// Command mitra-train trains the part-of-speech tagger and dependency parser
// of package syntax on the Universal Dependencies treebanks in
// ../shared/resources/ud and writes the model a language pack embeds:
//
//	go run ./cmd/mitra-train -lang id    # → internal/lang/id/data/syntax.model
//	go run ./cmd/mitra-train -lang en    # → internal/lang/en/data/syntax.model
//
// With -confidence it trains the event confidence model instead (see
// confidence.go).
//
// Training is deterministic: a rerun writes the same bytes.
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"mitra/internal/syntax"
	"mitra/internal/syntax/ud"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-confidence" || args[0] == "--confidence") {
		return runConfidence(args[1:], stdout, stderr)
	}
	fl := flag.NewFlagSet("mitra-train", flag.ContinueOnError)
	fl.SetOutput(stderr)
	lang := fl.String("lang", "id", "language: id or en")
	dir := fl.String("ud", "../shared/resources/ud", "folder of the UD treebanks")
	out := fl.String("o", "", "model file to write (default internal/lang/<lang>/data/syntax.model; - for none)")
	tokens := fl.String("tokens", "mitra", "train and test on mitra's tokens (mitra) or the treebank's words (ud)")
	with2017 := fl.Bool("gsd2017", true, "Indonesian: train on the 2017 GSD train file as well")
	withDev := fl.Bool("dev", true, "train on the dev file too (tuning was done without it; -dev=false to measure on dev)")
	fl.BoolVar(&ud.NoHarmonise, "no-harmonise", false, "do not rewrite the 2017 GSD file towards current conventions")
	domains := fl.Bool("domains", true, "train treebanks of other conventions (GSD 2017) with private feature copies")
	verbose := fl.Bool("v", false, "print the dev score after each parser epoch")
	var opt syntax.TrainOptions
	fl.IntVar(&opt.TagEpochs, "tag-epochs", 0, "tagger epochs (0: default)")
	fl.IntVar(&opt.ParseEpochs, "parse-epochs", 0, "parser epochs (0: default)")
	fl.IntVar(&opt.Folds, "folds", 0, "jackknife folds for the parser's tags (0: default, 1: gold tags)")
	fl.IntVar(&opt.MinQ, "minq", 0, "drop feature rows whose weights all quantise below this (0: default)")
	fl.Uint64Var(&opt.Seed, "seed", 1, "random seed")
	fl.IntVar(&opt.DomainParts, "domain-parts", 0, "parts with private copies per domain: 1 tagger, 2 moves, 4 labels (0: default, 5)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	set, ok := ud.Sets[*lang]
	if !ok {
		fmt.Fprintf(stderr, "mitra-train: unknown language %q (want id or en)\n", *lang)
		return 2
	}
	mitra := *tokens == "mitra"
	if !mitra && *tokens != "ud" {
		fmt.Fprintf(stderr, "mitra-train: -tokens must be mitra or ud, not %q\n", *tokens)
		return 2
	}
	if *out == "" {
		*out = filepath.Join("internal", "lang", *lang, "data", "syntax.model")
	}
	opt.Lang, opt.Affix = *lang, *lang == "id"
	opt.Log = stderr

	var train []syntax.Sentence
	var used []ud.File
	files := set.Train
	if *withDev {
		files = append(files[:len(files):len(files)], set.Dev)
	}
	for _, f := range files {
		if f.Optional && !*with2017 {
			continue
		}
		s, skipped, err := ud.Load(*dir, f, mitra)
		if err != nil {
			fmt.Fprintf(stderr, "mitra-train: %v\n", err)
			return 1
		}
		if !*domains {
			for i := range s {
				s[i].Domain = 0
			}
		}
		fmt.Fprintf(stderr, "%s: %d sentences (%d skipped)\n", f.Name, len(s), skipped)
		train = append(train, s...)
		used = append(used, f)
	}
	dev, _, err := ud.Load(*dir, set.Dev, mitra)
	if err != nil {
		fmt.Fprintf(stderr, "mitra-train: %v\n", err)
		return 1
	}
	if *verbose && !*withDev {
		opt.Dev = dev
	}
	start := time.Now()
	m, err := syntax.Train(train, opt)
	if err != nil {
		fmt.Fprintf(stderr, "mitra-train: %v\n", err)
		return 1
	}
	took := time.Since(start)
	fmt.Fprintf(stderr, "trained in %v\n", took.Round(time.Second))

	var scores []string
	if !*withDev {
		sc := m.Evaluate(dev)
		fmt.Fprintf(stdout, "%-10s %s\n", set.Dev.Name, sc)
	}
	for _, f := range set.Test {
		s, _, err := ud.Load(*dir, f, mitra)
		if err != nil {
			fmt.Fprintf(stderr, "mitra-train: %v\n", err)
			return 1
		}
		sc := m.Evaluate(s)
		fmt.Fprintf(stdout, "%-10s %s\n", f.Name, sc)
		scores = append(scores, fmt.Sprintf("%s: UPOS %.1f, UAS %.1f, LAS %.1f", f.Name, sc.UPOS, sc.UAS, sc.LAS))
		// The same test on the other tokenisation, for comparison.
		other, _, err := ud.Load(*dir, f, !mitra)
		if err != nil {
			fmt.Fprintf(stderr, "mitra-train: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "%-10s %s (on %s)\n", f.Name, m.Evaluate(other), map[bool]string{true: "mitra tokens", false: "UD words"}[!mitra])
	}
	if *out == "-" {
		return 0
	}
	var h strings.Builder
	fmt.Fprintf(&h, "mitra syntax model (%s): UPOS tagger and labelled dependency parser (averaged perceptrons, arc-hybrid transitions)\n", *lang)
	fmt.Fprintf(&h, "Trained on Universal Dependencies treebanks, on %s:\n", map[bool]string{true: "mitra's tokens (internal/token)", false: "the treebanks' own words"}[mitra])
	for _, f := range used {
		sum, err := fileSum(filepath.Join(*dir, f.Path))
		if err != nil {
			fmt.Fprintf(stderr, "mitra-train: %v\n", err)
			return 1
		}
		fmt.Fprintf(&h, "  %s: %s, %s (sha256 %s), %s\n", f.Name, f.Source, filepath.Base(f.Path), sum, f.Licence)
	}
	fmt.Fprintf(&h, "Licence: this model is derived from the treebanks above and is licensed CC BY-SA 4.0; see THIRD_PARTY.txt beside it.\n")
	args2 := []string{"go run ./cmd/mitra-train -lang " + *lang}
	fl.Visit(func(f *flag.Flag) {
		if f.Name != "lang" && f.Name != "v" && f.Name != "o" {
			args2 = append(args2, "-"+f.Name+"="+f.Value.String())
		}
	})
	fmt.Fprintf(&h, "Command: %s\n", strings.Join(args2, " "))
	fmt.Fprintf(&h, "Held-out accuracy on the same tokens (test sets, never used in training or tuning; punctuation included):\n")
	for _, s := range scores {
		fmt.Fprintf(&h, "  %s\n", s)
	}
	fmt.Fprintf(&h, "Format: mitra-syntax/1; binary payload after these lines (see internal/syntax/file.go).\n")
	var buf bytes.Buffer
	if err := m.Write(&buf, h.String()); err != nil {
		fmt.Fprintf(stderr, "mitra-train: %v\n", err)
		return 1
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "mitra-train: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "wrote %s (%d bytes)\n", *out, buf.Len())
	return 0
}

func fileSum(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	s := sha256.Sum256(b)
	return fmt.Sprintf("%x", s[:6]), nil
}
