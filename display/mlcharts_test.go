package display

import (
	"math"
	"strings"
	"testing"
)

// mlSampleCharts returns the model-evaluation charts drawn from fixed points, the way
// platform/ml hands them over: a binormal ROC curve, ten calibration bins, decile lifts
// and the gains curve those lifts make.
func mlSampleCharts() map[string]*Chart {
	var fpr, tpr []float64
	for i := 0; i <= 50; i++ {
		f := float64(i) / 50
		fpr = append(fpr, f)
		switch i {
		case 0, 50:
			tpr = append(tpr, f)
		default:
			// tpr = Φ(1.2 + Φ⁻¹(fpr))
			z := 1.2 + math.Sqrt2*math.Erfinv(2*f-1)
			tpr = append(tpr, 0.5*math.Erfc(-z/math.Sqrt2))
		}
	}
	var mean, observed []float64
	for b := 0; b < 10; b++ {
		m := (float64(b) + 0.5) / 10
		mean = append(mean, m)
		observed = append(observed, m*m*0.4+m*0.55)
	}
	lifts := []float64{3.1, 2.0, 1.5, 1.1, 0.9, 0.7, 0.5, 0.4, 0.3, 0.2}
	share, captured := []float64{0}, []float64{0}
	got := 0.0
	for g, l := range lifts {
		got += l / 10.7
		share = append(share, float64(g+1)/10)
		captured = append(captured, got)
	}
	captured[len(captured)-1] = 1
	return map[string]*Chart{
		"roc":   ROCCurveChart([]string{"gbm"}, [][]float64{fpr}, [][]float64{tpr}, []float64{0.8}, ChartOptions{Title: "ROC"}),
		"calib": CalibrationChart(mean, observed, ChartOptions{Title: "Calibration"}),
		"lift":  LiftChart(lifts, ChartOptions{Title: "Lift by decile"}),
		"gains": GainsChart(share, captured, ChartOptions{Title: "Cumulative gains"}),
	}
}

func TestMLChartsShowTheGivenFigures(t *testing.T) {
	roc := ROCCurveChart([]string{"lr", "gbm"}, [][]float64{{0, 0.5, 1}, {0, 0.2, 1}}, [][]float64{{0, 1, 1}, {0, 0.9, 1}}, []float64{0.75, 0.871}, ChartOptions{})
	if roc.Err() != nil || !strings.Contains(roc.String(), "lr AUC=0.750, gbm AUC=0.871") {
		t.Errorf("ROC description = %q (%v)", roc.String(), roc.Err())
	}
	if !strings.Contains(roc.SVG(), "AUC = 0.871") {
		t.Error("the given AUC is not in the legend")
	}
	lift := LiftChart([]float64{2.345, 1, 0.5, 0.155}, ChartOptions{})
	if lift.Err() != nil || !strings.Contains(lift.String(), "4 groups, top group lift 2.35") {
		t.Errorf("lift description = %q (%v)", lift.String(), lift.Err())
	}
	if svg := lift.SVG(); !strings.Contains(svg, "2.35") || !strings.Contains(svg, "top 25.0%") {
		t.Error("the lift chart does not show the rounded top lift and the group size")
	}
	// The legend quotes the first point at or past 10% of the population.
	gains := GainsChart([]float64{0, 0.05, 0.1, 0.5, 1}, []float64{0, 0.2, 0.37, 0.8, 1}, ChartOptions{})
	if gains.Err() != nil || !strings.Contains(gains.String(), "top 10% captures 37.0% of positives") {
		t.Errorf("gains description = %q (%v)", gains.String(), gains.Err())
	}
	cal := CalibrationChart([]float64{0.1, 0.5, 0.9}, []float64{0.05, 0.5, 0.95}, ChartOptions{})
	if cal.Err() != nil || !strings.Contains(cal.String(), "3 bins") {
		t.Errorf("calibration description = %q (%v)", cal.String(), cal.Err())
	}
}

func TestMLChartErrors(t *testing.T) {
	for name, c := range map[string]*Chart{
		"ROC without AUCs":         ROCCurveChart([]string{"a"}, [][]float64{{0, 1}}, [][]float64{{0, 1}}, nil, ChartOptions{}),
		"ROC ragged":               ROCCurveChart([]string{"a"}, [][]float64{{0, 1}}, [][]float64{{0}}, []float64{0.5}, ChartOptions{}),
		"calibration mismatch":     CalibrationChart([]float64{0.1, 0.2}, []float64{0.1}, ChartOptions{}),
		"calibration with no bins": CalibrationChart(nil, nil, ChartOptions{}),
		"lift with no groups":      LiftChart(nil, ChartOptions{}),
		"gains mismatch":           GainsChart([]float64{0, 1}, []float64{0}, ChartOptions{}),
	} {
		if c.Err() == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if b := c.Bundle(); len(b.Data) != 1 || !strings.HasPrefix(b.Data[MIMEText].(string), "chart error: ") {
			t.Errorf("%s: error chart bundle = %v", name, b.Data)
		}
	}
}
