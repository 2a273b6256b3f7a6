package table

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// FromRows builds a table from row-major values and column names. Each column's kind is
// inferred from its non-nil values: all integers → int, integers and floats → float,
// strings → string, bools → bool, time.Time → time, anything else (or a mix) → any.
// nil values are NULL.
func FromRows(names []string, rows [][]any) (*Table, error) {
	bs := make([]*Builder, len(names))
	for j, name := range names {
		kind, err := inferKind(rows, j)
		if err != nil {
			return nil, fmt.Errorf("table from rows: column %q: %w", name, err)
		}
		bs[j] = NewBuilder(name, "", kind)
	}
	rb := NewRowBuilder(bs...)
	for i, row := range rows {
		if err := rb.Append(row...); err != nil {
			return nil, fmt.Errorf("table from rows: row %d: %w", i, err)
		}
	}
	return rb.Table(), nil
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

// RowBuilder builds a table row by row, one Builder per column.
type RowBuilder struct{ cols []*Builder }

// NewRowBuilder returns a row builder over the given column builders.
func NewRowBuilder(cols ...*Builder) *RowBuilder { return &RowBuilder{cols: cols} }

// Len returns the number of rows appended.
func (r *RowBuilder) Len() int {
	if len(r.cols) == 0 {
		return 0
	}
	return r.cols[0].Len()
}

// Append appends one row: one value per column, converted to the column's kind (nil
// appends NULL). It fails, appending nothing, when a value does not fit its column.
func (r *RowBuilder) Append(vals ...any) error {
	if len(vals) != len(r.cols) {
		return fmt.Errorf("append row: %d values for %d columns", len(vals), len(r.cols))
	}
	conv := make([]any, len(vals))
	for j, v := range vals {
		c, err := convert(r.cols[j].kind, v)
		if err != nil {
			return fmt.Errorf("append row: column %q: %w", r.cols[j].name, err)
		}
		conv[j] = c
	}
	for j, v := range conv {
		r.cols[j].appendConverted(v)
	}
	return nil
}

// Table returns the table built so far and resets the builders.
func (r *RowBuilder) Table() *Table {
	t := &Table{Columns: make([]*Column, len(r.cols))}
	for j, b := range r.cols {
		t.Columns[j] = b.Finish()
	}
	return t
}

// FromStructs builds a table from a slice of structs (or pointers to structs): one
// column per exported field, named by the field's `json` tag when it has one. Nil
// pointers and nil pointer fields become NULL.
func FromStructs(slice any) (*Table, error) {
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
		col   *Builder
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
		fields = append(fields, field{index: f.Index, col: NewBuilder(name, typeName(ft), kindOfType(ft))})
	}
	for r := 0; r < v.Len(); r++ {
		row := v.Index(r)
		if row.Kind() == reflect.Pointer {
			if row.IsNil() {
				for _, f := range fields {
					f.col.AppendNull()
				}
				continue
			}
			row = row.Elem()
		}
		for _, f := range fields {
			fv := row.FieldByIndex(f.index)
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					f.col.AppendNull()
					continue
				}
				fv = fv.Elem()
			}
			if err := f.col.Append(normalize(fv)); err != nil {
				return nil, fmt.Errorf("table from structs: row %d: %w", r, err)
			}
		}
	}
	t := &Table{}
	for _, f := range fields {
		t.Columns = append(t.Columns, f.col.Finish())
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
