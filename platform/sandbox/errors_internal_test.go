package sandbox

import "testing"

// TestNamePosition: where DuckDB showed a rewritten statement, the error points at the
// name its message is about, where the client wrote it (PostgreSQL's position).
func TestNamePosition(t *testing.T) {
	for _, c := range []struct {
		sql, name string
		want      int
	}{
		{"SELECT nosuch FROM (SELECT 1) AS s", "nosuch", 8},
		{"SELECT a_nosuch, NoSuch FROM t", "nosuch", 18},
		{`SELECT "Mixed" FROM t`, "Mixed", 8},
		{"SELECT é, x FROM t", "x", 11},
		{"SELECT xx FROM t", "x", 0},
	} {
		if got := namePosition(c.sql, c.name); got != c.want {
			t.Errorf("namePosition(%q, %q) = %d, want %d", c.sql, c.name, got, c.want)
		}
	}
}
