package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"mitra/internal/record"
	"mitra/internal/store"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func ptr(s string) *string { return &s }

func party(codes ...string) []record.Party {
	var ps []record.Party
	for _, c := range codes {
		ps = append(ps, record.Party{Code: c, Text: c, Role: "GOV"})
	}
	return ps
}

func events() []store.Event {
	return []store.Event{
		{Event: record.Event{
			ID: "a1b2c3", Doc: "seed-000", Lang: "id", Type: "SUPPORT",
			Contexts: []string{"economic", "technology"},
			Actors:   party("MLI", "RUS"), Date: ptr("2025-06-23"), DatePrecision: "day",
			PubDate: ptr("2025-06-24"), Factuality: record.Asserted,
			Sentence: "Mali dan Rusia telah menandatangani serangkaian perjanjian, termasuk \"energi nuklir\".",
			Span:     [2]int{312, 415}, Trigger: "menandatangani", Quad: 1, Confidence: 0.82, Codebook: record.Codebook,
		}, DocHash: "9f86d081", ClusterID: 7},
		{Event: record.Event{
			ID: "d4e5f6", Doc: "seed-003", Lang: "id", Type: "SANCTION", Mode: "discontinue",
			Actors: party("NER"), Recipients: party("USA"), Factuality: record.Asserted,
			Sentence: "Niger mengakhiri perjanjian militer\r\ndengan AS; <tentara> & \"pangkalan\"\rditutup.",
			Span:     [2]int{10, 90}, Confidence: 0.5, Codebook: record.Codebook,
		}, DocHash: "60303ae2", ClusterID: 9},
	}
}

// docs are the pages of events(): the second has a formula-like title.
func docs() Docs {
	at := time.Date(2025, 6, 25, 8, 30, 0, 0, time.UTC)
	return Docs{
		"9f86d081": {Hash: "9f86d081", ID: "seed-000", Source: "seed-000.html", URL: "https://kabar.example/mali-rusia",
			Outlet: "kabar.example", Lang: "id", PubDate: "2025-06-24", Title: "Mali dan Rusia Teken Perjanjian", IngestedAt: at, TextLen: 2400},
		"60303ae2": {Hash: "60303ae2", ID: "seed-003", Source: "pages/seed-003.txt", Lang: "id",
			Title: "=HYPERLINK(\"http://evil.example\")", IngestedAt: at.Add(time.Hour), TextLen: 900},
	}
}

func clusters() []store.Cluster {
	return []store.Cluster{
		{ID: 7, Type: "SUPPORT", Actors: []string{"MLI", "RUS"}, Contexts: []string{"economic", "technology"},
			Date: "2025-06-23", First: "2025-06-23", Last: "2025-06-24", Mentions: 3, Sources: 2, Outlets: 2},
		{ID: 8, Type: "CONSULT", Mode: "visit", Actors: []string{"RUS"}, Recipients: []string{"MLI"},
			Date: "2025-06", First: "2025-06-10", Last: "2025-06-12", Mentions: 1, Sources: 1, Outlets: 1},
		{ID: 9, Type: "SANCTION", Mode: "discontinue", Actors: []string{"NER"}, Recipients: []string{"USA"},
			Date: "2024-03-16", First: "2024-03-16", Last: "2024-03-18", Mentions: 4, Sources: 3, Outlets: 3},
		{ID: 10, Type: "SANCTION", Mode: "expel", Actors: []string{"MLI"}, Recipients: []string{"FRA", "UN"},
			Date: "2022", First: "2022-08-15", Last: "2022-08-15", Mentions: 2, Sources: 2, Outlets: 1},
		{ID: 11, Type: "ACCUSE", Mode: "allege", Actors: []string{"FRA"}, Recipients: []string{"RUS", "MLI"},
			First: "2024-05-02", Last: "2024-05-02", Mentions: 1, Sources: 1, Outlets: 1},
		{ID: 12, Type: "MOBILIZE", Actors: []string{"RUS"}, Date: "2024-01-05", First: "2024-01-05", Last: "2024-01-05", Mentions: 1, Sources: 1, Outlets: 1},
		{ID: 13, Type: "NOSUCH", Actors: []string{"XXX", "YYY"}, Date: "2024-01-05"},
	}
}

