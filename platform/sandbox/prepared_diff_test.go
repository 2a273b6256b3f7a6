package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// preparedStep is one statement of a prepared-statement scenario; cached statements
// run through pgx's statement cache (extended protocol, the description pgx keeps).
type preparedStep struct {
	sql    string
	simple bool // run in the simple protocol (DDL, SQL PREPARE/EXECUTE)
	raw    bool // sent as written in a simple query ($n in the text: pgx would substitute)
}

// runRaw runs a statement as a simple query of its own, text as written, and records
// what the client sees as runDiff does.
func runRaw(ctx context.Context, c *pgx.Conn, q string) diffResult {
	res, err := c.PgConn().Exec(ctx, q).ReadAll()
	if err != nil {
		return diffResult{code: sqlstateOf(err)}
	}
	r := res[len(res)-1]
	if r.Err != nil {
		return diffResult{code: sqlstateOf(r.Err)}
	}
	out := diffResult{tag: r.CommandTag.String()}
	for _, f := range r.FieldDescriptions {
		out.names = append(out.names, f.Name)
		out.oids = append(out.oids, f.DataTypeOID)
	}
	for _, row := range r.Rows {
		var vals []string
		for _, v := range row {
			if v == nil {
				vals = append(vals, "NULL")
			} else {
				vals = append(vals, fmt.Sprintf("%q", v))
			}
		}
		out.rows = append(out.rows, vals)
	}
	return out
}

