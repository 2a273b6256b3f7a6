package ml

import (
	"context"
	"errors"
	"math"
	"math/rand"
	"testing"
)

// randomLogitProblem returns standardized-looking columns and labels drawn from a
// logistic model with correlated features.
func randomLogitProblem(n, p int, seed int64) *logitProblem {
	rng := rand.New(rand.NewSource(seed))
	cols := make([][]float64, p)
	for j := range cols {
		cols[j] = make([]float64, n)
	}
	y := make([]float64, n)
	for i := 0; i < n; i++ {
		z := -0.5
		shared := rng.NormFloat64()
		for j := 0; j < p; j++ {
			v := rng.NormFloat64() + 0.5*shared
			cols[j][i] = v
			z += v * float64(j%5-2) * 0.4
		}
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			y[i] = 1
		}
	}
	return newLogitProblem(cols, y)
}

// TestNewtonMatchesLBFGS: both solvers reach the same optimum of the same problem, with
// the rows in several blocks and on several goroutines.
func TestNewtonMatchesLBFGS(t *testing.T) {
	for _, lambda := range []float64{1e-4, 0.05} {
		pr := randomLogitProblem(3*logitBlock+77, 12, 5)
		wn := make([]float64, pr.p+1)
		iters, ok, err := newtonL2(context.Background(), pr, wn, lambda, 1e-10, 100)
		if err != nil || !ok {
			t.Fatalf("λ=%g: Newton ok=%v err=%v", lambda, ok, err)
		}
		if iters > 12 {
			t.Errorf("λ=%g: Newton took %d iterations", lambda, iters)
		}
		wl := make([]float64, pr.p+1)
		if _, err := lbfgsL2(context.Background(), pr, wl, lambda, 1e-10, 1000); err != nil {
			t.Fatal(err)
		}
		for j := range wn {
			if !near(wn[j], wl[j], 1e-6) {
				t.Errorf("λ=%g: w[%d] Newton %.9f, L-BFGS %.9f", lambda, j, wn[j], wl[j])
			}
		}
	}
}

// TestLogisticNewtonEdges: no penalty on separable data (the optimum is at infinity)
// still ends with a perfect ranking, and a cancelled context stops training.
func TestLogisticNewtonEdges(t *testing.T) {
	var rows [][]float64
	var y []float64
	for i := 0; i < 200; i++ {
		x := float64(i) - 99.5
		rows = append(rows, []float64{x, float64(i % 7)})
		y = append(y, b2f(x > 0))
	}
	ds, err := FromSlices([]string{"x", "noise"}, rows, y, DataOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := TrainLogistic(context.Background(), ds, LogisticOptions{Penalty: "none"})
	if err != nil {
		t.Fatal(err)
	}
	met, err := EvaluateModel(m, ds, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if met.AUC != 1 || met.Accuracy != 1 {
		t.Errorf("separable, no penalty: AUC %v accuracy %v, want 1 and 1", met.AUC, met.Accuracy)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := TrainLogistic(ctx, ds, LogisticOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error %v, want context.Canceled", err)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
