package ml

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/floats"
)

// The log-loss and its gradient for logistic regression, in one pass over the data.
//
// The standardized features are stored column-major, so the margins of a block of rows
// are a sum of scaled columns and each gradient entry is a dot product with the block's
// residuals (both gonum's assembly kernels). Rows are cut into fixed blocks of
// logitBlock rows; GOMAXPROCS goroutines take blocks in turn, each block's partial loss
// and gradient land in its own slot, and the slots are added in block order, so the
// result does not depend on the number of goroutines or on scheduling.

// logitBlock is the rows per block: its margins and residuals (2 × 32 KiB) stay in cache.
const logitBlock = 4096

// logitProblem holds standardized data for the mean log-loss and its gradient.
type logitProblem struct {
	cols [][]float64 // p standardized columns of n rows
	y    []float64
	n, p int

	// per block: partial loss, gradient (p+1), Hessian ((p+1)², upper triangle) and scratch
	part   []float64
	pgrad  [][]float64
	phess  [][]float64
	margin []float64 // n margins, then residuals, per block in place
	hw     []float64 // n Hessian weights σ(1−σ), per block
	hx     []float64 // n scratch: a column times the weights, per block
	work   int       // goroutines

	// the last point evaluated with its gradient, shared by Func and Grad
	lastX, lastG []float64
	lastF        float64
	haveLast     bool
}

func newLogitProblem(cols [][]float64, y []float64) *logitProblem {
	n, p := len(y), len(cols)
	nb := (n + logitBlock - 1) / logitBlock
	pr := &logitProblem{cols: cols, y: y, n: n, p: p, part: make([]float64, nb), pgrad: make([][]float64, nb),
		margin: make([]float64, n), work: min(runtime.GOMAXPROCS(0), nb),
		lastX: make([]float64, p+1), lastG: make([]float64, p+1)}
	for b := range pr.pgrad {
		pr.pgrad[b] = make([]float64, p+1)
	}
	return pr
}

// What a pass over the data computes besides the loss.
const (
	passLoss = iota
	passGrad // and the gradient
	passHess // and the gradient and the Hessian's weights (pr.hessian builds it)
)

// block computes block b's summed log-loss and, as mode asks, its summed gradient and
// Hessian's weights.
func (pr *logitProblem) block(b int, w []float64, mode int) {
	lo, hi := b*logitBlock, min((b+1)*logitBlock, pr.n)
	m := pr.margin[lo:hi]
	y := pr.y[lo:hi]
	bias := w[pr.p]
	for i := range m {
		m[i] = bias
	}
	for j, c := range pr.cols {
		if w[j] != 0 {
			floats.AddScaled(m, w[j], c[lo:hi])
		}
	}
	// log(1+e^m) − y·m and the residual sigmoid(m) − y from one exponential:
	// with e = e^−|m| ≤ 1, log(1+e^m) = max(m,0) + log(1+e), sigmoid(m) = 1/(1+e) or
	// e/(1+e). Nothing overflows. Log1p keeps the loss exact to the last bits: the line
	// search compares losses that differ by 1e-16 near the optimum, and log(1+e)'s
	// rounding could make it wander.
	var loss, rsum float64
	var hw []float64 // the Hessian weight σ(1−σ), e/(1+e)² for either sign of m
	if mode == passHess {
		hw = pr.hw[lo:hi]
	}
	for i, mi := range m {
		e := math.Exp(-math.Abs(mi))
		l := math.Log1p(e)
		s := 1 / (1 + e)
		if hw != nil {
			hw[i] = e * s * s
		}
		if mi > 0 {
			l += mi
		} else {
			s = e * s
		}
		loss += l - y[i]*mi
		r := s - y[i]
		m[i] = r
		rsum += r
	}
	pr.part[b] = loss
	if mode >= passGrad {
		g := pr.pgrad[b]
		for j, c := range pr.cols {
			g[j] = floats.Dot(c[lo:hi], m)
		}
		g[pr.p] = rsum
	}
}

// lossGrad returns the mean log-loss at w (intercept last) and, when grad is not nil,
// writes its gradient.
func (pr *logitProblem) lossGrad(w, grad []float64) float64 {
	mode := passLoss
	if grad != nil {
		mode = passGrad
	}
	return pr.pass(w, grad, mode)
}

// blocks runs do for every block, on up to pr.work goroutines.
func (pr *logitProblem) blocks(do func(b int)) {
	nb := len(pr.part)
	if pr.work <= 1 {
		for b := 0; b < nb; b++ {
			do(b)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := 0; k < pr.work; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				do(b)
			}
		}()
	}
	wg.Wait()
}

// pass computes the mean loss at w and, as mode asks, writes the mean gradient to grad
// and keeps the Hessian's weights for pr.hessian.
func (pr *logitProblem) pass(w, grad []float64, mode int) float64 {
	nb := len(pr.part)
	pr.blocks(func(b int) { pr.block(b, w, mode) })
	var loss float64
	for b := 0; b < nb; b++ {
		loss += pr.part[b]
	}
	inv := 1 / float64(pr.n)
	if mode >= passGrad {
		clear(grad)
		for b := 0; b < nb; b++ {
			floats.Add(grad, pr.pgrad[b])
		}
		floats.Scale(inv, grad)
	}
	return loss * inv
}

// evaluate returns the loss at w and its gradient (owned by pr, valid until the next
// call), reusing the last evaluation when w has not changed: gonum calls Func and then
// Grad at the same point, and both are served by one pass.
func (pr *logitProblem) evaluate(w []float64) (float64, []float64) {
	if pr.haveLast && floats.Equal(w, pr.lastX) {
		return pr.lastF, pr.lastG
	}
	pr.lastF = pr.lossGrad(w, pr.lastG)
	copy(pr.lastX, w)
	pr.haveLast = true
	return pr.lastF, pr.lastG
}
