package ml

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"sort"

	"github.com/sluice-dev/sluice/display"
)

// GBDTOptions are the hyperparameters of histogram-based gradient-boosted trees for
// binary log-loss. Zero values take the defaults in brackets.
type GBDTOptions struct {
	Iterations     int     // maximum number of trees [200]
	LearningRate   float64 // shrinkage per tree [0.1]
	MaxDepth       int     // maximum tree depth; 0 means no limit besides MaxLeaves
	MaxLeaves      int     // maximum leaves per tree, grown best-first [31]
	MinSamplesLeaf int     // minimum training rows in a leaf [20]
	L2             float64 // L2 regularization of leaf values [0]
	MaxBins        int     // histogram bins per feature, at most 255 [255]
	Subsample      float64 // fraction of rows drawn (without replacement) per tree [1]
	// EarlyStopping stops after this many trees without improving the validation log-loss
	// and keeps the best prefix [10]; a negative value disables early stopping.
	EarlyStopping int
	// ValidationFrac is the stratified share of the training rows held out for early
	// stopping when Validation is nil [0.1].
	ValidationFrac float64
	// Validation, when set, is the early-stopping set, and all of the training data is used
	// for fitting.
	Validation *Dataset
	Seed       int64 // seed for the validation split and subsampling
	Workers    int   // goroutines building histograms [runtime.NumCPU()]
}

