package sandbox_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

func connect(t testing.TB, dsn string, mode pgx.QueryExecMode) *pgx.Conn {
	t.Helper()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.DefaultQueryExecMode = mode
	c, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func TestPostgresHousekeeping(t *testing.T) {
	srv := startSandbox(t)
	ctx := context.Background()
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeSimpleProtocol} {
		c := connect(t, srv.DSN(), mode)
		if v := c.PgConn().ParameterStatus("standard_conforming_strings"); v != "on" {
			t.Errorf("standard_conforming_strings = %q", v)
		}
		if v := c.PgConn().ParameterStatus("server_version"); !strings.HasPrefix(v, "15.") {
			t.Errorf("server_version = %q", v)
		}
		var s string
		for q, want := range map[string]string{
			"SHOW server_version":              "15.0",
			"SHOW standard_conforming_strings": "on",
			"SHOW TRANSACTION ISOLATION LEVEL": "repeatable read",
			"SELECT current_database()":        "sluice",
		} {
			if err := c.QueryRow(ctx, q).Scan(&s); err != nil || s != want {
				t.Errorf("%s = %q, %v; want %q", q, s, err, want)
			}
		}
		if err := c.QueryRow(ctx, "select version()").Scan(&s); err != nil || !strings.HasPrefix(s, "PostgreSQL 15") || !strings.Contains(s, "DuckDB") {
			t.Errorf("version() = %q %v", s, err)
		}
		// PostgreSQL-only settings are accepted and ignored.
		for _, q := range []string{"SET extra_float_digits = 3", "SET application_name = 'x'", "SET statement_timeout = 0"} {
			if _, err := c.Exec(ctx, q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
		// BEGIN twice and COMMIT outside a transaction are tolerated as in PostgreSQL.
		for _, q := range []string{"BEGIN", "BEGIN", "COMMIT", "COMMIT", "ROLLBACK"} {
			if _, err := c.Exec(ctx, q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
		// A failed transaction reports 25P02 until rolled back, and COMMIT then rolls back.
		c.Exec(ctx, "CREATE TABLE IF NOT EXISTS t_abort (x int)")
		c.Exec(ctx, "BEGIN")
		c.Exec(ctx, "INSERT INTO t_abort VALUES (1)")
		if _, err := c.Exec(ctx, "SELECT * FROM nope"); err == nil {
			t.Error("missing table accepted")
		}
		if c.PgConn().TxStatus() != 'E' {
			t.Errorf("tx status %q after error in transaction, want E", c.PgConn().TxStatus())
		}
		_, err := c.Exec(ctx, "SELECT 1")
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "25P02" {
			t.Errorf("statement in failed transaction: %v", err)
		}
		tag, err := c.Exec(ctx, "COMMIT")
		if err != nil || tag.String() != "ROLLBACK" {
			t.Errorf("COMMIT of failed transaction: %q %v", tag, err)
		}
		var n int
		c.QueryRow(ctx, "SELECT count(*) FROM t_abort").Scan(&n)
		if n != 0 {
			t.Errorf("aborted insert kept: %d rows", n)
		}
		c.Exec(ctx, "DROP TABLE t_abort")
		// jsonb works as json.
		if err := c.QueryRow(ctx, `SELECT '{"a": {"b": "c"}}'::jsonb -> 'a' ->> 'b'`).Scan(&s); err != nil || s != "c" {
			t.Errorf("jsonb: %q %v", s, err)
		}
		// Catalog queries tools send.
		rows, err := c.Query(ctx, "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace LIMIT 5")
		if err != nil {
			t.Errorf("pg_catalog query: %v", err)
		} else {
			rows.Close()
		}
	}
}

func TestSimpleProtocolMultiStatement(t *testing.T) {
	srv := startSandbox(t)
	ctx := context.Background()
	c := connect(t, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
	// Later statements see the effects of earlier ones in the same query string.
	results, err := c.PgConn().Exec(ctx, "CREATE TABLE m (a int); INSERT INTO m VALUES (1), (2); SELECT sum(a) AS s FROM m").ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 || string(results[2].Rows[0][0]) != "3" || results[1].CommandTag.String() != "INSERT 0 2" {
		t.Fatalf("results: %+v", results)
	}
	// An error stops the rest and, the string being one implicit transaction block as in
	// PostgreSQL, rolls back the statements before it; the position counts from the
	// start of the whole string.
	_, err = c.PgConn().Exec(ctx, "INSERT INTO m VALUES (3); SELECT nocol FROM m; INSERT INTO m VALUES (4)").ReadAll()
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "42703" || pe.Position != 34 {
		t.Fatalf("error: %#v", err)
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT count(*) FROM m").Scan(&n); err != nil || n != 2 {
		t.Errorf("rows = %d %v, want 2 (the INSERT before the error rolled back)", n, err)
	}
}
