package world

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// EnglishName returns a party's English name: CLDR's region name for a
// state code, the code itself for an organisation (UN, EU, ASEAN, …).
func EnglishName(code string) string {
	switch code {
	case "XKX":
		return "Kosovo"
	case "PSE":
		return "Palestine"
	}
	if len(code) == 3 {
		if r, err := language.ParseRegion(code); err == nil {
			if n := display.English.Regions().Name(r); n != "" {
				return n
			}
		}
	}
	return code
}
