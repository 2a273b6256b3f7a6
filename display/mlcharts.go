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

// ROCCurveChart draws precomputed ROC curves, one per model: fprs[i] and tprs[i] are
// the false- and true-positive rates of names[i], in increasing FPR order, and aucs[i]
// the area under that curve, shown in the legend. platform/ml computes them (ml.ROC).
func ROCCurveChart(names []string, fprs, tprs [][]float64, aucs []float64, o ChartOptions) *Chart {
	if len(names) == 0 || len(fprs) != len(names) || len(tprs) != len(names) || len(aucs) != len(names) {
		return errChart("ROC", fmt.Errorf("ROC chart: %d names, %d FPR series, %d TPR series, %d AUCs; they must match", len(names), len(fprs), len(tprs), len(aucs)))
	}
	p, chance := unitSquarePlot(&o, "false positive rate", "true positive rate", unitTicks{}, false)
	var desc, legend []string
	for i := range names {
		if err := checkPairs("FPR values", len(fprs[i]), "TPR values", len(tprs[i])); err != nil {
			return errChart("ROC", fmt.Errorf("ROC chart %q: %w", names[i], err))
		}
		xy := make(plotter.XYs, len(fprs[i]))
		for j := range xy {
			xy[j] = plotter.XY{X: fprs[i][j], Y: tprs[i][j]}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return errChart("ROC", fmt.Errorf("ROC chart %q: %w", names[i], err))
		}
		l.Color = SeriesColor(i)
		l.Width = 2.2
		p.Add(l)
		a := aucs[i]
		legend = append(legend, fmt.Sprintf("%s (AUC = %.3f)", names[i], a))
		p.Legend.Add(legend[i], l)
		desc = append(desc, fmt.Sprintf("%s AUC=%.3f", names[i], a))
	}
	p.Legend.Add("chance (AUC = 0.500)", chance)
	c := chartOf("ROC", joinComma(desc), p, o, o.Height)
	c.vl = func() obj {
		return curveSpec(legend, fprs, tprs, "chance (AUC = 0.500)", false, false, o, c.width, c.height)
	}
	return c
}

// FeatureImportanceChart draws feature importances as horizontal bars, largest at the
// top; o.TopN limits the bars (default 20).
func FeatureImportanceChart(features []string, importance []float64, o ChartOptions) *Chart {
	o.Sorted = true
	if o.TopN == 0 {
		o.TopN = 20
	}
	o.ShowValues = true
	if o.XLabel == "" {
		o.XLabel = "importance"
	}
	if o.Title == "" {
		o.Title = "Feature importance"
	}
	c := HBarChart(features, importance, o)
	c.kind = "feature importance"
	return c
}

// CalibrationChart draws a reliability diagram from precomputed bins: meanPredicted[i]
// is a bin's mean predicted probability and observed[i] its observed positive rate
// (ml.CalibrationCurve computes them), next to the perfectly calibrated diagonal.
func CalibrationChart(meanPredicted, observed []float64, o ChartOptions) *Chart {
	if err := checkPairs("mean predictions", len(meanPredicted), "observed rates", len(observed)); err != nil {
		return errChart("calibration", fmt.Errorf("calibration chart: %w", err))
	}
	xy := make(plotter.XYs, len(meanPredicted))
	for i := range xy {
		xy[i] = plotter.XY{X: meanPredicted[i], Y: observed[i]}
	}
	p, ideal := unitSquarePlot(&o, "mean predicted probability", "observed positive rate", unitTicks{}, true)
	l, s, err := plotter.NewLinePoints(xy)
	if err != nil {
		return errChart("calibration", fmt.Errorf("calibration chart: %w", err))
	}
	l.Color, l.Width = SeriesColor(0), 2
	s.GlyphStyle = draw.GlyphStyle{Color: SeriesColor(0), Radius: 3.5, Shape: draw.CircleGlyph{}}
	p.Add(l, s)
	p.Legend.Add(modelName(o), l, s)
	p.Legend.Add("perfectly calibrated", ideal)
	c := chartOf("calibration", fmt.Sprintf("%d bins", len(xy)), p, o, o.Height)
	c.vl = func() obj {
		return curveSpec([]string{modelName(o)}, [][]float64{xyColumn(xy, false)}, [][]float64{xyColumn(xy, true)},
			"perfectly calibrated", false, true, o, c.width, c.height)
	}
	return c
}

