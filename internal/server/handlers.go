package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"mitra/internal/export"
	"mitra/internal/lang/world"
	"mitra/internal/record"
	"mitra/internal/score"
	"mitra/internal/source"
	"mitra/internal/store"
	"mitra/internal/summary"
)

// eventJSON is the SPEC event record plus where it is stored, as `mitra
// export --format jsonl` writes it; documents add the evidence's span in
// the clean text.
type eventJSON struct {
	record.Event
	Summary   summaryJSON `json:"summary"`
	ClusterID int64       `json:"cluster_id"`
	DocHash   string      `json:"doc_hash"`
	// The page's url, outlet and title ("" when unknown).
	URL    string `json:"url"`
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
	// Reviewed: the correction that made the event as it is (corrected or
	// added by an analyst); absent for the extractor's events.
	Reviewed *reviewedJSON `json:"reviewed,omitempty"`
	*textSpan
}

// summaryJSON is an event's one-line summary in both interface languages.
type summaryJSON struct {
	EN string `json:"en"`
	ID string `json:"id"`
}

// summary writes e's summaries, naming parties as the API does.
func (s *Server) summary(e *record.Event) summaryJSON {
	names := func(code, lang string) string {
		if lang == summary.Indonesian {
			return s.parties.nameID(code)
		}
		return world.EnglishName(code)
	}
	return summaryJSON{EN: s.sum.Line(e, summary.English, names), ID: s.sum.Line(e, summary.Indonesian, names)}
}

// textSpan locates an event's sentence in the clean text: byte offsets
// like span, and UTF-16 offsets for JavaScript's String.slice. Both are
// null when the sentence was not found.
type textSpan struct {
	TextSpan      *[2]int `json:"text_span"`
	TextSpanUTF16 *[2]int `json:"text_span_utf16"`
}

// normalised normalises an event as export.JSONL does: lists are [] rather
// than null, and the quad is filled in.
func normalised(e record.Event) record.Event {
	if e.Contexts == nil {
		e.Contexts = []string{}
	}
	if e.Actors == nil {
		e.Actors = []record.Party{}
	}
	if e.Recipients == nil {
		e.Recipients = []record.Party{}
	}
	if e.Quad == 0 {
		e.Quad = e.Type.Quad()
	}
	return e
}

// events answers GET /api/events.
func (s *Server) events(r *http.Request) (any, error) {
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
		// A document's id works as well as its hash; an unknown one
		// selects nothing.
		if f.Doc, err = s.docHash(r.Context(), f.Doc); err != nil {
			return nil, err
		}
	}
	f.Limit, f.Offset = limit+1, offset // one more tells whether there is a next page
	evs, err := s.st.Events(r.Context(), f)
	if err != nil {
		return nil, err
	}
	var next *int
	if len(evs) > limit {
		evs = evs[:limit]
		n := offset + limit
		next = &n
	}
	docs, err := store.DocumentMetas(r.Context(), s.st, store.EventHashes(evs))
	if err != nil {
		return nil, err
	}
	revs, err := s.reviews(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]eventJSON, len(evs))
	for i := range evs {
		out[i] = s.eventOut(evs[i], docs, revs)
	}
	left, err := s.leftOut(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return struct {
		Events     []eventJSON `json:"events"`
		Limit      int         `json:"limit"`
		Offset     int         `json:"offset"`
		NextOffset *int        `json:"next_offset"`
		LeftOut    leftOutJSON `json:"left_out"`
	}{out, limit, offset, next, left}, nil
}

// partyJSON names a party.
type partyJSON struct {
	Code   string `json:"code"`
	NameID string `json:"name_id"`
	NameEN string `json:"name_en"`
}

func (s *Server) party(code string) partyJSON {
	return partyJSON{code, s.parties.nameID(code), world.EnglishName(code)}
}

// countsJSON are a period's acts by quad class.
type countsJSON struct {
	VerbalCoop       int `json:"verbal_coop"`
	MaterialCoop     int `json:"material_coop"`
	VerbalConflict   int `json:"verbal_conflict"`
	MaterialConflict int `json:"material_conflict"`
}

type pointJSON struct {
	Period    string     `json:"period"`
	Counts    countsJSON `json:"counts"`
	Events    int        `json:"events"`
	Score     float64    `json:"score"`
	Goldstein float64    `json:"goldstein"`
}

