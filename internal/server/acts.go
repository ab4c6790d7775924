package server

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"mitra/internal/score"
	"mitra/internal/store"
)

// maxReports bounds the reports an act lists in GET /api/acts.
const maxReports = 20

// actJSON is one act (cluster) as GET /api/acts lists it.
type actJSON struct {
	ID            int64       `json:"id"`
	Type          string      `json:"type"`
	Mode          string      `json:"mode"`
	Quad          int         `json:"quad"`
	Score         float64     `json:"score"`
	Actors        []string    `json:"actors"`
	Recipients    []string    `json:"recipients"`
	Contexts      []string    `json:"contexts"`
	Date          *string     `json:"date"`
	DatePrecision string      `json:"date_precision"`
	First         *string     `json:"first"`
	Last          *string     `json:"last"`
	Mentions      int         `json:"mentions"`
	Sources       int         `json:"sources"`
	Outlets       int         `json:"outlets"`
	Reports       []eventJSON `json:"reports"`
}

// acts answers GET /api/acts: the acts (clusters) with a mention matching
// the filters, newest first (by the day of their first report; undated
// acts come first when no period is given), with the total and, for each,
// its matching reports (first report first, at most maxReports) with their
// pages' url, outlet and title.
func (s *Server) acts(r *http.Request) (any, error) {
	q, err := queryOf(r)
	if err != nil {
		return nil, err
	}
	f, err := s.parseFilter(q)
	if err != nil {
		return nil, err
	}
	limit, offset, err := parsePage(q)
	if err != nil {
		return nil, err
	}
	if f.Doc != "" {
		if f.Doc, err = s.docHash(r.Context(), f.Doc); err != nil {
			return nil, err
		}
	}
	// The total is the sum of the links' clusters: for a period alone the
	// links come from the cache the network uses.
	var ls []store.Link
	if g := f; g.Party == "" && g.Pair == [2]string{} && g.Types == nil && g.Quad == 0 && g.Context == "" && g.Text == "" && g.Lang == "" && g.Doc == "" {
		ls, err = s.links(r.Context(), f.From, f.To)
	} else {
		ls, err = s.st.Links(r.Context(), f)
	}
	if err != nil {
		return nil, err
	}
	total := 0
	for _, l := range ls {
		total += l.Clusters
	}
	// Clusters come oldest first: the newest page is read from the end.
	out := []actJSON{}
	var next *int
	if offset < total {
		n := min(limit, total-offset)
		g := f
		g.Offset, g.Limit = total-offset-n, n
		cs, err := s.st.Clusters(r.Context(), g)
		if err != nil {
			return nil, err
		}
		slices.Reverse(cs)
		reports, err := s.reports(r.Context(), f, cs)
		if err != nil {
			return nil, err
		}
		t := score.Default()
		for _, c := range cs {
			a := actJSON{
				ID: c.ID, Type: string(c.Type), Mode: string(c.Mode), Quad: int(c.Type.Quad()), Score: t.Plover(c.Type, c.Mode),
				Actors: nonNil(c.Actors), Recipients: nonNil(c.Recipients), Contexts: nonNil(c.Contexts),
				Date: nullable(c.Date), DatePrecision: precision(c.Date), First: nullable(c.First), Last: nullable(c.Last),
				Mentions: c.Mentions, Sources: c.Sources, Outlets: c.Outlets, Reports: reports[c.ID],
			}
			if a.Reports == nil {
				a.Reports = []eventJSON{}
			}
			out = append(out, a)
		}
		if offset+n < total {
			x := offset + n
			next = &x
		}
	}
	return struct {
		Acts       []actJSON `json:"acts"`
		Total      int       `json:"total"`
		Limit      int       `json:"limit"`
		Offset     int       `json:"offset"`
		NextOffset *int      `json:"next_offset"`
	}{out, total, limit, offset, next}, nil
}

// reports returns the events matching f of the clusters cs, by cluster,
// with their pages. The events are read over the days the clusters span
// (their First and Last bound their mentions' days), so a page of recent
// acts reads a few days of events, not all of them.
func (s *Server) reports(ctx context.Context, f store.Filter, cs []store.Cluster) (map[int64][]eventJSON, error) {
	if len(cs) == 0 {
		return nil, nil
	}
	want := map[int64]bool{}
	lo, hi := "", ""
	dated := true
	for _, c := range cs {
		want[c.ID] = true
		if c.First == "" || c.Last == "" {
			dated = false
			continue
		}
		if lo == "" || c.First < lo {
			lo = c.First
		}
		if c.Last > hi {
			hi = c.Last
		}
	}
	if dated {
		if from, _ := parseDate("from", f.From, false); from < lo {
			f.From = lo
		}
		if to, _ := parseDate("to", f.To, true); to == "" || to > hi {
			f.To = hi
		}
	}
	f.Limit, f.Offset = 0, 0
	evs, err := s.st.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	var mine []store.Event
	for _, e := range evs {
		if want[e.ClusterID] {
			mine = append(mine, e)
		}
	}
	docs, err := store.DocumentMetas(ctx, s.st, store.EventHashes(mine))
	if err != nil {
		return nil, err
	}
	out := map[int64][]eventJSON{}
	for _, e := range mine {
		if len(out[e.ClusterID]) < maxReports {
			out[e.ClusterID] = append(out[e.ClusterID], withDoc(e, docs))
		}
	}
	return out, nil
}

// withDoc is an event as the API lists it, with its page.
func withDoc(e store.Event, docs map[string]store.DocMeta) eventJSON {
	d := docs[e.DocHash]
	return eventJSON{Event: normalised(e.Event), ClusterID: e.ClusterID, DocHash: e.DocHash, URL: d.URL, Outlet: d.Outlet, Title: d.Title}
}

// docHash resolves a doc parameter (a hash or an id) to a hash; an unknown
// one selects nothing.
func (s *Server) docHash(ctx context.Context, key string) (string, error) {
	d, err := s.st.Document(ctx, key)
	switch {
	case err == nil:
		return d.Hash, nil
	case errors.Is(err, store.ErrNotFound):
		return key, nil
	}
	return "", err
}

// precision names how precise a date is: day, month or year ("" unknown).
func precision(d string) string {
	switch len(d) {
	case 10:
		return "day"
	case 7:
		return "month"
	case 4:
		return "year"
	}
	return ""
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
