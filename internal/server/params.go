package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Paging limits of /api/events.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
	maxOffset    = 1 << 31
)

// queryOf parses the query string strictly: a malformed one is a 400, not
// silently shortened.
func queryOf(r *http.Request) (url.Values, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, badRequest("malformed query string: %v", err)
	}
	return q, nil
}

// one returns the single value of parameter k ("" when absent); giving it
// twice is an error.
func one(q url.Values, k string) (string, error) {
	vs := q[k]
	switch len(vs) {
	case 0:
		return "", nil
	case 1:
		return strings.TrimSpace(vs[0]), nil
	}
	return "", badRequest("parameter %q given %d times", k, len(vs))
}

// parseFilter reads the event filters of a query (party, pair, type, quad,
// context, from, to, q, lang, doc) into a store.Filter. doc is copied as
// given; the caller resolves it to a document hash.
func (s *Server) parseFilter(q url.Values) (store.Filter, error) {
	var f store.Filter
	get := func(k string) string {
		v, _ := one(q, k)
		return v
	}
	for _, k := range filterParams {
		if _, err := one(q, k); err != nil && k != "type" {
			return f, err
		}
	}
	if v := get("party"); v != "" {
		c, ok := s.parties.resolve(v)
		if !ok {
			return f, badRequest("party: unknown party %q (use a code such as RUS or a name such as Rusia)", v)
		}
		f.Party = c
	}
	if v := get("pair"); v != "" {
		a, b, ok := strings.Cut(v, ",")
		if !ok || strings.Contains(b, ",") {
			return f, badRequest("pair %q: want two parties, A,B", v)
		}
		for i, x := range []string{a, b} {
			c, ok := s.parties.resolve(x)
			if !ok {
				return f, badRequest("pair: unknown party %q (use a code such as RUS or a name such as Rusia)", strings.TrimSpace(x))
			}
			f.Pair[i] = c
		}
	}
	// type may be repeated or comma-separated.
	for _, v := range q["type"] {
		for _, t := range strings.Split(v, ",") {
			t = strings.ToUpper(strings.TrimSpace(t))
			if t == "" {
				continue
			}
			typ, ok := record.ParseType(t)
			if !ok {
				return f, badRequest("type: unknown event type %q (want a PLOVER type such as AGREE or SANCTION)", t)
			}
			if !slices.Contains(f.Types, typ) {
				f.Types = append(f.Types, typ)
			}
		}
	}
	if v := get("quad"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 4 {
			return f, badRequest("quad %q: want 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4 (material conflict)", v)
		}
		f.Quad = record.Quad(n)
	}
	if v := get("context"); v != "" {
		c := strings.ToLower(v)
		if !record.ValidContext(c) {
			return f, badRequest("context: unknown PLOVER context %q (e.g. military, economic, diplomatic)", v)
		}
		f.Context = c
	}
	var err error
	if f.From, f.To, err = parseRange(get("from"), get("to")); err != nil {
		return f, err
	}
	if v := get("q"); v != "" {
		if !strings.ContainsFunc(v, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			return f, badRequest("q %q: no words to search for", v)
		}
		if len(v) > 1000 {
			return f, badRequest("q: longer than 1000 bytes")
		}
		f.Text = v
	}
	if v := get("lang"); v != "" {
		l := strings.ToLower(v)
		if len(l) < 2 || len(l) > 3 || strings.ContainsFunc(l, func(r rune) bool { return r < 'a' || r > 'z' }) {
			return f, badRequest("lang %q: want an ISO 639 code such as id or en", v)
		}
		f.Lang = l
	}
	f.Doc = get("doc")
	if err := parseKeep(q, &f); err != nil {
		return f, err
	}
	return f, nil
}

// parsePage reads limit (default DefaultLimit, at most MaxLimit: larger
// asks get MaxLimit) and offset.
func parsePage(q url.Values) (limit, offset int, err error) {
	limit = DefaultLimit
	v, err := one(q, "limit")
	if err != nil {
		return 0, 0, err
	}
	if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, badRequest("limit %q: want a whole number from 1 to %d", v, MaxLimit)
		}
		limit = min(n, MaxLimit)
	}
	v, err = one(q, "offset")
	if err != nil {
		return 0, 0, err
	}
	if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxOffset {
			return 0, 0, badRequest("offset %q: want a whole number from 0 to %d", v, maxOffset)
		}
		offset = n
	}
	return limit, offset, nil
}

// parseRange checks from and to: each YYYY-MM-DD, YYYY-MM or YYYY (a month
// or year covers all its days), from not after to.
func parseRange(from, to string) (string, string, error) {
	lo, err := parseDate("from", from, false)
	if err != nil {
		return "", "", err
	}
	hi, err := parseDate("to", to, true)
	if err != nil {
		return "", "", err
	}
	if from != "" && to != "" && lo > hi {
		return "", "", badRequest("from %s is after to %s", from, to)
	}
	return from, to, nil
}

// parseDate validates a date parameter and returns it padded to a day (the
// first day, or the last when upper).
func parseDate(name, v string, upper bool) (string, error) {
	if v == "" {
		return "", nil
	}
	layout := map[int]string{10: time.DateOnly, 7: "2006-01", 4: "2006"}[len(v)]
	t, err := time.Parse(layout, v)
	if layout == "" || err != nil || t.Year() < 1 {
		return "", badRequest("%s %q: want a date YYYY-MM-DD (or YYYY-MM, YYYY)", name, v)
	}
	if upper {
		switch len(v) {
		case 7:
			t = t.AddDate(0, 1, -1)
		case 4:
			t = t.AddDate(1, 0, -1)
		}
	}
	return t.Format(time.DateOnly), nil
}

// parseBool reads an optional boolean parameter.
func parseBool(q url.Values, k string) (bool, error) {
	v, err := one(q, k)
	if err != nil || v == "" {
		return false, err
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, badRequest("%s %q: want true or false", k, v)
	}
	return b, nil
}
