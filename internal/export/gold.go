package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"mitra/internal/record"
	"mitra/internal/store"
)

// Gold writes reviewed pages in the gold format of the shared evaluation
// data (eval/GUIDELINE.md, "Record"), so that pages an analyst has
// checked become evaluation data: one JSON line per document,
//
//	{"doc":…, "lang":…, "pub_date":…, "events":[{"type", "actors",
//	 "recipients", "contexts", "date", "main", "evidence"}]}
//
// with the document's events as the corrections left them: an act (type,
// actors, recipients) once per page, its evidence the first sentence
// that supports it. The guideline's "main" (the news, not background) is
// not in the record: an event is main when it has no date, or its date
// lies within a month of the publication date.
func Gold(w io.Writer, docs []GoldDoc) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range docs {
		if err := enc.Encode(&docs[i]); err != nil {
			return fmt.Errorf("gold: %w", err)
		}
	}
	return bw.Flush()
}

// GoldDoc is one line of the gold format.
type GoldDoc struct {
	Doc     string      `json:"doc"`
	Lang    string      `json:"lang"`
	PubDate *string     `json:"pub_date"`
	Events  []GoldEvent `json:"events"`
}

// GoldEvent is one event of a GoldDoc.
type GoldEvent struct {
	Type       string   `json:"type"`
	Actors     []string `json:"actors"`
	Recipients []string `json:"recipients"`
	Contexts   []string `json:"contexts"`
	Date       *string  `json:"date"`
	Main       bool     `json:"main"`
	Evidence   string   `json:"evidence"`
}

// GoldOf makes a document's gold line from its events (in any order; they
// are taken in the order of their evidence in the page).
func GoldOf(d *store.Document, evs []store.Event) GoldDoc {
	g := GoldDoc{Doc: d.ID, Lang: d.Lang, Events: []GoldEvent{}}
	if d.PubDate != "" {
		p := d.PubDate
		g.PubDate = &p
	}
	evs = slices.Clone(evs)
	slices.SortStableFunc(evs, func(a, b store.Event) int { return a.Span[0] - b.Span[0] })
	seen := map[string]bool{}
	for i := range evs {
		e := &evs[i]
		k := e.Key()
		if seen[k] {
			continue
		}
		seen[k] = true
		ge := GoldEvent{Type: string(e.Type), Actors: record.Codes(e.Actors), Recipients: record.Codes(e.Recipients),
			Contexts: slices.Clone(e.Contexts), Date: e.Date, Evidence: strings.ToValidUTF8(strings.Join(strings.Fields(e.Sentence), " "), "\uFFFD"),
			Main: mainEvent(e.Date, d.PubDate)}
		if ge.Contexts == nil {
			ge.Contexts = []string{}
		}
		g.Events = append(g.Events, ge)
	}
	return g
}

// mainEvent reports whether an event dated date is news on a page
// published pub: no date, no publication date, or within a month of it.
func mainEvent(date *string, pub string) bool {
	if date == nil || pub == "" {
		return true
	}
	d, ok1 := startOf(*date)
	p, ok2 := startOf(pub)
	if !ok1 || !ok2 {
		return true
	}
	// A month or a year counts by its last day.
	switch len(*date) {
	case 7:
		d = d.AddDate(0, 1, -1)
	case 4:
		d = d.AddDate(1, 0, -1)
	}
	return p.Sub(d) <= 31*24*time.Hour
}

func startOf(s string) (time.Time, bool) {
	layout := map[int]string{10: time.DateOnly, 7: "2006-01", 4: "2006"}[len(s)]
	if layout == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}
