package ml

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

// Space declares the hyperparameters a search explores. Build it with NewSpace and the
// chained Int, Float, LogFloat and Choice methods.
type Space struct {
	params []spaceParam
	err    error
}

type spaceParam struct {
	name    string
	kind    string // int, float, logfloat, choice
	lo, hi  float64
	choices []any
}

// NewSpace returns an empty search space.
func NewSpace() *Space { return &Space{} }

func (s *Space) add(p spaceParam) *Space {
	for _, q := range s.params {
		if q.name == p.name {
			s.err = fmt.Errorf("ml: search space declares %q twice", p.name)
		}
	}
	if p.kind != "choice" && !(p.lo <= p.hi) {
		s.err = fmt.Errorf("ml: search space %q: low %v is above high %v", p.name, p.lo, p.hi)
	}
	if p.kind == "logfloat" && p.lo <= 0 {
		s.err = fmt.Errorf("ml: search space %q: a log-scale range needs a positive low bound, got %v", p.name, p.lo)
	}
	if p.kind == "choice" && len(p.choices) == 0 {
		s.err = fmt.Errorf("ml: search space %q: a choice needs at least one value", p.name)
	}
	s.params = append(s.params, p)
	return s
}

// Int adds an integer parameter drawn uniformly from [lo, hi].
func (s *Space) Int(name string, lo, hi int) *Space {
	return s.add(spaceParam{name: name, kind: "int", lo: float64(lo), hi: float64(hi)})
}

// Float adds a parameter drawn uniformly from [lo, hi].
func (s *Space) Float(name string, lo, hi float64) *Space {
	return s.add(spaceParam{name: name, kind: "float", lo: lo, hi: hi})
}

// LogFloat adds a parameter drawn log-uniformly from [lo, hi] (lo > 0).
func (s *Space) LogFloat(name string, lo, hi float64) *Space {
	return s.add(spaceParam{name: name, kind: "logfloat", lo: lo, hi: hi})
}

// Choice adds a parameter taking one of values.
func (s *Space) Choice(name string, values ...any) *Space {
	return s.add(spaceParam{name: name, kind: "choice", choices: values})
}

// Names returns the parameter names in declaration order.
func (s *Space) Names() []string {
	out := make([]string, len(s.params))
	for i, p := range s.params {
		out[i] = p.name
	}
	return out
}

func (p spaceParam) sample(rng *rand.Rand) any {
	switch p.kind {
	case "int":
		return int(p.lo) + rng.Intn(int(p.hi)-int(p.lo)+1)
	case "float":
		return p.lo + rng.Float64()*(p.hi-p.lo)
	case "logfloat":
		return math.Exp(math.Log(p.lo) + rng.Float64()*(math.Log(p.hi)-math.Log(p.lo)))
	default:
		return p.choices[rng.Intn(len(p.choices))]
	}
}

// gridValues returns the grid points of p: every integer (or 5 evenly spaced ones when the
// range is wider than 10), 5 evenly (or log-evenly) spaced floats, or every choice.
func (p spaceParam) gridValues(steps int) []any {
	var out []any
	switch p.kind {
	case "int":
		lo, hi := int(p.lo), int(p.hi)
		if hi-lo+1 <= 10 {
			for v := lo; v <= hi; v++ {
				out = append(out, v)
			}
			return out
		}
		last := math.MinInt
		for k := 0; k < steps; k++ {
			v := lo + int(math.Round(float64(k)*float64(hi-lo)/float64(steps-1)))
			if v != last {
				out = append(out, v)
				last = v
			}
		}
	case "float", "logfloat":
		if p.lo == p.hi {
			return []any{p.lo}
		}
		for k := 0; k < steps; k++ {
			f := float64(k) / float64(steps-1)
			if p.kind == "float" {
				out = append(out, p.lo+f*(p.hi-p.lo))
			} else {
				out = append(out, math.Exp(math.Log(p.lo)+f*(math.Log(p.hi)-math.Log(p.lo))))
			}
		}
	default:
		out = append(out, p.choices...)
	}
	return out
}

// TrainFunc trains one model on ds with the given hyperparameters.
type TrainFunc func(ctx context.Context, ds *Dataset, params map[string]any) (Model, error)

