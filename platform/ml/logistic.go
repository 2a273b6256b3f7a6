package ml

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

// LogisticOptions are the hyperparameters of regularized logistic regression.
//
// Features are standardized (mean 0, population standard deviation 1, as scikit-learn's
// StandardScaler does; a constant feature keeps scale 1) and the model minimizes
//
//	mean log-loss + Lambda × penalty(w)
//
// where penalty is ½‖w‖² for "l2" and ‖w‖₁ for "l1"; the intercept is not penalized.
// scikit-learn's LogisticRegression(C=c) on the same standardized n rows is the same
// problem with Lambda = 1/(c·n): set C instead of Lambda to use that convention.
type LogisticOptions struct {
	Penalty string  // "l2" (default), "l1" or "none"
	Lambda  float64 // penalty strength on the mean loss; 0 with Penalty set means 1e-4
	C       float64 // inverse strength as in scikit-learn; when > 0 it sets Lambda = 1/(C·n)
	MaxIter int     // iteration cap (default 1000 for l2, 20000 for l1)
	Tol     float64 // convergence tolerance on the gradient / step (default 1e-9)
}

// Logistic is a trained logistic regression. Coef and Intercept are in standardized
// feature space; RawCoef and RawIntercept apply to the raw (unstandardized) features.
type Logistic struct {
	Penalty      string    `json:"penalty"`
	Lambda       float64   `json:"lambda"`
	Mean         []float64 `json:"mean"`
	Scale        []float64 `json:"scale"`
	Coef         []float64 `json:"coef"`
	Intercept    float64   `json:"intercept"`
	RawCoef      []float64 `json:"rawCoef"`
	RawIntercept float64   `json:"rawIntercept"`
	Iterations   int       `json:"iterations"`
	Features     []string  `json:"features"`
	DataPrep     Prep      `json:"prep"`
}

// Name returns "logistic".
func (m *Logistic) Name() string { return "logistic" }

// Params returns the penalty and its strength.
func (m *Logistic) Params() map[string]any {
	return map[string]any{"penalty": m.Penalty, "lambda": m.Lambda}
}

// Prep returns how the training data's columns were prepared.
func (m *Logistic) Prep() Prep { return m.DataPrep }

// Predict returns P(y=1) for every row of ds.
func (m *Logistic) Predict(ds *Dataset) ([]float64, error) { return predict(m, m, ds) }

func (m *Logistic) scoreRows(x []float64, cols int, out []float64) {
	w := m.RawCoef
	for i := range out {
		row := x[i*cols : (i+1)*cols]
		z := m.RawIntercept
		for j, v := range row {
			z += w[j] * v
		}
		out[i] = sigmoid(z)
	}
}

// String summarizes the model.
func (m *Logistic) String() string {
	return fmt.Sprintf("logistic regression (%s, λ=%.3g) on %d features, %d iterations", m.Penalty, m.Lambda, len(m.Coef), m.Iterations)
}

// CoefTable returns the coefficients per feature in standardized and raw units.
func (m *Logistic) CoefTable() *table.Table {
	names := append([]string{"(intercept)"}, m.Features...)
	std := append([]float64{m.Intercept}, m.Coef...)
	raw := append([]float64{m.RawIntercept}, m.RawCoef...)
	t := table.New(table.StringColumn("feature", names),
		table.FloatColumn("coef (standardized)", std), table.FloatColumn("coef (raw units)", raw))
	t.Title = m.String()
	t.Limit = len(names)
	return t
}

// CoefImportance returns each feature's absolute coefficient in standardized units (the
// change in log-odds for one standard deviation), a scale-free importance.
func (m *Logistic) CoefImportance() *Importance {
	imp := &Importance{Kind: "|standardized coefficient|", Features: append([]string(nil), m.Features...), Values: make([]float64, len(m.Coef))}
	for j, c := range m.Coef {
		imp.Values[j] = math.Abs(c)
	}
	return imp
}

// Bundle renders the coefficient table.
func (m *Logistic) Bundle() display.Bundle { return tableBundle(m.CoefTable()) }

