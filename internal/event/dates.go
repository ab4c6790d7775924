package event

import (
	"strings"
	"time"

	"mitra/internal/article"
	"mitra/internal/lang"
	"mitra/internal/timex"
	"mitra/internal/token"
)

// leadParas is how many lines (headline, date line, lead paragraphs) count
// as the lead of a page: acts told there without a date of their own are the
// news of the day.
const leadParas = 4

// Notes on where an event's date came from when its sentence gives none.
const (
	noteLead   = "lead date"
	notePub    = "publication date"
	noteBefore = "context: the sentence before"
)

// dateSentences dates each sentence: by the date it states; else by the
// date of the sentence before it in the same paragraph; else, unless it
// marks itself as background ("sebelumnya", "sejak"), by the page's news
// date: the lead's first stated date, or the publication date. The note
// says which (date_note), so a reader can tell a stated date from one taken
// from the page.
//
// A date two or more years before publication is background: it is never
// the lead date, and it carries over to the next sentence only within a
// story told as past: when either sentence marks its act as done or as
// following on ("telah", "kemudian", "saat itu"), or the next one marks
// itself as background ("sebelumnya"). "Perjanjian dengan Mali berlaku sejak
// 1972" tells a state that still holds, and "Dengan berakhirnya perjanjian
// itu, …" after it tells the present.
func (x *Extractor) dateSentences(ss []*sentence, st *docState) {
	lead, leadNote := article.Date{}, ""
	for _, s := range ss {
		r := x.ownDate(s, st.pub)
		s.date, s.note = r.Date, r.Note
		s.unfixed = r.Date.IsZero() && r.Note == timex.NoteDecade
		if lead.IsZero() && !s.date.IsZero() && s.s.Para < leadParas && !strings.Contains(r.Note, timex.NoteReporting) && s.wordCount() > 6 && !longBefore(s.date, st.pub) &&
			(!s.clauses() || s.date.Day != 0) {
			// With the clause rules (English) the news of the day has a day
			// ("on Tuesday", "March 3"); a month or year in the lead ("were
			// detained in May 2022", "closed since 1994") is background.
			lead, leadNote = s.date, noteLead
		}
	}
	if lead.IsZero() && !st.pub.IsZero() {
		lead, leadNote = st.pub, notePub
	}
	for i, s := range ss {
		if !s.date.IsZero() || s.unfixed {
			continue
		}
		if i > 0 && ss[i-1].s.Para == s.s.Para && !ss[i-1].date.IsZero() &&
			(!longBefore(ss[i-1].date, st.pub) || s.toldAsPast() || ss[i-1].tellsOn()) {
			s.date, s.note = ss[i-1].date, noteBefore
			continue
		}
		if !lead.IsZero() && !s.hasClassOutsideAside(lang.Past) {
			s.date, s.note = lead, leadNote
		}
	}
}

// ownDate returns the date the sentence's own words give its act: the
// expression timex would choose, leaving out years that name a thing
// ("perjanjian … tahun 1951", see namesThing), dates of a relative clause
// after the main verb ("… kedutaan yang ditutup sejak 1992", see
// inRelativeClause) and dates still to come when
// the page was published ("KTT yang akan digelar pada 11 Oktober 2018",
// "tarif berlaku mulai 1 Agustus"): a reported act has happened by then.
func (x *Extractor) ownDate(s *sentence, pub article.Date) timex.Result {
	rs := x.dates.ResolveAll(s.s.Text, s.toks, pub)
	keep := rs[:0]
	for _, r := range rs {
		if r.Nominal && s.namesThing(r) || afterPub(r.Date, pub) {
			continue
		}
		if y, ok := s.inRelativeClause(r); ok {
			// "sejak" in such a clause does not make the act background.
			end := y
			for end < len(s.toks) && s.toks[end].Span.Start-s.s.Span.Start < r.Span.End {
				end++
			}
			s.aside = [2]int{y, end}
			continue
		}
		keep = append(keep, r)
	}
	return timex.Pick(keep)
}