// GBDTTrainer returns a TrainFunc that trains gradient-boosted trees from base with these
// parameter names overridden: iterations, learningRate, maxDepth, maxLeaves,
// minSamplesLeaf, l2, maxBins, subsample, earlyStopping, seed.
func GBDTTrainer(base GBDTOptions) TrainFunc {
	return func(ctx context.Context, ds *Dataset, params map[string]any) (Model, error) {
		o := base
		err := setNumeric("gbdt", params, []numericParam{
			{"iterations", func(f float64) { o.Iterations = int(f) }},
			{"learningRate", func(f float64) { o.LearningRate = f }},
			{"maxDepth", func(f float64) { o.MaxDepth = int(f) }},
			{"maxLeaves", func(f float64) { o.MaxLeaves = int(f) }},
			{"minSamplesLeaf", func(f float64) { o.MinSamplesLeaf = int(f) }},
			{"l2", func(f float64) { o.L2 = f }},
			{"maxBins", func(f float64) { o.MaxBins = int(f) }},
			{"subsample", func(f float64) { o.Subsample = f }},
			{"earlyStopping", func(f float64) { o.EarlyStopping = int(f) }},
			{"seed", func(f float64) { o.Seed = int64(f) }},
		})
		if err != nil {
			return nil, err
		}
		return TrainGBDT(ctx, ds, o)
	}
}

// numericParam is one numeric hyper-parameter a trainer accepts and how it is set.
type numericParam struct {
	name string
	set  func(float64)
}

// setNumeric applies params to the named settings, failing on a value that is not a
// number or a name that is not one of known.
func setNumeric(model string, params map[string]any, known []numericParam) error {
	for k, v := range params {
		i := slices.IndexFunc(known, func(p numericParam) bool { return p.name == k })
		if i < 0 {
			names := make([]string, len(known))
			for j, p := range known {
				names[j] = p.name
			}
			return fmt.Errorf("ml: unknown %s parameter %q (known: %s)", model, k, strings.Join(names, ", "))
		}
		f, ok := toFloat(v)
		if !ok {
			return fmt.Errorf("ml: %s parameter %s=%v is not a number", model, k, v)
		}
		known[i].set(f)
	}
	return nil
}

// ForestTrainer returns a TrainFunc that trains a random forest from base with these
// parameter names overridden: trees, maxFeatures, minSamplesLeaf, maxDepth, maxBins,
// sampleFrac, seed.
func ForestTrainer(base ForestOptions) TrainFunc {
	return func(ctx context.Context, ds *Dataset, params map[string]any) (Model, error) {
		o := base
		err := setNumeric("forest", params, []numericParam{
			{"trees", func(f float64) { o.Trees = int(f) }},
			{"maxFeatures", func(f float64) { o.MaxFeatures = int(f) }},
			{"minSamplesLeaf", func(f float64) { o.MinSamplesLeaf = int(f) }},
			{"maxDepth", func(f float64) { o.MaxDepth = int(f) }},
			{"maxBins", func(f float64) { o.MaxBins = int(f) }},
			{"sampleFrac", func(f float64) { o.SampleFrac = f }},
			{"seed", func(f float64) { o.Seed = int64(f) }},
		})
		if err != nil {
			return nil, err
		}
		return TrainForest(ctx, ds, o)
	}
}

// LogisticTrainer returns a TrainFunc that trains logistic regression from base with these
// parameter names overridden: penalty ("l1", "l2", "none"), lambda, C.
func LogisticTrainer(base LogisticOptions) TrainFunc {
	return func(ctx context.Context, ds *Dataset, params map[string]any) (Model, error) {
		o := base
		for k, v := range params {
			switch k {
			case "penalty":
				s, ok := v.(string)
				if !ok {
					return nil, fmt.Errorf("ml: logistic penalty %v is not a string", v)
				}
				o.Penalty = s
			case "lambda", "C":
				f, ok := toFloat(v)
				if !ok {
					return nil, fmt.Errorf("ml: logistic parameter %s=%v is not a number", k, v)
				}
				if k == "C" {
					o.C = f
				} else {
					o.Lambda = f
				}
			default:
				return nil, fmt.Errorf("ml: unknown logistic parameter %q (known: penalty, lambda, C)", k)
			}
		}
		return TrainLogistic(ctx, ds, o)
	}
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case float32:
		return float64(x), true
	default:
		return 0, false
	}
}

