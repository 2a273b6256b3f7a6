package ml

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Chart draws the curve: ROC with the chance diagonal, or precision-recall.
func (c *Curve) Chart() *Chart {
	var p *plot.Plot
	if c.Kind == "pr" {
		p = newPlot(c.title(), "recall", "precision")
	} else {
		p = newPlot(c.title(), "false-positive rate", "true-positive rate")
		diag, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
		diag.Color = color.Gray{Y: 150}
		diag.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(diag)
	}
	line, err := plotter.NewLine(thin(c.X, c.Y, 2000))
	if err != nil {
		return &Chart{Title: c.title(), Err: err}
	}
	line.Color = palette[0]
	line.Width = vg.Points(2)
	p.Add(line, plotter.NewGrid())
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1.02
	return renderPlot(p, 480, 420)
}

// thin keeps at most n points of a curve, evenly spaced by index, always with the ends.
func thin(x, y []float64, n int) plotter.XYs {
	step := max(1, len(x)/n)
	out := make(plotter.XYs, 0, len(x)/step+2)
	for i := 0; i < len(x); i += step {
		out = append(out, plotter.XY{X: x[i], Y: y[i]})
	}
	if last := len(x) - 1; last >= 0 && (last%step) != 0 {
		out = append(out, plotter.XY{X: x[last], Y: y[last]})
	}
	return out
}

// Chart draws the 2×2 matrix as shaded cells with counts.
func (c *Confusion) Chart() *Chart {
	title := fmt.Sprintf("Confusion matrix (threshold %.2g)", c.Threshold)
	p := newPlot(title, "predicted", "actual")
	cells := []struct {
		x, y float64
		n    int
	}{{0, 1, c.TN}, {1, 1, c.FP}, {0, 0, c.FN}, {1, 0, c.TP}}
	maxN := 1
	for _, cell := range cells {
		maxN = max(maxN, cell.n)
	}
	var labels plotter.XYLabels
	for _, cell := range cells {
		poly, err := plotter.NewPolygon(plotter.XYs{{X: cell.x, Y: cell.y}, {X: cell.x + 1, Y: cell.y},
			{X: cell.x + 1, Y: cell.y + 1}, {X: cell.x, Y: cell.y + 1}})
		if err != nil {
			return &Chart{Title: title, Err: err}
		}
		f := float64(cell.n) / float64(maxN)
		poly.Color = color.RGBA{R: uint8(255 - 230*f), G: uint8(255 - 140*f), B: uint8(255 - 75*f), A: 255}
		poly.LineStyle.Color = color.White
		p.Add(poly)
		labels.XYs = append(labels.XYs, plotter.XY{X: cell.x + 0.5, Y: cell.y + 0.5})
		labels.Labels = append(labels.Labels, fmt.Sprintf("%d", cell.n))
	}
	lab, err := plotter.NewLabels(labels)
	if err != nil {
		return &Chart{Title: title, Err: err}
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i].Font.Size = vg.Points(14)
		lab.TextStyle[i].XAlign = draw.XCenter
		lab.TextStyle[i].YAlign = draw.YCenter
	}
	p.Add(lab)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 2, 0, 2
	p.X.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0.5, Label: "0"}, {Value: 1.5, Label: "1"}})
	p.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0.5, Label: "1"}, {Value: 1.5, Label: "0"}})
	return renderPlot(p, 420, 380)
}

// Chart draws the reliability diagram against the diagonal of perfect calibration.
func (c *Calibration) Chart() *Chart {
	p := newPlot("Calibration", "mean predicted probability", "observed positive rate")
	diag, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	diag.Color = color.Gray{Y: 150}
	diag.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	pts := make(plotter.XYs, len(c.MeanPredicted))
	for i := range pts {
		pts[i] = plotter.XY{X: c.MeanPredicted[i], Y: c.Observed[i]}
	}
	lp, sp, err := plotter.NewLinePoints(pts)
	if err != nil {
		return &Chart{Title: "Calibration", Err: err}
	}
	lp.Color, sp.Color = palette[0], palette[0]
	sp.Shape = draw.CircleGlyph{}
	p.Add(plotter.NewGrid(), diag, lp, sp)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	return renderPlot(p, 480, 420)
}

