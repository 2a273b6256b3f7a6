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

	packOnce sync.Once
	pack     *packedForest
	bits     *bitForest // nil when a tree has more than 64 leaves
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

// packedNode is a tree node laid out for branch-free scoring: row x goes from node k
// to left+1 when !(x[feat] ≤ thr) and to left otherwise. A leaf keeps its value in val,
// has thr NaN (so the step always adds 1) and left = k−1, so it steps onto itself:
// every tree can then be walked a fixed number of steps (its depth) without testing for
// leaves, which keeps the CPU's branch predictor out of the loop. NaN features go right,
// as in training, where NaN sorts into the top bin.
type packedNode struct {
	thr  float64
	val  float64
	feat int32
	left int32
}

// packedForest is the flat forest with each tree's root and depth.
type packedForest struct {
	nodes  []packedNode
	roots  []int32
	depths []int32
}

// packed returns the forest laid out for scoring, built once.
func (m *GBDT) packed() *packedForest {
	m.packOnce.Do(func() {
		m.pack = packForest(m.Feature, m.Threshold, m.Left, m.Value, m.Roots)
		m.bits = newBitForest(m.Feature, m.Threshold, m.Left, m.Value, m.Roots, len(m.Features))
	})
	return m.pack
}

func (m *GBDT) scoreRows(x []float64, cols int, out []float64) {
	pf := m.packed()
	if m.bits != nil {
		m.bits.score(x, cols, out, m.Base, true)
		return
	}
	pf.score(x, cols, out, m.Base, true)
}

// packForest lays out flat tree arrays for branch-free scoring.
func packForest(feature []int32, threshold []float64, left []int32, value []float64, roots []int32) *packedForest {
	pf := &packedForest{nodes: make([]packedNode, len(feature)), roots: roots}
	for k := range pf.nodes {
		if feature[k] < 0 {
			pf.nodes[k] = packedNode{thr: math.NaN(), val: value[k], feat: 0, left: int32(k) - 1}
		} else {
			pf.nodes[k] = packedNode{thr: threshold[k], feat: feature[k], left: left[k]}
		}
	}
	var depth func(k int32) int32
	depth = func(k int32) int32 {
		if feature[k] < 0 {
			return 0
		}
		return 1 + max(depth(left[k]), depth(left[k]+1))
	}
	for _, r := range roots {
		pf.depths = append(pf.depths, depth(r))
	}
	return pf
}

// score writes, for every row of x (row-major, cols wide), base plus the sum of its leaf
// values over all trees — passed through the logistic function when logistic is set.
func (pf *packedForest) score(x []float64, cols int, out []float64, base float64, logistic bool) {
	nodes := pf.nodes
	const block = 64
	var acc [block]float64
	for lo := 0; lo < len(out); lo += block {
		hi := min(lo+block, len(out))
		nb := hi - lo
		sum := acc[:nb]
		for i := range sum {
			sum[i] = base
		}
		xb := x[lo*cols : hi*cols]
		// Trees outer, rows inner, four rows walked in lockstep: a tree stays in cache
		// and the four independent chains of loads overlap in the CPU.
		for t, r := range pf.roots {
			depth := pf.depths[t]
			i := 0
			for ; i+4 <= nb; i += 4 {
				o0, o1, o2, o3 := i*cols, (i+1)*cols, (i+2)*cols, (i+3)*cols
				k0, k1, k2, k3 := r, r, r, r
				for d := int32(0); d < depth; d++ {
					n0, n1, n2, n3 := &nodes[k0], &nodes[k1], &nodes[k2], &nodes[k3]
					k0 = n0.left + b2i(!(xb[o0+int(n0.feat)] <= n0.thr))
					k1 = n1.left + b2i(!(xb[o1+int(n1.feat)] <= n1.thr))
					k2 = n2.left + b2i(!(xb[o2+int(n2.feat)] <= n2.thr))
					k3 = n3.left + b2i(!(xb[o3+int(n3.feat)] <= n3.thr))
				}
				sum[i] += nodes[k0].val
				sum[i+1] += nodes[k1].val
				sum[i+2] += nodes[k2].val
				sum[i+3] += nodes[k3].val
			}
			for ; i < nb; i++ {
				o := i * cols
				k := r
				for d := int32(0); d < depth; d++ {
					n := &nodes[k]
					k = n.left + b2i(!(xb[o+int(n.feat)] <= n.thr))
				}
				sum[i] += nodes[k].val
			}
		}
		if logistic {
			for i, s := range sum {
				out[lo+i] = sigmoid(s)
			}
		} else {
			copy(out[lo:hi], sum)
		}
	}
}

// b2i is 1 for true and 0 for false; the compiler turns it into a flag set, not a branch.
func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// GainImportance returns each feature's share of the total split gain.
func (m *GBDT) GainImportance() *Importance {
	var total float64
	for _, g := range m.Gain {
		total += g
	}
	imp := &Importance{Kind: "gain", Features: append([]string(nil), m.Features...), Values: make([]float64, len(m.Gain))}
	for j, g := range m.Gain {
		if total > 0 {
			imp.Values[j] = g / total
		}
	}
	return imp
}

