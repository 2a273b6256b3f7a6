package ml

import (
	"context"
	"math"
	"math/rand"
	"testing"

	"github.com/sluice-dev/sluice/table"
)

// benchTable returns n rows of 14 features shaped like notebook 02's (7 counts, 7
// minutes-since with NULLs) with a userId column and a label that depends on them.
func benchTable(n int, seed int64) *table.Table {
	rng := rand.New(rand.NewSource(seed))
	cols := []*table.Column{}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "u" + string(rune('a'+i%26))
	}
	cols = append(cols, table.StringColumn("userId", ids))
	z := make([]float64, n)
	for j := 0; j < 14; j++ {
		v := make([]float64, n)
		var nulls []bool
		if j >= 7 {
			nulls = make([]bool, n)
		}
		for i := range v {
			if j < 7 {
				v[i] = float64(rng.Intn(10))
				z[i] += 0.3 * v[i] * float64(j%3-1)
			} else if rng.Float64() < 0.4 {
				nulls[i] = true
			} else {
				v[i] = math.Floor(rng.ExpFloat64() * 5000)
				z[i] += math.Sin(v[i] / 3000)
			}
		}
		c := table.FloatColumn("f"+string(rune('a'+j)), v)
		c = c.WithNulls(nulls)
		cols = append(cols, c)
	}
	y := make([]int64, n)
	for i := range y {
		if rng.Float64() < sigmoid(z[i]-1) {
			y[i] = 1
		}
	}
	cols = append(cols, table.IntColumn("label", y))
	return table.New(cols...)
}

func benchFeatures() []string {
	var f []string
	for j := 0; j < 14; j++ {
		f = append(f, "f"+string(rune('a'+j)))
	}
	return f
}

// BenchmarkScoreGBDT scores a 1 M-row table (b.N times); rows/s is reported.
func BenchmarkScoreGBDT(b *testing.B) {
	train := benchTable(50000, 1)
	ds, err := FromTable(train, benchFeatures(), "label", DataOptions{FillValue: -1})
	if err != nil {
		b.Fatal(err)
	}
	m, err := TrainGBDT(context.Background(), ds, GBDTOptions{Iterations: 80, EarlyStopping: -1, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	big := benchTable(1000000, 2)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Score(context.Background(), m, big, ScoreOptions{Quiet: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkTrainGBDT trains on 80 k rows of 14 features.
func BenchmarkTrainGBDT(b *testing.B) {
	ds, err := FromTable(benchTable(80000, 1), benchFeatures(), "label", DataOptions{FillValue: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := TrainGBDT(context.Background(), ds, GBDTOptions{Iterations: 80, EarlyStopping: -1, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLogitPass times one pass of the logistic loss over 200,000 rows × 21
// standardized columns on one goroutine: the loss and gradient (what L-BFGS asks for) and
// also the Hessian's weights (what Newton asks for).
func BenchmarkLogitPass(b *testing.B) {
	pr := randomLogitProblem(200000, 21, 1)
	pr.work = 1
	pr.hw = make([]float64, pr.n)
	w := make([]float64, pr.p+1)
	for j := range w {
		w[j] = 0.1 * float64(j%5-2)
	}
	grad := make([]float64, pr.p+1)
	for _, c := range []struct {
		name string
		mode int
	}{{"grad", passGrad}, {"hess", passHess}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				pr.pass(w, grad, c.mode)
			}
		})
	}
}
