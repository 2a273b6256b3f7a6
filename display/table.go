package display

import (
	"time"

	"github.com/sluice-dev/sluice/table"
)

// Table is the columnar table of package table; display renders it (TableHTML,
// TableBundle, and Render for a cell's value). The names below keep cells and code
// written against display working.
type Table = table.Table

// Column is a column of a Table.
type Column = table.Column

// Kind is the storage kind of a Column.
type Kind = table.Kind

// Column kinds.
const (
	KindString = table.KindString
	KindInt    = table.KindInt
	KindFloat  = table.KindFloat
	KindBool   = table.KindBool
	KindTime   = table.KindTime
	KindAny    = table.KindAny
)

// DefaultTableLimit is the number of rows a table shows when its Limit is 0.
const DefaultTableLimit = table.DefaultLimit

// NewTable returns a table with the given columns (table.New).
func NewTable(cols ...*Column) *Table { return table.New(cols...) }

// StringColumn returns a string column holding vals (table.StringColumn).
func StringColumn(name string, vals []string) *Column { return table.StringColumn(name, vals) }

// IntColumn returns an integer column holding vals (table.IntColumn).
func IntColumn(name string, vals []int64) *Column { return table.IntColumn(name, vals) }

// FloatColumn returns a floating-point column holding vals (table.FloatColumn).
func FloatColumn(name string, vals []float64) *Column { return table.FloatColumn(name, vals) }

// BoolColumn returns a boolean column holding vals (table.BoolColumn).
func BoolColumn(name string, vals []bool) *Column { return table.BoolColumn(name, vals) }

// TimeColumn returns a timestamp column holding vals (table.TimeColumn).
func TimeColumn(name string, vals []time.Time) *Column { return table.TimeColumn(name, vals) }

// AnyColumn returns a column of arbitrary values (table.AnyColumn).
func AnyColumn(name string, vals []any) *Column { return table.AnyColumn(name, vals) }

// TableFromRows builds a table from row-major values and column names (table.FromRows).
func TableFromRows(names []string, rows [][]any) (*Table, error) { return table.FromRows(names, rows) }

// TableFromStructs builds a table from a slice of structs (table.FromStructs).
func TableFromStructs(slice any) (*Table, error) { return table.FromStructs(slice) }
