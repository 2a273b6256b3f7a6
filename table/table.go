package table

import (
	"fmt"
	"strings"
	"time"
)

// Table is a columnar table: the shape of SQL results, datasets and metrics. Display
// settings travel with it: Title is shown above it, Limit caps the rows a preview shows
// (0 means DefaultLimit, negative means all), TotalRows (when larger than the rows held)
// is the full row count for the "showing N of M rows" footer, and Note is an extra
// footer line (for example timing).
type Table struct {
	Title     string
	Columns   []*Column
	Limit     int
	TotalRows int64
	Note      string
}

// New returns a table with the given columns; they must all have the same length.
func New(cols ...*Column) *Table { return &Table{Columns: cols} }

// NumRows returns the number of rows held (the first column's length).
func (t *Table) NumRows() int {
	if t == nil || len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Len()
}

// NumCols returns the number of columns.
func (t *Table) NumCols() int {
	if t == nil {
		return 0
	}
	return len(t.Columns)
}

// ColumnNames returns the column names in order.
func (t *Table) ColumnNames() []string {
	names := make([]string, t.NumCols())
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// Index returns the position of the column called name, or -1.
func (t *Table) Index(name string) int {
	if t == nil {
		return -1
	}
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Has reports whether the table has a column called name.
func (t *Table) Has(name string) bool { return t.Index(name) >= 0 }

// Column returns the column called name, or a *ColumnError naming the columns there are.
func (t *Table) Column(name string) (*Column, error) {
	if i := t.Index(name); i >= 0 {
		return t.Columns[i], nil
	}
	return nil, &ColumnError{Column: name, Columns: t.describeColumns()}
}

// Col returns the column called name. A missing column fails the cell (it panics with
// a *ColumnError that names the columns there are).
func (t *Table) Col(name string) *Column {
	c, err := t.Column(name)
	if err != nil {
		panic(err)
	}
	return c
}

// Strings returns the values of string column name (NULLs are ""); see Column.Strings.
func (t *Table) Strings(name string) []string { return t.typed(name).Strings() }

// Ints returns the values of integer column name (NULLs are 0); see Column.Ints.
func (t *Table) Ints(name string) []int64 { return t.typed(name).Ints() }

// Floats returns numeric column name as float64s (NULLs are NaN); see Column.Floats.
func (t *Table) Floats(name string) []float64 { return t.typed(name).Floats() }

// Bools returns the values of boolean column name (NULLs are false).
func (t *Table) Bools(name string) []bool { return t.typed(name).Bools() }

// Times returns the values of time column name in UTC (NULLs are the zero time).
func (t *Table) Times(name string) []time.Time { return t.typed(name).Times() }

// Values returns column name as Go values (NULLs are nil); it works for every kind.
func (t *Table) Values(name string) []any { return t.typed(name).Values() }

// typed is Col, with the table's columns recorded for the message of a wrong kind.
func (t *Table) typed(name string) *Column {
	c := t.Col(name)
	if c.table == "" {
		cp := *c
		cp.table = strings.Join(t.describeColumns(), ", ")
		return &cp
	}
	return c
}

func (t *Table) describeColumns() []string {
	out := make([]string, t.NumCols())
	for i, c := range t.Columns {
		out[i] = c.Name + " " + c.TypeName()
	}
	return out
}

// ColumnError is the panic value (and the error) of a column that is missing or is
// not of the kind asked for.
type ColumnError struct {
	Column  string   // the column asked for
	Type    string   // its type name; empty when it is missing
	Want    string   // what was asked for, such as "an integer"
	Hint    string   // the accessor that reads the column, when there is one
	Columns []string // the table's columns with their types, when known
}

func (e *ColumnError) Error() string {
	var b strings.Builder
	if e.Type == "" {
		fmt.Fprintf(&b, "table: no column %q", e.Column)
	} else {
		fmt.Fprintf(&b, "table: column %q is %s, not %s", e.Column, e.Type, e.Want)
		if e.Hint != "" {
			fmt.Fprintf(&b, " (read it with %s)", e.Hint)
		}
	}
	if len(e.Columns) > 0 {
		fmt.Fprintf(&b, "; the columns are: %s", strings.Join(e.Columns, ", "))
	} else if e.Type == "" {
		b.WriteString("; the table has no columns")
	}
	return b.String()
}

// wrongKind is the error of reading the column as want.
func (c *Column) wrongKind(want string) *ColumnError {
	e := &ColumnError{Column: c.Name, Type: c.TypeName(), Want: want, Hint: readerOf(c.kind)}
	if c.table != "" {
		e.Columns = strings.Split(c.table, ", ")
	}
	return e
}

// readerOf names the typed accessor of kind k.
func readerOf(k Kind) string {
	switch k {
	case KindString:
		return "Strings"
	case KindInt:
		return "Ints or Floats"
	case KindFloat:
		return "Floats"
	case KindBool:
		return "Bools"
	case KindTime:
		return "Times"
	default:
		return "Values"
	}
}

// Slice returns rows [from, to) as a new table sharing the columns' memory; the display
// settings are kept.
func (t *Table) Slice(from, to int) *Table {
	out := &Table{Title: t.Title, Limit: t.Limit, Note: t.Note, Columns: make([]*Column, len(t.Columns))}
	for i, c := range t.Columns {
		out.Columns[i] = c.Slice(from, to)
	}
	return out
}

// Head returns the first n rows (all of them when there are fewer).
func (t *Table) Head(n int) *Table { return t.Slice(0, min(max(n, 0), t.NumRows())) }

// Tail returns the last n rows (all of them when there are fewer).
func (t *Table) Tail(n int) *Table {
	rows := t.NumRows()
	return t.Slice(rows-min(max(n, 0), rows), rows)
}

// AddColumn appends a column, which must have as many rows as the table.
func (t *Table) AddColumn(c *Column) error {
	if len(t.Columns) > 0 && c.Len() != t.NumRows() {
		return fmt.Errorf("add column %q: %d rows, table has %d", c.Name, c.Len(), t.NumRows())
	}
	t.Columns = append(t.Columns, c)
	return nil
}

// Check reports an error when the columns have different lengths or repeated names.
func (t *Table) Check() error {
	seen := map[string]bool{}
	for _, c := range t.Columns {
		if c.Len() != t.NumRows() {
			return fmt.Errorf("table: column %q has %d rows, %q has %d", c.Name, c.Len(), t.Columns[0].Name, t.NumRows())
		}
		if seen[c.Name] {
			return fmt.Errorf("table: two columns are called %q", c.Name)
		}
		seen[c.Name] = true
	}
	return nil
}