// SearchOptions control a hyperparameter search.
type SearchOptions struct {
	// Trials is the number of random draws (random search only) [20].
	Trials int
	// GridSteps is the number of points per numeric range in a grid search [5].
	GridSteps int
	// Seed makes the draws and the validation split reproducible.
	Seed int64
	// Metric picks the best trial: "auc" (default), "accuracy", "f1", "precision", "recall"
	// (higher is better) or "logLoss" (lower is better).
	Metric string
	// Threshold for accuracy, precision, recall and F1 [0.5].
	Threshold float64
	// Validation is the set every trial is scored on; nil holds out ValidationFrac of the
	// training data (stratified, seeded).
	Validation     *Dataset
	ValidationFrac float64 // [0.2]
	// Workers is the number of trials trained at once [runtime.NumCPU()].
	Workers int
	// Progress, when set, is called after each finished trial from the calling goroutine.
	// Without it a display.Progress counts trials, unless Quiet is set.
	Progress func(done, total int)
	Quiet    bool
}

// Trial is one evaluated point of a search.
type Trial struct {
	Index    int
	Params   map[string]any
	Metrics  map[string]float64
	Duration time.Duration
	Err      error
	Model    Model
}

// SearchResult holds every trial of a search and the best one by Metric.
type SearchResult struct {
	Kind     string // "random" or "grid"
	Metric   string
	Names    []string
	Trials   []*Trial
	Best     int // index into Trials, −1 when every trial failed
	Duration time.Duration
}

// RandomSearch trains opts.Trials models with parameters drawn from space (seeded) in
// parallel, scores each on the validation set and keeps them all.
func RandomSearch(ctx context.Context, ds *Dataset, space *Space, train TrainFunc, opts SearchOptions) (*SearchResult, error) {
	if space == nil || space.err != nil {
		if space == nil {
			return nil, errors.New("ml: RandomSearch needs a search space")
		}
		return nil, space.err
	}
	n := opts.Trials
	if n <= 0 {
		n = 20
	}
	rng := rand.New(rand.NewSource(opts.Seed))
	points := make([]map[string]any, n)
	for i := range points {
		points[i] = map[string]any{}
		for _, p := range space.params {
			points[i][p.name] = p.sample(rng)
		}
	}
	return runSearch(ctx, "random", ds, space, points, train, opts)
}

// GridSearch trains one model per point of the grid over space (every combination) in
// parallel, scores each on the validation set and keeps them all.
func GridSearch(ctx context.Context, ds *Dataset, space *Space, train TrainFunc, opts SearchOptions) (*SearchResult, error) {
	if space == nil || space.err != nil {
		if space == nil {
			return nil, errors.New("ml: GridSearch needs a search space")
		}
		return nil, space.err
	}
	steps := opts.GridSteps
	if steps < 2 {
		steps = 5
	}
	points := []map[string]any{{}}
	for _, p := range space.params {
		var next []map[string]any
		for _, base := range points {
			for _, v := range p.gridValues(steps) {
				m := make(map[string]any, len(base)+1)
				for k, x := range base {
					m[k] = x
				}
				m[p.name] = v
				next = append(next, m)
			}
		}
		points = next
	}
	if len(points) > 10000 {
		return nil, fmt.Errorf("ml: the grid has %d points; narrow the space or use RandomSearch", len(points))
	}
	return runSearch(ctx, "grid", ds, space, points, train, opts)
}

