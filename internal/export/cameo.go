package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mitra/internal/score"
	"mitra/internal/store"
)

// CAMEOHeader is the header row of the CAMEO export: GDELT 2.0 event
// table columns first (by GDELT's names), then mitra's PLOVER columns and
// the first report's page.
var CAMEOHeader = []string{
	"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor2Code",
	"EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles",
	"PloverType", "PloverMode", "PloverScore", "Actors", "Recipients", "Contexts",
	"Date", "DateFirst", "DateLast", "SOURCEURL", "Outlet", "Title",
}

// CAMEO writes acts as a GDELT-like tab-separated table with a header
// row (CAMEOHeader), one row per cluster (one act, however many articles
// report it). For GDELT 2.0's own 61 columns in their order, see GDELT.
// The export is LOSSY, as docs/exports.md explains:
//
//   - PLOVER's multi-party events are reduced to one dyad: Actor1Code is
//     the first actor and Actor2Code the first recipient, or, for a
//     reciprocal act (no recipients), the second actor. All parties stay in
//     the Actors and Recipients columns.
//   - Party codes are mitra's (ISO 3166-1 alpha-3, or UN, EU, …), not
//     CAMEO actor codes with roles.
//   - Type and mode become one representative CAMEO code from the pinned
//     bridge (score.CAMEO, internal/score/data/cameo.tsv); GoldsteinScale
//     is the root code's value; QuadClass is PLOVER's quad class.
//   - SQLDATE is a day (score.Day): the act's date, or the first report's
//     day when the date is only a month or year or unknown; the Date column
//     keeps the date at its real precision.
//
// NumMentions is the cluster's mentions (events), NumArticles its distinct
// canonical documents, NumSources its distinct outlets. SOURCEURL, Outlet
// and Title are the first report's (see Acts).
func CAMEO(w io.Writer, acts Acts) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(CAMEOHeader, "\t"))
	bw.WriteString("\n")
	t := score.Default()
	reports := acts.byCluster()
	row := make([]string, 0, len(CAMEOHeader))
	for i := range acts.Clusters {
		c := &acts.Clusters[i]
		m, _ := t.Mapping(c.Type, c.Mode)
		a1, a2 := dyad(c)
		base := m.Code
		if len(base) > 3 {
			base = base[:3]
		}
		gs := ""
		if m.Code != "" {
			gs = strconv.FormatFloat(m.Goldstein, 'f', 1, 64)
		}
		var first store.DocMeta
		if ms := reports[c.ID]; len(ms) > 0 {
			first = ms[0].doc
		}
		row = append(row[:0],
			strconv.FormatInt(c.ID, 10), strings.ReplaceAll(score.Day(c), "-", ""), Cell(a1), Cell(a2),
			m.Code, base, m.Root, strconv.Itoa(int(m.Quad)), gs,
			strconv.Itoa(c.Mentions), strconv.Itoa(c.Outlets), strconv.Itoa(c.Sources),
			Cell(string(c.Type)), Cell(string(c.Mode)), strconv.FormatFloat(t.Plover(c.Type, c.Mode), 'f', -1, 64),
			Cell(strings.Join(c.Actors, ";")), Cell(strings.Join(c.Recipients, ";")), Cell(strings.Join(c.Contexts, ";")),
			Cell(c.Date), Cell(c.First), Cell(c.Last), Cell(sourceURL(first)), Cell(first.Outlet), Cell(first.Title),
		)
		for j, f := range row {
			if j > 0 {
				bw.WriteByte('\t')
			}
			bw.WriteString(tsvField(f))
		}
		if _, err := bw.WriteString("\n"); err != nil {
			return fmt.Errorf("cameo: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cameo: %w", err)
	}
	return nil
}

// dyad reduces a cluster's parties to GDELT's Actor1 and Actor2.
func dyad(c *store.Cluster) (a1, a2 string) {
	if len(c.Actors) > 0 {
		a1 = c.Actors[0]
	}
	switch {
	case len(c.Recipients) > 0:
		a2 = c.Recipients[0]
	case len(c.Actors) > 1:
		a2 = c.Actors[1]
	}
	return a1, a2
}

// tsvField keeps a field on its line and in its column: tabs and line
// breaks become spaces, invalid UTF-8 becomes U+FFFD.
func tsvField(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.ContainsAny(s, "\t\r\n") {
		s = strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(s)
	}
	return s
}
