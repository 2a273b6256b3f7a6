package ml

import (
	"context"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// L2-regularized logistic regression by Newton's method.
//
// With p+1 ≤ a few hundred parameters the Hessian XᵀWX (W = diag σ(1−σ)) is cheap: one
// pass over the data computes the loss, the gradient and the Hessian's upper triangle, in
// the same row blocks as the loss (reduced in block order, so the result does not depend
// on the number of goroutines), and a Cholesky factorization gives the step. Near the
// optimum Newton converges quadratically: 6–8 passes instead of L-BFGS's ≈ 100 on
// notebook 04's data, to a tighter gradient.

// newtonMaxParams bounds the parameters for which Newton's method is used; beyond it the
// Hessian costs more than L-BFGS's iterations.
const newtonMaxParams = 200

// hessSub is the rows of a block handled at once while building its Hessian: the
// columns' slices for these rows stay in the core's L2 cache.
const hessSub = 1024

// ensureHess allocates the Hessian's scratch space.
func (pr *logitProblem) ensureHess() {
	if pr.phess != nil {
		return
	}
	d := pr.p + 1
	pr.hw = make([]float64, pr.n)
	pr.hx = make([]float64, pr.n)
	pr.phess = make([][]float64, len(pr.part))
	for b := range pr.phess {
		pr.phess[b] = make([]float64, d*d)
	}
}

// hessian writes the upper triangle of the mean Hessian (row-major, (p+1)², intercept
// last) at the point of the last passHess pass to h.
func (pr *logitProblem) hessian(h []float64) {
	pr.blocks(func(b int) { pr.blockHess(b, b*logitBlock, min((b+1)*logitBlock, pr.n)) })
	clear(h)
	for _, ph := range pr.phess {
		floats.Add(h, ph)
	}
	floats.Scale(1/float64(pr.n), h)
}

// blockHess writes the upper triangle of rows lo..hi's summed Hessian, Σ σ(1−σ) x xᵀ
// with x's last entry 1 (the intercept), to the block's slot; pr.hw holds the weights.
func (pr *logitProblem) blockHess(b, lo, hi int) {
	p, d := pr.p, pr.p+1
	h := pr.phess[b]
	clear(h)
	for a := lo; a < hi; a += hessSub {
		e := min(a+hessSub, hi)
		hw := pr.hw[a:e]
		t := pr.hx[a:e]
		for j, cj := range pr.cols {
			c := cj[a:e]
			var s float64
			for i, v := range c {
				x := v * hw[i]
				t[i] = x
				s += x
			}
			row := h[j*d : (j+1)*d]
			row[j] += floats.Dot(t, c)
			for k := j + 1; k < p; k++ {
				row[k] += floats.Dot(t, pr.cols[k][a:e])
			}
			row[p] += s
		}
		h[p*d+p] += floats.Sum(hw)
	}
}

// newtonL2 minimizes mean log-loss + ½λ‖w[:p]‖² from w by damped Newton steps. It stops
// when no gradient entry exceeds tol in magnitude. ok is false when the Hessian could not
// be factorized or the line search found no decrease (the caller then finishes with
// L-BFGS from w, which is left at the best point found).
func newtonL2(ctx context.Context, pr *logitProblem, w []float64, lambda, tol float64, maxIter int) (iters int, ok bool, err error) {
	p, d := pr.p, pr.p+1
	pr.ensureHess()
	grad := make([]float64, d)
	hess := make([]float64, d*d)
	trial := make([]float64, d)
	tgrad := make([]float64, d)
	step := make([]float64, d)
	sym := mat.NewSymDense(d, nil)
	var chol mat.Cholesky
	rhs := mat.NewVecDense(d, nil)
	dir := mat.NewVecDense(d, nil)

	objective := func(x, g []float64, mode int) float64 {
		f := pr.pass(x, g, mode)
		for j := 0; j < p; j++ {
			f += 0.5 * lambda * x[j] * x[j]
			if mode >= passGrad {
				g[j] += lambda * x[j]
			}
		}
		return f
	}
	f := objective(w, grad, passHess)
	for it := 0; it < maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return it, false, err
		}
		if floats.Norm(grad, math.Inf(1)) <= tol {
			return it, true, nil
		}
		pr.hessian(hess)
		for j := 0; j < p; j++ {
			hess[j*d+j] += lambda
		}
		for i := 0; i < d; i++ {
			for j := i; j < d; j++ {
				sym.SetSym(i, j, hess[i*d+j])
			}
			rhs.SetVec(i, -grad[i])
		}
		if !chol.Factorize(sym) {
			return it, false, nil
		}
		if err := chol.SolveVecTo(dir, rhs); err != nil {
			return it, false, nil
		}
		for i := 0; i < d; i++ {
			step[i] = dir.AtVec(i)
		}
		slope := floats.Dot(grad, step) // < 0: the Hessian is positive definite
		if !(slope < 0) {
			return it, false, nil
		}
		// The full step is evaluated with the gradient and the Hessian's weights at once
		// (it is taken nearly always); shorter ones need the loss only, until the last.
		t := 1.0
		accepted := false
		for k := 0; k < 40; k++ {
			floats.AddScaledTo(trial, w, t, step)
			mode := passLoss
			if k == 0 {
				mode = passHess
			}
			ft := objective(trial, tgrad, mode)
			// Armijo's condition, with room for the rounding of a sum of n losses: next
			// to the optimum the decrease (≈ slope/2) is below the loss's last bits
			if ft <= f+1e-4*t*slope+8*epsilon*math.Abs(f) {
				if mode != passHess {
					ft = objective(trial, tgrad, passHess)
				}
				f = ft
				copy(w, trial)
				copy(grad, tgrad)
				accepted = true
				break
			}
			t /= 2
		}
		if !accepted {
			// no decrease along a descent direction: the loss's rounding or a numerical
			// failure; L-BFGS finishes (at once when the gradient is already below tol)
			return it + 1, false, nil
		}
	}
	return maxIter, floats.Norm(grad, math.Inf(1)) <= tol, nil
}

const epsilon = 0x1p-52
