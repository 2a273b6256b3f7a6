package table

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// SortBy returns the rows ordered by the named columns, ascending: by the first, then
// by the next among equal values, and so on. The sort is stable; NULLs (and NaN) come
// last. A missing column fails the cell (see Col).
func (t *Table) SortBy(names ...string) *Table { return t.sortBy(false, names) }

// SortByDesc is SortBy in descending order; NULLs (and NaN) still come last.
func (t *Table) SortByDesc(names ...string) *Table { return t.sortBy(true, names) }

func (t *Table) sortBy(desc bool, names []string) *Table {
	cols := make([]*Column, len(names))
	for k, name := range names {
		cols[k] = t.Col(name)
	}
	rows := make([]int, t.NumRows())
	for i := range rows {
		rows[i] = i
	}
	slices.SortStableFunc(rows, func(a, b int) int {
		for _, c := range cols {
			if r := compareRows(c, a, b, desc); r != 0 {
				return r
			}
		}
		return 0
	})
	return t.Take(rows)
}

// compareRows orders rows a and b of c, missing values last whatever the direction.
func compareRows(c *Column, a, b int, desc bool) int {
	na, nb := missing(c, a), missing(c, b)
	switch {
	case na && nb:
		return 0
	case na:
		return 1
	case nb:
		return -1
	}
	var r int
	switch c.kind {
	case KindString:
		r = compareStrings(c.strs, a, b)
	case KindInt:
		r = cmp.Compare(c.ints[a], c.ints[b])
	case KindFloat:
		r = cmp.Compare(c.flts[a], c.flts[b])
	case KindBool:
		r = cmp.Compare(b2i(c.bools.Value(a)), b2i(c.bools.Value(b)))
	case KindTime:
		r = cmp.Compare(c.times[a], c.times[b])
	default:
		r = strings.Compare(c.Text(a), c.Text(b))
	}
	if desc {
		return -r
	}
	return r
}

func missing(c *Column, i int) bool {
	return c.IsNull(i) || (c.kind == KindFloat && math.IsNaN(c.flts[i]))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Sample returns n rows drawn at random without replacement (all rows when n is at
// least the row count), kept in table order. The same seed draws the same rows.
func (t *Table) Sample(n int, seed uint64) *Table {
	rows := t.NumRows()
	n = min(max(n, 0), rows)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := r.Perm(rows)[:n]
	slices.Sort(pick)
	return t.Take(pick)
}

// ValueCounts counts the rows of each distinct value of column name: a table with that
// column and "count", the most frequent value first (ties in value order, NULL last).
// NULL is counted as a value of its own.
func (t *Table) ValueCounts(name string) *Table {
	c := t.Col(name)
	first := map[any]int{} // value → its first row
	counts := map[any]int64{}
	var order []int
	for i := 0; i < c.n; i++ {
		k := countKey(c, i)
		if _, ok := first[k]; !ok {
			first[k] = i
			order = append(order, i)
		}
		counts[k]++
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if r := cmp.Compare(counts[countKey(c, b)], counts[countKey(c, a)]); r != 0 {
			return r
		}
		return compareRows(c, a, b, false)
	})
	b := NewBuilder(c.Name, c.Type, c.kind)
	n := make([]int64, len(order))
	for j, i := range order {
		b.AppendFrom(c, i)
		n[j] = counts[countKey(c, i)]
	}
	return New(b.Finish(), IntColumn("count", n))
}

// nullKey and nanKey are the map keys of NULL and NaN in ValueCounts.
type (
	nullKey struct{}
	nanKey  struct{}
)

// countKey is a comparable key for row i of c.
func countKey(c *Column, i int) any {
	if c.IsNull(i) {
		return nullKey{}
	}
	switch c.kind {
	case KindFloat:
		if math.IsNaN(c.flts[i]) {
			return nanKey{}
		}
	case KindTime:
		return c.times[i]
	case KindAny:
		return c.Text(i)
	}
	return c.Value(i)
}
