package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"mitra/internal/score"
	"mitra/internal/store"
)

// Graph is the network of parties for a period: undirected, one edge per
// pair of parties that acted together or on each other.
type Graph struct {
	Nodes    []Node
	Edges    []Edge
	From, To string // the period covered, YYYY-MM-DD (or "" when open)
}

// Node is one party.
type Node struct {
	ID          string // the party code, e.g. "RUS"
	Label       string // its Indonesian name
	LabelEN     string // its English name
	Acts        int    // acts (clusters) it takes part in
	First, Last string // the days of its first and last acts ("" when unknown)
}

// Edge aggregates the acts between an unordered pair (Source < Target).
type Edge struct {
	Source, Target string
	Count          int     // acts (clusters) involving both
	Score          float64 // mean PLOVER score of those acts, −10…+10
	Coop, Conflict int     // acts of quad class 1–2 and 3–4
	First, Last    string  // the days of the first and last of those acts ("" when unknown)
	// Spells are the days the pair was acting, [first, last] of each act
	// (inclusive, YYYY-MM-DD), merged where they overlap or touch; set by
	// AddSpells, nil otherwise.
	Spells [][2]string
}

// BuildGraph aggregates acts into a Graph, from their Links (store.Links,
// or store.LinksOf a list of clusters). Every act (cluster) adds one to the
// edge of each unordered pair among its parties (actors and recipients
// together, so direction is dropped and a three-party act links all three
// pairs); Score is the unweighted mean PLOVER score of the edge's acts.
// Every party of an act is a node, even with no edge (a one-party act), and
// Node.Acts counts the acts it takes part in. Acts of unknown types are
// left out. names gives a code's Indonesian and English names; nil, or
// empty names, fall back to the code. From and To are the earliest First
// and latest Last of the acts; callers exporting a filtered period may set
// them to the filter's bounds. Nodes and edges are sorted, so the output is
// deterministic.
func BuildGraph(links []store.Link, names func(code string) (id, en string)) Graph {
	type acc struct {
		e   Edge
		sum float64
	}
	edges := map[[2]string]*acc{}
	nodes := map[string]int{}
	span := map[string][2]string{} // a node's first and last days
	var g Graph
	t := score.Default()
	for i := range links {
		l := &links[i]
		q, ok := t.Mapping(l.Type, l.Mode)
		if !ok {
			continue
		}
		s := t.Plover(l.Type, l.Mode)
		parties := l.Parties // sorted and distinct
		for _, p := range parties {
			nodes[p] += l.Clusters
			span[p] = widen(span[p], l.First, l.Last)
		}
		for x := 0; x < len(parties); x++ {
			for y := x + 1; y < len(parties); y++ {
				k := [2]string{parties[x], parties[y]}
				a := edges[k]
				if a == nil {
					a = &acc{e: Edge{Source: k[0], Target: k[1]}}
					edges[k] = a
				}
				a.e.Count += l.Clusters
				a.sum += s * float64(l.Clusters)
				fl := widen([2]string{a.e.First, a.e.Last}, l.First, l.Last)
				a.e.First, a.e.Last = fl[0], fl[1]
				if q.Quad <= 2 {
					a.e.Coop += l.Clusters
				} else {
					a.e.Conflict += l.Clusters
				}
			}
		}
		if l.First != "" && (g.From == "" || l.First < g.From) {
			g.From = l.First
		}
		if l.Last > g.To {
			g.To = l.Last
		}
	}
	for code, acts := range nodes {
		n := Node{ID: code, Label: code, LabelEN: code, Acts: acts, First: span[code][0], Last: span[code][1]}
		if names != nil {
			id, en := names(code)
			if id != "" {
				n.Label = id
			}
			if en != "" {
				n.LabelEN = en
			}
		}
		g.Nodes = append(g.Nodes, n)
	}
	slices.SortFunc(g.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
	for _, a := range edges {
		a.e.Score = a.sum / float64(a.e.Count)
		g.Edges = append(g.Edges, a.e)
	}
	slices.SortFunc(g.Edges, func(a, b Edge) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return strings.Compare(a.Target, b.Target)
	})
	return g
}

// widen extends the interval fl to cover first and last ("" is unknown).
func widen(fl [2]string, first, last string) [2]string {
	if first != "" && (fl[0] == "" || first < fl[0]) {
		fl[0] = first
	}
	if last > fl[1] {
		fl[1] = last
	}
	return fl
}

