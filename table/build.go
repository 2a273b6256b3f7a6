package table

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// StringColumn returns a string column holding a copy of vals.
func StringColumn(name string, vals []string) *Column {
	b := NewBuilder(name, "", KindString)
	b.Grow(len(vals))
	for _, s := range vals {
		b.AppendString(s)
	}
	return b.Finish()
}

// IntColumn returns an integer column holding vals, without copying: do not modify vals
// afterwards.
func IntColumn(name string, vals []int64) *Column {
	return fromArrow(name, "", KindInt, primitive(arrow.PrimitiveTypes.Int64, len(vals), arrow.Int64Traits.CastToBytes(vals), nil))
}

// FloatColumn returns a floating-point column holding vals, without copying: do not
// modify vals afterwards. NaN is a value, not NULL.
func FloatColumn(name string, vals []float64) *Column {
	return fromArrow(name, "", KindFloat, primitive(arrow.PrimitiveTypes.Float64, len(vals), arrow.Float64Traits.CastToBytes(vals), nil))
}

// BoolColumn returns a boolean column holding vals.
func BoolColumn(name string, vals []bool) *Column {
	b := NewBuilder(name, "", KindBool)
	for _, v := range vals {
		b.AppendBool(v)
	}
	return b.Finish()
}

// TimeColumn returns a time column holding vals, kept to the microsecond in UTC.
func TimeColumn(name string, vals []time.Time) *Column {
	b := NewBuilder(name, "", KindTime)
	for _, v := range vals {
		b.AppendTime(v)
	}
	return b.Finish()
}

// AnyColumn returns a column of arbitrary Go values (JSON documents, arrays, exact
// numerics); nil values are NULL. It shares vals: do not modify it afterwards.
func AnyColumn(name string, vals []any) *Column {
	c := &Column{Name: name, kind: KindAny, n: len(vals), vals: vals}
	for i, v := range vals {
		if v == nil {
			if c.nulls == nil {
				c.nulls = make([]bool, len(vals))
			}
			c.nulls[i] = true
		}
	}
	return c
}

// ArrowColumn returns a column over an Arrow array of one of the types columns hold
// (utf8, int64, float64, boolean, timestamp[us, UTC], and a dictionary of utf8 values
// with integer indices, which stays dictionary-encoded); other types are an error. typ
// is the header type name ("" for the kind's name). Integer and float arrays whose NULL
// slots hold other values than 0 and NaN are copied, so typed slices keep the NULL rules.
func ArrowColumn(name, typ string, a arrow.Array) (*Column, error) {
	var k Kind
	switch dt := a.DataType().(type) {
	case *arrow.DictionaryType:
		return dictionaryColumn(name, typ, a.(*array.Dictionary))
	case *arrow.StringType, *arrow.LargeStringType:
		k = KindString
	case *arrow.Int64Type:
		k = KindInt
	case *arrow.Float64Type:
		k = KindFloat
	case *arrow.BooleanType:
		k = KindBool
	case *arrow.TimestampType:
		if dt.Unit != arrow.Microsecond || dt.TimeZone != "UTC" {
			return nil, fmt.Errorf("table: column %q: Arrow %s, want %s", name, dt, TimestampType)
		}
		k = KindTime
	default:
		return nil, fmt.Errorf("table: column %q: Arrow type %s has no column kind", name, a.DataType())
	}
	c := fromArrow(name, typ, k, a)
	if a.NullN() == 0 || (k != KindInt && k != KindFloat) {
		return c, nil
	}
	for i := 0; i < c.n; i++ {
		if ((k == KindInt && c.ints[i] != 0) || (k == KindFloat && !math.IsNaN(c.flts[i]))) && a.IsNull(i) {
			b := NewBuilder(name, typ, k)
			b.AppendColumn(c)
			return b.Finish(), nil
		}
	}
	return c, nil
}

// Builder appends values to a new column, one row at a time, then Finish returns it.
// The typed Append methods panic when they do not match the builder's kind (a float
// builder also takes AppendInt); Append converts any Go value.
type Builder struct {
	name, typ string
	kind      Kind
	n         int
	nulls     []bool // nil until the first NULL
	offsets   []int32
	offsets64 []int64 // replaces offsets once the text passes maxOffset
	maxOffset int     // the largest 32-bit offset (lowered by tests)
	data      []byte
	ints      []int64
	flts      []float64
	bools     []bool
	vals      []any
}

