package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestVarlenParameters writes strings bound as parameters (pgx's extended protocol,
// with and without a described statement, and its client-side interpolation) and
// loaded by COPY FROM (pgx's binary CopyFrom, text and CSV) into columns declared
// varchar(n) and char(n), on PostgreSQL and on the sandbox, and compares what each
// statement gives: the rows, or the SQLSTATE (22001 for a value too long).
func TestVarlenParameters(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	type step struct {
		sql  string
		args []any
	}
	steps := []step{
		{"INSERT INTO vlp_t VALUES ($1, $2, $3)", []any{1, "abc", "xyz"}},
		{"INSERT INTO vlp_t VALUES ($1, $2, $3)", []any{2, "abcd", "x"}},
		{"INSERT INTO vlp_t VALUES ($1, $2, $3)", []any{3, "ab", "wxyz"}},
		{"INSERT INTO vlp_t VALUES ($1, $2, $3)", []any{4, "ab   ", "a    "}},
		{"INSERT INTO vlp_t VALUES ($1, $2, $3)", []any{5, "é€ü", "ñ"}},
		{"INSERT INTO vlp_t VALUES ($1, $2, $3)", []any{6, "é€üx", "ñ"}},
		{"INSERT INTO vlp_t (id, v) VALUES ($1, $2), ($3, $4)", []any{7, "ok", 8, "too long"}},
		{"INSERT INTO vlp_t (id, v) VALUES ($1, $2::varchar(3))", []any{9, "truncated"}},
		{"UPDATE vlp_t SET v = $1 WHERE id = $2", []any{"wxyz", 1}},
		{"UPDATE vlp_t SET v = $1, c = $2 WHERE id = $3", []any{"w  ", "q ", 1}},
		{"INSERT INTO vlp_t (id, v) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET v = $3", []any{1, "a", "long"}},
		{"INSERT INTO vlp_t (id, v) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET v = $3", []any{1, "a", "lon "}},
		{"INSERT INTO vlp_t (id, v) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", []any{1, "long"}},
		{"SELECT $1::varchar(2) AS a, $2::char(4) AS b", []any{"abcdef", "ab"}},
		{"SELECT id FROM vlp_t WHERE c = $1 ORDER BY id", []any{"a"}},
		{"SELECT id FROM vlp_t WHERE c = $1 ORDER BY id", []any{"a  "}},
		{"SELECT id FROM vlp_t WHERE c IN ($1, $2) ORDER BY id", []any{"a ", "q  "}},
		{"UPDATE vlp_t SET v = $1 WHERE c = $2 RETURNING id, v", []any{"upd", "a  "}},
		{"SELECT id, v, c, length(c) AS lc FROM vlp_t ORDER BY id", nil},
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
	modes := []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol}
	for _, mode := range modes {
		var got [2][]string
		for i, dsn := range []string{pgDSN, srv.DSN()} {
			c := connect(t, dsn, mode)
			for _, q := range []string{"DROP TABLE IF EXISTS vlp_t", "CREATE TABLE vlp_t (id int PRIMARY KEY, v varchar(3), c char(3))"} {
				if _, err := c.Exec(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			for _, s := range steps {
				got[i] = append(got[i], run(c, mode, s))
			}
			// COPY FROM: binary (pgx), text and CSV.
			_, err := c.CopyFrom(ctx, pgx.Identifier{"vlp_t"}, []string{"id", "v", "c"},
				pgx.CopyFromRows([][]any{{20, "ab ", "c  "}, {21, "abc", "d"}}))
			got[i] = append(got[i], fmt.Sprintf("copy binary: %v", err == nil))
			_, err = c.CopyFrom(ctx, pgx.Identifier{"vlp_t"}, []string{"id", "v", "c"}, pgx.CopyFromRows([][]any{{22, "abcd", "c"}}))
			got[i] = append(got[i], "copy binary too long: "+errState(err))
			_, err = c.PgConn().CopyFrom(ctx, strings.NewReader("23\tab  \tx  \n"), "COPY vlp_t (id, v, c) FROM STDIN")
			got[i] = append(got[i], "copy text: "+errState(err))
			_, err = c.PgConn().CopyFrom(ctx, strings.NewReader("24,abcd,x\n"), "COPY vlp_t (id, v, c) FROM STDIN (FORMAT csv)")
			got[i] = append(got[i], "copy csv too long: "+errState(err))
			_, err = c.PgConn().CopyFrom(ctx, strings.NewReader("25,\"é€ü \",\"yy \"\n"), "COPY vlp_t (id, v, c) FROM STDIN (FORMAT csv)")
			got[i] = append(got[i], "copy csv: "+errState(err))
			got[i] = append(got[i], run(c, mode, step{"SELECT id, v, c, length(c) AS lc, c::text || '|' AS ct FROM vlp_t WHERE id >= 20 ORDER BY id", nil}))
			if _, err := c.Exec(ctx, "DROP TABLE vlp_t"); err != nil {
				t.Fatal(err)
			}
		}
		for j := range got[0] {
			if j < len(got[1]) && got[0][j] != got[1][j] {
				what := "copy"
				if j < len(steps) {
					what = fmt.Sprintf("%s %v", steps[j].sql, steps[j].args)
				}
				t.Errorf("%v: %s\n    PostgreSQL: %s\n    sandbox:    %s", mode, what, got[0][j], got[1][j])
			}
		}
	}
}

func errState(err error) string {
	if err == nil {
		return "ok"
	}
	return "ERROR " + sqlstateOf(err)
}
