package clean

import (
	"bytes"
	"strings"
	"time"

	"mitra/internal/article"
)

// dateCands collects publication dates named by a page's metadata and keeps
// the one from the most specific source.
type dateCands struct {
	date article.Date
	prio int // lower is better; 0 means none yet
}

// metaPrio ranks <meta> names and properties that carry a publication date.
var metaPrio = map[string]int{
	"article:published_time":    1,
	"og:article:published_time": 1,
	"article:published":         2,
	"published_time":            2,
	"datepublished":             2,
	"og:published_time":         2,
	"parsely-pub-date":          3,
	"sailthru.date":             3,
	"pubdate":                   3,
	"publishdate":               3,
	"publish-date":              3,
	"publish_date":              3,
	"content_publisheddate":     3,
	"dc.date.issued":            4,
	"dcterms.issued":            4,
	"dcterms.created":           4,
	"dc.date":                   5,
	"dcterms.date":              5,
	"date":                      5,
}

func (c *dateCands) meta(attrs map[string]string) {
	content := attrs["content"]
	if content == "" {
		return
	}
	for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
		if p, ok := metaPrio[strings.ToLower(strings.TrimSpace(attrs[k]))]; ok {
			c.add(p, content)
			return
		}
	}
}

// jsonLD looks for "datePublished" in a JSON-LD script.
func (c *dateCands) jsonLD(t []byte) {
	const key = `"datePublished"`
	i := bytes.Index(t, []byte(key))
	if i < 0 {
		return
	}
	rest := bytes.TrimLeft(t[i+len(key):], " \t\r\n")
	if len(rest) == 0 || rest[0] != ':' {
		return
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || rest[0] != '"' {
		return
	}
	rest = rest[1:]
	if j := bytes.IndexByte(rest, '"'); j > 0 {
		c.add(2, string(rest[:j]))
	}
}

func (c *dateCands) add(prio int, s string) {
	if c.prio != 0 && c.prio <= prio {
		return
	}
	if d, ok := ParseDate(s); ok {
		c.date, c.prio = d, prio
	}
}

func (c *dateCands) best() article.Date { return c.date }

var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006", "January 2, 2006",
}

// ParseDate reads a machine-written date as found in page metadata:
// YYYY-MM-DD (or YYYY/MM/DD) with any time after it, or an RFC 1123 date.
// It keeps the calendar day written in the string, in the string's own time
// zone. It reports false for anything else or an impossible day.
func ParseDate(s string) (article.Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && isDigits(s[:4]) && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
		isDigits(s[5:7]) && isDigits(s[8:10]) && (len(s) == 10 || !isDigitByte(s[10])) {
		d := article.Date{Year: atoi(s[:4]), Month: atoi(s[5:7]), Day: atoi(s[8:10])}
		if d.Valid() && d.Year >= 1900 {
			return d, true
		}
		return article.Date{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if d := article.DateOf(t); d.Valid() && d.Year >= 1900 {
				return d, true
			}
		}
	}
	return article.Date{}, false
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
