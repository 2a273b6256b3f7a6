package ml

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

// CrossValidation holds the validation metrics of each of k folds.
type CrossValidation struct {
	Folds []map[string]float64
}

// CrossValidate trains one model per stratified fold of ds (KFold with k and seed) with
// train and params, and evaluates each on its held-out fold at threshold 0.5.
func CrossValidate(ctx context.Context, ds *Dataset, k int, seed int64, train TrainFunc, params map[string]any) (*CrossValidation, error) {
	if train == nil {
		return nil, errors.New("ml: CrossValidate needs a TrainFunc (e.g. ml.GBDTTrainer(ml.GBDTOptions{}))")
	}
	folds, err := KFold(ds, k, seed)
	if err != nil {
		return nil, err
	}
	cv := &CrossValidation{}
	for _, f := range folds {
		m, err := train(ctx, f.Train, params)
		if err != nil {
			return nil, fmt.Errorf("ml: fold %d: %w", f.Index, err)
		}
		met, err := EvaluateModel(m, f.Valid, 0.5)
		if err != nil {
			return nil, fmt.Errorf("ml: fold %d: %w", f.Index, err)
		}
		cv.Folds = append(cv.Folds, met.Map())
	}
	return cv, nil
}

// Mean returns the mean of metric over the folds.
func (cv *CrossValidation) Mean(metric string) float64 {
	var s float64
	for _, f := range cv.Folds {
		s += f[metric]
	}
	return s / float64(len(cv.Folds))
}

// Std returns the standard deviation of metric over the folds.
func (cv *CrossValidation) Std(metric string) float64 {
	mu := cv.Mean(metric)
	var s float64
	for _, f := range cv.Folds {
		s += (f[metric] - mu) * (f[metric] - mu)
	}
	return math.Sqrt(s / float64(len(cv.Folds)))
}

// Table returns one row per fold plus mean and standard deviation rows.
func (cv *CrossValidation) Table() *table.Table {
	metrics := []string{"auc", "logLoss", "accuracy", "precision", "recall", "f1"}
	var names []string
	for i := range cv.Folds {
		names = append(names, strconv.Itoa(i))
	}
	names = append(names, "mean", "std")
	cols := []*table.Column{table.StringColumn("fold", names)}
	for _, m := range metrics {
		v := make([]float64, 0, len(names))
		for _, f := range cv.Folds {
			v = append(v, f[m])
		}
		v = append(v, cv.Mean(m), cv.Std(m))
		cols = append(cols, table.FloatColumn(m, v))
	}
	t := table.New(cols...)
	t.Title = fmt.Sprintf("%d-fold cross-validation: AUC %.4f ± %.4f", len(cv.Folds), cv.Mean("auc"), cv.Std("auc"))
	t.Limit = len(names)
	return t
}

// Bundle renders the per-fold table.
func (cv *CrossValidation) Bundle() display.Bundle { return tableBundle(cv.Table()) }