func names(code string) (string, string) {
	switch code {
	case "RUS":
		return "Rusia", "Russia"
	case "MLI":
		return "Mali", "Mali"
	case "FRA":
		return "Prancis", "France"
	case "UN":
		return "PBB <Perserikatan Bangsa-Bangsa> & \"mitra\"", "United Nations"
	case "NER":
		return "Niger\x00\xff", "Niger"
	}
	return "", ""
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and inspect the diff):\n%s", name, got)
	}
}

func TestJSONL(t *testing.T) {
	var buf bytes.Buffer
	if err := JSONL(&buf, events(), docs()); err != nil {
		t.Fatal(err)
	}
	golden(t, "events.jsonl.golden", buf.Bytes())
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "doc", "type", "mode", "contexts", "actors", "recipients", "date", "pub_date",
		"factuality", "sentence", "span", "confidence", "codebook", "quad", "cluster_id", "doc_hash", "url", "outlet", "title"} {
		if _, ok := m[k]; !ok {
			t.Errorf("record has no %q", k)
		}
	}
	if m["date"] != nil || m["cluster_id"] != 9.0 || m["doc_hash"] != "60303ae2" || m["quad"] != 4.0 || m["url"] != "" {
		t.Errorf("record %v", m)
	}
	if c, ok := m["contexts"].([]any); !ok || len(c) != 0 {
		t.Errorf("empty contexts = %#v, want []", m["contexts"])
	}
	// The event part reads back as an record.Event.
	var e record.Event
	want := events()[0].Event
	want.Recipients = []record.Party{} // written as []
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil || !reflect.DeepEqual(e, want) {
		t.Errorf("round trip: %+v, %v", e, err)
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	evs := events()
	if err := CSV(&buf, evs, docs()); err != nil {
		t.Fatal(err)
	}
	golden(t, "events.csv.golden", buf.Bytes())
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !reflect.DeepEqual(rows[0], CSVHeader) {
		t.Fatalf("rows %q", rows)
	}
	col := func(row int, name string) string { return rows[row][slices.Index(CSVHeader, name)] }
	want := []string{"d4e5f6", "seed-003", "", "", "", "", "", "SANCTION", "discontinue", "4", "NER", "USA", "", "asserted", "0.5",
		"Niger mengakhiri perjanjian militer\ndengan AS; <tentara> & \"pangkalan\"\nditutup.", "10", "90", "9",
		"60303ae2", "", "", "'=HYPERLINK(\"http://evil.example\")"}
	if !reflect.DeepEqual(rows[2], want) {
		t.Errorf("row 2:\n got %q\nwant %q", rows[2], want)
	}
	if col(1, "actors") != "MLI;RUS" || col(1, "contexts") != "economic;technology" || col(1, "date") != "2025-06-23" ||
		col(1, "date_precision") != "day" || col(1, "day") != "2025-06-23" || col(1, "url") != "https://kabar.example/mali-rusia" ||
		col(1, "outlet") != "kabar.example" || col(1, "title") != "Mali dan Rusia Teken Perjanjian" {
		t.Errorf("row 1: %q", rows[1])
	}
	// Without docs the page columns are empty, not missing.
	buf.Reset()
	if err := CSV(&buf, evs, nil); err != nil {
		t.Fatal(err)
	}
	if rows, _ := csv.NewReader(&buf).ReadAll(); len(rows) != 3 || rows[1][len(CSVHeader)-3] != "" {
		t.Errorf("no docs: %q", rows)
	}
}

// TestCSVDates: every date is an ISO day whatever its precision, with the
// precision beside it, so that every row parses as a date.
func TestCSVDates(t *testing.T) {
	evs := []store.Event{}
	for i, d := range []struct{ date, prec, pub string }{
		{"2024-03-05", "day", "2024-03-06"}, {"2024-03", "month", "2024-03-20"}, {"2024", "year", "2024"}, {"", "", "2024-05"},
	} {
		e := events()[0]
		e.ID = strconv.Itoa(i)
		e.Date, e.DatePrecision, e.PubDate = nil, "", nil
		if d.date != "" {
			e.Date, e.DatePrecision = ptr(d.date), d.prec
		}
		e.PubDate = ptr(d.pub)
		evs = append(evs, e)
	}
	var buf bytes.Buffer
	if err := CSV(&buf, evs, nil); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][5]string{
		{"2024-03-05", "day", "2024-03-06", "day", "2024-03-05"},
		{"2024-03-01", "month", "2024-03-20", "day", "2024-03-01"},
		{"2024-01-01", "year", "2024-01-01", "year", "2024-01-01"},
		{"", "", "2024-05-01", "month", "2024-05-01"},
	}
	for i, w := range want {
		got := [5]string(rows[i+1][2:7])
		if got != w {
			t.Errorf("row %d: %q, want %q", i+1, got, w)
		}
		for _, d := range []string{got[0], got[2], got[4]} {
			if _, err := time.Parse(time.DateOnly, d); d != "" && err != nil {
				t.Errorf("row %d: %q is not an ISO day", i+1, d)
			}
		}
	}
}

