package tabletest

import (
	"testing"
	"time"

	"github.com/sluice-dev/sluice/table"
)

func TestEveryKind(t *testing.T) {
	day := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	tb := EveryKind([]any{"x", int64(1), 1.5, true, day, []any{1.0}}, []any{nil, nil, nil, nil, nil, nil})
	kinds := []table.Kind{table.KindString, table.KindInt, table.KindFloat, table.KindBool, table.KindTime, table.KindAny}
	types := []string{"text", "int8", "float8", "bool", "timestamptz", "jsonb"}
	if tb.NumCols() != 6 || tb.NumRows() != 2 {
		t.Fatalf("%d columns, %d rows", tb.NumCols(), tb.NumRows())
	}
	for j, c := range tb.Columns {
		if c.Kind() != kinds[j] || c.Type != types[j] || !c.IsNull(1) || c.IsNull(0) {
			t.Errorf("column %s: kind %v type %q nulls %v %v", c.Name, c.Kind(), c.Type, c.IsNull(0), c.IsNull(1))
		}
	}
	if got := Texts(tb.Col("i")); got != "1,NULL" {
		t.Errorf("Texts(i) = %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("a row of the wrong width did not panic")
		}
	}()
	EveryKind([]any{"x"})
}