// AddSpells sets each edge's Spells from the acts it aggregates: the
// [First, Last] days of every cluster among cs whose parties include the
// edge's two, merged where they overlap or touch. cs should be the
// clusters the graph was built from (BuildGraph(store.LinksOf(cs), …)); a
// cluster with no day adds nothing. Gephi's timeline shows an edge during
// its spells.
func (g *Graph) AddSpells(cs []store.Cluster) {
	at := make(map[[2]string]int, len(g.Edges))
	for i, e := range g.Edges {
		at[[2]string{e.Source, e.Target}] = i
	}
	spells := make([][][2]string, len(g.Edges))
	t := score.Default()
	for i := range cs {
		c := &cs[i]
		if _, ok := t.Mapping(c.Type, c.Mode); !ok || c.First == "" {
			continue
		}
		last := c.Last
		if last == "" {
			last = c.First
		}
		ps := strings.Split(store.PartyKey(c.Actors, c.Recipients), ",")
		for x := 0; x < len(ps); x++ {
			for y := x + 1; y < len(ps); y++ {
				if j, ok := at[[2]string{ps[x], ps[y]}]; ok {
					spells[j] = append(spells[j], [2]string{c.First, last})
				}
			}
		}
	}
	for i := range g.Edges {
		g.Edges[i].Spells = mergeSpells(spells[i])
	}
}

// mergeSpells sorts day intervals and merges those that overlap or touch
// (one ends the day before the next starts).
func mergeSpells(sp [][2]string) [][2]string {
	if len(sp) == 0 {
		return nil
	}
	slices.SortFunc(sp, func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
	out := [][2]string{sp[0]}
	for _, s := range sp[1:] {
		cur := &out[len(out)-1]
		if s[0] <= cur[1] || s[0] == nextDay(cur[1]) {
			if s[1] > cur[1] {
				cur[1] = s[1]
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// nextDay returns the day after d (YYYY-MM-DD), or "" when d does not parse.
func nextDay(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, 1).Format(time.DateOnly)
}

// num formats a score for XML: at most 4 decimals, no exponent.
func num(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e4)/1e4, 'f', -1, 64)
}

func attr(name, value string) xml.Attr { return xml.Attr{Name: xml.Name{Local: name}, Value: value} }

// description says what the network is, for both formats' metadata.
func (g *Graph) description() string {
	d := "mitra: acts (PLOVER event clusters) between parties"
	switch {
	case g.From != "" && g.To != "":
		d += ", " + g.From + " to " + g.To
	case g.From != "":
		d += ", from " + g.From
	case g.To != "":
		d += ", to " + g.To
	}
	return d + "; edge weight = number of acts, score = mean PLOVER score (−10 conflict … +10 cooperation)"
}

// GraphML structures.
type (
	gmlDoc struct {
		XMLName xml.Name   `xml:"graphml"`
		Attrs   []xml.Attr `xml:",attr"`
		Desc    string     `xml:"desc"`
		Keys    []gmlKey   `xml:"key"`
		Graph   gmlGraph   `xml:"graph"`
	}
	gmlKey struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	gmlGraph struct {
		ID          string    `xml:"id,attr"`
		EdgeDefault string    `xml:"edgedefault,attr"`
		Nodes       []gmlNode `xml:"node"`
		Edges       []gmlEdge `xml:"edge"`
	}
	gmlData struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	gmlNode struct {
		ID   string    `xml:"id,attr"`
		Data []gmlData `xml:"data"`
	}
	gmlEdge struct {
		ID     string    `xml:"id,attr"`
		Source string    `xml:"source,attr"`
		Target string    `xml:"target,attr"`
		Data   []gmlData `xml:"data"`
	}
)

// GraphML writes g as GraphML 1.0 (undirected), the format Gephi, yEd,
// Cytoscape, networkx and igraph read. Node keys: label (Indonesian name),
// label_en, acts, first, last; edge keys: weight (= count, the key Gephi
// uses for edge weight), count, score, coop, conflict, first, last (ids
// efirst and elast: GraphML key ids are shared by nodes and edges). The
// period goes in the <desc> (graph-level keys are left out: Gephi warns
// about them).
func GraphML(w io.Writer, g Graph) error {
	doc := gmlDoc{
		Attrs: []xml.Attr{
			attr("xmlns", "http://graphml.graphdrawing.org/xmlns"),
			attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
			attr("xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"),
		},
		Desc: g.description(),
		Keys: []gmlKey{
			{"label", "node", "label", "string"},
			{"label_en", "node", "label_en", "string"},
			{"acts", "node", "acts", "int"},
			{"first", "node", "first", "string"},
			{"last", "node", "last", "string"},
			{"weight", "edge", "weight", "double"},
			{"count", "edge", "count", "int"},
			{"score", "edge", "score", "double"},
			{"coop", "edge", "coop", "int"},
			{"conflict", "edge", "conflict", "int"},
			{"efirst", "edge", "first", "string"},
			{"elast", "edge", "last", "string"},
		},
		Graph: gmlGraph{ID: "mitra", EdgeDefault: "undirected"},
	}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gmlNode{ID: xmlSafe(n.ID), Data: []gmlData{
			{"label", xmlSafe(n.Label)}, {"label_en", xmlSafe(n.LabelEN)}, {"acts", strconv.Itoa(n.Acts)},
			{"first", xmlSafe(n.First)}, {"last", xmlSafe(n.Last)},
		}})
	}
	for i, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gmlEdge{
			ID: "e" + strconv.Itoa(i), Source: xmlSafe(e.Source), Target: xmlSafe(e.Target),
			Data: []gmlData{
				{"weight", strconv.Itoa(e.Count)}, {"count", strconv.Itoa(e.Count)},
				{"score", num(e.Score)}, {"coop", strconv.Itoa(e.Coop)}, {"conflict", strconv.Itoa(e.Conflict)},
				{"efirst", xmlSafe(e.First)}, {"elast", xmlSafe(e.Last)},
			},
		})
	}
	return writeXML(w, "graphml", doc)
}

