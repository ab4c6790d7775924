// Package export writes mitra's record in formats other people's tools
// read: JSONL and CSV of events (pandas, R), a GDELT-like CAMEO table of
// clusters, and GraphML and GEXF networks (Gephi). docs/exports.md
// describes every column.
//
// Every writer produces valid output whatever the strings it is given:
// invalid UTF-8 becomes U+FFFD, and XML-illegal control characters are
// replaced, so one odd page cannot break a whole export.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mitra/internal/record"
	"mitra/internal/store"
)

// line is one JSONL line: the SPEC event record plus where it is stored.
type line struct {
	record.Event
	ClusterID int64  `json:"cluster_id"`
	DocHash   string `json:"doc_hash"`
}

// JSONL writes one SPEC event record per line (the fields of record.Event)
// plus "cluster_id" and "doc_hash". Empty lists are written as [] (never
// null) and dates as null when unknown, as SPEC.md shows.
func JSONL(w io.Writer, events []store.Event) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range events {
		e := &events[i]
		r := line{Event: e.Event, ClusterID: e.ClusterID, DocHash: e.DocHash}
		if r.Contexts == nil {
			r.Contexts = []string{}
		}
		if r.Actors == nil {
			r.Actors = []record.Party{}
		}
		if r.Recipients == nil {
			r.Recipients = []record.Party{}
		}
		if r.Quad == 0 {
			r.Quad = r.Type.Quad()
		}
		if err := enc.Encode(&r); err != nil {
			return fmt.Errorf("jsonl: event %s: %w", e.ID, err)
		}
	}
	return bw.Flush()
}

// CSVHeader is the header row CSV writes.
var CSVHeader = []string{
	"id", "doc", "date", "pub_date", "type", "mode", "quad", "actors", "recipients",
	"contexts", "factuality", "confidence", "sentence", "span_start", "span_end", "cluster_id",
}

// CSV writes events as RFC 4180 CSV (CRLF line ends, quoted fields where
// needed) with a header row of CSVHeader. Lists are joined with ";"
// ("RUS;MLI"), unknown dates are empty, spans are byte offsets into the
// raw page. Inside fields, line breaks are written as CRLF; read back by
// encoding/csv (or pandas) they come out as "\n".
func CSV(w io.Writer, events []store.Event) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	row := make([]string, len(CSVHeader))
	for i := range events {
		e := &events[i]
		q := e.Quad
		if q == 0 {
			q = e.Type.Quad()
		}
		row = append(row[:0],
			e.ID, e.Doc, deref(e.Date), deref(e.PubDate), string(e.Type), string(e.Mode), strconv.Itoa(int(q)),
			strings.Join(record.Codes(e.Actors), ";"), strings.Join(record.Codes(e.Recipients), ";"),
			strings.Join(e.Contexts, ";"), string(e.Factuality), strconv.FormatFloat(e.Confidence, 'f', -1, 64),
			e.Sentence, strconv.Itoa(e.Span[0]), strconv.Itoa(e.Span[1]), strconv.FormatInt(e.ClusterID, 10),
		)
		for j, f := range row {
			row[j] = csvField(f)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("csv: event %s: %w", e.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// csvField makes s safe to round-trip: valid UTF-8, and line breaks as
// "\n" only (a lone "\r" would be dropped by readers, so it becomes "\n").
func csvField(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}
