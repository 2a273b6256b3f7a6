package tablesql

import (
	"database/sql"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/sluice-dev/sluice/table"
)

var varcharType = mustType(duckdb.TYPE_VARCHAR)

func mustType(t duckdb.Type) duckdb.TypeInfo {
	ti, err := duckdb.NewTypeInfo(t)
	if err != nil {
		panic(err)
	}
	return ti
}

// duckType is the DuckDB type a column of kind k is read as. KindAny columns (JSON,
// arrays, exact numerics) are read as their text.
func duckType(k table.Kind) duckdb.TypeInfo {
	switch k {
	case table.KindInt:
		return mustType(duckdb.TYPE_BIGINT)
	case table.KindFloat:
		return mustType(duckdb.TYPE_DOUBLE)
	case table.KindBool:
		return mustType(duckdb.TYPE_BOOLEAN)
	case table.KindTime:
		return mustType(duckdb.TYPE_TIMESTAMP_TZ)
	}
	return varcharType
}

// source feeds a table to DuckDB chunk by chunk, from up to threads goroutines of
// DuckDB's at once (each takes the next 2048 rows).
type source struct {
	t       *table.Table
	withRow bool
	threads int
	next    atomic.Int64 // the first row not handed out yet
	once    sync.Once
	read    []bool // the columns the query reads (DuckDB's projection), found on the first chunk
}

// fillState is one DuckDB thread's: the NULL rows of the column being written, reused.
type fillState struct{ nulls []bool }

func newSource(t *table.Table, withRow bool, threads int) (*source, error) {
	seen := map[string]bool{}
	for _, c := range t.Columns {
		k := strings.ToLower(c.Name)
		if seen[k] {
			return nil, fmt.Errorf("the table has two columns named %q (DuckDB's names ignore case)", c.Name)
		}
		seen[k] = true
	}
	return &source{t: t, withRow: withRow, threads: threads}, nil
}

func (s *source) ColumnInfos() []duckdb.ColumnInfo {
	var out []duckdb.ColumnInfo
	for _, c := range s.t.Columns {
		out = append(out, duckdb.ColumnInfo{Name: c.Name, T: duckType(c.Kind())})
	}
	if s.withRow {
		out = append(out, duckdb.ColumnInfo{Name: rowColumn, T: mustType(duckdb.TYPE_BIGINT)})
	}
	return out
}

func (s *source) Cardinality() *duckdb.CardinalityInfo {
	return &duckdb.CardinalityInfo{Cardinality: uint(s.t.NumRows()), Exact: true}
}

func (s *source) Init() duckdb.ParallelTableSourceInfo {
	return duckdb.ParallelTableSourceInfo{MaxThreads: s.threads}
}

func (s *source) NewLocalState() any { return &fillState{} }

func (s *source) FillChunk(state any, chunk duckdb.DataChunk) error {
	ls := state.(*fillState)
	ncols := len(s.t.Columns)
	if s.withRow {
		ncols++
	}
	s.once.Do(func() {
		// A column the query does not read has no vector; writing to it would cost
		// an error value per row inside duckdb-go.
		s.read = make([]bool, ncols)
		for j := range s.read {
			_, err := chunk.GetVector(j)
			s.read[j] = err == nil
		}
	})
	size := duckdb.GetDataChunkCapacity()
	from := int(s.next.Add(int64(size))) - size
	n := max(0, min(size, s.t.NumRows()-from))
	if err := chunk.SetSize(n); err != nil || n == 0 {
		return err
	}
	for j, c := range s.t.Columns {
		if !s.read[j] {
			continue
		}
		var nulls []bool
		if c.HasNulls() {
			ls.nulls = append(ls.nulls[:0], make([]bool, n)...)
			nulls = ls.nulls
			for r := range nulls {
				nulls[r] = c.IsNull(from + r)
			}
		}
		if err := fillColumn(chunk, j, c, from, n, nulls); err != nil {
			return fmt.Errorf("column %q: %w", c.Name, err)
		}
	}
	if s.withRow && s.read[ncols-1] {
		j := ncols - 1
		for r := 0; r < n; r++ {
			if err := duckdb.SetChunkValue(chunk, j, r, int64(from+r)); err != nil {
				return err
			}
		}
	}
	return nil
}

