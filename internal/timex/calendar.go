package timex

import (
	"time"

	"mitra/internal/article"
)

// Weekday returns the day of the week of a day-precision date. For a coarser
// date it returns the weekday of its first day.
func Weekday(d article.Date) time.Weekday { return d.Time().Weekday() }

// isoWeekday maps time.Weekday to 1 = Monday … 7 = Sunday, the numbering of
// dates.tsv.
func isoWeekday(d article.Date) int {
	w := int(Weekday(d))
	if w == 0 {
		return 7
	}
	return w
}

var weekdayNames = [8]string{"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// addDays returns d (day precision) moved by n days.
func addDays(d article.Date, n int) article.Date {
	return article.DateOf(d.Time().AddDate(0, 0, n))
}

// daysBetween returns b - a in days.
func daysBetween(a, b article.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// ymd returns the date if it names a real day, else the zero Date.
func ymd(y, m, d int) article.Date {
	x := article.Date{Year: y, Month: m, Day: d}
	if m < 1 || m > 12 || d < 1 || d > 31 || !x.Valid() {
		return article.Date{}
	}
	return x
}

// within returns the month of the days a..b when they all lie in it, else
// the zero Date: a week or "a few days" fixes a month at best.
func within(a, b article.Date) article.Date {
	if a.Year == b.Year && a.Month == b.Month {
		return article.Date{Year: a.Year, Month: a.Month}
	}
	return article.Date{}
}

// addMonths moves a month-precision date by n months.
func addMonths(y, m, n int) (int, int) {
	k := y*12 + (m - 1) + n
	return k / 12, k%12 + 1
}

// monday returns the Monday on or before d.
func monday(d article.Date) article.Date {
	return addDays(d, 1-isoWeekday(d))
}

// period resolves n units relative to the day pub: for days the day itself,
// for weeks (Monday to Sunday) the month they lie in, for months and years
// the month or year.
func period(pub article.Date, n int, unit byte) article.Date {
	switch unit {
	case 'd':
		return addDays(pub, n)
	case 'w':
		a := addDays(monday(pub), 7*n)
		return within(a, addDays(a, 6))
	case 'm':
		y, m := addMonths(pub.Year, pub.Month, n)
		return article.Date{Year: y, Month: m}
	case 'y':
		return article.Date{Year: pub.Year + n}
	}
	return article.Date{}
}

// fewAgo resolves "a few units ago", read as 2 to 7 units before pub: the
// month of that range for days and weeks, the year for months, else zero.
func fewAgo(pub article.Date, unit byte) article.Date {
	switch unit {
	case 'd':
		return within(addDays(pub, -7), addDays(pub, -2))
	case 'w':
		return within(addDays(monday(pub), -7*7), addDays(monday(pub), -7*2+6))
	case 'm':
		y1, _ := addMonths(pub.Year, pub.Month, -7)
		y2, _ := addMonths(pub.Year, pub.Month, -2)
		if y1 == y2 {
			return article.Date{Year: y1}
		}
	}
	return article.Date{}
}
