package ml

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"sort"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

// checkPreds validates labels and probabilities of the same length.
func checkPreds(y, p []float64) error {
	if len(y) != len(p) {
		return fmt.Errorf("ml: %d labels but %d predictions", len(y), len(p))
	}
	if len(y) == 0 {
		return errors.New("ml: no predictions to evaluate")
	}
	for i, v := range y {
		if v != 0 && v != 1 {
			return fmt.Errorf("ml: label %v at row %d is not 0 or 1", v, i)
		}
		if math.IsNaN(p[i]) {
			return fmt.Errorf("ml: prediction at row %d is NaN", i)
		}
	}
	return nil
}

// AUC returns the area under the ROC curve: the probability that a random positive row
// scores higher than a random negative one, ties counting one half.
func AUC(y, p []float64) (float64, error) {
	if err := checkPreds(y, p); err != nil {
		return 0, err
	}
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	// Mann–Whitney U with average ranks for ties.
	var rankSum, pos float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && p[idx[j]] == p[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2 // ranks i+1 … j, averaged
		for k := i; k < j; k++ {
			if y[idx[k]] == 1 {
				rankSum += avg
				pos++
			}
		}
		i = j
	}
	neg := float64(len(y)) - pos
	if pos == 0 || neg == 0 {
		return 0, errors.New("ml: AUC needs both positive and negative labels")
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg), nil
}

// LogLoss returns the mean binary cross-entropy, with probabilities clipped to
// [1e-15, 1−1e-15].
func LogLoss(y, p []float64) (float64, error) {
	if err := checkPreds(y, p); err != nil {
		return 0, err
	}
	const eps = 1e-15
	var s float64
	for i, v := range p {
		q := math.Min(math.Max(v, eps), 1-eps)
		if y[i] == 1 {
			s -= math.Log(q)
		} else {
			s -= math.Log(1 - q)
		}
	}
	return s / float64(len(p)), nil
}

// Confusion is a confusion matrix at a probability threshold (p ≥ Threshold predicts 1).
type Confusion struct {
	Threshold      float64
	TN, FP, FN, TP int
}

// ConfusionAt counts predictions against labels at threshold.
func ConfusionAt(y, p []float64, threshold float64) (*Confusion, error) {
	if err := checkPreds(y, p); err != nil {
		return nil, err
	}
	c := &Confusion{Threshold: threshold}
	for i, v := range p {
		pred := v >= threshold
		switch {
		case y[i] == 1 && pred:
			c.TP++
		case y[i] == 1:
			c.FN++
		case pred:
			c.FP++
		default:
			c.TN++
		}
	}
	return c, nil
}

// Accuracy returns the share of correct predictions.
func (c *Confusion) Accuracy() float64 {
	return float64(c.TP+c.TN) / math.Max(1, float64(c.TP+c.TN+c.FP+c.FN))
}

// Precision returns TP/(TP+FP), 0 when nothing is predicted positive.
func (c *Confusion) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall returns TP/(TP+FN), 0 when there are no positives.
func (c *Confusion) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 returns the harmonic mean of precision and recall.
func (c *Confusion) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Table returns the matrix as a 2×2 table (rows actual, columns predicted).
func (c *Confusion) Table() *table.Table {
	t := table.New(
		table.StringColumn("actual \\ predicted", []string{"0", "1"}),
		table.IntColumn("0", []int64{int64(c.TN), int64(c.FN)}),
		table.IntColumn("1", []int64{int64(c.FP), int64(c.TP)}),
	)
	t.Title = fmt.Sprintf("Confusion matrix at threshold %.3g", c.Threshold)
	return t
}

// Bundle renders the matrix as a chart.
func (c *Confusion) Bundle() display.Bundle { return c.Chart().Bundle() }