// binner maps feature values to histogram bins: bin b holds edges[b−1] < x ≤ edges[b].
type binner struct {
	edges [][]float64
}

func newBinner(ds *Dataset, maxBins int, seed int64) *binner {
	const sampleMax = 200000
	rows := make([]int, ds.Rows)
	for i := range rows {
		rows[i] = i
	}
	if ds.Rows > sampleMax {
		rng := rand.New(rand.NewSource(seed ^ 0x5eed))
		rng.Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
		rows = rows[:sampleMax]
	}
	b := &binner{edges: make([][]float64, ds.Cols)}
	vals := make([]float64, len(rows))
	for j := 0; j < ds.Cols; j++ {
		vals = vals[:0]
		for _, i := range rows {
			if v := ds.X[i*ds.Cols+j]; !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		sort.Float64s(vals)
		distinct := vals[:0:0]
		for k, v := range vals {
			if k == 0 || v != vals[k-1] {
				distinct = append(distinct, v)
			}
		}
		var edges []float64
		if len(distinct) <= maxBins {
			for k := 0; k+1 < len(distinct); k++ {
				edges = append(edges, distinct[k]+(distinct[k+1]-distinct[k])/2)
			}
		} else {
			for q := 1; q < maxBins; q++ {
				pos := float64(q) / float64(maxBins) * float64(len(vals)-1)
				lo := int(pos)
				e := vals[lo]
				if lo+1 < len(vals) {
					e += (vals[lo+1] - vals[lo]) * (pos - float64(lo))
				}
				if len(edges) == 0 || e > edges[len(edges)-1] {
					edges = append(edges, e)
				}
			}
			// the top edge must stay below the largest value so every bin is reachable
			for len(edges) > 0 && edges[len(edges)-1] >= distinct[len(distinct)-1] {
				edges = edges[:len(edges)-1]
			}
		}
		b.edges[j] = edges
	}
	return b
}

// bin returns the binned columns of ds (column-major).
func (b *binner) bin(ds *Dataset) [][]uint8 {
	out := make([][]uint8, ds.Cols)
	var wg sync.WaitGroup
	for j := 0; j < ds.Cols; j++ {
		out[j] = make([]uint8, ds.Rows)
		wg.Add(1)
		go func(j int) {
			defer wg.Done()
			e := b.edges[j]
			col := out[j]
			for i := 0; i < ds.Rows; i++ {
				col[i] = uint8(sort.SearchFloat64s(e, ds.X[i*ds.Cols+j]))
			}
		}(j)
	}
	wg.Wait()
	return out
}

type histBin struct {
	g, h float64
	c    int32
}

const histStride = 256

// splitInfo is the best split of a leaf.
type splitInfo struct {
	gain    float64
	feature int
	bin     int
	gl, hl  float64
	cl      int32
}

// leafState is a leaf of the tree being grown.
type leafState struct {
	node       int32
	start, end int
	depth      int
	g, h       float64
	hist       []histBin
	best       splitInfo
}

type grower struct {
	opts    GBDTOptions
	bins    [][]uint8
	nbins   []int
	g, h    []float64
	idx     []int32
	tmp     []int32
	og, oh  []float64
	pool    [][]histBin
	gainSum []float64
}

func (gr *grower) newHist() []histBin {
	if n := len(gr.pool); n > 0 {
		h := gr.pool[n-1]
		gr.pool = gr.pool[:n-1]
		clear(h)
		return h
	}
	return make([]histBin, len(gr.bins)*histStride)
}

// buildHist fills hist from rows idx[start:end], features split across workers.
func (gr *grower) buildHist(hist []histBin, start, end int) {
	rows := gr.idx[start:end]
	og, oh := gr.og[start:end], gr.oh[start:end]
	for k, r := range rows {
		og[k] = gr.g[r]
		oh[k] = gr.h[r]
	}
	p := len(gr.bins)
	work := func(f int) {
		col := gr.bins[f]
		hh := hist[f*histStride : (f+1)*histStride]
		for k, r := range rows {
			b := &hh[col[r]]
			b.g += og[k]
			b.h += oh[k]
			b.c++
		}
	}
	w := gr.opts.Workers
	if w <= 1 || len(rows) < 2048 {
		for f := 0; f < p; f++ {
			work(f)
		}
		return
	}
	var wg sync.WaitGroup
	for s := 0; s < w; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			for f := s; f < p; f += w {
				work(f)
			}
		}(s)
	}
	wg.Wait()
}

