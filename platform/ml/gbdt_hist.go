package ml

import (
	"math"
	"sync/atomic"
)

// Gradient histograms of a leaf's rows, per feature.
//
// Bins are column-major (one []uint8 per feature), so one feature's pass reads one
// column. A feature's pass over many rows accumulates into four interleaved copies of its
// bins (row k into copy k mod 4) and adds them at the end: consecutive rows often fall in
// the same bin (counts, indicators), and one copy would chain every update on the one
// before. Features are shared among the workers through an atomic counter; each feature's
// sums depend only on the rows, so the result does not depend on the workers.

// histLanes is the number of interleaved copies.
const histLanes = 4

// newHist returns a histogram for all features. Only the first nbins[f] bins of each
// feature are meaningful; buildHist overwrites them, so a reused one is not cleared.
func (gr *grower) newHist() []histBin {
	if n := len(gr.pool); n > 0 {
		h := gr.pool[n-1]
		gr.pool = gr.pool[:n-1]
		return h
	}
	return make([]histBin, len(gr.bins)*histStride)
}

// buildHist fills hist from rows idx[start:end], features split across workers.
func (gr *grower) buildHist(hist []histBin, start, end int) {
	rows := gr.idx[start:end]
	var og, oh []float64
	identity := len(rows) == len(gr.g) && len(rows) > 0 && rows[0] == 0 && int(rows[len(rows)-1]) == len(rows)-1
	if identity {
		// the root of a tree without subsampling: rows are 0…n−1 in order
		og, oh = gr.g, gr.h
	} else {
		og, oh = gr.og[start:end], gr.oh[start:end]
		for k, r := range rows {
			og[k] = gr.g[r]
			oh[k] = gr.h[r]
		}
	}
	p := len(gr.bins)
	w := gr.opts.Workers
	if w > p {
		w = p
	}
	if len(gr.scratch) < w {
		gr.scratch = make([][]histBin, w)
		for s := range gr.scratch {
			gr.scratch[s] = make([]histBin, histLanes*histStride)
		}
	}
	if w <= 1 || len(rows) < 2048 {
		for f := 0; f < p; f++ {
			gr.featureHist(hist, f, rows, og, oh, identity, gr.scratch[0])
		}
		return
	}
	var next atomic.Int32
	g := &group{where: "building histograms"}
	for s := 0; s < w; s++ {
		scratch := gr.scratch[s]
		g.Go(func() {
			for {
				f := int(next.Add(1) - 1)
				if f >= p {
					return
				}
				gr.featureHist(hist, f, rows, og, oh, identity, scratch)
			}
		})
	}
	g.MustWait()
}

// featureHist writes feature f's bins of hist. og and oh are the rows' gradients and
// hessians in row order; identity says rows are 0…n−1.
func (gr *grower) featureHist(hist []histBin, f int, rows []int32, og, oh []float64, identity bool, scratch []histBin) {
	nb := gr.nbins[f]
	hh := hist[f*histStride : f*histStride+nb]
	col := gr.bins[f]
	if len(rows) < 8*nb+64 {
		// few rows per bin: one copy, no merge
		clear(hh)
		for k, r := range rows {
			b := &hh[col[r]]
			b.add(og[k], oh[k])
		}
		return
	}
	s := scratch[:histLanes*nb]
	clear(s)
	s0, s1, s2, s3 := s[:nb], s[nb:2*nb], s[2*nb:3*nb], s[3*nb:4*nb]
	n := len(rows)
	k := 0
	if identity {
		c := col[:n]
		og, oh = og[:n], oh[:n]
		for ; k+4 <= n; k += 4 {
			b0, b1, b2, b3 := &s0[c[k]], &s1[c[k+1]], &s2[c[k+2]], &s3[c[k+3]]
			b0.add(og[k], oh[k])
			b1.add(og[k+1], oh[k+1])
			b2.add(og[k+2], oh[k+2])
			b3.add(og[k+3], oh[k+3])
		}
	} else {
		for ; k+4 <= n; k += 4 {
			b0, b1, b2, b3 := &s0[col[rows[k]]], &s1[col[rows[k+1]]], &s2[col[rows[k+2]]], &s3[col[rows[k+3]]]
			b0.add(og[k], oh[k])
			b1.add(og[k+1], oh[k+1])
			b2.add(og[k+2], oh[k+2])
			b3.add(og[k+3], oh[k+3])
		}
	}
	for ; k < n; k++ {
		b := &s0[col[rows[k]]]
		b.add(og[k], oh[k])
	}
	for b := range hh {
		hh[b] = histBin{g: (s0[b].g + s1[b].g) + (s2[b].g + s3[b].g), h: (s0[b].h + s1[b].h) + (s2[b].h + s3[b].h),
			c: s0[b].c + s1[b].c + s2[b].c + s3[b].c}
	}
}

// subtractHist turns parent into parent − child over each feature's meaningful bins.
func (gr *grower) subtractHist(parent, child []histBin) {
	for f, nb := range gr.nbins {
		p := parent[f*histStride : f*histStride+nb]
		c := child[f*histStride : f*histStride+nb]
		for b := range p {
			p[b].g -= c[b].g
			p[b].h -= c[b].h
			p[b].c -= c[b].c
		}
	}
}

// gradients sets the log-loss gradient p − y and hessian p(1−p) (at least 1e-16) of every
// row at raw scores, p = sigmoid(score), the rows split in halves across the workers.
func (gr *grower) gradients(scores, y []float64) {
	part := func(lo, hi int) {
		g, h := gr.g[lo:hi], gr.h[lo:hi]
		y := y[lo:hi]
		for i, z := range scores[lo:hi] {
			// one exponential: e = e^−|z|, p = 1/(1+e) for z ≥ 0, e/(1+e) otherwise
			e := math.Exp(-math.Abs(z))
			q := 1 / (1 + e)
			p := q
			if z < 0 {
				p = e * q
			}
			g[i] = p - y[i]
			hi := e * q * q // p(1−p)
			if hi < 1e-16 {
				hi = 1e-16
			}
			h[i] = hi
		}
	}
	n := len(scores)
	w := gr.opts.Workers
	if w <= 1 || n < 8192 {
		part(0, n)
		return
	}
	g := &group{where: "computing gradients"}
	step := (n + w - 1) / w
	for lo := 0; lo < n; lo += step {
		g.Go(func() { part(lo, min(lo+step, n)) })
	}
	g.MustWait()
}
