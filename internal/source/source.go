// Package source reads input documents (text dumps, HTML pages, JSONL
// records) from files, folders and stdin, checks them, and cleans them into
// article.Docs.
package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"mitra/internal/article"
	"mitra/internal/clean"
)

// DefaultMaxBytes is the default size limit of one document.
const DefaultMaxBytes = 20 << 20

// Item is one input document or one input failure.
type Item struct {
	Doc *article.Doc // nil when Err != nil
	Err error        // names the input and the reason, e.g. `docs/x.bin: not text (binary data)`
	// rest finishes a deferred item (see Options.Defer).
	rest func() Item
}

// Ready returns the item read whole: for an item handed over by a read
// with Options.Defer, the document checked, decoded and cleaned (or the
// failure), computed now on the calling goroutine; any other item as it is.
func (it Item) Ready() Item {
	if it.rest == nil {
		return it
	}
	return it.rest()
}

// Deferred returns an item whose Ready runs rest: for readers built on
// this package that defer their own work.
func Deferred(rest func() Item) Item { return Item{rest: rest} }

// Options configure Read. The zero value is ready to use.
type Options struct {
	// MaxBytes is the size limit of one document (a file, or one JSONL
	// record); 0 means DefaultMaxBytes.
	MaxBytes int64
	// PubDate is the publication date of documents that give none: set as
	// each document's DefaultPubDate, which the pipeline uses when the
	// page prints no date either (see meta.go for the dates that win).
	PubDate article.Date
	// Defer hands each document over as soon as its bytes are read, before
	// decoding, checking and cleaning it (and, for a JSONL record, before
	// parsing it): the receiver calls Item.Ready, on any goroutine. So a
	// pool of workers cleans pages in parallel while one goroutine reads,
	// and the order of items is still the input's.
	Defer bool
}

func (o Options) max() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// skipExt lists extensions of files that are not documents. A folder walk
// skips them silently; naming one on the command line is an error.
var skipExt = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".bmp": true,
	".ico": true, ".svg": true, ".tif": true, ".tiff": true, ".avif": true, ".heic": true,
	".gz": true, ".tgz": true, ".zip": true, ".bz2": true, ".xz": true, ".zst": true,
	".7z": true, ".rar": true, ".tar": true, ".pdf": true, ".doc": true, ".docx": true,
	".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".odt": true, ".epub": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".wav": true, ".ogg": true, ".webm": true,
	".avi": true, ".mov": true, ".mkv": true, ".exe": true, ".dll": true, ".so": true,
	".dylib": true, ".o": true, ".a": true, ".class": true, ".jar": true,
	".wasm": true, ".db": true, ".sqlite": true, ".sqlite3": true, ".parquet": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true, ".warc": true,
	".json": true, ".css": true, ".js": true, ".map": true, ".pyc": true,
}

// Read walks each path (a file, a folder recursively, or "-" for stdin) and
// calls fn for each Item, in a deterministic order: paths in the order
// given, folder entries in lexical order, JSONL records in file order.
// stdin is read as text unless it starts with '<' (HTML) or '{' (JSONL).
// Read never stops on a bad input: each one is an Item with Err. Good
// documents come back cleaned (Text and Map set).
func Read(paths []string, stdin io.Reader, opt Options, fn func(Item)) {
	r := reader{opt: opt, fn: fn}
	for _, p := range paths {
		if p == "-" {
			r.stdin(stdin)
			continue
		}
		r.path(p)
	}
}

type reader struct {
	opt Options
	fn  func(Item)
}

func (r *reader) fail(format string, args ...any) {
	r.fn(Item{Err: fmt.Errorf(format, args...)})
}

func (r *reader) path(p string) {
	fi, err := os.Stat(p)
	if err != nil {
		r.fail("%s: %s", p, reason(err))
		return
	}
	if !fi.IsDir() {
		if skipExt[ext(p)] {
			r.fail("%s: unsupported file type %q", p, ext(p))
			return
		}
		r.file(p, fi)
		return
	}
	Walk(p, func(q string) bool { return skipExt[ext(q)] },
		func(q, why string) { r.fail("%s: %s", q, why) },
		func(q string, fi fs.FileInfo) bool { r.file(q, fi); return true })
}

// ext returns the lower-cased extension of p.
func ext(p string) string {
	return strings.ToLower(filepath.Ext(p))
}

