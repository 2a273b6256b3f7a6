package sandbox_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestJSONBParams writes and compares jsonb values passed as parameters ($1::jsonb,
// INSERT … VALUES ($1), UPDATE … SET jb = $1), as Go strings and maps, through pgx in
// both protocols, against PostgreSQL and the sandbox: what the rows hold afterwards
// and what equality finds must be the same; pgx's CopyFrom loads rows too.
func TestJSONBParams(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
		var got [2][]string
		for i, dsn := range []string{pgDSN, srv.DSN()} {
			c := connect(t, dsn, mode)
			got[i] = jsonbParamRun(ctx, t, c, mode)
		}
		if fmt.Sprint(got[0]) != fmt.Sprint(got[1]) {
			t.Errorf("%v:\n  PostgreSQL: %q\n  sandbox:    %q", mode, got[0], got[1])
		}
	}
}

// jsonbParamRun runs the statements on c and returns what a client reads back.
func jsonbParamRun(ctx context.Context, t *testing.T, c *pgx.Conn, mode pgx.QueryExecMode) []string {
	var out []string
	exec := func(q string, args ...any) {
		if _, err := c.Exec(ctx, q, append([]any{mode}, args...)...); err != nil {
			out = append(out, q+": ERROR "+sqlstateOf(err))
		}
	}
	exec("DROP TABLE IF EXISTS jbp_t")
	exec("CREATE TABLE jbp_t (id int PRIMARY KEY, jb jsonb)")
	defer exec("DROP TABLE jbp_t")
	exec("INSERT INTO jbp_t VALUES ($1, $2)", 1, `{"b": 1, "a" : [1e2, 1.50]}`)
	exec("INSERT INTO jbp_t VALUES ($1, $2)", 2, map[string]any{"b": 1, "a": []any{100, "x"}})
	exec("INSERT INTO jbp_t (id, jb) VALUES ($1, $2::jsonb)", 3, `{"a":[100, 1.50],"b":1}`)
	exec("INSERT INTO jbp_t (id, jb) VALUES (4, '[]') ON CONFLICT (id) DO UPDATE SET jb = $1", `{"z": 1, "y": 2}`)
	exec("INSERT INTO jbp_t (id, jb) VALUES (4, '[]') ON CONFLICT (id) DO UPDATE SET jb = $1", `{"z": 1, "y": 2}`)
	exec("UPDATE jbp_t SET jb = $1 WHERE id = 2", `{"k":  "\u00e9"}`)
	exec("INSERT INTO jbp_t VALUES ($1, $2)", 5, `{"a": "\u0000"}`)
	// pgx's CopyFrom: the binary COPY format, jsonb with its version byte
	if _, err := c.CopyFrom(ctx, pgx.Identifier{"jbp_t"}, []string{"id", "jb"},
		pgx.CopyFromRows([][]any{{6, `{"b": 1, "a" : [1e2, 1.50]}`}, {7, map[string]any{"k": "é"}}})); err != nil {
		out = append(out, "CopyFrom: ERROR "+sqlstateOf(err))
	}
	rows, err := c.Query(ctx, "SELECT id, jb::text FROM jbp_t ORDER BY id", mode)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s", id, s))
	}
	rows.Close()
	for _, arg := range []any{`{"a": [100, 1.50], "b": 1}`, `{"a":[1e2,1.50],"b":1}`, map[string]any{"y": 2, "z": 1}} {
		var ids []int32
		if err := c.QueryRow(ctx, "SELECT array_agg(id ORDER BY id) FROM jbp_t WHERE jb = $1::jsonb", mode, arg).Scan(&ids); err != nil {
			out = append(out, "ERROR "+sqlstateOf(err))
			continue
		}
		out = append(out, fmt.Sprint(ids))
	}
	var m map[string]any
	if err := c.QueryRow(ctx, "SELECT jb FROM jbp_t WHERE id = 2", mode).Scan(&m); err != nil {
		out = append(out, "ERROR "+err.Error())
	} else {
		out = append(out, fmt.Sprint(m))
	}
	return out
}