// fillColumn writes rows [from, from+n) of c (nulls marks the NULL ones, nil when none)
// into column j of the chunk, one loop per
// kind. duckdb-go writes numbers one value at a time (it has typed vector writers for
// strings only), so this is the cost of reading a Go table: about 10 ns a number.
func fillColumn(chunk duckdb.DataChunk, j int, c *table.Column, from, n int, nulls []bool) error {
	if nulls != nil {
		for r, null := range nulls {
			if null {
				if err := chunk.SetValue(j, r, nil); err != nil {
					return err
				}
			}
		}
	}
	switch c.Kind() {
	case table.KindString: // duckdb-go's VectorWriter costs a second cgo call a row (validity)
		for r := 0; r < n; r++ {
			if nulls == nil || !nulls[r] {
				if err := duckdb.SetChunkValue(chunk, j, r, c.StringAt(from+r)); err != nil {
					return err
				}
			}
		}
		return nil
	case table.KindInt:
		return fillValues(chunk, j, c.Ints()[from:from+n], nulls)
	case table.KindFloat:
		return fillValues(chunk, j, c.Floats()[from:from+n], nulls)
	case table.KindBool:
		return fillValues(chunk, j, c.Bools()[from:from+n], nulls)
	case table.KindTime:
		return fillValues(chunk, j, c.Times()[from:from+n], nulls)
	}
	for r := 0; r < n; r++ {
		if nulls == nil || !nulls[r] {
			if err := duckdb.SetChunkValue(chunk, j, r, c.Text(from+r)); err != nil {
				return err
			}
		}
	}
	return nil
}

// fillValues writes vals (nulls marks the rows already written as NULL) into column j.
func fillValues[T any](chunk duckdb.DataChunk, j int, vals []T, nulls []bool) error {
	for r, v := range vals {
		if nulls == nil || !nulls[r] {
			if err := duckdb.SetChunkValue(chunk, j, r, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// readRows reads a result into a table, choosing each column's kind from its DuckDB
// type; types without a kind of their own (lists, structs, intervals, UUIDs, huge
// integers) are kept as Go values in KindAny columns.
func readRows(rows *sql.Rows) (*table.Table, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	bs := make([]*table.Builder, len(types))
	for j, ct := range types {
		name := strings.ToLower(ct.DatabaseTypeName())
		bs[j] = table.NewBuilder(ct.Name(), name, kindOf(name))
	}
	vals := make([]any, len(types))
	ptrs := make([]any, len(types))
	for j := range vals {
		ptrs[j] = &vals[j]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for j, v := range vals {
			if err := appendValue(bs[j], v); err != nil {
				return nil, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	t := &table.Table{}
	for _, b := range bs {
		t.Columns = append(t.Columns, b.Finish())
	}
	return t, nil
}

// kindOf maps a DuckDB type name to a column kind.
func kindOf(name string) table.Kind {
	switch {
	case name == "varchar" || name == "enum" || strings.HasPrefix(name, "enum("):
		return table.KindString
	case name == "bigint", name == "integer", name == "smallint", name == "tinyint",
		name == "uinteger", name == "usmallint", name == "utinyint":
		return table.KindInt
	case name == "double", name == "float", strings.HasPrefix(name, "decimal"):
		return table.KindFloat
	case name == "boolean":
		return table.KindBool
	case name == "date", strings.HasPrefix(name, "timestamp"):
		return table.KindTime
	}
	return table.KindAny
}

func appendValue(b *table.Builder, v any) error {
	switch x := v.(type) {
	case nil:
		b.AppendNull()
		return nil
	case duckdb.Decimal:
		if b.Kind() == table.KindFloat {
			b.AppendFloat(x.Float64())
			return nil
		}
	case *big.Int:
		if b.Kind() == table.KindAny {
			b.AppendAny(x.String())
			return nil
		}
	case time.Time:
		if b.Kind() == table.KindTime {
			b.AppendTime(x.UTC())
			return nil
		}
	}
	return b.Append(v)
}
