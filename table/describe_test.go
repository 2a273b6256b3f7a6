package table

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// refDescribe is the straightforward Describe of a numeric column the fast one must
// equal: sort the values, read distinct values and the most frequent as runs, the
// quartiles and histogram from the sorted slice.
func refDescribe(c *Column) ColumnSummary {
	nan := math.NaN()
	s := ColumnSummary{Name: c.Name, Type: c.TypeName(), Kind: c.kind, Nulls: c.NullCount(),
		Mean: nan, Std: nan, Min: nan, Q1: nan, Median: nan, Q3: nan, Max: nan}
	s.Count = c.n - s.Nulls
	var vals []float64
	var ints []int64
	nans := 0
	var isum int64
	for i := 0; i < c.n; i++ {
		if c.IsNull(i) {
			continue
		}
		if c.kind == KindInt {
			ints = append(ints, c.ints[i])
			vals = append(vals, float64(c.ints[i]))
			isum += c.ints[i]
			continue
		}
		if v := c.flts[i]; math.IsNaN(v) {
			nans++
		} else {
			vals = append(vals, v)
		}
	}
	if nans > 0 {
		s.Distinct = 1
	}
	if len(vals) == 0 {
		return s
	}
	slices.Sort(vals)
	slices.Sort(ints)
	text := func(i int) string {
		if c.kind == KindInt {
			return FormatInt(ints[i])
		}
		return FormatValue(vals[i])
	}
	type run struct{ i, n int }
	var top []run
	for i := 0; i < len(vals); {
		j := i + 1
		for j < len(vals) && vals[j] == vals[i] && (ints == nil || ints[j] == ints[i]) {
			j++
		}
		s.Distinct++
		if r := (run{i, j - i}); len(top) < 3 || r.n > top[len(top)-1].n {
			k := len(top)
			for k > 0 && top[k-1].n < r.n {
				k--
			}
			top = slices.Insert(top, k, r)
			top = top[:min(3, len(top))]
		}
		i = j
	}
	for _, r := range top {
		s.Top = append(s.Top, ValueCount{Value: text(r.i), Count: r.n})
	}
	var sum float64
	for _, v := range vals {
		sum += v
	}
	if c.kind == KindInt {
		sum = float64(isum)
	}
	n := float64(len(vals))
	s.Mean = sum / n
	if len(vals) > 1 {
		var ss float64
		for _, v := range vals {
			ss += (v - s.Mean) * (v - s.Mean)
		}
		s.Std = math.Sqrt(ss / (n - 1))
	}
	s.Min, s.Max = vals[0], vals[len(vals)-1]
	s.MinText, s.MaxText = text(0), text(len(vals)-1)
	s.Q1, s.Median, s.Q3 = quantile(vals, 0.25), quantile(vals, 0.5), quantile(vals, 0.75)
	lo, hi := vals[0], vals[len(vals)-1]
	if lo == hi {
		s.HistEdges, s.HistCounts = []float64{lo, hi}, []int64{int64(len(vals))}
		return s
	}
	if math.IsInf(hi-lo, 0) {
		return s
	}
	s.HistEdges = make([]float64, 11)
	for i := range s.HistEdges {
		s.HistEdges[i] = lo + (hi-lo)*float64(i)/10
	}
	s.HistCounts = make([]int64, 10)
	w := (hi - lo) / 10
	for _, v := range vals {
		s.HistCounts[min(int((v-lo)/w), 9)]++
	}
	return s
}

// sameFloat: equal, both NaN, or (for sums) within a relative 1e-12.
func sameFloat(a, b float64, exact bool) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if exact || a == b {
		return a == b
	}
	return math.Abs(a-b) <= 1e-12*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func checkSummary(t *testing.T, label string, got, want ColumnSummary) {
	t.Helper()
	// Mean and Std are sums whose order differs (rows vs sorted values); everything
	// else must be identical.
	ok := got.Count == want.Count && got.Nulls == want.Nulls && got.Distinct == want.Distinct &&
		sameFloat(got.Mean, want.Mean, false) && sameFloat(got.Std, want.Std, false) &&
		sameFloat(got.Min, want.Min, true) && sameFloat(got.Q1, want.Q1, true) &&
		sameFloat(got.Median, want.Median, true) && sameFloat(got.Q3, want.Q3, true) &&
		sameFloat(got.Max, want.Max, true) && got.MinText == want.MinText && got.MaxText == want.MaxText &&
		slices.Equal(got.Top, want.Top) && slices.Equal(got.HistEdges, want.HistEdges) &&
		slices.Equal(got.HistCounts, want.HistCounts)
	if !ok {
		t.Errorf("%s:\n got  %+v\n want %+v", label, got, want)
	}
}