// reason turns an OS error into a short lower-case reason.
func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func (r *reader) file(p string, fi fs.FileInfo) {
	switch ext(p) {
	case ".jsonl", ".ndjson":
		f, err := os.Open(p)
		if err != nil {
			r.fail("%s: %s", p, reason(err))
			return
		}
		defer f.Close()
		r.jsonl(p, strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)), f)
		return
	}
	if fi.Mode().IsRegular() && fi.Size() > r.opt.max() {
		r.fail("%s: too large (%d bytes, limit %d)", p, fi.Size(), r.opt.max())
		return
	}
	f, err := os.Open(p)
	if err != nil {
		r.fail("%s: %s", p, reason(err))
		return
	}
	b, err := readLimited(f, r.opt.max())
	f.Close()
	if err != nil {
		r.fail("%s: %s", p, err)
		return
	}
	format := "text"
	switch ext(p) {
	case ".html", ".htm", ".xhtml", ".shtml":
		format = "html"
	case ".txt", ".text":
	default:
		if looksHTML(b) {
			format = "html"
		}
	}
	d := &article.Doc{
		ID:     strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)),
		Source: p,
		Format: format,
	}
	meta, err := readSidecar(p)
	if err != nil {
		r.fail("%s: %v", p, err)
		return
	}
	r.finishMeta(p, d, b, meta)
}

// tooLarge is returned by readLimited for input of unknown size.
type tooLarge struct{ limit int64 }

func (e tooLarge) Error() string {
	return fmt.Sprintf("too large (more than %d bytes, limit %d)", e.limit, e.limit)
}

// readLimited reads all of r, failing when it holds more than limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, errors.New(reason(err))
	}
	if int64(len(b)) > limit {
		return nil, tooLarge{limit}
	}
	return b, nil
}

func (r *reader) stdin(in io.Reader) {
	if in == nil {
		r.fail("-: no standard input")
		return
	}
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(512)
	first := firstByte(head)
	if first == '{' {
		r.jsonl("-", "stdin", br)
		return
	}
	b, err := readLimited(br, r.opt.max())
	if err != nil {
		r.fail("-: %s", err)
		return
	}
	format := "text"
	if first == '<' {
		format = "html"
	}
	r.finish("-", &article.Doc{ID: "stdin", Source: "-", Format: format}, b)
}

// firstByte returns the first byte of b after spaces and a UTF-8 BOM.
func firstByte(b []byte) byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// looksHTML reports whether a file without a known extension is an HTML page.
func looksHTML(b []byte) bool {
	if firstByte(b) != '<' {
		return false
	}
	head := bytes.ToLower(b[:min(len(b), 1024)])
	return bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body"))
}

// finish checks the bytes of one document, cleans it and reports it (or,
// with Options.Defer, reports that it will). name prefixes errors.
func (r *reader) finish(name string, d *article.Doc, b []byte) {
	d.DefaultPubDate = r.opt.PubDate
	if r.opt.Defer {
		r.fn(Deferred(func() Item { return finish(name, d, b) }))
		return
	}
	r.fn(finish(name, d, b))
}

// finish checks the bytes of one document and cleans it. A panic in a
// stage becomes an error naming the input: with Options.Defer this runs
// on the receiver's worker, which one bad page must not stop.
func finish(name string, d *article.Doc, b []byte) (it Item) {
	defer func() {
		if r := recover(); r != nil {
			it = Item{Err: fmt.Errorf("%s: internal error: %v", name, r)}
		}
	}()
	b, note, err := check(b, d.Format == "html")
	if err != nil {
		return Item{Err: fmt.Errorf("%s: %s", name, err)}
	}
	if note != "" {
		d.Notes = append(d.Notes, note)
	}
	d.Raw = b
	if d.Format == "html" {
		clean.HTML(d)
	} else {
		clean.Text(d)
	}
	if strings.TrimSpace(d.Text) == "" {
		return Item{Err: fmt.Errorf("%s: no text after cleaning", name)}
	}
	// A document's URL becomes a link on the web page and in exports:
	// only an http(s) URL may (never javascript:, data:, …).
	if d.URL != "" && !WebURL(d.URL) {
		d.Notes = append(d.Notes, fmt.Sprintf("url %s dropped: not an http(s) URL", strconv.QuoteToASCII(clipString(d.URL, 60))))
		d.URL = ""
	}
	return Item{Doc: d}
}

