package table

import (
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Kind is the storage kind of a column.
type Kind int

// Column kinds.
const (
	KindString Kind = iota // Arrow utf8
	KindInt                // Arrow int64
	KindFloat              // Arrow float64
	KindBool               // Arrow boolean
	KindTime               // Arrow timestamp[us, UTC]
	KindAny                // Go values: JSON, arrays, numerics kept exact, anything else
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

// TimestampType is the Arrow type of time columns: microseconds since the Unix epoch, UTC.
var TimestampType = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}

// Column is one named, typed, immutable column. Name and Type are plain fields (Type is
// the source's type name shown in headers, such as "int8" or "timestamptz"; empty means
// Kind's name); the values are read through methods. Columns may be shared between
// tables: operations that change a column return a new one.
type Column struct {
	Name string
	Type string

	kind  Kind
	n     int
	arr   arrow.Array // every kind but KindAny
	strs  stringArray // utf8, large_utf8, dictionary or UUID reader (see encoded.go)
	ints  []int64
	flts  []float64
	bools *array.Boolean
	times []arrow.Timestamp
	vals  []any  // KindAny
	nulls []bool // KindAny: NULL rows, nil when none
	table string // the columns of the table it was read from, for error messages
	views *views // typed slices made once and shared by copies of the column
}

// views holds the typed slices Strings, Bools and Times make, so a cell that indexes
// t.Strings("x")[i] in a loop does not copy the column each time.
type views struct {
	strs  atomic.Pointer[[]string]
	bools atomic.Pointer[[]bool]
	times atomic.Pointer[[]time.Time]
}

// cached returns the slice p holds, making it with mk the first time.
func cached[T any](p *atomic.Pointer[[]T], mk func() []T) []T {
	if s := p.Load(); s != nil {
		return *s
	}
	s := mk()
	p.Store(&s)
	return s
}

// Kind returns the column's storage kind.
func (c *Column) Kind() Kind { return c.kind }

// Len returns the number of rows.
func (c *Column) Len() int {
	if c == nil {
		return 0
	}
	return c.n
}

// TypeName returns Type, or the kind's name when Type is empty.
func (c *Column) TypeName() string {
	if c.Type != "" {
		return c.Type
	}
	return c.kind.String()
}

// IsNull reports whether row i is NULL.
func (c *Column) IsNull(i int) bool {
	if c.kind == KindAny {
		return c.nulls != nil && c.nulls[i]
	}
	return c.arr.IsNull(i)
}

// Valid reports whether row i holds a value (is not NULL).
func (c *Column) Valid(i int) bool { return !c.IsNull(i) }

// NullCount returns the number of NULL rows.
func (c *Column) NullCount() int {
	if c.kind == KindAny {
		n := 0
		for _, null := range c.nulls {
			if null {
				n++
			}
		}
		return n
	}
	return c.arr.NullN()
}

// HasNulls reports whether any row is NULL.
func (c *Column) HasNulls() bool { return c.NullCount() > 0 }

// Nulls returns a new slice marking the NULL rows, or nil when there are none.
func (c *Column) Nulls() []bool {
	if !c.HasNulls() {
		return nil
	}
	out := make([]bool, c.n)
	for i := range out {
		out[i] = c.IsNull(i)
	}
	return out
}

// Arrow returns the column's Arrow array, or nil for KindAny columns (Arrow has no type
// for arbitrary Go values). The array shares the column's memory, which Go's garbage
// collector owns: it must not be modified, and Release is not needed. A string column
// is utf8 or large_utf8, or a dictionary of utf8 values when it is held
// dictionary-encoded; a column of UUIDs held as 16 bytes (UUIDColumn) returns its text
// as a utf8 array made on each call.
func (c *Column) Arrow() arrow.Array {
	if u, ok := c.strs.(uuidStrings); ok {
		return u.text()
	}
	return c.arr
}

// StringAt returns row i of a string column ("" when NULL).
func (c *Column) StringAt(i int) string {
	c.must(KindString, "text")
	return c.strs.Value(i)
}

// IntAt returns row i of an integer column (0 when NULL).
func (c *Column) IntAt(i int) int64 {
	c.must(KindInt, "an integer")
	return c.ints[i]
}

// FloatAt returns row i of a numeric column as a float64: NaN when NULL; integer and
// boolean columns convert.
func (c *Column) FloatAt(i int) float64 {
	switch c.kind {
	case KindFloat:
		return c.flts[i]
	case KindInt:
		if c.arr.IsNull(i) {
			return math.NaN()
		}
		return float64(c.ints[i])
	case KindBool:
		if c.arr.IsNull(i) {
			return math.NaN()
		}
		if c.bools.Value(i) {
			return 1
		}
		return 0
	}
	panic(c.wrongKind("a number"))
}

// BoolAt returns row i of a boolean column (false when NULL).
func (c *Column) BoolAt(i int) bool {
	c.must(KindBool, "a boolean")
	return c.bools.Value(i)
}

// TimeAt returns row i of a time column in UTC (the zero time when NULL).
func (c *Column) TimeAt(i int) time.Time {
	c.must(KindTime, "a timestamp")
	if c.arr.IsNull(i) {
		return time.Time{}
	}
	return time.UnixMicro(int64(c.times[i])).UTC()
}

// Value returns row i as a Go value (string, int64, float64, bool, time.Time or the
// stored value), or nil when it is NULL.
func (c *Column) Value(i int) any {
	if c.IsNull(i) {
		return nil
	}
	switch c.kind {
	case KindString:
		return c.strs.Value(i)
	case KindInt:
		return c.ints[i]
	case KindFloat:
		return c.flts[i]
	case KindBool:
		return c.bools.Value(i)
	case KindTime:
		return time.UnixMicro(int64(c.times[i])).UTC()
	default:
		return c.vals[i]
	}
}

// Text returns row i as displayed: "NULL", or the value formatted by FormatValue.
func (c *Column) Text(i int) string {
	if c.IsNull(i) {
		return "NULL"
	}
	return FormatValue(c.Value(i))
}

// Strings returns the values of a string column; NULLs are "". The slice is made once
// and shared: read it, do not modify it. Columns of other kinds fail (see Text for any
// column's display form).
func (c *Column) Strings() []string {
	c.must(KindString, "text")
	return cached(&c.views.strs, func() []string {
		if u, ok := c.strs.(uuidStrings); ok {
			return u.all()
		}
		out := make([]string, c.n)
		for i := range out {
			out[i] = c.strs.Value(i)
		}
		return out
	})
}

// Ints returns the values of an integer column; NULLs are 0 (IsNull tells them apart).
// The slice is the column's own memory: read it, do not modify it.
func (c *Column) Ints() []int64 {
	c.must(KindInt, "an integer")
	return c.ints
}

// Floats returns a numeric column as float64s; NULLs are NaN. A float column returns its
// own memory (read it, do not modify it); integer and boolean columns are converted.
func (c *Column) Floats() []float64 {
	if c.kind == KindFloat {
		return c.flts
	}
	if c.kind != KindInt && c.kind != KindBool {
		panic(c.wrongKind("a number"))
	}
	out := make([]float64, c.n)
	for i := range out {
		out[i] = c.FloatAt(i)
	}
	return out
}

// Bools returns the values of a boolean column; NULLs are false. The slice is made
// once and shared: read it, do not modify it.
func (c *Column) Bools() []bool {
	c.must(KindBool, "a boolean")
	return cached(&c.views.bools, func() []bool {
		out := make([]bool, c.n)
		for i := range out {
			out[i] = c.bools.Value(i)
		}
		return out
	})
}

// Times returns the values of a time column in UTC; NULLs are the zero time. The slice
// is made once and shared: read it, do not modify it.
func (c *Column) Times() []time.Time {
	c.must(KindTime, "a timestamp")
	return cached(&c.views.times, func() []time.Time {
		out := make([]time.Time, c.n)
		for i := range out {
			out[i] = c.TimeAt(i)
		}
		return out
	})
}

// Values returns every row as a Go value (see Value); NULLs are nil. It works for
// every kind.
func (c *Column) Values() []any {
	out := make([]any, c.n)
	for i := range out {
		out[i] = c.Value(i)
	}
	return out
}

// must panics with a *ColumnError unless the column is of kind k.
func (c *Column) must(k Kind, want string) {
	if c.kind != k {
		panic(c.wrongKind(want))
	}
}

// Renamed returns the column under another name, sharing its values.
func (c *Column) Renamed(name string) *Column {
	out := *c
	out.Name = name
	return &out
}

// Slice returns rows [from, to) of the column, sharing its memory.
func (c *Column) Slice(from, to int) *Column {
	if from < 0 || to > c.n || from > to {
		panic(fmt.Sprintf("table: column %q: rows [%d, %d) out of range [0, %d)", c.Name, from, to, c.n))
	}
	if c.kind == KindAny {
		out := &Column{Name: c.Name, Type: c.Type, kind: KindAny, n: to - from, vals: c.vals[from:to:to]}
		if c.nulls != nil {
			out.nulls = c.nulls[from:to:to]
		}
		return out
	}
	return fromArrow(c.Name, c.Type, c.kind, array.NewSlice(c.arr, int64(from), int64(to)))
}

// stringArray is what string columns read: Arrow's String and LargeString arrays, and
// the readers of dictionary-encoded text and UUIDs (encoded.go).
type stringArray interface {
	arrow.Array
	Value(i int) string
}

// fromArrow wraps an Arrow array of the type kind k stores.
func fromArrow(name, typ string, k Kind, a arrow.Array) *Column {
	c := &Column{Name: name, Type: typ, kind: k, n: a.Len(), arr: a, views: &views{}}
	switch k {
	case KindString:
		c.strs = stringsOf(a)
	case KindInt:
		c.ints = a.(*array.Int64).Int64Values()
	case KindFloat:
		c.flts = a.(*array.Float64).Float64Values()
	case KindBool:
		c.bools = a.(*array.Boolean)
	case KindTime:
		c.times = a.(*array.Timestamp).TimestampValues()
	}
	return c
}

// bitmap returns an Arrow validity bitmap for nulls (nil when there are none) and the
// NULL count.
func bitmap(nulls []bool) (*memory.Buffer, int) {
	count := 0
	for _, null := range nulls {
		if null {
			count++
		}
	}
	if count == 0 {
		return nil, 0
	}
	bits := make([]byte, bitutil.BytesForBits(int64(len(nulls))))
	for i, null := range nulls {
		if !null {
			bitutil.SetBit(bits, i)
		}
	}
	return memory.NewBufferBytes(bits), count
}

// primitive wraps a Go slice's memory (no copy) as an Arrow array of type dt.
func primitive(dt arrow.DataType, n int, data []byte, nulls []bool) arrow.Array {
	valid, count := bitmap(nulls)
	d := array.NewData(dt, n, []*memory.Buffer{valid, memory.NewBufferBytes(data)}, nil, count, 0)
	return array.MakeFromData(d)
}

// WithNulls returns a copy of the column whose rows are NULL where nulls is true (and
// NULL where the column already is); nulls must have one entry per row, or be nil (then
// the column itself is returned).
func (c *Column) WithNulls(nulls []bool) *Column {
	if nulls == nil {
		return c
	}
	if len(nulls) != c.n {
		panic(fmt.Sprintf("table: column %q: %d NULL flags for %d rows", c.Name, len(nulls), c.n))
	}
	b := NewBuilder(c.Name, c.Type, c.kind)
	b.Grow(c.n)
	for i := 0; i < c.n; i++ {
		if nulls[i] {
			b.AppendNull()
		} else {
			b.AppendFrom(c, i)
		}
	}
	return b.Finish()
}
