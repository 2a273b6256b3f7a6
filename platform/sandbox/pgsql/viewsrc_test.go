package pgsql

import "testing"

func TestViewSourceAliases(t *testing.T) {
	for in, want := range map[string]string{
		"CREATE VIEW v (a, b) AS SELECT id, q * 2 FROM t": " SELECT id AS a, q * 2 AS b FROM s.t;",
		"CREATE VIEW v (a) AS SELECT id, q FROM t":        " SELECT id AS a, q FROM s.t;",
		"CREATE VIEW v (a) AS SELECT * FROM t":            " SELECT * FROM s.t;",
	} {
		if got := ViewDef(in, "s"); got != want {
			t.Errorf("ViewDef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestViewSourceChange(t *testing.T) {
	for sql, n := range map[string]int{
		"CREATE VIEW v AS SELECT 1":              2,
		"CREATE OR REPLACE VIEW s.v AS SELECT 1": 2,
		"CREATE TEMP VIEW v AS SELECT 1":         0,
		"ALTER VIEW v RENAME TO w":               1,
		"ALTER TABLE v RENAME COLUMN a TO b":     0,
		"DROP VIEW v, s.w":                       2,
		"CREATE TABLE t (a int)":                 0,
		"SELECT 1":                               0,
	} {
		if got := len(ViewSourceChange(sql)); got != n {
			t.Errorf("ViewSourceChange(%q): %d statements, want %d", sql, got, n)
		}
	}
}
