// Package ingest reads the inputs of `mitra ingest`: what package source
// reads (text and HTML pages, JSONL, folders, stdin), plus WARC files of
// HTTP responses, RSS and Atom feed files, gzip-compressed pages and lists of
// URLs fetched politely over HTTP.
//
// Every input yields documents or errors, never a stop: an error names the
// input ("path", "path#record", "path:line" or the URL) and the reason, in
// lower case, on one line, as in
//
//	news.warc.gz#7: truncated gzip data
//	https://example.com/x: robots.txt disallows
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"mitra/internal/article"
	"mitra/internal/source"
)

// MaxDepth is the deepest element nesting an HTML page may have; deeper
// pages are rejected as hostile or broken ("too deeply nested").
const MaxDepth = 10000

// Options for reading ingest inputs. The zero value is ready to use.
type Options struct {
	Source source.Options
	Fetch  FetchOptions // for URL lists
	// Workers is the number of goroutines that clean pages; 0 means
	// GOMAXPROCS. Results still come in input order. With Source.Defer,
	// pages are not cleaned here but by whoever calls Item.Ready.
	Workers int
}

// Read calls fn for every document or failure in paths, like source.Read,
// and also understands:
//
//   - WARC files (.warc, .warc.gz; gzip per record or for the whole file):
//     each `response` record whose HTTP payload is an HTML page (status
//     200, Content-Type text/html or application/xhtml+xml) becomes a Doc
//     with ID = the WARC-Record-ID's UUID, URL = WARC-Target-URI and Source
//     = "path#N", N the record's number in the file (from 1). Other records
//     are skipped silently; a file with no HTML page at all is an error.
//     The payload's Content-Encoding (gzip, deflate), chunked transfer
//     coding and charset are decoded. A truncated record or gzip member is
//     one error naming the record; the records before it are kept.
//   - RSS and Atom feeds (.rss, .atom, and .xml files that are feeds): each
//     item becomes a Doc of its title (as <h1>) and content (content:encoded,
//     Atom content, else description), with URL = link, ID = guid or link,
//     Source = "path#N" and PubDate from the item's date as written (day
//     precision, PubDateSource "feed"). A feed with no items is an error.
//   - gzip-compressed pages, JSONL and feeds (x.html.gz, x.jsonl.gz, …).
//   - URL lists (.urls files, or "urls:FILE"): one http(s) URL per line, #
//     comments and blank lines ignored; each is fetched politely (see
//     FetchOptions) and the HTML page becomes a Doc with URL = the final URL
//     after redirects, Source = the URL as listed and ID = the last segment
//     of its path (without extension), or "u" and a hash of the URL.
//
// Pages from every kind of input are checked and cleaned as source.Read
// does, and also rejected when they are UTF-16 or nest HTML elements more
// than MaxDepth deep (JSONL records and stdin are read by source.Read
// unchanged).
//
// Files, folder entries (walked in lexical order), WARC records, feed items
// and JSONL records come in a deterministic order; the results of one URL
// list come in completion order, after the inputs before it and before the
// inputs after it. fn is called from one goroutine at a time, and never
// after Read returns. Read returns promptly when ctx is cancelled.
func Read(ctx context.Context, paths []string, stdin io.Reader, opt Options, fn func(source.Item)) {
	o := newOutput(ctx, opt, fn)
	r := &reader{ctx: ctx, opt: opt, out: o}
	for _, p := range paths {
		if ctx.Err() != nil {
			break
		}
		switch {
		case p == "-":
			source.Read([]string{"-"}, stdin, opt.Source, o.item)
		case strings.HasPrefix(p, "urls:") && !exists(p):
			r.urlFile(strings.TrimPrefix(p, "urls:"))
		default:
			r.path(p)
		}
	}
	o.close()
	if r.fetch != nil {
		r.fetch.close()
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

type reader struct {
	ctx   context.Context
	opt   Options
	out   *output
	fetch *fetcher // made on the first URL list
}

func (r *reader) fail(format string, args ...any) {
	r.out.item(source.Item{Err: errorf(format, args...)})
}

// errorf formats an error on one line.
func errorf(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if strings.ContainsAny(msg, "\r\n") {
		msg = strings.Join(strings.Fields(msg), " ")
	}
	return errors.New(msg)
}

func (r *reader) path(p string) {
	fi, err := os.Stat(p)
	if err != nil {
		r.fail("%s: %s", p, source.Reason(err))
		return
	}
	if !fi.IsDir() {
		r.file(p, fi, true)
		return
	}
	source.Walk(p, func(q string) bool { return kindOf(q) == kindSkip },
		func(q, why string) { r.fail("%s: %s", q, why) },
		func(q string, fi fs.FileInfo) bool {
			if r.ctx.Err() != nil {
				return false
			}
			r.file(q, fi, false)
			return true
		})
}

// kind is what a file holds, judged by its name.
type kind int

const (
	kindPage  kind = iota // text or HTML, judged by extension or content
	kindJSONL             // one record per line
	kindWARC
	kindFeed  // .rss, .atom
	kindXML   // a feed, or (in a folder walk) some other XML to skip
	kindURLs  // one URL per line
	kindSkip  // not a document (images, archives, …)
	kindGzip  // a gzip-compressed page, JSONL file or feed
	kindBadGz // a gzip file of something else
)

func kindOf(name string) kind {
	n := strings.ToLower(filepath.Base(name))
	if strings.HasSuffix(n, ".gz") {
		switch k := kindOf(strings.TrimSuffix(n, ".gz")); k {
		case kindWARC:
			return kindWARC
		case kindJSONL, kindFeed, kindXML:
			return kindGzip
		case kindPage:
			if filepath.Ext(strings.TrimSuffix(n, ".gz")) != "" {
				return kindGzip
			}
		}
		return kindBadGz
	}
	switch filepath.Ext(n) {
	case ".warc":
		return kindWARC
	case ".jsonl", ".ndjson":
		return kindJSONL
	case ".rss", ".atom":
		return kindFeed
	case ".xml":
		return kindXML
	case ".urls":
		return kindURLs
	}
	if source.Skipped(n) {
		return kindSkip
	}
	return kindPage
}

// file reads one file; explicit says it was named, not found in a walk.
func (r *reader) file(p string, fi fs.FileInfo, explicit bool) {
	k := kindOf(p)
	switch k {
	case kindSkip, kindBadGz:
		if explicit {
			e := strings.ToLower(filepath.Ext(p))
			if k == kindBadGz {
				e = strings.ToLower(filepath.Ext(strings.TrimSuffix(p, filepath.Ext(p)))) + e
			}
			r.fail("%s: unsupported file type %q", p, e)
		}
		return
	case kindURLs:
		r.urlFile(p)
		return
	}
	f, err := os.Open(p)
	if err != nil {
		r.fail("%s: %s", p, source.Reason(err))
		return
	}
	defer f.Close()
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	r.content(p, k, f, size, explicit)
}

// content reads the content f of the file p of kind k (not kindSkip,
// kindBadGz or kindURLs), of size bytes (-1: unknown).
func (r *reader) content(p string, k kind, f io.Reader, size int64, explicit bool) {
	switch k {
	case kindJSONL:
		source.ReadJSONL(p, f, r.opt.Source, r.out.item)
	case kindWARC:
		r.warc(p, f)
	case kindGzip:
		r.gzip(p, f, explicit)
	default:
		if limit := r.opt.Source.Limit(); size > limit {
			r.fail("%s: too large (%d bytes, limit %d)", p, size, limit)
			return
		}
		b, err := source.ReadLimited(f, r.opt.Source.Limit())
		if err != nil {
			r.fail("%s: %s", p, err)
			return
		}
		r.bytes(p, p, b, k, explicit)
	}
}

// bytes reads the content b of the file name (a page or a feed; for a
// gzip file, name is the path without .gz). at names it in errors.
func (r *reader) bytes(at, name string, b []byte, k kind, explicit bool) {
	switch k {
	case kindFeed, kindXML:
		r.feed(at, name, b, k == kindFeed || explicit)
		return
	}
	base := filepath.Base(name)
	d := &article.Doc{
		ID:     strings.TrimSuffix(base, filepath.Ext(base)),
		Source: at,
		Format: source.FormatOf(name, b),
	}
	r.out.page(at, d, b)
}

// gzip reads a gzip-compressed page, JSONL file or feed.
func (r *reader) gzip(p string, f io.Reader, explicit bool) {
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		r.fail("%s: %s", p, gzipReason(err, true))
		return
	}
	zr.Multistream(true)
	inner := strings.TrimSuffix(p, filepath.Ext(p))
	in := &gzErrReader{zr}
	switch k := kindOf(inner); k {
	case kindJSONL:
		source.ReadJSONL(p, in, r.opt.Source, r.out.item)
	default:
		b, err := source.ReadLimited(in, r.opt.Source.Limit())
		if err != nil {
			r.fail("%s: %s", p, err)
			return
		}
		r.bytes(p, inner, b, k, explicit)
	}
}

// gzErrReader turns gzip errors into short reasons.
type gzErrReader struct{ r io.Reader }

func (g *gzErrReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = errors.New(gzipReason(err, false))
	}
	return n, err
}

