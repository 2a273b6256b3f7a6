package table

import (
	"math"
	"strings"
	"testing"
)

func TestSliceHeadTailTake(t *testing.T) {
	tb := every(t)
	h := tb.Head(2)
	if h.NumRows() != 2 || !h.Col("ts").IsNull(1) || h.Strings("s")[0] != "a" {
		t.Fatalf("head:\n%s", h)
	}
	if tl := tb.Tail(1); tl.NumRows() != 1 || tl.Ints("i")[0] != -3 || tl.Col("j").IsNull(0) {
		t.Fatalf("tail:\n%s", tl)
	}
	if tb.Head(10).NumRows() != 3 || tb.Tail(-1).NumRows() != 0 {
		t.Error("Head/Tail do not clamp")
	}
	tk := tb.Take([]int{2, 1, 2})
	for _, c := range tk.Columns {
		if c.IsNull(0) || !c.IsNull(1) || c.IsNull(2) || c.Text(0) != tb.Col(c.Name).Text(2) {
			t.Errorf("take column %s: %s %s %s", c.Name, c.Text(0), c.Text(1), c.Text(2))
		}
	}
}

func TestSelectDropRenameWithColumn(t *testing.T) {
	tb := every(t)
	if got := strings.Join(tb.Select("f", "s").ColumnNames(), ","); got != "f,s" {
		t.Errorf("select: %s", got)
	}
	if got := strings.Join(tb.Drop("j", "i").ColumnNames(), ","); got != "s,f,b,ts" {
		t.Errorf("drop: %s", got)
	}
	r := tb.Rename("s", "name")
	if !r.Has("name") || r.Has("s") || !tb.Has("s") || r.Col("name").IsNull(1) != true {
		t.Errorf("rename changed the source or lost NULLs: %v / %v", r.ColumnNames(), tb.ColumnNames())
	}
	w := tb.WithColumn(FloatColumn("f", []float64{9, 8, 7}))
	if w.Floats("f")[1] != 8 || !math.IsNaN(tb.Floats("f")[1]) || w.NumCols() != tb.NumCols() {
		t.Error("WithColumn did not replace the column in a copy")
	}
	if err := panicOf(func() { tb.Select("nope") }); err == nil || !strings.Contains(err.Error(), `no column "nope"`) {
		t.Errorf("select of a missing column: %v", err)
	}
}

func TestConcat(t *testing.T) {
	tb := every(t)
	c, err := Concat(tb, tb.Tail(1))
	if err != nil {
		t.Fatal(err)
	}
	if c.NumRows() != 4 || !c.Col("b").IsNull(1) || c.Ints("i")[3] != -3 || c.Col("i").Type != "int8" {
		t.Fatalf("concat:\n%s", c)
	}
	mixed, err := Concat(New(IntColumn("x", []int64{1})), New(FloatColumn("x", []float64{2.5})))
	if err != nil || mixed.Col("x").Kind() != KindFloat || mixed.Floats("x")[1] != 2.5 {
		t.Fatalf("int onto float: %v", err)
	}
	if _, err := Concat(tb, tb.Select("s")); err == nil {
		t.Error("concat of different columns succeeded")
	}
}
