package cli

import (
	"sort"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// englishName returns a party's English name: CLDR's region name for a
// state code, the code itself for an organisation.
func englishName(code string) string {
	if len(code) == 3 {
		if r, err := language.ParseRegion(code); err == nil {
			if n := display.English.Regions().Name(r); n != "" {
				return n
			}
		}
	}
	switch code {
	case "XKX":
		return "Kosovo"
	case "PSE":
		return "Palestine"
	}
	return code
}

func sortStrings(s []string) { sort.Strings(s) }
