package ml

import (
	"fmt"

	"github.com/sluice-dev/sluice/display"
)

// Chart draws the curve: ROC against the chance diagonal (AUC in the legend), or
// precision against recall.
func (c *Curve) Chart() *display.Chart {
	if c.Kind == "pr" {
		return display.LineChart(c.X, c.Y, display.ChartOptions{Title: c.title(), XLabel: "recall", YLabel: "precision"})
	}
	return display.ROCCurveChart([]string{"model"}, [][]float64{c.X}, [][]float64{c.Y}, display.ChartOptions{Title: c.title()})
}

// Chart draws the 2×2 matrix as a heatmap with counts (rows actual, columns predicted).
func (c *Confusion) Chart() *display.Chart {
	counts := [][]float64{{float64(c.TN), float64(c.FP)}, {float64(c.FN), float64(c.TP)}}
	return display.ConfusionMatrixChart([]string{"0", "1"}, counts,
		display.ChartOptions{Title: fmt.Sprintf("Confusion matrix (threshold %.2g)", c.Threshold), XLabel: "predicted", YLabel: "actual"})
}

// Chart draws the reliability diagram against the diagonal of perfect calibration.
func (c *Calibration) Chart() *display.Chart {
	return display.CalibrationChart(c.p, boolLabels(c.y), display.ChartOptions{Title: "Calibration", Bins: c.bins})
}

// Chart draws the lift of each group over the overall positive rate.
func (l *Lift) Chart() *display.Chart {
	return display.LiftChart(l.p, boolLabels(l.y), display.ChartOptions{Title: "Lift by score group", Bins: len(l.Group)})
}

// GainsChart draws the cumulative gains curve against random targeting.
func (l *Lift) GainsChart() *display.Chart {
	return display.GainsChart(l.p, boolLabels(l.y), display.ChartOptions{Title: "Cumulative gains"})
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

func boolLabels(y []float64) []bool {
	out := make([]bool, len(y))
	for i, v := range y {
		out[i] = v == 1
	}
	return out
}
