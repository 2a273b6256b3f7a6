package table_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/examplecells"
	"github.com/sluice-dev/sluice/kernel"
)

// TestExamplesRunAsCells runs the body of every Example in example_test.go as a notebook
// cell, in a fresh session each, and checks the cell prints the example's Output.
func TestExamplesRunAsCells(t *testing.T) { examplecells.Run(t, "example_test.go", 10) }

// TestCellFailsOnWrongColumn checks what an analyst sees when a typed accessor meets a
// missing column or a column of another kind: a cell error naming the column, not a
// stack of table internals.
func TestCellFailsOnWrongColumn(t *testing.T) {
	for code, want := range map[string]string{
		`t := table.New(table.StringColumn("tier", []string{"gold"}))
best := t.Strings("teir")[0]
fmt.Println(best)`: `table: no column "teir"; the columns are: tier string`,
		`t := table.New(table.StringColumn("tier", []string{"gold"}), table.IntColumn("n", []int64{1}))
n := t.Ints("tier")
fmt.Println(n)`: `table: column "tier" is string, not an integer (read it with Strings); the columns are: tier string, n int`,
	} {
		err := cellError(t, code)
		var x *kernel.ExecError
		if !errors.As(err, &x) {
			t.Fatalf("cell error %v (%T), want a *kernel.ExecError", err, err)
		}
		if !strings.Contains(x.Value, want) {
			t.Errorf("error value %q lacks %q", x.Value, want)
		}
		tb := strings.Join(x.Traceback, "\n")
		if strings.Contains(tb, "table.go") || strings.Contains(tb, "column.go") || strings.Contains(tb, "goroutine ") {
			t.Errorf("traceback shows table internals:\n%s", tb)
		}
		if !strings.Contains(tb, "cell:2") {
			t.Errorf("traceback does not point at the cell's line 2:\n%s", tb)
		}
	}
}

func cellError(t *testing.T, code string) error {
	t.Helper()
	out, err := examplecells.Execute(t, code)
	if err == nil {
		t.Fatalf("cell succeeded, printing %q:\n%s", out, code)
	}
	return err
}