// TestCell: text cells a spreadsheet would run as formulas are neutralised,
// in every tabular writer; numbers mitra formats are not.
func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+62 21": "'+62 21", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"": "", "Rusia": "Rusia", "a=b": "a=b", "'=x": "'=x",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
	evil := "=cmd|' /C calc'!A0"
	e := events()[1]
	e.Sentence, e.Doc, e.Mode = evil, "@doc", "+mode"
	e.Actors = party("-RUS")
	c := clusters()[2]
	c.Actors, c.Contexts = []string{"=X"}, []string{"@ctx"}
	d := Docs{e.DocHash: {Hash: e.DocHash, URL: "=http://x", Outlet: "+outlet", Title: "-title", Source: "s"}}
	acts := Acts{Clusters: []store.Cluster{c}, Events: []store.Event{func() store.Event { x := e; x.ClusterID = c.ID; return x }()}, Docs: d}
	var outs []string
	var buf bytes.Buffer
	if err := CSV(&buf, []store.Event{e}, d); err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	for _, f := range rows[1] {
		outs = append(outs, f)
	}
	buf.Reset()
	if err := CAMEO(&buf, acts); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n")[1:] {
		outs = append(outs, strings.Split(l, "\t")...)
	}
	var ev, mv bytes.Buffer
	if _, err := GDELT(&ev, &mv, acts, GDELTOptions{Name: func(string) string { return "=NAME" }}); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(ev.String()+mv.String()), "\n") {
		outs = append(outs, strings.Split(l, "\t")...)
	}
	for _, f := range outs {
		if f != "" && strings.IndexByte("=+@\t\r", f[0]) >= 0 {
			t.Errorf("cell %q would run as a formula", f)
		}
		if strings.HasPrefix(f, "-") {
			if _, err := strconv.ParseFloat(f, 64); err != nil {
				t.Errorf("cell %q starts with - and is not a number", f)
			}
		}
	}
}

func TestCAMEO(t *testing.T) {
	var buf bytes.Buffer
	if err := CAMEO(&buf, acts()); err != nil {
		t.Fatal(err)
	}
	golden(t, "clusters.cameo.tsv.golden", buf.Bytes())
	r := csv.NewReader(&buf)
	r.Comma = '\t'
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 || !reflect.DeepEqual(rows[0], CAMEOHeader) {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, h := range CAMEOHeader {
		col[h] = i
	}
	get := func(row int, name string) string { return rows[row][col[name]] }
	tests := []struct {
		row              int
		date, a1, a2     string
		code, base, root string
		quad, gs         string
	}{
		{1, "20250623", "MLI", "RUS", "050", "050", "05", "1", "3.5"},  // reciprocal: two actors
		{2, "20250610", "RUS", "MLI", "042", "042", "04", "1", "1.0"},  // month date: first report's day
		{3, "20240316", "NER", "USA", "160", "160", "16", "4", "-4.0"}, //
		{4, "20220815", "MLI", "FRA", "166", "166", "16", "4", "-4.0"}, // three parties: first recipient
		{5, "20240502", "FRA", "RUS", "112", "112", "11", "3", "-2.0"}, // no Date: First
		{6, "20240105", "RUS", "", "150", "150", "15", "4", "-7.2"},    // one party
		{7, "20240105", "XXX", "YYY", "", "", "", "0", ""},             // unknown type: no CAMEO code
	}
	for _, tc := range tests {
		got := []string{get(tc.row, "SQLDATE"), get(tc.row, "Actor1Code"), get(tc.row, "Actor2Code"),
			get(tc.row, "EventCode"), get(tc.row, "EventBaseCode"), get(tc.row, "EventRootCode"),
			get(tc.row, "QuadClass"), get(tc.row, "GoldsteinScale")}
		want := []string{tc.date, tc.a1, tc.a2, tc.code, tc.base, tc.root, tc.quad, tc.gs}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("row %d: got %q, want %q", tc.row, got, want)
		}
	}
	if get(4, "Recipients") != "FRA;UN" || get(4, "NumMentions") != "2" || get(4, "NumArticles") != "2" || get(4, "NumSources") != "1" {
		t.Errorf("row 4: %q", rows[4])
	}
	if get(1, "SOURCEURL") != "https://kabar.example/mali-rusia" || get(1, "Outlet") != "kabar.example" || get(3, "SOURCEURL") != "pages/seed-003.txt" || get(2, "SOURCEURL") != "" {
		t.Errorf("report columns: %q / %q / %q", rows[1][21:], rows[3][21:], rows[2][21:])
	}
}

