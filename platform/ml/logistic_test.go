package ml

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"testing"
)

// TestLogisticMatchesSklearn compares coefficients with scikit-learn's on the same
// standardized data (testdata/sklearn_logistic.py made the reference).
func TestLogisticMatchesSklearn(t *testing.T) {
	ds := readCSVDataset(t, "testdata/logistic_data.csv")
	raw, err := os.ReadFile("testdata/logistic_ref.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases []struct {
			Penalty   string
			C         float64
			Coef      []float64
			Intercept float64
		}
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) == 0 {
		t.Fatal("no reference cases")
	}
	for _, c := range ref.Cases {
		m, err := TrainLogistic(context.Background(), ds, LogisticOptions{Penalty: c.Penalty, C: c.C, Tol: 1e-11})
		if err != nil {
			t.Fatal(err)
		}
		for j, want := range c.Coef {
			if !near(m.Coef[j], want, 1e-4) {
				t.Errorf("%s C=%v: coef[%d] = %.6f, sklearn %.6f", c.Penalty, c.C, j, m.Coef[j], want)
			}
		}
		if !near(m.Intercept, c.Intercept, 1e-4) {
			t.Errorf("%s C=%v: intercept = %.6f, sklearn %.6f", c.Penalty, c.C, m.Intercept, c.Intercept)
		}
		if imp := m.CoefImportance(); imp.Values[0] != math.Abs(m.Coef[0]) {
			t.Errorf("coefficient importance %v", imp.Values)
		}
		if c.Penalty == "l1" {
			for j, want := range c.Coef {
				if want == 0 && m.Coef[j] != 0 {
					t.Errorf("l1 C=%v: coef[%d] = %g, want exactly 0 (sparsity)", c.C, j, m.Coef[j])
				}
			}
		}
	}
}

// TestLogisticClosedForm: with one binary feature and no penalty the maximum-likelihood
// fit reproduces each group's empirical log-odds exactly.
func TestLogisticClosedForm(t *testing.T) {
	// group x=0: 30 positives of 100; group x=1: 80 of 100
	var rows [][]float64
	var y []float64
	for i := 0; i < 200; i++ {
		x := float64(i / 100)
		rows = append(rows, []float64{x})
		pos := (x == 0 && i%100 < 30) || (x == 1 && i%100 < 80)
		if pos {
			y = append(y, 1)
		} else {
			y = append(y, 0)
		}
	}
	ds, err := FromSlices([]string{"x"}, rows, y, DataOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := TrainLogistic(context.Background(), ds, LogisticOptions{Penalty: "none", Tol: 1e-12})
	if err != nil {
		t.Fatal(err)
	}
	logit := func(p float64) float64 { return math.Log(p / (1 - p)) }
	if !near(m.RawIntercept, logit(0.3), 1e-6) || !near(m.RawCoef[0], logit(0.8)-logit(0.3), 1e-6) {
		t.Errorf("raw fit b=%.8f w=%.8f, want b=%.8f w=%.8f", m.RawIntercept, m.RawCoef[0], logit(0.3), logit(0.8)-logit(0.3))
	}
	p, err := m.Predict(ds)
	if err != nil {
		t.Fatal(err)
	}
	if !near(p[0], 0.3, 1e-6) || !near(p[150], 0.8, 1e-6) {
		t.Errorf("predictions %v, %v; want 0.3 and 0.8", p[0], p[150])
	}
}

// TestLogisticSeparable: on perfectly separable data a lightly penalized model ranks
// every row correctly and its weight grows as the penalty shrinks.
func TestLogisticSeparable(t *testing.T) {
	var rows [][]float64
	var y []float64
	for i := 0; i < 100; i++ {
		x := float64(i) - 49.5
		rows = append(rows, []float64{x})
		if x > 0 {
			y = append(y, 1)
		} else {
			y = append(y, 0)
		}
	}
	ds, _ := FromSlices([]string{"x"}, rows, y, DataOptions{})
	var prevW float64
	for _, lambda := range []float64{1e-1, 1e-2, 1e-3} {
		m, err := TrainLogistic(context.Background(), ds, LogisticOptions{Lambda: lambda})
		if err != nil {
			t.Fatal(err)
		}
		met, err := EvaluateModel(m, ds, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if met.AUC != 1 || met.Accuracy != 1 {
			t.Errorf("lambda %g: AUC %v accuracy %v, want 1 and 1", lambda, met.AUC, met.Accuracy)
		}
		if m.Coef[0] <= prevW {
			t.Errorf("lambda %g: weight %v did not grow from %v", lambda, m.Coef[0], prevW)
		}
		prevW = m.Coef[0]
	}
}
