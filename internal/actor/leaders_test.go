package actor

import (
	"strings"
	"testing"
	"time"

	"mitra/internal/article"
	"mitra/internal/token"
)

// Every UN member (and PSE, VAT, TWN, XKX) must list, among the office
// holders in office at any time since 2015-01-01, a head of state, a head of
// government, a foreign minister and a defence minister, or say here why not.
// A note for a state that does have the role is an error too, so that the
// notes stay true as leaders.tsv grows.

// realm: the British monarch is head of state (coded GBR in leaders.tsv).
const realm = "a Commonwealth realm: the British monarch (coded GBR) is head of state"

var noHOS = map[string]string{
	"AND": "co-princes: the French president (coded FRA) and the bishop of Urgell",
	"SMR": "two Captains Regent, changed every six months",
	"AUS": realm, "ATG": realm, "BHS": realm, "BLZ": realm, "CAN": realm, "GRD": realm,
	"JAM": realm, "NZL": realm, "PNG": realm, "KNA": realm, "LCA": realm, "VCT": realm,
	"SLB": realm, "TUV": realm,
}

const presidential = "the head of state heads the government"

var noHOG = map[string]string{
	"CHE": "the Federal Council governs collectively; its president for the year is HOS",
	"SMR": "the Secretary of State for Foreign Affairs leads the government (listed as FM)",
	"PER": "the president heads the government; the president of the Council of Ministers is not listed",
	"AGO": presidential, "ARG": presidential, "BOL": presidential, "BWA": presidential,
	"BRA": presidential, "CHL": presidential, "COL": presidential, "COM": presidential,
	"CRI": presidential, "CYP": presidential, "DOM": presidential, "ECU": presidential,
	"SLV": presidential, "ERI": presidential, "GMB": presidential, "GHA": presidential,
	"GTM": presidential, "HND": presidential, "IDN": presidential, "IRN": presidential,
	"KEN": presidential, "KIR": presidential, "LBR": presidential, "MWI": presidential,
	"MDV": presidential, "MHL": presidential, "MEX": presidential, "FSM": presidential,
	"NRU": presidential, "NIC": presidential, "NGA": presidential, "PLW": presidential,
	"PAN": presidential, "PRY": presidential, "PHL": presidential, "SYC": presidential,
	"SLE": presidential, "ZAF": presidential, "SSD": presidential, "SUR": presidential,
	"TKM": presidential, "USA": presidential, "URY": presidential, "VEN": presidential,
	"ZMB": presidential, "ZWE": presidential,
}

const unknownFM = "foreign ministers not known to the authors with confidence"

var noFM = map[string]string{
	"COM": unknownFM, "GNB": unknownFM, "LSO": unknownFM, "MDG": unknownFM, "MCO": unknownFM,
	"STP": unknownFM,
}

const (
	noArmy    = "no armed forces and no defence minister"
	headArmy  = "the head of state or government answers for the armed forces; no defence minister"
	security  = "a minister of national or home security, no defence minister"
	unknownDM = "defence ministers not known to the authors with confidence"
)

var noDM = map[string]string{
	"AND": noArmy, "CRI": noArmy, "DMA": noArmy, "GRD": noArmy, "ISL": noArmy, "KIR": noArmy,
	"LCA": noArmy, "VCT": noArmy, "LIE": noArmy, "MCO": noArmy, "MHL": noArmy, "FSM": noArmy,
	"NRU": noArmy, "PLW": noArmy, "PAN": noArmy, "SMR": noArmy, "SLB": noArmy, "TUV": noArmy,
	"VUT": noArmy, "WSM": noArmy, "VAT": noArmy, "MUS": noArmy,
	"PSE": "the Palestinian Authority has no defence ministry",
	"ATG": headArmy, "BRB": headArmy, "GUY": headArmy, "SWZ": headArmy, "BTN": headArmy,
	"TON": headArmy, "ERI": headArmy,
	"BHS": security, "KNA": security, "TTO": security, "MLT": security,
	"BHR": unknownDM, "BEN": unknownDM, "BWA": unknownDM, "CAF": unknownDM, "TCD": unknownDM,
	"COM": unknownDM, "DJI": unknownDM, "GNQ": unknownDM, "GAB": unknownDM, "GIN": unknownDM,
	"GNB": unknownDM, "HTI": unknownDM, "HND": unknownDM, "KWT": unknownDM, "KGZ": unknownDM,
	"LSO": unknownDM, "LBY": unknownDM, "MDG": unknownDM, "MWI": unknownDM, "MNG": unknownDM,
	"NPL": unknownDM, "NIC": unknownDM, "PRY": unknownDM, "PER": unknownDM, "STP": unknownDM,
	"SYC": unknownDM, "SLE": unknownDM, "SOM": unknownDM, "TGO": unknownDM, "TKM": unknownDM,
}

