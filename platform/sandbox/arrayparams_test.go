package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// arrayParamQueries are statements with an array parameter, each with the Go values
// pgx binds to it.
var arrayParamQueries = []struct {
	sql  string
	args []any
}{
	{"SELECT id FROM arr_t WHERE id = ANY($1) ORDER BY id", []any{[]int64{1, 3}, []int32{2}, []int64{}, []int{3, 1}}},
	{"SELECT id FROM arr_t WHERE id <> ALL($1) ORDER BY id", []any{[]int64{1}, []int64{}}},
	{"SELECT id FROM arr_t WHERE name = ANY($1) ORDER BY id", []any{[]string{"a", "b c"}, []string{`q"uote`, `back\slash`}, []string{}}},
	{"SELECT id FROM arr_t WHERE score = ANY($1) ORDER BY id", []any{[]float64{1.5, 2.25}}},
	{"SELECT id, name FROM arr_t WHERE id = ANY($1) AND name = ANY($2) ORDER BY id", []any{[]int64{1, 2, 3}, []string{"a", "b c"}}},
	{"SELECT $1::bigint[] AS a", []any{[]int64{1, 2}, []int64{}}},
	{"SELECT $1::text[] AS a", []any{[]string{"x", "y z", ""}, []*string{ptr("n"), nil}}},
	{"SELECT array_length($1::int[], 1) > 2 AS n", []any{[]int32{4, 5, 6}}},
	{"SELECT id FROM arr_t WHERE id = ANY($1::bigint[]) ORDER BY id", []any{[]int64{2, 4}}},
	{"SELECT id FROM arr_t WHERE name = ANY($1) OR id = ANY($2) ORDER BY id", []any{[]string{"a"}, []int64{4}}},
	{"SELECT x FROM unnest($1::text[]) AS u(x) ORDER BY x", []any{[]string{"b", "a"}}},
}

func ptr[T any](v T) *T { return &v }

// TestDifferentialArrayParameters binds Go slices to array parameters through pgx in
// each of its modes (binary parameters and results for cached and described statements,
// Go-typed parameters without describe, client-side interpolation in the simple
// protocol) and through pgconn with PostgreSQL's array text as a text-format parameter
// (as libpq clients send it), and compares the results with PostgreSQL's; a difference
// fails unless DIFFERENCES.md lists the statement.
func TestDifferentialArrayParameters(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	setup := []string{
		"CREATE TABLE arr_t (id bigint PRIMARY KEY, name text, score double precision)",
		`INSERT INTO arr_t VALUES (1, 'a', 1.5), (2, 'b c', 2.25), (3, 'q"uote', 3), (4, 'back\slash', NULL)`,
		"CREATE TABLE arr_tags (id int, tags text[], nums bigint[])",
	}
	for _, dsn := range []string{pgDSN, srv.DSN()} {
		c := connect(t, dsn, pgx.QueryExecModeSimpleProtocol)
		for _, s := range setup {
			if _, err := c.Exec(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	known := knownDifferences(t)
	passed, failed, listed := 0, 0, 0
	check := func(what, sql, a, b string) {
		switch {
		case a == b:
			passed++
		case known[sql]:
			listed++
		default:
			failed++
			t.Errorf("%s:\n  PostgreSQL: %s\n  sandbox:    %s", what, a, b)
		}
	}
	modes := []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeCacheDescribe,
		pgx.QueryExecModeDescribeExec, pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol}
	for _, mode := range modes {
		pg, sb := connect(t, pgDSN, mode), connect(t, srv.DSN(), mode)
		for _, q := range arrayParamQueries {
			for _, v := range q.args {
				args := []any{v}
				if strings.Contains(q.sql, "$2") {
					args = q.args
				}
				check(fmt.Sprintf("%v %s with %T %v", mode, q.sql, v, v), q.sql,
					paramResult(ctx, pg, q.sql, args...), paramResult(ctx, sb, q.sql, args...))
				if len(args) > 1 {
					break
				}
			}
		}
		// An INSERT of arrays, read back.
		for _, c := range []*pgx.Conn{pg, sb} {
			if _, err := c.Exec(ctx, "INSERT INTO arr_tags VALUES ($1, $2, $3)", int32(len(modes)), []string{"x", "y"}, []int64{7, 8}); err != nil {
				t.Errorf("%v insert arrays into %s: %v", mode, c.Config().Host, err)
			}
		}
		check(fmt.Sprintf("%v arrays inserted", mode), "",
			paramResult(ctx, pg, "SELECT tags, nums FROM arr_tags WHERE $1::int > 0 ORDER BY id", int32(1)),
			paramResult(ctx, sb, "SELECT tags, nums FROM arr_tags WHERE $1::int > 0 ORDER BY id", int32(1)))
	}

	// PostgreSQL's array text as a text-format parameter, typed by the client (1016,
	// 1009) or left to the server (0), results in text and in binary.
	texts := []struct {
		sql   string
		value string
		oid   uint32
	}{
		{"SELECT id FROM arr_t WHERE id = ANY($1) ORDER BY id", "{1,3}", 1016},
		{"SELECT id FROM arr_t WHERE id = ANY($1) ORDER BY id", "{1,3}", 0},
		{"SELECT id FROM arr_t WHERE name = ANY($1) ORDER BY id", `{a,"b c","q\"uote"}`, 1009},
		{"SELECT id FROM arr_t WHERE name = ANY($1) ORDER BY id", `{a,"b c",NULL}`, 0},
		{"SELECT $1::text[] AS a", `{"x,y",NULL,""}`, 0},
	}
	pg, sb := connect(t, pgDSN, pgx.QueryExecModeExec), connect(t, srv.DSN(), pgx.QueryExecModeExec)
	for _, tc := range texts {
		for _, rf := range []int16{0, 1} {
			check(fmt.Sprintf("text parameter %s (oid %d, results in format %d) %s", tc.value, tc.oid, rf, tc.sql), tc.sql,
				rawResult(ctx, pg.PgConn(), tc.sql, tc.value, tc.oid, rf),
				rawResult(ctx, sb.PgConn(), tc.sql, tc.value, tc.oid, rf))
		}
	}
	t.Logf("%d passed, %d failed (%d more differ as DIFFERENCES.md lists)", passed, failed, listed)
}

// rawResult runs sql with one text-format parameter through pgconn and returns the
// columns' names, type OIDs and formats and every value's bytes.
func rawResult(ctx context.Context, c *pgconn.PgConn, sql, value string, oid uint32, resultFormat int16) string {
	var oids []uint32
	if oid != 0 {
		oids = []uint32{oid}
	}
	res := c.ExecParams(ctx, sql, [][]byte{[]byte(value)}, oids, []int16{0}, []int16{resultFormat}).Read()
	if res.Err != nil {
		return "ERROR " + sqlstateOf(res.Err)
	}
	var b strings.Builder
	for _, f := range res.FieldDescriptions {
		fmt.Fprintf(&b, "%s:%d/%d ", f.Name, f.DataTypeOID, f.Format)
	}
	for _, row := range res.Rows {
		fmt.Fprintf(&b, "%q ", row)
	}
	return b.String()
}