// series answers GET /api/pairs/{a}/{b}/series.
func (s *Server) series(r *http.Request) (any, error) {
	q, err := queryOf(r)
	if err != nil {
		return nil, err
	}
	var codes [2]string
	for i, k := range []string{"a", "b"} {
		v := r.PathValue(k)
		c, ok := s.parties.resolve(v)
		if !ok {
			return nil, badRequest("%s: unknown party %q (use a code such as RUS or a name such as Rusia)", k, v)
		}
		codes[i] = c
	}
	if codes[0] == codes[1] {
		return nil, badRequest("a and b are the same party, %s", codes[0])
	}
	period, err := one(q, "period")
	if err != nil {
		return nil, err
	}
	if period == "" {
		period = score.Month
	}
	if period != score.Month && period != score.Week {
		return nil, badRequest("period %q: want month or week", period)
	}
	from, err := one(q, "from")
	if err != nil {
		return nil, err
	}
	to, err := one(q, "to")
	if err != nil {
		return nil, err
	}
	if from, to, err = parseRange(from, to); err != nil {
		return nil, err
	}
	f := store.Filter{Pair: codes, From: from, To: to}
	if err := parseKeep(q, &f); err != nil {
		return nil, err
	}
	var pts []score.Point
	if from == "" && to == "" && f.MinConfidence == 0 {
		// The whole series, from the store's rollup.
		ts, err := s.st.PairTallies(r.Context(), codes[0], codes[1])
		if err != nil {
			return nil, err
		}
		pts = score.SeriesOf(ts, period)
	} else {
		cs, err := s.st.Clusters(r.Context(), f)
		if err != nil {
			return nil, err
		}
		pts = score.Series(cs, codes[0], codes[1], period)
	}
	left, err := s.leftOut(r.Context(), f)
	if err != nil {
		return nil, err
	}
	out := make([]pointJSON, len(pts))
	for i, p := range pts {
		out[i] = pointJSON{
			Period: p.Period,
			Counts: countsJSON{p.Counts[1], p.Counts[2], p.Counts[3], p.Counts[4]},
			Events: p.Events, Score: p.Score, Goldstein: p.Goldstein,
		}
	}
	return struct {
		A       partyJSON   `json:"a"`
		B       partyJSON   `json:"b"`
		Period  string      `json:"period"`
		From    string      `json:"from"`
		To      string      `json:"to"`
		Points  []pointJSON `json:"points"`
		LeftOut leftOutJSON `json:"left_out"`
	}{s.party(codes[0]), s.party(codes[1]), period, from, to, out, left}, nil
}

type nodeJSON struct {
	partyJSON
	Events int `json:"events"`
}

type edgeJSON struct {
	Source   string  `json:"source"`
	Target   string  `json:"target"`
	Count    int     `json:"count"`
	Score    float64 `json:"score"`
	Coop     int     `json:"coop"`
	Conflict int     `json:"conflict"`
}

// network answers GET /api/network.
func (s *Server) network(r *http.Request) (any, error) {
	q, err := queryOf(r)
	if err != nil {
		return nil, err
	}
	var vals [3]string
	for i, k := range []string{"from", "to", "min"} {
		if vals[i], err = one(q, k); err != nil {
			return nil, err
		}
	}
	from, to, err := parseRange(vals[0], vals[1])
	if err != nil {
		return nil, err
	}
	minCount := 1
	if v := vals[2]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, badRequest("min %q: want a whole number of at least 1", v)
		}
		minCount = n
	}
	f := store.Filter{From: from, To: to}
	if err := parseKeep(q, &f); err != nil {
		return nil, err
	}
	ls, err := s.links(r.Context(), f)
	if err != nil {
		return nil, err
	}
	left, err := s.leftOut(r.Context(), f)
	if err != nil {
		return nil, err
	}
	g := export.BuildGraph(ls, func(code string) (string, string) { return s.parties.nameID(code), world.EnglishName(code) })
	if from != "" {
		g.From = from
	}
	if to != "" {
		g.To = to
	}
	edges := []edgeJSON{}
	linked := map[string]bool{}
	belowMin := 0
	for _, e := range g.Edges {
		if e.Count < minCount {
			belowMin++
			continue
		}
		edges = append(edges, edgeJSON{e.Source, e.Target, e.Count, e.Score, e.Coop, e.Conflict})
		linked[e.Source], linked[e.Target] = true, true
	}
	nodes := []nodeJSON{}
	for _, n := range g.Nodes {
		if minCount > 1 && !linked[n.ID] {
			continue // with a threshold, only parties on a kept edge
		}
		nodes = append(nodes, nodeJSON{partyJSON{n.ID, n.Label, n.LabelEN}, n.Acts})
	}
	return struct {
		From          string      `json:"from"`
		To            string      `json:"to"`
		Min           int         `json:"min"`
		Nodes         []nodeJSON  `json:"nodes"`
		Edges         []edgeJSON  `json:"edges"`
		EdgesBelowMin int         `json:"edges_below_min"`
		LeftOut       leftOutJSON `json:"left_out"`
	}{g.From, g.To, minCount, nodes, edges, belowMin, left}, nil
}

