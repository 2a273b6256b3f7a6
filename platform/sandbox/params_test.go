package sandbox_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestDifferentialParameters binds Go values of every common kind to untyped and typed
// placeholders, as %%sql's {{x}} does, and compares the columns and values pgx reads
// from PostgreSQL and from the sandbox.
func TestDifferentialParameters(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	values := []any{"hello", "", int64(42), int32(-7), 1.5, true, []byte{1, 2},
		time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	queries := []string{"SELECT $1 AS v", "SELECT $1::text AS v", "SELECT $1 AS v, $1 AS w",
		"SELECT v FROM (VALUES ('hello'), ('x')) AS t(v) WHERE v = $1"}
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeDescribeExec, pgx.QueryExecModeSimpleProtocol} {
		pg := connect(t, pgDSN, mode)
		sb := connect(t, srv.DSN(), mode)
		for _, q := range queries {
			for _, v := range values {
				a, b := paramResult(ctx, pg, q, v), paramResult(ctx, sb, q, v)
				if a != b {
					t.Errorf("%v %s with %T %v:\n  PostgreSQL: %s\n  sandbox:    %s", mode, q, v, v, a, b)
				}
			}
		}
	}
}

func paramResult(ctx context.Context, c *pgx.Conn, q string, args ...any) string {
	rows, err := c.Query(ctx, q, args...)
	if err != nil {
		return "ERROR " + sqlstateOf(err)
	}
	defer rows.Close()
	out := ""
	for _, f := range rows.FieldDescriptions() {
		out += fmt.Sprintf("%s:%d ", f.Name, f.DataTypeOID)
	}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return "ERROR " + err.Error()
		}
		out += fmt.Sprintf("%#v ", vals)
	}
	if err := rows.Err(); err != nil {
		return "ERROR " + sqlstateOf(err)
	}
	return out
}
