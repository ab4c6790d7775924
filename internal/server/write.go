package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"mitra/internal/article"
	"mitra/internal/pipeline"
	"mitra/internal/record"
	"mitra/internal/source"
	"mitra/internal/store"
)

// errNoPipeline answers writes on a server built without a pipeline.
var errNoPipeline = &apiError{errUnavailable, errors.New("this server has no extraction pipeline")}

// extractRequest is the JSON body of POST /api/extract: one record as in
// `mitra extract`'s JSONL input.
type extractRequest struct {
	ID      json.RawMessage `json:"id"`
	URL     *string         `json:"url"`
	PubDate *string         `json:"pub_date"`
	Text    *string         `json:"text"`
	HTML    *string         `json:"html"`
}

// extractEvent is an extracted event with its sentence located in the
// clean text.
type extractEvent struct {
	record.Event
	Summary summaryJSON `json:"summary"`
	textSpan
}

// extract answers POST /api/extract: a page in, its events out, nothing
// stored. The body is JSON {"text"|"html", "pub_date"?, "id"?, "url"?}, or
// the same fields form-encoded, or the page itself: text/html, or
// text/plain (or no type: HTML when it looks like a page) with ?pub_date=.
//
// A body is read as the JSON request when it says so (application/json,
// or any +json type) or when it is a JSON object, whatever type it was
// sent with: `curl -d '{"text": …}'` sends JSON labelled as a form, and
// coding the JSON text itself as a page would give events whose titles and
// sentences start with {"text":.
func (s *Server) extract(r *http.Request) (any, error) {
	if s.p == nil {
		return nil, errNoPipeline
	}
	q, err := queryOf(r)
	if err != nil {
		return nil, err
	}
	all, err := parseBool(q, "all")
	if err != nil {
		return nil, err
	}
	pubParam, err := one(q, "pub_date")
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(r.Body) // already read and limited by prepare
	if err != nil {
		return nil, err
	}
	ct := ""
	if v := r.Header.Get("Content-Type"); v != "" {
		mt, _, err := mime.ParseMediaType(v)
		if err != nil {
			return nil, badRequest("Content-Type %q: %v", v, err)
		}
		ct = mt
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) == 0 {
		return nil, badRequest("empty body: send a page's text or HTML, or JSON {\"text\": …}")
	}
	if ct == "application/x-www-form-urlencoded" && trimmed[0] != '{' {
		// text=…&pub_date=… (curl -d 'text=…', an HTML form).
		if body, err = formRequest(body); err != nil {
			return nil, err
		}
		trimmed, ct = body, "application/json"
	}
	opt := source.Options{MaxBytes: s.opt.MaxBody}
	var it source.Item
	keep := func(x source.Item) { it = x }
	isJSON := ct == "application/json" || strings.HasSuffix(ct, "+json") ||
		(trimmed[0] == '{' && ct != "text/html" && ct != "application/xhtml+xml" && json.Valid(bytes.TrimRight(trimmed, " \t\r\n")))
	// Cleaning and extraction take a slot of the gate; between the stages
	// the request's context is checked, so that a request that has timed
	// out stops its work when the stage it is in ends.
	ctx := r.Context()
	release, err := s.gate.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	switch {
	case isJSON || (ct == "" && trimmed[0] == '{'):
		if pubParam != "" {
			return nil, badRequest("pub_date: give it in the JSON body")
		}
		var req extractRequest
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return nil, badRequest("body: not a JSON object with text or html: %s", jsonReason(err))
		}
		if dec.More() {
			return nil, badRequest("body: more than one JSON value (send one page; POST /api/ingest takes many)")
		}
		if req.HTML != nil && strings.TrimSpace(*req.HTML) != "" {
			if n := strings.Count(*req.HTML, "<"); n > maxTags {
				return nil, tooManyTags(n)
			}
		} else if req.Text != nil && len(*req.Text) > 2*s.opt.MaxText {
			return nil, s.textTooLong(len(*req.Text), false)
		}
		var line bytes.Buffer
		if err := json.Compact(&line, body); err != nil {
			return nil, badRequest("body: %s", jsonReason(err))
		}
		// One JSONL record: read exactly as `mitra extract` reads one.
		source.ReadJSONL("request", &line, opt, keep)
	default:
		d := &article.Doc{ID: "request", Source: "request"}
		switch ct {
		case "text/html", "application/xhtml+xml":
			d.Format = "html"
		case "text/plain":
			d.Format = "text"
		default:
			d.Format = source.FormatOf("", body)
		}
		if d.Format == "text" && len(body) > 2*s.opt.MaxText {
			// Cleaning removes lines, never more than half a page of
			// news: refuse before the work.
			return nil, s.textTooLong(len(body), false)
		}
		if n := bytes.Count(body, []byte("<")); d.Format == "html" && n > maxTags {
			return nil, tooManyTags(n)
		}
		if pubParam != "" {
			pd, ok := parsePubDate(pubParam)
			if !ok {
				return nil, badRequest("pub_date %q: want YYYY-MM-DD or RFC 3339", pubParam)
			}
			d.PubDate, d.PubDateSource = pd, "metadata"
		}
		source.Emit("request", d, body, opt, keep)
	}
	if it.Err != nil {
		msg := it.Err.Error()
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, "request:1: "), "request: ")
		return nil, badRequest("%s", msg)
	}
	if it.Doc == nil {
		return nil, badRequest("no document in the body")
	}
	d := it.Doc
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(d.Text) > s.opt.MaxText {
		return nil, s.textTooLong(len(d.Text), true)
	}
	res, err := s.process(ctx, d)
	if err != nil {
		return nil, err
	}
	var evs []record.Event
	for _, e := range res.Events {
		if all || e.Factuality == record.Asserted {
			evs = append(evs, normalised(e))
		}
	}
	spans := locate(d.Text, evs)
	out := make([]extractEvent, len(evs))
	for i := range evs {
		out[i] = extractEvent{evs[i], s.summary(&evs[i]), spans[i]}
	}
	return struct {
		ID            string         `json:"id"`
		URL           string         `json:"url"`
		Lang          string         `json:"lang"`
		PubDate       *string        `json:"pub_date"`
		PubDateSource string         `json:"pub_date_source"`
		Title         string         `json:"title"`
		Text          string         `json:"text"`
		Events        []extractEvent `json:"events"`
		Skipped       string         `json:"skipped"`
		SkippedLang   string         `json:"skipped_lang"`
		Notes         []string       `json:"notes"`
	}{d.ID, webURL(d.URL), d.Lang, nullable(d.PubDate.String()), d.PubDateSource, d.Title, d.Text, out, res.Skipped, res.SkippedLang, append([]string{}, d.Notes...)}, nil
}