// orgHeads are the organisations with a head (secretary-general, president,
// director-general); AES, BRICS, G7, G20 and APEC have rotating chairs only.
var orgHeads = strings.Fields("UN EU NATO ASEAN AU ECOWAS IAEA WHO WTO IMF WB ICC OIC GCC LAS OSCE SCO CSTO EAEU OPEC")

// rolesSince returns, per code, the roles of the terms that end on or after day.
func rolesSince(g *Gazetteer, day int32) map[string]map[Role]bool {
	roles := map[string]map[Role]bool{}
	for _, e := range g.entries {
		for _, tm := range e.terms {
			if tm.to < day {
				continue
			}
			if roles[tm.code] == nil {
				roles[tm.code] = map[Role]bool{}
			}
			roles[tm.code][tm.role] = true
		}
	}
	return roles
}

func TestLeaderCoverage(t *testing.T) {
	g := loadDefault(t)
	roles := rolesSince(g, dayNum(time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)))
	states := append(append([]string{}, unMembers...), extraStates...)
	counts := map[Role]int{}
	for _, check := range []struct {
		role  Role
		notes map[string]string
	}{{"HOS", noHOS}, {"HOG", noHOG}, {"FM", noFM}, {"DM", noDM}} {
		for _, c := range states {
			has, why := roles[c][check.role], check.notes[c]
			switch {
			case has && why != "":
				t.Errorf("%s has a %s since 2015 but is noted %q: drop the note", c, check.role, why)
			case !has && why == "":
				t.Errorf("%s has no %s in office since 2015 and no note saying why", c, check.role)
			case has:
				counts[check.role]++
			}
		}
		for c := range check.notes {
			if !isStateCode(c) {
				t.Errorf("%s note for %q, which is not a state code", check.role, c)
			}
		}
	}
	for _, c := range orgHeads {
		if !roles[c]["HOS"] {
			t.Errorf("organisation %s has no head (HOS) in office since 2015", c)
		}
	}
	t.Logf("states with a holder since 2015 (of %d): HOS %d, HOG %d, FM %d, DM %d",
		len(states), counts["HOS"], counts["HOG"], counts["FM"], counts["DM"])
}

