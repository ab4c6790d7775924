package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"mitra/internal/score"
)

// GDELTHeader is GDELT 2.0's event table, its 61 columns in their order,
// by the names of GDELT's BigQuery table (the files themselves have no
// header row).
var GDELTHeader = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// GDELTMentionsHeader is GDELT 2.0's mentions table, its 16 columns in
// their order.
var GDELTMentionsHeader = []string{
	"GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
	"SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
	"MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
}

// GDELTOptions tune GDELT.
type GDELTOptions struct {
	// Name returns a party's English name, for Actor1Name and Actor2Name
	// (written in capitals, as GDELT does); nil or "" leaves the code.
	Name func(code string) string
	// Header writes GDELTHeader (and GDELTMentionsHeader) as a first row.
	// GDELT's own files have none; tools that read them with fixed column
	// names want none either.
	Header bool
}

// GDELTStats counts what GDELT wrote.
type GDELTStats struct {
	Events, Mentions int
	Undated          int // acts with no date and no publication date: SQLDATE empty
}

var stateCode = regexp.MustCompile(`^[A-Z]{3}$`)

// GDELT writes acts as GDELT 2.0's event table (61 tab-separated columns
// in GDELT's order, one row per act) to w, and their mentions as GDELT
// 2.0's mentions table (16 columns, one row per mention) to mentions when
// it is not nil. Codes keep their leading zeros ("042"): read the code
// columns as text. What each column holds, and what mitra cannot fill
// (tone, geography, ethnic and religious codes are empty), is in
// docs/exports.md. Like CAMEO, the export is lossy: one dyad per act, one
// representative CAMEO code per PLOVER type and mode.
//
// SQLDATE is score.Day: the act's date when it is a day; for a month or
// year, the day of its first report when that falls within it, else the
// first day; for an act with no date of its own, the day of its first
// report (its publication date). It is empty only when neither is known;
// GDELTStats.Undated counts those rows.
func GDELT(w, mentions io.Writer, acts Acts, opt GDELTOptions) (GDELTStats, error) {
	var st GDELTStats
	bw := bufio.NewWriter(w)
	var mw *bufio.Writer
	if mentions != nil {
		mw = bufio.NewWriter(mentions)
	}
	if opt.Header {
		bw.WriteString(strings.Join(GDELTHeader, "\t") + "\n")
		if mw != nil {
			mw.WriteString(strings.Join(GDELTMentionsHeader, "\t") + "\n")
		}
	}
	t := score.Default()
	reports := acts.byCluster()
	row := make([]string, len(GDELTHeader))
	mrow := make([]string, len(GDELTMentionsHeader))
	for i := range acts.Clusters {
		c := &acts.Clusters[i]
		ms := reports[c.ID]
		for j := range row {
			row[j] = ""
		}
		row[0] = strconv.FormatInt(c.ID, 10)
		if day, err := time.Parse(time.DateOnly, score.Day(c)); err == nil {
			row[1] = day.Format("20060102")
			row[2] = day.Format("200601")
			row[3] = day.Format("2006")
			row[4] = strconv.FormatFloat(float64(day.Year())+math.Round(float64(day.YearDay())/365*1e4)/1e4, 'f', 4, 64)
		} else {
			st.Undated++
		}
		a1, a2 := dyad(c)
		var first *mention
		if len(ms) > 0 {
			first = &ms[0]
		}
		actorCols(row[5:15], a1, first, opt.Name)
		actorCols(row[15:25], a2, first, opt.Name)
		if m, ok := t.Mapping(c.Type, c.Mode); ok {
			row[26] = m.Code
			row[27] = m.Code[:min(3, len(m.Code))]
			row[28] = m.Root
			row[29] = strconv.Itoa(int(m.Quad))
			row[30] = strconv.FormatFloat(m.Goldstein, 'f', 1, 64)
		}
		row[31] = strconv.Itoa(c.Mentions)
		row[32] = strconv.Itoa(c.Outlets)
		row[33] = strconv.Itoa(c.Sources)
		// DATEADDED: when mitra first stored a report of the act.
		var added time.Time
		for _, m := range ms {
			if at := m.doc.IngestedAt; !at.IsZero() && (added.IsZero() || at.Before(added)) {
				added = at
			}
		}
		if !added.IsZero() {
			row[59] = added.UTC().Format("20060102150405")
		}
		if first != nil {
			row[60] = Cell(sourceURL(first.doc))
		}
		if err := writeTSV(bw, row); err != nil {
			return st, fmt.Errorf("gdelt: %w", err)
		}
		st.Events++
		if mw == nil {
			continue
		}
		for _, m := range ms {
			for j := range mrow {
				mrow[j] = ""
			}
			mrow[0] = row[0]
			mrow[1] = row[59]
			if at := m.doc.IngestedAt; !at.IsZero() {
				mrow[2] = at.UTC().Format("20060102150405")
			}
			mrow[3] = "2" // CITATIONONLY: a page read from a file
			if m.doc.URL != "" {
				mrow[3] = "1" // WEB
			}
			src := m.doc.Outlet
			if src == "" {
				src = m.doc.Source
			}
			mrow[4] = Cell(src)
			mrow[5] = Cell(sourceURL(m.doc))
			mrow[7], mrow[8] = "-1", "-1" // the actors' offsets are not kept
			mrow[9] = strconv.Itoa(m.Span[0])
			mrow[10] = "0"
			if m.Span[1] > m.Span[0] {
				mrow[10] = "1" // the evidence lies in the raw page at its span
			}
			mrow[11] = strconv.Itoa(int(math.Round(m.Confidence * 100)))
			if m.doc.Hash != "" {
				mrow[12] = strconv.Itoa(m.doc.TextLen)
			}
			mrow[15] = "<MITRA_EVENT_ID>" + Cell(m.ID) + "</MITRA_EVENT_ID>"
			if err := writeTSV(mw, mrow); err != nil {
				return st, fmt.Errorf("gdelt mentions: %w", err)
			}
			st.Mentions++
		}
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("gdelt: %w", err)
	}
	if mw != nil {
		if err := mw.Flush(); err != nil {
			return st, fmt.Errorf("gdelt mentions: %w", err)
		}
	}
	return st, nil
}

// actorCols fills the ten columns of one actor: code, name, country code
// (a state's), known group, ethnic, two religion and three type codes.
// The type is the party's role in the first report (GOV, MIL, IGO, BUS,
// JRN: PLOVER's sectors are CAMEO's type codes).
func actorCols(cols []string, code string, first *mention, name func(string) string) {
	if code == "" {
		return
	}
	cols[0] = Cell(code)
	n := ""
	if name != nil {
		n = name(code)
	}
	if n == "" {
		n = code
	}
	cols[1] = Cell(strings.ToUpper(n))
	if stateCode.MatchString(code) {
		cols[2] = code
	}
	if first != nil {
		for _, p := range slices.Concat(first.Actors, first.Recipients) {
			if p.Code == code {
				cols[7] = Cell(p.Role)
				break
			}
		}
	}
}

// writeTSV writes one row, each field kept on its line and in its column.
func writeTSV(w *bufio.Writer, row []string) error {
	for j, f := range row {
		if j > 0 {
			w.WriteByte('\t')
		}
		w.WriteString(tsvField(f))
	}
	_, err := w.WriteString("\n")
	return err
}
