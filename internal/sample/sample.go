// Package sample embeds a small corpus of news pages written for mitra, used
// when `mitra extract` is run with no input and by tests and benchmarks.
//
// Pages holds the directory "pages": Indonesian, Malay and English pages as
// plain text (.txt), one full HTML page (.html) and one JSONL file (.jsonl,
// records {"id","url","pub_date","text"}). All text is original, written for
// mitra; boilerplate (menus, "Baca juga:" links, captions, "Terkini Lainnya"
// blocks) is included on purpose.
//
// Next to every page p.txt, p.html or p.jsonl sits p.events, the events a coder
// following eval/GUIDELINE.md would list for it. The embed pattern is the whole
// directory, so the .events files are embedded too: a caller that walks Pages
// for extraction input must skip every name for which IsPage is false.
//
// An .events file has one event per line:
//
//	TYPE ACTORS -> RECIPIENTS | main|bg | evidence
//
// ACTORS and RECIPIENTS are comma-separated codes (ISO 3166-1 alpha-3 or
// organisation codes such as UN, EU, NATO); RECIPIENTS is empty for reciprocal
// acts. "main" marks the news event, "bg" a background event stated as fact.
// The evidence is copied verbatim from the page's text. Lines starting with
// "#" are comments (a page with no event has only "# none: why"). In the
// .events file of a JSONL page, a line "[id]" starts the events of the record
// with that id.
package sample

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

//go:embed pages
var Pages embed.FS

// IsPage reports whether name (a file name or path) is extraction input: a
// .txt, .html, .htm or .jsonl file. It is false for .events files.
func IsPage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".html", ".htm", ".jsonl":
		return true
	}
	return false
}

// PageNames returns the paths in Pages ("pages/…") of every page, in
// lexical order.
func PageNames() []string {
	var names []string
	entries, _ := fs.ReadDir(Pages, "pages") // the directory is embedded; cannot fail
	for _, e := range entries {
		if !e.IsDir() && IsPage(e.Name()) {
			names = append(names, "pages/"+e.Name())
		}
	}
	return names
}

// Event is one line of an .events file.
type Event struct {
	Doc        string // page name without extension, or the JSONL record id
	Type       string // PLOVER type, upper case
	Actors     []string
	Recipients []string // nil for reciprocal acts
	Main       bool
	Evidence   string
	Line       int // 1-based line in the .events file
}

// Expected returns the events listed for page, a path or name such as
// "pages/id-2024-07-indonesia-malaysia-batas.txt".
func Expected(page string) ([]Event, error) {
	base := strings.TrimSuffix(path.Base(page), path.Ext(page))
	file := "pages/" + base + ".events"
	data, err := Pages.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return ParseEvents(file, base, data)
}

// ParseEvents parses the content of an .events file. doc is the document id
// given to events that precede any "[id]" line; file is used in errors.
func ParseEvents(file, doc string, data []byte) ([]Event, error) {
	var evs []Event
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			doc = strings.TrimSpace(line[1 : len(line)-1])
			continue
		}
		ev, err := parseEvent(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, i+1, err)
		}
		ev.Doc, ev.Line = doc, i+1
		evs = append(evs, ev)
	}
	return evs, nil
}

func parseEvent(line string) (Event, error) {
	parts := strings.SplitN(line, "|", 3)
	if len(parts) != 3 {
		return Event{}, fmt.Errorf("want \"TYPE ACTORS -> RECIPIENTS | main|bg | evidence\", got %q", line)
	}
	head, rel, evidence := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.TrimSpace(parts[2])
	typ, dyad, ok := strings.Cut(head, " ")
	if !ok {
		return Event{}, fmt.Errorf("no parties in %q", head)
	}
	actors, recipients, ok := strings.Cut(dyad, "->")
	if !ok {
		return Event{}, fmt.Errorf("no \"->\" in %q", head)
	}
	ev := Event{
		Type:       typ,
		Actors:     codes(actors),
		Recipients: codes(recipients),
		Evidence:   evidence,
	}
	switch rel {
	case "main":
		ev.Main = true
	case "bg":
	default:
		return Event{}, fmt.Errorf("want main or bg, got %q", rel)
	}
	if len(ev.Actors) == 0 {
		return Event{}, fmt.Errorf("no actors in %q", head)
	}
	if evidence == "" {
		return Event{}, fmt.Errorf("no evidence")
	}
	return ev, nil
}

func codes(s string) []string {
	var out []string
	for c := range strings.SplitSeq(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
