package display

import (
	"fmt"
	"math"
	"time"
)

// Kind is the storage kind of a table column.
type Kind int

// Column kinds. Each kind stores its values in the matching slice of Column.
const (
	KindString Kind = iota // Strings
	KindInt                // Ints
	KindFloat              // Floats
	KindBool               // Bools
	KindTime               // Times
	KindAny                // Values: JSON, arrays, numerics kept exact, anything else
)

func (k Kind) String() string {
	switch k {
	case KindString:
		return "string"
	case KindInt:
		return "int"
	case KindFloat:
		return "float"
	case KindBool:
		return "bool"
	case KindTime:
		return "time"
	default:
		return "any"
	}
}

// Column is one named, typed column. Exactly one value slice, the one matching Kind, is
// used; Nulls marks NULL rows (nil when the column has none), so NULL stays distinct from
// the empty string and from zero.
type Column struct {
	Name string
	// Type is the source's type name shown in headers, such as "int8" or "timestamptz";
	// empty means Kind's name.
	Type    string
	Kind    Kind
	Strings []string
	Ints    []int64
	Floats  []float64
	Bools   []bool
	Times   []time.Time
	Values  []any
	Nulls   []bool
}

// Len returns the number of rows in the column.
func (c *Column) Len() int {
	switch c.Kind {
	case KindString:
		return len(c.Strings)
	case KindInt:
		return len(c.Ints)
	case KindFloat:
		return len(c.Floats)
	case KindBool:
		return len(c.Bools)
	case KindTime:
		return len(c.Times)
	default:
		return len(c.Values)
	}
}

// IsNull reports whether row i is NULL.
func (c *Column) IsNull(i int) bool { return c.Nulls != nil && i < len(c.Nulls) && c.Nulls[i] }

// Value returns row i as a Go value (string, int64, float64, bool, time.Time or the stored
// value), or nil when it is NULL.
func (c *Column) Value(i int) any {
	if c.IsNull(i) {
		return nil
	}
	switch c.Kind {
	case KindString:
		return c.Strings[i]
	case KindInt:
		return c.Ints[i]
	case KindFloat:
		return c.Floats[i]
	case KindBool:
		return c.Bools[i]
	case KindTime:
		return c.Times[i]
	default:
		return c.Values[i]
	}
}

// TypeName returns Type, or the kind's name when Type is empty.
func (c *Column) TypeName() string {
	if c.Type != "" {
		return c.Type
	}
	return c.Kind.String()
}

// slice returns a copy of rows [from, to) of the column.
func (c *Column) slice(from, to int) *Column {
	out := &Column{Name: c.Name, Type: c.Type, Kind: c.Kind}
	switch c.Kind {
	case KindString:
		out.Strings = append([]string(nil), c.Strings[from:to]...)
	case KindInt:
		out.Ints = append([]int64(nil), c.Ints[from:to]...)
	case KindFloat:
		out.Floats = append([]float64(nil), c.Floats[from:to]...)
	case KindBool:
		out.Bools = append([]bool(nil), c.Bools[from:to]...)
	case KindTime:
		out.Times = append([]time.Time(nil), c.Times[from:to]...)
	default:
		out.Values = append([]any(nil), c.Values[from:to]...)
	}
	if c.Nulls != nil {
		out.Nulls = append([]bool(nil), c.Nulls[from:to]...)
	}
	return out
}

// Table is a columnar table: the shape of SQL results, datasets and metrics. Display
// settings travel with it: Title is shown above it, Limit caps the rows rendered (0 means
// the default of 20), TotalRows (when larger than the rows held) is the full row count for
// the "showing N of M rows" footer, and Note is an extra footer line (for example timing).
type Table struct {
	Title     string
	Columns   []*Column
	Limit     int
	TotalRows int64
	Note      string
}

// NewTable returns a table with the given columns; they must all have the same length.
func NewTable(cols ...*Column) *Table { return &Table{Columns: cols} }

// StringColumn returns a string column holding vals.
func StringColumn(name string, vals []string) *Column {
	return &Column{Name: name, Kind: KindString, Strings: vals}
}

// IntColumn returns an integer column holding vals.
func IntColumn(name string, vals []int64) *Column {
	return &Column{Name: name, Kind: KindInt, Ints: vals}
}

