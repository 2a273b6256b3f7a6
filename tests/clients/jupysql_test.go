package clients_test

import (
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestJupySQL runs jupysql's %sql and %%sql (Jinja templates, result sets, DataFrames,
// errors) in an IPython kernel from the PyPI environment against PostgreSQL and the
// sandbox.
func TestJupySQL(t *testing.T) {
	py := testenv.VenvPython(t, "sql", "jupyter_client", "ipykernel", "psycopg2")
	clean := func(lines []string) []string {
		var out []string
		for _, l := range lines {
			if strings.HasPrefix(l, "cell") {
				out = append(out, l)
			}
		}
		return out
	}
	want, got := runBoth(t, py, script("jupysql_kernel.py"))
	want, got = clean(want), clean(got)
	if len(want) < 10 {
		t.Fatalf("jupysql ran %d cells against PostgreSQL", len(want))
	}
	compareLines(t, "jupysql", want, got, nil)
}
