package ml

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/display"
)

func TestAUCHandComputed(t *testing.T) {
	cases := []struct {
		name string
		y, p []float64
		want float64
	}{
		// pairs (pos, neg): (0.8,0.1) (0.8,0.4) (0.35,0.1) (0.35,0.4) → 3 of 4 ordered
		{"no ties", []float64{0, 0, 1, 1}, []float64{0.1, 0.4, 0.35, 0.8}, 0.75},
		// pos 0.5 vs neg 0.5 is a tie (½), pos 0.9 beats both negatives, 0.5 beats 0.2
		{"ties", []float64{0, 0, 1, 1}, []float64{0.2, 0.5, 0.5, 0.9}, (1 + 1 + 0.5 + 1) / 4.0},
		{"all tied", []float64{0, 1, 0, 1}, []float64{0.3, 0.3, 0.3, 0.3}, 0.5},
		{"perfect", []float64{0, 0, 1}, []float64{0.1, 0.2, 0.3}, 1},
		{"reversed", []float64{1, 1, 0}, []float64{0.1, 0.2, 0.3}, 0},
	}
	for _, c := range cases {
		got, err := AUC(c.y, c.p)
		if err != nil {
			t.Fatal(err)
		}
		if !near(got, c.want, 1e-12) {
			t.Errorf("%s: AUC %v, want %v", c.name, got, c.want)
		}
		roc, _ := ROC(c.y, c.p)
		// trapezoidal area under the ROC points equals the rank AUC
		var area float64
		for i := 1; i < len(roc.X); i++ {
			area += (roc.X[i] - roc.X[i-1]) * (roc.Y[i] + roc.Y[i-1]) / 2
		}
		if !near(area, c.want, 1e-12) {
			t.Errorf("%s: ROC trapezoid area %v, want %v", c.name, area, c.want)
		}
	}
	if _, err := AUC([]float64{1, 1}, []float64{0.2, 0.3}); err == nil {
		t.Error("AUC with one class gave no error")
	}
}

func TestLogLossHandComputed(t *testing.T) {
	y := []float64{1, 0, 1, 0}
	p := []float64{0.9, 0.2, 0.6, 0.5}
	want := -(math.Log(0.9) + math.Log(0.8) + math.Log(0.6) + math.Log(0.5)) / 4
	got, err := LogLoss(y, p)
	if err != nil {
		t.Fatal(err)
	}
	if !near(got, want, 1e-12) {
		t.Errorf("log-loss %v, want %v", got, want)
	}
	// clipping keeps a confident mistake finite
	got, _ = LogLoss([]float64{1}, []float64{0})
	if math.IsInf(got, 0) || !near(got, -math.Log(1e-15), 1e-9) {
		t.Errorf("log-loss of p=0 for a positive is %v, want %v", got, -math.Log(1e-15))
	}
}

