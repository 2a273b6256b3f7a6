package display

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ROCChart computes and draws the ROC curve of scores (higher means more likely
// positive) against the actual labels, with the AUC in the legend. o.Series[0], when
// set, names the model.
func ROCChart(scores []float64, actual []bool, o ChartOptions) *Chart {
	fpr, tpr, err := rocCurve(scores, actual)
	if err != nil {
		return errChart("ROC", fmt.Errorf("ROC chart: %w", err))
	}
	return ROCCurveChart([]string{modelName(o)}, [][]float64{fpr}, [][]float64{tpr}, o)
}

// ROCCurveChart draws precomputed ROC curves, one per model: fprs[i] and tprs[i] are
// the false- and true-positive rates of names[i], in increasing FPR order. Each legend
// entry shows the AUC computed by the trapezoidal rule.
func ROCCurveChart(names []string, fprs, tprs [][]float64, o ChartOptions) *Chart {
	if len(names) == 0 || len(fprs) != len(names) || len(tprs) != len(names) {
		return errChart("ROC", fmt.Errorf("ROC chart: %d names, %d FPR series, %d TPR series; they must match", len(names), len(fprs), len(tprs)))
	}
	p, chance := unitSquarePlot(&o, "false positive rate", "true positive rate", unitTicks{}, false)
	var desc []string
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
		a := trapezoidArea(fprs[i], tprs[i])
		p.Legend.Add(fmt.Sprintf("%s (AUC = %.3f)", names[i], a), l)
		desc = append(desc, fmt.Sprintf("%s AUC=%.3f", names[i], a))
	}
	p.Legend.Add("chance (AUC = 0.500)", chance)
	return chartOf("ROC", joinComma(desc), p, o, o.Height)
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

// CalibrationChart bins predicted probabilities into o.Bins equal-width bins over [0, 1]
// (default 10) and draws each bin's observed positive rate against its mean prediction,
// next to the perfectly calibrated diagonal.
func CalibrationChart(scores []float64, actual []bool, o ChartOptions) *Chart {
	if err := checkPairs("scores", len(scores), "labels", len(actual)); err != nil {
		return errChart("calibration", fmt.Errorf("calibration chart: %w", err))
	}
	bins := o.Bins
	if bins <= 0 {
		bins = 10
	}
	sum := make([]float64, bins)
	pos := make([]float64, bins)
	cnt := make([]float64, bins)
	for i, s := range scores {
		if math.IsNaN(s) {
			continue
		}
		if s < 0 || s > 1 {
			return errChart("calibration", fmt.Errorf("calibration chart: score %v at %d is outside [0, 1]; pass probabilities", s, i))
		}
		b := min(int(s*float64(bins)), bins-1)
		sum[b] += s
		cnt[b]++
		if actual[i] {
			pos[b]++
		}
	}
	var xy plotter.XYs
	for b := range cnt {
		if cnt[b] > 0 {
			xy = append(xy, plotter.XY{X: sum[b] / cnt[b], Y: pos[b] / cnt[b]})
		}
	}
	if len(xy) == 0 {
		return errChart("calibration", errors.New("calibration chart: no scores"))
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
	return chartOf("calibration", fmt.Sprintf("%d bins", len(xy)), p, o, o.Height)
}

// LiftChart ranks examples by score, splits them into o.Bins equal groups (default 10,
// deciles) and draws each group's lift — its positive rate over the overall rate — with
// the baseline of 1 marked.
func LiftChart(scores []float64, actual []bool, o ChartOptions) *Chart {
	order, positives, err := rankByScore(scores, actual)
	if err != nil {
		return errChart("lift", fmt.Errorf("lift chart: %w", err))
	}
	bins := o.Bins
	if bins <= 0 {
		bins = 10
	}
	n := len(order)
	bins = min(bins, n)
	base := float64(positives) / float64(n)
	if base == 0 {
		return errChart("lift", errors.New("lift chart: no positive examples, so lift is undefined"))
	}
	labels := make([]string, bins)
	lifts := make([]float64, bins)
	for b := 0; b < bins; b++ {
		lo, hi := b*n/bins, (b+1)*n/bins
		pos := 0
		for _, i := range order[lo:hi] {
			if actual[i] {
				pos++
			}
		}
		lifts[b] = float64(pos) / float64(hi-lo) / base
		labels[b] = fmt.Sprintf("%d", b+1)
	}
	defaultLabels(&o, fmt.Sprintf("score group (1 = top %s)", percent(1/float64(bins))), "lift over average")
	o.ShowValues = true
	o.Sorted, o.TopN, o.Horizontal = false, 0, false
	c := BarChart(labels, roundAll(lifts, 2), o)
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
	return c
}

// GainsChart draws the cumulative gains curve: the share of all positives captured when
// targeting the top-scored share of the population, against random targeting.
func GainsChart(scores []float64, actual []bool, o ChartOptions) *Chart {
	order, positives, err := rankByScore(scores, actual)
	if err != nil {
		return errChart("gains", fmt.Errorf("gains chart: %w", err))
	}
	if positives == 0 {
		return errChart("gains", errors.New("gains chart: no positive examples"))
	}
	n := len(order)
	step := max(1, n/500)
	xy := plotter.XYs{{X: 0, Y: 0}}
	got := 0
	top10 := 0.0
	for k, i := range order {
		if actual[i] {
			got++
		}
		if k+1 == int(math.Ceil(float64(n)/10)) {
			top10 = float64(got) / float64(positives)
		}
		if (k+1)%step == 0 || k == n-1 {
			xy = append(xy, plotter.XY{X: float64(k+1) / float64(n), Y: float64(got) / float64(positives)})
		}
	}
	p, random := unitSquarePlot(&o, "share of population targeted (by score)", "share of positives captured", percentTicks{}, false)
	l, err := plotter.NewLine(xy)
	if err != nil {
		return errChart("gains", fmt.Errorf("gains chart: %w", err))
	}
	l.Color, l.Width = SeriesColor(0), 2.2
	p.Add(l)
	p.Legend.Add(fmt.Sprintf("%s (top 10%% captures %s)", modelName(o), percent(top10)), l)
	p.Legend.Add("random targeting", random)
	return chartOf("gains", fmt.Sprintf("top 10%% captures %s of positives", percent(top10)), p, o, o.Height)
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

// rocCurve returns the ROC curve's points in increasing FPR order, tied scores forming
// one step.
func rocCurve(scores []float64, actual []bool) (fpr, tpr []float64, err error) {
	order, positives, err := rankByScore(scores, actual)
	if err != nil {
		return nil, nil, err
	}
	negatives := len(order) - positives
	if positives == 0 || negatives == 0 {
		return nil, nil, fmt.Errorf("need both positive and negative examples (got %d positive, %d negative)", positives, negatives)
	}
	fpr, tpr = []float64{0}, []float64{0}
	tp, fp := 0, 0
	for k, i := range order {
		if actual[i] {
			tp++
		} else {
			fp++
		}
		if k == len(order)-1 || scores[order[k+1]] != scores[i] {
			fpr = append(fpr, float64(fp)/float64(negatives))
			tpr = append(tpr, float64(tp)/float64(positives))
		}
	}
	return fpr, tpr, nil
}

// rankByScore returns example indices by descending score (NaN scores dropped) and the
// number of positives among them.
func rankByScore(scores []float64, actual []bool) ([]int, int, error) {
	if err := checkPairs("scores", len(scores), "labels", len(actual)); err != nil {
		return nil, 0, err
	}
	order := make([]int, 0, len(scores))
	positives := 0
	for i, s := range scores {
		if math.IsNaN(s) {
			continue
		}
		order = append(order, i)
		if actual[i] {
			positives++
		}
	}
	if len(order) == 0 {
		return nil, 0, errors.New("every score is NaN")
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	return order, positives, nil
}

func trapezoidArea(x, y []float64) float64 {
	a := 0.0
	for i := 1; i < len(x); i++ {
		a += (x[i] - x[i-1]) * (y[i] + y[i-1]) / 2
	}
	return a
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

func roundAll(v []float64, decimals int) []float64 {
	f := math.Pow10(decimals)
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Round(x*f) / f
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
