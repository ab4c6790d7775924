package mitrabeam

import (
	"context"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"mitra/internal/store/postgres"
)

func init() {
	register.DoFn3x1[context.Context, docRow, func(int64), error](&writeDocs{})
	register.DoFn3x1[context.Context, eventRow, func(int64), error](&writeEvents{})
	register.DoFn3x1[context.Context, clusterRow, func(int64), error](&writeClusters{})
	register.DoFn3x1[context.Context, errorRow, func(int64), error](&writeErrors{})
	register.Emitter1[int64]()
	register.DoFn3x1[context.Context, []byte, func(*int64) bool, error](&finishFn{})
	register.Iter1[int64]()
}

// Rows a writer holds before it loads them: a bundle is loaded with one
// COPY per table unless it is larger than this.
const (
	flushDocs = 500
	flushRows = 5000
)

// rows holds a bundle's rows until they are loaded.
type rows[T any] struct {
	db   *postgres.DB
	held []T
}

func (r *rows[T]) open(ctx context.Context, dsn string) error {
	db, err := postgres.Open(ctx, dsn)
	r.db = db
	return err
}

// add holds a row, and loads the rows held when there are max of them.
func (r *rows[T]) add(ctx context.Context, row T, max int, load func(context.Context, []T) error, emit func(int64)) error {
	r.held = append(r.held, row)
	if len(r.held) >= max {
		return r.flush(ctx, load, emit)
	}
	return nil
}

// flush loads the rows held and emits how many, for the finish to wait on.
func (r *rows[T]) flush(ctx context.Context, load func(context.Context, []T) error, emit func(int64)) error {
	if len(r.held) == 0 {
		return nil
	}
	if err := load(ctx, r.held); err != nil {
		return fmt.Errorf("load %d rows: %w", len(r.held), err)
	}
	emit(int64(len(r.held)))
	r.held = r.held[:0]
	return nil
}

func (r *rows[T]) close() error {
	if r.db != nil {
		return r.db.Close()
	}
	return nil
}

// writeDocs loads documents.
type writeDocs struct {
	DSN string
	r   rows[docRow]
}

func (w *writeDocs) load(ctx context.Context, rs []docRow) error {
	ds := make([]postgres.LoadDoc, len(rs))
	for i := range rs {
		ds[i] = rs[i].LoadDoc
	}
	return w.r.db.LoadDocuments(ctx, ds)
}
func (w *writeDocs) Setup(ctx context.Context) error { return w.r.open(ctx, w.DSN) }
func (w *writeDocs) ProcessElement(ctx context.Context, d docRow, emit func(int64)) error {
	documentsCoded.Inc(ctx, 1)
	return w.r.add(ctx, d, flushDocs, w.load, emit)
}
func (w *writeDocs) FinishBundle(ctx context.Context, emit func(int64)) error {
	return w.r.flush(ctx, w.load, emit)
}
func (w *writeDocs) Teardown() error { return w.r.close() }

// writeEvents loads events.
type writeEvents struct {
	DSN string
	r   rows[eventRow]
}

func (w *writeEvents) load(ctx context.Context, rs []eventRow) error {
	es := make([]postgres.LoadEvent, len(rs))
	for i := range rs {
		es[i] = rs[i].LoadEvent
	}
	return w.r.db.LoadEvents(ctx, es)
}
func (w *writeEvents) Setup(ctx context.Context) error { return w.r.open(ctx, w.DSN) }
func (w *writeEvents) ProcessElement(ctx context.Context, e eventRow, emit func(int64)) error {
	return w.r.add(ctx, e, flushRows, w.load, emit)
}
func (w *writeEvents) FinishBundle(ctx context.Context, emit func(int64)) error {
	return w.r.flush(ctx, w.load, emit)
}
func (w *writeEvents) Teardown() error { return w.r.close() }

// writeClusters loads clusters.
type writeClusters struct {
	DSN string
	r   rows[clusterRow]
}

func (w *writeClusters) load(ctx context.Context, rs []clusterRow) error {
	cs := make([]postgres.LoadCluster, len(rs))
	for i := range rs {
		cs[i] = rs[i].LoadCluster
	}
	return w.r.db.LoadClusters(ctx, cs)
}
func (w *writeClusters) Setup(ctx context.Context) error { return w.r.open(ctx, w.DSN) }
func (w *writeClusters) ProcessElement(ctx context.Context, c clusterRow, emit func(int64)) error {
	return w.r.add(ctx, c, flushRows, w.load, emit)
}
func (w *writeClusters) FinishBundle(ctx context.Context, emit func(int64)) error {
	return w.r.flush(ctx, w.load, emit)
}
func (w *writeClusters) Teardown() error { return w.r.close() }

// writeErrors loads the inputs that failed.
type writeErrors struct {
	DSN string
	r   rows[errorRow]
}

func (w *writeErrors) load(ctx context.Context, rs []errorRow) error {
	es := make([]postgres.LoadError, len(rs))
	for i := range rs {
		es[i] = rs[i].LoadError
	}
	return w.r.db.LoadErrors(ctx, es)
}
func (w *writeErrors) Setup(ctx context.Context) error { return w.r.open(ctx, w.DSN) }
func (w *writeErrors) ProcessElement(ctx context.Context, e errorRow, emit func(int64)) error {
	return w.r.add(ctx, e, flushRows, w.load, emit)
}
func (w *writeErrors) FinishBundle(ctx context.Context, emit func(int64)) error {
	return w.r.flush(ctx, w.load, emit)
}
func (w *writeErrors) Teardown() error { return w.r.close() }

// finishFn ends the load once every write is done (its side input).
type finishFn struct {
	DSN string
}

func (fn *finishFn) ProcessElement(ctx context.Context, _ []byte, written func(*int64) bool) error {
	var n int64
	for written(&n) {
	}
	db, err := postgres.Open(ctx, fn.DSN)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.FinishLoad(ctx)
}
