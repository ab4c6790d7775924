package store

import (
	"context"
	"fmt"
	"time"
)

// Placement says where an event with no date of its own falls when a
// Filter has a period (From, To). Without a period nothing is left out
// for its date.
type Placement string

// Placements. The zero value is PlacePub, which is how the store has
// always placed events (EventDay).
const (
	// PlacePub: on its page's publication date; with none, in no period.
	PlacePub Placement = ""
	// PlaceDate: in no period; only events with a date of their own fall
	// in one.
	PlaceDate Placement = "date"
	// PlaceIngest: on its page's publication date, else on the day the
	// page was ingested; every event falls somewhere.
	PlaceIngest Placement = "ingest"
	// PlaceAny: on its page's publication date; with none, in every period.
	PlaceAny Placement = "any"
)

// ParsePlacement reads a placement's name ("pub", "date", "ingest", "any";
// "" is "pub").
func ParsePlacement(s string) (Placement, error) {
	switch s {
	case "", "pub":
		return PlacePub, nil
	case string(PlaceDate), string(PlaceIngest), string(PlaceAny):
		return Placement(s), nil
	}
	return "", fmt.Errorf("placement %q: want pub, date, ingest or any", s)
}

// String returns the placement's name.
func (p Placement) String() string {
	if p == PlacePub {
		return "pub"
	}
	return string(p)
}

// PlacedDay returns the day (YYYY-MM-DD) an event falls on under p; ""
// when it falls on none (PlaceAny: in every period). ingested is the day
// its page was ingested, for PlaceIngest.
func PlacedDay(e *Event, p Placement, ingested time.Time) string {
	switch p {
	case PlaceDate:
		if e.Date == nil {
			return ""
		}
	case PlaceIngest:
		if d := EventDay(e); d != "" {
			return d
		}
		if ingested.IsZero() {
			return ""
		}
		return ingested.UTC().Format(time.DateOnly)
	}
	return EventDay(e)
}

// LeftOut counts the events that a Filter's period and confidence
// threshold leave out of what its other conditions select, each by the
// first reason that applies in this order.
type LeftOut struct {
	LowConfidence int // confidence below MinConfidence
	Undated       int // no day to place it on under the Placement
	Outside       int // placed outside From–To
	// Placed counts the events kept that have no date of their own and
	// fall on their page's publication or ingest date instead.
	Placed int
}

// Total is the number of events left out.
func (l LeftOut) Total() int { return l.LowConfidence + l.Undated + l.Outside }

// LeftOutCounter is a store that counts what a filter leaves out itself,
// without reading the events; CountLeftOut uses it when it can.
type LeftOutCounter interface {
	LeftOut(ctx context.Context, f Filter) (LeftOut, error)
}

// CountLeftOut returns what f leaves out in s (Limit and Offset aside):
// s's own count when it is a LeftOutCounter, else counted from the events
// that f without its period and threshold selects.
func CountLeftOut(ctx context.Context, s Store, f Filter) (LeftOut, error) {
	f.Limit, f.Offset = 0, 0
	if c, ok := s.(LeftOutCounter); ok {
		return c.LeftOut(ctx, f)
	}
	all := f
	all.From, all.To, all.MinConfidence, all.Undated = "", "", 0, PlacePub
	evs, err := s.Events(ctx, all)
	if err != nil {
		return LeftOut{}, err
	}
	ingested := map[string]time.Time{}
	var out LeftOut
	for i := range evs {
		e := &evs[i]
		if e.Confidence < f.MinConfidence {
			out.LowConfidence++
			continue
		}
		var at time.Time
		if f.Undated == PlaceIngest && EventDay(e) == "" {
			t, ok := ingested[e.DocHash]
			if !ok {
				d, err := s.Document(ctx, e.DocHash)
				if err != nil {
					return LeftOut{}, err
				}
				t = d.IngestedAt
				ingested[e.DocHash] = t
			}
			at = t
		}
		switch in, placed := Falls(e, f, at); {
		case in && placed:
			out.Placed++
		case in:
		case PlacedDay(e, f.Undated, at) == "":
			out.Undated++
		default:
			out.Outside++
		}
	}
	return out, nil
}

// Falls reports whether e falls in f's period under f's placement, and
// whether it does so on a day other than a date of its own (placed).
// ingested is the day its page was ingested (for PlaceIngest).
func Falls(e *Event, f Filter, ingested time.Time) (in, placed bool) {
	day := PlacedDay(e, f.Undated, ingested)
	if f.From == "" && f.To == "" {
		return true, e.Date == nil && day != ""
	}
	if day == "" {
		return f.Undated == PlaceAny, false
	}
	lo, hi := pad(f.From, false), pad(f.To, true)
	if lo != "" && day < lo || hi != "" && day > hi {
		return false, false
	}
	return true, e.Date == nil
}

// pad widens a period bound given as YYYY or YYYY-MM to the first (or, for
// an upper bound, a day after the last) day it covers.
func pad(d string, upper bool) string {
	switch len(d) {
	case 4:
		if upper {
			return d + "-12-31"
		}
		return d + "-01-01"
	case 7:
		if upper {
			return d + "-31"
		}
		return d + "-01"
	}
	return d
}
