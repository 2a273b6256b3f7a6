package tablesql_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/examplecells"
	"github.com/sluice-dev/sluice/kernel"
)

// TestExamplesRunAsCells runs the body of every Example in example_test.go as a notebook
// cell in a fresh session and checks the cell prints the example's Output.
func TestExamplesRunAsCells(t *testing.T) { examplecells.Run(t, "example_test.go", 4) }

// TestWhereFailsTheCell checks a bad expression fails the cell with DuckDB's message.
func TestWhereFailsTheCell(t *testing.T) {
	_, err := examplecells.Execute(t, `t := table.New(table.IntColumn("n", []int64{1}))
u := tablesql.Where(t, "spend > 1")
fmt.Println(u)`)
	var x *kernel.ExecError
	if !errors.As(err, &x) || !strings.Contains(x.Value, "spend") {
		t.Fatalf("error %v", err)
	}
}
