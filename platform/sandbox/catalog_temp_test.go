package sandbox_test

import (
	"regexp"
	"testing"
)

// tempSchemaN is the backend slot number in PostgreSQL's temporary schema names.
var tempSchemaN = regexp.MustCompile(`\bpg_(toast_)?temp_\d+\b`)

// TestPsqlTempTables creates TEMP tables, a temp view and an index on one, then runs
// psql's \dt, \d and \d+ in the same session against PostgreSQL and the sandbox: both
// list them in the session's schema pg_temp_N (N normalised), with their keys, and
// pg_class, pg_namespace and pg_attribute describe them.
func TestPsqlTempTables(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	script := []string{
		"CREATE TABLE keep (a int PRIMARY KEY)",
		"CREATE TEMP TABLE tmp (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x', v numeric(5,2))",
		"CREATE TEMPORARY TABLE tmp2 AS SELECT 1 AS one, 'a'::text AS t",
		"CREATE INDEX tmp_name ON tmp (name)",
		"CREATE TEMP VIEW tmpv AS SELECT id FROM tmp",
		"CREATE TEMP SEQUENCE tmp_seq START 3",
		`\dt`, `\d tmp`, `\d+ tmp`, `\d tmp2`, `\dv`, `\di`, `\d`, `\d tmpv`, `\ds`, `\d tmp_name`,
		`SELECT c.relname, c.relkind, c.relpersistence, n.nspname ~ '^pg_temp_\d+$' AS in_temp, n.oid = pg_my_temp_schema() AS mine
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relname IN ('keep', 'keep_pkey', 'tmp', 'tmp_pkey', 'tmp_name', 'tmp2', 'tmpv') ORDER BY 1`,
		`SELECT a.attname, a.attnum, a.attnotnull, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
			WHERE a.attrelid = 'tmp'::regclass AND a.attnum > 0 ORDER BY 2`,
		`SELECT count(*) FROM pg_namespace WHERE nspname ~ '^pg_(toast_)?temp_'`,
		`SELECT table_schema ~ '^pg_temp_\d+$', table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'tmp%' ORDER BY 2`,
		`SELECT pg_table_is_visible('tmp'::regclass), 'tmp'::regclass = 'pg_temp.tmp'::regclass`,
		"DROP TABLE tmp2",
		`\dt`,
		"DISCARD TEMP",
		`\dt`,
	}
	var args []string
	for _, s := range script {
		args = append(args, "-c", s)
	}
	want, werr := psqlDSN(t, pgDSN, args...)
	got, gerr := psqlDSN(t, srv.DSN(), args...)
	want = normalisePsql(tempSchemaN.ReplaceAllString(want, "pg_${1}temp_N"))
	got = normalisePsql(tempSchemaN.ReplaceAllString(got, "pg_${1}temp_N"))
	if (werr == nil) != (gerr == nil) || want != got {
		t.Errorf("psql differs\n--- PostgreSQL (%v):\n%s\n--- sandbox (%v):\n%s", werr, want, gerr, got)
	}
}
