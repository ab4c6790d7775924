package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"mitra/internal/article"
)

// errNotFeed is the error for XML (or anything) that is not a feed.
var errNotFeed = errors.New("not an RSS or Atom feed")

// parseFeed parses an RSS, Atom (or JSON) feed, turning parser panics into
// errors.
func parseFeed(b []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("malformed feed (parser failure: %v)", p)
		}
	}()
	f, err = gofeed.NewParser().Parse(bytes.NewReader(b))
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, errNotFeed
	case err != nil:
		return nil, fmt.Errorf("malformed feed (%s)", err)
	}
	return f, nil
}

// feed reads the feed b of the file name; at names it in errors. A file
// that is not a feed is an error when named (or called .rss, .atom) and
// skipped in a folder walk.
func (r *reader) feed(at, name string, b []byte, explicit bool) {
	if len(bytes.TrimSpace(b)) == 0 {
		if explicit {
			r.fail("%s: empty file", at)
		}
		return
	}
	f, err := parseFeed(b)
	if err != nil {
		if err != errNotFeed || explicit {
			r.fail("%s: %s", at, err)
		}
		return
	}
	if len(f.Items) == 0 {
		r.fail("%s: feed has no items", at)
		return
	}
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	limit := r.opt.Source.Limit()
	for i, it := range f.Items {
		if r.ctx.Err() != nil {
			return
		}
		if it == nil {
			continue
		}
		n := fmt.Sprintf("%s#%d", at, i+1)
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		if strings.TrimSpace(body) == "" {
			r.fail("%s: item has no content", n)
			continue
		}
		page := itemHTML(it.Title, body)
		if int64(len(page)) > limit {
			r.fail("%s: too large (%d bytes, limit %d)", n, len(page), limit)
			continue
		}
		d := &article.Doc{
			ID:     strings.TrimSpace(it.GUID),
			URL:    strings.TrimSpace(it.Link),
			Source: n,
			Format: "html",
		}
		if d.URL == "" && (strings.HasPrefix(d.ID, "http://") || strings.HasPrefix(d.ID, "https://")) {
			d.URL = d.ID
		}
		if d.ID == "" {
			d.ID = d.URL
		}
		if d.ID == "" {
			d.ID = base + ":" + strconv.Itoa(i+1)
		}
		if dt := itemDate(it); !dt.IsZero() {
			d.PubDate, d.PubDateSource = dt, "feed"
		}
		r.out.page(n, d, []byte(page))
	}
}

// itemHTML makes the page of a feed item: its title as the headline, then
// its content. Content without markup is plain text: its blank-line
// separated paragraphs become <p> elements.
func itemHTML(title, body string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><body><article>")
	if t := strings.Join(strings.Fields(title), " "); t != "" {
		b.WriteString("<h1>" + html.EscapeString(t) + "</h1>\n")
	}
	if strings.ContainsAny(body, "<&") {
		b.WriteString(body)
	} else {
		for _, p := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
			}
		}
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// dateLayouts are the item date formats read with their own time zone, so
// that the calendar day is the one the feed wrote.
var dateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC3339Nano, time.RFC822Z, time.RFC822,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02",
}

// itemDate returns the day an item was published (or else updated).
func itemDate(it *gofeed.Item) article.Date {
	for _, s := range []string{it.Published, it.Updated} {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, s); err == nil {
				if d := article.DateOf(t); d.Valid() {
					return d
				}
			}
		}
	}
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil {
			if d := article.DateOf(*t); d.Valid() {
				return d
			}
		}
	}
	return article.Date{}
}