// acts are clusters() with events() as mentions of clusters 7 and 9, and
// their pages.
func acts() Acts {
	return Acts{Clusters: clusters(), Events: events(), Docs: docs()}
}

func TestBuildGraph(t *testing.T) {
	g := BuildGraph(store.LinksOf(clusters()), names)
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	if want := []string{"FRA", "MLI", "NER", "RUS", "UN", "USA"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("nodes %v, want %v", ids, want)
	}
	want := []Edge{
		{"FRA", "MLI", 2, (-5.5 - 3.5) / 2, 0, 2, "2022-08-15", "2024-05-02", nil},
		{"FRA", "RUS", 1, -3.5, 0, 1, "2024-05-02", "2024-05-02", nil},
		{"FRA", "UN", 1, -5.5, 0, 1, "2022-08-15", "2022-08-15", nil},
		{"MLI", "RUS", 3, (5 + 4 - 3.5) / 3, 2, 1, "2024-05-02", "2025-06-24", nil},
		{"MLI", "UN", 1, -5.5, 0, 1, "2022-08-15", "2022-08-15", nil},
		{"NER", "USA", 1, -6, 0, 1, "2024-03-16", "2024-03-18", nil},
	}
	if !reflect.DeepEqual(g.Edges, want) {
		t.Errorf("edges:\n got %+v\nwant %+v", g.Edges, want)
	}
	if g.From != "2022-08-15" || g.To != "2025-06-24" {
		t.Errorf("period %s to %s", g.From, g.To)
	}
	if n := BuildGraph(store.LinksOf(clusters()[:1]), nil).Nodes[0]; n.Label != "MLI" || n.LabelEN != "MLI" {
		t.Errorf("nil names: %+v", n)
	}
	if n := g.Nodes[1]; n.ID != "MLI" || n.First != "2022-08-15" || n.Last != "2025-06-24" || n.Acts != 4 {
		t.Errorf("node MLI: %+v", n)
	}
}

// TestAddSpells: an edge's spells are its acts' days, merged where they
// overlap or touch.
func TestAddSpells(t *testing.T) {
	cs := []store.Cluster{
		{ID: 1, Type: "AGREE", Actors: []string{"IDN", "MYS"}, First: "2024-01-01", Last: "2024-01-03"},
		{ID: 2, Type: "CONSULT", Actors: []string{"MYS"}, Recipients: []string{"IDN"}, First: "2024-01-04", Last: "2024-01-04"}, // touches
		{ID: 3, Type: "AGREE", Actors: []string{"IDN", "MYS"}, First: "2024-01-02", Last: "2024-01-02"},                         // inside
		{ID: 4, Type: "ACCUSE", Actors: []string{"IDN"}, Recipients: []string{"MYS"}, First: "2024-03-10", Last: "2024-03-12"},
		{ID: 5, Type: "ACCUSE", Actors: []string{"IDN"}, Recipients: []string{"MYS"}},                    // no day
		{ID: 6, Type: "NOSUCH", Actors: []string{"IDN", "MYS"}, First: "2024-06-01", Last: "2024-06-01"}, // unknown type
	}
	g := BuildGraph(store.LinksOf(cs), nil)
	g.AddSpells(cs)
	want := [][2]string{{"2024-01-01", "2024-01-04"}, {"2024-03-10", "2024-03-12"}}
	if len(g.Edges) != 1 || !reflect.DeepEqual(g.Edges[0].Spells, want) {
		t.Errorf("edges %+v, want spells %v", g.Edges, want)
	}
}

