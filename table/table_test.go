package table

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
)

var t0 = time.Date(2024, 3, 1, 14, 5, 9, 123456000, time.UTC)

// every returns a table with one column of each kind the query service returns, each
// with a NULL in row 1.
func every(t *testing.T) *Table {
	t.Helper()
	tb, err := FromRows([]string{"s", "i", "f", "b", "ts", "j"}, [][]any{
		{"a", 1, 1.5, true, t0, map[string]any{"k": 1.0}},
		{nil, nil, nil, nil, nil, nil},
		{"", int64(-3), -0.25, false, t0.Add(time.Hour), []any{"x"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tb.Columns[1].Type = "int8"
	tb.Columns[4].Type = "timestamptz"
	return tb
}

func TestKindsAndNullRules(t *testing.T) {
	tb := every(t)
	want := []Kind{KindString, KindInt, KindFloat, KindBool, KindTime, KindAny}
	for j, c := range tb.Columns {
		if c.Kind() != want[j] {
			t.Errorf("column %s: kind %v, want %v", c.Name, c.Kind(), want[j])
		}
		if !c.IsNull(1) || c.Valid(1) || c.IsNull(0) || c.NullCount() != 1 || c.Value(1) != nil {
			t.Errorf("column %s: NULL not kept in row 1", c.Name)
		}
		if (c.Arrow() == nil) != (c.Kind() == KindAny) {
			t.Errorf("column %s: Arrow array %v", c.Name, c.Arrow())
		}
	}
	if s := tb.Strings("s"); s[0] != "a" || s[1] != "" || s[2] != "" || !tb.Col("s").IsNull(1) || tb.Col("s").IsNull(2) {
		t.Errorf("strings %q: NULL must be \"\" and stay distinct from the empty string", s)
	}
	if i := tb.Ints("i"); i[0] != 1 || i[1] != 0 || i[2] != -3 {
		t.Errorf("ints %v", i)
	}
	if f := tb.Floats("f"); f[0] != 1.5 || !math.IsNaN(f[1]) || f[2] != -0.25 {
		t.Errorf("floats %v", f)
	}
	if f := tb.Floats("i"); f[0] != 1 || !math.IsNaN(f[1]) {
		t.Errorf("ints as floats %v", f)
	}
	if b := tb.Bools("b"); !b[0] || b[1] || b[2] {
		t.Errorf("bools %v", b)
	}
	if ts := tb.Times("ts"); !ts[0].Equal(t0) || !ts[1].IsZero() || ts[0].Location() != time.UTC {
		t.Errorf("times %v", ts)
	}
	if v := tb.Values("j"); v[1] != nil || v[2].([]any)[0] != "x" {
		t.Errorf("values %v", v)
	}
	if tb.Col("f").Text(1) != "NULL" || tb.Col("i").Text(0) != "1" {
		t.Errorf("text forms %q %q", tb.Col("f").Text(1), tb.Col("i").Text(0))
	}
}

func TestFloatColumnIsZeroCopy(t *testing.T) {
	vals := []float64{1, 2, 3}
	c := FloatColumn("x", vals)
	if &c.Floats()[0] != &vals[0] {
		t.Error("FloatColumn copied its values")
	}
	if a := c.Arrow().(*array.Float64); &a.Float64Values()[0] != &vals[0] {
		t.Error("the Arrow array does not share the slice")
	}
	ints := []int64{4, 5}
	if ic := IntColumn("n", ints); &ic.Ints()[0] != &ints[0] {
		t.Error("IntColumn copied its values")
	}
}

func TestTypedAccessFailsClearly(t *testing.T) {
	tb := every(t)
	cases := []struct {
		f    func()
		want []string
	}{
		{func() { tb.Strings("tier") }, []string{`no column "tier"`, "s string", "i int8", "ts timestamptz"}},
		{func() { tb.Ints("s") }, []string{`column "s" is string, not an integer`, "read it with Strings", "j any"}},
		{func() { tb.Floats("ts") }, []string{`column "ts" is timestamptz, not a number`, "Times"}},
		{func() { tb.Col("f").Strings() }, []string{`column "f" is float, not text`, "Floats"}},
		{func() { New().Col("x") }, []string{`no column "x"; the table has no columns`}},
	}
	for _, c := range cases {
		err := panicOf(c.f)
		var ce *ColumnError
		if !errors.As(err, &ce) {
			t.Fatalf("panic %v (%T), want a *ColumnError", err, err)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("message %q lacks %q", err, w)
			}
		}
	}
	if _, err := tb.Column("nope"); err == nil {
		t.Error("Column of a missing name succeeded")
	}
}

func panicOf(f func()) (err error) {
	defer func() { err, _ = recover().(error) }()
	f()
	return nil
}

func TestBuilderAndArrowColumn(t *testing.T) {
	b := NewBuilder("v", "float8", KindFloat)
	b.AppendFloat(1)
	b.AppendNull()
	b.AppendInt(3)
	if err := b.Append("x"); err == nil || b.Len() != 3 {
		t.Fatalf("Append of a string into a float column: %v, %d rows", err, b.Len())
	}
	c := b.Finish()
	if c.Type != "float8" || c.Len() != 3 || !math.IsNaN(c.Floats()[1]) || c.Floats()[2] != 3 {
		t.Fatalf("built %v", c.Floats())
	}
	if b.Len() != 0 {
		t.Error("Finish did not reset the builder")
	}
	back, err := ArrowColumn("v", "", c.Arrow())
	if err != nil || !back.IsNull(1) || back.FloatAt(0) != 1 {
		t.Fatalf("ArrowColumn: %v", err)
	}
	if _, err := ArrowColumn("x", "", array.NewNull(2)); err == nil {
		t.Error("a null-typed Arrow array became a column")
	}
}

func TestFromStructs(t *testing.T) {
	type trial struct {
		ID     int       `json:"trial"`
		Model  string    `json:"model"`
		AUC    float64   `json:"auc"`
		Best   bool      `json:"best"`
		At     time.Time `json:"at"`
		Depth  *int      `json:"depth"`
		Params map[string]any
		hidden int
		Skip   string `json:"-"`
	}
	d := 6
	tb, err := FromStructs([]*trial{
		{ID: 1, Model: "gbm", AUC: 0.87, Best: true, At: t0, Depth: &d, Params: map[string]any{"lr": 0.1}},
		nil,
		{ID: 2, Model: "lr", AUC: 0.81, At: t0},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tb.ColumnNames(), ","); got != "trial,model,auc,best,at,depth,Params" {
		t.Fatalf("columns = %s", got)
	}
	if depth := tb.Col("depth"); depth.Kind() != KindInt || depth.IsNull(0) || !depth.IsNull(1) || !depth.IsNull(2) {
		t.Error("depth NULLs wrong")
	}
	if !strings.Contains(tb.String(), `{"lr":0.1}`) || tb.Col("Params").TypeName() != "map[string]interface {}" {
		t.Errorf("text:\n%s", tb.String())
	}
	if _, err := FromStructs([]int{1}); err == nil {
		t.Error("slice of ints accepted")
	}
}

func TestRowBuilderIsAllOrNothing(t *testing.T) {
	rb := NewRowBuilder(NewBuilder("a", "", KindInt), NewBuilder("b", "", KindString))
	if err := rb.Append(1, "x"); err != nil {
		t.Fatal(err)
	}
	if err := rb.Append("no", "y"); err == nil || rb.Len() != 1 {
		t.Fatalf("a bad row: %v, %d rows", err, rb.Len())
	}
	if tb := rb.Table(); tb.NumRows() != 1 || tb.Strings("b")[0] != "x" {
		t.Fatalf("table %v", tb)
	}
}

// Values2Text lists the column's display text, for compact assertions.
func (c *Column) Values2Text() []string {
	out := make([]string, c.Len())
	for i := range out {
		out[i] = c.Text(i)
	}
	return out
}

func TestTypedSlicesAreMadeOnce(t *testing.T) {
	tb := every(t)
	if a, b := tb.Strings("s"), tb.Strings("s"); &a[0] != &b[0] {
		t.Error("Strings copies the column at every call")
	}
	if a, b := tb.Times("ts"), tb.Col("ts").Times(); &a[0] != &b[0] {
		t.Error("Times copies the column at every call")
	}
	if a, b := tb.Bools("b"), tb.Rename("b", "c").Bools("c"); &a[0] != &b[0] {
		t.Error("a renamed column does not share its values")
	}
}

func TestStringColumnPastInt32Offsets(t *testing.T) {
	b := NewBuilder("s", "", KindString)
	b.maxOffset = 8 // stands for 2 GiB
	for _, s := range []string{"abcd", "", "efgh"} {
		b.AppendString(s)
	}
	b.AppendNull()
	b.AppendString("ijkl")
	c := b.Finish()
	if _, ok := c.Arrow().(*array.LargeString); !ok {
		t.Fatalf("Arrow type %s, want large_utf8", c.Arrow().DataType())
	}
	if got := strings.Join(c.Strings(), ","); got != "abcd,,efgh,,ijkl" || !c.IsNull(3) || c.IsNull(1) {
		t.Errorf("values %q", got)
	}
	if back, err := ArrowColumn("s", "", c.Arrow()); err != nil || back.StringAt(4) != "ijkl" {
		t.Errorf("ArrowColumn of large_utf8: %v", err)
	}
}