// LiftChart draws precomputed lifts, one bar per score group from the top-scored group
// down (ml.LiftTable computes them: a group's positive rate over the overall rate), with
// the baseline of 1 marked. Bars show lifts rounded to two decimals.
func LiftChart(lifts []float64, o ChartOptions) *Chart {
	if len(lifts) == 0 {
		return errChart("lift", errors.New("lift chart: no lifts given"))
	}
	bins := len(lifts)
	labels := make([]string, bins)
	rounded := make([]float64, bins)
	for b, v := range lifts {
		labels[b] = fmt.Sprintf("%d", b+1)
		rounded[b] = math.Round(v*100) / 100
	}
	defaultLabels(&o, fmt.Sprintf("score group (1 = top %s)", percent(1/float64(bins))), "lift over average")
	o.ShowValues = true
	o.Sorted, o.TopN, o.Horizontal = false, 0, false
	c := BarChart(labels, rounded, o)
	if c.err != nil {
		return c
	}
	c.kind = "lift"
	baseline, _ := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 1}, {X: float64(bins) - 0.5, Y: 1}})
	baseline.Color, baseline.Width, baseline.Dashes = inkColor, 1, []vg.Length{5, 4}
	c.p.Add(baseline)
	c.p.Legend.Add("baseline (lift 1.0)", baseline)
	c.p.Legend.Left = false
	c.desc = fmt.Sprintf("%d groups, top group lift %.2f", bins, lifts[0])
	bars := c.vl
	c.vl = func() obj { return withBaseline(bars(), 1, "baseline (lift 1.0)") }
	return c
}

// GainsChart draws a precomputed cumulative gains curve against random targeting:
// captured[i] is the share of all positives among the top-scored share[i] of the
// population, share increasing from 0 to 1 (ml.Lift's GainsChart computes them). The
// legend quotes the share captured at the first point at or past 10%.
func GainsChart(share, captured []float64, o ChartOptions) *Chart {
	if err := checkPairs("population shares", len(share), "captured shares", len(captured)); err != nil {
		return errChart("gains", fmt.Errorf("gains chart: %w", err))
	}
	xy := make(plotter.XYs, len(share))
	top10 := 0.0
	for i := range xy {
		xy[i] = plotter.XY{X: share[i], Y: captured[i]}
	}
	for i := range share {
		if share[i] >= 0.1 {
			top10 = captured[i]
			break
		}
	}
	p, random := unitSquarePlot(&o, "share of population targeted (by score)", "share of positives captured", percentTicks{}, false)
	l, err := plotter.NewLine(xy)
	if err != nil {
		return errChart("gains", fmt.Errorf("gains chart: %w", err))
	}
	l.Color, l.Width = SeriesColor(0), 2.2
	p.Add(l)
	name := fmt.Sprintf("%s (top 10%% captures %s)", modelName(o), percent(top10))
	p.Legend.Add(name, l)
	p.Legend.Add("random targeting", random)
	c := chartOf("gains", fmt.Sprintf("top 10%% captures %s of positives", percent(top10)), p, o, o.Height)
	c.vl = func() obj {
		return curveSpec([]string{name}, [][]float64{xyColumn(xy, false)}, [][]float64{xyColumn(xy, true)},
			"random targeting", true, false, o, c.width, c.height)
	}
	return c
}

// modelName is o.Series[0], or "model" when it is not set.
func modelName(o ChartOptions) string {
	if len(o.Series) > 0 && o.Series[0] != "" {
		return o.Series[0]
	}
	return "model"
}

// unitSquarePlot starts a chart over [0, 1]² (640×560 unless o sizes it, labelled
// xLabel and yLabel unless o labels it) with a light grid, ticks on both axes, the
// legend in the top-left or bottom-right corner, and the dashed diagonal drawn; it
// returns the diagonal for the legend.
func unitSquarePlot(o *ChartOptions, xLabel, yLabel string, ticks plot.Ticker, legendTopLeft bool) (*plot.Plot, *plotter.Line) {
	defaultLabels(o, xLabel, yLabel)
	if o.Width == 0 {
		o.Width = 640
	}
	if o.Height == 0 {
		o.Height = 560
	}
	p := newPlot(*o)
	p.Add(lightGrid())
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.X.Tick.Marker, p.Y.Tick.Marker = ticks, ticks
	p.Legend.Top, p.Legend.Left = legendTopLeft, legendTopLeft
	p.Legend.XOffs, p.Legend.YOffs = -8, 8
	if legendTopLeft {
		p.Legend.XOffs, p.Legend.YOffs = 8, -8
	}
	diagonal, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	diagonal.Color, diagonal.Width, diagonal.Dashes = gridGrey(), 1.2, []vg.Length{5, 4}
	p.Add(diagonal)
	return p, diagonal
}

// percentTicks labels a [0, 1] axis in percent.
type percentTicks struct{}

// Ticks implements plot.Ticker.
func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for i := 0; i <= 10; i++ {
		v := float64(i) / 10
		t := plot.Tick{Value: v}
		if i%2 == 0 {
			t.Label = fmt.Sprintf("%d%%", i*10)
		}
		out = append(out, t)
	}
	return out
}

func gridGrey() color.RGBA { return color.RGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff} }

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
