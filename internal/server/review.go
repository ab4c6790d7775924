package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Review and correction over the API: token-guarded writes, as for ingest.

// errNoReview answers corrections on a store that takes none.
var errNoReview = &apiError{errUnavailable, errors.New("this store takes no corrections")}

// reviewRequest is the body of a correction: who, why, and for correct
// and add the event as it should be. Parties are codes or names.
type reviewRequest struct {
	Action     string   `json:"action"` // wrong or correct (POST /api/events/{id}/review)
	Author     string   `json:"author"`
	Note       string   `json:"note"`
	Type       string   `json:"type"`
	Mode       string   `json:"mode"`
	Actors     []string `json:"actors"`
	Recipients []string `json:"recipients"`
	Date       *string  `json:"date"`
	Contexts   []string `json:"contexts"`
	Evidence   string   `json:"evidence"` // add: the sentence, as in the page's text
}

// correctionJSON is a correction as the API shows it.
type correctionJSON struct {
	ID        int64      `json:"id"`
	Action    string     `json:"action"`
	EventID   string     `json:"event_id"`
	DocHash   string     `json:"doc_hash"`
	Event     *eventJSON `json:"event"`  // the event as corrected or added
	Before    *eventJSON `json:"before"` // the event as it stood (wrong, correct)
	Undoes    int64      `json:"undoes"`
	UndoneBy  int64      `json:"undone_by"`
	Reapplied int64      `json:"reapplied"`
	Author    string     `json:"author"`
	Note      string     `json:"note"`
	At        string     `json:"at"`
}

func (s *Server) correctionJSON(c *store.Correction) correctionJSON {
	out := correctionJSON{ID: c.ID, Action: string(c.Action), EventID: c.EventID, DocHash: c.DocHash, Undoes: c.Undoes,
		UndoneBy: c.UndoneBy, Reapplied: c.Reapplied, Author: c.Author, Note: c.Note, At: c.At.UTC().Format(time.RFC3339)}
	if c.Event != nil {
		e := eventJSON{Event: normalised(*c.Event), Summary: s.summary(c.Event), DocHash: c.DocHash}
		out.Event = &e
	}
	if c.Before != nil {
		e := eventJSON{Event: normalised(c.Before.Event), Summary: s.summary(&c.Before.Event), ClusterID: c.Before.ClusterID, DocHash: c.Before.DocHash}
		out.Before = &e
	}
	return out
}

func (s *Server) reviewer() (store.Reviewer, error) {
	r, ok := s.st.(store.Reviewer)
	if !ok {
		return nil, errNoReview
	}
	return r, nil
}

// readReview decodes a correction's body.
func readReview(r *http.Request) (*reviewRequest, error) {
	body, err := io.ReadAll(r.Body) // already read and limited by prepare
	if err != nil {
		return nil, err
	}
	var req reviewRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, badRequest("body: not a correction (JSON with author, and type, actors, recipients, date…): %s", jsonReason(err))
	}
	if dec.More() {
		return nil, badRequest("body: more than one JSON value")
	}
	req.Author = strings.TrimSpace(req.Author)
	return &req, nil
}

// event turns a request's fields into the event a correction gives.
func (s *Server) event(req *reviewRequest) (*record.Event, error) {
	e := &record.Event{Type: record.Type(strings.ToUpper(strings.TrimSpace(req.Type))), Mode: record.Mode(strings.TrimSpace(req.Mode)),
		Contexts: req.Contexts, Sentence: strings.TrimSpace(req.Evidence)}
	for i, list := range [][]string{req.Actors, req.Recipients} {
		for _, v := range list {
			c, ok := s.parties.resolve(v)
			if !ok {
				return nil, badRequest("%s: unknown party %q (use a code such as RUS or a name such as Rusia)", [2]string{"actors", "recipients"}[i], v)
			}
			p := record.Party{Code: c}
			if i == 0 {
				e.Actors = append(e.Actors, p)
			} else {
				e.Recipients = append(e.Recipients, p)
			}
		}
	}
	if req.Date != nil && strings.TrimSpace(*req.Date) != "" {
		d := strings.TrimSpace(*req.Date)
		e.Date = &d
	}
	return e, nil
}

// review applies c and answers with it, as stored.
func (s *Server) review(ctx context.Context, c store.Correction) (any, error) {
	rv, err := s.reviewer()
	if err != nil {
		return nil, err
	}
	out, err := rv.Review(ctx, c)
	switch {
	case errors.Is(err, store.ErrInvalid):
		return nil, badRequest("%s", strings.TrimPrefix(err.Error(), "review: "))
	case errors.Is(err, store.ErrNotFound):
		return nil, notFound("%s", strings.TrimPrefix(err.Error(), "review: "))
	case err != nil:
		return nil, err
	}
	s.log.Info("correction", "id", out.ID, "action", out.Action, "event", out.EventID, "author", out.Author)
	return s.correctionJSON(&out), nil
}

