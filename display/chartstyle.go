package display

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// lightGrid returns thin, light grey grid lines in both directions.
func lightGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: gridColor, Width: 0.6}
	g.Horizontal = draw.LineStyle{Color: gridColor, Width: 0.6}
	return g
}

// slantIfCrowded slants the x tick labels when the widest would not fit its slot.
func slantIfCrowded(p *plot.Plot, labels []string, widthPx int) {
	if len(labels) == 0 {
		return
	}
	slot := (pt(widthPx) - 70) / vg.Length(len(labels))
	widest := vg.Length(0)
	for _, l := range labels {
		widest = max(widest, p.X.Tick.Label.Width(shorten(l, 28)))
	}
	if widest > slot {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
		// A slanted label is centred on its tick at its right end, so that end rises
		// above the label area by half its (rotated) height plus the font's descent.
		// Without tick marks it would reach into the data area (and under a heatmap's
		// cells): pad the axis by that much.
		if p.X.Tick.Length == 0 {
			p.X.Padding = max(p.X.Padding, slantRise(p.X.Tick.Label)+2)
		}
	}
}

// formatCount formats integral values with separators and others with up to 3 decimals.
func formatCount(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return FormatInt(int64(x))
	}
	if math.Abs(x) < 1 {
		s := trimZeros(fmt.Sprintf("%.3f", x))
		if s == "-0" { // a tiny negative value rounds to zero: no sign
			s = "0"
		}
		return s
	}
	return FormatFloat(x)
}

func percent(f float64) string {
	switch {
	case f >= 0.1:
		return fmt.Sprintf("%.1f%%", f*100)
	case f >= 0.001:
		return fmt.Sprintf("%.2f%%", f*100)
	default:
		return fmt.Sprintf("%.3g%%", f*100)
	}
}