// Parsed forms of the two XML formats, namespace-checked.
type parsedGraphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []gmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []gmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type parsedGEXF struct {
	XMLName xml.Name `xml:"http://www.gexf.net/1.2draft gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		DefaultEdgeType string `xml:"defaultedgetype,attr"`
		Mode            string `xml:"mode,attr"`
		TimeFormat      string `xml:"timeformat,attr"`
		Attributes      []struct {
			Class string     `xml:"class,attr"`
			Attrs []gexfAttr `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID        string       `xml:"id,attr"`
			Label     string       `xml:"label,attr"`
			Start     string       `xml:"start,attr"`
			End       string       `xml:"end,attr"`
			AttValues []gexfAttVal `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			Source    string       `xml:"source,attr"`
			Target    string       `xml:"target,attr"`
			Weight    float64      `xml:"weight,attr"`
			AttValues []gexfAttVal `xml:"attvalues>attvalue"`
			Spells    []gexfSpell  `xml:"spells>spell"`
			Color     struct {
				XMLName xml.Name `xml:"http://www.gexf.net/1.2draft/viz color"`
				R       int      `xml:"r,attr"`
				G       int      `xml:"g,attr"`
				B       int      `xml:"b,attr"`
			}
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

func data(ds []gmlData) map[string]string {
	m := map[string]string{}
	for _, d := range ds {
		m[d.Key] = d.Value
	}
	return m
}

func TestGraphML(t *testing.T) {
	g := BuildGraph(store.LinksOf(clusters()), names)
	var buf bytes.Buffer
	if err := GraphML(&buf, g); err != nil {
		t.Fatal(err)
	}
	golden(t, "graph.graphml.golden", buf.Bytes())
	var p parsedGraphML
	if err := xml.Unmarshal(buf.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Graph.Nodes) != len(g.Nodes) || len(p.Graph.Edges) != len(g.Edges) || p.Graph.EdgeDefault != "undirected" {
		t.Fatalf("%d nodes, %d edges, %q", len(p.Graph.Nodes), len(p.Graph.Edges), p.Graph.EdgeDefault)
	}
	declared := map[string]string{}
	for _, k := range p.Keys {
		declared[k.ID] = k.For + ":" + k.Type
	}
	if declared["weight"] != "edge:double" || declared["label"] != "node:string" || declared["score"] != "edge:double" {
		t.Errorf("keys %v", declared)
	}
	for _, n := range p.Graph.Nodes {
		for k := range data(n.Data) {
			if !strings.HasPrefix(declared[k], "node:") {
				t.Errorf("node data key %q not declared for nodes", k)
			}
		}
	}
	un := data(p.Graph.Nodes[4].Data)
	if p.Graph.Nodes[4].ID != "UN" || un["label"] != "PBB <Perserikatan Bangsa-Bangsa> & \"mitra\"" || un["label_en"] != "United Nations" {
		t.Errorf("escaped label read back as %v", un)
	}
	e := p.Graph.Edges[3]
	if d := data(e.Data); e.Source != "MLI" || e.Target != "RUS" || d["weight"] != "3" || d["score"] != "1.8333" || d["coop"] != "2" {
		t.Errorf("edge MLI–RUS %v", d)
	}
}

func TestGEXF(t *testing.T) {
	g := BuildGraph(store.LinksOf(clusters()), names)
	g.AddSpells(clusters())
	var buf bytes.Buffer
	if err := GEXF(&buf, g); err != nil {
		t.Fatal(err)
	}
	golden(t, "graph.gexf.golden", buf.Bytes())
	var p parsedGEXF
	if err := xml.Unmarshal(buf.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Version != "1.2" || p.Graph.DefaultEdgeType != "undirected" || p.Graph.Mode != "dynamic" || p.Graph.TimeFormat != "date" {
		t.Errorf("version %q, edge type %q, mode %q, time format %q", p.Version, p.Graph.DefaultEdgeType, p.Graph.Mode, p.Graph.TimeFormat)
	}
	if n := p.Graph.Nodes[1]; n.ID != "MLI" || n.Start != "2022-08-15" || n.End != "2025-06-24" {
		t.Errorf("node MLI: %+v", n)
	}
	if e := p.Graph.Edges[3]; e.Source != "MLI" || e.Target != "RUS" || !reflect.DeepEqual(e.Spells, []gexfSpell{{"2024-05-02", "2024-05-02"}, {"2025-06-10", "2025-06-12"}, {"2025-06-23", "2025-06-24"}}) {
		t.Errorf("edge MLI–RUS spells %+v", e.Spells)
	}
	if len(p.Graph.Nodes) != 6 || len(p.Graph.Edges) != 6 {
		t.Fatalf("%d nodes, %d edges", len(p.Graph.Nodes), len(p.Graph.Edges))
	}
	declared := map[string]bool{}
	for _, a := range p.Graph.Attributes {
		for _, x := range a.Attrs {
			declared[a.Class+":"+x.ID] = true
		}
	}
	for _, n := range p.Graph.Nodes {
		for _, v := range n.AttValues {
			if !declared["node:"+v.For] {
				t.Errorf("node attvalue %q not declared", v.For)
			}
		}
	}
	if n := p.Graph.Nodes[2]; n.ID != "NER" || n.Label != "Niger\uFFFD\uFFFD" {
		t.Errorf("control and invalid bytes: %q", n.Label)
	}
	e := p.Graph.Edges[5]
	if e.Source != "NER" || e.Target != "USA" || e.Weight != 1 || e.Color.R <= e.Color.G {
		t.Errorf("edge NER–USA %+v", e)
	}
	for _, v := range e.AttValues {
		if !declared["edge:"+v.For] {
			t.Errorf("edge attvalue %q not declared", v.For)
		}
	}
	if coop := p.Graph.Edges[3]; coop.Color.G <= coop.Color.R {
		t.Errorf("cooperative edge colour %+v", coop.Color)
	}
}

func TestEmpty(t *testing.T) {
	for name, f := range map[string]func(io.Writer) error{
		"jsonl":   func(w io.Writer) error { return JSONL(w, nil, nil) },
		"csv":     func(w io.Writer) error { return CSV(w, nil, nil) },
		"cameo":   func(w io.Writer) error { return CAMEO(w, Acts{}) },
		"gdelt":   func(w io.Writer) error { _, err := GDELT(w, w, Acts{}, GDELTOptions{Header: true}); return err },
		"graphml": func(w io.Writer) error { return GraphML(w, BuildGraph(nil, nil)) },
		"gexf":    func(w io.Writer) error { return GEXF(w, BuildGraph(nil, nil)) },
	} {
		var buf bytes.Buffer
		if err := f(&buf); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if name == "gexf" || name == "graphml" {
			if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
				t.Errorf("%s: empty graph is not XML: %v", name, err)
			}
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestWriteErrors(t *testing.T) {
	g := BuildGraph(store.LinksOf(clusters()), names)
	for name, err := range map[string]error{
		"jsonl": JSONL(failWriter{}, events(), docs()),
		"csv":   CSV(failWriter{}, events(), docs()),
		"cameo": CAMEO(failWriter{}, acts()),
		"gdelt": func() error {
			_, err := GDELT(failWriter{}, nil, acts(), GDELTOptions{})
			return err
		}(),
		"gdelt mentions": func() error {
			_, err := GDELT(io.Discard, failWriter{}, acts(), GDELTOptions{})
			return err
		}(),
		"graphml": GraphML(failWriter{}, g),
		"gexf":    GEXF(failWriter{}, g),
	} {
		if err == nil {
			t.Errorf("%s: no error on a failing writer", name)
		}
	}
}

// FuzzWriters feeds odd strings (quotes, line breaks, tabs, NULs, invalid
// UTF-8, XML markup) through every writer: output must stay parseable and
// the CSV must round-trip.
func FuzzWriters(f *testing.F) {
	for _, s := range []string{"", "\"", "a,b\r\nc", "\xff\xfe", "<x a='&'>", "\t\x00\x1b", "\uFFFE\uFFFF", "«Rusia» – \"Mali\""} {
		f.Add(s, "RUS")
	}
	f.Fuzz(func(t *testing.T, s, code string) {
		e := events()[1]
		e.Sentence, e.Doc, e.ID = s, s, code
		e.Mode = record.Mode(s)
		e.Contexts = []string{s, code}
		e.Actors = party(code, s)
		evs := []store.Event{e}

		d := Docs{e.DocHash: {Hash: e.DocHash, URL: s, Outlet: code, Title: s, Source: s}}
		var buf bytes.Buffer
		if err := JSONL(&buf, evs, d); err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(buf.Bytes()) || strings.Count(buf.String(), "\n") != 1 {
			t.Fatalf("jsonl not one valid line: %q", buf.String())
		}
		var back map[string]any
		if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
			t.Fatalf("jsonl: %v", err)
		}

		buf.Reset()
		if err := CSV(&buf, evs, d); err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(buf.Bytes()) {
			t.Fatal("csv not valid UTF-8")
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(rows) != 2 || len(rows[1]) != len(CSVHeader) {
			t.Fatalf("csv read back: %v, %q", err, rows)
		}
		if want := csvField(Cell(s)); rows[1][15] != want || rows[1][1] != want || rows[1][len(CSVHeader)-1] != want {
			t.Fatalf("csv sentence %q, want %q", rows[1][15], want)
		}

		c := clusters()[0]
		c.Type, c.Mode, c.Date = record.Type(s), record.Mode(code), s
		c.Actors = []string{code, s}
		c.Contexts = []string{s}
		e.ClusterID = c.ID
		a := Acts{Clusters: []store.Cluster{c}, Events: []store.Event{e}, Docs: d}
		buf.Reset()
		if err := CAMEO(&buf, a); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if len(lines) != 2 || strings.Count(lines[1], "\t") != len(CAMEOHeader)-1 || !utf8.ValidString(buf.String()) {
			t.Fatalf("cameo: %q", buf.String())
		}
		var mb bytes.Buffer
		buf.Reset()
		if _, err := GDELT(&buf, &mb, a, GDELTOptions{Name: func(string) string { return s }}); err != nil {
			t.Fatal(err)
		}
		lines = strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		mlines := strings.Split(strings.TrimSuffix(mb.String(), "\n"), "\n")
		if len(lines) != 1 || strings.Count(lines[0], "\t") != len(GDELTHeader)-1 || !utf8.ValidString(buf.String()) ||
			len(mlines) != 1 || strings.Count(mlines[0], "\t") != len(GDELTMentionsHeader)-1 || !utf8.ValidString(mb.String()) {
			t.Fatalf("gdelt: %q\n%q", buf.String(), mb.String())
		}

		g := Graph{
			Nodes: []Node{{ID: code, Label: s, LabelEN: s}, {ID: s, Label: code}},
			Edges: []Edge{{Source: code, Target: s, Count: 1}},
			From:  s,
		}
		for _, w := range []func(io.Writer, Graph) error{GraphML, GEXF} {
			buf.Reset()
			if err := w(&buf, g); err != nil {
				t.Fatal(err)
			}
			var anyDoc struct {
				XMLName xml.Name
			}
			if err := xml.Unmarshal(buf.Bytes(), &anyDoc); err != nil {
				t.Fatalf("xml: %v\n%s", err, buf.String())
			}
		}
	})
}

// TestGDELT: the 61 columns of GDELT 2.0's event table in GDELT's order and
// its 16-column mentions table.
func TestGDELT(t *testing.T) {
	if len(GDELTHeader) != 61 || len(GDELTMentionsHeader) != 16 {
		t.Fatalf("%d event columns, %d mention columns; GDELT 2.0 has 61 and 16", len(GDELTHeader), len(GDELTMentionsHeader))
	}
	// Spot-check positions against GDELT 2.0's codebook.
	for i, name := range map[int]string{0: "GLOBALEVENTID", 1: "SQLDATE", 5: "Actor1Code", 15: "Actor2Code", 25: "IsRootEvent",
		26: "EventCode", 29: "QuadClass", 30: "GoldsteinScale", 34: "AvgTone", 35: "Actor1Geo_Type", 39: "Actor1Geo_ADM2Code",
		51: "ActionGeo_Type", 58: "ActionGeo_FeatureID", 59: "DATEADDED", 60: "SOURCEURL"} {
		if GDELTHeader[i] != name {
			t.Errorf("column %d is %s, want %s", i+1, GDELTHeader[i], name)
		}
	}
	var ev, mv bytes.Buffer
	en := func(code string) string { _, e := names(code); return e }
	st, err := GDELT(&ev, &mv, acts(), GDELTOptions{Name: en, Header: true})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "acts.gdelt.tsv.golden", ev.Bytes())
	golden(t, "acts.gdelt-mentions.tsv.golden", mv.Bytes())
	if st.Events != 7 || st.Mentions != 2 || st.Undated != 0 {
		t.Errorf("stats %+v", st)
	}
	read := func(b []byte, cols int) [][]string {
		var rows [][]string
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			f := strings.Split(l, "\t")
			if len(f) != cols {
				t.Fatalf("%d columns, want %d: %q", len(f), cols, l)
			}
			rows = append(rows, f)
		}
		return rows
	}
	rows := read(ev.Bytes(), 61)
	if !reflect.DeepEqual(rows[0], GDELTHeader) {
		t.Errorf("header %q", rows[0])
	}
	get := func(row int, name string) string { return rows[row][slices.Index(GDELTHeader, name)] }
	// Row 1: cluster 7, MLI–RUS signing, reported by seed-000.
	for name, want := range map[string]string{
		"GLOBALEVENTID": "7", "SQLDATE": "20250623", "MonthYear": "202506", "Year": "2025", "FractionDate": "2025.4767",
		"Actor1Code": "MLI", "Actor1Name": "MALI", "Actor1CountryCode": "MLI", "Actor1Type1Code": "GOV",
		"Actor2Code": "RUS", "Actor2Name": "RUSSIA", "EventCode": "050", "EventRootCode": "05", "QuadClass": "1",
		"GoldsteinScale": "3.5", "NumMentions": "3", "NumSources": "2", "NumArticles": "2", "AvgTone": "", "IsRootEvent": "",
		"DATEADDED": "20250625083000", "SOURCEURL": "https://kabar.example/mali-rusia",
	} {
		if got := get(1, name); got != want {
			t.Errorf("row 1 %s = %q, want %q", name, got, want)
		}
	}
	// Row 4: cluster 10, MLI expels FRA and the UN; dated 2022 only, so its
	// first report's day. The UN has no country code.
	if get(4, "SQLDATE") != "20220815" || get(4, "Actor2Code") != "FRA" || get(4, "Actor2CountryCode") != "FRA" {
		t.Errorf("row 4: %q", rows[4][:25])
	}
	if get(6, "Actor2Code") != "" || get(6, "Actor2Name") != "" {
		t.Errorf("one-party act has an Actor2: %q", rows[6][15:25])
	}
	m := read(mv.Bytes(), 16)
	if !reflect.DeepEqual(m[0], GDELTMentionsHeader) || len(m) != 3 {
		t.Fatalf("mentions %q", m)
	}
	mget := func(row int, name string) string { return m[row][slices.Index(GDELTMentionsHeader, name)] }
	for name, want := range map[string]string{
		"GLOBALEVENTID": "7", "EventTimeDate": "20250625083000", "MentionTimeDate": "20250625083000", "MentionType": "1",
		"MentionSourceName": "kabar.example", "MentionIdentifier": "https://kabar.example/mali-rusia", "ActionCharOffset": "312",
		"Actor1CharOffset": "-1", "InRawText": "1", "Confidence": "82", "MentionDocLen": "2400", "Extras": "<MITRA_EVENT_ID>a1b2c3</MITRA_EVENT_ID>",
	} {
		if got := mget(1, name); got != want {
			t.Errorf("mention 1 %s = %q, want %q", name, got, want)
		}
	}
	if mget(2, "MentionType") != "2" || mget(2, "MentionIdentifier") != "pages/seed-003.txt" {
		t.Errorf("a page without a URL is a citation: %q", m[2])
	}
	// Without a header, and an act with no day at all.
	c := clusters()[0]
	c.Date, c.First, c.Last = "", "", ""
	ev.Reset()
	st, err = GDELT(&ev, nil, Acts{Clusters: []store.Cluster{c}}, GDELTOptions{})
	if err != nil || st.Undated != 1 || strings.HasPrefix(ev.String(), "GLOBALEVENTID") || strings.Split(ev.String(), "\t")[1] != "" {
		t.Errorf("undated: %v %+v %q", err, st, ev.String())
	}
}