func (o GBDTOptions) withDefaults() GBDTOptions {
	if o.Iterations <= 0 {
		o.Iterations = 200
	}
	if o.LearningRate <= 0 {
		o.LearningRate = 0.1
	}
	if o.MaxLeaves <= 1 {
		o.MaxLeaves = 31
	}
	if o.MinSamplesLeaf <= 0 {
		o.MinSamplesLeaf = 20
	}
	if o.MaxBins <= 1 || o.MaxBins > 255 {
		o.MaxBins = 255
	}
	if o.Subsample <= 0 || o.Subsample > 1 {
		o.Subsample = 1
	}
	if o.EarlyStopping == 0 {
		o.EarlyStopping = 10
	}
	if o.ValidationFrac <= 0 || o.ValidationFrac >= 1 {
		o.ValidationFrac = 0.1
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	return o
}

// GBDT is a trained gradient-boosted tree ensemble. Trees are stored flat: node k of the
// forest splits on Feature[k] (−1 for a leaf), sends rows with x ≤ Threshold[k] to
// Left[k] and the others to Left[k]+1; a leaf adds Value[k] to the raw score. Roots holds
// each tree's root node. P(y=1) = sigmoid(Base + Σ leaf values).
type GBDT struct {
	Base       float64            `json:"base"`
	Roots      []int32            `json:"roots"`
	Feature    []int32            `json:"feature"`
	Threshold  []float64          `json:"threshold"`
	Left       []int32            `json:"left"`
	Value      []float64          `json:"value"`
	Gain       []float64          `json:"gain"` // total split gain per feature
	Features   []string           `json:"features"`
	DataPrep   Prep               `json:"prep"`
	Options    map[string]any     `json:"options"`
	BestIter   int                `json:"bestIteration"`
	ValidLoss  []float64          `json:"validLoss,omitempty"`
	TrainStats map[string]float64 `json:"trainStats,omitempty"`

	trees treeScorer
}

// Name returns "gbdt".
func (m *GBDT) Name() string { return "gbdt" }

// Params returns the hyperparameters used for training.
func (m *GBDT) Params() map[string]any { return m.Options }

// Prep returns how the training data's columns were prepared.
func (m *GBDT) Prep() Prep { return m.DataPrep }

// NumTrees returns the number of trees kept.
func (m *GBDT) NumTrees() int { return len(m.Roots) }

// Predict returns P(y=1) for every row of ds.
func (m *GBDT) Predict(ds *Dataset) ([]float64, error) { return predict(m, m, ds) }

// String summarizes the model.
func (m *GBDT) String() string {
	return fmt.Sprintf("gradient-boosted trees: %d trees, %d nodes, %d features (%s)", len(m.Roots), len(m.Feature),
		len(m.Features), formatParams(m.Options))
}

// Bundle renders the model summary and its gain importance.
func (m *GBDT) Bundle() display.Bundle {
	t := m.GainImportance().Table()
	t.Title = m.String()
	return tableBundle(t)
}

// GainImportance returns each feature's share of the total split gain.
func (m *GBDT) GainImportance() *Importance { return gainImportance(m.Features, m.Gain) }

// TrainGBDT fits gradient-boosted trees to ds for binary log-loss. With early stopping on
// (the default) it holds out opts.ValidationFrac of ds (stratified, seeded) unless
// opts.Validation is given, and keeps the trees up to the best validation log-loss.
// Results are identical for the same data, options and seed.
func TrainGBDT(ctx context.Context, ds *Dataset, opts GBDTOptions) (_ *GBDT, err error) {
	defer catchWorkerPanic(&err)
	if ds == nil || ds.Y == nil {
		return nil, errors.New("ml: TrainGBDT needs a labelled dataset")
	}
	if err := checkClasses(ds.Y); err != nil {
		return nil, err
	}
	o := opts.withDefaults()
	train, valid := ds, o.Validation
	if valid != nil {
		if err := checkFeatures("gbdt", ds.Features, valid.Features); err != nil {
			return nil, fmt.Errorf("ml: validation set: %w", err)
		}
	} else if o.EarlyStopping > 0 {
		tr, va := stratifiedSplit(ds.Y, o.ValidationFrac, o.Seed)
		if len(va) >= 10 && len(tr) >= 2*o.MinSamplesLeaf {
			train, valid = ds.subset(tr), ds.subset(va)
			if checkClasses(train.Y) != nil {
				train, valid = ds, nil
			}
		}
	}
	bn := newBinner(train, o.MaxBins, o.Seed)
	bins := bn.bin(train)
	n := train.Rows
	gr := &grower{opts: o, bins: bins, g: make([]float64, n), h: make([]float64, n),
		idx: make([]int32, n), tmp: make([]int32, 0, n), og: make([]float64, n), oh: make([]float64, n),
		gainSum: make([]float64, train.Cols), nbins: make([]int, train.Cols)}
	for j := range gr.nbins {
		gr.nbins[j] = len(bn.edges[j]) + 1
	}
	pos := float64(train.Positives())
	base := math.Log(pos / (float64(n) - pos))
	m := &GBDT{Base: base, Features: append([]string(nil), ds.Features...), DataPrep: ds.Prep,
		Options: map[string]any{"iterations": o.Iterations, "learningRate": o.LearningRate, "maxDepth": o.MaxDepth,
			"maxLeaves": o.MaxLeaves, "minSamplesLeaf": o.MinSamplesLeaf, "l2": o.L2, "maxBins": o.MaxBins,
			"subsample": o.Subsample, "earlyStopping": o.EarlyStopping, "seed": o.Seed}}
	scores := make([]float64, n)
	for i := range scores {
		scores[i] = base
	}
	var vbins [][]uint8
	var vscores []float64
	if valid != nil {
		vbins = bn.bin(valid)
		vscores = make([]float64, valid.Rows)
		for i := range vscores {
			vscores[i] = base
		}
	}
	rng := rand.New(rand.NewSource(o.Seed))
	all := make([]int32, n)
	for i := range all {
		all[i] = int32(i)
	}
	bestLoss, bestIter := math.Inf(1), -1
	var gainAtBest []float64
	for it := 0; it < o.Iterations; it++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("ml: train gbdt: %w", err)
		}
		gr.gradients(scores, train.Y)
		rows := n
		copy(gr.idx, all)
		if o.Subsample < 1 {
			rows = max(int(o.Subsample*float64(n)), 2*o.MinSamplesLeaf)
			rows = min(rows, n)
			// partial Fisher–Yates: the first rows entries become a uniform sample
			for k := 0; k < rows; k++ {
				j := k + rng.Intn(n-k)
				gr.idx[k], gr.idx[j] = gr.idx[j], gr.idx[k]
			}
			sort.Slice(gr.idx[:rows], func(a, b int) bool { return gr.idx[a] < gr.idx[b] })
		}
		t, leaves := gr.grow(rows)
		if o.Subsample < 1 {
			applyBinned(t, bins, scores)
		} else {
			for _, l := range leaves {
				v := t.value[l.node]
				for _, r := range gr.idx[l.start:l.end] {
					scores[r] += v
				}
			}
		}
		m.appendTree(t, bn)
		if valid != nil {
			applyBinned(t, vbins, vscores)
			loss := meanLogLoss(valid.Y, vscores)
			m.ValidLoss = append(m.ValidLoss, loss)
			if loss < bestLoss-1e-7 {
				bestLoss, bestIter = loss, it
				gainAtBest = append(gainAtBest[:0], gr.gainSum...)
			} else if o.EarlyStopping > 0 && it-bestIter >= o.EarlyStopping {
				break
			}
		}
	}
	if valid != nil && o.EarlyStopping > 0 && bestIter >= 0 {
		m.truncate(bestIter + 1)
		m.Gain = gainAtBest
	} else {
		m.Gain = gr.gainSum
		bestIter = len(m.Roots) - 1
	}
	m.BestIter = bestIter
	return m, nil
}

// appendTree copies tree t into the flat forest with raw-value thresholds.
func (m *GBDT) appendTree(t *treeNodes, bn *binner) {
	off := int32(len(m.Feature))
	m.Roots = append(m.Roots, off)
	for k := range t.feature {
		f := t.feature[k]
		m.Feature = append(m.Feature, f)
		if f >= 0 {
			m.Threshold = append(m.Threshold, bn.edges[f][t.bin[k]])
			m.Left = append(m.Left, t.left[k]+off)
		} else {
			m.Threshold = append(m.Threshold, 0)
			m.Left = append(m.Left, -1)
		}
		m.Value = append(m.Value, t.value[k])
	}
}

// truncate keeps the first k trees.
func (m *GBDT) truncate(k int) {
	if k >= len(m.Roots) {
		return
	}
	end := m.Roots[k]
	m.Roots = m.Roots[:k]
	m.Feature = m.Feature[:end]
	m.Threshold = m.Threshold[:end]
	m.Left = m.Left[:end]
	m.Value = m.Value[:end]
}

// meanLogLoss returns the mean log-loss of raw scores (log-odds) against labels.
func meanLogLoss(y, scores []float64) float64 {
	var s float64
	for i, z := range scores {
		s += log1pExp(z) - y[i]*z
	}
	return s / float64(len(scores))
}
