// Package article declares the leaf model shared by every stage: documents,
// byte spans back into the raw input, and dates with their precision.
//
// It imports nothing from mitra, as go/token imports nothing from go/parser.
package article

import (
	"fmt"
	"sort"
	"time"
)

// Span is a half-open byte range [Start, End).
type Span struct{ Start, End int }

// Len returns the number of bytes in s.
func (s Span) Len() int { return s.End - s.Start }

// Doc is one input document as it moves through the pipeline.
//
// Raw is the input exactly as read (for a JSONL record, the decoded value of
// its "text" or "html" field). Text is the cleaned text the later stages read;
// Map turns offsets in Text back into offsets in Raw.
type Doc struct {
	ID      string // file name without extension, or the JSONL "id"
	Source  string // where it came from: a path, "path:line" for JSONL, or "-"
	URL     string
	Format  string // "text" or "html"
	Raw     []byte
	Text    string
	Map     OffsetMap
	Lang    string // ISO 639-1 code decided by langid ("id", "ms", "en", …)
	PubDate Date   // zero when unknown
	// PubDateSource says where PubDate came from ("metadata", "dateline", …).
	PubDateSource string
	// DefaultPubDate is the publication date to use when neither the
	// input's metadata nor the page itself gives one (`ingest --pub-date`);
	// zero when none was given.
	DefaultPubDate Date
	Title          string
	// Notes are what the stages had to say about the document that is not
	// an error, one short lower-case phrase each: bytes that were not UTF-8
	// read as Windows-1252, text read in pieces, a date line that
	// disagrees, …; commands print them and the API returns them.
	Notes []string
}

// Segment says that Text[Clean:Clean+Len] was copied from Raw[Raw:Raw+Len].
// When Exact is false the clean bytes are a transformation (decoded entities,
// folded whitespace) of Raw[Raw:Raw+RawLen] and offsets inside the segment are
// mapped proportionally.
type Segment struct {
	Clean, Raw, Len, RawLen int
	Exact                   bool
}

// OffsetMap maps byte offsets in a clean text back to the raw input. The zero
// value is the identity map.
type OffsetMap struct {
	Segs []Segment // sorted by Clean, non-overlapping
}

// Add appends a segment; segments must be added in increasing Clean order.
func (m *OffsetMap) Add(clean, raw, n int) {
	if n <= 0 {
		return
	}
	if k := len(m.Segs); k > 0 {
		last := &m.Segs[k-1]
		if last.Exact && last.Clean+last.Len == clean && last.Raw+last.RawLen == raw {
			last.Len += n
			last.RawLen += n
			return
		}
	}
	m.Segs = append(m.Segs, Segment{Clean: clean, Raw: raw, Len: n, RawLen: n, Exact: true})
}

// AddInexact appends a segment whose clean bytes do not equal the raw bytes.
func (m *OffsetMap) AddInexact(clean, cleanLen, raw, rawLen int) {
	if cleanLen <= 0 {
		return
	}
	m.Segs = append(m.Segs, Segment{Clean: clean, Raw: raw, Len: cleanLen, RawLen: rawLen})
}

// Raw returns the raw offset for the clean offset off. Offsets that fall
// between segments map to the end of the segment before them.
func (m OffsetMap) Raw(off int) int {
	if len(m.Segs) == 0 {
		return off
	}
	i := sort.Search(len(m.Segs), func(i int) bool { return m.Segs[i].Clean > off }) - 1
	if i < 0 {
		return m.Segs[0].Raw
	}
	s := m.Segs[i]
	d := off - s.Clean
	if d >= s.Len {
		return s.Raw + s.RawLen
	}
	if s.Exact {
		return s.Raw + d
	}
	return s.Raw + d*s.RawLen/s.Len
}

// RawSpan maps a span of the clean text to a span of the raw input.
func (m OffsetMap) RawSpan(s Span) Span {
	a := m.Raw(s.Start)
	b := a
	if s.End > s.Start {
		b = m.Raw(s.End-1) + 1
	}
	if b < a {
		b = a
	}
	return Span{a, b}
}

// Date is a calendar date with a precision: Month and Day are zero when the
// text fixes only the year (or only the month).
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precisions a Date may have (the record's date_precision).
const (
	PrecisionDay   = "day"
	PrecisionMonth = "month"
	PrecisionYear  = "year"
)

// Precision returns PrecisionDay, PrecisionMonth, PrecisionYear, or "" for
// the zero Date.
func (d Date) Precision() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// String formats d as YYYY-MM-DD, YYYY-MM or YYYY, or "" when unknown.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	}
	return ""
}

// Time returns the first instant of d in UTC (the first of the month or year
// when the precision is coarser than a day).
func (d Date) Time() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// DateOf returns the day-precision Date of t.
func DateOf(t time.Time) Date {
	return Date{t.Year(), int(t.Month()), t.Day()}
}

// Valid reports whether d names a real calendar day, month or year.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return false
	}
	if d.Month == 0 && d.Day != 0 {
		return false
	}
	if d.Day == 0 {
		return true
	}
	return DateOf(d.Time()) == d
}
