package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"mitra/internal/article"
)

// maxWARCHeader limits the header of one WARC record.
const maxWARCHeader = 1 << 20

// errTruncated marks a record that ends before its Content-Length.
var errTruncated = errors.New("truncated record")

// warc reads the WARC file p (plain, or gzip-compressed per record or as a
// whole) from f.
func (r *reader) warc(p string, f io.Reader) {
	br := bufio.NewReaderSize(f, 64<<10)
	in := io.Reader(br)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			r.fail("%s: %s", p, gzipReason(err, true))
			return
		}
		in = &gzErrReader{zr} // multistream: one member per record is read on
	}
	s := &warcScanner{br: bufio.NewReaderSize(in, 64<<10)}
	pages, errs := 0, 0
	n := 1
	for ; ; n++ {
		if r.ctx.Err() != nil {
			return
		}
		h, err := s.header(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			var nw notWARC
			var be betweenErr
			switch {
			case errors.As(err, &nw), errors.As(err, &be) && n == 1:
				r.fail("%s: %s", p, err)
			case errors.As(err, &be):
				r.fail("%s: %s (after record %d)", p, err, n-1)
			default:
				r.fail("%s#%d: %s", p, n, err)
			}
			return
		}
		blk := &blockReader{r: s.br, left: h.length}
		if strings.EqualFold(h.get("warc-type"), "response") {
			page, err := r.warcResponse(p, n, h, blk)
			if blk.err != nil {
				r.fail("%s#%d: %s", p, n, blk.err)
				return
			}
			if page {
				pages++
			}
			if err != nil {
				errs++
				r.fail("%s#%d: %s", p, n, err)
			}
		}
		if _, err := io.Copy(io.Discard, blk); err != nil || blk.err != nil {
			if blk.err != nil {
				err = blk.err
			}
			r.fail("%s#%d: %s", p, n, err)
			return
		}
	}
	switch {
	case n == 1:
		r.fail("%s: empty file", p)
	case pages == 0 && errs == 0:
		r.fail("%s: no html pages (%d records)", p, n-1)
	}
}

// warcResponse reads the response record number n: page says it held an
// HTML page (handed on, or failed with err).
func (r *reader) warcResponse(p string, n int, h *warcHeader, blk *blockReader) (page bool, err error) {
	if ct := h.get("content-type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/http" {
			return false, nil // dns: or other non-HTTP responses
		}
	}
	br := bufio.NewReader(blk)
	in := br
	// Crawlers that speak HTTP/2 write "HTTP/2 200"; net/http reads only
	// "HTTP/x.y" status lines.
	if head, _ := br.Peek(7); len(head) == 7 && bytes.HasPrefix(head, []byte("HTTP/")) && head[5] >= '2' && head[5] <= '9' && head[6] == ' ' {
		br.Discard(6)
		in = bufio.NewReader(io.MultiReader(strings.NewReader("HTTP/"+string(head[5])+".0"), br))
	}
	resp, err := http.ReadResponse(in, nil)
	if err != nil {
		if blk.err != nil {
			return false, nil // the caller reports the truncation
		}
		return false, fmt.Errorf("bad http response (%s)", strings.TrimPrefix(shortErr(err), "malformed HTTP "))
	}
	defer resp.Body.Close()
	ct := resp.Header.Get("Content-Type")
	if _, ok := htmlType(ct); resp.StatusCode != http.StatusOK || !ok {
		return false, nil
	}
	b, err := readBody(payloadReader{resp.Body}, resp.Header, r.opt.Source.Limit(), false)
	if blk.err != nil {
		return true, nil
	}
	if err != nil {
		return true, err
	}
	if b, err = toUTF8(b, ct); err != nil {
		return true, err
	}
	name := fmt.Sprintf("%s#%d", p, n)
	id := strings.Trim(h.get("warc-record-id"), "<> ")
	id = strings.TrimPrefix(id, "urn:uuid:")
	if id == "" {
		id = name
	}
	d := &article.Doc{
		ID:     id,
		URL:    strings.Trim(h.get("warc-target-uri"), "<> "),
		Source: name,
		Format: "html",
	}
	r.out.page(name, d, b)
	return true, nil
}