// reviewEvent answers POST /api/events/{id}/review: mark an event wrong,
// or correct it.
func (s *Server) reviewEvent(r *http.Request) (any, error) {
	req, err := readReview(r)
	if err != nil {
		return nil, err
	}
	c := store.Correction{Action: store.Action(req.Action), EventID: r.PathValue("id"), Author: req.Author, Note: req.Note}
	switch c.Action {
	case store.Wrong:
	case store.Correct:
		if c.Event, err = s.event(req); err != nil {
			return nil, err
		}
		c.Event.Sentence = ""
	default:
		return nil, badRequest("action %q: want wrong or correct (add an event with POST /api/documents/{key}/events)", req.Action)
	}
	return s.review(r.Context(), c)
}

// addEvent answers POST /api/documents/{key}/events: an event the
// extractor missed, with its evidence.
func (s *Server) addEvent(r *http.Request) (any, error) {
	req, err := readReview(r)
	if err != nil {
		return nil, err
	}
	if req.Action != "" && req.Action != string(store.Add) {
		return nil, badRequest("action %q: this route adds events", req.Action)
	}
	d, err := s.st.Document(r.Context(), r.PathValue("key"))
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("document %q not found", r.PathValue("key"))
	}
	if err != nil {
		return nil, err
	}
	e, err := s.event(req)
	if err != nil {
		return nil, err
	}
	return s.review(r.Context(), store.Correction{Action: store.Add, DocHash: d.Hash, Event: e, Author: req.Author, Note: req.Note})
}

// confirmDocument answers POST /api/documents/{key}/confirm: every event
// of the page was checked (what the gold export takes).
func (s *Server) confirmDocument(r *http.Request) (any, error) {
	req, err := readReview(r)
	if err != nil {
		return nil, err
	}
	d, err := s.st.Document(r.Context(), r.PathValue("key"))
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("document %q not found", r.PathValue("key"))
	}
	if err != nil {
		return nil, err
	}
	return s.review(r.Context(), store.Correction{Action: store.Confirm, DocHash: d.Hash, Author: req.Author, Note: req.Note})
}

// undoCorrection answers POST /api/corrections/{id}/undo.
func (s *Server) undoCorrection(r *http.Request) (any, error) {
	req, err := readReview(r)
	if err != nil {
		return nil, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, badRequest("correction %q: want its number", r.PathValue("id"))
	}
	return s.review(r.Context(), store.Correction{Action: store.Undo, Undoes: id, Author: req.Author, Note: req.Note})
}

// corrections answers GET /api/corrections.
func (s *Server) corrections(r *http.Request) (any, error) {
	rv, err := s.reviewer()
	if err != nil {
		return nil, err
	}
	q, err := queryOf(r)
	if err != nil {
		return nil, err
	}
	var f store.CorrectionFilter
	var vals [4]string
	for i, k := range []string{"doc", "event", "live", "limit"} {
		if vals[i], err = one(q, k); err != nil {
			return nil, err
		}
	}
	if v := vals[0]; v != "" {
		d, err := s.st.Document(r.Context(), v)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return nil, notFound("document %q not found", v)
		case err != nil:
			return nil, err
		}
		f.Doc = d.Hash
	}
	f.EventID = vals[1]
	if f.Live, err = parseBool(q, "live"); err != nil {
		return nil, err
	}
	f.Limit = DefaultLimit
	if v := vals[3]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, badRequest("limit %q: want a whole number from 1 to %d", v, MaxLimit)
		}
		f.Limit = min(n, MaxLimit)
	}
	cs, err := rv.Corrections(r.Context(), f)
	if err != nil {
		return nil, err
	}
	out := make([]correctionJSON, len(cs))
	for i := range cs {
		out[i] = s.correctionJSON(&cs[i])
	}
	return struct {
		Corrections []correctionJSON `json:"corrections"`
	}{out}, nil
}

// reviewedJSON says who last corrected or added an event.
type reviewedJSON struct {
	Correction int64  `json:"correction"`
	Action     string `json:"action"`
	Author     string `json:"author"`
	At         string `json:"at"`
}

// reviews returns the standing corrections that made each event (correct
// and add), by event id; nil when the store takes no corrections.
func (s *Server) reviews(ctx context.Context) (map[string]*reviewedJSON, error) {
	rv, ok := s.st.(store.Reviewer)
	if !ok {
		return nil, nil
	}
	cs, err := rv.Corrections(ctx, store.CorrectionFilter{Live: true})
	if err != nil {
		return nil, err
	}
	out := map[string]*reviewedJSON{}
	for i := len(cs) - 1; i >= 0; i-- { // oldest first, so the latest wins
		c := &cs[i]
		if c.Action == store.Correct || c.Action == store.Add {
			out[c.EventID] = &reviewedJSON{c.ID, string(c.Action), c.Author, c.At.UTC().Format(time.RFC3339)}
		}
	}
	return out, nil
}
