package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"mitra/internal/store"
)

// errorType is the machine-readable kind of an API error, the envelope's
// "errorType".
type errorType string

const (
	errBadRequest       errorType = "bad_request"
	errUnauthorized     errorType = "unauthorized"
	errForbidden        errorType = "forbidden"
	errNotFound         errorType = "not_found"
	errMethodNotAllowed errorType = "method_not_allowed"
	errTooLarge         errorType = "too_large"
	errTimeout          errorType = "timeout"
	errUnavailable      errorType = "unavailable"
	errInternal         errorType = "internal"
)

// apiError is an error a handler returns with its kind decided.
type apiError struct {
	typ errorType
	err error
}

func (e *apiError) Error() string { return e.err.Error() }
func (e *apiError) Unwrap() error { return e.err }

func badRequest(format string, args ...any) error {
	return &apiError{errBadRequest, fmt.Errorf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &apiError{errNotFound, fmt.Errorf(format, args...)}
}

// errPanic stands for a handler that panicked; the panic is logged.
var errPanic = errors.New("internal error")

// classify is the one place that maps errors to an HTTP status, an error
// type and the message a client sees. Errors it does not know are internal:
// their text (which may name tables or files) is logged, not sent.
func classify(err error) (status int, typ errorType, msg string) {
	var ae *apiError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return statusOf[ae.typ], ae.typ, ae.Error()
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, errTooLarge, fmt.Sprintf("request body too large (limit %d bytes)", mbe.Limit)
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, errNotFound, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, errTimeout, "the request took too long"
	case errors.Is(err, store.ErrClosed):
		return http.StatusServiceUnavailable, errUnavailable, "the store is closed"
	}
	return http.StatusInternalServerError, errInternal, "internal error"
}

var statusOf = map[errorType]int{
	errBadRequest:       http.StatusBadRequest,
	errUnauthorized:     http.StatusUnauthorized,
	errForbidden:        http.StatusForbidden,
	errNotFound:         http.StatusNotFound,
	errMethodNotAllowed: http.StatusMethodNotAllowed,
	errTooLarge:         http.StatusRequestEntityTooLarge,
	errTimeout:          http.StatusServiceUnavailable,
	errUnavailable:      http.StatusServiceUnavailable,
	errInternal:         http.StatusInternalServerError,
}

// envelope is every /api response body.
type envelope struct {
	Status    string    `json:"status"` // "success" or "error"
	Data      any       `json:"data,omitempty"`
	ErrorType errorType `json:"errorType,omitempty"`
	Error     string    `json:"error,omitempty"`
}

// apiFunc is an API handler: it returns the envelope's data or an error.
type apiFunc func(r *http.Request) (any, error)

// api wraps a route's handler: the bearer token for writes, the body limit,
// the per-request timeout, panics, and the envelope.
func (s *Server) api(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		leave := func() {}
		if rt.compute {
			var err error
			if rt.write {
				// An unauthorised request takes no place in the gate.
				if err := s.authorize(w, r); err != nil {
					s.writeError(w, r, err, start)
					return
				}
			}
			if leave, err = s.gate.enter(r.ContentLength); err != nil {
				w.Header().Set("Retry-After", "5")
				s.writeError(w, r, err, start)
				return
			}
		}
		if err := s.prepare(w, r, rt); err != nil {
			leave()
			s.writeError(w, r, err, start)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
		defer cancel()
		r2 := r.WithContext(ctx)
		type result struct {
			data any
			err  error
		}
		// The handler runs in its own goroutine so that one that ignores
		// its context (extraction of a huge page) still gets a timeout
		// answer on time; it finishes in the background with its context
		// cancelled, and its result is dropped.
		ch := make(chan result, 1)
		go func() {
			defer leave() // when the work has ended, whatever the answer
			defer func() {
				if p := recover(); p != nil {
					s.log.Error("handler panicked", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
					ch <- result{err: errPanic}
				}
			}()
			data, err := rt.fn(r2)
			ch <- result{data, err}
		}()
		var res result
		select {
		case res = <-ch:
		case <-ctx.Done():
			if r.Context().Err() != nil {
				return // the client has gone
			}
			res.err = context.DeadlineExceeded
		}
		if res.err != nil {
			if ctx.Err() != nil && r.Context().Err() == nil {
				// Whatever the store made of its cancelled context.
				res.err = &apiError{errTimeout, fmt.Errorf("the request took longer than %s", s.opt.Timeout)}
			}
			s.writeError(w, r, res.err, start)
			return
		}
		if d, ok := res.data.(*download); ok {
			s.writeDownload(w, d)
		} else {
			s.write(w, http.StatusOK, envelope{Status: "success", Data: res.data})
		}
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", http.StatusOK, "duration", time.Since(start))
	})
}

