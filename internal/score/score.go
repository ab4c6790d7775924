// Package score holds mitra's pinned score tables — PLOVER conflict–
// cooperation scores per event type and mode, and the PLOVER → CAMEO bridge
// with Goldstein values — and builds a pair's time series from them.
//
// The tables are text files with provenance headers in data/, embedded in
// the binary; Load reads an edited copy instead.
package score

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"mitra/internal/record"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/*.tsv
var data embed.FS

// Mapping is one row of the CAMEO bridge.
type Mapping struct {
	Root      string      // 2-digit CAMEO root code, e.g. "04"
	Code      string      // representative CAMEO event code, e.g. "042"
	Goldstein float64     // the root's value in the pinned Goldstein table
	Quad      record.Quad // PLOVER quad class of the type, 1–4
	Note      string      // why this code
}

// Tables are the pinned score tables. They are read-only after Load and
// safe for concurrent use.
type Tables struct {
	plover    map[string]float64 // "TYPE" and "TYPE|mode"
	cameo     map[string]Mapping // "TYPE" and "TYPE|mode"
	goldstein map[string]float64 // root → value
}

// Load reads plover.tsv, goldstein.tsv and cameo.tsv from fsys and checks
// them against each other: every PLOVER type has a score and a CAMEO row,
// every CAMEO row's root, Goldstein value and quad agree with the rules in
// cameo.tsv's header. Errors name the file and line.
func Load(fsys fs.FS) (*Tables, error) {
	t := &Tables{plover: map[string]float64{}, cameo: map[string]Mapping{}, goldstein: map[string]float64{}}
	err := readTSV(fsys, "goldstein.tsv", 3, func(f []string) error {
		if len(f[0]) != 2 {
			return fmt.Errorf("root %q is not two digits", f[0])
		}
		g, err := parseFloat(f[1])
		if err != nil {
			return err
		}
		t.goldstein[f[0]] = g
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(fsys, "plover.tsv", 3, func(f []string) error {
		k, err := key(f[0], f[1])
		if err != nil {
			return err
		}
		s, err := parseFloat(f[2])
		if err != nil {
			return err
		}
		if s < -10 || s > 10 {
			return fmt.Errorf("score %v outside −10…+10", s)
		}
		if _, dup := t.plover[k]; dup {
			return fmt.Errorf("duplicate row for %s", k)
		}
		t.plover[k] = s
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(fsys, "cameo.tsv", 7, func(f []string) error {
		k, err := key(f[0], f[1])
		if err != nil {
			return err
		}
		m := Mapping{Root: f[2], Code: f[3], Note: f[6]}
		if m.Goldstein, err = parseFloat(f[4]); err != nil {
			return err
		}
		q, err := strconv.Atoi(f[5])
		m.Quad = record.Quad(q)
		if err != nil {
			return fmt.Errorf("quad %q: not a number", f[5])
		}
		if len(m.Code) < 3 || len(m.Code) > 4 || strings.Trim(m.Code, "0123456789") != "" {
			return fmt.Errorf("code %q is not a 3- or 4-digit CAMEO code", m.Code)
		}
		if m.Root != m.Code[:2] {
			return fmt.Errorf("root %s does not start code %s", m.Root, m.Code)
		}
		g, ok := t.goldstein[m.Root]
		if !ok {
			return fmt.Errorf("root %s not in goldstein.tsv", m.Root)
		}
		if g != m.Goldstein {
			return fmt.Errorf("goldstein %v differs from root %s's %v in goldstein.tsv", m.Goldstein, m.Root, g)
		}
		if q := record.QuadOf(strings.ToUpper(f[0])); m.Quad != q {
			return fmt.Errorf("quad %d differs from PLOVER's %d for %s", m.Quad, q, f[0])
		}
		if _, dup := t.cameo[k]; dup {
			return fmt.Errorf("duplicate row for %s", k)
		}
		t.cameo[k] = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, typ := range record.Types {
		if _, ok := t.plover[string(typ)]; !ok {
			return nil, fmt.Errorf("plover.tsv: no score for type %s", typ)
		}
		if _, ok := t.cameo[string(typ)]; !ok {
			return nil, fmt.Errorf("cameo.tsv: no row for type %s", typ)
		}
	}
	return t, nil
}

func key(typ, mode string) (string, error) {
	typ = strings.ToUpper(typ)
	if record.QuadOf(typ) == 0 {
		return "", fmt.Errorf("unknown PLOVER type %q", typ)
	}
	if mode == "-" || mode == "" {
		return typ, nil
	}
	return typ + "|" + strings.ToLower(mode), nil
}

func parseFloat(s string) (float64, error) {
	// Accept the typographic minus people paste from the manual.
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, "−", "-"), 64)
	if err != nil {
		return 0, fmt.Errorf("%q: not a number", s)
	}
	return v, nil
}

// readTSV calls row with the tab-separated fields of each line that is not
// blank or a # comment; errors come back as "name:line: reason".
func readTSV(fsys fs.FS, name string, fields int, row func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("load score table: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != fields {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, n, len(cols), fields)
		}
		if err := row(cols); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Default returns the embedded tables. It panics if they do not load, which
// the package's tests rule out.
var Default = sync.OnceValue(func() *Tables {
	sub, err := fs.Sub(data, "data")
	if err == nil {
		var t *Tables
		if t, err = Load(sub); err == nil {
			return t
		}
	}
	panic("score: embedded tables: " + err.Error())
})

// Plover returns the PLOVER conflict–cooperation score (−10…+10) of an
// event type and mode: the mode's score when the table has one, else the
// type's; 0 for an unknown type. Case does not matter.
func (t *Tables) Plover(typ record.Type, mode record.Mode) float64 {
	k, err := key(string(typ), string(mode))
	if err != nil {
		return 0
	}
	if s, ok := t.plover[k]; ok {
		return s
	}
	return t.plover[strings.ToUpper(string(typ))]
}

// Mapping returns the CAMEO bridge row of a type and mode: the mode's row
// when there is one, else the type's; ok is false for an unknown type.
func (t *Tables) Mapping(typ record.Type, mode record.Mode) (m Mapping, ok bool) {
	k, err := key(string(typ), string(mode))
	if err != nil {
		return Mapping{}, false
	}
	if m, ok := t.cameo[k]; ok {
		return m, true
	}
	m, ok = t.cameo[strings.ToUpper(string(typ))]
	return m, ok
}

// Plover returns the pinned PLOVER score of a type and mode (see
// Tables.Plover).
func Plover(typ record.Type, mode record.Mode) float64 { return Default().Plover(typ, mode) }

// CAMEO returns the pinned CAMEO bridge for a type and mode: root code,
// representative event code, the root's Goldstein value and the PLOVER quad
// class; all zero values for an unknown type. See data/cameo.tsv for every
// choice; the mapping is lossy.
func CAMEO(typ record.Type, mode record.Mode) (root, code string, goldstein float64, quad record.Quad) {
	m, _ := Default().Mapping(typ, mode)
	return m.Root, m.Code, m.Goldstein, m.Quad
}
