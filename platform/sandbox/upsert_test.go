package sandbox_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestUpsertParams runs upserts with parameters (the extended protocol as drivers send
// them, and pgx's simple protocol): NULL keys proposed twice are all inserted by DO
// NOTHING, a key proposed twice for DO UPDATE is 21000, and the rows RETURNING gives.
func TestUpsertParams(t *testing.T) {
	srv := startSandbox(t)
	ctx := context.Background()
	for i, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeSimpleProtocol} {
		c := connect(t, srv.DSN(), mode)
		tbl := fmt.Sprintf("up_params%d", i)
		exec := func(q string, args ...any) (pgconn.CommandTag, error) {
			return c.Exec(ctx, fmt.Sprintf(q, tbl), args...)
		}
		if _, err := exec("CREATE TABLE %s (id int PRIMARY KEY, k text UNIQUE, v int)"); err != nil {
			t.Fatal(err)
		}
		tag, err := exec("INSERT INTO %s VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT DO NOTHING", 1, nil, 1, 2, nil, 2)
		if err != nil || tag.RowsAffected() != 2 {
			t.Fatalf("%v: NULL keys with DO NOTHING: %v %v, want INSERT 0 2", mode, tag, err)
		}
		tag, err = exec("INSERT INTO %s VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT (k) DO NOTHING", 3, "a", 3, 4, "a", 4)
		if err != nil || tag.RowsAffected() != 1 {
			t.Fatalf("%v: a key proposed twice with DO NOTHING: %v %v, want INSERT 0 1", mode, tag, err)
		}
		_, err = exec("INSERT INTO %s VALUES ($1, $2, $3), ($1, $4, $5) ON CONFLICT (id) DO UPDATE SET v = excluded.v", 5, "b", 5, "c", 6)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "21000" {
			t.Fatalf("%v: a key proposed twice with DO UPDATE: %v, want 21000", mode, err)
		}
		var v int
		err = c.QueryRow(ctx, fmt.Sprintf("INSERT INTO %s VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT %s_pkey DO UPDATE SET v = excluded.v + 10 RETURNING v", tbl, tbl), 1, "z", 7).Scan(&v)
		if err != nil || v != 17 {
			t.Fatalf("%v: ON CONFLICT ON CONSTRAINT: %d %v, want 17", mode, v, err)
		}
		var n, nulls int
		if err := c.QueryRow(ctx, fmt.Sprintf("SELECT count(*), count(*) FILTER (WHERE k IS NULL) FROM %s", tbl)).Scan(&n, &nulls); err != nil || n != 3 || nulls != 2 {
			t.Fatalf("%v: rows %d, NULL keys %d (%v), want 3 and 2", mode, n, nulls, err)
		}
		_, err = exec("CREATE TABLE %s_child (id int REFERENCES up_params0 (id) ON DELETE CASCADE)")
		if !errors.As(err, &pe) || pe.Code != "0A000" {
			t.Fatalf("%v: ON DELETE CASCADE: %v, want 0A000", mode, err)
		}
		c.Close(ctx)
	}
}

// TestDuplicateKeyDetail checks the detail of a unique violation: PostgreSQL's
// `Key (a, b)=(x, 1) already exists.`, and 23505.
func TestDuplicateKeyDetail(t *testing.T) {
	ctx := context.Background()
	c := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement)
	if _, err := c.Exec(ctx, "CREATE TABLE up_dup (id int PRIMARY KEY, a text, b int, UNIQUE (a, b)); INSERT INTO up_dup VALUES (1, 'x', 1)"); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"INSERT INTO up_dup VALUES (1, 'y', 2)": "Key (id)=(1) already exists.",
		"INSERT INTO up_dup VALUES (2, 'x', 1)": "Key (a, b)=(x, 1) already exists.",
	} {
		_, err := c.Exec(ctx, q)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23505" || pe.Detail != want {
			t.Errorf("%s: %v (detail %q), want 23505 with %q", q, err, detailOf(pe), want)
		}
	}
}

func detailOf(pe *pgconn.PgError) string {
	if pe == nil {
		return ""
	}
	return pe.Detail
}