// afterPub reports whether d lies after the publication date pub: a day
// more than one day after it (time zones differ), or a later month or year.
func afterPub(d, pub article.Date) bool {
	switch {
	case d.IsZero() || pub.IsZero():
		return false
	case d.Day != 0 && pub.Day != 0:
		return d.Time().Sub(pub.Time()) > 24*time.Hour
	case d.Month != 0 && pub.Month != 0:
		return d.Year*12+d.Month > pub.Year*12+pub.Month
	}
	return d.Year > pub.Year
}

// thingReach is how many tokens a document noun may stand before the year
// that names it ("perjanjian pertahanan bersama AS-Filipina tahun 1951").
const thingReach = 8

// namesThing reports whether the year r, written as "tahun 1951", closes a
// noun phrase headed by a document or agreement (word class "thing"): that
// year says when the treaty was made, not when the sentence's act happened
// ("AS menegaskan bahwa perjanjian pertahanan bersama AS-Filipina tahun
// 1951 berlaku …"). The phrase runs back over names, numbers, hyphens and
// plain words; a function word (any class but "join": "itu", "yang",
// "dengan"), a verb form ("diteken") or other punctuation ends it, so
// "Pakta itu diteken tahun 2013" and "Rusia menginvasi Ukraina tahun 2022"
// keep their year.
func (s *sentence) namesThing(r timex.Result) bool {
	k := s.tokenAt(r.Span.Start)
	for j := k - 1; k > 0 && j >= 0 && j >= k-thingReach; j-- {
		t, cs := s.toks[j], s.classes[j]
		switch {
		case cs.Has(lang.Thing):
			return true
		case t.Kind == token.Punct:
			switch t.Lower {
			case "-", "/", "(", ")", "\"", "'":
			default:
				return false
			}
		case t.Kind != token.Word:
		case cs.Has(lang.Join):
		case cs != 0, s.verb[j]:
			return false
		}
	}
	return false
}

// relReach is how many tokens a relative clause may run from "yang" to
// the date in it.
const relReach = 6

// inRelativeClause reports whether the date r sits in a relative clause
// ("yang" + verb) that follows the sentence's main verb: the clause tells
// when its noun came to be, not when the act happened ("Rusia akan membuka
// kembali kedutaan besarnya yang ditutup sejak 1992", "China mengimpor gas
// melalui pipa yang beroperasi sejak 2019"). With no verb before "yang"
// the clause may hold the act itself ("Kesepakatan yang diteken pada 5 Mei
// itu …") and the date stays. Punctuation between "yang" and the date ends
// the clause.
// It returns the index of "yang".
func (s *sentence) inRelativeClause(r timex.Result) (int, bool) {
	k := s.tokenAt(r.Span.Start)
	y := -1
	for j := k - 1; k > 0 && j >= 0 && j >= k-relReach; j-- {
		if s.toks[j].Kind == token.Punct {
			return 0, false
		}
		if s.classes[j].Has(lang.Relpro) {
			y = j
			break
		}
	}
	if y < 1 {
		return 0, false
	}
	return y, s.verbBetween(y+1, k) && s.verbBetween(0, y)
}

// longBefore reports whether d lies two or more calendar years before the
// publication date pub (false when either is unknown).
func longBefore(d, pub article.Date) bool {
	return !d.IsZero() && !pub.IsZero() && d.Year <= pub.Year-2
}

// toldAsPast reports whether the sentence marks its act as done or past, or
// goes on from the sentence before ("telah", "sebelumnya", "kemudian").
func (s *sentence) toldAsPast() bool {
	return s.tellsOn() || s.hasClass(lang.Past)
}

// tellsOn reports whether the sentence tells an act as done or as following
// on from another ("telah", "kemudian"): a story the next sentence may go on
// with. "sejak" alone does not: it tells a state that still holds.
func (s *sentence) tellsOn() bool {
	return s.hasClass(lang.Done | lang.Then)
}
