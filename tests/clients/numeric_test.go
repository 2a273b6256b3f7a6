package clients_test

import (
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestNumericPsycopg2 reads and writes numeric without precision through psycopg2
// (Python Decimals both ways) against PostgreSQL and the sandbox: values, digits and
// scales must be PostgreSQL's, except what platform/sandbox/DIFFERENCES.md lists.
func TestNumericPsycopg2(t *testing.T) {
	py := testenv.Python(t, "psycopg2")
	want, got := runBoth(t, py, script("numeric_psycopg2.py"))
	compareLines(t, "psycopg2 numeric", want, got, map[string]string{
		"wide":               "more than 12 decimals for an unbounded numeric column: refused with 22003",
		"cast_text_wide":     "more than 12 decimals: refused with 22003",
		"insert_select_wide": "a query's value with more than 12 decimals for an unbounded numeric column: refused with 22003",
		"copy_wide":          "more than 12 decimals for an unbounded numeric column: refused with 22003",
		"count":              "the rows refused (22003) are missing",
	})
}
