package sandbox_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestPGFuncsParams binds Go values to parameters of the rewritten jsonb and array
// operators and of the Go functions, in pgx's three query modes, and compares what
// PostgreSQL and the sandbox return: a path or key list parameter is text[] as in
// PostgreSQL, an array operator's parameter takes the other side's list type.
func TestPGFuncsParams(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	cases := []struct {
		sql  string
		args []any
	}{
		{`SELECT '{"a":1}'::jsonb ? $1`, []any{"a"}},
		{`SELECT '{"a":1}'::jsonb ?| $1, '{"a":1}'::jsonb ?& $1`, []any{[]string{"a", "b"}}},
		{`SELECT ARRAY['a','b'] @> $1::text[]`, []any{[]string{"a"}}},
		{`SELECT ARRAY['a','b'] && $1, $1 <@ ARRAY['b', 'c']`, []any{[]string{"b"}}},
		{`SELECT ARRAY[1, 2] @> $1`, []any{[]int32{2}}},
		{`SELECT '{"a":{"b":2}}'::jsonb #>> $1, '{"a":{"b":2}}'::jsonb #> $1`, []any{[]string{"a", "b"}}},
		{`SELECT jsonb_set('{"a":1}', '{a}', $1)::text`, []any{"5"}},
		{`SELECT initcap($1), lpad($1, 6, '*'), quote_ident($1), string_to_array($1, ' ')`, []any{"ab cd"}},
		{`SELECT regexp_matches($1, '[0-9]', 'g')`, []any{"a1b2"}},
		{`SELECT (1, $1::int) = (1, 2), (1, $1::int) < (1, 3)`, []any{2}},
	}
	run := func(c *pgx.Conn, sql string, args []any) string {
		rows, err := c.Query(ctx, sql, args...)
		if err != nil {
			return "error: " + err.Error()
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				return "error: " + err.Error()
			}
			out = append(out, fmt.Sprint(vals))
		}
		if err := rows.Err(); err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprint(out)
	}
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement, pgx.QueryExecModeExec} {
		pg, sb := connect(t, pgDSN, mode), connect(t, srv.DSN(), mode)
		for _, c := range cases {
			want, got := run(pg, c.sql, c.args), run(sb, c.sql, c.args)
			if want != got {
				t.Errorf("%v %s %v:\n PostgreSQL %s\n sandbox    %s", mode, c.sql, c.args, want, got)
			}
		}
	}
}
