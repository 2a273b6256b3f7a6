package ml

import (
	"math"
	"sync"
)

// Packed trees: the trained ensemble laid out flat for branch-free scoring.

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

// treeScorer scores rows with a trained ensemble (Forest, GBDT) laid out for it on first
// use: bit masks when every tree has at most 64 leaves, else packed nodes.
type treeScorer struct {
	once sync.Once
	pack *packedForest
	bits *bitForest // nil when a tree has more than 64 leaves
}

// build lays the ensemble's node arrays out, once; later calls return s as it is.
func (s *treeScorer) build(feature []int32, threshold []float64, left []int32, value []float64, roots []int32, features int) *treeScorer {
	s.once.Do(func() {
		s.pack = packForest(feature, threshold, left, value, roots)
		s.bits = newBitForest(feature, threshold, left, value, roots, features)
	})
	return s
}

// score writes base plus the trees' sum for each row of x (cols values a row) to out,
// through the sigmoid when sigmoid is set.
func (s *treeScorer) score(x []float64, cols int, out []float64, base float64, sigmoid bool) {
	if s.bits != nil {
		s.bits.score(x, cols, out, base, sigmoid)
		return
	}
	s.pack.score(x, cols, out, base, sigmoid)
}

// scorer returns the trees laid out for scoring.
func (m *GBDT) scorer() *treeScorer {
	return m.trees.build(m.Feature, m.Threshold, m.Left, m.Value, m.Roots, len(m.Features))
}

func (m *GBDT) scoreRows(x []float64, cols int, out []float64) {
	m.scorer().score(x, cols, out, m.Base, true)
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