// TestDescribeNumbersMatchesSorting compares Describe's counting with the sort-based
// reference on columns that take each path: small-range integers (the array), wide
// integers and floats with few distinct values (the hash table), many distinct values
// (the sort), with NULLs, NaN, ties, one row, NULLs only, extremes of int64.
func TestDescribeNumbersMatchesSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 14))
	nulls := func(n int, p float64) []bool {
		m := make([]bool, n)
		for i := range m {
			m[i] = r.Float64() < p
		}
		return m
	}
	ints := func(n int, f func() int64) []int64 {
		v := make([]int64, n)
		for i := range v {
			v[i] = f()
		}
		return v
	}
	flts := func(n int, f func() float64) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = f()
		}
		return v
	}
	cases := map[string]*Column{
		"small ints":         IntColumn("a", ints(5000, func() int64 { return r.Int64N(40) - 20 })).WithNulls(nulls(5000, 0.1)),
		"wide ints few":      IntColumn("a", ints(5000, func() int64 { return r.Int64N(30) * 1e12 })),
		"wide ints many":     IntColumn("a", ints(50000, func() int64 { return r.Int64() - math.MaxInt64/2 })),
		"int64 extremes":     IntColumn("a", []int64{math.MinInt64, math.MaxInt64, 0, math.MaxInt64, 1 << 53, 1<<53 + 1}),
		"ints past 2^53":     IntColumn("a", []int64{1 << 53, 1<<53 + 1, 1<<53 + 1, 1<<53 + 3}),
		"one int":            IntColumn("a", []int64{7}),
		"one float":          FloatColumn("a", []float64{2.5}),
		"null ints only":     IntColumn("a", make([]int64, 5)).WithNulls([]bool{true, true, true, true, true}),
		"null floats only":   FloatColumn("a", make([]float64, 3)).WithNulls([]bool{true, true, true}),
		"empty":              FloatColumn("a", nil),
		"nan only":           FloatColumn("a", []float64{math.NaN(), math.NaN()}),
		"floats ties":        FloatColumn("a", flts(8000, func() float64 { return float64(r.IntN(400)-100) / 4 })).WithNulls(nulls(8000, 0.15)),
		"floats nan":         FloatColumn("a", flts(3000, func() float64 { return []float64{math.NaN(), 1.5, -2, 0, math.Inf(1), 3.25}[r.IntN(6)] })),
		"floats -inf":        FloatColumn("a", flts(100, func() float64 { return []float64{math.Inf(-1), 1, 2}[r.IntN(3)] })),
		"floats huge range":  FloatColumn("a", []float64{-math.MaxFloat64, 0, math.MaxFloat64, 0}),
		"floats many":        FloatColumn("a", flts(60000, func() float64 { return r.NormFloat64() * 1e3 })).WithNulls(nulls(60000, 0.05)),
		"floats equal":       FloatColumn("a", []float64{4, 4, 4, 4}),
		"ints equal":         IntColumn("a", []int64{-9, -9, -9}),
		"three-way top ties": IntColumn("a", []int64{5, 3, 9, 3, 5, 9, 1}),
		"sliced":             FloatColumn("a", flts(9000, func() float64 { return float64(r.IntN(50)) })).WithNulls(nulls(9000, 0.3)).Slice(1234, 8001),
		"sliced ints":        IntColumn("a", ints(9000, func() int64 { return r.Int64N(1 << 40) })).WithNulls(nulls(9000, 0.3)).Slice(77, 8888),
	}
	for name, c := range cases {
		got := New(c).Describe().Columns[0]
		checkSummary(t, name, got, refDescribe(c))
	}
	// Zero's sign is not a distinct value.
	z := New(FloatColumn("a", []float64{0, math.Copysign(0, -1), 1})).Describe().Columns[0]
	if z.Distinct != 2 || z.Top[0] != (ValueCount{Value: "0", Count: 2}) {
		t.Errorf("signed zeros: %+v", z)
	}
}

// TestDescribeParallel describes a table large enough for the column workers and
// checks each column against the one-column Describe.
func TestDescribeParallel(t *testing.T) {
	n := 100000
	a, b := make([]int64, n), make([]float64, n)
	s := make([]string, n)
	for i := range a {
		a[i], b[i], s[i] = int64(i%97), float64(i%1013)/8, fmt.Sprint(i%31)
	}
	tb := New(IntColumn("a", a), FloatColumn("b", b), StringColumn("s", s), IntColumn("c", a).Renamed("c"))
	sum := tb.Describe()
	if len(sum.Columns) != 4 {
		t.Fatalf("columns %d", len(sum.Columns))
	}
	for j, c := range tb.Columns {
		one := New(c).Describe().Columns[0]
		got := sum.Columns[j]
		if got.Name != c.Name || got.Distinct != one.Distinct || got.Count != one.Count || !slices.Equal(got.Top, one.Top) {
			t.Errorf("%s: %+v vs %+v", c.Name, got, one)
		}
	}
}
