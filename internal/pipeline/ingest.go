package pipeline

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mitra/internal/article"
	"mitra/internal/source"
	"mitra/internal/store"
)

// Progress counts what an ingest has done so far. All fields are updated
// atomically; read them with Snapshot.
type Progress struct {
	Read, Stored, Skipped, Duplicates, Events, Failed, Unsupported atomic.Int64
	Bytes                                                          atomic.Int64
	// NoPubDate counts the pages coded with no publication date (from
	// their metadata, the page or a default): their events without a date
	// of their own fall in no period.
	NoPubDate atomic.Int64
}

// Snapshot is a copy of a Progress at one moment.
type Snapshot struct {
	Read, Stored, Skipped, Duplicates, Events, Failed, Unsupported, Bytes int64
	NoPubDate                                                             int64
}

// Snapshot returns the current counts.
func (p *Progress) Snapshot() Snapshot {
	return Snapshot{p.Read.Load(), p.Stored.Load(), p.Skipped.Load(), p.Duplicates.Load(), p.Events.Load(), p.Failed.Load(), p.Unsupported.Load(), p.Bytes.Load(), p.NoPubDate.Load()}
}

// IngestOptions tune Ingest.
type IngestOptions struct {
	Workers int // extraction workers; 0: one per CPU
	// OnError is called (from one goroutine at a time) for each input that
	// failed; nil ignores them. They are also recorded in the store.
	OnError func(error)
	// OnSkip is called (from one goroutine at a time) for each readable
	// page not stored, or stored without events, with the reason: already
	// stored, the same content as an earlier page of the run, a language
	// without a pack.
	OnSkip func(source, reason string)
	// BatchDocs is how many documents one store Write takes at most
	// (default DefaultBatchDocs). A batch is also written when a document
	// comes BatchWait (default DefaultBatchWait) or more after its first,
	// and at the end.
	BatchDocs int
	BatchWait time.Duration
}

// Defaults of IngestOptions. A Write of 500 pages stores each table's rows
// in a few statements and commits once; the wait bounds how late a page
// shows, and what a crash loses, in a slow ingest (a feed, a URL list).
const (
	DefaultBatchDocs = 2000
	DefaultBatchWait = time.Second
)

// ReadFunc produces the inputs of an ingest, like source.Read.
type ReadFunc func(ctx context.Context, fn func(source.Item))

// Ingest reads every input, codes its events and stores it with them,
// many documents to a store Write. A document already stored (same
// content hash) is skipped, so ingesting again adds nothing and a killed
// ingest resumes where it stopped. A document whose text nearly duplicates
// one stored before it (a syndicated copy) is stored as that document's
// copy, so its events count as the same source. Ingest returns when every
// input is done or ctx is cancelled; the error is ctx's or a store
// failure. prog counts a document as stored only once its Write returned.
func (p *Pipeline) Ingest(ctx context.Context, st store.Store, read ReadFunc, opt IngestOptions, prog *Progress) error {
	if prog == nil {
		prog = &Progress{}
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Documents are stored in input order whatever the workers' timing, so
	// that an ingest is reproducible: clusters and near-duplicate links do
	// not depend on scheduling, and a resumed ingest stores exactly what an
	// uninterrupted one would.
	var errMu sync.Mutex
	fail := func(err error) {
		prog.Failed.Add(1)
		errMu.Lock()
		defer errMu.Unlock()
		src, reason, _ := strings.Cut(err.Error(), ": ")
		_ = st.RecordError(context.WithoutCancel(ctx), src, reason)
		if opt.OnError != nil {
			opt.OnError(err)
		}
	}
	if on := opt.OnSkip; on != nil {
		var mu sync.Mutex
		opt.OnSkip = func(src, why string) {
			mu.Lock()
			defer mu.Unlock()
			on(src, why)
		}
	} else {
		opt.OnSkip = func(string, string) {}
	}
	w := newWriter(ctx, st, opt, prog, fail)
	ordered(ctx, workers, func(fn func(source.Item)) { read(ctx, fn) }, func(it source.Item) *codedDoc {
		prog.Read.Add(1)
		it = it.Ready() // cleaning, on the worker (see source.Options.Defer)
		if it.Err != nil {
			fail(it.Err)
			return nil
		}
		c, err := p.code(ctx, st, it.Doc, prog, opt.OnSkip)
		if err != nil {
			fail(err)
		}
		return c
	}, func(c *codedDoc) {
		if c == nil || w.failed() || ctx.Err() != nil {
			return
		}
		if err := w.add(c); err != nil {
			w.setErr(err)
			cancel()
		}
	})
	if err := w.close(); err != nil {
		return err
	}
	return ctx.Err()
}

type codedDoc struct {
	batch store.Batch
	text  string
}

// code turns a read document into a batch, or nil when it is already stored;
// a page in a language without a pack is stored without events.
func (p *Pipeline) code(ctx context.Context, st store.Store, d *article.Doc, prog *Progress, skip func(src, why string)) (*codedDoc, error) {
	hash := Hash(d.Raw)
	prog.Bytes.Add(int64(len(d.Raw)))
	has, err := st.HasDocument(ctx, hash)
	if err != nil {
		return nil, fmt.Errorf("%s: store: %w", d.Source, err)
	}
	if has {
		prog.Skipped.Add(1)
		skip(d.Source, "already stored (the same content)")
		return nil, nil
	}
	c, err := p.Code(d, time.Now().UTC())
	if err != nil {
		return nil, err
	}
	if d.PubDate.IsZero() {
		prog.NoPubDate.Add(1)
	}
	if c.Unsupported != "" {
		prog.Unsupported.Add(1)
		skip(d.Source, c.Unsupported+": stored without events")
	}
	return &codedDoc{batch: c.Batch, text: c.Text}, nil
}

// outlet returns the site of a URL ("www.kompas.com" → "kompas.com").
func outlet(u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(pu.Hostname()), "www.")
}

// textCache keeps the text of the documents stored last, so that checking
// a near-duplicate candidate rarely reads the store.
type textCache struct {
	max   int
	order []string
	m     map[string][2]string // hash → text, canonical
}

func newTextCache(n int) *textCache { return &textCache{max: n, m: make(map[string][2]string, n)} }

func (c *textCache) get(h string) (text, canonical string, ok bool) {
	v, ok := c.m[h]
	return v[0], v[1], ok
}

func (c *textCache) put(h, text, canonical string) {
	if _, ok := c.m[h]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.order = append(c.order, h)
	c.m[h] = [2]string{text, canonical}
}
