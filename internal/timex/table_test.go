package timex

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadTableErrors(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"unknown kind", "# header\njanuari\tmnth\t1\n", `dates.tsv:2: unknown kind "mnth"`},
		{"field count", "januari\tmonth\n", "dates.tsv:1: want 3 tab-separated fields (form, kind, value), got 2"},
		{"month range", "\n\nfoo\tmonth\t13\n", `dates.tsv:3: month value "13": want 1..12`},
		{"weekday range", "foo\tweekday\t0\n", `dates.tsv:1: weekday value "0"`},
		{"rel syntax", "kemarin\trel\tyesterday\n", `dates.tsv:1: rel value "yesterday"`},
		{"unit syntax", "hari\tunit\tx\n", `dates.tsv:1: unit value "x"`},
		{"prep value", "pada\tprep\tduring\n", `dates.tsv:1: prep value "during"`},
		{"dash value", "lalu\tago\tpast\n", `dates.tsv:1: ago value "past": want -`},
		{"duplicate", "mei\tmonth\t5\nMei\tmonth\t5\n", `dates.tsv:2: duplicate month "mei" (first on line 1)`},
		{"empty form", " \tmonth\t5\n", "dates.tsv:1: empty form"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadTable(fstest.MapFS{"dates.tsv": {Data: []byte(tt.data)}}, "dates.tsv")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadTable error = %v, want %q", err, tt.want)
			}
		})
	}
	_, err := LoadTable(fstest.MapFS{}, "dates.tsv")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: error = %v, want fs.ErrNotExist", err)
	}
}

func TestLoadTableRoles(t *testing.T) {
	data := "minggu\tweekday\t7 cap\nminggu\tunit\tw\nminggu lalu\trel\t-1w\nkata\tcite\tsay\nwib\ttz\t7\n"
	tab, err := LoadTable(fstest.MapFS{"d.tsv": {Data: []byte(data)}}, "d.tsv")
	if err != nil {
		t.Fatal(err)
	}
	w := tab.words["minggu"]
	if w == nil || w.weekday != 7 || !w.wdCap || w.unit != 'w' {
		t.Errorf("minggu = %+v, want weekday 7 (cap) and unit w", w)
	}
	if ps := tab.phrases["minggu"]; len(ps) != 1 || ps[0].w.rel != (rel{-1, 'w'}) {
		t.Errorf("minggu lalu = %+v", ps)
	}
	if w := tab.words["wib"]; w == nil || w.tz != 7 || w.flags&fTZ == 0 {
		t.Errorf("wib = %+v", w)
	}
}

// TestDatesTSV checks the shipped table covers every month and weekday in
// Indonesian, Malay and English.
func TestDatesTSV(t *testing.T) {
	tab := testTable(t)
	months := map[string][]string{
		"id": {"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"},
		"ms": {"januari", "februari", "mac", "april", "mei", "jun", "julai", "ogos", "september", "oktober", "november", "disember"},
		"en": {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
	}
	for lang, names := range months {
		for k, n := range names {
			if w := tab.words[n]; w == nil || int(w.month) != k+1 {
				t.Errorf("%s month %q: got %+v, want %d", lang, n, w, k+1)
			}
		}
	}
	days := map[string][]string{
		"id": {"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"},
		"ms": {"isnin", "selasa", "rabu", "khamis", "jumaat", "sabtu", "ahad"},
		"en": {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"},
	}
	for lang, names := range days {
		for k, n := range names {
			if w := tab.words[n]; w == nil || int(w.weekday) != k+1 {
				t.Errorf("%s weekday %q: got %+v, want %d", lang, n, w, k+1)
			}
		}
	}
}
