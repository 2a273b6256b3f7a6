package table

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Dense returns the named numeric columns (all columns when no name is given) as a
// gonum matrix, one row per table row and one column per table column, in the order
// given. Integer and boolean columns convert; NULLs are NaN. A missing or non-numeric
// column fails the cell.
func (t *Table) Dense(names ...string) *mat.Dense {
	cols := t.Columns
	if len(names) > 0 {
		cols = make([]*Column, len(names))
		for j, name := range names {
			cols[j] = t.Col(name)
		}
	}
	rows, width := t.NumRows(), len(cols)
	if rows == 0 || width == 0 {
		panic(fmt.Errorf("table: Dense of a table with %d rows and %d columns: gonum matrices cannot be empty", rows, width))
	}
	data := make([]float64, rows*width)
	for j, c := range cols {
		vals := t.typedColumn(c).Floats()
		for i, v := range vals {
			data[i*width+j] = v
		}
	}
	return mat.NewDense(rows, width, data)
}

// typedColumn is c with the table's columns recorded for a wrong-kind message.
func (t *Table) typedColumn(c *Column) *Column {
	if c.kind == KindFloat || c.kind == KindInt || c.kind == KindBool {
		return c
	}
	return t.typed(c.Name)
}

// FromDense returns a table of float columns holding the matrix m, one column per
// matrix column; names names them (c0, c1, … when absent), and must have one name per
// column when given.
func FromDense(m mat.Matrix, names ...string) (*Table, error) {
	rows, width := m.Dims()
	if len(names) > 0 && len(names) != width {
		return nil, fmt.Errorf("table from matrix: %d names for %d columns", len(names), width)
	}
	t := &Table{Columns: make([]*Column, width)}
	for j := 0; j < width; j++ {
		vals := make([]float64, rows)
		for i := range vals {
			vals[i] = m.At(i, j)
		}
		name := fmt.Sprintf("c%d", j)
		if len(names) > 0 {
			name = names[j]
		}
		t.Columns[j] = FloatColumn(name, vals)
	}
	return t, nil
}