// prepare checks what can be checked before the handler runs: the token,
// the query parameters the route knows, and the body, which it reads in
// full (at most MaxBody bytes) so that the handler never touches the
// connection.
func (s *Server) prepare(w http.ResponseWriter, r *http.Request, rt route) error {
	if rt.write {
		if err := s.authorize(w, r); err != nil {
			return err
		}
	}
	q, err := queryOf(r)
	if err != nil {
		return err
	}
	for k := range q {
		if !slices.Contains(rt.params, k) {
			if len(rt.params) == 0 {
				return badRequest("unknown parameter %q (this route takes none)", k)
			}
			return badRequest("unknown parameter %q (known: %s)", k, strings.Join(rt.params, ", "))
		}
	}
	if !rt.body {
		return nil
	}
	if r.ContentLength > s.opt.MaxBody {
		return &http.MaxBytesError{Limit: s.opt.MaxBody}
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest("reading the body: %v", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.ContentLength = int64(len(b))
	return nil
}

// authorize checks the bearer token in constant time (of the token's hash,
// so its length does not leak either).
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) error {
	if s.opt.Token == "" {
		return &apiError{errForbidden, errors.New("writes are off (start the server with a token to enable them)")}
	}
	auth := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="mitra"`)
		return &apiError{errUnauthorized, errors.New("missing bearer token (Authorization: Bearer TOKEN)")}
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	want := sha256.Sum256([]byte(s.opt.Token))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="mitra", error="invalid_token"`)
		return &apiError{errUnauthorized, errors.New("wrong bearer token")}
	}
	return nil
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error, start time.Time) {
	status, typ, msg := classify(err)
	if typ == errInternal && !errors.Is(err, errPanic) {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", status, "err", msg, "duration", time.Since(start))
	}
	s.write(w, status, envelope{Status: "error", ErrorType: typ, Error: msg})
}

// write sends an envelope. It is encoded before anything is written, so a
// value that cannot be encoded still gets a well-formed 500 envelope.
func (s *Server) write(w http.ResponseWriter, status int, env envelope) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(env); err != nil {
		s.log.Error("encoding a response", "err", err)
		buf.Reset()
		status = http.StatusInternalServerError
		_ = json.NewEncoder(&buf).Encode(envelope{Status: "error", ErrorType: errInternal, Error: "internal error"})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// recoverer turns a panic outside the API wrapper (the static files) into
// a 500 envelope instead of a dropped connection.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("handler panicked", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				s.write(w, http.StatusInternalServerError, envelope{Status: "error", ErrorType: errInternal, Error: "internal error"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// noRoute answers /api paths no route matches: 405 with Allow when another
// method would match, else 404.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pat := s.mux.Handler(r2); pat != "" && pat != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.writeError(w, r, &apiError{errMethodNotAllowed, fmt.Errorf("method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", "))}, time.Now())
		return
	}
	s.writeError(w, r, notFound("no API route %s %s (see /api/openapi.json)", r.Method, r.URL.Path), time.Now())
}
