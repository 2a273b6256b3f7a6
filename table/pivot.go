package table

import "fmt"

// Pivot spreads a table out: one row per distinct value of the index column, one column
// per distinct value of the columns column (named by its text, "NULL" for NULL, in
// value order), each cell the aggregate op (an Agg's Op, such as "sum", "mean" or
// "count") of the values column over the rows with that index and column value, NULL
// where there are none. Op "count_rows" counts rows and ignores values.
func (t *Table) Pivot(index, columns, values, op string) *Table {
	gi, gc := t.GroupBy(index), t.GroupBy(columns)
	I, C := gi.NumGroups(), gc.NumGroups()
	if I*C > 50_000_000 {
		panic(fmt.Errorf("table: Pivot of %d index values by %d column values is too large", I, C))
	}
	codes := make([]int32, t.NumRows())
	present := make([]bool, I*C)
	for i := range codes {
		codes[i] = gi.codes[i]*int32(C) + gc.codes[i]
		present[codes[i]] = true
	}
	cell := (&Grouped{t: t, codes: codes, firsts: make([]int, I*C)}).aggregate(Agg{Op: op, Col: values, Name: op})
	out := gi.Keys()
	cc := gc.keys[0]
	for j, row := range gc.firsts {
		b := NewBuilder(cc.Text(row), cell.Type, cell.kind)
		b.Grow(I)
		for i := 0; i < I; i++ {
			k := i*C + j
			if present[k] {
				b.AppendFrom(cell, k)
			} else {
				b.AppendNull()
			}
		}
		out.Columns = append(out.Columns, b.Finish())
	}
	return out
}
