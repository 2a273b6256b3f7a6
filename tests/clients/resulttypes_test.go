package clients_test

import (
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestResultTypesPandas reads aggregates (avg, sum, division, round, stddev, window
// functions) with pandas.read_sql_query and psycopg2 from PostgreSQL and the sandbox
// and compares the dtypes and the values' reprs: numeric is a Decimal with
// PostgreSQL's display scale, sum of integers an int64.
func TestResultTypesPandas(t *testing.T) {
	py := testenv.VenvPython(t, "pandas", "sqlalchemy", "psycopg2")
	want, got := runBoth(t, py, script("resulttypes_pandas.py"))
	compareLines(t, "pandas result types", want, got, nil)
}