// GEXF structures.
type (
	gexfDoc struct {
		XMLName xml.Name   `xml:"gexf"`
		Attrs   []xml.Attr `xml:",attr"`
		Meta    gexfMeta   `xml:"meta"`
		Graph   gexfGraph  `xml:"graph"`
	}
	gexfMeta struct {
		Creator     string `xml:"creator"`
		Description string `xml:"description"`
	}
	gexfGraph struct {
		DefaultEdgeType string      `xml:"defaultedgetype,attr"`
		Mode            string      `xml:"mode,attr"`
		TimeFormat      string      `xml:"timeformat,attr,omitempty"`
		Start           string      `xml:"start,attr,omitempty"`
		End             string      `xml:"end,attr,omitempty"`
		Attributes      []gexfAttrs `xml:"attributes"`
		Nodes           []gexfNode  `xml:"nodes>node"`
		Edges           []gexfEdge  `xml:"edges>edge"`
	}
	gexfAttrs struct {
		Class string     `xml:"class,attr"`
		Mode  string     `xml:"mode,attr"`
		Attrs []gexfAttr `xml:"attribute"`
	}
	gexfAttr struct {
		ID    string `xml:"id,attr"`
		Title string `xml:"title,attr"`
		Type  string `xml:"type,attr"`
	}
	gexfNode struct {
		ID        string       `xml:"id,attr"`
		Label     string       `xml:"label,attr"`
		Start     string       `xml:"start,attr,omitempty"`
		End       string       `xml:"end,attr,omitempty"`
		AttValues []gexfAttVal `xml:"attvalues>attvalue"`
	}
	gexfEdge struct {
		ID        string       `xml:"id,attr"`
		Source    string       `xml:"source,attr"`
		Target    string       `xml:"target,attr"`
		Weight    string       `xml:"weight,attr"`
		Start     string       `xml:"start,attr,omitempty"`
		End       string       `xml:"end,attr,omitempty"`
		AttValues []gexfAttVal `xml:"attvalues>attvalue"`
		Spells    []gexfSpell  `xml:"spells>spell,omitempty"`
		Color     gexfColor    `xml:"viz:color"`
	}
	gexfAttVal struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
	gexfSpell struct {
		Start string `xml:"start,attr"`
		End   string `xml:"end,attr"`
	}
	gexfColor struct {
		R uint8 `xml:"r,attr"`
		G uint8 `xml:"g,attr"`
		B uint8 `xml:"b,attr"`
	}
)

