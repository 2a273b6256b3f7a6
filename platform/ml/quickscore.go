package ml

import (
	"math/bits"
	"sort"
)

// bitForest scores trees of at most 64 leaves by bit masks instead of walking them
// (the QuickScorer scheme): leaves of each tree are numbered left to right; every split
// node holds a mask that clears the leaves of its left subtree. For a row, every split
// whose test x ≤ thr fails ("false nodes") ANDs its mask into its tree's bit vector; the
// row's leaf in each tree is then the lowest bit still set. Splits are grouped by feature
// and sorted by threshold, so a row's false nodes on a feature are a prefix of that
// feature's list, found with one forward scan and no data-dependent jumps between trees.
type bitForest struct {
	featStart []int32    // splits of feature f are splits[featStart[f]:featStart[f+1]]
	splits    []bitSplit // ascending threshold within a feature
	leafStart []int32    // leaves of tree t are leafVal[leafStart[t]:…], left to right
	leafVal   []float64  // leaf values
}

// bitSplit is one split node: rows with !(x ≤ thr) AND mask into tree's bit vector.
type bitSplit struct {
	thr  float64
	mask uint64
	tree int32
}

// newBitForest builds the bit-mask layout, or returns nil when a tree has more than 64
// leaves.
func newBitForest(feature []int32, threshold []float64, left []int32, value []float64, roots []int32, cols int) *bitForest {
	type split struct {
		feat int32
		thr  float64
		tree int32
		mask uint64
	}
	var splits []split
	bf := &bitForest{}
	for t, r := range roots {
		bf.leafStart = append(bf.leafStart, int32(len(bf.leafVal)))
		nLeaves := 0
		tooBig := false
		// walk returns the [lo, hi) range of leaf numbers under node k
		var walk func(k int32) (int, int)
		walk = func(k int32) (int, int) {
			if feature[k] < 0 {
				bf.leafVal = append(bf.leafVal, value[k])
				nLeaves++
				return nLeaves - 1, nLeaves
			}
			lo, mid := walk(left[k])
			_, hi := walk(left[k] + 1)
			if nLeaves > 64 {
				tooBig = true
				return lo, hi
			}
			width := mid - lo
			var m uint64
			if width >= 64 {
				m = 0
			} else {
				m = ^(((uint64(1) << width) - 1) << lo)
			}
			splits = append(splits, split{feat: feature[k], thr: threshold[k], tree: int32(t), mask: m})
			return lo, hi
		}
		walk(r)
		if tooBig {
			return nil
		}
	}
	sort.SliceStable(splits, func(a, b int) bool {
		if splits[a].feat != splits[b].feat {
			return splits[a].feat < splits[b].feat
		}
		return splits[a].thr < splits[b].thr
	})
	bf.featStart = make([]int32, cols+1)
	k := 0
	for f := 0; f < cols; f++ {
		bf.featStart[f] = int32(k)
		for k < len(splits) && int(splits[k].feat) == f {
			k++
		}
	}
	bf.featStart[cols] = int32(k)
	for _, s := range splits {
		bf.splits = append(bf.splits, bitSplit{thr: s.thr, mask: s.mask, tree: s.tree})
	}
	return bf
}

// score writes base plus the sum of each row's leaf values (through the logistic
// function when logistic is set) for the rows of x.
func (bf *bitForest) score(x []float64, cols int, out []float64, base float64, logistic bool) {
	v := make([]uint64, len(bf.leafStart))
	for i := range out {
		row := x[i*cols : (i+1)*cols]
		for t := range v {
			v[t] = ^uint64(0)
		}
		for f, xf := range row {
			for _, sp := range bf.splits[bf.featStart[f]:bf.featStart[f+1]] {
				if xf <= sp.thr {
					break
				}
				v[sp.tree] &= sp.mask
			}
		}
		s := base
		for t, bv := range v {
			s += bf.leafVal[bf.leafStart[t]+int32(bits.TrailingZeros64(bv))]
		}
		if logistic {
			s = sigmoid(s)
		}
		out[i] = s
	}
}
