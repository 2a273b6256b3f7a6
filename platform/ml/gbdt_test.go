package ml

import (
	"context"
	"math/rand"
	"testing"
)

func TestGBDTLearnsXOR(t *testing.T) {
	train := xorData(t, 4000, 1)
	test := xorData(t, 2000, 2)
	m, err := TrainGBDT(context.Background(), train, GBDTOptions{Iterations: 100, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	met, err := EvaluateModel(m, test, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if met.AUC < 0.98 || met.Accuracy < 0.95 {
		t.Errorf("XOR: %s; want AUC ≥ 0.98 and accuracy ≥ 0.95", met)
	}
	// a linear model cannot learn XOR: the trees must beat it by far
	lin, err := TrainLogistic(context.Background(), train, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lm, _ := EvaluateModel(lin, test, 0.5)
	if lm.AUC > 0.6 {
		t.Errorf("logistic regression on XOR has AUC %v; the test data is not XOR-like", lm.AUC)
	}
	imp := m.GainImportance()
	if imp.Values[0]+imp.Values[1] < 0.9 {
		t.Errorf("gain importance %v: the two XOR features should carry ≥ 90%%", imp.Values)
	}
}

// TestGBDTInteraction: y depends on a product of features and a threshold interaction.
func TestGBDTInteraction(t *testing.T) {
	gen := func(n int, seed int64) *Dataset {
		rng := rand.New(rand.NewSource(seed))
		rows := make([][]float64, n)
		y := make([]float64, n)
		for i := range rows {
			a, b, c := rng.NormFloat64(), rng.NormFloat64(), rng.Float64()
			rows[i] = []float64{a, b, c}
			z := 2*a*b + 3*(c-0.5)
			if c > 0.8 && a > 0 {
				z += 3
			}
			if rng.Float64() < sigmoid(z) {
				y[i] = 1
			}
		}
		ds, _ := FromSlices([]string{"a", "b", "c"}, rows, y, DataOptions{})
		return ds
	}
	train, test := gen(6000, 11), gen(3000, 12)
	m, err := TrainGBDT(context.Background(), train, GBDTOptions{Seed: 1, MaxDepth: 4})
	if err != nil {
		t.Fatal(err)
	}
	met, _ := EvaluateModel(m, test, 0.5)
	lin, _ := TrainLogistic(context.Background(), train, LogisticOptions{})
	lm, _ := EvaluateModel(lin, test, 0.5)
	if met.AUC < lm.AUC+0.1 || met.AUC < 0.8 {
		t.Errorf("interaction: GBDT AUC %.4f vs logistic %.4f; want GBDT ≥ 0.8 and ahead by 0.1", met.AUC, lm.AUC)
	}
}

func TestGBDTDeterministic(t *testing.T) {
	ds := xorData(t, 3000, 5)
	opts := GBDTOptions{Iterations: 30, Subsample: 0.7, Seed: 9}
	a, err := TrainGBDT(context.Background(), ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := TrainGBDT(context.Background(), ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	pa, _ := a.Predict(ds)
	pb, _ := b.Predict(ds)
	for i := range pa {
		if pa[i] != pb[i] {
			t.Fatalf("row %d: %v vs %v with the same seed", i, pa[i], pb[i])
		}
	}
	opts.Seed = 10
	c, _ := TrainGBDT(context.Background(), ds, opts)
	pc, _ := c.Predict(ds)
	same := true
	for i := range pa {
		if pa[i] != pc[i] {
			same = false
			break
		}
	}
	if same {
		t.Error("a different seed gave identical predictions")
	}
	// serial and parallel histogram building give the same model
	opts.Seed = 9
	opts.Workers = 1
	d, _ := TrainGBDT(context.Background(), ds, opts)
	pd, _ := d.Predict(ds)
	for i := range pa {
		if pa[i] != pd[i] {
			t.Fatalf("row %d: 1 worker %v vs many %v", i, pd[i], pa[i])
		}
	}
}

func TestGBDTEarlyStopping(t *testing.T) {
	// pure noise: the validation loss stops improving almost at once
	rng := rand.New(rand.NewSource(1))
	rows := make([][]float64, 3000)
	y := make([]float64, 3000)
	for i := range rows {
		rows[i] = []float64{rng.NormFloat64(), rng.NormFloat64()}
		y[i] = float64(rng.Intn(2))
	}
	ds, _ := FromSlices([]string{"a", "b"}, rows, y, DataOptions{})
	m, err := TrainGBDT(context.Background(), ds, GBDTOptions{Iterations: 300, EarlyStopping: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if m.NumTrees() > 50 || len(m.ValidLoss) >= 300 {
		t.Errorf("early stopping kept %d trees after %d rounds on noise", m.NumTrees(), len(m.ValidLoss))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := TrainGBDT(ctx, ds, GBDTOptions{}); err == nil {
		t.Error("training with a cancelled context succeeded")
	}
}

// TestGBDTScoringMatchesTreeWalk checks the packed, lockstep scorer against a plain walk
// of the exported tree arrays, for row counts that exercise the non-multiple-of-4 tail.
func TestGBDTScoringMatchesTreeWalk(t *testing.T) {
	ds := xorData(t, 3000, 8)
	m, err := TrainGBDT(context.Background(), ds, GBDTOptions{Iterations: 25, MaxLeaves: 15, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if m.scorer().bits == nil {
		t.Fatal("trees of 15 leaves did not get the bit-mask scorer")
	}
	for _, n := range []int{1, 3, 65, 130, 3000} {
		sub := ds.subset(seq(n))
		got, err := m.Predict(sub)
		if err != nil {
			t.Fatal(err)
		}
		walked := make([]float64, n)
		m.trees.pack.score(sub.X, sub.Cols, walked, m.Base, true)
		for i := 0; i < n; i++ {
			row := sub.Row(i)
			s := m.Base
			for _, r := range m.Roots {
				k := r
				for m.Feature[k] >= 0 {
					if row[m.Feature[k]] <= m.Threshold[k] {
						k = m.Left[k]
					} else {
						k = m.Left[k] + 1
					}
				}
				s += m.Value[k]
			}
			if want := sigmoid(s); got[i] != want || walked[i] != want {
				t.Fatalf("n=%d row %d: bit-mask %v, packed walk %v, plain walk %v", n, i, got[i], walked[i], want)
			}
		}
	}
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