// gzipReason explains a gzip error; atStart says it came from the header of
// the first member.
func gzipReason(err error, atStart bool) string {
	switch {
	case atStart && (errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)):
		return "not gzip data"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "truncated gzip data"
	case errors.Is(err, gzip.ErrChecksum):
		return "corrupt gzip data (checksum mismatch)"
	case errors.Is(err, gzip.ErrHeader):
		return "corrupt gzip data (bad member header)"
	}
	return "corrupt gzip data (" + strings.TrimPrefix(err.Error(), "flate: ") + ")"
}

// checkPage rejects what source.Emit would not: UTF-16 text, and HTML
// nested deeper than MaxDepth.
func checkPage(d *article.Doc, b []byte) error {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return errors.New("utf-16 text (only utf-8 and declared single-byte charsets are read)")
	}
	if d.Format == "html" && tooDeep(b, MaxDepth) {
		return fmt.Errorf("too deeply nested html (more than %d levels)", MaxDepth)
	}
	return nil
}

// impliedEnd lists elements whose end tag is often left out; they do not
// count towards the nesting depth.
var impliedEnd = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "option": true, "optgroup": true,
	"tr": true, "td": true, "th": true, "tbody": true, "thead": true, "tfoot": true,
	"rb": true, "rt": true, "rtc": true, "rp": true, "colgroup": true, "caption": true,
	"html": true, "head": true, "body": true,
	// void elements
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true,
	"track": true, "wbr": true, "param": true, "keygen": true,
}

