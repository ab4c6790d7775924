package timex

import (
	"os"
	"strings"
	"sync"
	"testing"

	"mitra/internal/token"
)

var (
	enOnce  sync.Once
	enTable *Table
	enErr   error
)

// englishTable loads the English pack's date table from disk.
func englishTable(tb testing.TB) *Table {
	tb.Helper()
	enOnce.Do(func() {
		enTable, enErr = LoadTable(os.DirFS("../lang/en/data"), "dates.tsv")
	})
	if enErr != nil {
		tb.Fatal(enErr)
	}
	return enTable
}

// englishResolveTests are English date expressions, read against a page
// published on Wednesday 7 February 2024 unless pub says otherwise.
var englishResolveTests = []resolveTest{
	{"weekday", "2024-02-07", "Russia and Mali signed the deal on Tuesday.", "2024-02-06", "Tuesday", ""},
	{"weekday today", "2024-02-07", "The two ministers met on Wednesday in Bamako.", "2024-02-07", "Wednesday", ""},
	{"weekday possessive", "2024-02-07", "Tuesday's talks in Doha ended without a deal.", "2024-02-06", "Tuesday's", ""},
	{"month day", "2024-02-07", "The envoys met on February 3 in Geneva.", "2024-02-03", "February 3", ""},
	{"day month", "2024-02-07", "The envoys met on 3 February in Geneva.", "2024-02-03", "3 February", ""},
	{"abbreviated month with dot and year", "", "The pact was signed on Mar. 3, 2023, in Hanoi.", "2023-03-03", "Mar. 3, 2023", ""},
	{"abbreviated month no dot", "2024-02-07", "Lavrov met Wang Yi in Moscow on Feb 5.", "2024-02-05", "Feb 5", ""},
	{"ordinal day", "2024-02-07", "The summit opened on January 30th.", "2024-01-30", "January 30th", ""},
	{"weekday and date", "", "The treaty was ratified on Tuesday, March 5, 2024.", "2024-03-05", "Tuesday, March 5, 2024", ""},
	{"month in year", "", "Japan lifted the ban in August 2023.", "2023-08", "August 2023", ""},
	{"bare month", "2024-02-07", "The two sides agreed in January to reopen the border.", "2024-01", "January", ""},
	{"last month", "2024-02-07", "Washington imposed the tariffs last month.", "2024-01", "last month", ""},
	{"earlier this year", "2024-02-07", "Earlier this year, Seoul and Tokyo resumed talks.", "2024", "Earlier this year", ""},
	{"last year", "2024-02-07", "Lithuania expelled two diplomats last year.", "2023", "last year", ""},
	{"yesterday", "2024-02-07", "Yesterday, Beijing lodged a protest.", "2024-02-06", "Yesterday", ""},
	{"days ago", "2024-02-07", "The navy seized the vessel three days ago.", "2024-02-04", "three days ago", ""},
	{"year after in", "", "France intervened in Mali in 2013.", "2013", "2013", ""},
	{"decade", "", "The two states fought a border war in the 1990s.", "", "1990s", "decade"},
	{"decade with apostrophe", "", "Relations froze in the 1990's.", "", "1990's", "decade"},
	{"next month is future", "2024-02-07", "The deal will be signed next month.", "", "", ""},
	{"modal may is no month", "2024-02-07", "Russia may sign the deal soon.", "", "", ""},
	{"verb march is no month", "2024-02-07", "Protesters march to the embassy every week.", "", "", ""},
	{"until is an end point", "2024-02-07", "The sanctions stay in force until March 2025.", "", "", ""},
	{"dateline date", "2024-02-08", "MOSCOW, Feb 7 (Reuters) - Russia and Mali signed a nuclear deal.", "2024-02-07", "Feb 7", ""},
}

func TestResolveEnglish(t *testing.T) {
	tab := englishTable(t)
	for _, tt := range englishResolveTests {
		t.Run(tt.name, func(t *testing.T) {
			got := tab.Resolve(tt.sentence, token.Tokenize(tt.sentence, 0), date(tt.pub))
			if got.Date.String() != tt.want {
				t.Errorf("Resolve(%q, pub %s) = %q (%q, note %q), want %q", tt.sentence, tt.pub, got.Date, got.Text, got.Note, tt.want)
			}
			if tt.text != "" && got.Text != tt.text {
				t.Errorf("Text = %q, want %q", got.Text, tt.text)
			}
			if tt.note == "" && got.Note != "" {
				t.Errorf("Note = %q, want none", got.Note)
			}
			if tt.note != "" && !strings.Contains(got.Note, tt.note) {
				t.Errorf("Note = %q, want it to contain %q", got.Note, tt.note)
			}
		})
	}
}

// TestPubDateEnglish: English date lines and datelines.
func TestPubDateEnglish(t *testing.T) {
	tab := englishTable(t)
	for _, tt := range []struct{ name, page, want, how string }{
		{"published label", "Japan and Philippines sign troop pact\n\nPublished 7 February 2024\n\nMANILA - The two countries signed the pact on Tuesday.\n", "2024-02-07", "date-line"},
		{"updated with clock and zone", "Japan and Philippines sign troop pact\n\nUpdated: Feb. 7, 2024 10:32 a.m. ET\n\nMANILA - The two countries signed the pact on Tuesday.\n", "2024-02-07", "date-line"},
		{"month day year line", "Japan and Philippines sign troop pact\nFebruary 7, 2024\nMANILA - The two countries signed the pact on Tuesday, officials said.\n", "2024-02-07", "date-line"},
		{"weekday day month year clock", "Japan and Philippines sign troop pact\nWed 7 Feb 2024 10.32 GMT\nMANILA - The two countries signed the pact on Tuesday, officials said.\n", "2024-02-07", "date-line"},
		{"byline with date", "Japan and Philippines sign troop pact\nBy Jane Doe | February 7, 2024 | 10:32 AM\nMANILA - The two countries signed the pact on Tuesday, officials said.\n", "2024-02-07", "date-line"},
		{"posted ISO", "Posted on 2024-02-07\nMANILA - The two countries signed the pact on Tuesday, officials said.\n", "2024-02-07", "date-line"},
		{"dateline without year", "MOSCOW, Feb 7 (Reuters) - Russia and Mali signed a nuclear deal on Tuesday.\n", "", ""},
		{"agency dateline without date", "WASHINGTON (AP) — The United States on Tuesday imposed sanctions on two firms.\n", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, how := tab.PubDate(tt.page)
			if d.String() != tt.want || how != tt.how {
				t.Errorf("PubDate = %q (%s), want %q (%s)", d, how, tt.want, tt.how)
			}
		})
	}
}
