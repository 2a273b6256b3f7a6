package display

import (
	"strconv"
	"strings"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// measuredSVG is an SVG canvas that remembers how wide each string it draws is in the
// font the layout was computed with (the Liberation fonts gonum embeds).
type measuredSVG struct {
	*vgsvg.Canvas
	widths []vg.Length
}

// FillString implements vg.Canvas.
func (m *measuredSVG) FillString(f font.Face, pt vg.Point, s string) {
	m.widths = append(m.widths, f.Width(s))
	m.Canvas.FillString(f, pt, s)
}

// withTextLengths gives the i-th <text> element of svg the width widths[i] (textLength,
// squeezing or stretching glyphs and spacing), so a browser that lacks the Liberation
// fonts and draws with a wider fallback keeps every label in the space the layout gave
// it instead of running into axes or past the edge.
func withTextLengths(svg string, widths []vg.Length) string {
	var b strings.Builder
	b.Grow(len(svg) + len(widths)*48)
	i := 0
	for {
		j := strings.Index(svg, "<text ")
		if j < 0 || i >= len(widths) {
			b.WriteString(svg)
			return b.String()
		}
		b.WriteString(svg[:j+len("<text ")])
		if w := widths[i]; w > 0 {
			b.WriteString(`textLength="`)
			b.WriteString(strconv.FormatFloat(w.Points(), 'g', 5, 64))
			b.WriteString(`" lengthAdjust="spacingAndGlyphs" `)
		}
		svg = svg[j+len("<text "):]
		i++
	}
}
