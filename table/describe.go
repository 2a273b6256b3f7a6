package table

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Summary is what Describe finds in a table: one ColumnSummary per column. String
// prints it; Table returns it as a table (one row per column); display.Describe renders
// it with a histogram per numeric column.
type Summary struct {
	Rows    int
	Columns []ColumnSummary
}

// ColumnSummary describes one column. The numeric statistics (Mean to Max) are NaN for
// columns that are not numbers (KindInt, KindFloat) and when there are no values; Std
// also below two values. Std is the sample standard deviation (pandas' and SQL's
// stddev); the quartiles interpolate linearly (pandas' default, SQL's quantile_cont).
// NaN values of a float column are left out of the numeric statistics, as pandas does.
type ColumnSummary struct {
	Name, Type string
	Kind       Kind
	Count      int // values that are not NULL
	Nulls      int
	Distinct   int // distinct values that are not NULL
	Mean, Std  float64
	Min, Q1    float64
	Median, Q3 float64
	Max        float64
	MinText    string // the smallest and largest value as text, for every kind but KindAny
	MaxText    string
	Top        []ValueCount // the most frequent values (up to 3), most frequent first, ties in value order
	HistEdges  []float64    // numeric columns: the edges of 10 equal bins from Min to Max
	HistCounts []int64      // and the values in each
}

// ValueCount is a value (as text) and how many rows hold it.
type ValueCount struct {
	Value string
	Count int
}

// IsNumeric reports whether the column has numeric statistics.
func (s ColumnSummary) IsNumeric() bool { return s.Kind == KindInt || s.Kind == KindFloat }

// Describe summarizes every column: count, NULLs, distinct values, the most frequent
// values, min and max; for numbers also mean, standard deviation, quartiles and a
// histogram — pandas' describe and jupysql's profile in one.
// Columns are described in parallel (GOMAXPROCS goroutines) when the table is large.
func (t *Table) Describe() *Summary {
	s := &Summary{Rows: t.NumRows(), Columns: make([]ColumnSummary, len(t.Columns))}
	workers := min(runtime.GOMAXPROCS(0), len(t.Columns))
	if t.NumRows() < 1<<15 {
		workers = 1
	}
	if workers <= 1 {
		for j, c := range t.Columns {
			s.Columns[j] = describeColumn(c)
		}
		return s
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	failed := make(chan any, workers)
	for range workers {
		wg.Go(func() {
			defer func() { // a panic belongs to the caller's goroutine, not a worker's
				if p := recover(); p != nil {
					failed <- p
				}
			}()
			for j := int(next.Add(1) - 1); j < len(t.Columns); j = int(next.Add(1) - 1) {
				s.Columns[j] = describeColumn(t.Columns[j])
			}
		})
	}
	wg.Wait()
	select {
	case p := <-failed:
		panic(p)
	default:
	}
	return s
}

func describeColumn(c *Column) ColumnSummary {
	nan := math.NaN()
	s := ColumnSummary{Name: c.Name, Type: c.TypeName(), Kind: c.kind, Nulls: c.NullCount(),
		Mean: nan, Std: nan, Min: nan, Q1: nan, Median: nan, Q3: nan, Max: nan}
	s.Count = c.n - s.Nulls
	if s.IsNumeric() {
		describeNumbers(c, &s)
		return s
	}
	// Distinct values and the most frequent, through the group-by's coding.
	codes := make([]int32, c.n)
	d := newDict()
	d.code(c, false, true, false, codes)
	counts := make([]int, d.n)
	firsts := make([]int, d.n)
	for i, k := range codes {
		if k >= 0 {
			if counts[k] == 0 {
				firsts[k] = i
			}
			counts[k]++
		}
	}
	s.Distinct = int(d.n)
	order := make([]int32, d.n)
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if r := cmp.Compare(counts[b], counts[a]); r != 0 {
			return r
		}
		return compareRows(c, firsts[a], firsts[b], false)
	})
	for _, k := range order[:min(3, len(order))] {
		s.Top = append(s.Top, ValueCount{Value: c.Text(firsts[k]), Count: counts[k]})
	}
	if c.kind != KindAny && d.n > 0 {
		lo, hi := firsts[0], firsts[0]
		for _, i := range firsts {
			if compareRows(c, i, lo, false) < 0 {
				lo = i
			}
			if compareRows(c, i, hi, true) < 0 {
				hi = i
			}
		}
		s.MinText, s.MaxText = c.Text(lo), c.Text(hi)
	}
	return s
}

// Table returns the summary as a table, one row per column of the described table:
// column, type, count, nulls, distinct, mean, std, min, p25, p50, p75, max (NULL where a
// statistic does not apply) and top (the most frequent value with its count).
func (s *Summary) Table() *Table {
	n := len(s.Columns)
	names, types, tops := make([]string, n), make([]string, n), make([]string, n)
	count, nulls, distinct := make([]int64, n), make([]int64, n), make([]int64, n)
	stats := make([][]float64, 7)
	for j := range stats {
		stats[j] = make([]float64, n)
	}
	for i, c := range s.Columns {
		names[i], types[i] = c.Name, c.Type
		count[i], nulls[i], distinct[i] = int64(c.Count), int64(c.Nulls), int64(c.Distinct)
		for j, v := range []float64{c.Mean, c.Std, c.Min, c.Q1, c.Median, c.Q3, c.Max} {
			stats[j][i] = v
		}
		if len(c.Top) > 0 {
			tops[i] = fmt.Sprintf("%s (%d)", c.Top[0].Value, c.Top[0].Count)
		}
	}
	t := New(StringColumn("column", names), StringColumn("type", types), IntColumn("count", count),
		IntColumn("nulls", nulls), IntColumn("distinct", distinct))
	for j, name := range []string{"mean", "std", "min", "p25", "p50", "p75", "max"} {
		mask := make([]bool, n)
		for i, v := range stats[j] {
			mask[i] = math.IsNaN(v)
		}
		t.Columns = append(t.Columns, FloatColumn(name, stats[j]).WithNulls(nullMask(mask)))
	}
	t.Columns = append(t.Columns, StringColumn("top", tops))
	t.Title = fmt.Sprintf("%d rows", s.Rows)
	return t
}

// String prints the summary as a psql-style table.
func (s *Summary) String() string { return strings.TrimRight(s.Table().String(), "\n") }

// Column returns the summary of the named column (false when there is none).
func (s *Summary) Column(name string) (ColumnSummary, bool) {
	for _, c := range s.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return ColumnSummary{}, false
}
