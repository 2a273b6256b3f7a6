package ml

import (
	"context"

	"github.com/sluice-dev/sluice/table"
	"strings"
	"testing"
)

func TestRandomSearch(t *testing.T) {
	ds := xorData(t, 2000, 7)
	space := NewSpace().LogFloat("learningRate", 0.02, 0.3).Int("maxLeaves", 4, 31).Choice("subsample", 1.0, 0.8)
	run := func() *SearchResult {
		res, err := RandomSearch(context.Background(), ds, space, GBDTTrainer(GBDTOptions{Iterations: 40, Seed: 1, Workers: 1}),
			SearchOptions{Trials: 6, Seed: 3, Quiet: true})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := run(), run()
	if len(a.Trials) != 6 {
		t.Fatalf("%d trials", len(a.Trials))
	}
	best := a.BestTrial()
	for _, tr := range a.Trials {
		if tr.Err != nil {
			t.Fatalf("trial %d: %v", tr.Index, tr.Err)
		}
		if tr.Metrics["auc"] > best.Metrics["auc"] {
			t.Errorf("trial %d AUC %v beats the best %v", tr.Index, tr.Metrics["auc"], best.Metrics["auc"])
		}
		lr := tr.Params["learningRate"].(float64)
		if lr < 0.02 || lr > 0.3 {
			t.Errorf("learningRate %v outside the space", lr)
		}
	}
	for i := range a.Trials {
		if a.Trials[i].Metrics["auc"] != b.Trials[i].Metrics["auc"] || formatParams(a.Trials[i].Params) != formatParams(b.Trials[i].Params) {
			t.Fatalf("trial %d differs between identical seeded searches", i)
		}
	}
	if best.Metrics["auc"] < 0.95 {
		t.Errorf("best AUC %v on XOR", best.Metrics["auc"])
	}
	tb := a.Table()
	if tb.NumRows() != 6 {
		t.Errorf("table rows %d", tb.NumRows())
	}
	if c, err := tb.Column("maxLeaves"); err != nil || c.Kind() != table.KindInt {
		t.Errorf("maxLeaves column: %v %v", c, err)
	}
	if c := a.Chart(); c.Err() != nil || len(c.PNG()) == 0 {
		t.Errorf("chart: %v", c.Err())
	}
	if h, _ := a.Bundle().Data["text/html"].(string); !strings.Contains(h, "data:image/png;base64,") {
		t.Error("search bundle lacks the chart")
	}
}

func TestGridSearchLogistic(t *testing.T) {
	ds := readCSVDataset(t, "testdata/logistic_data.csv")
	space := NewSpace().Choice("penalty", "l1", "l2").LogFloat("lambda", 1e-4, 1)
	res, err := GridSearch(context.Background(), ds, space, LogisticTrainer(LogisticOptions{}), SearchOptions{GridSteps: 3, Metric: "logLoss", Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Trials) != 6 {
		t.Fatalf("grid of 2×3 gave %d trials", len(res.Trials))
	}
	for _, tr := range res.Trials {
		if tr.Metrics["logLoss"] < res.BestTrial().Metrics["logLoss"] {
			t.Error("best by logLoss is not the lowest")
		}
	}
	if _, err := GridSearch(context.Background(), ds, NewSpace().Float("lambda", 1, 0), LogisticTrainer(LogisticOptions{}), SearchOptions{}); err == nil {
		t.Error("inverted range accepted")
	}
	_, err = RandomSearch(context.Background(), ds, NewSpace().Float("depth", 1, 2), GBDTTrainer(GBDTOptions{}), SearchOptions{Trials: 2, Quiet: true})
	if err == nil || !strings.Contains(err.Error(), "unknown gbdt parameter \"depth\"") {
		t.Errorf("unknown parameter: %v", err)
	}
	if _, err := ForestTrainer(ForestOptions{})(context.Background(), ds, map[string]any{"leaves": 3}); err == nil ||
		!strings.Contains(err.Error(), `unknown forest parameter "leaves" (known: trees, maxFeatures, minSamplesLeaf, maxDepth, maxBins, sampleFrac, seed)`) {
		t.Errorf("unknown forest parameter: %v", err)
	}
	if _, err := GBDTTrainer(GBDTOptions{})(context.Background(), ds, map[string]any{"l2": "big"}); err == nil ||
		!strings.Contains(err.Error(), "gbdt parameter l2=big is not a number") {
		t.Errorf("non-numeric parameter: %v", err)
	}
}

func TestCrossValidate(t *testing.T) {
	ds := xorData(t, 2000, 3)
	cv, err := CrossValidate(context.Background(), ds, 4, 1, GBDTTrainer(GBDTOptions{Iterations: 40, Seed: 1}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cv.Folds) != 4 || cv.Mean("auc") < 0.95 || cv.Std("auc") > 0.05 {
		t.Errorf("cross-validation: %s", cv.Table().Title)
	}
	if rows := cv.Table().NumRows(); rows != 6 {
		t.Errorf("table rows %d, want 4 folds + mean + std", rows)
	}
	lin, err := CrossValidate(context.Background(), ds, 4, 1, LogisticTrainer(LogisticOptions{}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if lin.Mean("auc") > 0.6 {
		t.Errorf("logistic regression cross-validated AUC %v on XOR", lin.Mean("auc"))
	}
}
