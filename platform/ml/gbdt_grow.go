package ml

import (
	"math"
	"math/rand"
	"sort"
)

// Growing one tree: feature binning, gradient histograms and best-first splits.

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
	g := &group{where: "binning features"}
	for j := 0; j < ds.Cols; j++ {
		out[j] = make([]uint8, ds.Rows)
		g.Go(func() {
			e := b.edges[j]
			col := out[j]
			for i := 0; i < ds.Rows; i++ {
				col[i] = uint8(sort.SearchFloat64s(e, ds.X[i*ds.Cols+j]))
			}
		})
	}
	g.MustWait()
	return out
}

type histBin struct {
	g, h float64
	c    int32
}

// add counts one row with gradient g and hessian h.
func (b *histBin) add(g, h float64) {
	b.g += g
	b.h += h
	b.c++
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
	scratch [][]histBin // per worker: histLanes copies of one feature's bins
	gainSum []float64
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
		gr.subtractHist(large.hist, small.hist)
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
