package display

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ScatterChart draws one point per (x[i], y[i]). Point size and opacity adapt to the
// number of points so dense clouds stay readable.
func ScatterChart(x, y []float64, o ChartOptions) *Chart {
	if err := checkPairs("x values", len(x), "y values", len(y)); err != nil {
		return errChart("scatter", fmt.Errorf("scatter chart: %w", err))
	}
	xy := finitePoints(x, y, o.LogY)
	if len(xy) == 0 {
		return errChart("scatter", errors.New("scatter chart: no finite points"))
	}
	p := newPlot(o)
	p.Add(lightGrid())
	if o.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return errChart("scatter", fmt.Errorf("scatter chart: %w", err))
	}
	c := okabeIto[0]
	radius := vg.Length(3)
	switch n := len(xy); {
	case n > 20000:
		radius, c = 1.1, withAlpha(c, 0x50)
	case n > 2000:
		radius, c = 1.6, withAlpha(c, 0x80)
	case n > 200:
		radius, c = 2.2, withAlpha(c, 0xc0)
	}
	if len(xy) > rasterLimit {
		p.Add(&rasterPoints{xy: xy, color: c, radius: radius})
	} else {
		s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: radius, Shape: draw.CircleGlyph{}}
		p.Add(s)
	}
	desc := FormatInt(int64(len(xy))) + " points"
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %s", o.Title, desc)
	}
	ch := chartOf("scatter", desc, p, o, DefaultChartHeight)
	ch.vl = func() obj { return scatterSpec(x, y, o, ch.width, ch.height) }
	return ch
}

// ScatterChartTable draws yCol against xCol of t.
func ScatterChartTable(t *Table, xCol, yCol string, o ChartOptions) *Chart {
	x, err := tableFloats(t, xCol)
	if err != nil {
		return errChart("scatter", fmt.Errorf("scatter chart: %w", err))
	}
	y, err := tableFloats(t, yCol)
	if err != nil {
		return errChart("scatter", fmt.Errorf("scatter chart: %w", err))
	}
	defaultLabels(&o, xCol, yCol)
	return ScatterChart(x, y, o)
}

func finitePoints(x, y []float64, positiveY bool) plotter.XYs {
	xy := make(plotter.XYs, 0, len(x))
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) || math.IsInf(x[i], 0) || math.IsInf(y[i], 0) {
			continue
		}
		if positiveY && y[i] <= 0 {
			continue
		}
		xy = append(xy, plotter.XY{X: x[i], Y: y[i]})
	}
	return xy
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
