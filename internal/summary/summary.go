// Package summary writes an event's one-line summary in the reader's
// language: "Russia signed an agreement with Mali on energy, 22 June
// 2024" or "Rusia menandatangani perjanjian dengan Mali di bidang energi,
// 22 Juni 2024". The line is made from the record (type, mode, parties,
// date) and the words of its evidence (a signing, a withdrawal, a topic),
// never copied from the page, so a reader of either language can scan a
// list and keep the original sentence beside it as the evidence.
//
// The phrases are data (data/phrases.tsv, sign.txt, topics.tsv), embedded
// and replaceable with Load.
package summary

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"mitra/internal/phrase"
	"mitra/internal/record"
	"mitra/internal/shift"
)

//go:embed data/*.tsv data/*.txt
var data embed.FS

// Languages a summary can be written in.
const (
	English    = "en"
	Indonesian = "id"
)

// Names names a party in a language.
type Names func(code, lang string) string

// Writer writes summaries. It is read-only after Load and safe for
// concurrent use.
type Writer struct {
	rows   map[rowKey]row
	sign   *phrase.Set
	exit   *phrase.Set
	topics []topic
}

type rowKey struct {
	typ     record.Type
	mode    record.Mode
	variant string
}

// row holds a row's phrases: [lang][reciprocal=0, directed=1].
type row map[string][2]string

type topic struct {
	words  *phrase.Set
	en, id string
}

// Default returns the embedded phrases.
func Default() *Writer {
	w, err := Load(data)
	if err != nil {
		panic(err) // the embedded files are tested
	}
	return w
}

