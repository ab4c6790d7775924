package sample

import (
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
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
)

func TestIsPage(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "pages/a.html": true, "a.HTM": true, "x/a.jsonl": true,
		"a.events": false, "pages": false, "a.json": false, "README": false,
	} {
		if got := IsPage(name); got != want {
			t.Errorf("IsPage(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestCorpus checks the invariants of the corpus: every page has an .events
// file and the reverse, every event is well formed, and every evidence phrase
// occurs verbatim in the text of its document.
func TestCorpus(t *testing.T) {
	entries, err := fs.ReadDir(Pages, "pages")
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{} // base name -> file name
	var events []string
	for _, e := range entries {
		base := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
		switch {
		case IsPage(e.Name()):
			pages[base] = e.Name()
		case path.Ext(e.Name()) == ".events":
			events = append(events, base)
		default:
			t.Errorf("unexpected file pages/%s", e.Name())
		}
	}
	if len(PageNames()) != len(pages) {
		t.Errorf("PageNames() has %d names, want %d", len(PageNames()), len(pages))
	}
	for _, base := range events {
		if _, ok := pages[base]; !ok {
			t.Errorf("pages/%s.events has no page", base)
		}
	}
	for base, name := range pages {
		raw, err := Pages.ReadFile("pages/" + name)
		if err != nil {
			t.Fatal(err)
		}
		texts := map[string]string{base: string(raw)}
		if path.Ext(name) == ".jsonl" {
			texts = jsonlTexts(t, name, raw)
		} else if n := len(raw); n < 2000 || n > 5000 {
			t.Errorf("pages/%s: %d bytes, want 2-5 KB", name, n)
		}
		evs, err := Expected(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, ev := range evs {
			if !types[ev.Type] {
				t.Errorf("%s:%d: unknown type %q", name, ev.Line, ev.Type)
			}
			for _, c := range append(append([]string{}, ev.Actors...), ev.Recipients...) {
				if !iso3.MatchString(c) && !orgs[c] {
					t.Errorf("%s:%d: bad party code %q", name, ev.Line, c)
				}
			}
			text, ok := texts[ev.Doc]
			if !ok {
				t.Errorf("%s:%d: no document %q", name, ev.Line, ev.Doc)
				continue
			}
			if !strings.Contains(text, ev.Evidence) {
				t.Errorf("%s:%d: evidence %q not in document %s", name, ev.Line, ev.Evidence, ev.Doc)
			}
		}
	}
}

func jsonlTexts(t *testing.T, name string, raw []byte) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for i, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var rec struct {
			ID      string `json:"id"`
			URL     string `json:"url"`
			PubDate string `json:"pub_date"`
			Text    string `json:"text"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%s:%d: %v", name, i+1, err)
		}
		if rec.ID == "" || rec.Text == "" || rec.PubDate == "" {
			t.Errorf("%s:%d: record without id, pub_date or text", name, i+1)
		}
		texts[rec.ID] = rec.Text
	}
	return texts
}