// WebURL reports whether s is an absolute http or https URL with a host,
// the only URLs mitra keeps for a document.
func WebURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || s != strings.TrimSpace(s) {
		return false
	}
	return strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")
}

// clipString shortens s to at most n bytes, on a rune boundary.
func clipString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// check rejects empty and binary input. An HTML page that declares a
// single-byte charset (windows-1252, iso-8859-1, …) and is not valid UTF-8
// is decoded to UTF-8; the result is then the Raw the offsets refer to.
// Other input that is not valid UTF-8 is read as UTF-8 with its stray
// bytes decoded as Windows-1252 (the usual mislabelling: a page declared
// UTF-8 with a few bytes pasted from an older system), with a note, when
// they are few: one, or at most one byte in a hundred. More than that is
// some other encoding, and an error.
func check(b []byte, isHTML bool) (out []byte, note string, err error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, "", errors.New("empty file")
	}
	if isBinary(b) {
		return nil, "", errors.New("not text (binary data)")
	}
	if utf8.Valid(b) {
		return b, "", nil
	}
	if isHTML {
		if cm := declaredCharset(b); cm != nil {
			if out, err := cm.NewDecoder().Bytes(b); err == nil && utf8.Valid(out) {
				return out, "", nil
			}
		}
	}
	first, n := invalidAt(b), invalidBytes(b)
	if n > 1 && n*100 > len(b) {
		return nil, "", fmt.Errorf("invalid UTF-8 at byte %d", first)
	}
	plural := "s"
	if n == 1 {
		plural = ""
	}
	return strayAs1252(b), fmt.Sprintf("%d byte%s not valid UTF-8 read as Windows-1252 (first at byte %d)", n, plural, first), nil
}

// invalidBytes counts the bytes of b that are not part of a valid UTF-8
// sequence.
func invalidBytes(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			n++
		}
		i += size
	}
	return n
}

