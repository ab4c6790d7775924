// Package pipeline composes the stages — read, clean, detect the language,
// extract — and runs them over many documents on a pool of workers, emitting
// results in input order.
package pipeline

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"slices"

	"mitra/internal/actor"
	"mitra/internal/article"
	"mitra/internal/event"
	"mitra/internal/lang"
	"mitra/internal/langid"
	"mitra/internal/record"
	"mitra/internal/source"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Result is what the pipeline made of one input.
type Result struct {
	Doc    *article.Doc // nil when Err is set
	Events []record.Event
	// Skipped says why a readable document was not coded (no pack for its
	// language); empty when it was. SkippedLang is that language's code.
	Skipped     string
	SkippedLang string
	Err         error
}

// Pipeline holds one extractor per language pack. It is safe for concurrent
// use.
type Pipeline struct {
	packs      []*lang.Pack
	extractors []*event.Extractor
	detector   *langid.Detector
}

// New builds a pipeline over packs, in order of preference.
func New(packs ...*lang.Pack) (*Pipeline, error) {
	p := &Pipeline{packs: packs, detector: langid.Default()}
	for _, pk := range packs {
		x, err := event.New(pk)
		if err != nil {
			return nil, err
		}
		p.extractors = append(p.extractors, x)
	}
	return p, nil
}

// Extractor returns the extractor of the pack that reads language code, or
// nil.
func (p *Pipeline) Extractor(code string) *event.Extractor {
	for i, pk := range p.packs {
		if pk.Handles(code) {
			return p.extractors[i]
		}
	}
	return nil
}

// Languages returns the codes of the languages the pipeline reads, in the
// order of its packs.
func (p *Pipeline) Languages() []string {
	var out []string
	for _, pk := range p.packs {
		for _, c := range pk.Serves {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// skipped says, in English, that pages in language code are not read.
func skipped(code string) string {
	name := code
	if tag, err := language.Parse(code); err == nil && code != "" {
		if n := display.English.Languages().Name(tag); n != "" {
			name = n
		}
	}
	if code == "" {
		return "the page's language was not recognised; no language pack reads it"
	}
	return fmt.Sprintf("%s (%s): no language pack reads it", name, code)
}

// Gazetteer returns the home pack's gazetteer (the first pack's), which
// names parties in the interface and resolves what users type.
func (p *Pipeline) Gazetteer() *actor.Gazetteer {
	if len(p.packs) == 0 {
		return nil
	}
	return p.packs[0].Gazetteer
}

// Process detects d's language and extracts its events. d must be cleaned.
func (p *Pipeline) Process(d *article.Doc) Result {
	res, _ := p.ProcessContext(context.Background(), d)
	return res
}

// ProcessContext is Process that gives up between stages once ctx is done,
// returning ctx's error: a request that has timed out stops costing CPU
// when the stage it is in ends, rather than after every stage.
func (p *Pipeline) ProcessContext(ctx context.Context, d *article.Doc) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if d.Lang == "" {
		d.Lang, _ = p.detector.Detect(d.Text)
	}
	x := p.Extractor(d.Lang)
	if x == nil {
		return Result{Doc: d, Skipped: skipped(d.Lang), SkippedLang: d.Lang}, nil
	}
	if d.PubDate.IsZero() && !d.DefaultPubDate.IsZero() {
		// A date the page prints wins over the one given for the batch.
		if pd, _ := x.Dates().PubDate(d.Text); pd.IsZero() {
			d.PubDate, d.PubDateSource = d.DefaultPubDate, "default"
		}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	evs := x.Extract(d)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	return Result{Doc: d, Events: evs}, nil
}

// Options tune Run.
type Options struct {
	Workers int            // 0: the number of CPUs
	Source  source.Options // limits for reading inputs
}

// Run reads every input in paths ("-" is stdin), processes the documents on
// a pool of workers and calls emit for each result in input order. emit is
// called from one goroutine at a time.
func (p *Pipeline) Run(paths []string, stdin io.Reader, opt Options, emit func(Result)) {
	src := opt.Source
	src.Defer = true // the reader reads; the workers clean
	p.run(func(fn func(source.Item)) { source.Read(paths, stdin, src, fn) }, opt, emit)
}

func (p *Pipeline) run(read func(func(source.Item)), opt Options, emit func(Result)) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ordered(context.Background(), workers, read, func(it source.Item) Result {
		it = it.Ready() // cleaning, on the worker
		if it.Err != nil {
			return Result{Err: it.Err}
		}
		return p.safeProcess(it.Doc)
	}, emit)
}

// safeProcess turns a panic in a stage into an error naming the document,
// so that one bad page never stops a batch.
func (p *Pipeline) safeProcess(d *article.Doc) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Err: fmt.Errorf("%s: internal error: %v", d.Source, r)}
		}
	}()
	return p.Process(d)
}

// RunFS is Run over every document in fsys (the embedded sample pages, say).
func (p *Pipeline) RunFS(fsys fs.FS, opt Options, emit func(Result)) {
	var items []source.Item
	src := opt.Source
	src.Defer = true
	source.ReadFS(fsys, src, func(it source.Item) { items = append(items, it) })
	p.RunItems(items, opt, emit)
}

// RunItems processes already-read items on the worker pool, emitting results
// in order.
func (p *Pipeline) RunItems(items []source.Item, opt Options, emit func(Result)) {
	p.run(func(fn func(source.Item)) {
		for _, it := range items {
			fn(it)
		}
	}, opt, emit)
}
