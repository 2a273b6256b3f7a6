package table

import (
	"fmt"
	"math"
	"slices"
)

// Agg is one aggregate of a group-by: Op applied to column Col, named Name in the
// result. Build it with Count, CountRows, Sum, Mean, Min, Max, Std, Var, Median,
// CountDistinct or First, and rename it with As.
//
// As in SQL, NULLs are skipped: Sum, Mean, Min, Max, Std, Var, Median and First of a
// group with no values are NULL, Count and CountDistinct count the values that are not
// NULL. Std and Var are the sample statistics (n-1 in the denominator, as pandas and
// SQL's stddev), NULL below two values. Median interpolates linearly between the two
// middle values (SQL's quantile_cont, pandas' median).
type Agg struct {
	Op   string // count, count_rows, sum, mean, min, max, std, var, median, count_distinct, first
	Col  string
	Name string
}

// As returns a with its result column called name.
func (a Agg) As(name string) Agg { a.Name = name; return a }

func newAgg(op, col string) Agg { return Agg{Op: op, Col: col, Name: op + "_" + col} }

// CountRows counts the rows of each group, NULLs included; the column is "count".
func CountRows() Agg { return Agg{Op: "count_rows", Name: "count"} }

// Count counts the values of col that are not NULL.
func Count(col string) Agg { return newAgg("count", col) }

// CountDistinct counts the distinct values of col that are not NULL.
func CountDistinct(col string) Agg { return newAgg("count_distinct", col) }

// Sum adds the values of a numeric column (integers stay integers).
func Sum(col string) Agg { return newAgg("sum", col) }

// Mean is the average of a numeric column.
func Mean(col string) Agg { return newAgg("mean", col) }

// Min is the smallest value of a column of any kind but KindAny.
func Min(col string) Agg { return newAgg("min", col) }

// Max is the largest value of a column of any kind but KindAny.
func Max(col string) Agg { return newAgg("max", col) }

// Std is the sample standard deviation of a numeric column.
func Std(col string) Agg { return newAgg("std", col) }

// Var is the sample variance of a numeric column.
func Var(col string) Agg { return newAgg("var", col) }

// Median is the median of a numeric column.
func Median(col string) Agg { return newAgg("median", col) }

// First is the first value of col in each group that is not NULL.
func First(col string) Agg { return newAgg("first", col) }

// floatValues returns c's values as float64 (the column's memory for a float column),
// failing the cell when c is not a number (booleans count as 0 and 1).
func floatValues(c *Column, op string) []float64 {
	switch c.kind {
	case KindFloat:
		return c.flts
	case KindInt:
		out := make([]float64, c.n)
		for i, v := range c.ints {
			out[i] = float64(v)
		}
		return out
	case KindBool:
		out := make([]float64, c.n)
		for i := range out {
			out[i] = float64(b2i(c.bools.Value(i)))
		}
		return out
	}
	panic(fmt.Errorf("table: %s of column %q: it is %s, not a number", op, c.Name, c.TypeName()))
}

func (g *Grouped) aggregate(a Agg) *Column {
	G := len(g.firsts)
	name := a.Name
	if name == "" {
		name = a.Op + "_" + a.Col
	}
	if a.Op == "count_rows" {
		n := make([]int64, G)
		for _, k := range g.codes {
			n[k]++
		}
		return IntColumn(name, n)
	}
	c := g.t.Col(a.Col)
	valid := func(i int) bool { return !c.IsNull(i) }
	if !c.HasNulls() {
		valid = func(int) bool { return true }
	}
	switch a.Op {
	case "count":
		n := make([]int64, G)
		for i, k := range g.codes {
			if valid(i) {
				n[k]++
			}
		}
		return IntColumn(name, n)
	case "count_distinct":
		vals := make([]int32, len(g.codes))
		newDict().code(c, false, true, false, vals)
		seen := map[uint64]bool{}
		n := make([]int64, G)
		for i, k := range g.codes {
			if vals[i] < 0 {
				continue
			}
			key := uint64(uint32(k))<<32 | uint64(uint32(vals[i]))
			if !seen[key] {
				seen[key] = true
				n[k]++
			}
		}
		return IntColumn(name, n)
	case "first", "min", "max":
		best := make([]int, G)
		for k := range best {
			best[k] = -1
		}
		if a.Op != "first" && c.kind == KindAny {
			panic(fmt.Errorf("table: %s of column %q: %s values have no order", a.Op, c.Name, c.TypeName()))
		}
		for i, k := range g.codes {
			if !valid(i) {
				continue
			}
			b := best[k]
			switch {
			case b < 0:
				best[k] = i
			case a.Op == "min" && compareRows(c, i, b, false) < 0,
				a.Op == "max" && compareRows(c, i, b, true) < 0:
				best[k] = i
			}
		}
		return takeColumn(c, best).Renamed(name)
	case "sum":
		if c.kind == KindInt || c.kind == KindBool {
			sum := make([]int64, G)
			has := make([]bool, G)
			for i, k := range g.codes {
				if valid(i) {
					if c.kind == KindInt {
						sum[k] += c.ints[i]
					} else {
						sum[k] += int64(b2i(c.bools.Value(i)))
					}
					has[k] = true
				}
			}
			for k := range has {
				has[k] = !has[k]
			}
			return IntColumn(name, sum).WithNulls(nullMask(has))
		}
	}
	vals := floatValues(c, a.Op)
	skip := c.Nulls() // nil when there are none
	sum := make([]float64, G)
	n := make([]int64, G)
	for i, k := range g.codes {
		if skip == nil || !skip[i] {
			sum[k] += vals[i]
			n[k]++
		}
	}
	out := make([]float64, G)
	nulls := make([]bool, G)
	switch a.Op {
	case "sum":
		copy(out, sum)
		for k := range out {
			nulls[k] = n[k] == 0
		}
	case "mean":
		for k := range out {
			out[k] = sum[k] / float64(n[k])
			nulls[k] = n[k] == 0
		}
	case "std", "var":
		ss := make([]float64, G)
		mean := make([]float64, G)
		for k := range mean {
			mean[k] = sum[k] / float64(n[k])
		}
		for i, k := range g.codes {
			if skip == nil || !skip[i] {
				d := vals[i] - mean[k]
				ss[k] += d * d
			}
		}
		for k := range out {
			out[k] = ss[k] / float64(n[k]-1)
			if a.Op == "std" {
				out[k] = math.Sqrt(out[k])
			}
			nulls[k] = n[k] < 2
		}
	case "median":
		groups := make([][]float64, G)
		for i, k := range g.codes {
			if skip == nil || !skip[i] {
				groups[k] = append(groups[k], vals[i])
			}
		}
		for k, vs := range groups {
			slices.Sort(vs)
			out[k] = quantile(vs, 0.5)
			nulls[k] = len(vs) == 0
		}
	default:
		panic(fmt.Errorf("table: unknown aggregate %q (count, count_rows, count_distinct, sum, mean, min, max, std, var, median, first)", a.Op))
	}
	for k := range out {
		if nulls[k] {
			out[k] = math.NaN()
		}
	}
	return FloatColumn(name, out).WithNulls(nullMask(nulls))
}

// nullMask returns mask, or nil when it marks nothing.
func nullMask(mask []bool) []bool {
	if !slices.Contains(mask, true) {
		return nil
	}
	return mask
}

// quantile interpolates linearly between the closest ranks of sorted values (pandas'
// default, SQL's quantile_cont). NaN when there are none.
func quantile(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	pos := q * float64(n-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, n-1)
	return sorted[lo] + (sorted[hi]-sorted[lo])*(pos-float64(lo))
}
