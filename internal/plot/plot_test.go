package plot

import (
	"bytes"
	"encoding/xml"
	"flag"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/record"
	"mitra/internal/score"
	"mitra/internal/store"
)

var out = flag.String("out", "", "also write the test charts to this directory, to look at them")

// series is a year of RUS–MLI acts with a gap, from hand-made clusters.
func series(t testing.TB) []score.Point {
	var cs []store.Cluster
	add := func(typ, mode, date string, n int) {
		for i := 0; i < n; i++ {
			cs = append(cs, store.Cluster{Type: record.Type(typ), Mode: record.Mode(mode), Date: date, First: date, Actors: []string{"RUS"}, Recipients: []string{"MLI"}})
		}
	}
	add("CONSULT", "visit", "2024-01-15", 2)
	add("ACCUSE", "", "2024-01-20", 1)
	add("SUPPORT", "", "2024-02-03", 3)
	add("COOPERATE", "", "2024-02-10", 2)
	add("AID", "", "2024-03-01", 1)
	add("SANCTION", "expel", "2024-06-11", 2)
	add("THREATEN", "", "2024-06-12", 1)
	add("ASSAULT", "drone", "2024-07-01", 4)
	add("CONSULT", "", "2024-12-05", 1)
	pts := score.Series(cs, "RUS", "MLI", score.Month)
	if len(pts) != 12 {
		t.Fatalf("%d points, want 12", len(pts))
	}
	return pts
}

func nonZero(pts []score.Point) int {
	n := 0
	for _, p := range pts {
		for q := 1; q <= 4; q++ {
			if p.Counts[q] > 0 {
				n++
			}
		}
	}
	return n
}

type svgDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2000/svg svg"`
	Width   int      `xml:"width,attr"`
	Height  int      `xml:"height,attr"`
	Rects   []struct {
		Class string `xml:"class,attr"`
		Fill  string `xml:"fill,attr"`
	} `xml:"rect"`
	Texts []struct {
		Class string `xml:"class,attr"`
		Text  string `xml:",chardata"`
	} `xml:"text"`
	Paths []struct {
		Class string `xml:"class,attr"`
	} `xml:"path"`
}

func render(t *testing.T, name string, f func(io.Writer, string, []score.Point) error, title string, pts []score.Point) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f(&buf, title, pts); err != nil {
		t.Fatal(err)
	}
	if *out != "" {
		if err := os.WriteFile(filepath.Join(*out, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	var d svgDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("SVG is not XML: %v", err)
	}
	return d
}

func TestSVG(t *testing.T) {
	pts := series(t)
	d := parseSVG(t, render(t, "month.svg", SVG, "RUS–MLI", pts))
	bars, colours := 0, map[string]bool{}
	for _, r := range d.Rects {
		if r.Class == "bar" {
			bars++
			colours[r.Fill] = true
		}
	}
	if want := nonZero(pts); bars != want {
		t.Errorf("%d bar rects, want one per non-zero count, %d", bars, want)
	}
	if len(colours) != 4 {
		t.Errorf("%d bar colours, want 4", len(colours))
	}
	if d.Width != Width(12) || d.Height != Height {
		t.Errorf("size %d×%d", d.Width, d.Height)
	}
	all := ""
	lines := 0
	for _, x := range d.Texts {
		all += x.Text + "|"
	}
	for _, p := range d.Paths {
		if p.Class == "score" {
			lines++
		}
	}
	for _, want := range []string{"RUS–MLI", "2024-01", "mean PLOVER score", "material conflict", "verbal cooperation", "+10", "-10", "month"} {
		if !strings.Contains(all, want) {
			t.Errorf("no text %q in %s", want, all)
		}
	}
	// Acts in Jan–Mar, Jun–Jul and Dec: three line segments.
	if lines != 3 {
		t.Errorf("%d score line segments, want 3", lines)
	}
}

func TestSVGEscapesTitle(t *testing.T) {
	d := parseSVG(t, render(t, "escape.svg", SVG, `A<&>"B`, series(t)))
	if d.Texts[0].Text != `A<&>"B` {
		t.Errorf("title read back as %q", d.Texts[0].Text)
	}
}

func TestWeeks(t *testing.T) {
	cs := []store.Cluster{
		{Type: "CONSULT", Date: "2023-01-02", Actors: []string{"RUS", "CHN"}},
		{Type: "COERCE", Date: "2024-12-30", Actors: []string{"RUS"}, Recipients: []string{"CHN"}},
	}
	pts := score.Series(cs, "RUS", "CHN", score.Week)
	d := parseSVG(t, render(t, "weeks.svg", SVG, "RUS–CHN", pts))
	if d.Width != Width(len(pts)) || d.Width <= 900 {
		t.Errorf("%d weeks: width %d", len(pts), d.Width)
	}
	b := render(t, "weeks.png", PNG, "RUS–CHN", pts)
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != Width(len(pts)) {
		t.Errorf("png width %d", img.Bounds().Dx())
	}
}

func TestPNG(t *testing.T) {
	pts := series(t)
	b := render(t, "month.png", PNG, "RUS–MLI", pts)
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != (image.Point{900, 450}) {
		t.Errorf("size %v, want 900×450", got)
	}
	// All four quad colours and the line colour are drawn.
	want := map[[3]uint32]bool{}
	for _, s := range stack {
		want[[3]uint32{uint32(s.color.R), uint32(s.color.G), uint32(s.color.B)}] = false
	}
	want[[3]uint32{uint32(lineColor.R), uint32(lineColor.G), uint32(lineColor.B)}] = false
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			k := [3]uint32{r >> 8, g >> 8, b >> 8}
			if _, ok := want[k]; ok {
				want[k] = true
			}
		}
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("colour %v not drawn", k)
		}
	}
}

func TestEmpty(t *testing.T) {
	zero := []score.Point{{Period: "2024-01"}, {Period: "2024-02"}}
	for name, pts := range map[string][]score.Point{"nil": nil, "zero": zero} {
		d := parseSVG(t, render(t, "empty-"+name+".svg", SVG, "RUS–CUB", pts))
		found := false
		for _, x := range d.Texts {
			found = found || x.Text == "no events"
		}
		if !found {
			t.Errorf("%s: empty chart does not say no events", name)
		}
		for _, r := range d.Rects {
			if r.Class == "bar" {
				t.Errorf("%s: empty chart has bars", name)
			}
		}
		img, err := png.Decode(bytes.NewReader(render(t, "empty-"+name+".png", PNG, "RUS–CUB", pts)))
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds().Dy() != Height {
			t.Errorf("%s: png height %d", name, img.Bounds().Dy())
		}
	}
}

func TestNiceStep(t *testing.T) {
	for _, tc := range []struct{ max, want int }{{1, 1}, {6, 1}, {7, 2}, {12, 2}, {13, 5}, {30, 5}, {31, 10}, {61, 20}, {5000, 1000}} {
		if got := niceStep(tc.max); got != tc.want {
			t.Errorf("niceStep(%d) = %d, want %d", tc.max, got, tc.want)
		}
	}
}

func TestFont(t *testing.T) {
	for r, g := range glyphs {
		for _, row := range g {
			if len(row) != glyphW || strings.Trim(row, ".#") != "" {
				t.Errorf("glyph %q: bad row %q", r, row)
			}
		}
	}
	for r := 'A'; r <= 'Z'; r++ {
		if _, ok := glyphs[r]; !ok {
			t.Errorf("no glyph for %q", r)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	pts := series(b)
	for b.Loop() {
		PNG(io.Discard, "RUS–MLI", pts)
	}
}
