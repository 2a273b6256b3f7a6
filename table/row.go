package table

import (
	"fmt"
	"time"
)

// Row is one row of a table, as Filter and the With… methods pass it to a function:
// its values are read by column name. A missing column or a wrong kind fails the cell
// as the typed accessors do.
type Row struct {
	rc *rowContext
	i  int
}

// rowContext resolves column names once per operation, not once per row.
type rowContext struct {
	t    *Table
	cols map[string]*Column
}

func (t *Table) rowContext() *rowContext {
	rc := &rowContext{t: t, cols: make(map[string]*Column, len(t.Columns))}
	for _, c := range t.Columns {
		if _, dup := rc.cols[c.Name]; !dup {
			rc.cols[c.Name] = c
		}
	}
	return rc
}

func (r Row) col(name string) *Column {
	if c, ok := r.rc.cols[name]; ok {
		return c
	}
	return r.rc.t.typed(name)
}

// typedCol is col with the table's columns recorded for a wrong-kind message.
func (r Row) typedCol(name string, k Kind) *Column {
	c := r.col(name)
	if c.kind != k && !(k == KindFloat && (c.kind == KindInt || c.kind == KindBool)) {
		return r.rc.t.typed(name)
	}
	return c
}

// Row returns row i of the table.
func (t *Table) Row(i int) Row {
	if i < 0 || i >= t.NumRows() {
		panic(fmt.Sprintf("table: row %d out of range [0, %d)", i, t.NumRows()))
	}
	return Row{rc: t.rowContext(), i: i}
}

// Index returns the row's position in its table.
func (r Row) Index() int { return r.i }

// IsNull reports whether the row's value in column name is NULL.
func (r Row) IsNull(name string) bool { return r.col(name).IsNull(r.i) }

// String returns the row's value in string column name ("" when NULL).
func (r Row) String(name string) string { return r.typedCol(name, KindString).StringAt(r.i) }

// Int returns the row's value in integer column name (0 when NULL).
func (r Row) Int(name string) int64 { return r.typedCol(name, KindInt).IntAt(r.i) }

// Float returns the row's value in numeric column name as a float64 (NaN when NULL).
func (r Row) Float(name string) float64 { return r.typedCol(name, KindFloat).FloatAt(r.i) }

// Bool returns the row's value in boolean column name (false when NULL).
func (r Row) Bool(name string) bool { return r.typedCol(name, KindBool).BoolAt(r.i) }

// Time returns the row's value in time column name (the zero time when NULL).
func (r Row) Time(name string) time.Time { return r.typedCol(name, KindTime).TimeAt(r.i) }

// Value returns the row's value in column name as a Go value (nil when NULL).
func (r Row) Value(name string) any { return r.col(name).Value(r.i) }

// Filter returns the rows for which keep returns true, in order.
func (t *Table) Filter(keep func(r Row) bool) *Table {
	rc := t.rowContext()
	var rows []int
	for i := 0; i < t.NumRows(); i++ {
		if keep(Row{rc: rc, i: i}) {
			rows = append(rows, i)
		}
	}
	return t.Take(rows)
}

// WithFloat returns the table with a float column name computed from each row (added,
// or replacing the column of that name). Return math.NaN() for a missing value.
func (t *Table) WithFloat(name string, f func(r Row) float64) *Table {
	rc, vals := t.rowContext(), make([]float64, t.NumRows())
	for i := range vals {
		vals[i] = f(Row{rc: rc, i: i})
	}
	return t.WithColumn(FloatColumn(name, vals))
}

// WithInt returns the table with an integer column name computed from each row.
func (t *Table) WithInt(name string, f func(r Row) int64) *Table {
	rc, vals := t.rowContext(), make([]int64, t.NumRows())
	for i := range vals {
		vals[i] = f(Row{rc: rc, i: i})
	}
	return t.WithColumn(IntColumn(name, vals))
}

// WithString returns the table with a string column name computed from each row.
func (t *Table) WithString(name string, f func(r Row) string) *Table {
	rc, b := t.rowContext(), NewBuilder(name, "", KindString)
	for i := 0; i < t.NumRows(); i++ {
		b.AppendString(f(Row{rc: rc, i: i}))
	}
	return t.WithColumn(b.Finish())
}

// WithBool returns the table with a boolean column name computed from each row.
func (t *Table) WithBool(name string, f func(r Row) bool) *Table {
	rc, b := t.rowContext(), NewBuilder(name, "", KindBool)
	for i := 0; i < t.NumRows(); i++ {
		b.AppendBool(f(Row{rc: rc, i: i}))
	}
	return t.WithColumn(b.Finish())
}
