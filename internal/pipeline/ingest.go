package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mitra/internal/article"
	"mitra/internal/buildinfo"
	"mitra/internal/dedup"
	"mitra/internal/record"
	"mitra/internal/source"
	"mitra/internal/store"
)

// Progress counts what an ingest has done so far. All fields are updated
// atomically; read them with Snapshot.
type Progress struct {
	Read, Stored, Skipped, Duplicates, Events, Failed, Unsupported atomic.Int64
	Bytes                                                          atomic.Int64
}

// Snapshot is a copy of a Progress at one moment.
type Snapshot struct {
	Read, Stored, Skipped, Duplicates, Events, Failed, Unsupported, Bytes int64
}

// Snapshot returns the current counts.
func (p *Progress) Snapshot() Snapshot {
	return Snapshot{p.Read.Load(), p.Stored.Load(), p.Skipped.Load(), p.Duplicates.Load(), p.Events.Load(), p.Failed.Load(), p.Unsupported.Load(), p.Bytes.Load()}
}

// IngestOptions tune Ingest.
type IngestOptions struct {
	Workers int // extraction workers; 0: one per CPU
	// OnError is called (from one goroutine at a time) for each input that
	// failed; nil ignores them. They are also recorded in the store.
	OnError func(error)
}

// ReadFunc produces the inputs of an ingest, like source.Read.
type ReadFunc func(ctx context.Context, fn func(source.Item))

// Ingest reads every input, codes its events and stores it with them in
// one transaction each. A document already stored (same content hash) is
// skipped, so ingesting again adds nothing and a killed ingest resumes
// where it stopped. A document whose text nearly duplicates one stored
// before it (a syndicated copy) is stored as that document's copy, so its
// events count as the same source. Ingest returns when every input is done
// or ctx is cancelled; the error is ctx's or a store failure.
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
	// One writer, in input order: near-duplicate checks see every document
	// stored before.
	var werr error
	recent := newTextCache(4096)
	ordered(ctx, workers, func(fn func(source.Item)) { read(ctx, fn) }, func(it source.Item) *codedDoc {
		prog.Read.Add(1)
		if it.Err != nil {
			fail(it.Err)
			return nil
		}
		c, err := p.code(ctx, st, it.Doc, prog)
		if err != nil {
			fail(err)
		}
		return c
	}, func(c *codedDoc) {
		if c == nil || werr != nil {
			return
		}
		if err := p.store(ctx, st, c, prog, recent); err != nil {
			werr = err
			cancel()
		}
	})
	if werr != nil {
		return werr
	}
	return ctx.Err()
}

type codedDoc struct {
	batch store.Batch
	text  string
}

// code turns a read document into a batch, or nil when it is already stored
// or in a language without a pack.
func (p *Pipeline) code(ctx context.Context, st store.Store, d *article.Doc, prog *Progress) (c *codedDoc, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("%s: internal error: %v", d.Source, r)
		}
	}()
	sum := sha256.Sum256(d.Raw)
	hash := hex.EncodeToString(sum[:])
	prog.Bytes.Add(int64(len(d.Raw)))
	has, err := st.HasDocument(ctx, hash)
	if err != nil {
		return nil, fmt.Errorf("%s: store: %w", d.Source, err)
	}
	if has {
		prog.Skipped.Add(1)
		return nil, nil
	}
	r := p.Process(d)
	doc := store.Document{
		Hash: hash, ID: d.ID, Source: d.Source, URL: d.URL, Outlet: outlet(d.URL), Lang: d.Lang,
		PubDate: d.PubDate.String(), Title: d.Title, Raw: d.Raw, Text: d.Text, IngestedAt: time.Now().UTC(),
		Build: buildinfo.String(), Codebook: record.Codebook,
	}
	if r.Skipped != "" {
		prog.Unsupported.Add(1)
	}
	var evs []store.Event
	for _, e := range r.Events {
		if e.Factuality != record.Asserted {
			continue
		}
		// The extractor's id is unique within one input; in the store, two
		// different pages may share a file name, so the content decides.
		id := sha256.Sum256([]byte(hash + "\x00" + e.ID))
		e.ID = hex.EncodeToString(id[:10])
		evs = append(evs, store.Event{Event: e, DocHash: hash})
	}
	return &codedDoc{batch: store.Batch{Doc: doc, Events: evs, Buckets: dedup.Signature(d.Text).Buckets()}, text: d.Text}, nil
}

// store checks a coded document for near-duplicates and puts it.
func (p *Pipeline) store(ctx context.Context, st store.Store, c *codedDoc, prog *Progress, recent *textCache) error {
	cands, err := st.NearDuplicates(ctx, c.batch.Buckets)
	if err != nil {
		return fmt.Errorf("near-duplicates of %s: %w", c.batch.Doc.Source, err)
	}
	for _, h := range cands[:min(len(cands), 5)] {
		if h == c.batch.Doc.Hash {
			continue
		}
		text, canonical, ok := recent.get(h)
		if !ok {
			other, err := st.Document(ctx, h)
			if err != nil {
				return fmt.Errorf("near-duplicates of %s: %w", c.batch.Doc.Source, err)
			}
			text, canonical = other.Text, other.Canonical
		}
		if dedup.Jaccard(c.text, text) >= dedup.Threshold {
			c.batch.Doc.Canonical = h
			if canonical != "" {
				c.batch.Doc.Canonical = canonical
			}
			prog.Duplicates.Add(1)
			break
		}
	}
	added, err := st.Put(ctx, &c.batch)
	if err != nil {
		return fmt.Errorf("store %s: %w", c.batch.Doc.Source, err)
	}
	if added {
		recent.put(c.batch.Doc.Hash, c.text, c.batch.Doc.Canonical)
		prog.Stored.Add(1)
		prog.Events.Add(int64(len(c.batch.Events)))
	} else {
		prog.Skipped.Add(1)
	}
	return nil
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