// linkCacheSize is how many periods' links the server keeps. Events are
// only ever added and a cluster changes only when an event joins it, so
// links read at one number of events are current while the count is.
const linkCacheSize = 32

// links returns the Links of the period from–to, from the cache when the
// store has gained no event since they were read. A network over 100,000
// events costs tens of milliseconds to aggregate; a cached one, the
// Stats call.
func (s *Server) links(ctx context.Context, f store.Filter) ([]store.Link, error) {
	v, err := s.version(ctx)
	if err != nil {
		return nil, err
	}
	// Every field, strings quoted: the acts' totals of the events tab
	// come from here too, with any filter.
	key := fmt.Sprintf("%#v", f)
	if ls, ok := s.linkCache.get(key, v); ok {
		return ls, nil
	}
	ls, err := s.st.Links(ctx, f)
	if err != nil {
		return nil, err
	}
	s.linkCache.put(key, v, ls)
	return ls, nil
}

type partyCount struct {
	partyJSON
	Events int `json:"events"`
}

// partyList answers GET /api/parties: every party with the number of acts
// (clusters) it takes part in, from the links of all time (cached, see
// links).
func (s *Server) partyList(r *http.Request) (any, error) {
	ls, err := s.links(r.Context(), store.Filter{})
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, l := range ls {
		for _, p := range l.Parties {
			counts[p] += l.Clusters
		}
	}
	list := make([]partyCount, 0, len(counts))
	for code, n := range counts {
		list = append(list, partyCount{s.party(code), n})
	}
	slices.SortFunc(list, func(a, b partyCount) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.Code, b.Code)
	})
	return struct {
		Parties []partyCount `json:"parties"`
	}{list}, nil
}

// document answers GET /api/documents/{key}: a document by hash or id,
// with its events and their sentences located in the clean text.
func (s *Server) document(r *http.Request) (any, error) {
	q, err := queryOf(r)
	if err != nil {
		return nil, err
	}
	raw, err := parseBool(q, "raw")
	if err != nil {
		return nil, err
	}
	key := r.PathValue("key")
	d, err := s.st.Document(r.Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("document %q not found", key)
	}
	if err != nil {
		return nil, err
	}
	evs, err := s.st.Events(r.Context(), store.Filter{Doc: d.Hash})
	if err != nil {
		return nil, err
	}
	plain := make([]record.Event, len(evs))
	for i := range evs {
		plain[i] = evs[i].Event
	}
	spans := locate(d.Text, plain)
	revs, err := s.reviews(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]eventJSON, len(evs))
	for i := range evs {
		out[i] = s.eventOut(evs[i], nil, revs)
		out[i].URL, out[i].Outlet, out[i].Title = d.URL, d.Outlet, d.Title
		out[i].textSpan = &spans[i]
	}
	corrs := []correctionJSON{}
	if rv, ok := s.st.(store.Reviewer); ok {
		cs, err := rv.Corrections(r.Context(), store.CorrectionFilter{Doc: d.Hash})
		if err != nil {
			return nil, err
		}
		for i := range cs {
			corrs = append(corrs, s.correctionJSON(&cs[i]))
		}
	}
	type docJSON struct {
		Hash      string      `json:"hash"`
		ID        string      `json:"id"`
		Source    string      `json:"source"`
		URL       string      `json:"url"`
		Outlet    string      `json:"outlet"`
		Lang      string      `json:"lang"`
		PubDate   *string     `json:"pub_date"`
		Title     string      `json:"title"`
		Canonical *string     `json:"canonical"`
		Text      string      `json:"text"`
		Raw       *string     `json:"raw,omitempty"`
		Events    []eventJSON `json:"events"`
		// Corrections of the page, latest first: the events marked wrong
		// are here (before), no longer in events.
		Corrections []correctionJSON `json:"corrections"`
	}
	dj := docJSON{Hash: d.Hash, ID: d.ID, Source: d.Source, URL: webURL(d.URL), Outlet: d.Outlet, Lang: d.Lang,
		PubDate: nullable(d.PubDate), Title: d.Title, Canonical: nullable(d.Canonical), Text: d.Text, Events: out, Corrections: corrs}
	if raw {
		rs := strings.ToValidUTF8(string(d.Raw), "\uFFFD")
		dj.Raw = &rs
	}
	return dj, nil
}