// maxTags bounds the tags ('<') of a page POST /api/extract cleans: a news
// page has a few thousand, and a page of hundreds of thousands of tiny
// elements costs a second of CPU and hundreds of megabytes to clean.
const maxTags = 100_000

func tooManyTags(n int) error {
	return &apiError{errTooLarge, fmt.Errorf("the page has %d tags; this route cleans pages of at most %d (use `mitra extract` for larger ones)", n, maxTags)}
}

// textTooLong refuses a page whose text, n bytes (after cleaning or
// before), is longer than the route extracts from.
func (s *Server) textTooLong(n int, cleaned bool) error {
	what := "before cleaning"
	if cleaned {
		what = "after cleaning"
	}
	return &apiError{errTooLarge, fmt.Errorf("the page's text is %d bytes %s; this route extracts from at most %d (use `mitra extract` for longer ones)", n, what, s.opt.MaxText)}
}

// formRequest turns a form-encoded body (text, html, pub_date, id, url)
// into the JSON request.
func formRequest(body []byte) ([]byte, error) {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, badRequest("body: not a form (text=…): %v", err)
	}
	req := map[string]string{}
	for k, vs := range v {
		switch k {
		case "text", "html", "pub_date", "id", "url":
			if len(vs) != 1 {
				return nil, badRequest("body: form field %q given %d times", k, len(vs))
			}
			req[k] = vs[0]
		default:
			return nil, badRequest("body: unknown form field %q (want text or html, and pub_date, id, url)", k)
		}
	}
	return json.Marshal(req)
}

