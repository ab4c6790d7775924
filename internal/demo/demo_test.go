package demo

import (
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"mitra/internal/sample"
)

var (
	types = map[string]bool{
		"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true,
		"COOPERATE": true, "AID": true, "RETREAT": true, "REQUEST": true,
		"ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
		"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
	}
	orgs = map[string]bool{
		"UN": true, "EU": true, "NATO": true, "ASEAN": true, "AU": true, "ECOWAS": true,
		"AES": true, "BRICS": true, "SCO": true, "OPEC": true, "IAEA": true, "WHO": true,
		"WTO": true, "IMF": true, "WB": true, "ICC": true, "OIC": true, "GCC": true,
		"G7": true, "G20": true, "CSTO": true, "EAEU": true, "APEC": true,
	}
	iso3 = regexp.MustCompile(`^[A-Z]{3}$`)

	weekdays = map[string]time.Weekday{
		"Minggu": time.Sunday, "Senin": time.Monday, "Selasa": time.Tuesday, "Rabu": time.Wednesday,
		"Kamis": time.Thursday, "Jumat": time.Friday, "Sabtu": time.Saturday,
	}
	months = map[string]time.Month{
		"Januari": 1, "Februari": 2, "Maret": 3, "April": 4, "Mei": 5, "Juni": 6, "Juli": 7,
		"Agustus": 8, "September": 9, "Oktober": 10, "November": 11, "Desember": 12,
	}
	// dateLine matches the page's date line, "Kamis, 14 Maret 2024 10:12 WIB".
	dateLine = regexp.MustCompile(`(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), (\d{1,2}) (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) (\d{4})`)
	// dayRef matches a weekday with a bracketed day and month, "Senin (24/7)".
	dayRef = regexp.MustCompile(`(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu) \((\d{1,2})/(\d{1,2})\)`)
)

// page is one page of the corpus with its expected events.
type page struct {
	name   string // file name without extension
	text   string
	pub    time.Time
	events []sample.Event
}

// loadPages reads every page and its .events file, failing the test on any
// file that does not pair up.
func loadPages(t *testing.T) []page {
	t.Helper()
	entries, err := fs.ReadDir(Pages, "pages")
	if err != nil {
		t.Fatal(err)
	}
	txt, evs := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		base, ext := strings.TrimSuffix(e.Name(), path.Ext(e.Name())), path.Ext(e.Name())
		switch ext {
		case ".txt":
			txt[base] = true
		case ".events":
			evs[base] = true
		default:
			t.Errorf("unexpected file pages/%s", e.Name())
		}
	}
	for base := range evs {
		if !txt[base] {
			t.Errorf("pages/%s.events has no page", base)
		}
	}
	var pages []page
	for _, e := range entries {
		base := strings.TrimSuffix(e.Name(), ".txt")
		if path.Ext(e.Name()) != ".txt" {
			continue
		}
		if !evs[base] {
			t.Errorf("pages/%s has no .events file", e.Name())
			continue
		}
		raw, err := Pages.ReadFile("pages/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		data, err := Pages.ReadFile("pages/" + base + ".events")
		if err != nil {
			t.Fatal(err)
		}
		list, err := sample.ParseEvents("pages/"+base+".events", base, data)
		if err != nil {
			t.Error(err)
			continue
		}
		p := page{name: base, text: string(raw), events: list}
		if m := dateLine.FindStringSubmatch(p.text); m != nil {
			day, _ := strconv.Atoi(m[2])
			year, _ := strconv.Atoi(m[4])
			p.pub = time.Date(year, months[m[3]], day, 0, 0, 0, 0, time.UTC)
			if p.pub.Weekday() != weekdays[m[1]] {
				t.Errorf("%s: date line %q: %s is a %s", base, m[0], p.pub.Format("2006-01-02"), p.pub.Weekday())
			}
		}
		pages = append(pages, p)
	}
	return pages
}

