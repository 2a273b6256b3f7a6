package catalog

import (
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

// TestConformConvertsStrings checks the conversion of text columns to every field type:
// parsed values, blanks as NULL, and one bad row per type naming the problem.
func TestConformConvertsStrings(t *testing.T) {
	d := &Dataset{Name: "typed", Fields: []Field{{Name: "i", Type: TypeInt}, {Name: "f", Type: TypeFloat},
		{Name: "b", Type: TypeBool}, {Name: "ts", Type: TypeTimestamp}, {Name: "d", Type: TypeDate}}}
	in := table.New(
		table.StringColumn("i", []string{"7", "", "x"}),
		table.StringColumn("f", []string{"1.5", " ", "y"}),
		table.StringColumn("b", []string{"t", "", "maybe"}),
		table.StringColumn("ts", []string{"2024-05-01T12:00:00Z", "", "soon"}),
		table.StringColumn("d", []string{"2024-05-01", "", "05/01"}),
	)
	_, bad, err := d.conform(in, 2)
	if err != nil {
		t.Fatal(err)
	}
	if bad == nil || bad.Total != 5 {
		t.Fatalf("bad rows %v, want 5", bad)
	}
	for _, want := range []string{"line 4, field i: not an integer", "line 4, field f: not a number",
		"line 4, field b: not a boolean", "line 4, field ts: not a timestamp", "line 4, field d: not a date"} {
		if !strings.Contains(bad.Error(), want) {
			t.Errorf("bad rows %q lack %q", bad.Error(), want)
		}
	}
	// Without the bad third row the table converts.
	in = in.Head(2)
	out, bad, err := d.conform(in, 2)
	if err != nil || bad != nil {
		t.Fatalf("clean rows: %v %v", bad, err)
	}
	col := func(name string) *table.Column {
		c, err := out.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := col("i"); c.IntAt(0) != 7 || !c.IsNull(1) {
		t.Errorf("int column %+v", c)
	}
	if c := col("f"); c.FloatAt(0) != 1.5 || !c.IsNull(1) {
		t.Errorf("float column %+v", c)
	}
	if c := col("b"); !c.BoolAt(0) || !c.IsNull(1) {
		t.Errorf("bool column %+v", c)
	}
	if c := col("ts"); !c.TimeAt(0).Equal(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)) || !c.IsNull(1) {
		t.Errorf("timestamp column %+v", c)
	}
	if c := col("d"); c.StringAt(0) != "2024-05-01" || !c.IsNull(1) || c.Kind() != table.KindString {
		t.Errorf("date column %+v", c)
	}
}

// TestConformRejectsNilColumn checks that a nil column is an error, not a panic.
func TestConformRejectsNilColumn(t *testing.T) {
	d := &Dataset{Name: "typed", Fields: []Field{{Name: "i", Type: TypeInt}}}
	_, _, err := d.conform(table.New(table.IntColumn("i", []int64{1}), nil), 0)
	if err == nil || !strings.Contains(err.Error(), "column 1 of the table is nil") {
		t.Fatalf("nil column: %v", err)
	}
}