// NewBuilder returns a builder of a column called name holding kind k; typ is the header
// type name ("" for the kind's name).
func NewBuilder(name, typ string, k Kind) *Builder {
	b := &Builder{name: name, typ: typ, kind: k, maxOffset: math.MaxInt32}
	if k == KindString {
		b.offsets = []int32{0}
	}
	return b
}

// Name returns the name of the column being built.
func (b *Builder) Name() string { return b.name }

// Kind returns the kind of the column being built.
func (b *Builder) Kind() Kind { return b.kind }

// Len returns the number of rows appended.
func (b *Builder) Len() int { return b.n }

// Grow makes room for n more rows.
func (b *Builder) Grow(n int) {
	switch b.kind {
	case KindString:
		b.offsets = growCap(b.offsets, n)
	case KindInt, KindTime:
		b.ints = growCap(b.ints, n)
	case KindFloat:
		b.flts = growCap(b.flts, n)
	case KindBool:
		b.bools = growCap(b.bools, n)
	default:
		b.vals = growCap(b.vals, n)
	}
}

func growCap[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	out := make([]T, len(s), len(s)+n)
	copy(out, s)
	return out
}

func (b *Builder) row(null bool) {
	if null && b.nulls == nil {
		b.nulls = make([]bool, b.n, max(b.n+1, 16))
	}
	if b.nulls != nil {
		b.nulls = append(b.nulls, null)
	}
	b.n++
}

func (b *Builder) wrong(method string) {
	panic(fmt.Sprintf("table: %s on the %s column %q being built", method, b.kind, b.name))
}

// AppendNull appends a NULL row.
func (b *Builder) AppendNull() {
	switch b.kind {
	case KindString:
		b.endString()
	case KindInt, KindTime:
		b.ints = append(b.ints, 0)
	case KindFloat:
		b.flts = append(b.flts, math.NaN())
	case KindBool:
		b.bools = append(b.bools, false)
	default:
		b.vals = append(b.vals, nil)
	}
	b.row(true)
}

// AppendString appends s to a string column.
func (b *Builder) AppendString(s string) {
	if b.kind != KindString {
		b.wrong("AppendString")
	}
	b.data = append(b.data, s...)
	b.endString()
	b.row(false)
}

// AppendBytes appends the text in p to a string column (p is copied).
func (b *Builder) AppendBytes(p []byte) {
	if b.kind != KindString {
		b.wrong("AppendBytes")
	}
	b.data = append(b.data, p...)
	b.endString()
	b.row(false)
}

// endString records the end of the string just appended.
func (b *Builder) endString() {
	end := len(b.data)
	if b.offsets64 == nil && end > b.maxOffset {
		b.offsets64 = make([]int64, len(b.offsets), cap(b.offsets))
		for i, o := range b.offsets {
			b.offsets64[i] = int64(o)
		}
		b.offsets = nil
	}
	if b.offsets64 != nil {
		b.offsets64 = append(b.offsets64, int64(end))
	} else {
		b.offsets = append(b.offsets, int32(end))
	}
}

// AppendInt appends n to an integer column, or to a float column as a float64.
func (b *Builder) AppendInt(n int64) {
	switch b.kind {
	case KindInt:
		b.ints = append(b.ints, n)
	case KindFloat:
		b.flts = append(b.flts, float64(n))
	default:
		b.wrong("AppendInt")
	}
	b.row(false)
}

// AppendFloat appends f to a float column.
func (b *Builder) AppendFloat(f float64) {
	if b.kind != KindFloat {
		b.wrong("AppendFloat")
	}
	b.flts = append(b.flts, f)
	b.row(false)
}

// AppendBool appends v to a boolean column.
func (b *Builder) AppendBool(v bool) {
	if b.kind != KindBool {
		b.wrong("AppendBool")
	}
	b.bools = append(b.bools, v)
	b.row(false)
}

// AppendTime appends t, to the microsecond, to a time column.
func (b *Builder) AppendTime(t time.Time) {
	if b.kind != KindTime {
		b.wrong("AppendTime")
	}
	b.ints = append(b.ints, t.UnixMicro())
	b.row(false)
}

// AppendAny appends v to an any column (nil is NULL).
func (b *Builder) AppendAny(v any) {
	if b.kind != KindAny {
		b.wrong("AppendAny")
	}
	if v == nil {
		b.AppendNull()
		return
	}
	b.vals = append(b.vals, v)
	b.row(false)
}

