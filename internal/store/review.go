package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"

	"mitra/internal/record"
)

// Review and correction. An analyst marks an event wrong, corrects its
// type, mode, parties (direction included) or date, adds an event the
// extractor missed with its evidence, confirms that a page's events are
// all checked, or undoes one of these. Each is a Correction, kept with who
// made it and when, apart from what the extractor produced (the event as
// it stood is kept whole in the correction), and applied to the record
// itself: every query, series, network, shift and export sees the
// corrected record. A page ingested again with other bytes (a fetched copy
// of a reviewed page) gets its page's corrections again (Reapply).

// Action is what a correction does.
type Action string

// Actions.
const (
	Wrong   Action = "wrong"   // the event is not what the text says: out of the record
	Correct Action = "correct" // the event as it should be replaces it
	Add     Action = "add"     // an event the extractor missed, with its evidence
	Confirm Action = "confirm" // every event of a page was checked
	Undo    Action = "undo"    // reverts an earlier correction
)

// Correction is one change an analyst made to the record.
type Correction struct {
	ID     int64 // set by the store
	Action Action
	// EventID: the event marked wrong or corrected; for add, the event
	// made (set by the store).
	EventID string
	// DocHash: the document (set by the store for wrong and correct;
	// given for add and confirm).
	DocHash string
	// Event: correct, the event as it should be (its type, mode, actors,
	// recipients, date and contexts count; the evidence stays); add, the
	// new event (its evidence sentence must be in the document's text).
	Event *record.Event
	// Before is the event as it stood (wrong, correct), set by the store.
	Before *Event
	Undoes int64 // undo: the correction reverted
	Author string
	Note   string
	At     time.Time // set by the store
	// UndoneBy is the undo that reverted this correction, 0 while it
	// stands; Reapplied is the correction this one repeats on another copy
	// of its page (see Reapply). Both set by the store.
	UndoneBy  int64
	Reapplied int64
}

// CorrectionFilter selects corrections. Zero fields select everything.
type CorrectionFilter struct {
	Doc     string // a document hash
	EventID string
	Live    bool // only those not undone (and not undos)
	Limit   int
}

// Reviewer is a store that takes corrections. SQLite implements it; the
// server and the CLI answer that a store without it takes no corrections.
type Reviewer interface {
	// Review checks and applies c in one transaction and returns it as
	// stored. Errors wrap ErrInvalid (a correction that cannot be) or
	// ErrNotFound (no such event, document or correction).
	Review(ctx context.Context, c Correction) (Correction, error)
	// Corrections returns corrections matching f, latest first.
	Corrections(ctx context.Context, f CorrectionFilter) ([]Correction, error)
	// Reapply applies the standing corrections of each page to the other
	// stored copies of it — documents with its input id or a near-duplicate
	// of it, ingested again — and returns how many corrections it made.
	Reapply(ctx context.Context) (int, error)
	// ReviewVersion changes whenever a correction is made.
	ReviewVersion(ctx context.Context) (int64, error)
}

// ErrInvalid marks a correction that cannot be applied.
var ErrInvalid = errors.New("invalid correction")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// partyCode is what a party code looks like: ISO 3166-1 alpha-3 or an
// organisation code (UN, ECOWAS, G20).
var partyCode = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,5}$`)

// CheckCorrection checks what a correction needs before any store reads
// it: its action, author, and for correct and add an event that PLOVER
// can code (a known type and mode, known contexts, party codes, two
// distinct parties at least, a date YYYY-MM-DD, YYYY-MM or YYYY or none;
// add needs its evidence).
func CheckCorrection(c *Correction) error {
	if c.Author == "" || utf8.RuneCountInString(c.Author) > 100 {
		return invalid("author: give who made the correction (at most 100 characters)")
	}
	if utf8.RuneCountInString(c.Note) > 2000 {
		return invalid("note: at most 2000 characters")
	}
	switch c.Action {
	case Wrong:
		if c.EventID == "" {
			return invalid("wrong: which event (event_id)?")
		}
	case Correct:
		if c.EventID == "" {
			return invalid("correct: which event (event_id)?")
		}
		return CheckEvent(c.Event, false)
	case Add:
		if c.DocHash == "" {
			return invalid("add: which document?")
		}
		return CheckEvent(c.Event, true)
	case Confirm:
		if c.DocHash == "" {
			return invalid("confirm: which document?")
		}
	case Undo:
		if c.Undoes <= 0 {
			return invalid("undo: which correction?")
		}
	default:
		return invalid("action %q: want wrong, correct, add, confirm or undo", c.Action)
	}
	return nil
}

// CheckEvent checks an event given by a correction.
func CheckEvent(e *record.Event, evidence bool) error {
	if e == nil {
		return invalid("no event given")
	}
	if _, ok := record.ParseType(string(e.Type)); !ok {
		return invalid("type %q: want a PLOVER type (AGREE … ASSAULT)", e.Type)
	}
	if e.Mode != "" && !e.Type.ValidMode(e.Mode) {
		return invalid("mode %q: %s has modes %v", e.Mode, e.Type, record.Modes[e.Type])
	}
	for _, x := range e.Contexts {
		if !record.ValidContext(x) {
			return invalid("context %q: not a PLOVER context", x)
		}
	}
	if len(e.Actors) == 0 {
		return invalid("no actor")
	}
	seen := map[string]bool{}
	for _, p := range append(append([]record.Party{}, e.Actors...), e.Recipients...) {
		if !partyCode.MatchString(p.Code) {
			return invalid("party %q: want a code such as RUS or ECOWAS", p.Code)
		}
		if seen[p.Code] {
			return invalid("party %s given twice", p.Code)
		}
		seen[p.Code] = true
	}
	if len(seen) < 2 {
		return invalid("an event between states needs two parties at least")
	}
	if e.Date != nil {
		if p := DatePrecision(*e.Date); p == "" {
			return invalid("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", *e.Date)
		}
	}
	if evidence {
		if n := len(e.Sentence); n == 0 || n > 4000 {
			return invalid("evidence: quote the sentence that supports the event (at most 4000 bytes)")
		}
	}
	return nil
}

// DatePrecision returns "day", "month" or "year" for a valid date
// YYYY-MM-DD, YYYY-MM or YYYY, else "".
func DatePrecision(d string) string {
	var layout, p string
	switch len(d) {
	case 10:
		layout, p = time.DateOnly, "day"
	case 7:
		layout, p = "2006-01", "month"
	case 4:
		layout, p = "2006", "year"
	default:
		return ""
	}
	if _, err := time.Parse(layout, d); err != nil {
		return ""
	}
	return p
}

// EventGetter is a store that reads one event by id; EventByID uses it.
type EventGetter interface {
	Event(ctx context.Context, id string) (*Event, error)
}

// EventByID returns the stored event with id, or ErrNotFound: through the
// store's own lookup when it has one, else by reading its events.
func EventByID(ctx context.Context, s Store, id string) (*Event, error) {
	if g, ok := s.(EventGetter); ok {
		return g.Event(ctx, id)
	}
	evs, err := s.Events(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	for i := range evs {
		if evs[i].ID == id {
			return &evs[i], nil
		}
	}
	return nil, fmt.Errorf("event %s: %w", id, ErrNotFound)
}