// Load reads data/phrases.tsv, data/sign.txt and data/topics.tsv from fsys;
// errors name the file and line.
func Load(fsys fs.FS) (*Writer, error) {
	w := &Writer{rows: map[rowKey]row{}, exit: shift.DefaultWords()}
	err := readTSV(fsys, "data/phrases.tsv", 7, func(f []string) error {
		t, ok := record.ParseType(f[0])
		if !ok {
			return fmt.Errorf("unknown type %q", f[0])
		}
		k := rowKey{typ: t}
		if f[1] != "-" {
			k.mode = record.Mode(f[1])
			if !t.ValidMode(k.mode) {
				return fmt.Errorf("%s has no mode %q", t, f[1])
			}
		}
		switch f[2] {
		case "-":
		case "sign", "exit":
			k.variant = f[2]
		default:
			return fmt.Errorf("variant %q: want -, sign or exit", f[2])
		}
		if _, dup := w.rows[k]; dup {
			return fmt.Errorf("duplicate row for %s %s %s", f[0], f[1], f[2])
		}
		for _, p := range f[3:] {
			if !strings.Contains(p, "{A}") {
				return fmt.Errorf("phrase %q has no {A}", p)
			}
		}
		if !strings.Contains(f[4], "{R}") || !strings.Contains(f[6], "{R}") {
			return fmt.Errorf("a directed phrase has no {R}")
		}
		w.rows[k] = row{English: {f[3], f[4]}, Indonesian: {f[5], f[6]}}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range record.Types {
		if _, ok := w.rows[rowKey{typ: t}]; !ok {
			return nil, fmt.Errorf("data/phrases.tsv: no row for %s with any mode", t)
		}
	}
	if w.sign, err = phrase.Load(fsys, "data/sign.txt"); err != nil {
		return nil, err
	}
	err = readTSV(fsys, "data/topics.tsv", 3, func(f []string) error {
		s, err := phrase.Read("pattern", strings.NewReader(f[0]))
		if err != nil {
			return err
		}
		w.topics = append(w.topics, topic{s, f[1], f[2]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

func readTSV(fsys fs.FS, name string, cols int, fn func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != cols {
			return fmt.Errorf("%s:%d: %d columns, want %d", name, n, len(fields), cols)
		}
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
			if fields[i] == "" {
				return fmt.Errorf("%s:%d: column %d is empty", name, n, i+1)
			}
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// topicTypes are the types whose summary names what the act is about:
// "signed an agreement with Mali on energy", not "attacked Mali on
// defence".
var topicTypes = map[record.Type]bool{
	record.Agree: true, record.Consult: true, record.Support: true, record.Cooperate: true,
	record.Aid: true, record.Sanction: true, record.Request: true,
}

// exitAct reports whether an act of e's type and mode can be an exit (see
// shift.IsExit): a cooperative act that is no RETREAT of another mode.
func exitAct(e *record.Event) bool {
	q := e.Type.Quad()
	return (q == record.VerbalCoop || q == record.MaterialCoop) && (e.Type != record.Retreat || e.Mode == "")
}

// noTopicModes are modes whose act is not "on" a topic: a visit, a call,
// an expulsion.
var noTopicModes = map[record.Mode]bool{
	record.Visit: true, record.Phone: true, record.Expel: true, record.Convict: true, record.Withdraw: true,
}

// Line returns e's one-line summary in lang (English unless lang is
// "id" or "ms"), naming parties with names.
func (w *Writer) Line(e *record.Event, lang string, names Names) string {
	if lang == "ms" {
		lang = Indonesian
	}
	if lang != Indonesian {
		lang = English
	}
	// The words of the evidence, split once for every list.
	words := phrase.Words(e.Trigger + " . " + e.Sentence)
	sentence := phrase.Words(e.Sentence)
	variant := ""
	switch {
	case exitAct(e) && w.exit.MatchWords(words):
		variant = "exit"
	case e.Type == record.Retreat && e.Mode == record.Withdraw:
		variant = "exit"
	case (e.Type == record.Support || e.Type == record.Agree) && w.sign.MatchWords(words):
		variant = "sign"
	}
	r, ok := w.find(e.Type, e.Mode, variant)
	if !ok {
		// A type outside PLOVER (Load checked every type in it has a row).
		t := string(e.Type)
		if t == "" {
			t = "?"
		}
		r = row{English: {"{A}: " + t, "{A} → {R}: " + t}, Indonesian: {"{A}: " + t, "{A} → {R}: " + t}}
	}
	// One pass, so that a name holding "{R}" stays as it is.
	rep := strings.NewReplacer("{A}", list(e.Actors, lang, names), "{R}", list(e.Recipients, lang, names))
	s := rep.Replace(r[lang][0])
	if len(e.Recipients) > 0 {
		s = rep.Replace(r[lang][1])
	}
	if topicTypes[e.Type] && !noTopicModes[e.Mode] && variant != "exit" {
		for _, t := range w.topics {
			if t.words.MatchWords(sentence) {
				if lang == Indonesian {
					s += " di bidang " + t.id
				} else {
					s += " on " + t.en
				}
				break
			}
		}
	}
	s += ", " + when(e, lang)
	switch e.Factuality {
	case record.Negated:
		s = map[string]string{English: "(denied) ", Indonesian: "(dibantah) "}[lang] + s
	case record.Hypothetical:
		s = map[string]string{English: "(conditional) ", Indonesian: "(bersyarat) "}[lang] + s
	case record.Future:
		s = map[string]string{English: "(planned) ", Indonesian: "(rencana) "}[lang] + s
	}
	return s
}

func (w *Writer) find(t record.Type, m record.Mode, variant string) (row, bool) {
	for _, k := range []rowKey{{t, m, variant}, {t, m, ""}, {t, "", variant}, {t, "", ""}} {
		if r, ok := w.rows[k]; ok {
			return r, true
		}
	}
	return nil, false
}

// list joins party names: "Mali", "Mali and Niger", "Mali, Niger and
// Burkina Faso"; in Indonesian "Mali dan Niger", "Mali, Niger, dan
// Burkina Faso".
func list(ps []record.Party, lang string, names Names) string {
	var ns []string
	for _, p := range ps {
		n := p.Code
		if names != nil {
			if x := names(p.Code, lang); x != "" {
				n = x
			}
		}
		ns = append(ns, n)
	}
	and := map[string]string{English: " and ", Indonesian: " dan "}[lang]
	switch len(ns) {
	case 0:
		return "?"
	case 1:
		return ns[0]
	case 2:
		return ns[0] + and + ns[1]
	}
	last := and
	if lang == Indonesian {
		last = ", dan "
	}
	return strings.Join(ns[:len(ns)-1], ", ") + last + ns[len(ns)-1]
}

var monthNames = map[string][12]string{
	English:    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	Indonesian: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
}

// when says when the act happened at the precision the text fixes, or when
// it was reported when the text fixes nothing.
func when(e *record.Event, lang string) string {
	if e.Date != nil {
		if d := Date(*e.Date, lang); d != "" {
			return d
		}
	}
	if e.PubDate != nil {
		if d := Date(*e.PubDate, lang); d != "" {
			return map[string]string{English: "reported ", Indonesian: "diberitakan "}[lang] + d
		}
	}
	return map[string]string{English: "undated", Indonesian: "tanpa tanggal"}[lang]
}

// Date writes YYYY-MM-DD, YYYY-MM or YYYY as "24 June 2024", "June 2024"
// or "2024" ("24 Juni 2024" in Indonesian); "" when d is none of these.
func Date(d, lang string) string {
	if lang != Indonesian {
		lang = English
	}
	switch len(d) {
	case 10:
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return ""
		}
		return fmt.Sprintf("%d %s %d", t.Day(), monthNames[lang][t.Month()-1], t.Year())
	case 7:
		t, err := time.Parse("2006-01", d)
		if err != nil {
			return ""
		}
		return fmt.Sprintf("%s %d", monthNames[lang][t.Month()-1], t.Year())
	case 4:
		if _, err := time.Parse("2006", d); err != nil {
			return ""
		}
		return d
	}
	return ""
}