func runSearch(ctx context.Context, kind string, ds *Dataset, space *Space, points []map[string]any, train TrainFunc, opts SearchOptions) (*SearchResult, error) {
	if train == nil {
		return nil, errors.New("ml: search needs a TrainFunc (e.g. ml.GBDTTrainer(ml.GBDTOptions{}))")
	}
	if ds == nil || ds.Y == nil {
		return nil, errors.New("ml: search needs a labelled training dataset")
	}
	metric := opts.Metric
	if metric == "" {
		metric = "auc"
	}
	known := map[string]bool{"auc": true, "accuracy": true, "f1": true, "precision": true, "recall": true, "logLoss": true}
	if !known[metric] {
		return nil, fmt.Errorf("ml: unknown search metric %q (use auc, logLoss, accuracy, f1, precision or recall)", metric)
	}
	thr := opts.Threshold
	if thr == 0 {
		thr = 0.5
	}
	fit, valid := ds, opts.Validation
	if valid == nil {
		frac := opts.ValidationFrac
		if frac <= 0 || frac >= 1 {
			frac = 0.2
		}
		var err error
		fit, valid, err = Split(ds, frac, opts.Seed)
		if err != nil {
			return nil, fmt.Errorf("ml: search validation split: %w", err)
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	start := time.Now()
	res := &SearchResult{Kind: kind, Metric: metric, Names: space.Names(), Best: -1, Trials: make([]*Trial, len(points))}
	jobs := make(chan int)
	done := make(chan int)
	g := &group{where: kind + " search"}
	for w := 0; w < workers; w++ {
		g.Go(func() {
			for i := range jobs {
				t0 := time.Now()
				tr := &Trial{Index: i, Params: points[i]}
				// A trial that panics fails alone; the other trials go on.
				if perr := protect(fmt.Sprintf("%s search trial %d", kind, i), func() {
					m, err := train(ctx, fit, points[i])
					if err == nil {
						var met *Metrics
						met, err = EvaluateModel(m, valid, thr)
						if err == nil {
							tr.Metrics, tr.Model = met.Map(), m
						}
					}
					tr.Err = err
				}); perr != nil {
					tr.Err, tr.Metrics, tr.Model = perr, nil, nil
				}
				tr.Duration = time.Since(t0)
				res.Trials[i] = tr
				done <- i
			}
		})
	}
	g.Go(func() {
		defer close(jobs)
		for i := range points {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	var waitErr error
	go func() { waitErr = g.Wait(); close(done) }() // only waits: nothing in it can panic
	var bar *display.Progress
	if opts.Progress == nil && !opts.Quiet {
		bar = display.NewProgress(fmt.Sprintf("%s search: %d trials on %d workers", kind, len(points), workers), int64(len(points)))
	}
	finished := 0
	for range done {
		finished++
		if opts.Progress != nil {
			opts.Progress(finished, len(points))
		}
		if bar != nil {
			bar.Set(int64(finished))
		}
	}
	res.Duration = time.Since(start)
	if bar != nil {
		bar.Done()
	}
	if waitErr != nil {
		return nil, waitErr
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("ml: search stopped after %d of %d trials: %w", finished, len(points), err)
	}
	lower := metric == "logLoss"
	var firstErr error
	for i, tr := range res.Trials {
		if tr.Err != nil {
			if firstErr == nil {
				firstErr = tr.Err
			}
			continue
		}
		v := tr.Metrics[metric]
		if res.Best < 0 {
			res.Best = i
			continue
		}
		b := res.Trials[res.Best].Metrics[metric]
		if (lower && v < b) || (!lower && v > b) {
			res.Best = i
		}
	}
	if res.Best < 0 {
		return res, fmt.Errorf("ml: every trial failed; the first error: %w", firstErr)
	}
	return res, nil
}

// BestTrial returns the best trial, or nil when every trial failed.
func (r *SearchResult) BestTrial() *Trial {
	if r.Best < 0 {
		return nil
	}
	return r.Trials[r.Best]
}

// BestModel returns the best trial's model.
func (r *SearchResult) BestModel() Model {
	if t := r.BestTrial(); t != nil {
		return t.Model
	}
	return nil
}

// BestParams returns the best trial's parameters.
func (r *SearchResult) BestParams() map[string]any {
	if t := r.BestTrial(); t != nil {
		return t.Params
	}
	return nil
}

// Values returns the named metric of every trial (NaN for failed ones).
func (r *SearchResult) Values(metric string) []float64 {
	out := make([]float64, len(r.Trials))
	for i, t := range r.Trials {
		out[i] = math.NaN()
		if t != nil && t.Err == nil {
			if v, ok := t.Metrics[metric]; ok {
				out[i] = v
			}
		}
	}
	return out
}

// Table returns one row per trial: its parameters, metrics, time and error.
func (r *SearchResult) Table() *table.Table {
	n := len(r.Trials)
	idx := make([]int64, n)
	for i := range idx {
		idx[i] = int64(i)
	}
	cols := []*table.Column{table.IntColumn("trial", idx)}
	for _, name := range r.Names {
		cols = append(cols, paramColumn(name, r.Trials))
	}
	for _, m := range []string{"auc", "logLoss", "accuracy", "f1"} {
		cols = append(cols, table.FloatColumn(m, r.Values(m)))
	}
	secs := make([]float64, n)
	errs := make([]string, n)
	for i, t := range r.Trials {
		if t == nil {
			continue
		}
		secs[i] = math.Round(t.Duration.Seconds()*1000) / 1000
		if t.Err != nil {
			errs[i] = t.Err.Error()
		}
	}
	cols = append(cols, table.FloatColumn("seconds", secs), table.StringColumn("error", errs))
	t := table.New(cols...)
	t.Title = r.String()
	t.Limit = n
	return t
}

func paramColumn(name string, trials []*Trial) *table.Column {
	allNum, allInt := true, true
	for _, t := range trials {
		if _, ok := toFloat(t.Params[name]); !ok {
			allNum = false
		}
		if _, ok := t.Params[name].(int); !ok {
			allInt = false
		}
	}
	if allInt {
		v := make([]int64, len(trials))
		for i, t := range trials {
			v[i] = int64(t.Params[name].(int))
		}
		return table.IntColumn(name, v)
	}
	if allNum {
		v := make([]float64, len(trials))
		for i, t := range trials {
			v[i], _ = toFloat(t.Params[name])
		}
		return table.FloatColumn(name, v)
	}
	s := make([]string, len(trials))
	for i, t := range trials {
		s[i] = fmt.Sprint(t.Params[name])
	}
	return table.StringColumn(name, s)
}

// String summarizes the search on one line.
func (r *SearchResult) String() string {
	s := fmt.Sprintf("%s search: %d trials in %s", r.Kind, len(r.Trials), r.Duration.Round(time.Millisecond))
	if b := r.BestTrial(); b != nil {
		s += fmt.Sprintf("; best trial %d: %s %.4f (%s)", b.Index, r.Metric, b.Metrics[r.Metric], formatParams(b.Params))
	}
	return s
}

// Chart draws the search metric of every trial against its index.
func (r *SearchResult) Chart() *display.Chart {
	vals := r.Values(r.Metric)
	x := make([]float64, len(vals))
	for i := range x {
		x[i] = float64(i)
	}
	title := fmt.Sprintf("%s search: %s by trial", r.Kind, r.Metric)
	if b := r.BestTrial(); b != nil {
		title += fmt.Sprintf(" (best: trial %d, %.4f)", b.Index, b.Metrics[r.Metric])
	}
	c := display.ScatterChart(x, vals, display.ChartOptions{Title: title, XLabel: "trial", YLabel: r.Metric})
	if p := c.GonumPlot(); p != nil {
		p.X.Tick.Marker = integerTicks{} // trials are numbered: no ticks at 2.5
		p.X.Min, p.X.Max = -0.5, float64(len(x))-0.5
	}
	return c
}

// ParamChart draws the search metric against one parameter's value.
func (r *SearchResult) ParamChart(param string) *display.Chart {
	x := make([]float64, len(r.Trials))
	for i, t := range r.Trials {
		v, ok := toFloat(t.Params[param])
		if !ok {
			v = math.NaN()
		}
		x[i] = v
	}
	return display.ScatterChart(x, r.Values(r.Metric), display.ChartOptions{Title: fmt.Sprintf("%s by %s", r.Metric, param),
		XLabel: param, YLabel: r.Metric})
}

// Bundle renders the trials table followed by the trial-vs-metric chart.
func (r *SearchResult) Bundle() display.Bundle {
	b := tableBundle(r.Table())
	c := r.Chart()
	if c.Err() == nil {
		if h, ok := b.Data[display.MIMEHTML].(string); ok {
			w, _ := c.Size()
			b.Data[display.MIMEHTML] = h + fmt.Sprintf(`<div><img alt="trials chart" width="%d" src="data:image/png;base64,%s"/></div>`,
				w, base64.StdEncoding.EncodeToString(c.PNG()))
		}
	}
	return b
}

// Top returns the k best trials by the search metric, best first.
func (r *SearchResult) Top(k int) []*Trial {
	var ok []*Trial
	for _, t := range r.Trials {
		if t != nil && t.Err == nil {
			ok = append(ok, t)
		}
	}
	lower := r.Metric == "logLoss"
	sort.SliceStable(ok, func(a, b int) bool {
		va, vb := ok[a].Metrics[r.Metric], ok[b].Metrics[r.Metric]
		if lower {
			return va < vb
		}
		return va > vb
	})
	return ok[:min(k, len(ok))]
}