func TestConfusionAndMetrics(t *testing.T) {
	y := []float64{1, 1, 1, 0, 0, 0, 0, 1}
	p := []float64{0.9, 0.6, 0.4, 0.7, 0.2, 0.1, 0.5, 0.5}
	m, err := Evaluate(y, p, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	c := m.Confusion
	// predicted 1 at ≥0.5: rows 0,1,3,6,7 → TP 3 (0,1,7), FP 2 (3,6), FN 1 (2), TN 2 (4,5)
	if c.TP != 3 || c.FP != 2 || c.FN != 1 || c.TN != 2 {
		t.Fatalf("confusion %+v", c)
	}
	if !near(m.Precision, 0.6, 1e-12) || !near(m.Recall, 0.75, 1e-12) || !near(m.Accuracy, 5.0/8, 1e-12) ||
		!near(m.F1, 2*0.6*0.75/1.35, 1e-12) {
		t.Errorf("metrics %s", m)
	}
	if m.Table().NumRows() != 8 {
		t.Errorf("metrics table has %d rows", m.Table().NumRows())
	}
}

func TestCurvesLiftCalibration(t *testing.T) {
	y := []float64{1, 0, 1, 0, 0, 1, 0, 0, 0, 0}
	p := []float64{0.95, 0.9, 0.8, 0.3, 0.2, 0.6, 0.1, 0.05, 0.4, 0.15}
	pr, err := PR(y, p)
	if err != nil {
		t.Fatal(err)
	}
	// ranked: 1 0 1 1(0.6) … average precision = (1/1 + 2/3 + 3/4)/3
	if want := (1 + 2.0/3 + 0.75) / 3; !near(pr.Area, want, 1e-12) {
		t.Errorf("average precision %v, want %v", pr.Area, want)
	}
	l, err := LiftTable(y, p, 5)
	if err != nil {
		t.Fatal(err)
	}
	// top 20%: rows 0.95, 0.9 → 1 positive of 2 → rate 0.5, base 0.3, lift 5/3
	if !near(l.Lift[0], 0.5/0.3, 1e-12) || !near(l.Gain[len(l.Gain)-1], 1, 1e-12) {
		t.Errorf("lift %v gains %v", l.Lift, l.Gain)
	}
	cal, err := CalibrationCurve(y, p, 2)
	if err != nil {
		t.Fatal(err)
	}
	// bin [0,.5): 0.3 0.2 0.1 0.05 0.4 0.15 → 0 positives; [.5,1]: 0.95 0.9 0.8 0.6 → 3 of 4
	if len(cal.Observed) != 2 || cal.Observed[0] != 0 || cal.Observed[1] != 0.75 || cal.Count[1] != 4 {
		t.Errorf("calibration %+v", cal)
	}
}

func TestChartsRender(t *testing.T) {
	y := []float64{1, 0, 1, 0, 0, 1, 0, 0, 0, 0}
	p := []float64{0.95, 0.9, 0.8, 0.3, 0.2, 0.6, 0.1, 0.05, 0.4, 0.15}
	roc, _ := ROC(y, p)
	cm, _ := ConfusionAt(y, p, 0.5)
	cal, _ := CalibrationCurve(y, p, 5)
	lift, _ := LiftTable(y, p, 5)
	imp := &Importance{Kind: "gain", Features: []string{"a", "b"}, Values: []float64{0.7, 0.3}}
	pr, _ := PR(y, p)
	for _, c := range []*display.Chart{roc.Chart(), pr.Chart(), cm.Chart(), cal.Chart(), lift.Chart(), lift.GainsChart(), imp.Chart(), ScoreHistogram(p, 10)} {
		if err := c.Err(); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if png := c.PNG(); len(png) < 100 || string(png[1:4]) != "PNG" {
			t.Errorf("%s: not a PNG", c)
		}
		if !strings.Contains(c.SVG(), "<svg") {
			t.Errorf("%s: not an SVG", c)
		}
		b := c.Bundle()
		if b.Data["image/png"] == nil || b.Data["image/svg+xml"] == nil {
			t.Errorf("%s: bundle lacks images", c)
		}
	}
}

func TestPermutationImportance(t *testing.T) {
	ds := xorData(t, 2000, 4)
	m, err := TrainGBDT(context.Background(), ds, GBDTOptions{Iterations: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	imp, err := PermutationImportance(context.Background(), m, ds, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if imp.Values[0] < 0.2 || imp.Values[1] < 0.2 || imp.Values[2] > 0.05 || imp.Values[3] > 0.05 {
		t.Errorf("permutation importance %v: XOR features should matter, noise not", imp.Values)
	}
	if tb := imp.Table(); tb.NumRows() != 4 {
		t.Errorf("importance table rows %d", tb.NumRows())
	}
}

func TestChartsDrawTheComputedFigures(t *testing.T) {
	y := []float64{1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0}
	p := []float64{0.95, 0.9, 0.8, 0.3, 0.2, 0.6, 0.1, 0.05, 0.4, 0.15, 0.7, 0.5}
	roc, _ := ROC(y, p)
	if want := fmt.Sprintf("model AUC=%.3f", roc.Area); !strings.Contains(roc.Chart().String(), want) {
		t.Errorf("ROC chart %q does not show %s", roc.Chart(), want)
	}
	lift, _ := LiftTable(y, p, 4)
	if want := fmt.Sprintf("top group lift %.2f", lift.Lift[0]); !strings.Contains(lift.Chart().String(), want) {
		t.Errorf("lift chart %q does not show %s", lift.Chart(), want)
	}
	// 12 rows: the top 10% is the top 2 rows (0.95 positive, 0.9 negative), 1 of 4 positives.
	if g := lift.GainsChart().String(); !strings.Contains(g, "top 10% captures 25.0% of positives") {
		t.Errorf("gains chart %q", g)
	}
	cal, _ := CalibrationCurve(y, p, 5)
	if want := fmt.Sprintf("%d bins", len(cal.MeanPredicted)); !strings.Contains(cal.Chart().String(), want) {
		t.Errorf("calibration chart %q does not show %s", cal.Chart(), want)
	}
	if _, err := CalibrationCurve([]float64{1, 0}, []float64{1.5, 0.2}, 5); err == nil || !strings.Contains(err.Error(), "outside [0, 1]") {
		t.Errorf("calibration of a score above 1: %v", err)
	}
}
