package ingest

import (
	"context"
	"io"
	"path/filepath"
	"strings"

	"mitra/internal/source"
)

// ReadFile reads the content of one file, given as r, as Read reads the
// file name when it finds it in a folder: by the kind its name says (page,
// JSONL, WARC, feed, gzip-compressed page, JSONL or feed), a file of any
// other kind passed over silently. It lets a reader of other filesystems
// (the Beam pipeline's) yield exactly the items Read would. size is the
// file's length when known, else -1. URL lists are refused: fetching is
// Read's alone. Items come in order, from one goroutine at a time.
func ReadFile(ctx context.Context, name string, r io.Reader, size int64, opt Options, fn func(source.Item)) {
	o := newOutput(ctx, opt, fn)
	rd := &reader{ctx: ctx, opt: opt, out: o}
	switch k := kindOf(name); k {
	case kindSkip, kindBadGz:
	case kindURLs:
		rd.fail("%s: URL lists are read by mitra ingest only", name)
	default:
		rd.content(name, k, r, size, false)
	}
	o.close()
}

// Walked reports whether a folder walk by Read reads the file at path:
// not hidden (no ".name" below root), and of a kind it reads.
func Walked(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = filepath.Base(path)
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") && part != "." {
			return false
		}
	}
	k := kindOf(path)
	return k != kindSkip && k != kindBadGz
}
