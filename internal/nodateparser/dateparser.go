// Package dateparser stands in for github.com/markusmobius/go-dateparser
// (see the replace directive in mitra's go.mod), which mitra links only
// through go-trafilatura → go-htmldate.
//
// go-htmldate calls the real package only in its extensive search, which
// mitra never runs (internal/clean asks trafilatura for HtmlDateMode Fast,
// which sets htmldate's SkipExtensiveSearch; TestHTMLDateModeFast checks
// it), while the real package builds its locale tables at start-up: 0.5 s
// of CPU and 78 MB for every mitra command. This module declares what
// go-htmldate names, and its Parse finds no date, with an error saying why.
package dateparser

import (
	"errors"
	"time"
)

// ErrNotLinked is what Parse returns.
var ErrNotLinked = errors.New("go-dateparser is not linked into mitra: extensive date search is off")

// ParserType names a kind of date parser.
type ParserType uint8

// The parser types go-htmldate names.
const (
	Timestamp ParserType = iota
	NegativeTimestamp
	RelativeTime
	CustomFormat
	AbsoluteTime
	NoSpacesTime
)

// PreferredDateSource says how incomplete dates are completed.
type PreferredDateSource uint8

// The date sources go-htmldate names.
const (
	CurrentPeriod PreferredDateSource = iota
	Past
	Future
)

// Configuration is the parser's configuration (the fields go-htmldate
// sets).
type Configuration struct {
	PreferredDateSource PreferredDateSource
	StrictParsing       bool
}

// Date is a parsed date.
type Date struct {
	Time time.Time
}

// IsZero reports whether no date was found.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Parser parses dates.
type Parser struct {
	ParserTypes []ParserType
}

// Parse finds no date: see the package comment.
func (p *Parser) Parse(cfg *Configuration, str string, formats ...string) (Date, error) {
	return Date{}, ErrNotLinked
}