// TestDifferentialPreparedStale runs statements a client prepared before their table
// was dropped and created again with other columns, against PostgreSQL and the
// sandbox: PostgreSQL answers 0A000 (cached plan must not change result type) once and
// pgx prepares again; the sandbox must never send rows under the old description.
func TestDifferentialPreparedStale(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	q := func(s string) preparedStep { return preparedStep{sql: s} }
	x := func(s string) preparedStep { return preparedStep{sql: s, simple: true} }
	r := func(s string) preparedStep { return preparedStep{sql: s, raw: true} }
	scenarios := map[string][]preparedStep{
		"types change, rows": {
			x("CREATE TABLE ps_a (a int, b text)"), x("INSERT INTO ps_a VALUES (1, 'x')"),
			q("SELECT * FROM ps_a"),
			x("DROP TABLE ps_a"), x("CREATE TABLE ps_a (a text, b int)"), x("INSERT INTO ps_a VALUES ('y', 2)"),
			q("SELECT * FROM ps_a"), q("SELECT * FROM ps_a"),
		},
		"types change, no rows": {
			x("CREATE TABLE ps_b (a int, b text)"),
			q("SELECT * FROM ps_b"),
			x("DROP TABLE ps_b"), x("CREATE TABLE ps_b (a text, b int)"),
			q("SELECT * FROM ps_b"), q("SELECT * FROM ps_b"),
		},
		"int to bigint": {
			x("CREATE TABLE ps_c (a int)"), x("INSERT INTO ps_c VALUES (1)"),
			q("SELECT a FROM ps_c"),
			x("DROP TABLE ps_c"), x("CREATE TABLE ps_c (a bigint)"), x("INSERT INTO ps_c VALUES (5000000000)"),
			q("SELECT a FROM ps_c"), q("SELECT a FROM ps_c"),
		},
		"more columns": {
			x("CREATE TABLE ps_d (a int)"), x("INSERT INTO ps_d VALUES (1)"),
			q("SELECT * FROM ps_d"),
			x("DROP TABLE ps_d"), x("CREATE TABLE ps_d (a int, b int)"), x("INSERT INTO ps_d VALUES (1, 2)"),
			q("SELECT * FROM ps_d"), q("SELECT * FROM ps_d"),
		},
		"renamed column": {
			x("CREATE TABLE ps_e (a int)"), x("INSERT INTO ps_e VALUES (1)"),
			q("SELECT * FROM ps_e"),
			x("DROP TABLE ps_e"), x("CREATE TABLE ps_e (b int)"), x("INSERT INTO ps_e VALUES (2)"),
			q("SELECT * FROM ps_e"), q("SELECT * FROM ps_e"),
		},
		"parameters": {
			x("CREATE TABLE ps_f (a int, b text)"), x("INSERT INTO ps_f VALUES (1, 'x')"),
			q("SELECT * FROM ps_f WHERE a > -1"),
			x("DROP TABLE ps_f"), x("CREATE TABLE ps_f (a int, b int)"), x("INSERT INTO ps_f VALUES (1, 2)"),
			q("SELECT * FROM ps_f WHERE a > -1"), q("SELECT * FROM ps_f WHERE a > -1"),
		},
		"SQL PREPARE": {
			x("CREATE TABLE ps_g (a int, b text)"), x("INSERT INTO ps_g VALUES (1, 'x')"),
			x("PREPARE ps_g_p AS SELECT * FROM ps_g"), x("EXECUTE ps_g_p"), q("EXECUTE ps_g_p"),
			r("PREPARE ps_g_q (int) AS SELECT a + $1 AS s, b FROM ps_g"), x("EXECUTE ps_g_q(2)"), x("EXECUTE ps_g_q(2, 3)"),
			r("PREPARE ps_g_r AS SELECT b FROM ps_g WHERE a = $1 OR b = $2"), x("EXECUTE ps_g_r(1, 'none')"), x("EXECUTE ps_g_r(7, 'x')"),
			x("DROP TABLE ps_g"), x("CREATE TABLE ps_g (a text, b int)"), x("INSERT INTO ps_g VALUES ('y', 2)"),
			x("EXECUTE ps_g_p"), q("EXECUTE ps_g_p"), x("EXECUTE ps_g_q(2)"),
			x("DEALLOCATE ps_g_p"), x("EXECUTE ps_g_p"), x("DEALLOCATE ALL"), x("EXECUTE ps_g_q(1)"),
		},
		"SQL PREPARE same shape": {
			x("CREATE TABLE ps_h (a int, b text)"), x("INSERT INTO ps_h VALUES (1, 'x')"),
			x("PREPARE ps_h_p AS SELECT * FROM ps_h ORDER BY a"), x("EXECUTE ps_h_p"),
			x("INSERT INTO ps_h VALUES (2, 'z')"), x("EXECUTE ps_h_p"), q("EXECUTE ps_h_p"),
			x("PREPARE ps_h_p AS SELECT 1"), r("PREPARE ps_h_i (int, text) AS INSERT INTO ps_h VALUES ($1, $2)"),
			x("EXECUTE ps_h_i(3, 'w')"), x("EXECUTE ps_h_p"), q("EXECUTE ps_h_i(4, 'v')"), q("EXECUTE ps_h_p"),
			r("PREPARE ps_h_a (int[]) AS SELECT $1[2] AS second, cardinality($1) AS n"), x("EXECUTE ps_h_a(ARRAY[5, 6, 7])"),
			x("SELECT name, statement, parameter_types::text, from_sql FROM pg_prepared_statements WHERE from_sql ORDER BY name"),
			q("SELECT count(*) FROM pg_prepared_statements WHERE from_sql AND prepare_time <= now()"),
			x("DISCARD ALL"), x("EXECUTE ps_h_p"), x("PREPARE ps_h_p AS SELECT 2 AS two"), x("EXECUTE ps_h_p"),
			x("BEGIN"), x("SELECT 1/0"), x("PREPARE ps_h_x AS SELECT 1"), x("ROLLBACK"), x("EXECUTE ps_h_x"),
		},
	}
	// The protocol-level statements stay (DIFFERENCES.md): none is cached before DISCARD ALL.
	scenarios["DISCARD ALL"] = []preparedStep{
		x("BEGIN"), x("DECLARE ps_kept CURSOR WITH HOLD FOR SELECT 7"), x("COMMIT"), x("DISCARD TEMP"), x("FETCH ps_kept"),
		x("SET TimeZone = 'Asia/Tokyo'"), x("SET search_path = pg_catalog"), x("SET statement_timeout = '5s'"),
		x("CREATE TEMP TABLE ps_tmp (a int)"), x("PREPARE ps_d AS SELECT 2"), x("BEGIN"),
		x("DECLARE ps_cur CURSOR WITH HOLD FOR SELECT 1"), x("COMMIT"),
		x("DISCARD ALL"),
		q("SELECT 1 AS one"), q("SELECT 1 AS one"), x("SELECT '2024-01-01 00:00:00+00'::timestamptz::text"), x("SHOW search_path"), x("SHOW statement_timeout"),
		x("SELECT * FROM ps_tmp"), x("EXECUTE ps_d"), x("FETCH ps_cur"),
		x("BEGIN"), x("DISCARD ALL"), x("ROLLBACK"),
	}
	for name, steps := range scenarios {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			pg := connect(t, pgDSN, pgx.QueryExecModeCacheStatement)
			sb := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
			for i, st := range steps {
				mode := pgx.QueryExecModeCacheStatement
				if st.simple {
					mode = pgx.QueryExecModeSimpleProtocol
				}
				var a, b diffResult
				if st.raw {
					a, b = runRaw(ctx, pg, st.sql), runRaw(ctx, sb, st.sql)
				} else {
					a, b = runDiff(ctx, pg, st.sql, mode), runDiff(ctx, sb, st.sql, mode)
				}
				if !a.equal(b) {
					t.Errorf("step %d %s\n    PostgreSQL: %s\n    sandbox:    %s", i, st.sql, a, b)
				}
			}
		})
	}
}