// TrainLogistic fits a regularized logistic regression to ds: L2 (and none) by Newton's
// method with a Cholesky-factorized Hessian (gonum's L-BFGS beyond 200 features or if
// Newton fails), L1 with accelerated proximal gradient (FISTA with restarts). The result is deterministic.
func TrainLogistic(ctx context.Context, ds *Dataset, opts LogisticOptions) (*Logistic, error) {
	if ds == nil || ds.Y == nil {
		return nil, errors.New("ml: TrainLogistic needs a labelled dataset")
	}
	if err := checkClasses(ds.Y); err != nil {
		return nil, err
	}
	pen := opts.Penalty
	if pen == "" {
		pen = "l2"
	}
	if pen != "l2" && pen != "l1" && pen != "none" {
		return nil, fmt.Errorf("ml: logistic penalty %q is not one of l2, l1, none", opts.Penalty)
	}
	lambda := opts.Lambda
	if opts.C > 0 {
		lambda = 1 / (opts.C * float64(ds.Rows))
	} else if lambda == 0 && pen != "none" {
		lambda = 1e-4
	}
	if lambda < 0 {
		return nil, fmt.Errorf("ml: logistic lambda %v must not be negative", lambda)
	}
	if pen == "none" {
		lambda = 0
	}
	tol := opts.Tol
	if tol <= 0 {
		tol = 1e-9
	}
	n, p := ds.Rows, ds.Cols
	m := &Logistic{Penalty: pen, Lambda: lambda, Features: append([]string(nil), ds.Features...), DataPrep: ds.Prep}
	var cols [][]float64
	var err error
	if m.Mean, m.Scale, cols, err = standardizeColumns(ds.X, n, p); err != nil {
		return nil, err
	}
	prob := newLogitProblem(cols, ds.Y)
	w := make([]float64, p+1) // last entry is the intercept
	if pen == "l1" {
		maxIter := opts.MaxIter
		if maxIter <= 0 {
			maxIter = 20000
		}
		m.Iterations, err = fistaL1(ctx, prob, w, lambda, tol, maxIter)
	} else {
		maxIter := opts.MaxIter
		if maxIter <= 0 {
			maxIter = 1000
		}
		ok := false
		if p+1 <= newtonMaxParams {
			// Newton starts from the intercept-only model's intercept, log(ȳ/(1−ȳ))
			var pos float64
			for _, v := range ds.Y {
				pos += v
			}
			w[p] = math.Log(pos / (float64(n) - pos))
			m.Iterations, ok, err = newtonL2(ctx, prob, w, lambda, tol, min(maxIter, 100))
		}
		if !ok && err == nil {
			var more int
			more, err = lbfgsL2(ctx, prob, w, lambda, tol, maxIter)
			m.Iterations += more
		}
	}
	if err != nil {
		return nil, fmt.Errorf("ml: train logistic regression: %w", err)
	}
	m.Coef = w[:p]
	m.Intercept = w[p]
	m.RawCoef = make([]float64, p)
	m.RawIntercept = m.Intercept
	for j := 0; j < p; j++ {
		m.RawCoef[j] = m.Coef[j] / m.Scale[j]
		m.RawIntercept -= m.Coef[j] * m.Mean[j] / m.Scale[j]
	}
	return m, nil
}

