package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestUpsertKeysParameters runs INSERT … ON CONFLICT over a table with several keys
// with its values bound as parameters, in pgx's three modes, on PostgreSQL and on the
// sandbox, and compares each statement's rows (RETURNING) or SQLSTATE.
func TestUpsertKeysParameters(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	type step struct {
		sql  string
		args []any
	}
	steps := []step{
		{"INSERT INTO ukp_t VALUES ($1, $2, $3)", []any{1, 10, "a"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT DO NOTHING RETURNING id, k, v", []any{1, 20, "b", 2, 20, "c"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT DO NOTHING RETURNING id, k, v", []any{3, 10, "d", 3, 30, "e"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3), ($4, $5, $6), ($7, $8, $9) ON CONFLICT DO NOTHING RETURNING id, k, v",
			[]any{4, nil, "f", 4, 40, "g", 5, nil, "h"}},
		{"INSERT INTO ukp_t (id, k, v) SELECT g, $1::int + g, $2 FROM generate_series(6, 8) g ON CONFLICT DO NOTHING RETURNING id, k", []any{100, "s"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET v = $4 WHERE ukp_t.v <> $4 RETURNING id, v", []any{1, 10, "x", "upd"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET v = $4 WHERE ukp_t.v <> $4 RETURNING id, v", []any{1, 10, "x", "upd"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT (id) DO UPDATE SET k = excluded.k::text::int RETURNING id, k", []any{2, 21, "c", 9, 90, "i"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3) ON CONFLICT (k) DO NOTHING", []any{1, 99, "z"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET v = $4 RETURNING id, v", []any{1, 10, "x", "upd2"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET v = $4 RETURNING id", []any{1, 10, "x", "upd3"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET v = $4", []any{1, 10, "x", "upd4"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET v = 'q' RETURNING id, v", []any{1, 10, "x"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET v = 'q' WHERE ukp_t.v <> $4 RETURNING id, v", []any{1, 10, "x", "zz"}},
		{"INSERT INTO ukp_t VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT (id) DO UPDATE SET (k, v) = ($7, excluded.v || $8) WHERE ukp_t.k < $7 RETURNING id, k, v",
			[]any{1, 10, "x", 50, 500, "y", 11, "!"}},
		{"SELECT id, k, v FROM ukp_t ORDER BY id", nil},
	}
	run := func(c *pgx.Conn, mode pgx.QueryExecMode, s step) string {
		rows, err := c.Query(ctx, s.sql, append([]any{mode}, s.args...)...)
		if err != nil {
			return "ERROR " + sqlstateOf(err)
		}
		var out []string
		for rows.Next() {
			vals, _ := rows.Values()
			out = append(out, fmt.Sprint(vals...))
		}
		if err := rows.Err(); err != nil {
			return "ERROR " + sqlstateOf(err)
		}
		return rows.CommandTag().String() + " " + strings.Join(out, " | ")
	}
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol} {
		var got [2][]string
		for i, dsn := range []string{pgDSN, srv.DSN()} {
			c := connect(t, dsn, mode)
			for _, q := range []string{"DROP TABLE IF EXISTS ukp_t", "CREATE TABLE ukp_t (id int PRIMARY KEY, k int UNIQUE, v text)"} {
				if _, err := c.Exec(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			for _, s := range steps {
				got[i] = append(got[i], run(c, mode, s))
			}
			if _, err := c.Exec(ctx, "DROP TABLE ukp_t"); err != nil {
				t.Fatal(err)
			}
		}
		for j, s := range steps {
			if got[0][j] != got[1][j] {
				t.Errorf("%v: %s %v\n    PostgreSQL: %s\n    sandbox:    %s", mode, s.sql, s.args, got[0][j], got[1][j])
			}
		}
		t.Logf("%v: %s", mode, strings.Join(got[1], "\n"))
	}
}
