package audience

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// Reach holds how many profiles a numeric column (a propensity score) reaches at
// thresholds: Buckets equal-width buckets over [Lo, Hi] and the counts derived from them.
// Bucket i holds values v with Thresholds[i] <= v < Thresholds[i+1]; the last bucket also
// holds v == Hi.
type Reach struct {
	View   string
	Column string
	Lo, Hi float64
	// Thresholds are the Buckets+1 bucket edges, Lo first and Hi last.
	Thresholds []float64
	// Counts holds the profiles per bucket.
	Counts []int64
	// Profiles is every profile in the view; Nulls those whose column is NULL; Below and
	// Above those outside [Lo, Hi].
	Profiles, Nulls, Below, Above int64
}

// MaxReachBuckets bounds Reach's buckets: each bucket is one column of the single
// counting query, and a query of many thousands of columns ties up the query service
// (and the kernel waiting on it) for minutes.
const MaxReachBuckets = 1000

// Reach computes the reach statistics of column over the service's profile view with
// buckets equal-width buckets over [lo, hi] (buckets <= 0 means 20; at most
// MaxReachBuckets). When lo == hi the range is the column's own minimum and maximum; an
// infinite lo or hi stands for the column's smallest or largest finite value, so the
// buckets stay finite. Counting runs in the query service in one scan, with every bound
// sent as a query parameter.
func (s *Service) Reach(ctx context.Context, column string, lo, hi float64, buckets int) (*Reach, error) {
	if buckets <= 0 {
		buckets = 20
	}
	if buckets > MaxReachBuckets {
		return nil, fmt.Errorf("reach of %s: %d buckets is more than %d; ask for fewer (thresholds finer than 1/%d of the range say little about an audience)",
			column, buckets, MaxReachBuckets, MaxReachBuckets)
	}
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return nil, fmt.Errorf("reach of %s: the range [%g, %g] has a NaN bound; give numbers (±Inf for the column's own extremes)", column, lo, hi)
	}
	col := qs.QuoteIdent(column)
	if lo == hi || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		// The column's finite extremes: comparing with ±Infinity leaves out infinite
		// values and NaN (which sorts above every number on both engines).
		t, err := s.db.Query(ctx, fmt.Sprintf("SELECT CAST(MIN(%s) AS FLOAT8) AS lo, CAST(MAX(%s) AS FLOAT8) AS hi FROM %s WHERE %s > CAST($1 AS FLOAT8) AND %s < CAST($2 AS FLOAT8)",
			col, col, s.view, col, col), math.Inf(-1), math.Inf(1))
		if err != nil {
			return nil, fmt.Errorf("reach of %s: %w", column, err)
		}
		los := t.Floats("lo")
		his := t.Floats("hi")
		least, most := 0.0, 1.0
		if len(los) == 1 && len(his) == 1 && los[0] == los[0] && his[0] == his[0] { // NaN: no values
			least, most = los[0], his[0]
		}
		switch {
		case lo == hi, math.IsInf(lo, -1) && math.IsInf(hi, 1):
			lo, hi = least, most
			if lo == hi {
				hi = lo + 1
			}
		case math.IsInf(lo, -1):
			lo = least
			if lo >= hi { // every finite value at or above hi
				lo = hi - 1
			}
		case math.IsInf(hi, 1):
			hi = most
			if hi <= lo {
				hi = lo + 1
			}
		}
	}
	if !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("reach of %s: the range [%g, %g] is empty; give lo < hi", column, lo, hi)
	}
	r := &Reach{View: s.view, Column: column, Lo: lo, Hi: hi, Thresholds: make([]float64, buckets+1), Counts: make([]int64, buckets)}
	for i := range r.Thresholds {
		r.Thresholds[i] = lo + (hi-lo)*float64(i)/float64(buckets)
	}
	r.Thresholds[buckets] = hi
	// Parameter $i+1 is threshold i; values never enter the SQL text.
	args := make([]any, len(r.Thresholds))
	for i, th := range r.Thresholds {
		args[i] = th
	}
	param := func(i int) string { return fmt.Sprintf("CAST($%d AS FLOAT8)", i+1) }
	sel := []string{"COUNT(*) AS profiles", fmt.Sprintf("COUNT(*) - COUNT(%s) AS nulls", col),
		fmt.Sprintf("SUM(CASE WHEN %s < %s THEN 1 ELSE 0 END) AS below", col, param(0)),
		fmt.Sprintf("SUM(CASE WHEN %s > %s THEN 1 ELSE 0 END) AS above", col, param(buckets))}
	for i := 0; i < buckets; i++ {
		upper := fmt.Sprintf("%s < %s", col, param(i+1))
		if i == buckets-1 {
			upper = fmt.Sprintf("%s <= %s", col, param(buckets))
		}
		sel = append(sel, fmt.Sprintf("SUM(CASE WHEN %s >= %s AND %s THEN 1 ELSE 0 END) AS b%d", col, param(i), upper, i))
	}
	// Sums come back as BIGINT on one engine and NUMERIC on the other: cast them.
	for i, s := range sel {
		as := strings.LastIndex(s, " AS ")
		sel[i] = "CAST(" + s[:as] + " AS BIGINT)" + s[as:]
	}
	t, err := s.db.Query(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+s.view, args...)
	if err != nil {
		return nil, fmt.Errorf("reach of %s: %w", column, err)
	}
	get := func(name string) int64 {
		v := t.Ints(name)
		if len(v) == 0 {
			return 0
		}
		return v[0]
	}
	r.Profiles, r.Nulls, r.Below, r.Above = get("profiles"), get("nulls"), get("below"), get("above")
	for i := range r.Counts {
		r.Counts[i] = get(fmt.Sprintf("b%d", i))
	}
	return r, nil
}

