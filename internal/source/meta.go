package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"mitra/internal/article"
)

// A text page rarely carries its publication date, and without it most of
// its events have none either. Besides what the page prints, a file's date
// can come from, in this order of precedence:
//
//  1. a sidecar: NAME.json beside the file (page.txt → page.json, or
//     page.txt.json), a JSON object with "pub_date" (as in JSONL input),
//     and optionally "url" and "title";
//  2. the page's metadata (HTML meta tags, read while cleaning);
//  3. a date in the file name: 2024-06-24, 2024_06_24 or 20240624, not
//     part of a longer number;
//  4. the date printed on the page (found by the extractor);
//  5. Options.PubDate (`ingest --pub-date`), for pages with none of these.

// sidecar is a page's metadata file.
type sidecar struct {
	name    string
	PubDate json.RawMessage `json:"pub_date"`
	URL     *string         `json:"url"`
	Title   *string         `json:"title"`
}

// maxSidecar bounds a sidecar's size: it holds a few fields.
const maxSidecar = 64 << 10

// readSidecar reads the sidecar of the file at p, if there is one; nil
// when there is none. A sidecar that cannot be read or is not such a JSON
// object is an error naming it.
func readSidecar(p string) (*sidecar, error) {
	base := strings.TrimSuffix(p, filepath.Ext(p))
	for _, name := range []string{p + ".json", base + ".json"} {
		if name == p {
			continue
		}
		fi, err := os.Stat(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("sidecar %s: %s", filepath.Base(name), reason(err))
		}
		if !fi.Mode().IsRegular() {
			continue
		}
		if fi.Size() > maxSidecar {
			return nil, fmt.Errorf("sidecar %s: too large (%d bytes, limit %d)", filepath.Base(name), fi.Size(), maxSidecar)
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("sidecar %s: %s", filepath.Base(name), reason(err))
		}
		sc := &sidecar{name: filepath.Base(name)}
		if err := json.Unmarshal(b, sc); err != nil {
			return nil, fmt.Errorf("sidecar %s: not a JSON object with pub_date, url, title: %s", sc.name, jsonReason(err))
		}
		return sc, nil
	}
	return nil, nil
}

// apply sets d's publication date, URL and title from the sidecar.
func (sc *sidecar) apply(d *article.Doc) error {
	if !absent(sc.PubDate) {
		s, err := stringField(sc.PubDate)
		if err != nil {
			return fmt.Errorf("sidecar %s: \"pub_date\": %v", sc.name, err)
		}
		dt, ok := parsePubDate(s)
		if !ok {
			return fmt.Errorf("sidecar %s: bad \"pub_date\" %q (want YYYY-MM-DD, RFC 3339 or YYYY-MM-DD HH:MM:SS)", sc.name, s)
		}
		d.PubDate, d.PubDateSource = dt, "sidecar"
	}
	if sc.URL != nil {
		d.URL = *sc.URL
	}
	if sc.Title != nil && strings.TrimSpace(*sc.Title) != "" {
		d.Title = strings.TrimSpace(*sc.Title)
	}
	return nil
}

// nameDate matches a date in a file name, not within a longer number.
var nameDate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])([-_.]?)(0[1-9]|[12]\d|3[01])(?:[^0-9]|$)`)

// DateInName returns the date in a file's name (2024-06-24, 2024_06_24,
// 20240624; the two separators alike), or a zero Date.
func DateInName(p string) article.Date {
	m := nameDate.FindStringSubmatch(filepath.Base(p))
	if m == nil || m[2] != m[4] {
		return article.Date{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[3])
	da, _ := strconv.Atoi(m[5])
	d := article.Date{Year: y, Month: mo, Day: da}
	if !d.Valid() {
		return article.Date{}
	}
	return d
}

// finishMeta finishes a file's document as finish does, then gives it the
// dates of the sidecar, the file name and Options.PubDate (see above).
func (r *reader) finishMeta(name string, d *article.Doc, b []byte, sc *sidecar) {
	pub := r.opt.PubDate
	done := func() Item {
		it := finish(name, d, b)
		if it.Err != nil {
			return it
		}
		if sc != nil {
			if err := sc.apply(it.Doc); err != nil {
				return Item{Err: fmt.Errorf("%s: %w", name, err)}
			}
		}
		if it.Doc.PubDate.IsZero() {
			if dt := DateInName(name); !dt.IsZero() {
				it.Doc.PubDate, it.Doc.PubDateSource = dt, "file name"
			}
		}
		it.Doc.DefaultPubDate = pub
		return it
	}
	if r.opt.Defer {
		r.fn(Deferred(done))
		return
	}
	r.fn(done())
}
