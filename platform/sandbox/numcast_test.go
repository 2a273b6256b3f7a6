package sandbox_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestFloatParamRange binds text to parameters the client declares double precision or
// real and compares the SQLSTATE (or value) PostgreSQL and the sandbox give: a
// number out of the type's range is 22003, Infinity and NaN are read.
func TestFloatParamRange(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	cases := []struct{ sql, arg string }{
		{`SELECT $1::float8`, "1e400"}, {`SELECT $1::float8`, "-1e400"}, {`SELECT $1::float8`, "1e-400"},
		{`SELECT $1::float8`, "1e-310"}, {`SELECT $1::float8`, "Infinity"}, {`SELECT $1::float8`, "-inf"},
		{`SELECT $1::float8`, "NaN"}, {`SELECT $1::float8`, " 2.5 "}, {`SELECT $1::real`, "1e39"},
		{`SELECT $1::real`, "1e-50"}, {`SELECT $1::real`, "1e38"}, {`SELECT $1::real`, "inf"},
	}
	run := func(c *pgx.Conn, sql, arg string) string {
		// The client declares the parameter's type and sends its text (as node-postgres,
		// JDBC and psql's \bind may).
		oid := uint32(701)
		if strings.Contains(sql, "real") {
			oid = 700
		}
		res := c.PgConn().ExecParams(ctx, sql+"::text", [][]byte{[]byte(arg)}, []uint32{oid}, []int16{0}, []int16{0}).Read()
		var pe *pgconn.PgError
		if errors.As(res.Err, &pe) {
			return "ERROR " + pe.Code
		}
		if res.Err != nil || len(res.Rows) != 1 {
			return fmt.Sprintf("error: %v %d rows", res.Err, len(res.Rows))
		}
		return string(res.Rows[0][0])
	}
	pg, sb := connect(t, pgDSN, pgx.QueryExecModeExec), connect(t, srv.DSN(), pgx.QueryExecModeExec)
	for _, c := range cases {
		want, got := run(pg, c.sql, c.arg), run(sb, c.sql, c.arg)
		if want != got {
			t.Errorf("%s %q: PostgreSQL %s, sandbox %s", c.sql, c.arg, want, got)
		}
	}
}
