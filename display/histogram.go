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

// HistogramChart draws the distribution of values in o.Bins equal-width bins (default
// 20). NaN values are ignored.
func HistogramChart(values []float64, o ChartOptions) *Chart {
	vs := make(plotter.Values, 0, len(values))
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return errChart("histogram", errors.New("histogram: no finite values"))
	}
	bins := o.Bins
	if bins <= 0 {
		bins = 20
	}
	h, err := plotter.NewHist(vs, bins)
	if err != nil {
		return errChart("histogram", fmt.Errorf("histogram: %w", err))
	}
	edges := make([]float64, len(h.Bins)+1)
	counts := make([]float64, len(h.Bins))
	for i, b := range h.Bins {
		edges[i], edges[i+1], counts[i] = b.Min, b.Max, b.Weight
	}
	desc := fmt.Sprintf("%s values in %d bins", FormatInt(int64(len(vs))), len(counts))
	return histogramChart(edges, counts, desc, o)
}

// BinnedHistogramChart draws a histogram whose counting is already done (by SQL, say):
// bin i spans edges[i] to edges[i+1] and holds counts[i].
func BinnedHistogramChart(edges, counts []float64, o ChartOptions) *Chart {
	if len(counts) == 0 || len(edges) != len(counts)+1 {
		return errChart("histogram", fmt.Errorf("histogram: %d edges for %d bins; want one more edge than bins", len(edges), len(counts)))
	}
	total := 0.0
	for i, c := range counts {
		if math.IsNaN(c) || math.IsInf(c, 0) || c < 0 {
			return errChart("histogram", fmt.Errorf("histogram: bin %d holds %v; counts must be finite and not negative", i, c))
		}
		if !(edges[i+1] > edges[i]) {
			return errChart("histogram", fmt.Errorf("histogram: edge %d (%v) is not above edge %d (%v)", i+1, edges[i+1], i, edges[i]))
		}
		total += c
	}
	return histogramChart(edges, counts, fmt.Sprintf("%s values in %d bins", formatCount(total), len(counts)), o)
}

// histogramChart draws checked bins: ends of the value axis labelled, head room above
// the tallest bar, empty bins left empty and the others at least a hairline tall.
func histogramChart(edges, counts []float64, desc string, o ChartOptions) *Chart {
	if o.YLabel == "" {
		o.YLabel = "count"
	}
	p := newPlot(o)
	p.Add(valueGrid(false), &histBars{edges: edges, counts: counts})
	p.X.Min, p.X.Max = edges[0], edges[len(edges)-1]
	p.X.Tick.Marker = endTicks{}
	top := 0.0
	for _, c := range counts {
		top = math.Max(top, c)
	}
	p.Y.Min, p.Y.Max = 0, math.Max(top*1.06, 1)
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %s", o.Title, desc)
	}
	c := chartOf("histogram", desc, p, o, DefaultChartHeight)
	c.vl = func() obj { return histogramSpec(edges, counts, o, c.width, c.height) }
	return c
}

// histBars draws histogram bins as touching bars with a thin white edge between them.
type histBars struct{ edges, counts []float64 }

// minBarHeight is the least height of a bar that holds anything, so a bin of a few
// values among millions does not read as empty.
const minBarHeight = vg.Length(1.2)

// Plot implements plot.Plotter.
func (h *histBars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	base := trY(0)
	for i, n := range h.counts {
		if n <= 0 {
			continue
		}
		x0, x1 := trX(h.edges[i]), trX(h.edges[i+1])
		y := max(trY(n), base+minBarHeight)
		rect := []vg.Point{{X: x0, Y: base}, {X: x1, Y: base}, {X: x1, Y: y}, {X: x0, Y: y}}
		c.FillPolygon(SeriesColor(0), c.ClipPolygonXY(rect))
		edge := draw.LineStyle{Color: color.White, Width: 0.5}
		c.StrokeLines(edge, c.ClipLinesXY([]vg.Point{{X: x0, Y: base}, {X: x0, Y: y}, {X: x1, Y: y}, {X: x1, Y: base}})...)
	}
}

// DataRange implements plot.DataRanger.
func (h *histBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	top := 0.0
	for _, n := range h.counts {
		top = math.Max(top, n)
	}
	return h.edges[0], h.edges[len(h.edges)-1], 0, top
}

// HistogramChartTable draws the distribution of column col of t.
func HistogramChartTable(t *Table, col string, o ChartOptions) *Chart {
	v, err := tableFloats(t, col)
	if err != nil {
		return errChart("histogram", fmt.Errorf("histogram: %w", err))
	}
	defaultLabels(&o, col, "")
	return HistogramChart(v, o)
}