// GEXF writes g as GEXF 1.2draft (undirected), the version Gephi writes
// and networkx reads by default (networkx 2.8 refuses 1.3). The graph is
// dynamic with dates as its time format: nodes carry start and end (the
// days of their first and last acts) and edges their Spells (or, without
// them, start and end), so that Gephi's timeline can play the network
// through time. Nodes carry label (Indonesian name), label_en and acts
// attributes; edges carry weight (= count), count, score, coop and
// conflict attributes and a viz:color from red (score −10) through pale
// yellow (0) to green (+10).
func GEXF(w io.Writer, g Graph) error {
	doc := gexfDoc{
		Attrs: []xml.Attr{
			attr("xmlns", "http://www.gexf.net/1.2draft"),
			attr("xmlns:viz", "http://www.gexf.net/1.2draft/viz"),
			attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
			attr("xsi:schemaLocation", "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"),
			attr("version", "1.2"),
		},
		Meta: gexfMeta{Creator: "mitra", Description: g.description()},
		Graph: gexfGraph{
			DefaultEdgeType: "undirected",
			Mode:            "dynamic",
			TimeFormat:      "date",
			Start:           dayOrEmpty(g.From),
			End:             dayOrEmpty(g.To),
			Attributes: []gexfAttrs{
				{Class: "node", Mode: "static", Attrs: []gexfAttr{{"label_en", "label_en", "string"}, {"acts", "acts", "integer"}}},
				{Class: "edge", Mode: "static", Attrs: []gexfAttr{
					{"count", "count", "integer"}, {"score", "score", "double"},
					{"coop", "coop", "integer"}, {"conflict", "conflict", "integer"},
				}},
			},
		},
	}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{
			ID: xmlSafe(n.ID), Label: xmlSafe(n.Label), Start: dayOrEmpty(n.First), End: dayOrEmpty(n.Last),
			AttValues: []gexfAttVal{{"label_en", xmlSafe(n.LabelEN)}, {"acts", strconv.Itoa(n.Acts)}},
		})
	}
	for i, e := range g.Edges {
		r, gr, b := scoreColor(e.Score)
		ge := gexfEdge{
			ID: strconv.Itoa(i), Source: xmlSafe(e.Source), Target: xmlSafe(e.Target),
			Weight: strconv.Itoa(e.Count),
			AttValues: []gexfAttVal{
				{"count", strconv.Itoa(e.Count)}, {"score", num(e.Score)},
				{"coop", strconv.Itoa(e.Coop)}, {"conflict", strconv.Itoa(e.Conflict)},
			},
			Color: gexfColor{r, gr, b},
		}
		for _, sp := range e.Spells {
			if a, b := dayOrEmpty(sp[0]), dayOrEmpty(sp[1]); a != "" && b != "" {
				ge.Spells = append(ge.Spells, gexfSpell{a, b})
			}
		}
		if len(ge.Spells) == 0 {
			ge.Start, ge.End = dayOrEmpty(e.First), dayOrEmpty(e.Last)
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	return writeXML(w, "gexf", doc)
}

// dayOrEmpty returns d when it is a day (YYYY-MM-DD), else "": a GEXF
// time of format date must be one.
func dayOrEmpty(d string) string {
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}

func writeXML(w io.Writer, format string, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("%s: %w", format, err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("%s: %w", format, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("%s: %w", format, err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// xmlSafe drops what XML 1.0 cannot carry at all. encoding/xml already
// escapes markup and replaces invalid UTF-8 and most control characters,
// but it passes U+FFFE/U+FFFF and some others through in attributes.
func xmlSafe(s string) string {
	ok := func(r rune) bool {
		return r == 0x09 || r == 0x0A || r == 0x0D ||
			r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, func(r rune) bool { return !ok(r) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if ok(r) {
			return r
		}
		return '\uFFFD'
	}, s)
}

// scoreColor maps a score to a diverging red–yellow–green colour.
func scoreColor(s float64) (r, g, b uint8) {
	lo := [3]float64{215, 48, 39}    // −10: conflict
	mid := [3]float64{255, 255, 191} // 0
	hi := [3]float64{26, 150, 65}    // +10: cooperation
	t := math.Max(-1, math.Min(1, s/10))
	from, to := mid, hi
	if t < 0 {
		from, to, t = mid, lo, -t
	}
	c := func(i int) uint8 { return uint8(math.Round(from[i] + (to[i]-from[i])*t)) }
	return c(0), c(1), c(2)
}
