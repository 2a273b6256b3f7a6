package ml

import (
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Model is a trained binary classifier that predicts the probability of class 1.
type Model interface {
	// Name returns the model kind: "logistic", "gbdt" or "forest".
	Name() string
	// Params returns the hyperparameters the model was trained with.
	Params() map[string]any
	// Prep returns how raw input columns become this model's feature columns.
	Prep() Prep
	// Predict returns P(y=1) for every row of ds. It fails when ds's feature columns
	// differ from the ones the model was trained on.
	Predict(ds *Dataset) ([]float64, error)
}

// rowScorer is implemented by every model in this package: it writes P(y=1) for rows of a
// row-major matrix with the model's feature columns into out.
type rowScorer interface {
	scoreRows(x []float64, cols int, out []float64)
}

// predict checks ds against m's features and scores it in parallel blocks.
func predict(m Model, s rowScorer, ds *Dataset) ([]float64, error) {
	if err := Validate(m); err != nil {
		return nil, err
	}
	if err := checkFeatures(m.Name(), m.Prep().Columns(), ds.Features); err != nil {
		return nil, err
	}
	if ds.Cols != len(ds.Features) || len(ds.X) != ds.Rows*ds.Cols {
		return nil, fmt.Errorf("ml: the dataset is inconsistent: %d rows × %d columns but %d values and %d feature names",
			ds.Rows, ds.Cols, len(ds.X), len(ds.Features))
	}
	out := make([]float64, ds.Rows)
	err := parallelRows(ds.Rows, 4096, "scoring", func(lo, hi int) {
		s.scoreRows(ds.X[lo*ds.Cols:hi*ds.Cols], ds.Cols, out[lo:hi])
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// parallelRows calls fn on consecutive [lo, hi) blocks of at most block rows from
// runtime.NumCPU() goroutines. A panic in fn comes back as a *PanicError naming what.
func parallelRows(n, block int, what string, fn func(lo, hi int)) error {
	workers := runtime.NumCPU()
	g := &group{where: what}
	if n <= block || workers == 1 {
		g.Go(func() { fn(0, n) })
		return g.Wait()
	}
	var next int64
	var mu sync.Mutex
	for w := 0; w < workers; w++ {
		g.Go(func() {
			for {
				mu.Lock()
				lo := int(next)
				next += int64(block)
				mu.Unlock()
				if lo >= n {
					return
				}
				fn(lo, min(lo+block, n))
			}
		})
	}
	return g.Wait()
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// log1pExp returns log(1+exp(z)) without overflow.
func log1pExp(z float64) float64 {
	if z > 35 {
		return z
	}
	if z < -35 {
		return math.Exp(z)
	}
	return math.Log1p(math.Exp(z))
}

// formatParams renders params as "k=v, k=v" in key order.
func formatParams(p map[string]any) string {
	return formatPairs(p, func(k string, v any) string { return fmt.Sprintf("%s=%v", k, v) })
}

// formatPairs renders each key of m with its value by format, in key order, joined by
// ", ".
func formatPairs[V any](m map[string]V, format func(k string, v V) string) string {
	parts := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, format(k, m[k]))
	}
	return strings.Join(parts, ", ")
}
