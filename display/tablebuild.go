package display

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
)

// TableFromRows builds a table from row-major values and column names. Each column's
// kind is inferred from its non-nil values: all integers → int, integers and floats →
// float, strings → string, bools → bool, time.Time → time, anything else (or a mix) →
// any. nil values are NULL.
func TableFromRows(names []string, rows [][]any) (*Table, error) {
	t := &Table{}
	for j, name := range names {
		kind, err := inferKind(rows, j)
		if err != nil {
			return nil, fmt.Errorf("table from rows: column %q: %w", name, err)
		}
		t.Columns = append(t.Columns, &Column{Name: name, Kind: kind})
	}
	for i, row := range rows {
		if err := t.AppendRow(row...); err != nil {
			return nil, fmt.Errorf("table from rows: row %d: %w", i, err)
		}
	}
	return t, nil
}

func inferKind(rows [][]any, j int) (Kind, error) {
	kind, seen := KindAny, false
	for i, row := range rows {
		if j >= len(row) {
			return 0, fmt.Errorf("row %d has %d values", i, len(row))
		}
		v := row[j]
		if v == nil {
			continue
		}
		k := kindOf(v)
		switch {
		case !seen:
			kind, seen = k, true
		case kind == k:
		case (kind == KindInt && k == KindFloat) || (kind == KindFloat && k == KindInt):
			kind = KindFloat
		default:
			return KindAny, nil
		}
	}
	if !seen {
		return KindString, nil
	}
	return kind, nil
}

func kindOf(v any) Kind {
	switch v.(type) {
	case string:
		return KindString
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32:
		return KindInt
	case float32, float64:
		return KindFloat
	case bool:
		return KindBool
	case time.Time:
		return KindTime
	default:
		return KindAny
	}
}

// AppendRow appends one row: one value per column, converted to the column's kind
// (nil appends NULL). It fails, appending nothing, when a value does not fit its column.
func (t *Table) AppendRow(vals ...any) error {
	if len(vals) != len(t.Columns) {
		return fmt.Errorf("append row: %d values for %d columns", len(vals), len(t.Columns))
	}
	conv := make([]any, len(vals))
	for j, v := range vals {
		c, err := convertFor(t.Columns[j], v)
		if err != nil {
			return fmt.Errorf("append row: column %q: %w", t.Columns[j].Name, err)
		}
		conv[j] = c
	}
	for j, v := range conv {
		t.Columns[j].appendValue(v)
	}
	return nil
}

// AddColumn appends a column, which must have as many rows as the table.
func (t *Table) AddColumn(c *Column) error {
	if len(t.Columns) > 0 && c.Len() != t.NumRows() {
		return fmt.Errorf("add column %q: %d rows, table has %d", c.Name, c.Len(), t.NumRows())
	}
	t.Columns = append(t.Columns, c)
	return nil
}

// convertFor converts v to the Go type column c stores; nil stays nil (NULL).
func convertFor(c *Column, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch c.Kind {
	case KindString:
		if s, ok := v.(string); ok {
			return s, nil
		}
		if s, ok := v.(fmt.Stringer); ok {
			return s.String(), nil
		}
	case KindInt:
		if n, ok := toInt64(v); ok {
			return n, nil
		}
		if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f), nil
		}
	case KindFloat:
		if n, ok := toInt64(v); ok {
			return float64(n), nil
		}
		switch f := v.(type) {
		case float64:
			return f, nil
		case float32:
			return float64(f), nil
		}
	case KindBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case KindTime:
		if tm, ok := v.(time.Time); ok {
			return tm, nil
		}
	default:
		return v, nil
	}
	return nil, fmt.Errorf("%T value %v does not fit a %s column", v, v, c.Kind)
}

func toInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint:
		return int64(n), true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

// appendValue appends an already converted value (nil for NULL).
func (c *Column) appendValue(v any) {
	null := v == nil
	if null || c.Nulls != nil {
		if c.Nulls == nil {
			c.Nulls = make([]bool, c.Len(), c.Len()+1)
		}
		c.Nulls = append(c.Nulls, null)
	}
	switch c.Kind {
	case KindString:
		s, _ := v.(string)
		c.Strings = append(c.Strings, s)
	case KindInt:
		n, _ := v.(int64)
		c.Ints = append(c.Ints, n)
	case KindFloat:
		f, _ := v.(float64)
		c.Floats = append(c.Floats, f)
	case KindBool:
		b, _ := v.(bool)
		c.Bools = append(c.Bools, b)
	case KindTime:
		tm, _ := v.(time.Time)
		c.Times = append(c.Times, tm)
	default:
		c.Values = append(c.Values, v)
	}
}

// TableFromStructs builds a table from a slice of structs (or pointers to structs): one
// column per exported field, named by the field's `json` tag when it has one. Nil
// pointers and nil pointer fields become NULL.
func TableFromStructs(slice any) (*Table, error) {
	v := reflect.ValueOf(slice)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("table from structs: want a slice of structs, got %T", slice)
	}
	et := v.Type().Elem()
	if et.Kind() == reflect.Pointer {
		et = et.Elem()
	}
	if et.Kind() != reflect.Struct {
		return nil, fmt.Errorf("table from structs: want a slice of structs, got %T", slice)
	}
	type field struct {
		index []int
		col   *Column
	}
	var fields []field
	for i := 0; i < et.NumField(); i++ {
		f := et.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == "-" {
			continue
		} else if tag != "" {
			name = tag
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		fields = append(fields, field{index: f.Index, col: &Column{Name: name, Kind: kindOfType(ft), Type: typeName(ft)}})
	}
	t := &Table{}
	for _, f := range fields {
		t.Columns = append(t.Columns, f.col)
	}
	for r := 0; r < v.Len(); r++ {
		row := v.Index(r)
		if row.Kind() == reflect.Pointer {
			if row.IsNil() {
				for _, f := range fields {
					f.col.appendValue(nil)
				}
				continue
			}
			row = row.Elem()
		}
		for _, f := range fields {
			fv := row.FieldByIndex(f.index)
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					f.col.appendValue(nil)
					continue
				}
				fv = fv.Elem()
			}
			val, err := convertFor(f.col, normalize(fv))
			if err != nil {
				return nil, fmt.Errorf("table from structs: row %d, field %s: %w", r, f.col.Name, err)
			}
			f.col.appendValue(val)
		}
	}
	return t, nil
}

// kindOfType maps a Go type to the column kind that stores it.
func kindOfType(t reflect.Type) Kind {
	if t == reflect.TypeOf(time.Time{}) {
		return KindTime
	}
	switch t.Kind() {
	case reflect.String:
		return KindString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return KindInt
	case reflect.Float32, reflect.Float64:
		return KindFloat
	case reflect.Bool:
		return KindBool
	default:
		return KindAny
	}
}

// typeName is the header type of a struct field: its Go type unless that is a plain kind.
func typeName(t reflect.Type) string {
	if kindOfType(t) == KindAny {
		return t.String()
	}
	return ""
}

// normalize converts a field value to the plain Go value convertFor expects.
func normalize(v reflect.Value) any {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return int64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.Bool:
		return v.Bool()
	}
	if v.CanInterface() {
		return v.Interface()
	}
	return fmt.Sprint(v)
}
