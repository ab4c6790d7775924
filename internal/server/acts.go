package server

import (
	"context"
	"errors"
	"net/http"

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
// the filters, newest first (by the day of their first report; acts with
// no day at all last), with the total and, for each, its reports (first
// report first, at most maxReports) with their pages' url, outlet and
// title, and the events the filter's period and threshold left out.
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
	// The total is the sum of the links' clusters, cached until the store
	// gains an event (see links).
	ls, err := s.links(r.Context(), f)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, l := range ls {
		total += l.Clusters
	}
	out := []actJSON{}
	var next *int
	if offset < total {
		n := min(limit, total-offset)
		g := f
		g.Offset, g.Limit = offset, n
		cs, err := store.ClustersNewest(r.Context(), s.st, g)
		if err != nil {
			return nil, err
		}
		reports, err := s.reports(r.Context(), cs)
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
	left, err := s.leftOut(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return struct {
		Acts       []actJSON   `json:"acts"`
		Total      int         `json:"total"`
		Limit      int         `json:"limit"`
		Offset     int         `json:"offset"`
		NextOffset *int        `json:"next_offset"`
		LeftOut    leftOutJSON `json:"left_out"`
	}{out, total, limit, offset, next, left}, nil
}

// reports returns every report (event) of the clusters cs, first report
// first, at most maxReports per cluster, with their pages.
func (s *Server) reports(ctx context.Context, cs []store.Cluster) (map[int64][]eventJSON, error) {
	evs, err := store.EventsOfClusters(ctx, s.st, cs)
	if err != nil {
		return nil, err
	}
	out := map[int64][]eventJSON{}
	var keep []store.Event
	n := map[int64]int{}
	for _, e := range evs {
		if n[e.ClusterID] < maxReports {
			n[e.ClusterID]++
			keep = append(keep, e)
		}
	}
	docs, err := store.DocumentMetas(ctx, s.st, store.EventHashes(keep))
	if err != nil {
		return nil, err
	}
	revs, err := s.reviews(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range keep {
		out[e.ClusterID] = append(out[e.ClusterID], s.eventOut(e, docs, revs))
	}
	return out, nil
}

// eventOut is an event as the API lists it: with its summaries, its page
// (from docs) and the correction that made it (from revs, see reviews).
func (s *Server) eventOut(e store.Event, docs map[string]store.DocMeta, revs map[string]*reviewedJSON) eventJSON {
	d := docs[e.DocHash]
	return eventJSON{Event: normalised(e.Event), Summary: s.summary(&e.Event), ClusterID: e.ClusterID, DocHash: e.DocHash,
		URL: d.URL, Outlet: d.Outlet, Title: d.Title, Reviewed: revs[e.ID]}
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
