package table_test

import (
	"testing"

	"github.com/sluice-dev/sluice/internal/examplecells"
)

// TestGroupExamplesRunAsCells runs every Example of example_group_test.go (group-by,
// joins, pivot, Describe) as a notebook cell and checks it prints the example's Output;
// the helper functions the examples call (col) are declared in the cell first.
func TestGroupExamplesRunAsCells(t *testing.T) { examplecells.Run(t, "example_group_test.go", 10) }

// TestIOExamplesRunAsCells runs the CSV, Parquet and JSON examples (example_io_test.go)
// as cells.
func TestIOExamplesRunAsCells(t *testing.T) { examplecells.Run(t, "example_io_test.go", 3) }
