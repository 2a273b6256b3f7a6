package magics_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/kernel"
	"github.com/sluice-dev/sluice/kernel/engine"
)

// TestSQLOverGoTables runs %%sql --go cells through the real engine: the query reads the
// session's table variables by name, joins them, binds a {{parameter}}, and its result
// lands in a Go variable a later cell uses.
func TestSQLOverGoTables(t *testing.T) {
	e, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	run := func(code string) (string, string, error) {
		t.Helper()
		out := &strings.Builder{}
		res, err := e.Execute(context.Background(), code, &kernel.CellIO{Stdout: out, Stderr: out})
		txt := ""
		if res != nil {
			txt, _ = display.Render(res).Data["text/plain"].(string)
		}
		return txt, out.String(), err
	}
	must := func(code string) string {
		t.Helper()
		res, out, err := run(code)
		if err != nil {
			var x *kernel.ExecError
			if errors.As(err, &x) {
				t.Fatalf("cell %q: %s: %s", code, x.Name, x.Value)
			}
			t.Fatalf("cell %q: %v", code, err)
		}
		return res + out
	}
	must(`scores := table.New(table.IntColumn("id", []int64{1, 2, 3, 4}), table.FloatColumn("score", []float64{0.9, 0.2, 0.6, 0.8}))
People := table.New(table.IntColumn("id", []int64{1, 2, 3, 4}), table.StringColumn("tier", []string{"gold", "gold", "silver", ""}).WithNulls([]bool{false, false, false, true}))
cut := 0.5`)
	res := must("%%sql top << --go\nSELECT tier, count(*) AS n, sum(score) AS total FROM scores JOIN people USING (id)\nWHERE score > {{cut}} GROUP BY tier ORDER BY tier NULLS LAST")
	if !strings.Contains(res, "3 rows") || !strings.Contains(res, "in-kernel DuckDB") || !strings.Contains(res, "stored in top") {
		t.Fatalf("result:\n%s", res)
	}
	if got := must(`fmt.Println(top.Strings("tier"), top.Ints("n"), top.Col("tier").IsNull(2))`); !strings.Contains(got, "[gold silver ] [1 1 1] true") {
		t.Errorf("top: %s", got)
	}
	if got := must(`n := %sql --local --scalar SELECT count(*) FROM top
n * 10`); !strings.Contains(got, "30") {
		t.Errorf("scalar over a stored result: %s", got)
	}
	// The same --scalar check and message as on a query service.
	_, _, err = run(`%sql --local --scalar SELECT id FROM scores`)
	if v := errValue(err); !strings.Contains(v, "exactly one row and one column; the query returned 4 rows × 1 column") {
		t.Errorf("--scalar over 4 rows: %v %s", err, v)
	}
	_, _, err = run("%%sql --go\nSELECT * FROM nowhere")
	var x *kernel.ExecError
	if !errors.As(err, &x) || !strings.Contains(x.Value, "nowhere") || !strings.Contains(x.Value, "*table.Table variables") {
		t.Errorf("missing table: %v", err)
	}
	_, _, err = run("%%sql --go --conn other\nSELECT 1")
	if err == nil || !strings.Contains(err.Error()+errValue(err), "does not go with") {
		t.Errorf("--go --conn: %v", err)
	}
}

func errValue(err error) string {
	var x *kernel.ExecError
	if errors.As(err, &x) {
		return x.Value
	}
	return ""
}
