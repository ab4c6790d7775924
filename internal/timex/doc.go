// Package timex finds and resolves date expressions in news text: the
// publication date printed on a page, and the date each sentence gives its
// event.
//
// The words it reads — month and weekday names, relative periods such as
// "kemarin" or "tahun lalu", citation cues, time zones — come from a Table
// loaded from a language pack's dates.tsv (see LoadTable); the rules are
// code. Indonesian, Malay and English share one table, since their date
// words do not collide in ways that matter.
//
// PubDate scans the raw page bytes without tokenising them (it runs on every
// page and costs a few microseconds for a 3 KB page). Resolve works on one
// sentence's tokens from package token and reads day-month dates, relative
// periods and weekdays against the publication date. Neither guesses: a date
// that the text does not fix, such as "Selasa (7/2)" on a page without a
// year, resolves to the zero Date with a Note saying why.
//
// A Table is read-only after loading and safe for concurrent use.
package timex