// standardizeColumns returns the columns' means and population standard deviations (1
// for a constant column) and the standardized columns, column-major. It reads the
// row-major matrix x in order (sums per column in row order, as a column-wise loop).
func standardizeColumns(x []float64, n, p int) (mean, scale []float64, cols [][]float64, err error) {
	mean = make([]float64, p)
	scale = make([]float64, p)
	for i := 0; i < n; i++ {
		for j, v := range x[i*p : (i+1)*p] {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	for i := 0; i < n; i++ {
		for j, v := range x[i*p : (i+1)*p] {
			d := v - mean[j]
			scale[j] += d * d
		}
	}
	for j, v := range scale {
		sd := math.Sqrt(v / float64(n))
		if sd < 1e-12 {
			sd = 1
		}
		scale[j] = sd
	}
	cols = make([][]float64, p)
	for j := range cols {
		cols[j] = make([]float64, n)
	}
	// the copy into columns, in row blocks across cores
	err = parallelRows(n, 8192, "standardizing", func(lo, hi int) {
		for i := lo; i < hi; i++ {
			for j, v := range x[i*p : (i+1)*p] {
				cols[j][i] = (v - mean[j]) / scale[j]
			}
		}
	})
	return mean, scale, cols, err
}

// ctxConverger stops the optimizer when ctx is done and otherwise defers to inner.
type ctxConverger struct {
	ctx   context.Context
	inner optimize.Converger
}

func (c *ctxConverger) Init(dim int) { c.inner.Init(dim) }
func (c *ctxConverger) Converged(l *optimize.Location) optimize.Status {
	if c.ctx.Err() != nil {
		return optimize.RuntimeLimit
	}
	return c.inner.Converged(l)
}

func lbfgsL2(ctx context.Context, pr *logitProblem, w []float64, lambda, tol float64, maxIter int) (int, error) {
	p := pr.p
	problem := optimize.Problem{
		Func: func(x []float64) float64 {
			f, _ := pr.evaluate(x)
			for j := 0; j < p; j++ {
				f += 0.5 * lambda * x[j] * x[j]
			}
			return f
		},
		Grad: func(grad, x []float64) {
			_, g := pr.evaluate(x)
			copy(grad, g)
			for j := 0; j < p; j++ {
				grad[j] += lambda * x[j]
			}
		},
	}
	settings := &optimize.Settings{
		GradientThreshold: tol,
		MajorIterations:   maxIter,
		// a bound on the line searches too, which major iterations do not count
		FuncEvaluations: 20 * maxIter,
		Converger:       &ctxConverger{ctx: ctx, inner: &optimize.FunctionConverge{Absolute: 1e-15, Relative: 1e-15, Iterations: 20}},
	}
	res, err := optimize.Minimize(problem, w, settings, &optimize.LBFGS{Linesearcher: &optimize.MoreThuente{}})
	if cerr := ctx.Err(); cerr != nil {
		return 0, cerr
	}
	if err != nil && res == nil {
		return 0, err
	}
	copy(w, res.X)
	return res.Stats.MajorIterations, nil
}

// fistaL1 minimizes mean log-loss + lambda‖w[:p]‖₁ by accelerated proximal gradient with
// backtracking and adaptive restart; it stops when no coordinate moves more than tol.
func fistaL1(ctx context.Context, pr *logitProblem, w []float64, lambda, tol float64, maxIter int) (int, error) {
	p := pr.p
	d := p + 1
	step := 1.0
	yv := append([]float64(nil), w...)
	prev := append([]float64(nil), w...)
	grad := make([]float64, d)
	cand := make([]float64, d)
	t := 1.0
	obj := func(x []float64) float64 {
		f := pr.lossGrad(x, nil)
		for j := 0; j < p; j++ {
			f += lambda * math.Abs(x[j])
		}
		return f
	}
	fPrev := obj(w)
	for it := 1; it <= maxIter; it++ {
		if it%64 == 0 && ctx.Err() != nil {
			return it, ctx.Err()
		}
		fy := pr.lossGrad(yv, grad)
		for {
			for j := 0; j < d; j++ {
				v := yv[j] - step*grad[j]
				if j < p {
					v = softThreshold(v, step*lambda)
				}
				cand[j] = v
			}
			// sufficient decrease of the smooth part (standard FISTA backtracking)
			fc := pr.lossGrad(cand, nil)
			var lin, sq float64
			for j := 0; j < d; j++ {
				dj := cand[j] - yv[j]
				lin += grad[j] * dj
				sq += dj * dj
			}
			if fc <= fy+lin+sq/(2*step)+1e-15 {
				break
			}
			step *= 0.5
			if step < 1e-12 {
				break
			}
		}
		fNew := obj(cand)
		var moved float64
		for j := 0; j < d; j++ {
			moved = math.Max(moved, math.Abs(cand[j]-w[j]))
		}
		copy(prev, w)
		copy(w, cand)
		if fNew > fPrev {
			// restart momentum when the objective goes up
			t = 1
			copy(yv, w)
		} else {
			tNext := (1 + math.Sqrt(1+4*t*t)) / 2
			beta := (t - 1) / tNext
			for j := 0; j < d; j++ {
				yv[j] = w[j] + beta*(w[j]-prev[j])
			}
			t = tNext
		}
		fPrev = fNew
		if moved < tol {
			return it, nil
		}
		step *= 1.1 // let the step grow back slowly
	}
	return maxIter, nil
}

func softThreshold(v, a float64) float64 {
	switch {
	case v > a:
		return v - a
	case v < -a:
		return v + a
	default:
		return 0
	}
}
