// Package export writes mitra's record in formats other people's tools
// read: JSONL and CSV of events (pandas, R), GDELT 2.0's event and mentions
// tables and a GDELT-like CAMEO table of acts, and GraphML and GEXF
// networks (Gephi, networkx, igraph). docs/exports.md describes every
// column.
//
// Every writer produces valid output whatever the strings it is given:
// invalid UTF-8 becomes U+FFFD, and XML-illegal control characters are
// replaced, so one odd page cannot break a whole export. Text cells of the
// tabular formats that a spreadsheet would run as a formula (starting with
// =, +, -, @, a tab or a carriage return) are written with a leading
// apostrophe (see Cell).
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

// Docs gives the documents of the exported events by hash (see
// store.DocumentMetas): the url, outlet and title that lead a row back to
// its page. A nil Docs, or a missing document, leaves those columns empty.
type Docs map[string]store.DocMeta

// line is one JSONL line: the SPEC event record plus where it is stored
// and the page it came from.
type line struct {
	record.Event
	ClusterID int64  `json:"cluster_id"`
	DocHash   string `json:"doc_hash"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
}

// JSONL writes one SPEC event record per line (the fields of record.Event)
// plus "cluster_id", "doc_hash" and the page's "url", "outlet" and
// "title" ("" when unknown). Empty lists are written as [] (never null)
// and dates as null when unknown, as SPEC.md shows.
func JSONL(w io.Writer, events []store.Event, docs Docs) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range events {
		e := &events[i]
		d := docs[e.DocHash]
		r := line{Event: e.Event, ClusterID: e.ClusterID, DocHash: e.DocHash, URL: d.URL, Outlet: d.Outlet, Title: d.Title}
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
	"id", "doc", "date", "date_precision", "pub_date", "pub_date_precision", "day",
	"type", "mode", "quad", "actors", "recipients",
	"contexts", "factuality", "confidence", "sentence", "span_start", "span_end", "cluster_id",
	"doc_hash", "url", "outlet", "title",
}

// CSV writes events as RFC 4180 CSV (CRLF line ends, quoted fields where
// needed) with a header row of CSVHeader. Dates are ISO days, YYYY-MM-DD,
// whatever their precision (a month or a year is written as its first day)
// with the precision beside them (day, month, year), so that every row
// reads as a date (R's as.Date, pandas' to_datetime); day is the day the
// event is placed on (its date, else its publication date; see
// store.EventDay). Unknown dates are empty. Lists are joined with ";"
// ("RUS;MLI"), spans are byte offsets into the raw page, and url, outlet
// and title come from docs. Inside fields, line breaks are written as
// CRLF; read back by encoding/csv (or pandas) they come out as "\n". Text
// cells are neutralised (see Cell).
func CSV(w io.Writer, events []store.Event, docs Docs) error {
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
		d := docs[e.DocHash]
		date, prec := isoDay(deref(e.Date))
		if e.Date != nil && e.DatePrecision != "" {
			prec = e.DatePrecision
		}
		pub, pubPrec := isoDay(deref(e.PubDate))
		row = append(row[:0],
			Cell(e.ID), Cell(e.Doc), date, prec, pub, pubPrec, store.EventDay(e),
			Cell(string(e.Type)), Cell(string(e.Mode)), strconv.Itoa(int(q)),
			Cell(strings.Join(record.Codes(e.Actors), ";")), Cell(strings.Join(record.Codes(e.Recipients), ";")),
			Cell(strings.Join(e.Contexts, ";")), Cell(string(e.Factuality)), strconv.FormatFloat(e.Confidence, 'f', -1, 64),
			Cell(e.Sentence), strconv.Itoa(e.Span[0]), strconv.Itoa(e.Span[1]), strconv.FormatInt(e.ClusterID, 10),
			Cell(e.DocHash), Cell(d.URL), Cell(d.Outlet), Cell(d.Title),
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

// isoDay returns a date given as YYYY-MM-DD, YYYY-MM or YYYY as the first
// day it covers, with its precision; ("", "") for "" or anything else.
func isoDay(d string) (day, precision string) {
	if len(d) == 10 && d[4] == '-' && d[7] == '-' {
		return d, "day"
	}
	if len(d) == 7 && d[4] == '-' {
		return d + "-01", "month"
	}
	if len(d) == 4 {
		if _, err := strconv.Atoi(d); err == nil {
			return d + "-01-01", "year"
		}
	}
	return "", ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Cell neutralises a text cell for spreadsheets: a cell starting with =,
// +, -, @, a tab or a carriage return would be read by Excel, LibreOffice
// or Google Sheets as a formula (which can run commands or send data
// away), so it gets a leading apostrophe, which they show as text. Only
// text from pages and users goes through Cell; numbers mitra formats
// itself (a score of -2.5) are left as they are.
func Cell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
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
