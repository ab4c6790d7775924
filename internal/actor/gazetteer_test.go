package actor

import (
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"mitra/internal/record"
)

const (
	dataDir   = "../lang/id/data"
	sharedDir = "../lang/world/data"
)

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
	defaultErr  error
)

// loadDefault loads the Indonesian pack's tables from the source tree.
func loadDefault(tb testing.TB) *Gazetteer {
	tb.Helper()
	defaultOnce.Do(func() {
		defaultG, defaultErr = Load(Source{os.DirFS(dataDir), "actors.tsv"}, Source{os.DirFS(sharedDir), "leaders.tsv"}, testWords(tb))
	})
	if defaultErr != nil {
		tb.Fatalf("load: %v", defaultErr)
	}
	return defaultG
}

// orgCodes are the organisation codes a party may have (the guideline's list
// plus the Arab League and the OSCE).
var orgCodes = record.Organisations

// extraStates are state codes that are not (or not all) in CLDR's region list.
var extraStates = strings.Fields("PSE TWN XKX VAT")

// unMembers are the 193 member states of the United Nations.
var unMembers = strings.Fields(`
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI
DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN
LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE`)

func isStateCode(c string) bool {
	for _, x := range extraStates {
		if c == x {
			return true
		}
	}
	r, err := language.ParseRegion(c)
	return err == nil && r.ISO3() == c && r.IsCountry()
}

func isOrgCode(c string) bool {
	for _, x := range orgCodes {
		if c == x {
			return true
		}
	}
	return false
}

func TestConformance(t *testing.T) {
	g := loadDefault(t)
	if len(unMembers) != 193 {
		t.Fatalf("unMembers lists %d codes, want 193", len(unMembers))
	}
	for _, c := range g.Codes() {
		if !isStateCode(c) && !isOrgCode(c) {
			t.Errorf("code %q is neither ISO 3166-1 alpha-3 nor a listed organisation", c)
		}
	}
	stateForm, orgForm := map[string]bool{}, map[string]bool{}
	roles := map[string]map[string]bool{}
	for _, e := range g.entries {
		switch e.kind {
		case KindState:
			stateForm[e.code] = true
		case KindOrg:
			orgForm[e.code] = true
		}
		for _, tm := range e.terms {
			if roles[tm.code] == nil {
				roles[tm.code] = map[string]bool{}
			}
			roles[tm.code][string(tm.role)] = true
			if tm.from > tm.to {
				t.Errorf("%s: term from after to", e.src)
			}
		}
	}
	for _, c := range append(append([]string{}, unMembers...), extraStates...) {
		if !stateForm[c] {
			t.Errorf("state %s has no state form", c)
		}
	}
	for _, c := range orgCodes {
		if !orgForm[c] {
			t.Errorf("organisation %s has no org form", c)
		}
	}
	for _, c := range []string{"UN", "EU", "NATO"} {
		if !roles[c]["HOS"] {
			t.Errorf("%s has no head in leaders.tsv", c)
		}
	}
	s := g.Stats()
	t.Logf("forms %d, codes %d, person forms %d", s.Forms, s.Codes, s.Persons)
}

func TestName(t *testing.T) {
	g := loadDefault(t)
	for code, want := range map[string]string{
		"RUS": "Rusia", "USA": "Amerika Serikat", "CHN": "Tiongkok", "UN": "Perserikatan Bangsa-Bangsa",
		"EU": "Uni Eropa", "PSE": "Palestina", "XYZ": "XYZ",
	} {
		if got := g.Name(code); got != want {
			t.Errorf("Name(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	const okLeaders = "# leaders\nVladimir Putin\tRUS\tHOS\t2012-05-07\t\n"
	tests := []struct {
		name, actors, leaders, want string
	}{
		{"unknown kind", "# a\nRusia\tRUS\tstate\nMali\tMLI\tstat\n", okLeaders, `actors.tsv:3: unknown kind "stat"`},
		{"fields", "Rusia\tRUS\n", okLeaders, "actors.tsv:1: want 3 or 4"},
		{"flag", "Rusia\tRUS\tstate\tcasee\n", okLeaders, `actors.tsv:1: unknown flag "casee"`},
		{"code", "Rusia\trus\tstate\n", okLeaders, `actors.tsv:1: bad code "rus"`},
		{"block code", "Eropa\tEU\tblock\n", okLeaders, `actors.tsv:1: code "-" goes with kind "block"`},
		{"dup different code", "Rusia\tRUS\tstate\n\nrusia\tBLR\tstate\n", okLeaders, `actors.tsv:3: form "rusia" (BLR) is also actors.tsv:1 (RUS)`},
		{"dup same code", "Rusia\tRUS\tstate\nRUSIA\tRUS\tcapital\n", okLeaders, `actors.tsv:2: duplicate form "RUSIA" (first at actors.tsv:1)`},
		{"dup folded", "Türkiye\tTUR\tstate\nTurkiye\tTUR\tstate\n", okLeaders, `actors.tsv:2: duplicate form`},
		{"empty form", ".\tRUS\tstate\n", okLeaders, "actors.tsv:1: empty form"},
		{"role", "Rusia\tRUS\tstate\n", "Putin\tRUS\tPRES\t2012\t\n", `leaders.tsv:1: unknown role "PRES"`},
		{"date", "Rusia\tRUS\tstate\n", "Putin\tRUS\tHOS\t2012-13\t\n", `leaders.tsv:1: bad from date`},
		{"order", "Rusia\tRUS\tstate\n", "Putin\tRUS\tHOS\t2012\t2010-01-01\n", `leaders.tsv:1: from 2012 is after to 2010-01-01`},
		{"person vs actor", "Putin\tRUS\tgov\n", "Putin\tBLR\tHOS\t2012\t\n", `leaders.tsv:1: form "Putin" (BLR) is also actors.tsv:1 (RUS)`},
		{"leader fields", "Rusia\tRUS\tstate\n", "Putin\tRUS\tHOS\n", "leaders.tsv:1: want 5 or 6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"actors.tsv":  {Data: []byte(tc.actors)},
				"leaders.tsv": {Data: []byte(tc.leaders)},
			}
			_, err := Load(Source{fsys, "actors.tsv"}, Source{fsys, "leaders.tsv"}, Words{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := Load(Source{fstest.MapFS{}, "actors.tsv"}, Source{fstest.MapFS{}, "leaders.tsv"}, Words{}); err == nil {
		t.Error("missing files: no error")
	}
}

func TestLoadSmall(t *testing.T) {
	fsys := fstest.MapFS{
		"a.tsv": {Data: []byte("# test\nRusia\tRUS\tstate\nAS\tUSA\tstate\tcase\nKim Jong-un\tPRK\tgov\nEropa\t-\tblock\n")},
		"l.tsv": {Data: []byte("Mark Rutte\tNLD\tHOG\t2010-10-14\t2024-07-02\nMark Rutte\tNATO\tHOS\t2024-10\t\n")},
	}
	g, err := Load(Source{fsys, "a.tsv"}, Source{fsys, "l.tsv"}, Words{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(g.Codes(), " "), "NATO NLD PRK RUS USA"; got != want {
		t.Errorf("Codes() = %q, want %q", got, want)
	}
	if s := g.Stats(); s.Forms != 5 || s.Persons != 1 {
		t.Errorf("Stats() = %+v", s)
	}
}
