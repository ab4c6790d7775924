package plot

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"math"

	"mitra/internal/score"
)

// PNG writes the same chart as SVG as a PNG image of Width(len(pts)) ×
// Height pixels, drawn with the standard library and a built-in bitmap
// font (text in capitals).
func PNG(w io.Writer, title string, pts []score.Point) error {
	c := layout(title, pts)
	// A paletted image: the chart has a dozen colours, and it encodes
	// several times faster and smaller than RGBA.
	img := image.NewPaletted(image.Rect(0, 0, c.w, c.h), palette())

	centre := func(s string, cx, y, scale int, col color.RGBA) {
		drawText(img, cx-textWidth(s, scale)/2, y, s, scale, col)
	}
	centre(title, c.w/2, 14, 3, textColor)
	if c.empty {
		centre("no events", c.w/2, c.h/2-7, 2, mutedColor)
		return encode(w, img)
	}

	// Legend.
	x := int(c.left)
	for i := len(stack) - 1; i >= 0; i-- {
		s := stack[i]
		fillRect(img, x, 46, 12, 12, s.color)
		drawText(img, x+16, 48, s.label, 1, textColor)
		x += 16 + textWidth(s.label, 1) + 18
	}
	thickLine(img, float64(x), 52, float64(x+18), 52, lineColor)
	drawText(img, x+24, 48, "mean PLOVER score", 1, textColor)

	// Grid and axes.
	left, right, top, bottom := int(c.left), int(c.right), int(c.top), int(c.bottom)
	for _, t := range c.countTicks {
		y := int(math.Round(t.y))
		fillRect(img, left, y, right-left, 1, gridColor)
		drawText(img, left-6-textWidth(t.text, 1), y-3, t.text, 1, textColor)
	}
	for _, t := range c.scoreTicks {
		y := int(math.Round(t.y))
		fillRect(img, right, y, 4, 1, axisColor)
		drawText(img, right+7, y-3, t.text, 1, lineColor)
	}
	zero := int(math.Round(c.scoreTicks[2].y))
	for x := left; x < right; x += 7 {
		fillRect(img, x, zero, 4, 1, zeroColor)
	}
	drawText(img, left-marginL+8, top-18, c.yTitle, 1, textColor)
	drawText(img, right+marginR-8-textWidth(c.y2Title, 1), top-18, c.y2Title, 1, lineColor)
	centre(c.xTitle, (left+right)/2, c.h-20, 1, textColor)

	// Bars: round both edges, not the size, so stacked blocks meet.
	for _, r := range c.bars {
		x0, x1 := int(math.Round(r.x)), int(math.Round(r.x+r.w))
		y0, y1 := int(math.Round(r.y)), int(math.Round(r.y+r.h))
		fillRect(img, x0, y0, max(1, x1-x0), max(1, y1-y0), r.color)
	}
	fillRect(img, left, top, 1, bottom-top+1, axisColor)
	fillRect(img, right, top, 1, bottom-top+1, axisColor)
	fillRect(img, left, bottom, right-left+1, 1, axisColor)
	for _, t := range c.periodTicks {
		x := int(math.Round(t.x))
		fillRect(img, x, bottom, 1, 5, axisColor)
		centre(t.text, x, bottom+9, 1, textColor)
	}

	// Score line and dots.
	for _, seg := range c.line {
		for i := 1; i < len(seg); i++ {
			thickLine(img, seg[i-1].x, seg[i-1].y, seg[i].x, seg[i].y, lineColor)
		}
		for _, p := range seg {
			fillRect(img, int(math.Round(p.x))-3, int(math.Round(p.y))-3, 7, 7, lineColor)
		}
	}
	return encode(w, img)
}

func encode(w io.Writer, img image.Image) error {
	return png.Encode(w, img)
}

// palette returns the chart's colours, white (the background) first.
func palette() color.Palette {
	p := color.Palette{color.RGBA{255, 255, 255, 255}, textColor, axisColor, gridColor, lineColor, zeroColor, mutedColor}
	for _, s := range stack {
		p = append(p, s.color)
	}
	return p
}

// fillRect paints a rectangle, clipped to the image, straight into its
// pixels.
func fillRect(img *image.Paletted, x, y, w, h int, c color.RGBA) {
	idx := uint8(img.Palette.Index(c))
	r := image.Rect(x, y, x+w, y+h).Intersect(img.Bounds())
	for yy := r.Min.Y; yy < r.Max.Y; yy++ {
		row := img.Pix[img.PixOffset(r.Min.X, yy):img.PixOffset(r.Max.X, yy)]
		for i := range row {
			row[i] = idx
		}
	}
}

// thickLine draws a line about 3 pixels wide by stamping a square brush
// along it.
func thickLine(img *image.Paletted, x0, y0, x1, y1 float64, c color.RGBA) {
	n := int(math.Ceil(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))))
	for i := 0; i <= n; i++ {
		t := 0.0
		if n > 0 {
			t = float64(i) / float64(n)
		}
		x := int(math.Round(x0 + (x1-x0)*t))
		y := int(math.Round(y0 + (y1-y0)*t))
		fillRect(img, x-1, y-1, 3, 3, c)
	}
}