// Chart draws the cumulative gains curve with the random-targeting baseline.
func (l *Lift) Chart() *Chart {
	p := newPlot("Cumulative gains", "share of rows targeted (by score)", "share of positives captured")
	diag, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	diag.Color = color.Gray{Y: 150}
	diag.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	pts := plotter.XYs{{X: 0, Y: 0}}
	for i := range l.Gain {
		pts = append(pts, plotter.XY{X: l.CumulativePct[i], Y: l.Gain[i]})
	}
	lp, sp, err := plotter.NewLinePoints(pts)
	if err != nil {
		return &Chart{Title: "Cumulative gains", Err: err}
	}
	lp.Color, sp.Color = palette[0], palette[0]
	lp.Width = vg.Points(2)
	sp.Shape = draw.CircleGlyph{}
	p.Add(plotter.NewGrid(), diag, lp, sp)
	p.Legend.Add("model", lp)
	p.Legend.Add("random", diag)
	p.Legend.Top = false
	p.Legend.Left = false
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	return renderPlot(p, 480, 420)
}

// Chart draws a horizontal bar per feature, most important on top.
func (im *Importance) Chart() *Chart {
	title := "Feature importance (" + im.Kind + ")"
	idx := make([]int, len(im.Features))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return im.Values[idx[a]] < im.Values[idx[b]] })
	vals := make(plotter.Values, len(idx))
	names := make([]string, len(idx))
	for k, i := range idx {
		vals[k] = im.Values[i]
		names[k] = im.Features[i]
	}
	if len(vals) == 0 {
		return &Chart{Title: title, Err: fmt.Errorf("no features")}
	}
	p := newPlot(title, "importance", "")
	bars, err := plotter.NewBarChart(vals, vg.Points(12))
	if err != nil {
		return &Chart{Title: title, Err: err}
	}
	bars.Horizontal = true
	bars.Color = palette[0]
	bars.LineStyle.Width = 0
	p.Add(bars)
	p.NominalY(names...)
	height := max(220, 60+22*len(names))
	return renderPlot(p, 560, height)
}

// ScoreHistogram draws the distribution of predicted probabilities in bins bins.
func ScoreHistogram(p []float64, bins int) *Chart {
	if bins <= 0 {
		bins = 20
	}
	title := fmt.Sprintf("Distribution of %d scores", len(p))
	vals := make(plotter.Values, 0, len(p))
	for _, v := range p {
		if !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return &Chart{Title: title, Err: fmt.Errorf("no scores to plot")}
	}
	pl := newPlot(title, "propensity", "rows")
	h, err := plotter.NewHist(vals, bins)
	if err != nil {
		return &Chart{Title: title, Err: err}
	}
	h.FillColor = palette[0]
	h.LineStyle.Color = color.White
	pl.Add(plotter.NewGrid(), h)
	return renderPlot(pl, 560, 360)
}

// scatterChart draws points (x, y) with a highlighted best point.
func scatterChart(title, xl, yl string, x, y []float64, best int) *Chart {
	p := newPlot(title, xl, yl)
	pts := make(plotter.XYs, 0, len(x))
	for i := range x {
		if !math.IsNaN(y[i]) {
			pts = append(pts, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	if len(pts) == 0 {
		return &Chart{Title: title, Err: fmt.Errorf("no finite points")}
	}
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return &Chart{Title: title, Err: err}
	}
	s.Color = palette[0]
	s.Shape = draw.CircleGlyph{}
	s.Radius = vg.Points(3)
	p.Add(plotter.NewGrid(), s)
	if best >= 0 && best < len(x) {
		b, err := plotter.NewScatter(plotter.XYs{{X: x[best], Y: y[best]}})
		if err == nil {
			b.Color = palette[3]
			b.Shape = draw.CircleGlyph{}
			b.Radius = vg.Points(5)
			p.Add(b)
			p.Legend.Add("best", b)
			p.Legend.Top = false
		}
	}
	return renderPlot(p, 560, 360)
}
