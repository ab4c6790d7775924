package actor

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func loadHomes(tb testing.TB) *Homes {
	tb.Helper()
	h, err := LoadHomes(Source{os.DirFS(sharedDir), "home.tsv"})
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func TestOutlet(t *testing.T) {
	h := loadHomes(t)
	for s, want := range map[string]string{
		"www.bernama.com":       "MYS",
		"bernama.com":           "MYS",
		"m.antaranews.com":      "IDN",
		"kabar24.bisnis.com":    "IDN",
		"www.thestar.com.my":    "MYS", // under the .my domain
		"fbeta.republika.co.id": "IDN",
		"KOMPAS.com":            "IDN",
		"CNBC Indonesia":        "IDN",
		"Bernama":               "MYS",
		"borneobulletin.com.bn": "BRN",
		"www.straitstimes.com":  "SGP",
		"reuters.com":           "",
		"my":                    "", // a domain alone is no host
		"notbernama.com":        "", // not under bernama.com
		"":                      "",
	} {
		if got := h.Outlet(s); got != want {
			t.Errorf("Outlet(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestDateline(t *testing.T) {
	g, h := loadDefault(t), loadHomes(t)
	for _, tc := range []struct {
		line                string
		ok                  bool
		place, code, outlet string
		outletCode          string
	}{
		{"KUALA LUMPUR, 5 Mei — Kerajaan hari ini …", true, "KUALA LUMPUR", "MYS", "", ""},
		{"PUTRAJAYA: Kerajaan akan …", true, "PUTRAJAYA", "MYS", "", ""},
		{"ISKANDAR PUTERI: Perdana Menteri …", true, "ISKANDAR PUTERI", "MYS", "", ""},
		{"Jakarta (ANTARA) - Presiden …", true, "Jakarta", "IDN", "ANTARA", "IDN"},
		{"Beijing (ANTARA) - Presiden Xi …", true, "Beijing", "CHN", "ANTARA", "IDN"},
		{"JAKARTA, KOMPAS.com - Pemerintah …", true, "JAKARTA", "IDN", "KOMPAS.com", "IDN"},
		{"Jakarta, CNBC Indonesia - Presiden …", true, "Jakarta", "IDN", "CNBC Indonesia", "IDN"},
		{"TEMPO.CO, Jakarta - Presiden …", true, "Jakarta", "IDN", "TEMPO.CO", "IDN"},
		{"REPUBLIKA.CO.ID, MOSKOW -- Diplomat …", true, "MOSKOW", "RUS", "REPUBLIKA.CO.ID", "IDN"},
		{"BANDAR SERI BEGAWAN, 7 FEB – Kebawah Duli …", true, "BANDAR SERI BEGAWAN", "BRN", "", ""},
		{"SINGAPURA, 2 Jan — Kerajaan …", true, "SINGAPURA", "SGP", "", ""},
		{"ALGIERS, 3 Jun — Algeria …", true, "ALGIERS", "DZA", "", ""},
		{"DAVOS, 3 Jun — Presiden …", true, "DAVOS", "", "", ""}, // abroad, not in the tables
		{"Surabaya (ANTARA) - Pemerintah …", true, "Surabaya", "IDN", "ANTARA", "IDN"},
		{"Jakarta - Seoul perkuat kerja sama", false, "", "", "", ""}, // a pair, not a place
		{"Kerajaan mengecam serangan itu.", false, "", "", "", ""},
		{"FOTO: Kerajaan …", false, "", "", "", ""},
		{"Malaysia - Indonesia sepakat", false, "", "", "", ""}, // states open no dateline
		{"", false, "", "", "", ""},
	} {
		d, ok := h.Dateline(g, tc.line)
		if ok != tc.ok || d.Place != tc.place || d.PlaceCode != tc.code || d.Outlet != tc.outlet || d.OutletCode != tc.outletCode {
			t.Errorf("Dateline(%q) = %+v, %v; want %s/%s %s/%s %v", tc.line, d, ok, tc.place, tc.code, tc.outlet, tc.outletCode, tc.ok)
		}
	}
}

func TestCredit(t *testing.T) {
	h := loadHomes(t)
	for _, tc := range []struct{ line, name, code string }{
		{"kononnya menyasarkan kepimpinan politik Hamas. – Bernama", "Bernama", "MYS"},
		{"-Bernama", "Bernama", "MYS"},
		{"(ANTARA) – Bernama.", "Bernama", "MYS"},
		{"Jakarta - Bernama", "", ""}, // not after a sentence
		{"kata dia. - Reuters", "Reuters", ""},
		{"Hubungan Malaysia-Indonesia", "", ""},
		{"", "", ""},
	} {
		name, code := h.Credit(tc.line)
		if name != tc.name || code != tc.code {
			t.Errorf("Credit(%q) = %q, %q; want %q, %q", tc.line, name, code, tc.name, tc.code)
		}
	}
}

func TestLoadHomesErrors(t *testing.T) {
	fsys := fstest.MapFS{"home.tsv": {Data: []byte("# header\noutlet\tbernama.com\tMYS\ntown\tIpoh\tmys\nplace\tIpoh\tMYS\noutlet\tBernama.com\tIDN\noutlet\tx\n")}}
	_, err := LoadHomes(Source{fsys, "home.tsv"})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"home.tsv:3: bad code", "home.tsv:4: unknown kind", "home.tsv:5: form \"Bernama.com\" listed twice", "home.tsv:6: want"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func FuzzDateline(f *testing.F) {
	f.Add("KUALA LUMPUR, 5 Mei — Kerajaan", "kata dia. – Bernama")
	f.Add("TEMPO.CO, Jakarta - Presiden", "-\xff")
	f.Add("Jakarta (ANTARA", "– ")
	g, h := loadDefault(f), loadHomes(f)
	f.Fuzz(func(t *testing.T, line, credit string) {
		d, ok := h.Dateline(g, line)
		if !ok && d != (Dateline{}) {
			t.Fatalf("no dateline but %+v for %q", d, line)
		}
		if ok && d.Place == "" {
			t.Fatalf("dateline without a place for %q", line)
		}
		name, code := h.Credit(credit)
		if code != "" && name == "" {
			t.Fatalf("credit code %q without a name for %q", code, credit)
		}
		h.Outlet(line)
	})
}