// FloatColumn returns a floating-point column holding vals.
func FloatColumn(name string, vals []float64) *Column {
	return &Column{Name: name, Kind: KindFloat, Floats: vals}
}

// BoolColumn returns a boolean column holding vals.
func BoolColumn(name string, vals []bool) *Column {
	return &Column{Name: name, Kind: KindBool, Bools: vals}
}

// TimeColumn returns a timestamp column holding vals.
func TimeColumn(name string, vals []time.Time) *Column {
	return &Column{Name: name, Kind: KindTime, Times: vals}
}

// AnyColumn returns a column of arbitrary values (JSON documents, arrays, exact numerics).
func AnyColumn(name string, vals []any) *Column {
	return &Column{Name: name, Kind: KindAny, Values: vals}
}

// NumRows returns the number of rows held (the first column's length).
func (t *Table) NumRows() int {
	if t == nil || len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Len()
}

// NumCols returns the number of columns.
func (t *Table) NumCols() int { return len(t.Columns) }

// ColumnNames returns the column names in order.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// Column returns the column called name, or an error naming the columns there are.
func (t *Table) Column(name string) (*Column, error) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("table has no column %q (columns: %v)", name, t.ColumnNames())
}

// Float64s returns column name as float64s; integers and bools convert, NULLs become NaN.
func (t *Table) Float64s(name string) ([]float64, error) {
	c, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	return c.Float64s()
}

// Int64s returns column name as int64s; NULLs become 0 (check Column.IsNull to tell).
func (t *Table) Int64s(name string) ([]int64, error) {
	c, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	return c.Int64s()
}

// Strings returns column name formatted as strings; NULLs become "".
func (t *Table) Strings(name string) ([]string, error) {
	c, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	out := make([]string, c.Len())
	for i := range out {
		if v := c.Value(i); v != nil {
			if s, ok := v.(string); ok {
				out[i] = s
			} else {
				out[i] = fmt.Sprint(v)
			}
		}
	}
	return out, nil
}

// Times returns timestamp column name; NULLs become the zero time.
func (t *Table) Times(name string) ([]time.Time, error) {
	c, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	if c.Kind != KindTime {
		return nil, fmt.Errorf("column %q is %s, not a timestamp", name, c.TypeName())
	}
	out := make([]time.Time, c.Len())
	for i := range out {
		if !c.IsNull(i) {
			out[i] = c.Times[i]
		}
	}
	return out, nil
}

// Float64s returns the column as float64s; integers and bools convert, NULLs become NaN.
func (c *Column) Float64s() ([]float64, error) {
	out := make([]float64, c.Len())
	for i := range out {
		switch {
		case c.IsNull(i):
			out[i] = nan()
		case c.Kind == KindFloat:
			out[i] = c.Floats[i]
		case c.Kind == KindInt:
			out[i] = float64(c.Ints[i])
		case c.Kind == KindBool:
			if c.Bools[i] {
				out[i] = 1
			}
		default:
			return nil, fmt.Errorf("column %q is %s, not numeric", c.Name, c.TypeName())
		}
	}
	return out, nil
}

// Int64s returns the column as int64s; NULLs become 0.
func (c *Column) Int64s() ([]int64, error) {
	out := make([]int64, c.Len())
	for i := range out {
		switch {
		case c.IsNull(i):
		case c.Kind == KindInt:
			out[i] = c.Ints[i]
		case c.Kind == KindBool:
			if c.Bools[i] {
				out[i] = 1
			}
		default:
			return nil, fmt.Errorf("column %q is %s, not an integer", c.Name, c.TypeName())
		}
	}
	return out, nil
}

// Head returns a new table with the first n rows.
func (t *Table) Head(n int) *Table { return t.rows(0, min(max(n, 0), t.NumRows())) }

// Tail returns a new table with the last n rows.
func (t *Table) Tail(n int) *Table {
	rows := t.NumRows()
	return t.rows(rows-min(max(n, 0), rows), rows)
}

func (t *Table) rows(from, to int) *Table {
	out := &Table{Title: t.Title, Limit: t.Limit, Note: t.Note}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, c.slice(from, to))
	}
	return out
}

func nan() float64 { return math.NaN() }
