package ml

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"sort"
	"sync"

	"github.com/sluice-dev/sluice/display"
)

// ForestOptions are the hyperparameters of a random forest. Zero values take the
// defaults in brackets.
type ForestOptions struct {
	Trees          int     // number of trees [100]
	MaxFeatures    int     // features tried at each split [√features, at least 1]
	MinSamplesLeaf int     // minimum bootstrap rows in a leaf [1]
	MaxDepth       int     // maximum depth; 0 means grow until leaves are pure or too small
	MaxBins        int     // histogram bins per feature, at most 255 [255]
	SampleFrac     float64 // bootstrap sample size as a fraction of the rows [1]
	Seed           int64   // seed for bootstrap samples and feature choices
	Workers        int     // trees grown at once [runtime.NumCPU()]
}

// Forest is a trained random forest: bootstrap-sampled trees with a random feature
// subset tried at each split (variance reduction on the 0/1 label, which for binary
// labels ranks splits like the Gini impurity). P(y=1) is the mean of the trees' leaf
// positive rates. Trees are stored flat as in GBDT; Value of a leaf is its positive rate
// divided by the number of trees.
type Forest struct {
	Roots     []int32        `json:"roots"`
	Feature   []int32        `json:"feature"`
	Threshold []float64      `json:"threshold"`
	Left      []int32        `json:"left"`
	Value     []float64      `json:"value"`
	Gain      []float64      `json:"gain"`
	Features  []string       `json:"features"`
	DataPrep  Prep           `json:"prep"`
	Options   map[string]any `json:"options"`

	trees treeScorer
}

// Name returns "forest".
func (f *Forest) Name() string { return "forest" }

// Params returns the hyperparameters used for training.
func (f *Forest) Params() map[string]any { return f.Options }

// Prep returns how the training data's columns were prepared.
func (f *Forest) Prep() Prep { return f.DataPrep }

// NumTrees returns the number of trees.
func (f *Forest) NumTrees() int { return len(f.Roots) }

// Predict returns P(y=1) for every row of ds.
func (f *Forest) Predict(ds *Dataset) ([]float64, error) { return predict(f, f, ds) }

func (f *Forest) scoreRows(x []float64, cols int, out []float64) {
	f.trees.build(f.Feature, f.Threshold, f.Left, f.Value, f.Roots, len(f.Features)).score(x, cols, out, 0, false)
}

// String summarizes the model.
func (f *Forest) String() string {
	return fmt.Sprintf("random forest: %d trees, %d nodes, %d features (%s)", len(f.Roots), len(f.Feature), len(f.Features), formatParams(f.Options))
}

// GainImportance returns each feature's share of the total impurity decrease.
func (f *Forest) GainImportance() *Importance { return gainImportance(f.Features, f.Gain) }

// gainImportance is each feature's share of the total gain (all zero when there is none).
func gainImportance(features []string, gain []float64) *Importance {
	var total float64
	for _, g := range gain {
		total += g
	}
	imp := &Importance{Kind: "gain", Features: append([]string(nil), features...), Values: make([]float64, len(gain))}
	for j, g := range gain {
		if total > 0 {
			imp.Values[j] = g / total
		}
	}
	return imp
}

// Bundle renders the model summary and its gain importance.
func (f *Forest) Bundle() display.Bundle {
	t := f.GainImportance().Table()
	t.Title = f.String()
	return tableBundle(t)
}