// TestCorpus checks the invariants of the demo corpus.
func TestCorpus(t *testing.T) {
	pages := loadPages(t)
	if len(pages) < 40 {
		t.Errorf("%d pages, want at least 40", len(pages))
	}
	monthsSeen := map[string]int{}
	nEvents, none := 0, 0
	for _, p := range pages {
		if n := len(p.text); n < 1500 || n > 4096 {
			t.Errorf("%s: %d bytes, want 1.5-4 KB", p.name, n)
		}
		if p.pub.IsZero() {
			t.Errorf("%s: no date line such as \"Kamis, 14 Maret 2024 10:12 WIB\"", p.name)
			continue
		}
		monthsSeen[p.pub.Format("2006-01")]++
		// Every "Senin (24/7)" must name the right weekday in the page's year
		// (or the year before, for a month later than the page's).
		for _, m := range dayRef.FindAllStringSubmatch(p.text, -1) {
			day, _ := strconv.Atoi(m[2])
			mon, _ := strconv.Atoi(m[3])
			year := p.pub.Year()
			if time.Month(mon) > p.pub.Month() {
				year--
			}
			d := time.Date(year, time.Month(mon), day, 0, 0, 0, 0, time.UTC)
			if d.Weekday() != weekdays[m[1]] {
				t.Errorf("%s: %q: %s is a %s (page dated %s)", p.name, m[0], d.Format("2006-01-02"), d.Weekday(), p.pub.Format("2006-01-02"))
			}
		}
		if len(p.events) == 0 {
			none++
		}
		for _, ev := range p.events {
			nEvents++
			if !types[ev.Type] {
				t.Errorf("%s.events:%d: unknown type %q", p.name, ev.Line, ev.Type)
			}
			for _, c := range append(append([]string{}, ev.Actors...), ev.Recipients...) {
				if !iso3.MatchString(c) && !orgs[c] {
					t.Errorf("%s.events:%d: bad party code %q", p.name, ev.Line, c)
				}
			}
			if len(pairs(ev)) == 0 {
				t.Errorf("%s.events:%d: fewer than two distinct parties", p.name, ev.Line)
			}
			if !strings.Contains(p.text, ev.Evidence) {
				t.Errorf("%s.events:%d: evidence %q not in the page", p.name, ev.Line, ev.Evidence)
			}
		}
	}
	if len(monthsSeen) < 10 {
		t.Errorf("date lines span %d months, want at least 10: %v", len(monthsSeen), monthsSeen)
	}
	if none < 3 {
		t.Errorf("%d pages without events, want at least 3 domestic pages", none)
	}
	t.Logf("%d pages, %d expected events, %d pages without events, %d months: %v", len(pages), nEvents, none, len(monthsSeen), monthsSeen)
}

// pairs expands an event into unordered pairs of distinct parties, as the
// shared scorer does: actor x recipient, or every pair of actors when there
// is no recipient.
func pairs(ev sample.Event) []string {
	var out []string
	add := func(a, b string) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		out = append(out, a+"|"+b)
	}
	if len(ev.Recipients) == 0 {
		for i, a := range ev.Actors {
			for _, b := range ev.Actors[i+1:] {
				add(a, b)
			}
		}
		return out
	}
	for _, a := range ev.Actors {
		for _, b := range ev.Recipients {
			add(a, b)
		}
	}
	return out
}

// TestURLs: every page has an address on an invented outlet, and no
// address names a page that does not exist.
func TestURLs(t *testing.T) {
	urls, err := URLs()
	if err != nil {
		t.Fatal(err)
	}
	pages := loadPages(t)
	for _, p := range pages {
		if urls[p.name] == "" {
			t.Errorf("%s has no URL in urls.tsv", p.name)
		}
	}
	if len(urls) != len(pages) {
		t.Errorf("urls.tsv has %d pages, pages/ %d", len(urls), len(pages))
	}
}