// tooDeep reports whether the elements of the page b nest more than limit
// levels deep.
func tooDeep(b []byte, limit int) bool {
	if bytes.Count(b, []byte("<")) <= limit {
		return false
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken:
			name, _ := z.TagName()
			if !impliedEnd[string(name)] {
				if depth++; depth > limit {
					return true
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !impliedEnd[string(name)] && depth > 0 {
				depth--
			}
		}
	}
}

// output hands Items to fn in order from one goroutine, cleaning pages on
// a pool of workers.
type output struct {
	ctx   context.Context
	opt   source.Options
	order chan *slot // every slot, in input order
	jobs  chan *slot // slots with a page to clean
	done  chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex // serialises item calls from fetch workers
	// clean checks and cleans a page; tests replace it.
	clean func(ctx context.Context, name string, d *article.Doc, b []byte, opt source.Options) []source.Item
}

type slot struct {
	items []source.Item
	ready chan struct{}
	name  string
	doc   *article.Doc
	raw   []byte
}

func newOutput(ctx context.Context, opt Options, fn func(source.Item)) *output {
	n := opt.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	o := &output{
		ctx:   ctx,
		opt:   opt.Source,
		order: make(chan *slot, 4*n),
		jobs:  make(chan *slot, n),
		done:  make(chan struct{}),
		clean: clean,
	}
	for range n {
		o.wg.Add(1)
		go func() {
			defer o.wg.Done()
			for s := range o.jobs {
				s.items = o.clean(ctx, s.name, s.doc, s.raw, o.opt)
				s.raw = nil
				close(s.ready)
			}
		}()
	}
	go func() {
		defer close(o.done)
		for s := range o.order {
			<-s.ready
			for _, it := range s.items {
				fn(it)
			}
		}
	}()
	return o
}

// clean checks and cleans one page.
func clean(ctx context.Context, name string, d *article.Doc, b []byte, opt source.Options) []source.Item {
	if ctx.Err() != nil {
		return nil
	}
	if err := checkPage(d, b); err != nil {
		return []source.Item{{Err: errorf("%s: %s", name, err)}}
	}
	var items []source.Item
	source.Emit(name, d, b, opt, func(it source.Item) {
		if it.Err != nil {
			it.Err = errorf("%s", it.Err)
		}
		items = append(items, it)
	})
	return items
}

// item reports a finished Item. It is safe for concurrent use.
func (o *output) item(it source.Item) {
	s := &slot{items: []source.Item{it}, ready: make(chan struct{})}
	close(s.ready)
	o.mu.Lock()
	o.order <- s
	o.mu.Unlock()
}

// page reports the page b of d after cleaning it on a worker, or, with
// Options.Source.Defer, hands it over for the receiver to clean (see
// source.Item.Ready).
func (o *output) page(name string, d *article.Doc, b []byte) {
	if o.opt.Defer {
		opt := o.opt
		opt.Defer = false
		o.item(source.Deferred(func() source.Item {
			items := o.clean(o.ctx, name, d, b, opt)
			if len(items) == 0 {
				return source.Item{Err: errorf("%s: %v", name, o.ctx.Err())}
			}
			return items[0]
		}))
		return
	}
	s := &slot{ready: make(chan struct{}), name: name, doc: d, raw: b}
	o.mu.Lock()
	o.order <- s
	o.jobs <- s
	o.mu.Unlock()
}

// close waits until every Item has been handed to fn.
func (o *output) close() {
	close(o.jobs)
	close(o.order)
	o.wg.Wait()
	<-o.done
}
