package source

import (
	"io"
	"path/filepath"
	"strings"

	"mitra/internal/article"
)

// This file exports the pieces of Read that other input readers (package
// ingest: WARC records, feed items, fetched pages) build on, so that every
// document is checked, decoded and cleaned the same way.

// Limit returns the effective size limit of one document: MaxBytes, or
// DefaultMaxBytes when MaxBytes is 0.
func (o Options) Limit() int64 { return o.max() }

// Emit checks the bytes b of one document d (its ID, Source, URL and Format
// already set), cleans it and reports it to fn, as Read does for a file:
// empty, binary and non-UTF-8 input (after a declared single-byte charset)
// is an error, and so is a document with no text after cleaning. name
// prefixes errors.
func Emit(name string, d *article.Doc, b []byte, opt Options, fn func(Item)) {
	r := reader{opt: opt, fn: fn}
	r.finish(name, d, b)
}

// ReadJSONL reads JSONL records from in as Read reads a .jsonl file named
// name (records without an id are named after the file's base name).
func ReadJSONL(name string, in io.Reader, opt Options, fn func(Item)) {
	r := reader{opt: opt, fn: fn}
	base := filepath.Base(name)
	for {
		e := filepath.Ext(base)
		if e == "" || !(strings.EqualFold(e, ".gz") || strings.EqualFold(e, ".jsonl") || strings.EqualFold(e, ".ndjson")) {
			break
		}
		base = strings.TrimSuffix(base, e)
	}
	r.jsonl(name, base, in)
}

// FormatOf returns the format Read gives a file named name holding b:
// "html" for HTML extensions, "text" for .txt and .text, and otherwise
// "html" when b looks like an HTML page.
func FormatOf(name string, b []byte) string {
	switch ext(name) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return "html"
	case ".txt", ".text":
		return "text"
	}
	if looksHTML(b) {
		return "html"
	}
	return "text"
}

// Skipped reports whether a folder walk skips a file named name as not a
// document (images, archives, office files, …); naming one on the command
// line is an error.
func Skipped(name string) bool { return skipExt[ext(name)] }

// ReadLimited reads all of r, failing with a "too large" error when it
// holds more than limit bytes.
func ReadLimited(r io.Reader, limit int64) ([]byte, error) { return readLimited(r, limit) }

// Reason turns an OS error into a short lower-case reason ("no such file
// or directory", "permission denied", …).
func Reason(err error) string { return reason(err) }