// webURL returns u when it is an http(s) URL and "" otherwise: a stored
// document's URL becomes a link on the page, and a database written before
// package source dropped other schemes may hold a javascript: URL.
func webURL(u string) string {
	if source.WebURL(u) {
		return u
	}
	return ""
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// locate finds each event's sentence in the clean text. Events are taken
// in the order of their raw spans; each is searched for after the sentence
// found for the previous one (so a sentence repeated in the page maps to
// the right copy), then from the start. Events with the same raw span (one
// sentence, several acts) map to the same place. A sentence not found gets
// null spans.
func locate(text string, evs []record.Event) []textSpan {
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return evs[a].Span[0] - evs[b].Span[0] })
	out := make([]textSpan, len(evs))
	pos := 0
	var prev *record.Event
	var prevSpan textSpan
	for _, i := range order {
		e := &evs[i]
		if prev != nil && prev.Span == e.Span && prev.Sentence == e.Sentence {
			out[i] = prevSpan
			continue
		}
		if e.Sentence == "" {
			continue
		}
		at := strings.Index(text[pos:], e.Sentence)
		if at >= 0 {
			at += pos
		} else {
			at = strings.Index(text, e.Sentence)
		}
		if at < 0 {
			continue
		}
		b := [2]int{at, at + len(e.Sentence)}
		u0 := utf16Len(text[:at])
		u := [2]int{u0, u0 + utf16Len(e.Sentence)}
		out[i] = textSpan{&b, &u}
		pos, prev, prevSpan = b[1], e, out[i]
	}
	return out
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r == utf8.RuneError {
			n++
			continue
		}
		n += utf16.RuneLen(r)
	}
	return n
}

// stats answers GET /api/stats.
func (s *Server) stats(r *http.Request) (any, error) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return nil, err
	}
	if st.Languages == nil {
		st.Languages = map[string]int{}
	}
	return struct {
		Documents  int            `json:"documents"`
		Duplicates int            `json:"duplicates"`
		Events     int            `json:"events"`
		Clusters   int            `json:"clusters"`
		Languages  map[string]int `json:"languages"`
		Errors     int            `json:"errors"`
		First      *string        `json:"first"`
		Last       *string        `json:"last"`
		Reads      []string       `json:"reads"`
	}{st.Documents, st.Duplicates, st.Events, st.Clusters, st.Languages, st.Errors, nullable(st.First), nullable(st.Last), s.reads()}, nil
}

// health answers GET /api/health: the store answers a lookup.
func (s *Server) health(r *http.Request) (any, error) {
	if _, err := s.st.HasDocument(r.Context(), "health"); err != nil {
		return nil, err
	}
	_, review := s.st.(store.Reviewer)
	return struct {
		Status string `json:"status"`
		Writes bool   `json:"writes"`
		Review bool   `json:"review"`
	}{"ok", s.opt.Token != "", review && s.opt.Token != ""}, nil
}

// reads returns the codes of the languages the server's pipeline reads.
func (s *Server) reads() []string {
	if s.p == nil {
		return []string{}
	}
	return s.p.Languages()
}
