package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"mitra/internal/dedup"
	"mitra/internal/store"
)

// writer stores coded documents, in input order, many to a store Write.
// While one Write runs (in its own goroutine), the next batch gathers; the
// documents of both are "unwritten": the near-duplicate check of a later
// document looks them up in memory besides the store, so that it finds
// exactly what it would if every earlier document were stored already.
type writer struct {
	ctx  context.Context
	st   store.Store
	opt  IngestOptions
	prog *Progress
	fail func(error)

	recent *textCache

	next  []*codedDoc // gathering
	since time.Time   // when next got its first document

	// unwritten holds the documents of next and of the Write in flight.
	mu        sync.Mutex
	unwritten map[string]*codedDoc // by hash
	order     []*codedDoc          // in input order
	byBucket  map[uint64][]*codedDoc
	err       error

	flights chan []*codedDoc // to the flusher; capacity 1
	done    chan struct{}
}

func newWriter(ctx context.Context, st store.Store, opt IngestOptions, prog *Progress, fail func(error)) *writer {
	if opt.BatchDocs <= 0 {
		opt.BatchDocs = DefaultBatchDocs
	}
	if opt.BatchWait <= 0 {
		opt.BatchWait = DefaultBatchWait
	}
	w := &writer{
		ctx: ctx, st: st, opt: opt, prog: prog, fail: fail,
		recent:    newTextCache(4096),
		unwritten: map[string]*codedDoc{},
		byBucket:  map[uint64][]*codedDoc{},
		flights:   make(chan []*codedDoc),
		done:      make(chan struct{}),
	}
	go w.flusher()
	return w
}

func (w *writer) failed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err != nil
}

func (w *writer) setErr(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

// add checks c for near-duplicates and queues it.
func (w *writer) add(c *codedDoc) error {
	h := c.batch.Doc.Hash
	w.mu.Lock()
	_, dup := w.unwritten[h]
	w.mu.Unlock()
	if dup {
		// An exact re-post of a document not written yet.
		w.prog.Skipped.Add(1)
		w.opt.OnSkip(c.batch.Doc.Source, "the same content as an earlier page of this run")
		return nil
	}
	if err := w.nearDuplicate(c); err != nil {
		return err
	}
	w.mu.Lock()
	w.unwritten[h] = c
	w.order = append(w.order, c)
	for _, b := range uniq(c.batch.Buckets) {
		w.byBucket[b] = append(w.byBucket[b], c)
	}
	w.mu.Unlock()
	w.recent.put(h, c.text, c.batch.Doc.Canonical)
	if len(w.next) == 0 {
		w.since = time.Now()
	}
	w.next = append(w.next, c)
	if len(w.next) >= w.opt.BatchDocs || time.Since(w.since) >= w.opt.BatchWait {
		return w.flush()
	}
	return nil
}

// flush hands the gathered documents to the flusher, waiting for the
// Write in flight.
func (w *writer) flush() error {
	if len(w.next) == 0 {
		return nil
	}
	select {
	case w.flights <- w.next:
	case <-w.done:
	}
	w.next = nil
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// close writes what is left and waits for it.
func (w *writer) close() error {
	if !w.failed() {
		w.flush()
	}
	close(w.flights)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// flusher writes batches one at a time.
func (w *writer) flusher() {
	defer close(w.done)
	for docs := range w.flights {
		if w.failed() {
			continue
		}
		bs := make([]*store.Batch, len(docs))
		for i, c := range docs {
			bs[i] = &c.batch
		}
		// A Write is not interrupted by a cancelled ingest: what was coded
		// before the cancellation is stored.
		out, err := w.st.Write(context.WithoutCancel(w.ctx), bs)
		if err != nil {
			w.setErr(fmt.Errorf("store %d documents (%s to %s): %w", len(docs), docs[0].batch.Doc.Source, docs[len(docs)-1].batch.Doc.Source, err))
		}
		for i, c := range docs {
			switch {
			case err != nil:
			case out[i].Err != nil:
				w.fail(fmt.Errorf("%s: %w", c.batch.Doc.Source, out[i].Err))
			case out[i].Added:
				w.prog.Stored.Add(1)
				w.prog.Events.Add(int64(len(c.batch.Events)))
				if c.batch.Doc.Canonical != "" {
					w.prog.Duplicates.Add(1)
				}
			default:
				w.prog.Skipped.Add(1)
				w.opt.OnSkip(c.batch.Doc.Source, "already stored (the same content)")
			}
		}
		w.mu.Lock()
		for _, c := range docs {
			delete(w.unwritten, c.batch.Doc.Hash)
			for _, b := range uniq(c.batch.Buckets) {
				l := w.byBucket[b]
				if i := slices.Index(l, c); i >= 0 {
					l = slices.Delete(l, i, i+1)
				}
				if len(l) == 0 {
					delete(w.byBucket, b)
				} else {
					w.byBucket[b] = l
				}
			}
		}
		w.order = w.order[len(docs):]
		w.mu.Unlock()
	}
}

// nearDuplicate sets c's canonical document when its text nearly
// duplicates an earlier one, stored or unwritten.
func (w *writer) nearDuplicate(c *codedDoc) error {
	// The unwritten documents first, then the store: a Write that commits
	// in between leaves its documents in both lists, where the store's
	// entry stands. (The other way round, they would be in neither.)
	w.mu.Lock()
	shared := map[*codedDoc]int{}
	for _, b := range uniq(c.batch.Buckets) {
		for _, o := range w.byBucket[b] {
			shared[o]++
		}
	}
	var unwritten []store.Near
	for _, o := range w.order {
		if n := shared[o]; n > 0 {
			unwritten = append(unwritten, store.Near{Hash: o.batch.Doc.Hash, Shared: n})
		}
	}
	w.mu.Unlock()
	near, err := w.st.NearDuplicates(w.ctx, c.batch.Buckets)
	if err != nil {
		return fmt.Errorf("near-duplicates of %s: %w", c.batch.Doc.Source, err)
	}
	// The unwritten documents come after every stored one.
	seen := make(map[string]bool, len(near))
	for _, n := range near {
		seen[n.Hash] = true
	}
	for _, n := range unwritten {
		if !seen[n.Hash] {
			near = append(near, n)
		}
	}
	slices.SortStableFunc(near, func(a, b store.Near) int { return cmp.Compare(b.Shared, a.Shared) })

	for _, n := range near[:min(len(near), NearCandidates)] {
		h := n.Hash
		if h == c.batch.Doc.Hash {
			continue
		}
		text, canonical, ok := w.recent.get(h)
		if !ok {
			other, err := w.st.Document(w.ctx, h)
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
			break
		}
	}
	return nil
}

// uniq returns the distinct buckets (a store counts shared buckets once).
func uniq(bs []uint64) []uint64 {
	out := slices.Clone(bs)
	slices.Sort(out)
	return slices.Compact(out)
}
