package display

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
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
	if o.YLabel == "" {
		o.YLabel = "count"
	}
	p := newPlot(o)
	h, err := plotter.NewHist(vs, bins)
	if err != nil {
		return errChart("histogram", fmt.Errorf("histogram: %w", err))
	}
	h.FillColor = okabeIto[0]
	h.LineStyle = draw.LineStyle{Color: color.White, Width: 0.5}
	p.Add(valueGrid(false), h)
	p.Y.Min = 0
	p.Y.Max *= 1.04
	desc := fmt.Sprintf("%s values in %d bins", FormatInt(int64(len(vs))), bins)
	if o.Title != "" {
		desc = fmt.Sprintf("%q, %s", o.Title, desc)
	}
	return chartOf("histogram", desc, p, o, DefaultChartHeight)
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
