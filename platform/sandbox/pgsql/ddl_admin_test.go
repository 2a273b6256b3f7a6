package pgsql

import (
	"strings"
	"testing"
)

func TestParseAdminKinds(t *testing.T) {
	for sql, want := range map[string]AdminKind{
		"GRANT SELECT ON t TO sluice":                          AdminNoop,
		"REVOKE ALL ON t FROM PUBLIC":                          AdminNoop,
		"ALTER TABLE t OWNER TO sluice":                        AdminNoop,
		"ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO x": AdminNoop,
		"SAVEPOINT s":                                   AdminSavepoint,
		"ROLLBACK TO SAVEPOINT s":                       AdminRollbackTo,
		"ROLLBACK TO s":                                 AdminRollbackTo,
		"RELEASE s":                                     AdminRelease,
		"EXPLAIN ANALYZE SELECT 1":                      AdminExplain,
		"CREATE INDEX ON t (a)":                         AdminIndex,
		"CREATE MATERIALIZED VIEW mv AS SELECT 1":       AdminMatView,
		"REFRESH MATERIALIZED VIEW mv":                  AdminRefresh,
		"DROP MATERIALIZED VIEW mv":                     AdminDropMatView,
		"DROP TABLE t CASCADE":                          AdminDropTable,
		"TRUNCATE t RESTART IDENTITY CASCADE":           AdminTruncate,
		"CREATE TABLE p (a int) PARTITION BY RANGE (a)": AdminRefuse,
		"NOTIFY ch":                                     AdminRefuse,
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'": AdminRefuse,
		"CREATE TABLE l (LIKE t INCLUDING ALL)":                      AdminCreateLike,
		"ALTER TABLE t RENAME COLUMN a TO b":                         AdminAlter,
		"ALTER TABLE t ADD COLUMN c int":                             AdminNone,
		"CREATE TABLE t (a int)":                                     AdminNone,
		"SELECT 1":                                                   AdminNone,
		"CREATE ROLE reader LOGIN":                                   AdminRefuse,
		"ALTER USER sluice WITH PASSWORD 'x'":                        AdminRefuse,
		"DROP ROLE IF EXISTS reader":                                 AdminNoop,
		"DROP ROLE IF EXISTS sluice":                                 AdminRefuse,
		"ALTER TABLE t RENAME COLUMN a TO b" + AdminDirect:           AdminNone,
	} {
		if got := ParseAdmin(sql).Kind; got != want {
			t.Errorf("%s: kind %d, want %d", sql, got, want)
		}
	}
}

func TestIndexNamesAndDefinitions(t *testing.T) {
	for _, c := range []struct{ sql, name, def, duck string }{
		{"CREATE INDEX ON orders (cust_id)", "orders_cust_id_idx",
			"CREATE INDEX orders_cust_id_idx ON public.orders USING btree (cust_id)", "CREATE INDEX orders_cust_id_idx ON orders (cust_id)"},
		{"CREATE INDEX ON cust (lower(name)) INCLUDE (email)", "cust_lower_email_idx",
			"CREATE INDEX cust_lower_email_idx ON public.cust USING btree (lower(name)) INCLUDE (email)", "CREATE INDEX cust_lower_email_idx ON cust ((lower(name)))"},
		{"CREATE INDEX ON cust ((id + 1)) WHERE id > 0", "cust_expr_idx",
			"CREATE INDEX cust_expr_idx ON public.cust USING btree (((id + 1))) WHERE (id > 0)", "CREATE INDEX cust_expr_idx ON cust ((id + 1))"},
		{"CREATE INDEX x ON s.t USING hash (\"Name\" DESC NULLS LAST, b NULLS FIRST)", "x",
			`CREATE INDEX x ON s.t USING hash ("Name" DESC NULLS LAST, b NULLS FIRST)`, `CREATE INDEX x ON s.t ("Name", b)`},
	} {
		a := ParseAdmin(c.sql)
		if a.Index == nil {
			t.Fatalf("%s: not an index", c.sql)
		}
		name := a.Index.Name
		if name == "" {
			name = a.Index.ChooseName(func(string) bool { return false })
		}
		if name != c.name {
			t.Errorf("%s: name %q, want %q", c.sql, name, c.name)
		}
		if d := a.Index.Definition(name); d != c.def {
			t.Errorf("%s: definition\n%s\nwant\n%s", c.sql, d, c.def)
		}
		if d := a.Index.DuckDB(name); d != c.duck {
			t.Errorf("%s: DuckDB\n%s\nwant\n%s", c.sql, d, c.duck)
		}
	}
	// PostgreSQL's clash numbering and its cut to 63 bytes.
	a := ParseAdmin("CREATE INDEX ON orders (cust_id)")
	taken := map[string]bool{"orders_cust_id_idx": true, "orders_cust_id_idx1": true}
	if got := a.Index.ChooseName(func(n string) bool { return taken[n] }); got != "orders_cust_id_idx2" {
		t.Errorf("clash: %s", got)
	}
	long := ParseAdmin("CREATE INDEX ON " + strings.Repeat("t", 40) + " (" + strings.Repeat("c", 40) + ")")
	if got := long.Index.ChooseName(func(string) bool { return false }); len(got) != 63 || !strings.HasSuffix(got, "_idx") {
		t.Errorf("long name %q (%d bytes)", got, len(got))
	}
}

func TestAlterRewritesIndexes(t *testing.T) {
	a := ParseAdmin("ALTER TABLE t RENAME COLUMN b TO bb")
	got, ok := a.Alter.Rewrite("CREATE INDEX t_b ON t(b);", true)
	if !ok || got != "CREATE INDEX t_b ON t (bb)" {
		t.Errorf("DuckDB index: %q %v", got, ok)
	}
	got, ok = a.Alter.Rewrite("CREATE INDEX t_b_idx ON public.t USING btree (b DESC) WHERE (b > 0)", false)
	if !ok || got != "CREATE INDEX t_b_idx ON public.t USING btree (bb DESC) WHERE (bb > 0)" {
		t.Errorf("definition: %q %v", got, ok)
	}
	r := ParseAdmin("ALTER TABLE t RENAME TO u")
	if got, _ := r.Alter.Rewrite("CREATE INDEX t_b ON t(b)", true); got != "CREATE INDEX t_b ON u (b)" {
		t.Errorf("renamed table: %q", got)
	}
}