// label formats a threshold for tables and charts.
func label(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Labels returns the bucket labels "[lo, hi)".
func (r *Reach) Labels() []string {
	out := make([]string, len(r.Counts))
	for i := range out {
		closer := ")"
		if i == len(out)-1 {
			closer = "]"
		}
		out[i] = "[" + label(r.Thresholds[i]) + ", " + label(r.Thresholds[i+1]) + closer
	}
	return out
}

// Histogram returns the profiles per bucket: bucket, lower, upper, profiles.
func (r *Reach) Histogram() *table.Table {
	n := len(r.Counts)
	idx, lower, upper := make([]int64, n), make([]float64, n), make([]float64, n)
	for i := range r.Counts {
		idx[i], lower[i], upper[i] = int64(i), r.Thresholds[i], r.Thresholds[i+1]
	}
	t := table.New(table.IntColumn("bucket", idx), table.StringColumn("range", r.Labels()),
		table.FloatColumn("lower", lower), table.FloatColumn("upper", upper),
		table.IntColumn("profiles", append([]int64(nil), r.Counts...)))
	t.Title = fmt.Sprintf("profiles per %s bucket", r.Column)
	t.Limit = n
	return t
}

// AboveAt returns how many profiles have the column >= Thresholds[i].
func (r *Reach) AboveAt(i int) int64 {
	n := r.Above
	for j := i; j < len(r.Counts); j++ {
		n += r.Counts[j]
	}
	return n
}

// BelowAt returns how many profiles have the column < Thresholds[i].
func (r *Reach) BelowAt(i int) int64 {
	n := r.Below
	for j := 0; j < i && j < len(r.Counts); j++ {
		n += r.Counts[j]
	}
	return n
}

// Cumulative returns, at each bucket's lower edge, the profiles reached at or above it
// and those below it: threshold, above, below.
func (r *Reach) Cumulative() *table.Table {
	n := len(r.Counts)
	th := make([]float64, n)
	above, below := make([]int64, n), make([]int64, n)
	for i := 0; i < n; i++ {
		th[i], above[i], below[i] = r.Thresholds[i], r.AboveAt(i), r.BelowAt(i)
	}
	t := table.New(table.FloatColumn("threshold", th), table.IntColumn("above", above), table.IntColumn("below", below))
	t.Title = fmt.Sprintf("cumulative reach by %s threshold", r.Column)
	t.Limit = n
	return t
}

// Between returns the profiles with lower <= column < upper for every pair of a lower
// bucket edge (rows) and an upper bucket edge (columns): an n×n matrix where entry
// [i][j] is the reach between Thresholds[i] and Thresholds[j+1] (0 when j < i). The
// last upper edge includes Hi.
func (r *Reach) Between() [][]float64 {
	n := len(r.Counts)
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
		var sum int64
		for j := i; j < n; j++ {
			sum += r.Counts[j]
			m[i][j] = float64(sum)
		}
	}
	return m
}

// LowerLabels and UpperLabels label Between's rows and columns.
func (r *Reach) LowerLabels() []string {
	out := make([]string, len(r.Counts))
	for i := range out {
		out[i] = label(r.Thresholds[i])
	}
	return out
}

// UpperLabels labels Between's columns (the upper thresholds).
func (r *Reach) UpperLabels() []string {
	out := make([]string, len(r.Counts))
	for i := range out {
		out[i] = label(r.Thresholds[i+1])
	}
	return out
}

// BetweenTable returns Between in long form (lower, upper, profiles), one row per pair
// with lower < upper, ready for display.HeatmapChartTable(t, "upper", "lower", "profiles", …).
func (r *Reach) BetweenTable() *table.Table {
	m := r.Between()
	var lower, upper []string
	var lo, hi []float64
	var cnt []int64
	for i := range m {
		for j := i; j < len(m); j++ {
			lower = append(lower, label(r.Thresholds[i]))
			upper = append(upper, label(r.Thresholds[j+1]))
			lo = append(lo, r.Thresholds[i])
			hi = append(hi, r.Thresholds[j+1])
			cnt = append(cnt, int64(m[i][j]))
		}
	}
	t := table.New(table.StringColumn("lower", lower), table.StringColumn("upper", upper),
		table.FloatColumn("lower_value", lo), table.FloatColumn("upper_value", hi), table.IntColumn("profiles", cnt))
	t.Title = fmt.Sprintf("profiles with %s between thresholds", r.Column)
	return t
}

// String summarizes the statistics on one line.
func (r *Reach) String() string {
	return fmt.Sprintf("reach of %s over %s: %s profiles, %s with a value in [%s, %s], %s NULL, %s below, %s above",
		r.Column, r.View, table.FormatInt(r.Profiles), table.FormatInt(r.Profiles-r.Nulls-r.Below-r.Above),
		label(r.Lo), label(r.Hi), table.FormatInt(r.Nulls), table.FormatInt(r.Below), table.FormatInt(r.Above))
}

// DisplayParts shows the summary line above the histogram table (display.Composite).
func (r *Reach) DisplayParts() []any { return []any{r.String(), r.Histogram()} }
