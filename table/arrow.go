package table

import (
	"encoding/json"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// Record returns the table as an Arrow record batch sharing the columns' memory (no
// copy) for the five Arrow kinds (see Column.Arrow); a KindAny column becomes a utf8
// column of each value's JSON text (a copy). Each field keeps the column's type name in its metadata under
// "sluice.type". Nothing needs to be released.
func (t *Table) Record() arrow.RecordBatch {
	fields := make([]arrow.Field, t.NumCols())
	cols := make([]arrow.Array, t.NumCols())
	for j, c := range t.Columns {
		a := c.Arrow()
		if c.kind == KindAny {
			b := NewBuilder(c.Name, c.Type, KindString)
			for i := 0; i < c.n; i++ {
				if c.IsNull(i) {
					b.AppendNull()
					continue
				}
				doc, err := json.Marshal(c.vals[i])
				if err != nil {
					doc = []byte(FormatValue(c.vals[i]))
				}
				b.AppendBytes(doc)
			}
			a = b.Finish().arr
		}
		md := arrow.Metadata{}
		if c.Type != "" {
			md = arrow.NewMetadata([]string{"sluice.type"}, []string{c.Type})
		}
		fields[j] = arrow.Field{Name: c.Name, Type: a.DataType(), Nullable: true, Metadata: md}
		cols[j] = a
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(t.NumRows()))
}

// FromRecord returns a table over an Arrow record batch. utf8, large_utf8, int64,
// float64, boolean and timestamp[us, UTC] columns are shared without a copy; other
// integer and float widths, dates, timestamps of other units or zones and decimals are
// converted to the nearest kind (dates keep the type name "date"); any other type
// becomes a KindAny column of Go values. A field's "sluice.type" metadata, when
// present, is the column's type name.
func FromRecord(rec arrow.RecordBatch) (*Table, error) {
	t := &Table{Columns: make([]*Column, rec.NumCols())}
	for j, f := range rec.Schema().Fields() {
		typ, _ := f.Metadata.GetValue("sluice.type")
		c, err := importArray(f.Name, typ, rec.Column(j))
		if err != nil {
			return nil, err
		}
		t.Columns[j] = c
	}
	return t, nil
}

// importArray converts one Arrow array into a column (see FromRecord).
func importArray(name, typ string, a arrow.Array) (*Column, error) {
	if c, err := ArrowColumn(name, typ, a); err == nil {
		return c, nil
	}
	var b *Builder
	appendEach := func(k Kind, f func(i int)) {
		b = NewBuilder(name, typ, k)
		b.Grow(a.Len())
		for i := 0; i < a.Len(); i++ {
			if a.IsNull(i) {
				b.AppendNull()
			} else {
				f(i)
			}
		}
	}
	switch x := a.(type) {
	case *array.Int8:
		appendEach(KindInt, func(i int) { b.AppendInt(int64(x.Value(i))) })
	case *array.Int16:
		appendEach(KindInt, func(i int) { b.AppendInt(int64(x.Value(i))) })
	case *array.Int32:
		appendEach(KindInt, func(i int) { b.AppendInt(int64(x.Value(i))) })
	case *array.Uint8:
		appendEach(KindInt, func(i int) { b.AppendInt(int64(x.Value(i))) })
	case *array.Uint16:
		appendEach(KindInt, func(i int) { b.AppendInt(int64(x.Value(i))) })
	case *array.Uint32:
		appendEach(KindInt, func(i int) { b.AppendInt(int64(x.Value(i))) })
	case *array.Float32:
		appendEach(KindFloat, func(i int) { b.AppendFloat(float64(x.Value(i))) })
	case *array.Float64: // NULL slots that are not NaN
		appendEach(KindFloat, func(i int) { b.AppendFloat(x.Value(i)) })
	case *array.Int64: // NULL slots that are not 0
		appendEach(KindInt, func(i int) { b.AppendInt(x.Value(i)) })
	case *array.Date32:
		if typ == "" {
			typ = "date"
		}
		appendEach(KindTime, func(i int) { b.AppendTime(x.Value(i).ToTime()) })
	case *array.Date64:
		if typ == "" {
			typ = "date"
		}
		appendEach(KindTime, func(i int) { b.AppendTime(x.Value(i).ToTime()) })
	case *array.Timestamp:
		unit := x.DataType().(*arrow.TimestampType).Unit
		appendEach(KindTime, func(i int) { b.AppendTime(x.Value(i).ToTime(unit).UTC()) })
	case *array.Decimal128:
		scale := x.DataType().(*arrow.Decimal128Type).Scale
		appendEach(KindFloat, func(i int) { b.AppendFloat(decimalFloat(x.Value(i), scale)) })
	case *array.Binary:
		appendEach(KindAny, func(i int) { b.AppendAny(append([]byte(nil), x.Value(i)...)) })
	default:
		appendEach(KindAny, func(i int) { b.AppendAny(x.GetOneForMarshal(i)) })
	}
	return b.Finish(), nil
}

func decimalFloat(v decimal128.Num, scale int32) float64 { return v.ToFloat64(scale) }