// TrainForest grows a random forest on ds, trees in parallel. The result depends only on
// the data, the options and the seed (not on the number of workers).
func TrainForest(ctx context.Context, ds *Dataset, opts ForestOptions) (_ *Forest, err error) {
	defer catchWorkerPanic(&err)
	if ds == nil || ds.Y == nil {
		return nil, errors.New("ml: TrainForest needs a labelled dataset")
	}
	if err := checkClasses(ds.Y); err != nil {
		return nil, err
	}
	o := opts
	if o.Trees <= 0 {
		o.Trees = 100
	}
	if o.MaxFeatures <= 0 {
		o.MaxFeatures = max(1, int(math.Sqrt(float64(ds.Cols))))
	}
	o.MaxFeatures = min(o.MaxFeatures, ds.Cols)
	if o.MinSamplesLeaf <= 0 {
		o.MinSamplesLeaf = 1
	}
	if o.MaxBins <= 1 || o.MaxBins > 255 {
		o.MaxBins = 255
	}
	if o.SampleFrac <= 0 || o.SampleFrac > 1 {
		o.SampleFrac = 1
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	bn := newBinner(ds, o.MaxBins, o.Seed)
	bins := bn.bin(ds)
	nbins := make([]int, ds.Cols)
	for j := range nbins {
		nbins[j] = len(bn.edges[j]) + 1
	}
	trees := make([]*treeNodes, o.Trees)
	gains := make([][]float64, o.Trees)
	var next int
	var mu sync.Mutex
	var stopErr error
	g := &group{where: "growing trees"}
	for w := 0; w < min(o.Workers, o.Trees); w++ {
		g.Go(func() {
			fg := &forestGrower{opts: o, bins: bins, nbins: nbins, y: ds.Y, hist: make([]histBin, histStride)}
			for {
				mu.Lock()
				t := next
				next++
				mu.Unlock()
				if t >= o.Trees {
					return
				}
				if err := ctx.Err(); err != nil {
					mu.Lock()
					stopErr = err
					mu.Unlock()
					return
				}
				trees[t], gains[t] = fg.growTree(ds.Rows, o.Seed*1_000_003+int64(t))
			}
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if stopErr != nil {
		return nil, fmt.Errorf("ml: train forest: %w", stopErr)
	}
	f := &Forest{Features: append([]string(nil), ds.Features...), DataPrep: ds.Prep, Gain: make([]float64, ds.Cols),
		Options: map[string]any{"trees": o.Trees, "maxFeatures": o.MaxFeatures, "minSamplesLeaf": o.MinSamplesLeaf,
			"maxDepth": o.MaxDepth, "maxBins": o.MaxBins, "sampleFrac": o.SampleFrac, "seed": o.Seed}}
	scale := 1 / float64(o.Trees)
	for t, tr := range trees {
		off := int32(len(f.Feature))
		f.Roots = append(f.Roots, off)
		for k := range tr.feature {
			ft := tr.feature[k]
			f.Feature = append(f.Feature, ft)
			if ft >= 0 {
				f.Threshold = append(f.Threshold, bn.edges[ft][tr.bin[k]])
				f.Left = append(f.Left, tr.left[k]+off)
				f.Value = append(f.Value, 0)
			} else {
				f.Threshold = append(f.Threshold, 0)
				f.Left = append(f.Left, -1)
				f.Value = append(f.Value, tr.value[k]*scale)
			}
		}
		for j, g := range gains[t] {
			f.Gain[j] += g
		}
	}
	return f, nil
}

// forestGrower grows one tree at a time depth-first, building at each node the
// histograms of only the features it tries there.
type forestGrower struct {
	opts  ForestOptions
	bins  [][]uint8
	nbins []int
	y     []float64
	idx   []int32
	tmp   []int32
	hist  []histBin
	feats []int
	rng   *rand.Rand
	gain  []float64
	nodes *treeNodes
}

func (fg *forestGrower) growTree(n int, seed int64) (*treeNodes, []float64) {
	fg.rng = rand.New(rand.NewSource(seed))
	m := max(1, int(fg.opts.SampleFrac*float64(n)))
	if cap(fg.idx) < m {
		fg.idx = make([]int32, m)
		fg.tmp = make([]int32, 0, m)
	}
	fg.idx = fg.idx[:m]
	for k := range fg.idx {
		fg.idx[k] = int32(fg.rng.Intn(n))
	}
	sort.Slice(fg.idx, func(a, b int) bool { return fg.idx[a] < fg.idx[b] })
	fg.gain = make([]float64, len(fg.bins))
	fg.nodes = &treeNodes{}
	var pos float64
	for _, r := range fg.idx {
		pos += fg.y[r]
	}
	fg.fill(fg.nodes.add(), 0, m, 0, pos)
	return fg.nodes, fg.gain
}

// fill makes node id a leaf or a split of rows idx[start:end] (pos of them positive).
func (fg *forestGrower) fill(id int32, start, end, depth int, pos float64) {
	n := end - start
	t := fg.nodes
	minLeaf := fg.opts.MinSamplesLeaf
	leaf := func() { t.value[id] = pos / float64(n) }
	if pos == 0 || pos == float64(n) || n < 2*minLeaf || (fg.opts.MaxDepth > 0 && depth >= fg.opts.MaxDepth) {
		leaf()
		return
	}
	// choose MaxFeatures distinct features (partial Fisher–Yates over all features)
	p := len(fg.bins)
	if cap(fg.feats) < p {
		fg.feats = make([]int, p)
	}
	fg.feats = fg.feats[:p]
	for j := range fg.feats {
		fg.feats[j] = j
	}
	rows := fg.idx[start:end]
	parent := pos * pos / float64(n)
	best := splitInfo{feature: -1}
	for k := 0; k < fg.opts.MaxFeatures; k++ {
		r := k + fg.rng.Intn(p-k)
		fg.feats[k], fg.feats[r] = fg.feats[r], fg.feats[k]
		f := fg.feats[k]
		nb := fg.nbins[f]
		h := fg.hist[:nb]
		clear(h)
		col := fg.bins[f]
		for _, row := range rows {
			b := &h[col[row]]
			b.g += fg.y[row]
			b.c++
		}
		var gl float64
		var cl int32
		for b := 0; b < nb-1; b++ {
			gl += h[b].g
			cl += h[b].c
			if int(cl) < minLeaf {
				continue
			}
			cr := int32(n) - cl
			if int(cr) < minLeaf {
				break
			}
			gr := pos - gl
			// variance reduction × n: Σ² over each side's size, minus the parent's
			gain := gl*gl/float64(cl) + gr*gr/float64(cr) - parent
			if gain > best.gain+1e-12 {
				best = splitInfo{gain: gain, feature: f, bin: b, gl: gl, cl: cl}
			}
		}
	}
	if best.feature < 0 {
		leaf()
		return
	}
	col := fg.bins[best.feature]
	nl := 0
	tmp := fg.tmp[:0]
	for _, r := range rows {
		if int(col[r]) <= best.bin {
			rows[nl] = r
			nl++
		} else {
			tmp = append(tmp, r)
		}
	}
	copy(rows[nl:], tmp)
	fg.gain[best.feature] += best.gain
	t.feature[id] = int32(best.feature)
	t.bin[id] = uint8(best.bin)
	l := t.add()
	t.add()
	t.left[id] = l
	fg.fill(l, start, start+nl, depth+1, best.gl)
	fg.fill(l+1, start+nl, end, depth+1, pos-best.gl)
}