// bestSplit scans the histogram of a leaf for the split with the largest gain.
func (gr *grower) bestSplit(l *leafState) {
	lam := gr.opts.L2
	minLeaf := int32(gr.opts.MinSamplesLeaf)
	const minHess = 1e-3
	n := int32(l.end - l.start)
	l.best = splitInfo{feature: -1}
	if gr.opts.MaxDepth > 0 && l.depth >= gr.opts.MaxDepth {
		return
	}
	if n < 2*minLeaf {
		return
	}
	parent := l.g * l.g / (l.h + lam)
	for f := range gr.bins {
		hh := l.hist[f*histStride : (f+1)*histStride]
		var gl, hl float64
		var cl int32
		for b := 0; b < gr.nbins[f]-1; b++ {
			gl += hh[b].g
			hl += hh[b].h
			cl += hh[b].c
			if cl < minLeaf || hl < minHess {
				continue
			}
			cr := n - cl
			if cr < minLeaf {
				break
			}
			gR, hR := l.g-gl, l.h-hl
			if hR < minHess {
				break
			}
			gain := gl*gl/(hl+lam) + gR*gR/(hR+lam) - parent
			if gain > l.best.gain+1e-12 {
				l.best = splitInfo{gain: gain, feature: f, bin: b, gl: gl, hl: hl, cl: cl}
			}
		}
	}
}

type treeNodes struct {
	feature []int32
	bin     []uint8
	left    []int32
	value   []float64
}

func (t *treeNodes) add() int32 {
	t.feature = append(t.feature, -1)
	t.bin = append(t.bin, 0)
	t.left = append(t.left, -1)
	t.value = append(t.value, 0)
	return int32(len(t.feature) - 1)
}

// grow builds one tree on rows idx[:n] best-first and returns its nodes (in bin space)
// and, for every leaf, its row segment.
func (gr *grower) grow(n int) (*treeNodes, []*leafState) {
	t := &treeNodes{}
	lam := gr.opts.L2
	root := &leafState{node: t.add(), start: 0, end: n, hist: gr.newHist()}
	for k := 0; k < n; k++ {
		r := gr.idx[k]
		root.g += gr.g[r]
		root.h += gr.h[r]
	}
	gr.buildHist(root.hist, 0, n)
	gr.bestSplit(root)
	open := []*leafState{root}
	var done []*leafState
	leaves := 1
	for leaves < gr.opts.MaxLeaves {
		bi := -1
		for i, l := range open {
			if l.best.feature >= 0 && (bi < 0 || l.best.gain > open[bi].best.gain) {
				bi = i
			}
		}
		if bi < 0 {
			break
		}
		l := open[bi]
		open = append(open[:bi], open[bi+1:]...)
		s := l.best
		// partition the leaf's rows: bin ≤ s.bin to the left, stable
		col := gr.bins[s.feature]
		seg := gr.idx[l.start:l.end]
		nl := 0
		tmp := gr.tmp[:0]
		for _, r := range seg {
			if int(col[r]) <= s.bin {
				seg[nl] = r
				nl++
			} else {
				tmp = append(tmp, r)
			}
		}
		copy(seg[nl:], tmp)
		mid := l.start + nl
		t.feature[l.node] = int32(s.feature)
		t.bin[l.node] = uint8(s.bin)
		gr.gainSum[s.feature] += s.gain
		left := &leafState{node: t.add(), start: l.start, end: mid, depth: l.depth + 1, g: s.gl, h: s.hl}
		right := &leafState{node: t.add(), start: mid, end: l.end, depth: l.depth + 1, g: l.g - s.gl, h: l.h - s.hl}
		t.left[l.node] = left.node
		small, large := left, right
		if small.end-small.start > large.end-large.start {
			small, large = right, left
		}
		small.hist = gr.newHist()
		gr.buildHist(small.hist, small.start, small.end)
		large.hist = l.hist
		for k := range large.hist {
			large.hist[k].g -= small.hist[k].g
			large.hist[k].h -= small.hist[k].h
			large.hist[k].c -= small.hist[k].c
		}
		gr.bestSplit(left)
		gr.bestSplit(right)
		open = append(open, left, right)
		leaves++
	}
	for _, l := range append(open, done...) {
		t.value[l.node] = -l.g / (l.h + lam) * gr.opts.LearningRate
		if l.hist != nil {
			gr.pool = append(gr.pool, l.hist)
			l.hist = nil
		}
	}
	return t, open
}

// applyBinned adds tree t's leaf values to scores for binned rows.
func applyBinned(t *treeNodes, bins [][]uint8, scores []float64) {
	for i := range scores {
		k := int32(0)
		for t.feature[k] >= 0 {
			if bins[t.feature[k]][i] <= t.bin[k] {
				k = t.left[k]
			} else {
				k = t.left[k] + 1
			}
		}
		scores[i] += t.value[k]
	}
}

// TrainGBDT fits gradient-boosted trees to ds for binary log-loss. With early stopping on
// (the default) it holds out opts.ValidationFrac of ds (stratified, seeded) unless
// opts.Validation is given, and keeps the trees up to the best validation log-loss.
// Results are identical for the same data, options and seed.
func TrainGBDT(ctx context.Context, ds *Dataset, opts GBDTOptions) (*GBDT, error) {
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
		for i := 0; i < n; i++ {
			p := sigmoid(scores[i])
			gr.g[i] = p - train.Y[i]
			gr.h[i] = math.Max(p*(1-p), 1e-16)
		}
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
