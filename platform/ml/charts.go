package ml

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"

	"github.com/sluice-dev/sluice/display"
)

// Chart draws the curve: ROC against the chance diagonal (AUC in the legend), or
// precision against recall.
func (c *Curve) Chart() *display.Chart {
	if c.Kind == "pr" {
		return display.LineChart(c.X, c.Y, display.ChartOptions{Title: c.title(), XLabel: "recall", YLabel: "precision"})
	}
	return display.ROCCurveChart([]string{"model"}, [][]float64{c.X}, [][]float64{c.Y}, []float64{c.Area}, display.ChartOptions{Title: c.title()})
}

// Chart draws the 2×2 matrix as a heatmap with counts (rows actual, columns predicted).
func (c *Confusion) Chart() *display.Chart {
	counts := [][]float64{{float64(c.TN), float64(c.FP)}, {float64(c.FN), float64(c.TP)}}
	return display.ConfusionMatrixChart([]string{"0", "1"}, counts,
		display.ChartOptions{Title: fmt.Sprintf("Confusion matrix (threshold %.2g)", c.Threshold), XLabel: "predicted", YLabel: "actual"})
}

// Chart draws the reliability diagram against the diagonal of perfect calibration.
func (c *Calibration) Chart() *display.Chart {
	return display.CalibrationChart(c.MeanPredicted, c.Observed, display.ChartOptions{Title: "Calibration"})
}

// Chart draws the lift of each group over the overall positive rate.
func (l *Lift) Chart() *display.Chart {
	return display.LiftChart(l.Lift, display.ChartOptions{Title: "Lift by score group"})
}

// GainsChart draws the cumulative gains curve against random targeting.
func (l *Lift) GainsChart() *display.Chart {
	return display.GainsChart(l.gainShare, l.gainCaptured, display.ChartOptions{Title: "Cumulative gains"})
}

// Chart draws a horizontal bar per feature, most important on top.
func (im *Importance) Chart() *display.Chart {
	return display.FeatureImportanceChart(im.Features, im.Values, display.ChartOptions{Title: "Feature importance (" + im.Kind + ")"})
}

// ScoreHistogram draws the distribution of predicted probabilities in bins bins
// (default 20).
func ScoreHistogram(p []float64, bins int) *display.Chart {
	return display.HistogramChart(p, display.ChartOptions{Title: fmt.Sprintf("Distribution of %d scores", len(p)),
		XLabel: "propensity", YLabel: "rows", Bins: bins})
}

// integerTicks labels an axis of whole numbers (trial numbers) at integers only: steps
// of 1, 2 or 5 times a power of ten, about eight labels at most, with unlabelled marks
// at the integers between them while those are not too dense.
type integerTicks struct{}

// Ticks implements plot.Ticker.
func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	first, last := math.Ceil(lo)+0, math.Floor(hi)+0 // +0 turns −0 into 0
	if last < first {
		return []plot.Tick{{Value: math.Round((lo + hi) / 2), Label: strconv.FormatFloat(math.Round((lo+hi)/2), 'f', 0, 64)}}
	}
	step := 1.0
	for mag := 1.0; (last-first)/step > 8; mag *= 10 {
		for _, m := range []float64{1, 2, 5, 10} {
			if step = m * mag; (last-first)/step <= 8 {
				break
			}
		}
	}
	var out []plot.Tick
	minor := step > 1 && (last-first) <= 60
	for v := first; v <= last; v++ {
		switch {
		case math.Mod(v, step) == 0:
			out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
		case minor:
			out = append(out, plot.Tick{Value: v})
		}
		if !minor && step > 1 { // jump straight to the next labelled value
			v = math.Ceil((v+1)/step)*step - 1
		}
	}
	return out
}
