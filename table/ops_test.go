package table

import (
	"math"
	"strings"
	"testing"
	"time"
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

func TestFilterAndRow(t *testing.T) {
	tb := every(t)
	big := tb.Filter(func(r Row) bool { return !r.IsNull("i") && r.Float("i") > 0 })
	if big.NumRows() != 1 || big.Strings("s")[0] != "a" {
		t.Fatalf("filter:\n%s", big)
	}
	r := tb.Row(2)
	if r.Index() != 2 || r.String("s") != "" || r.Int("i") != -3 || r.Float("f") != -0.25 || r.Bool("b") ||
		!r.Time("ts").Equal(t0.Add(time.Hour)) || r.Value("j").([]any)[0] != "x" {
		t.Errorf("row 2 read wrong")
	}
	if n := tb.Row(1); !n.IsNull("s") || !math.IsNaN(n.Float("f")) || n.Value("ts") != nil || !n.Time("ts").IsZero() {
		t.Errorf("row 1 NULLs read wrong")
	}
	if err := panicOf(func() { tb.Filter(func(r Row) bool { return r.Int("s") > 0 }) }); err == nil ||
		!strings.Contains(err.Error(), `column "s" is string, not an integer`) || !strings.Contains(err.Error(), "ts timestamptz") {
		t.Errorf("wrong kind in a filter: %v", err)
	}
	if err := panicOf(func() { tb.Row(1).Float("nope") }); err == nil || !strings.Contains(err.Error(), `no column "nope"`) {
		t.Errorf("missing column in a row: %v", err)
	}
}

func TestWithComputedColumns(t *testing.T) {
	tb := every(t)
	w := tb.WithFloat("f2", func(r Row) float64 { return r.Float("f") * 2 }).
		WithString("label", func(r Row) string { return "row " + r.String("s") }).
		WithInt("i", func(r Row) int64 { return r.Int("i") + 1 }).
		WithBool("has_b", func(r Row) bool { return !r.IsNull("b") })
	if f := w.Floats("f2"); f[0] != 3 || !math.IsNaN(f[1]) {
		t.Errorf("f2 = %v", f)
	}
	if w.Strings("label")[0] != "row a" || w.Ints("i")[2] != -2 || w.Ints("i")[1] != 1 || w.Bools("has_b")[1] {
		t.Errorf("computed:\n%s", w)
	}
	if got := strings.Join(w.ColumnNames(), ","); got != "s,i,f,b,ts,j,f2,label,has_b" {
		t.Errorf("columns %s", got)
	}
}

func TestSortBy(t *testing.T) {
	tb, err := FromRows([]string{"tier", "score"}, [][]any{
		{"gold", 0.5}, {"silver", nil}, {"gold", 0.9}, {nil, 0.1}, {"bronze", math.NaN()}, {"silver", 0.7},
	})
	if err != nil {
		t.Fatal(err)
	}
	asc := tb.SortBy("tier", "score")
	if got := strings.Join(asc.Col("tier").Values2Text(), ","); got != "bronze,gold,gold,silver,silver,NULL" {
		t.Errorf("tier order %s", got)
	}
	if got := strings.Join(asc.Col("score").Values2Text(), ","); got != "NaN,0.5,0.9,0.7,NULL,0.1" {
		t.Errorf("score order %s", got)
	}
	desc := tb.SortByDesc("score")
	if got := strings.Join(desc.Col("score").Values2Text(), ","); got != "0.9,0.7,0.5,0.1,NULL,NaN" && got != "0.9,0.7,0.5,0.1,NaN,NULL" {
		t.Errorf("descending scores %s", got)
	}
	if desc.Strings("tier")[0] != "gold" {
		t.Error("rows did not move together")
	}
}

func TestSampleAndValueCounts(t *testing.T) {
	vals := make([]int64, 100)
	for i := range vals {
		vals[i] = int64(i)
	}
	tb := New(IntColumn("n", vals))
	a, b := tb.Sample(10, 7), tb.Sample(10, 7)
	if a.NumRows() != 10 || strings.Join(a.Col("n").Values2Text(), ",") != strings.Join(b.Col("n").Values2Text(), ",") {
		t.Fatal("the same seed drew different rows")
	}
	if c := tb.Sample(10, 8); strings.Join(c.Col("n").Values2Text(), ",") == strings.Join(a.Col("n").Values2Text(), ",") {
		t.Error("another seed drew the same rows")
	}
	if s := a.Ints("n"); !slicesSorted(s) {
		t.Errorf("sample not in table order: %v", s)
	}
	if tb.Sample(1000, 1).NumRows() != 100 {
		t.Error("oversampling did not return every row")
	}
	vc, err := FromRows([]string{"tier"}, [][]any{{"gold"}, {nil}, {"silver"}, {"gold"}, {nil}, {"bronze"}, {"gold"}})
	if err != nil {
		t.Fatal(err)
	}
	counts := vc.ValueCounts("tier")
	if got := strings.Join(counts.Col("tier").Values2Text(), ","); got != "gold,NULL,bronze,silver" {
		t.Errorf("values %s", got)
	}
	if got := counts.Ints("count"); got[0] != 3 || got[1] != 2 || got[2] != 1 || got[3] != 1 {
		t.Errorf("counts %v", got)
	}
	nan := New(FloatColumn("x", []float64{math.NaN(), 1, math.NaN()})).ValueCounts("x")
	if nan.NumRows() != 2 || nan.Ints("count")[0] != 2 {
		t.Errorf("NaN counted apart:\n%s", nan)
	}
}

func slicesSorted(s []int64) bool {
	for i := 1; i < len(s); i++ {
		if s[i] < s[i-1] {
			return false
		}
	}
	return true
}

func TestDense(t *testing.T) {
	tb := every(t)
	m := tb.Dense("i", "f", "b")
	if r, c := m.Dims(); r != 3 || c != 3 {
		t.Fatalf("dims %d×%d", r, c)
	}
	if m.At(0, 0) != 1 || m.At(0, 1) != 1.5 || m.At(0, 2) != 1 || !math.IsNaN(m.At(1, 1)) || m.At(2, 0) != -3 {
		t.Errorf("matrix values wrong")
	}
	back, err := FromDense(m, "i", "f", "b")
	if err != nil || back.Floats("f")[2] != -0.25 || back.Col("i").Kind() != KindFloat {
		t.Fatalf("FromDense: %v", err)
	}
	if _, err := FromDense(m, "one"); err == nil {
		t.Error("FromDense took one name for three columns")
	}
	if err := panicOf(func() { tb.Dense("s") }); err == nil || !strings.Contains(err.Error(), `column "s" is string, not a number`) {
		t.Errorf("Dense of a string column: %v", err)
	}
}