// Append converts v to the column's kind and appends it; nil appends NULL. It fails,
// appending nothing, when v does not fit the column.
func (b *Builder) Append(v any) error {
	c, err := convert(b.kind, v)
	if err != nil {
		return fmt.Errorf("column %q: %w", b.name, err)
	}
	b.appendConverted(c)
	return nil
}

// appendConverted appends a value convert returned.
func (b *Builder) appendConverted(v any) {
	if v == nil {
		b.AppendNull()
		return
	}
	switch b.kind {
	case KindString:
		b.AppendString(v.(string))
	case KindInt:
		b.AppendInt(v.(int64))
	case KindFloat:
		b.AppendFloat(v.(float64))
	case KindBool:
		b.AppendBool(v.(bool))
	case KindTime:
		b.AppendTime(v.(time.Time))
	default:
		b.AppendAny(v)
	}
}

// AppendColumn appends every row of c, which must be of the builder's kind (an integer
// column also fits a float builder).
func (b *Builder) AppendColumn(c *Column) {
	b.AppendRange(c, 0, c.Len())
}

// AppendRange appends rows [from, to) of c.
func (b *Builder) AppendRange(c *Column, from, to int) {
	b.Grow(to - from)
	for i := from; i < to; i++ {
		b.AppendFrom(c, i)
	}
}

// AppendFrom appends row i of c.
func (b *Builder) AppendFrom(c *Column, i int) {
	if c.IsNull(i) {
		b.AppendNull()
		return
	}
	switch {
	case b.kind == KindFloat && c.kind == KindInt:
		b.AppendFloat(float64(c.ints[i]))
	case b.kind != c.kind && b.kind != KindAny:
		panic(fmt.Sprintf("table: appending %s column %q to %s column %q", c.kind, c.Name, b.kind, b.name))
	case b.kind == KindString:
		b.AppendString(c.strs.Value(i))
	case b.kind == KindInt:
		b.AppendInt(c.ints[i])
	case b.kind == KindFloat:
		b.AppendFloat(c.flts[i])
	case b.kind == KindBool:
		b.AppendBool(c.bools.Value(i))
	case b.kind == KindTime:
		b.ints = append(b.ints, int64(c.times[i]))
		b.row(false)
	default:
		b.AppendAny(c.Value(i))
	}
}

// Finish returns the column built so far and resets the builder.
func (b *Builder) Finish() *Column {
	var c *Column
	switch b.kind {
	case KindString:
		valid, count := bitmap(b.nulls)
		dt, offsets := arrow.DataType(arrow.BinaryTypes.String), arrow.Int32Traits.CastToBytes(b.offsets)
		if b.offsets64 != nil {
			dt, offsets = arrow.BinaryTypes.LargeString, arrow.Int64Traits.CastToBytes(b.offsets64)
		}
		d := array.NewData(dt, b.n, []*memory.Buffer{valid, memory.NewBufferBytes(offsets), memory.NewBufferBytes(b.data)}, nil, count, 0)
		c = fromArrow(b.name, b.typ, KindString, array.MakeFromData(d))
	case KindInt:
		c = fromArrow(b.name, b.typ, KindInt, primitive(arrow.PrimitiveTypes.Int64, b.n, arrow.Int64Traits.CastToBytes(b.ints), b.nulls))
	case KindFloat:
		c = fromArrow(b.name, b.typ, KindFloat, primitive(arrow.PrimitiveTypes.Float64, b.n, arrow.Float64Traits.CastToBytes(b.flts), b.nulls))
	case KindTime:
		c = fromArrow(b.name, b.typ, KindTime, primitive(TimestampType, b.n, arrow.Int64Traits.CastToBytes(b.ints), b.nulls))
	case KindBool:
		bits := make([]byte, (b.n+7)/8)
		for i, v := range b.bools {
			if v {
				bits[i/8] |= 1 << (i % 8)
			}
		}
		c = fromArrow(b.name, b.typ, KindBool, primitive(arrow.FixedWidthTypes.Boolean, b.n, bits, b.nulls))
	default:
		c = &Column{Name: b.name, Type: b.typ, kind: KindAny, n: b.n, vals: b.vals, nulls: b.nulls}
	}
	*b = *NewBuilder(b.name, b.typ, b.kind)
	return c
}

// convert converts v to the Go type a column of kind k stores; nil stays nil (NULL).
func convert(k Kind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch k {
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
	return nil, fmt.Errorf("%T value %v does not fit a %s column", v, v, k)
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
