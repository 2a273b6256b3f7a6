package ml

import (
	"context"
	"testing"
)

func TestForestLearnsXORDeterministically(t *testing.T) {
	ctx := context.Background()
	train, test := xorData(t, 3000, 1), xorData(t, 1500, 2)
	// with 4 features, the default √4 = 2 features per split
	a, err := TrainForest(ctx, train, ForestOptions{Trees: 30, Seed: 5, MinSamplesLeaf: 3})
	if err != nil {
		t.Fatal(err)
	}
	met, _ := EvaluateModel(a, test, 0.5)
	if met.AUC < 0.97 {
		t.Errorf("forest on XOR: %s", met)
	}
	b, _ := TrainForest(ctx, train, ForestOptions{Trees: 30, Seed: 5, MinSamplesLeaf: 3, Workers: 1})
	pa, _ := a.Predict(test)
	pb, _ := b.Predict(test)
	for i := range pa {
		if pa[i] != pb[i] {
			t.Fatalf("row %d: %v with many workers, %v with one", i, pa[i], pb[i])
		}
		if pa[i] < 0 || pa[i] > 1 {
			t.Fatalf("probability %v out of range", pa[i])
		}
	}
	imp := a.GainImportance()
	if imp.Values[0]+imp.Values[1] < 0.8 {
		t.Errorf("gain importance %v", imp.Values)
	}
	// registry round trip
	reg, err := OpenRegistry(ctx, "mem://forest-test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Register(ctx, "rf", a, RegisterOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := reg.Load(ctx, "rf", "latest")
	if err != nil {
		t.Fatal(err)
	}
	pc, _ := got.Predict(test)
	for i := range pa {
		if pa[i] != pc[i] {
			t.Fatalf("row %d: %v after loading, %v before", i, pc[i], pa[i])
		}
	}
}

func TestForestPureLeaves(t *testing.T) {
	// one informative threshold feature: fully grown trees give 0/1 leaves
	var rows [][]float64
	var y []float64
	for i := 0; i < 200; i++ {
		x := float64(i)
		rows = append(rows, []float64{x})
		if x >= 100 {
			y = append(y, 1)
		} else {
			y = append(y, 0)
		}
	}
	ds, _ := FromSlices([]string{"x"}, rows, y, DataOptions{})
	f, err := TrainForest(context.Background(), ds, ForestOptions{Trees: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := f.Predict(ds)
	if p[0] != 0 || !near(p[199], 1, 1e-12) {
		t.Errorf("ends predicted %v and %v, want 0 and 1", p[0], p[199])
	}
}

// TestForestScorersAgree: shallow forests use the bit-mask scorer, deep ones the packed
// walk; both must agree with a plain walk.
func TestForestScorersAgree(t *testing.T) {
	ds := xorData(t, 2000, 9)
	for _, depth := range []int{4, 0} {
		f, err := TrainForest(context.Background(), ds, ForestOptions{Trees: 8, MaxDepth: depth, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := f.Predict(ds)
		if (f.trees.bits != nil) != (depth == 4) {
			t.Errorf("depth %d: bit-mask scorer used = %v", depth, f.trees.bits != nil)
		}
		for i := 0; i < ds.Rows; i++ {
			row := ds.Row(i)
			var s float64
			for _, r := range f.Roots {
				k := r
				for f.Feature[k] >= 0 {
					if row[f.Feature[k]] <= f.Threshold[k] {
						k = f.Left[k]
					} else {
						k = f.Left[k] + 1
					}
				}
				s += f.Value[k]
			}
			if got[i] != s {
				t.Fatalf("depth %d row %d: %v, plain walk %v", depth, i, got[i], s)
			}
		}
	}
}