// The role and code a person resolves to on a date, inside and outside
// terms, for people who moved between offices and organisations.
var termTests = []struct {
	form string
	date article.Date
	want string // CODE/ROLE, "~" when out of office
}{
	{"Kaja Kallas", day(2022, 5, 1), "EST/HOG"},
	{"Kaja Kallas", day(2024, 9, 1), "EST/HOG~"}, // between her two offices, nearer the first
	{"Kaja Kallas", day(2025, 3, 1), "EU/FM"},
	{"Yair Lapid", day(2022, 3, 1), "ISR/FM"},
	{"Yair Lapid", day(2022, 9, 1), "ISR/HOG"}, // FM and HOG at once: the senior role
	{"Hakan Fidan", day(2020, 6, 1), "TUR/GOV"},
	{"Hakan Fidan", day(2024, 6, 1), "TUR/FM"},
	{"Mohamad Hasan", day(2023, 5, 1), "MYS/DM"},
	{"Mohamad Hasan", day(2024, 5, 1), "MYS/FM"},
	{"Taye Atske Selassie", day(2024, 5, 1), "ETH/FM"},
	{"Taye Atske Selassie", day(2025, 1, 1), "ETH/HOS"},
	{"Nikos Christodoulides", day(2019, 1, 1), "CYP/FM"},
	{"Nikos Christodoulides", day(2022, 6, 1), "CYP/FM~"},
	{"Nikos Christodoulides", day(2024, 1, 1), "CYP/HOS"},
	{"Feridun Sinirlioğlu", day(2015, 9, 15), "TUR/FM"},
	{"Feridun Sinirlioglu", day(2025, 1, 1), "OSCE/HOS"},
	{"Mahmoud Ali Youssouf", day(2020, 1, 1), "DJI/FM"},
	{"Mahmoud Ali Youssouf", day(2025, 6, 1), "AU/HOS"},
	{"Abdullatif Al Zayani", day(2018, 1, 1), "GCC/HOS"},
	{"Abdullatif Al Zayani", day(2021, 1, 1), "BHR/FM"},
	{"Ahmed Aboul Gheit", day(2020, 1, 1), "LAS/HOS"},
	{"Sébastien Lecornu", day(2023, 1, 1), "FRA/DM"},
	{"Sébastien Lecornu", day(2025, 10, 15), "FRA/HOG"},
	{"Ilie Bolojan", day(2025, 3, 1), "ROU/HOS"},
	{"Ilie Bolojan", day(2025, 8, 1), "ROU/HOG"},
	{"Andrej Babiš", day(2019, 1, 1), "CZE/HOG"},
	{"Andrej Babiš", day(2023, 1, 1), "CZE/HOG~"},
	{"Donald Tusk", day(2017, 1, 1), "EU/HOS"},
	{"Donald Tusk", day(2024, 1, 1), "POL/HOG"},
	{"Alexander Stubb", day(2015, 1, 1), "FIN/HOG"},
	{"Alexander Stubb", day(2024, 6, 1), "FIN/HOS"},
	{"Jacinda Ardern", day(2024, 1, 1), "NZL/HOG~"},
	{"Kristalina Georgieva", day(2019, 3, 1), "WB/HOS"},
	{"Kristalina Georgieva", day(2021, 1, 1), "IMF/HOS"},
	{"Vladimir Norov", day(2020, 1, 1), "SCO/HOS"},
	{"Vladimir Norov", day(2022, 5, 1), "UZB/FM"},
	{"Karim Khan", day(2023, 1, 1), "ICC/HOS"},
	{"Abdel Fattah al-Sisi", day(2013, 1, 1), "EGY/DM"},
	{"Abdel Fattah al-Sisi", day(2020, 1, 1), "EGY/HOS"},
	{"Nicușor Dan", day(2025, 7, 1), "ROU/HOS"},
	{"Mohamed Muizzu", day(2024, 1, 1), "MDV/HOS"},
	{"Guy Parmelin", day(2017, 1, 1), "CHE/DM"},
	{"Guy Parmelin", day(2021, 6, 1), "CHE/HOS"},
	{"Hassanal Bolkiah", day(2020, 1, 1), "BRN/HOS"},
	{"Pedro Sánchez", day(2025, 6, 1), "ESP/HOG"},
	{"Pedro Arnulfo Sánchez", day(2025, 6, 1), "COL/DM"},
	// 2026 changes
	{"Khamenei", day(2025, 6, 1), "IRN/HOS"},
	{"Ali Khamenei", day(2026, 4, 1), "IRN/HOS~"},
	{"Mojtaba Khamenei", day(2026, 4, 1), "IRN/HOS"},
	{"Nicolás Maduro", day(2026, 2, 1), "VEN/HOS~"},
	{"Delcy Rodríguez", day(2016, 1, 1), "VEN/FM"},
	{"Delcy Rodríguez", day(2026, 2, 1), "VEN/HOS"},
	{"Touhid Hossain", day(2026, 3, 1), "BGD/FM~"},
	{"Tarique Rahman", day(2026, 3, 1), "BGD/HOG"},
	{"Rob Jetten", day(2026, 6, 1), "NLD/HOG"},
}

func TestLeaderTerms(t *testing.T) {
	g := loadDefault(t)
	for _, tc := range termTests {
		toks := token.Tokenize(tc.form, 0)
		ms := g.Find(toks, tc.date)
		if len(ms) != 1 || ms[0].Tok1 != len(toks) || ms[0].Kind != KindPerson {
			t.Errorf("%s on %v: want one person mention, got %s", tc.form, tc.date, render(ms))
			continue
		}
		got := ms[0].Code + "/" + string(ms[0].Role)
		if ms[0].Former {
			got += "~"
		}
		if got != tc.want {
			t.Errorf("%s on %v = %s, want %s", tc.form, tc.date, got, tc.want)
		}
	}
}