// strayAs1252 returns b with every byte that is not part of a valid UTF-8
// sequence decoded as Windows-1252. The five bytes Windows-1252 leaves
// undefined (which would decode to C1 control characters) become U+FFFD.
func strayAs1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(b[i])
			if r < 0xa0 {
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// isBinary reports NUL bytes, or more than 10% control characters, in the
// first 64 KiB.
func isBinary(b []byte) bool {
	head := b[:min(len(b), 64<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b {
			ctl++
		}
	}
	return ctl*10 > len(head)
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// declaredCharset returns the decoder of a single-byte charset declared in
// the first 4 KiB of an HTML page, or nil.
func declaredCharset(b []byte) *charmap.Charmap {
	head := strings.ToLower(string(b[:min(len(b), 4096)]))
	i := strings.Index(head, "charset=")
	if i < 0 {
		return nil
	}
	v := strings.TrimLeft(head[i+len("charset="):], "\"' ")
	end := strings.IndexAny(v, "\"'; />\t\r\n")
	if end >= 0 {
		v = v[:end]
	}
	switch v {
	case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
		"us-ascii", "ascii", "iso_8859-1":
		// WHATWG: latin1 and ascii labels mean windows-1252.
		return charmap.Windows1252
	case "iso-8859-15", "latin9", "latin-9":
		return charmap.ISO8859_15
	case "windows-1250", "cp1250":
		return charmap.Windows1250
	case "iso-8859-2", "latin2":
		return charmap.ISO8859_2
	}
	return nil
}

// record is one JSONL line.
type record struct {
	ID      json.RawMessage `json:"id"`
	URL     json.RawMessage `json:"url"`
	PubDate json.RawMessage `json:"pub_date"`
	Text    json.RawMessage `json:"text"`
	HTML    json.RawMessage `json:"html"`
}

// jsonl reads one record per line from in. name is the file path ("-" for
// stdin); base names records without an id.
func (r *reader) jsonl(name, base string, in io.Reader) {
	br := bufio.NewReaderSize(in, 64<<10)
	limit := r.opt.max()
	empty := true
	for n := 1; ; n++ {
		line, tooBig, err := readLine(br, limit)
		if err != nil && err != io.EOF {
			r.fail("%s:%d: %s", name, n, reason(err))
			return
		}
		if tooBig {
			empty = false
			r.fail("%s:%d: too large (more than %d bytes, limit %d)", name, n, limit, limit)
		} else if len(bytes.TrimSpace(line)) > 0 {
			empty = false
			if r.opt.Defer {
				// The record is parsed and cleaned by whoever calls Ready;
				// readLine's line is the reader's own.
				n := n
				r.fn(Deferred(func() Item {
					var it Item
					rr := reader{opt: r.opt, fn: func(x Item) { it = x }}
					rr.opt.Defer = false
					rr.record(name, base, n, line)
					return it
				}))
			} else {
				r.record(name, base, n, line)
			}
		}
		if err == io.EOF {
			if empty {
				r.fail("%s: empty file", name)
			}
			return
		}
	}
}

// readLine reads one line, without its end. A line longer than limit is
// consumed and reported as tooBig.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooBig bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooBig {
			if int64(len(line)+len(chunk)) > limit+1 {
				tooBig, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return bytes.TrimRight(line, "\r\n"), tooBig, nil
		default:
			return bytes.TrimRight(line, "\r\n"), tooBig, err
		}
	}
}

func (r *reader) record(name, base string, n int, line []byte) {
	at := fmt.Sprintf("%s:%d", name, n)
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		r.fail("%s: not a JSON object: %s", at, jsonReason(err))
		return
	}
	d := &article.Doc{Source: at}
	if name == "-" {
		d.Source = "-:" + strconv.Itoa(n)
	}
	var err error
	if d.ID, err = stringOrNumber(rec.ID); err != nil {
		r.fail("%s: \"id\" %s", at, err)
		return
	}
	if d.ID == "" {
		d.ID = base + ":" + strconv.Itoa(n)
	}
	if d.URL, err = stringField(rec.URL); err != nil {
		r.fail("%s: \"url\" %s", at, err)
		return
	}
	pub, err := stringField(rec.PubDate)
	if err != nil {
		r.fail("%s: \"pub_date\" %s", at, err)
		return
	}
	if pub != "" {
		dt, ok := parsePubDate(pub)
		if !ok {
			r.fail("%s: bad \"pub_date\" %q (want YYYY-MM-DD, RFC 3339 or YYYY-MM-DD HH:MM:SS)", at, pub)
			return
		}
		d.PubDate, d.PubDateSource = dt, "metadata"
	}
	html, err := stringField(rec.HTML)
	if err != nil {
		r.fail("%s: \"html\" %s", at, err)
		return
	}
	text, err := stringField(rec.Text)
	if err != nil {
		r.fail("%s: \"text\" %s", at, err)
		return
	}
	var body string
	switch {
	case strings.TrimSpace(html) != "":
		d.Format, body = "html", html
	case strings.TrimSpace(text) != "":
		d.Format, body = "text", text
	case absent(rec.Text) && absent(rec.HTML):
		r.fail("%s: missing \"text\" and \"html\"", at)
		return
	default:
		r.fail("%s: empty \"text\"", at)
		return
	}
	r.finish(at, d, []byte(body))
}

// jsonReason shortens encoding/json errors.
func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("got %s", te.Value)
	}
	return err.Error()
}

func absent(raw json.RawMessage) bool { return len(raw) == 0 || string(raw) == "null" }

// stringField decodes an optional JSON string.
func stringField(raw json.RawMessage) (string, error) {
	if absent(raw) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("is not a string (got %s)", jsonKind(raw))
	}
	return s, nil
}

// stringOrNumber decodes an optional JSON string or number.
func stringOrNumber(raw json.RawMessage) (string, error) {
	if len(raw) > 0 && (raw[0] == '-' || '0' <= raw[0] && raw[0] <= '9') {
		var n json.Number
		if err := json.Unmarshal(raw, &n); err == nil {
			return n.String(), nil
		}
	}
	return stringField(raw)
}

func jsonKind(raw json.RawMessage) string {
	switch c := firstByte(raw); {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	}
	return "something else"
}

// parsePubDate reads YYYY-MM-DD, RFC 3339 or "YYYY-MM-DD HH:MM:SS" and
// keeps the calendar day as written.
func parsePubDate(s string) (article.Date, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			d := article.DateOf(t)
			return d, d.Valid()
		}
	}
	return article.Date{}, false
}
