package clients_test

import (
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestPandas runs pandas and SQLAlchemy 2 from the PyPI environment: to_sql (in chunks,
// method="multi", append; a column named "at", which DuckDB reserves), read_sql_table,
// read_sql_query with parameters, in chunks and with stream_results, against
// PostgreSQL and the sandbox.
func TestPandas(t *testing.T) {
	py := testenv.VenvPython(t, "pandas", "sqlalchemy", "psycopg2")
	want, got := runBoth(t, py, script("pandas_sql.py"))
	compareLines(t, "pandas", want, got, nil)
}

// TestPandasDebian runs the same script with Debian's pandas and SQLAlchemy 1.4.
func TestPandasDebian(t *testing.T) {
	py := testenv.Python(t, "pandas", "sqlalchemy", "psycopg2")
	want, got := runBoth(t, py, script("pandas_sql.py"))
	compareLines(t, "pandas (Debian)", want, got, nil)
}
