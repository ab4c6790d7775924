package ingest

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// This file decodes HTTP payloads, for WARC records and fetched pages
// alike.

// htmlType reports whether the Content-Type value ct is an HTML page's, and
// returns its media type.
func htmlType(ct string) (string, bool) {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt, mt == "text/html" || mt == "application/xhtml+xml"
}

// readBody reads an HTTP body, undoing its Content-Encoding, and fails when
// the decoded body holds more than limit bytes, or, with cut, keeps the
// first limit bytes. Errors about the content itself (an unknown or broken
// coding, too large) are *bodyErr; others come from reading body.
func readBody(body io.Reader, h http.Header, limit int64, cut bool) ([]byte, error) {
	var codings []string
	for _, v := range h.Values("Content-Encoding") {
		for _, c := range strings.Split(v, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	r := body
	// Codings are listed in the order they were applied.
	for i := len(codings) - 1; i >= 0; i-- {
		var err error
		switch codings[i] {
		case "gzip", "x-gzip":
			var zr *gzip.Reader
			if zr, err = gzip.NewReader(r); err == nil {
				r = &codingReader{"gzip", zr}
			}
		case "deflate":
			// "deflate" is zlib by the standard, raw deflate in practice.
			br := bufio.NewReader(r)
			if head, _ := br.Peek(2); len(head) == 2 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 && head[0]&0x0f == 8 {
				var zr io.ReadCloser
				if zr, err = zlib.NewReader(br); err == nil {
					r = &codingReader{"deflate", zr}
				}
			} else {
				r = &codingReader{"deflate", flate.NewReader(br)}
			}
		default:
			return nil, &bodyErr{msg: fmt.Sprintf("unsupported content encoding %q", codings[i])}
		}
		if err != nil {
			return nil, &bodyErr{fmt.Sprintf("bad %s content encoding (%s)", codings[i], shortErr(err)), err}
		}
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	switch {
	case err != nil:
		return nil, err
	case int64(len(b)) <= limit:
		return b, nil
	case cut:
		return b[:limit], nil
	}
	return nil, &bodyErr{msg: fmt.Sprintf("too large (more than %d bytes, limit %d)", limit, limit)}
}

// codingReader names the content coding in its errors.
type codingReader struct {
	name string
	r    io.Reader
}

func (c *codingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		var be *bodyErr
		if !errors.As(err, &be) {
			err = &bodyErr{fmt.Sprintf("bad %s content encoding (%s)", c.name, shortErr(err)), err}
		}
	}
	return n, err
}

// bodyErr is a fault in the content of an HTTP body.
type bodyErr struct {
	msg string
	err error
}

func (e *bodyErr) Error() string { return e.msg }
func (e *bodyErr) Unwrap() error { return e.err }

func shortErr(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "truncated"
	}
	s := err.Error()
	for _, p := range []string{"gzip: ", "zlib: ", "flate: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// toUTF8 decodes b from the charset its Content-Type ct declares. Bytes
// that are valid UTF-8 already are kept as they are (a server that
// declares windows-1252 and sends UTF-8 is common), except for UTF-16.
// An unknown charset is left to source.Emit, which reads UTF-8 and pages
// whose <meta> declares a single-byte charset.
func toUTF8(b []byte, ct string) ([]byte, error) {
	_, params, _ := mime.ParseMediaType(ct)
	label := strings.ToLower(strings.TrimSpace(params["charset"]))
	if label == "" || label == "utf-8" || label == "utf8" {
		return b, nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return b, nil
	}
	name, _ := htmlindex.Name(enc)
	if name == "utf-8" || !strings.HasPrefix(name, "utf-16") && utf8.Valid(b) {
		return b, nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("cannot decode charset %q (%s)", label, err)
	}
	return out, nil
}
