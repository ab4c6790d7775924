// Package plot draws a pair's timeline (score.Series) as a chart: stacked
// bars of acts per period by quad class, from conflict red to cooperation
// green, and a line of the period's mean PLOVER score on a second axis
// (−10…+10). SVG and PNG come from one layout, in pure Go.
package plot

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"mitra/internal/score"
)

// Height is the height of every chart in pixels; the width is Width(n).
const Height = 450

// Width returns the chart width for n periods: 900 pixels, or wider so
// that each period gets at least 8 pixels, up to 8000.
func Width(n int) int {
	return min(8000, max(900, marginL+marginR+8*n))
}

const (
	marginL = 72
	marginR = 72
	marginT = 84
	marginB = 64
)

// The quad classes in stacking order (bottom first), with their colours
// and legend labels: cooperation at the bottom, conflict on top.
var stack = []struct {
	quad  int
	color color.RGBA
	label string
}{
	{2, color.RGBA{26, 150, 65, 255}, "material cooperation"},
	{1, color.RGBA{166, 217, 106, 255}, "verbal cooperation"},
	{3, color.RGBA{239, 138, 98, 255}, "verbal conflict"},
	{4, color.RGBA{178, 24, 43, 255}, "material conflict"},
}

var (
	lineColor  = color.RGBA{37, 52, 148, 255}
	axisColor  = color.RGBA{60, 60, 60, 255}
	gridColor  = color.RGBA{225, 225, 225, 255}
	textColor  = color.RGBA{20, 20, 20, 255}
	zeroColor  = color.RGBA{146, 154, 201, 255} // the dashed zero-score line
	mutedColor = color.RGBA{119, 119, 119, 255} // "no events"
)

// bar is one coloured block of a stacked bar.
type bar struct {
	x, y, w, h float64
	quad, n    int
	period     string
	color      color.RGBA
}

// tick is one axis label.
type tick struct {
	x, y float64
	text string
}

// chart is the geometry both renderers draw.
type chart struct {
	w, h            int
	title           string
	empty           bool
	left, right     float64 // plot area
	top, bottom     float64
	bars            []bar
	countTicks      []tick // left axis
	scoreTicks      []tick // right axis
	periodTicks     []tick // x axis, already thinned
	line            [][]point
	xTitle          string
	yTitle, y2Title string
}

type point struct{ x, y float64 }

func layout(title string, pts []score.Point) *chart {
	c := &chart{w: Width(len(pts)), h: Height, title: title,
		left: marginL, top: marginT, yTitle: "acts (event clusters)", y2Title: "mean PLOVER score"}
	c.right = float64(c.w - marginR)
	c.bottom = float64(c.h - marginB)
	total := 0
	maxStack := 0
	for _, p := range pts {
		total += p.Events
		s := 0
		for q := 1; q <= 4; q++ {
			s += p.Counts[q]
		}
		maxStack = max(maxStack, s)
	}
	if total == 0 || maxStack == 0 {
		c.empty = true
		return c
	}
	c.xTitle = "month"
	if strings.Contains(pts[0].Period, "-W") {
		c.xTitle = "ISO week"
	}

	// Left axis: counts from 0 to a round top.
	step := niceStep(maxStack)
	top := (maxStack + step - 1) / step * step
	yCount := func(v float64) float64 { return c.bottom - v/float64(top)*(c.bottom-c.top) }
	for v := 0; v <= top; v += step {
		c.countTicks = append(c.countTicks, tick{c.left, yCount(float64(v)), strconv.Itoa(v)})
	}
	// Right axis: the score's fixed range, so that charts compare.
	yScore := func(s float64) float64 { return c.bottom - (s+10)/20*(c.bottom-c.top) }
	for s := -10; s <= 10; s += 5 {
		label := strconv.Itoa(s)
		if s > 0 {
			label = "+" + label
		}
		c.scoreTicks = append(c.scoreTicks, tick{c.right, yScore(float64(s)), label})
	}

	slot := (c.right - c.left) / float64(len(pts))
	bw := math.Max(1, slot*0.7)
	// Label every k-th period so labels (about 7 px a character) do not
	// overlap.
	k := int(math.Ceil(float64(7*len(pts[0].Period)+12) / slot))
	var seg []point
	for i, p := range pts {
		cx := c.left + slot*(float64(i)+0.5)
		if i%k == 0 {
			c.periodTicks = append(c.periodTicks, tick{cx, c.bottom, p.Period})
		}
		y := c.bottom
		for _, s := range stack {
			n := p.Counts[s.quad]
			if n == 0 {
				continue
			}
			h := yCount(0) - yCount(float64(n))
			c.bars = append(c.bars, bar{cx - bw/2, y - h, bw, h, s.quad, n, p.Period, s.color})
			y -= h
		}
		if p.Events > 0 {
			seg = append(seg, point{cx, yScore(math.Max(-10, math.Min(10, p.Score)))})
		} else if len(seg) > 0 {
			// Break the line at periods with no acts: no score there.
			c.line = append(c.line, seg)
			seg = nil
		}
	}
	if len(seg) > 0 {
		c.line = append(c.line, seg)
	}
	return c
}

// niceStep returns a tick step of 1, 2 or 5 × 10^k giving at most 6
// intervals up to max.
func niceStep(max int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if max <= 6*m*p {
				return m * p
			}
		}
	}
}
