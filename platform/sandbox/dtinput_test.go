package sandbox_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestDateTimeInputParams binds PostgreSQL's input forms of BC dates, intervals and
// time with time zone as text parameters (pgx sends a Go string as text) to typed
// placeholders and to INSERTs into typed columns, and compares what PostgreSQL and the
// sandbox return.
func TestDateTimeInputParams(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	cases := []struct{ q, v string }{
		{"SELECT $1::date AS v", "0044-03-15 BC"},
		{"SELECT $1::timestamp AS v", "0044-03-15 10:00:00 BC"},
		{"SELECT $1::timestamptz AS v", "0044-03-15 10:00:00+00 BC"},
		{"SELECT $1::date AS v", "2024-03-01"},
		{"SELECT $1::interval AS v", "1 day -02:00:00"},
		{"SELECT $1::interval AS v", "-3 days +04:05:06.5"},
		{"SELECT $1::interval AS v", "@ 1 hour ago"},
		{"SELECT $1::interval AS v", "P1Y2M3DT4H5M6S"},
		{"SELECT $1::interval AS v", "1-2"},
		{"SELECT $1::interval AS v", "3 4:05:06"},
		{"SELECT $1::interval AS v", "1.5 days"},
		{"SELECT $1::interval AS v", "1 year 2 mons"},
		{"SELECT $1::date AS v", "Mar 15 44 BC"},
		{"SELECT $1::date AS v", "March 15, 0044 BC"},
		{"SELECT $1::timestamp AS v", "Mar 15 44 BC 10:00"},
		{"SELECT $1::timestamptz AS v", "15-Mar-0044 10:00:00+00 BC"},
		{"SELECT $1::date AS v", "10000-01-01 BC"},
		{"SELECT $1::time(0) AS v", "23:59:59.7"},
	}
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeSimpleProtocol} {
		pg := connect(t, pgDSN, mode)
		sb := connect(t, srv.DSN(), mode)
		for _, c := range []*pgx.Conn{pg, sb} {
			for _, s := range []string{"SET TimeZone = 'UTC'", "DROP TABLE IF EXISTS dtp", "CREATE TABLE dtp (d date, ts timestamp, iv interval)"} {
				if _, err := c.Exec(ctx, s); err != nil {
					t.Fatal(s, err)
				}
			}
		}
		for _, c := range cases {
			if a, b := paramResult(ctx, pg, c.q, c.v), paramResult(ctx, sb, c.q, c.v); a != b {
				t.Errorf("%v %s with %q:\n  PostgreSQL: %s\n  sandbox:    %s", mode, c.q, c.v, a, b)
			}
		}
		ins := "INSERT INTO dtp (d, ts, iv) VALUES ($1, $2, $3)"
		args := []any{"0044-03-15 BC", "0001-12-31 23:59:59 BC", "1 day -02:00:00"}
		for _, c := range []*pgx.Conn{pg, sb} {
			if _, err := c.Exec(ctx, ins, args...); err != nil {
				t.Errorf("%v %s: %v", mode, ins, err)
			}
		}
		q := "SELECT d, ts, iv, d::text AS dt, ts::text AS tt, iv::text AS it FROM dtp"
		if a, b := paramResult(ctx, pg, q), paramResult(ctx, sb, q); a != b {
			t.Errorf("%v %s:\n  PostgreSQL: %s\n  sandbox:    %s", mode, q, a, b)
		}
		// An interval column compared with a parameter compares spans (pgsql/interval.go).
		for _, c := range []struct{ q, v string }{
			{"SELECT count(*) AS n FROM dtp WHERE iv = $1", "22 hours"},
			{"SELECT count(*) AS n FROM dtp WHERE iv < $1", "23 hours"},
			{"SELECT count(*) AS n FROM dtp WHERE iv > $1::interval", "21 hours"},
		} {
			if a, b := paramResult(ctx, pg, c.q, c.v), paramResult(ctx, sb, c.q, c.v); a != b {
				t.Errorf("%v %s with %q:\n  PostgreSQL: %s\n  sandbox:    %s", mode, c.q, c.v, a, b)
			}
		}
	}
}