// notWARC is the error for a file that does not start with a WARC record.
type notWARC string

func (e notWARC) Error() string { return fmt.Sprintf("not a WARC file (starts with %q)", string(e)) }

// betweenErr is a failure to read between two records.
type betweenErr struct{ err error }

func (e betweenErr) Error() string { return e.err.Error() }

// warcHeader is the header of one record.
type warcHeader struct {
	fields map[string]string // lower-case names
	length int64
}

func (h *warcHeader) get(name string) string { return h.fields[name] }

type warcScanner struct {
	br *bufio.Reader
}

// header reads the header of record n; io.EOF means a clean end of file.
func (s *warcScanner) header(n int) (*warcHeader, error) {
	// Records end with two CRLFs; tolerate more, or fewer.
	for {
		c, err := s.br.ReadByte()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			return nil, betweenErr{readErr(err)}
		}
		if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
			s.br.UnreadByte()
			break
		}
	}
	if head, _ := s.br.Peek(5); !bytes.Equal(head, []byte("WARC/")) {
		head, _ = s.br.Peek(24)
		if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
			head = head[:i]
		}
		if n == 1 {
			return nil, notWARC(head)
		}
		return nil, fmt.Errorf("bad record header (starts with %q)", head)
	}
	line, err := s.line()
	if err != nil {
		return nil, readErr(err)
	}
	h := &warcHeader{fields: map[string]string{}, length: -1}
	size := len(line)
	last := ""
	for {
		line, err := s.line()
		if err != nil {
			return nil, readErr(err)
		}
		if size += len(line); size > maxWARCHeader {
			return nil, errors.New("record header too long")
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			h.fields[last] += " " + strings.TrimSpace(string(line))
			continue
		}
		k, v, ok := strings.Cut(string(line), ":")
		if !ok {
			return nil, fmt.Errorf("bad record header line %q", clip(line, 40))
		}
		last = strings.ToLower(strings.TrimSpace(k))
		h.fields[last] = strings.TrimSpace(v)
	}
	cl, ok := h.fields["content-length"]
	if !ok {
		return nil, errors.New("record without Content-Length")
	}
	l, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || l < 0 {
		return nil, fmt.Errorf("bad Content-Length %q", clip([]byte(cl), 24))
	}
	h.length = l
	return h, nil
}

// line reads one line with its end, up to maxWARCHeader bytes.
func (s *warcScanner) line() ([]byte, error) {
	var line []byte
	for {
		chunk, err := s.br.ReadSlice('\n')
		line = append(line, chunk...)
		if err == bufio.ErrBufferFull {
			if len(line) > maxWARCHeader {
				return nil, errors.New("record header too long")
			}
			continue
		}
		if err == io.EOF && len(line) > 0 {
			return line, io.ErrUnexpectedEOF
		}
		return line, err
	}
}

// readErr explains a failure to read a record header.
func readErr(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errTruncated
	}
	return err
}

func clip(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return strings.TrimRight(string(b), "\r\n")
}

// blockReader reads the block of one record, noting in err a file that ends
// (or fails) before the block does.
type blockReader struct {
	r    io.Reader
	left int64
	err  error
}

func (b *blockReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	switch {
	case err == io.EOF && b.left > 0:
		b.err = errTruncated
	case err != nil && err != io.EOF:
		b.err = err
	}
	if b.err != nil {
		return n, b.err
	}
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

// payloadReader names an HTTP payload shorter than its length.
type payloadReader struct{ r io.Reader }

func (p payloadReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if err == io.ErrUnexpectedEOF {
		err = errTruncatedPayload
	}
	return n, err
}

var errTruncatedPayload = errors.New("truncated http payload")
