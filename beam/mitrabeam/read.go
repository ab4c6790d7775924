package mitrabeam

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"   // gs://
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // paths
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"    // s3://
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"mitra/internal/ingest"
	"mitra/internal/lang/packs"
	"mitra/internal/pipeline"
	"mitra/internal/source"
)

func init() {
	register.Function3x1(expandInput)
	register.Emitter1[fileRef]()
	register.Combiner3[fileList, fileRef, fileList](&collectFiles{})
	register.Function2x1(numberFiles)
	register.DoFn4x1[context.Context, fileRef, func(page), func(failure), error](&readFn{})
	register.Emitter1[page]()
	register.Emitter1[failure]()
	register.DoFn3x0[page, func(string, coded), func(failure)](&codeFn{})
	register.Emitter2[string, coded]()
	register.Function4x0(firstOfHash)
	register.Iter1[coded]()
	register.Emitter1[coded]()
}

var (
	pagesRead   = beam.NewCounter("mitra", "pages_read")
	inputsAbort = beam.NewCounter("mitra", "inputs_failed")
	exactCopies = beam.NewCounter("mitra", "exact_reposts")
)

// expandInput lists the files of one input: a local folder walked as
// ingest walks it, else a glob on its filesystem, in lexical order; files
// ingest would pass over (hidden, of a kind it does not read) are left
// out.
func expandInput(ctx context.Context, in input, emit func(fileRef)) error {
	n := 0
	add := func(path string, size int64, err string) {
		emit(fileRef{Input: in.Index, Seq: n, Path: path, Size: size, Err: err})
		n++
	}
	if fi, err := os.Stat(in.Pattern); err == nil && fi.IsDir() {
		source.Walk(in.Pattern, func(q string) bool { return !ingest.Walked(in.Pattern, q) },
			func(q, why string) { add(q, -1, why) },
			func(q string, fi fs.FileInfo) bool { add(q, fi.Size(), ""); return true })
		return nil
	}
	fsys, err := filesystem.New(ctx, in.Pattern)
	if err != nil {
		add(in.Pattern, -1, err.Error())
		return nil
	}
	defer fsys.Close()
	paths, err := fsys.List(ctx, in.Pattern)
	if err != nil {
		add(in.Pattern, -1, err.Error())
		return nil
	}
	if len(paths) == 0 {
		add(in.Pattern, -1, "no such file")
		return nil
	}
	slices.SortFunc(paths, walkOrder)
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			continue // a folder a glob matched: its files need a glob of their own
		}
		if !ingest.Walked("", p) {
			continue
		}
		size, err := fsys.Size(ctx, p)
		if err != nil {
			size = -1
		}
		add(p, size, "")
	}
	return nil
}

// walkOrder orders paths as a folder walk visits them: by name within a
// folder, a folder's files where its name falls ("a/b/c" before "a/b.txt").
func walkOrder(a, b string) int {
	return slices.Compare(strings.Split(a, "/"), strings.Split(b, "/"))
}

// collectFiles gathers every file, to number them in order.
type collectFiles struct{}

func (*collectFiles) CreateAccumulator() fileList { return fileList{} }

func (*collectFiles) AddInput(a fileList, f fileRef) fileList {
	a.Files = append(a.Files, f)
	return a
}

func (*collectFiles) MergeAccumulators(a, b fileList) fileList {
	a.Files = append(a.Files, b.Files...)
	return a
}

// numberFiles numbers the files in input order.
func numberFiles(l fileList, emit func(fileRef)) error {
	slices.SortFunc(l.Files, func(a, b fileRef) int {
		if a.Input != b.Input {
			return a.Input - b.Input
		}
		return a.Seq - b.Seq
	})
	if len(l.Files) >= 1<<fileBits {
		return fmt.Errorf("%d files: a run reads at most %d", len(l.Files), 1<<fileBits)
	}
	for i, f := range l.Files {
		f.Index = i
		emit(f)
	}
	return nil
}

// readFn reads one file into cleaned documents.
type readFn struct {
	MaxMB int
}

func (fn *readFn) ProcessElement(ctx context.Context, f fileRef, emit func(page), fail func(failure)) error {
	rec := 0
	next := func() int64 {
		o := order(f.Index, rec)
		rec++
		return o
	}
	if f.Err != "" {
		inputsAbort.Inc(ctx, 1)
		fail(failure{Order: next(), Source: f.Path, Reason: f.Err})
		return nil
	}
	rc, err := open(ctx, f.Path)
	if err != nil {
		inputsAbort.Inc(ctx, 1)
		fail(failure{Order: next(), Source: f.Path, Reason: source.Reason(err)})
		return nil
	}
	defer rc.Close()
	opt := ingest.Options{Source: source.Options{MaxBytes: int64(fn.MaxMB) << 20}}
	var ferr error
	ingest.ReadFile(ctx, f.Path, rc, f.Size, opt, func(it source.Item) {
		o := next()
		if o>>recordBits != int64(f.Index) {
			ferr = fmt.Errorf("%s: more than %d records", f.Path, 1<<recordBits)
			return
		}
		if it.Err != nil {
			inputsAbort.Inc(ctx, 1)
			src, reason, _ := strings.Cut(it.Err.Error(), ": ")
			fail(failure{Order: o, Source: src, Reason: reason})
			return
		}
		pagesRead.Inc(ctx, 1)
		emit(page{Order: o, Doc: *it.Doc})
	})
	return ferr
}

// open opens a file on its filesystem.
func open(ctx context.Context, path string) (io.ReadCloser, error) {
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	return fsys.OpenRead(ctx, path)
}

// codeFn is the per-page step of ingest, pipeline.Code.
type codeFn struct {
	p *pipeline.Pipeline
}

func (fn *codeFn) Setup() error {
	ps, err := packs.Load("")
	if err != nil {
		return err
	}
	fn.p, err = pipeline.New(ps...)
	return err
}

func (fn *codeFn) ProcessElement(pg page, emit func(string, coded), fail func(failure)) {
	c, err := fn.p.Code(&pg.Doc, time.Now().UTC())
	if err != nil {
		src, reason, _ := strings.Cut(err.Error(), ": ")
		fail(failure{Order: pg.Order, Source: src, Reason: reason})
		return
	}
	emit(c.Batch.Doc.Hash, coded{Order: pg.Order, Source: pg.Order, Batch: c.Batch, Text: c.Text})
}

// firstOfHash keeps the first document with a content hash: ingest skips
// an exact re-post.
func firstOfHash(ctx context.Context, _ string, cs func(*coded) bool, emit func(coded)) {
	var first, c coded
	n := 0
	for cs(&c) {
		if n == 0 || c.Order < first.Order {
			first = c
		}
		n++
		c = coded{}
	}
	if n > 1 {
		exactCopies.Inc(ctx, int64(n-1))
	}
	emit(first)
}