// Metrics is the usual set of binary-classification metrics on one dataset.
type Metrics struct {
	Rows      int     `json:"rows"`
	Positives int     `json:"positives"`
	Threshold float64 `json:"threshold"`
	Accuracy  float64 `json:"accuracy"`
	AUC       float64 `json:"auc"`
	LogLoss   float64 `json:"logLoss"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Confusion *Confusion
}

// Evaluate computes the metrics of probabilities p against labels y; precision, recall,
// F1, accuracy and the confusion matrix use threshold.
func Evaluate(y, p []float64, threshold float64) (*Metrics, error) {
	auc, err := AUC(y, p)
	if err != nil {
		return nil, err
	}
	ll, err := LogLoss(y, p)
	if err != nil {
		return nil, err
	}
	c, err := ConfusionAt(y, p, threshold)
	if err != nil {
		return nil, err
	}
	return &Metrics{Rows: len(y), Positives: c.TP + c.FN, Threshold: threshold, Accuracy: c.Accuracy(), AUC: auc,
		LogLoss: ll, Precision: c.Precision(), Recall: c.Recall(), F1: c.F1(), Confusion: c}, nil
}

// EvaluateModel predicts ds with m and evaluates the predictions at threshold.
func EvaluateModel(m Model, ds *Dataset, threshold float64) (*Metrics, error) {
	if ds.Y == nil {
		return nil, errors.New("ml: EvaluateModel needs a labelled dataset")
	}
	p, err := m.Predict(ds)
	if err != nil {
		return nil, err
	}
	return Evaluate(ds.Y, p, threshold)
}

// Map returns the metrics by name: accuracy, auc, logLoss, precision, recall, f1.
func (m *Metrics) Map() map[string]float64 {
	return map[string]float64{"accuracy": m.Accuracy, "auc": m.AUC, "logLoss": m.LogLoss,
		"precision": m.Precision, "recall": m.Recall, "f1": m.F1}
}

// Table returns the metrics as a two-column table.
func (m *Metrics) Table() *table.Table {
	names := []string{"rows", "positives", "accuracy", "AUC", "log-loss",
		fmt.Sprintf("precision @%.2g", m.Threshold), fmt.Sprintf("recall @%.2g", m.Threshold), fmt.Sprintf("F1 @%.2g", m.Threshold)}
	vals := []float64{float64(m.Rows), float64(m.Positives), m.Accuracy, m.AUC, m.LogLoss, m.Precision, m.Recall, m.F1}
	t := table.New(table.StringColumn("metric", names), table.FloatColumn("value", vals))
	t.Limit = len(names)
	return t
}

// String returns the metrics on one line.
func (m *Metrics) String() string {
	return fmt.Sprintf("AUC %.4f, log-loss %.4f, accuracy %.4f, precision %.4f, recall %.4f, F1 %.4f (threshold %.2g, %d rows)",
		m.AUC, m.LogLoss, m.Accuracy, m.Precision, m.Recall, m.F1, m.Threshold, m.Rows)
}

// Bundle renders the metrics table.
func (m *Metrics) Bundle() display.Bundle { return tableBundle(m.Table()) }

// Curve is a ROC or precision-recall curve: points (X[i], Y[i]) reached at probability
// threshold Thresholds[i], and the area under it (AUC for ROC, average precision for PR).
type Curve struct {
	Kind       string // "roc" or "pr"
	X, Y       []float64
	Thresholds []float64
	Area       float64
}

// sortedDesc returns row indices by decreasing probability.
func sortedDesc(p []float64) []int {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	return idx
}

// ROC returns the ROC curve (false-positive rate vs true-positive rate), one point per
// distinct threshold, starting at (0, 0).
func ROC(y, p []float64) (*Curve, error) {
	auc, err := AUC(y, p)
	if err != nil {
		return nil, err
	}
	var pos, neg float64
	for _, v := range y {
		if v == 1 {
			pos++
		} else {
			neg++
		}
	}
	c := &Curve{Kind: "roc", X: []float64{0}, Y: []float64{0}, Thresholds: []float64{math.Inf(1)}, Area: auc}
	sweep(y, p, func(tp, fp, threshold float64) {
		c.X = append(c.X, fp/neg)
		c.Y = append(c.Y, tp/pos)
		c.Thresholds = append(c.Thresholds, threshold)
	})
	return c, nil
}

// sweep lowers the threshold through the distinct scores, highest first, and calls at
// with each one and the true and false positives counted at it (rows scored at or
// above it).
func sweep(y, p []float64, at func(tp, fp, threshold float64)) {
	idx := sortedDesc(p)
	var tp, fp float64
	for k, i := range idx {
		if y[i] == 1 {
			tp++
		} else {
			fp++
		}
		if k+1 < len(idx) && p[idx[k+1]] == p[i] {
			continue
		}
		at(tp, fp, p[i])
	}
}

// PR returns the precision-recall curve (recall on X, precision on Y) and the average
// precision.
func PR(y, p []float64) (*Curve, error) {
	if err := checkPreds(y, p); err != nil {
		return nil, err
	}
	var pos float64
	for _, v := range y {
		pos += v
	}
	if pos == 0 {
		return nil, errors.New("ml: a precision-recall curve needs positive labels")
	}
	c := &Curve{Kind: "pr", X: []float64{0}, Y: []float64{1}, Thresholds: []float64{math.Inf(1)}}
	var prevRecall float64
	sweep(y, p, func(tp, fp, threshold float64) {
		rec, prec := tp/pos, tp/(tp+fp)
		c.Area += (rec - prevRecall) * prec
		prevRecall = rec
		c.X = append(c.X, rec)
		c.Y = append(c.Y, prec)
		c.Thresholds = append(c.Thresholds, threshold)
	})
	return c, nil
}

// Table returns the curve's points (at most limit rows shown when displayed).
func (c *Curve) Table() *table.Table {
	xn, yn := "fpr", "tpr"
	if c.Kind == "pr" {
		xn, yn = "recall", "precision"
	}
	t := table.New(table.FloatColumn("threshold", c.Thresholds), table.FloatColumn(xn, c.X), table.FloatColumn(yn, c.Y))
	t.Title = c.title()
	return t
}

func (c *Curve) title() string {
	if c.Kind == "pr" {
		return fmt.Sprintf("Precision-recall curve (average precision %.4f)", c.Area)
	}
	return fmt.Sprintf("ROC curve (AUC %.4f)", c.Area)
}

// Bundle renders the curve as a chart.
func (c *Curve) Bundle() display.Bundle { return c.Chart().Bundle() }

// Calibration is a reliability diagram: rows binned by predicted probability, with the
// mean prediction and the observed positive rate per bin.
type Calibration struct {
	Lower, Upper  []float64
	MeanPredicted []float64
	Observed      []float64
	Count         []int64
}

// CalibrationCurve bins predictions into bins equal-width probability bins (empty bins
// are left out); every prediction must be a probability in [0, 1].
func CalibrationCurve(y, p []float64, bins int) (*Calibration, error) {
	if err := checkPreds(y, p); err != nil {
		return nil, err
	}
	for i, v := range p {
		if v < 0 || v > 1 {
			return nil, fmt.Errorf("ml: prediction %v at row %d is outside [0, 1]; calibration needs probabilities", v, i)
		}
	}
	if bins < 2 {
		bins = 10
	}
	sumP := make([]float64, bins)
	sumY := make([]float64, bins)
	cnt := make([]int64, bins)
	for i, v := range p {
		b := min(max(int(v*float64(bins)), 0), bins-1)
		sumP[b] += v
		sumY[b] += y[i]
		cnt[b]++
	}
	c := &Calibration{}
	for b := 0; b < bins; b++ {
		if cnt[b] == 0 {
			continue
		}
		c.Lower = append(c.Lower, float64(b)/float64(bins))
		c.Upper = append(c.Upper, float64(b+1)/float64(bins))
		c.MeanPredicted = append(c.MeanPredicted, sumP[b]/float64(cnt[b]))
		c.Observed = append(c.Observed, sumY[b]/float64(cnt[b]))
		c.Count = append(c.Count, cnt[b])
	}
	return c, nil
}

// Table returns one row per non-empty bin.
func (c *Calibration) Table() *table.Table {
	t := table.New(table.FloatColumn("from", c.Lower), table.FloatColumn("to", c.Upper),
		table.FloatColumn("mean predicted", c.MeanPredicted), table.FloatColumn("observed rate", c.Observed),
		table.IntColumn("rows", c.Count))
	t.Title = "Calibration"
	t.Limit = len(c.Lower)
	return t
}

// Bundle renders the reliability diagram.
func (c *Calibration) Bundle() display.Bundle { return c.Chart().Bundle() }

// Lift is a lift/gains table: rows sorted by decreasing probability and cut into equal
// groups (deciles by default).
type Lift struct {
	Group         []int64
	Rows          []int64
	Positives     []int64
	Rate          []float64 // positive rate in the group
	Lift          []float64 // Rate over the overall positive rate
	CumulativePct []float64 // share of rows up to and including the group
	Gain          []float64 // share of all positives captured up to and including the group

	// gainShare and gainCaptured trace the gains curve row by row (at most about 500
	// points, and always the point at the top 10%), for GainsChart.
	gainShare, gainCaptured []float64
}

// LiftTable computes lift and cumulative gains over groups equal-size groups.
func LiftTable(y, p []float64, groups int) (*Lift, error) {
	if err := checkPreds(y, p); err != nil {
		return nil, err
	}
	if groups < 2 {
		groups = 10
	}
	groups = min(groups, len(y))
	idx := sortedDesc(p)
	var total float64
	for _, v := range y {
		total += v
	}
	if total == 0 {
		return nil, errors.New("ml: lift needs positive labels")
	}
	base := total / float64(len(y))
	l := &Lift{}
	l.gainShare, l.gainCaptured = gainsCurve(y, idx, total)
	var cumRows, cumPos float64
	for g := 0; g < groups; g++ {
		lo, hi := g*len(idx)/groups, (g+1)*len(idx)/groups
		var pos float64
		for _, i := range idx[lo:hi] {
			pos += y[i]
		}
		n := float64(hi - lo)
		cumRows += n
		cumPos += pos
		l.Group = append(l.Group, int64(g+1))
		l.Rows = append(l.Rows, int64(n))
		l.Positives = append(l.Positives, int64(pos))
		l.Rate = append(l.Rate, pos/n)
		l.Lift = append(l.Lift, pos/n/base)
		l.CumulativePct = append(l.CumulativePct, cumRows/float64(len(y)))
		l.Gain = append(l.Gain, cumPos/total)
	}
	return l, nil
}

// gainsCurve returns the cumulative gains curve of rows taken in order idx: the share
// of rows taken and the share of all total positives among them, from (0, 0), sampled
// every n/500 rows, with the rows at the top 10% (rounded up) and the last row always
// included.
func gainsCurve(y []float64, idx []int, total float64) (share, captured []float64) {
	n := len(idx)
	step := max(1, n/500)
	top10 := (n + 9) / 10
	share, captured = []float64{0}, []float64{0}
	var got float64
	for k, i := range idx {
		got += y[i]
		if (k+1)%step == 0 || k+1 == top10 || k == n-1 {
			share = append(share, float64(k+1)/float64(n))
			captured = append(captured, got/total)
		}
	}
	return share, captured
}

// Table returns one row per group.
func (l *Lift) Table() *table.Table {
	t := table.New(table.IntColumn("group", l.Group), table.IntColumn("rows", l.Rows),
		table.IntColumn("positives", l.Positives), table.FloatColumn("rate", l.Rate), table.FloatColumn("lift", l.Lift),
		table.FloatColumn("cumulative rows", l.CumulativePct), table.FloatColumn("cumulative gain", l.Gain))
	t.Title = "Lift and cumulative gains"
	t.Limit = len(l.Group)
	return t
}

// Bundle renders the gains chart.
func (l *Lift) Bundle() display.Bundle { return l.Chart().Bundle() }

// Importance is a per-feature importance: Kind "gain" (share of split gain) or
// "permutation" (mean drop in AUC when the feature is shuffled, with its standard
// deviation over repeats in Std).
type Importance struct {
	Kind     string
	Features []string
	Values   []float64
	Std      []float64
}

// Table returns the features sorted by decreasing importance.
func (im *Importance) Table() *table.Table {
	idx := make([]int, len(im.Features))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return im.Values[idx[a]] > im.Values[idx[b]] })
	names := make([]string, len(idx))
	vals := make([]float64, len(idx))
	for k, i := range idx {
		names[k], vals[k] = im.Features[i], im.Values[i]
	}
	cols := []*table.Column{table.StringColumn("feature", names), table.FloatColumn("importance", vals)}
	if im.Std != nil {
		std := make([]float64, len(idx))
		for k, i := range idx {
			std[k] = im.Std[i]
		}
		cols = append(cols, table.FloatColumn("std", std))
	}
	t := table.New(cols...)
	t.Title = "Feature importance (" + im.Kind + ")"
	t.Limit = len(names)
	return t
}

// Bundle renders the importance as a bar chart.
func (im *Importance) Bundle() display.Bundle { return im.Chart().Bundle() }

// PermutationImportance measures, for each input feature, the mean drop in AUC on ds when
// that feature's values are shuffled across rows (repeats times, seeded). Indicator
// columns are shuffled together with their feature.
func PermutationImportance(ctx context.Context, m Model, ds *Dataset, repeats int, seed int64) (*Importance, error) {
	if ds.Y == nil {
		return nil, errors.New("ml: permutation importance needs a labelled dataset")
	}
	base, err := m.Predict(ds)
	if err != nil {
		return nil, err
	}
	baseAUC, err := AUC(ds.Y, base)
	if err != nil {
		return nil, err
	}
	if repeats <= 0 {
		repeats = 3
	}
	inputs := ds.Prep.Inputs
	im := &Importance{Kind: "permutation", Features: append([]string(nil), inputs...),
		Values: make([]float64, len(inputs)), Std: make([]float64, len(inputs))}
	rng := rand.New(rand.NewSource(seed))
	work := &Dataset{Features: ds.Features, Cols: ds.Cols, Rows: ds.Rows, Prep: ds.Prep, Y: ds.Y, X: make([]float64, len(ds.X))}
	for j, name := range inputs {
		cols := []int{j}
		if k := indexOf(ds.Prep.Indicators, name); k >= 0 {
			cols = append(cols, len(inputs)+k)
		}
		drops := make([]float64, repeats)
		for r := 0; r < repeats; r++ {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("ml: permutation importance: %w", err)
			}
			copy(work.X, ds.X)
			perm := rng.Perm(ds.Rows)
			for i, src := range perm {
				for _, c := range cols {
					work.X[i*ds.Cols+c] = ds.X[src*ds.Cols+c]
				}
			}
			p, err := m.Predict(work)
			if err != nil {
				return nil, err
			}
			auc, err := AUC(ds.Y, p)
			if err != nil {
				return nil, err
			}
			drops[r] = baseAUC - auc
		}
		var s, s2 float64
		for _, d := range drops {
			s += d
			s2 += d * d
		}
		mean := s / float64(repeats)
		im.Values[j] = mean
		im.Std[j] = math.Sqrt(math.Max(0, s2/float64(repeats)-mean*mean))
	}
	return im, nil
}
