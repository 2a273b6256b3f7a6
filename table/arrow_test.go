package table

import (
	"math"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestRecordRoundTrip(t *testing.T) {
	tb := every(t)
	rec := tb.Record()
	if rec.NumRows() != 3 || rec.NumCols() != 6 {
		t.Fatalf("record %d×%d", rec.NumRows(), rec.NumCols())
	}
	if rec.Column(2) != tb.Col("f").Arrow() {
		t.Error("the float column was copied into the record")
	}
	if typ, _ := rec.Schema().Field(4).Metadata.GetValue("sluice.type"); typ != "timestamptz" {
		t.Errorf("type name in metadata %q", typ)
	}
	back, err := FromRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	for j, c := range tb.Columns {
		g := back.Columns[j]
		if g.Name != c.Name || g.Type != c.Type || g.NullCount() != 1 {
			t.Errorf("column %s came back as %s %q with %d NULLs", c.Name, g.Name, g.Type, g.NullCount())
		}
	}
	if back.Col("j").Kind() != KindString || back.Strings("j")[0] != `{"k":1}` {
		t.Errorf("the JSON column came back as %s %q", back.Col("j").Kind(), back.Col("j").Text(0))
	}
	if !back.Times("ts")[0].Equal(t0) || back.Floats("f")[2] != -0.25 {
		t.Error("values changed in the round trip")
	}
}

func TestFromRecordConverts(t *testing.T) {
	mem := memory.NewGoAllocator()
	i32 := array.NewInt32Builder(mem)
	i32.AppendValues([]int32{7, 0}, []bool{true, false})
	f32 := array.NewFloat32Builder(mem)
	f32.AppendValues([]float32{1.5, 2}, nil)
	d32 := array.NewDate32Builder(mem)
	d32.AppendValues([]arrow.Date32{arrow.Date32FromTime(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)), 0}, nil)
	tsType := &arrow.TimestampType{Unit: arrow.Millisecond}
	ts := array.NewTimestampBuilder(mem, tsType)
	ts.AppendValues([]arrow.Timestamp{1_700_000_000_123, 0}, []bool{true, false})
	decType := &arrow.Decimal128Type{Precision: 10, Scale: 3}
	dec := array.NewDecimal128Builder(mem, decType)
	dec.AppendValues([]decimal128.Num{decimal128.FromI64(12345), decimal128.FromI64(-5)}, nil)
	lst := array.NewListBuilder(mem, arrow.PrimitiveTypes.Int64)
	lst.Append(true)
	lst.ValueBuilder().(*array.Int64Builder).AppendValues([]int64{1, 2}, nil)
	lst.AppendNull()
	cols := []arrow.Array{i32.NewArray(), f32.NewArray(), d32.NewArray(), ts.NewArray(), dec.NewArray(), lst.NewArray()}
	var fields []arrow.Field
	for k, name := range []string{"i", "f", "d", "ts", "dec", "list"} {
		fields = append(fields, arrow.Field{Name: name, Type: cols[k].DataType(), Nullable: true})
	}
	tb, err := FromRecord(array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, 2))
	if err != nil {
		t.Fatal(err)
	}
	if tb.Ints("i")[0] != 7 || !tb.Col("i").IsNull(1) {
		t.Errorf("int32: %v", tb.Ints("i"))
	}
	if tb.Floats("f")[0] != 1.5 {
		t.Errorf("float32: %v", tb.Floats("f"))
	}
	if d := tb.Col("d"); d.Type != "date" || !d.TimeAt(0).Equal(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date32: %s %v", d.Type, d.TimeAt(0))
	}
	if got := tb.Times("ts")[0]; !got.Equal(time.UnixMilli(1_700_000_000_123)) || !tb.Col("ts").IsNull(1) {
		t.Errorf("timestamp[ms]: %v", got)
	}
	if d := tb.Floats("dec"); math.Abs(d[0]-12.345) > 1e-12 || math.Abs(d[1]+0.005) > 1e-12 {
		t.Errorf("decimal: %v", d)
	}
	if l := tb.Col("list"); l.Kind() != KindAny || l.Text(0) != "[1,2]" || !l.IsNull(1) {
		t.Errorf("list: %s %s", l.Kind(), l.Text(0))
	}
}
