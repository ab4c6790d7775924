package plot

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"mitra/internal/score"
)

// SVG writes the chart of a pair's series (see the package comment) as a
// standalone SVG document titled title (e.g. "RUS–MLI"). Each bar block is
// a <rect class="bar"> with a tooltip giving the period, class and count.
// An empty series (no acts) gives a chart that says "no events".
func SVG(w io.Writer, title string, pts []score.Point) error {
	c := layout(title, pts)
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`+"\n",
		c.w, c.h, c.w, c.h)
	p(`<title>%s</title>`+"\n", esc(title))
	p(`<rect class="background" x="0" y="0" width="%d" height="%d" fill="#ffffff"/>`+"\n", c.w, c.h)
	p(`<text class="title" x="%d" y="30" text-anchor="middle" font-size="20" font-weight="bold" fill="%s">%s</text>`+"\n",
		c.w/2, hex(textColor), esc(title))
	if c.empty {
		p(`<text class="empty" x="%d" y="%d" text-anchor="middle" font-size="18" fill="#777777">no events</text>`+"\n", c.w/2, c.h/2)
		p("</svg>\n")
		return b.Flush()
	}

	// Legend, one row under the title.
	x := c.left
	for i := len(stack) - 1; i >= 0; i-- {
		s := stack[i]
		p(`<rect class="legend" x="%s" y="46" width="12" height="12" fill="%s"/>`, f(x), hex(s.color))
		p(`<text x="%s" y="56.5">%s</text>`+"\n", f(x+16), s.label)
		x += 16 + 7*float64(len(s.label)) + 18
	}
	p(`<line x1="%s" y1="52" x2="%s" y2="52" stroke="%s" stroke-width="2.5"/>`, f(x), f(x+18), hex(lineColor))
	p(`<text x="%s" y="56.5">mean PLOVER score</text>`+"\n", f(x+24))

	// Grid and axes.
	for _, t := range c.countTicks {
		p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, f(c.left), f(t.y), f(c.right), f(t.y), hex(gridColor))
		p(`<text x="%s" y="%s" text-anchor="end">%s</text>`+"\n", f(c.left-6), f(t.y+4), t.text)
	}
	for _, t := range c.scoreTicks {
		p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, f(c.right), f(t.y), f(c.right+4), f(t.y), hex(axisColor))
		p(`<text x="%s" y="%s" fill="%s">%s</text>`+"\n", f(c.right+7), f(t.y+4), hex(lineColor), t.text)
	}
	zero := c.scoreTicks[2].y
	p(`<line class="zero" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-dasharray="4 3" stroke-opacity="0.6"/>`+"\n",
		f(c.left), f(zero), f(c.right), f(zero), hex(lineColor))
	p(`<text x="%s" y="%s" font-weight="bold">%s</text>`+"\n", f(c.left-marginL+8), f(c.top-12), c.yTitle)
	p(`<text x="%s" y="%s" text-anchor="end" font-weight="bold" fill="%s">%s</text>`+"\n", f(c.right+marginR-8), f(c.top-12), hex(lineColor), c.y2Title)
	p(`<text x="%s" y="%d" text-anchor="middle" font-weight="bold">%s</text>`+"\n", f((c.left+c.right)/2), c.h-12, c.xTitle)

	// Bars.
	for _, r := range c.bars {
		p(`<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s %s: %d</title></rect>`+"\n",
			f(r.x), f(r.y), f(r.w), f(r.h), hex(r.color), esc(r.period), quadName(r.quad), r.n)
	}
	p(`<path class="axis" d="M%s %sV%sH%sV%s" fill="none" stroke="%s"/>`+"\n",
		f(c.left), f(c.top), f(c.bottom), f(c.right), f(c.top), hex(axisColor))
	for _, t := range c.periodTicks {
		p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, f(t.x), f(t.y), f(t.x), f(t.y+4), hex(axisColor))
		p(`<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", f(t.x), f(t.y+18), esc(t.text))
	}

	// Score line, broken where a period has no acts, with a dot per point.
	for _, seg := range c.line {
		var d strings.Builder
		for i, pt := range seg {
			if i == 0 {
				d.WriteString("M")
			} else {
				d.WriteString(" L")
			}
			d.WriteString(f(pt.x) + " " + f(pt.y))
		}
		p(`<path class="score" d="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round"/>`+"\n", d.String(), hex(lineColor))
		for _, pt := range seg {
			p(`<circle cx="%s" cy="%s" r="3.5" fill="%s"/>`+"\n", f(pt.x), f(pt.y), hex(lineColor))
		}
	}
	p("</svg>\n")
	return b.Flush()
}

func quadName(q int) string {
	for _, s := range stack {
		if s.quad == q {
			return s.label
		}
	}
	return ""
}

// f formats a coordinate to 0.01 px.
func f(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
