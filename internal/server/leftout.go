package server

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"mitra/internal/store"
)

// keepParams are the parameters of the views that drop events for their
// period or confidence: where events with no date of their own fall, and
// the least confidence kept.
var keepParams = []string{"undated", "min_confidence"}

// parseKeep reads undated (pub, date, ingest or any) and min_confidence
// (0 to 1) into f.
func parseKeep(q url.Values, f *store.Filter) error {
	v, err := one(q, "undated")
	if err != nil {
		return err
	}
	if f.Undated, err = store.ParsePlacement(v); err != nil {
		return badRequest("undated %q: want pub (on the publication date, the default), date (dated events only), ingest (on the publication date, else the ingest date) or any (kept in every period)", v)
	}
	v, err = one(q, "min_confidence")
	if err != nil {
		return err
	}
	if v != "" {
		c, err := strconv.ParseFloat(v, 64)
		if err != nil || c < 0 || c > 1 {
			return badRequest("min_confidence %q: want a number from 0 to 1", v)
		}
		f.MinConfidence = c
	}
	return nil
}

// leftOutJSON says what a view's period and confidence threshold left out
// of the events its other filters select, and how it placed the events
// with no date of their own: the page shows it beside every view.
type leftOutJSON struct {
	LowConfidence int     `json:"low_confidence"`
	Undated       int     `json:"undated"`
	Outside       int     `json:"outside_period"`
	Total         int     `json:"total"`
	Placed        int     `json:"placed"`
	Placement     string  `json:"undated_placement"`
	MinConfidence float64 `json:"min_confidence"`
}

// leftOut counts what f leaves out (see store.CountLeftOut). The count
// reads every event its other filters select (a network's: all of them),
// so it is kept for the recent filters while the record is unchanged
// (see version), as the links are.
func (s *Server) leftOut(ctx context.Context, f store.Filter) (leftOutJSON, error) {
	f.Limit, f.Offset = 0, 0
	v, err := s.version(ctx)
	if err != nil {
		return leftOutJSON{}, err
	}
	key := fmt.Sprintf("%#v", f)
	if out, ok := s.leftCache.get(key, v); ok {
		return out, nil
	}
	l, err := store.CountLeftOut(ctx, s.st, f)
	if err != nil {
		return leftOutJSON{}, err
	}
	out := leftOutJSON{l.LowConfidence, l.Undated, l.Outside, l.Total(), l.Placed, f.Undated.String(), f.MinConfidence}
	s.leftCache.put(key, v, out)
	return out, nil
}

// leftCacheSize is how many filters' left-out counts the server keeps.
const leftCacheSize = 128

// version changes whenever the record does: the number of stored events,
// and (see review.go) the corrections applied. Cached links are current
// while it is.
func (s *Server) version(ctx context.Context) (string, error) {
	st, err := s.st.Stats(ctx)
	if err != nil {
		return "", err
	}
	v := strconv.Itoa(st.Events)
	if rv, ok := s.st.(store.Reviewer); ok {
		n, err := rv.ReviewVersion(ctx)
		if err != nil {
			return "", err
		}
		v += "." + strconv.FormatInt(n, 10)
	}
	return v, nil
}