// parsePubDate reads YYYY-MM-DD or an RFC 3339 time (its calendar day).
func parsePubDate(s string) (article.Date, bool) {
	for _, layout := range []string{time.DateOnly, time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			d := article.DateOf(t)
			return d, d.Valid()
		}
	}
	return article.Date{}, false
}

// maxIngestErrors bounds the errors an ingest answer lists.
const maxIngestErrors = 100

// ingest answers POST /api/ingest: JSONL records (one JSON object per
// line, as `mitra extract` and `mitra ingest` read them: id, url,
// pub_date, text or html), a JSON array of such records, or one record,
// stored through the pipeline like `mitra ingest`.
func (s *Server) ingest(r *http.Request) (any, error) {
	if s.p == nil {
		return nil, errNoPipeline
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return nil, badRequest("empty body: send JSONL records {\"id\", \"url\", \"pub_date\", \"text\" or \"html\"}")
	}
	jsonl := body
	switch {
	case trimmed[0] == '[':
		var recs []json.RawMessage
		if err := json.Unmarshal(trimmed, &recs); err != nil {
			return nil, badRequest("body: not a JSON array of records: %s", jsonReason(err))
		}
		if len(recs) == 0 {
			return nil, badRequest("body: no records")
		}
		var buf bytes.Buffer
		for _, rec := range recs {
			if err := json.Compact(&buf, rec); err != nil {
				return nil, badRequest("body: %s", jsonReason(err))
			}
			buf.WriteByte('\n')
		}
		jsonl = buf.Bytes()
	case trimmed[0] == '{' && json.Valid(trimmed) && bytes.Contains(trimmed, []byte("\n")):
		// One record, pretty-printed.
		var buf bytes.Buffer
		_ = json.Compact(&buf, trimmed)
		jsonl = buf.Bytes()
	}
	type skippedPage struct {
		Source string `json:"source"`
		Reason string `json:"reason"`
	}
	var (
		mu      sync.Mutex
		errs    = []string{}
		skipped = []skippedPage{}
	)
	onError := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if len(errs) < maxIngestErrors {
			errs = append(errs, err.Error())
		}
	}
	read := func(_ context.Context, fn func(source.Item)) {
		source.ReadJSONL("api", bytes.NewReader(jsonl), source.Options{MaxBytes: s.opt.MaxBody}, fn)
	}
	release, err := s.gate.acquire(r.Context())
	if err != nil {
		return nil, err
	}
	defer release()
	var prog pipeline.Progress
	onSkip := func(src, why string) {
		mu.Lock()
		defer mu.Unlock()
		if len(skipped) < maxIngestErrors {
			skipped = append(skipped, skippedPage{src, why})
		}
	}
	// One slot, one worker: an ingest costs the CPU an extraction does.
	err = s.p.Ingest(r.Context(), s.st, pipeline.ReadFunc(read), pipeline.IngestOptions{OnError: onError, OnSkip: onSkip, Workers: 1}, &prog)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	n := prog.Snapshot()
	// Pages ingested again get their copies' corrections.
	reapplied := 0
	if rv, ok := s.st.(store.Reviewer); ok && n.Stored > 0 {
		if reapplied, err = rv.Reapply(r.Context()); err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
	}
	s.log.Info("ingested", "read", n.Read, "stored", n.Stored, "events", n.Events, "failed", n.Failed, "reapplied", reapplied)
	return struct {
		Read         int64         `json:"read"`
		Stored       int64         `json:"stored"`
		Duplicates   int64         `json:"duplicates"`
		Skipped      int64         `json:"skipped"`
		Unsupported  int64         `json:"unsupported"`
		Events       int64         `json:"events"`
		Failed       int64         `json:"failed"`
		Errors       []string      `json:"errors"`
		SkippedPages []skippedPage `json:"skipped_pages"`
		NoPubDate    int64         `json:"no_pub_date"`
		Reapplied    int           `json:"reapplied"`
	}{n.Read, n.Stored, n.Duplicates, n.Skipped, n.Unsupported, n.Events, n.Failed, errs, skipped, n.NoPubDate, reapplied}, nil
}

// jsonReason shortens encoding/json errors.
func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			return fmt.Sprintf("%q: got %s, want %s", te.Field, te.Value, te.Type)
		}
		return fmt.Sprintf("got %s", te.Value)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of JSON"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
