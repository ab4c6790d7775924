package cli

import (
	"flag"
	"os"
	"strings"

	"mitra/internal/actor"
	"mitra/internal/lang/world"
	"mitra/internal/record"
	"mitra/internal/summary"
)

// langFlag adds --lang, the language of one-line summaries.
func langFlag(fs *flag.FlagSet) *string {
	return fs.String("lang", "", "language of the one-line summaries: en or id (default: id when $LC_ALL or $LANG is Indonesian or Malay, else en)")
}

// summaryLang returns the summaries' language: the flag's, else the
// locale's.
func summaryLang(flagValue string) string {
	if flagValue != "" {
		if flagValue == summary.Indonesian || flagValue == "ms" {
			return summary.Indonesian
		}
		return summary.English
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(v, "id") || strings.HasPrefix(v, "ms") {
				return summary.Indonesian
			}
			return summary.English
		}
	}
	return summary.English
}

// summaryLine returns a function writing an event's one-line summary in
// lang, naming parties in Indonesian from the gazetteer, in English from
// CLDR.
func summaryLine(lang string, g *actor.Gazetteer) func(*record.Event) string {
	w := summary.Default()
	names := func(code, l string) string {
		if l == summary.Indonesian && g != nil {
			return g.Name(code)
		}
		return world.EnglishName(code)
	}
	return func(e *record.Event) string { return w.Line(e, lang, names) }
}
