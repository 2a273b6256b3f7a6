package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// BenchmarkStatement measures one statement's round trip through pgx with the
// PostgreSQL front end on and off: in the simple protocol every statement is parsed
// again (psql, psycopg2), in the extended protocol with a statement cache only once.
func BenchmarkStatement(b *testing.B) {
	ctx := context.Background()
	srv := startSandbox(b)
	setup := connect(b, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
	if _, err := setup.Exec(ctx, "CREATE TABLE bench (id bigint PRIMARY KEY, name text, score double precision)"); err != nil {
		b.Fatal(err)
	}
	if _, err := setup.Exec(ctx, "INSERT INTO bench SELECT i, 'n' || i, i / 7.0 FROM range(10000) t(i)"); err != nil {
		b.Fatal(err)
	}
	queries := map[string]string{
		"point": "SELECT id, name, score FROM bench WHERE id = 4242",
		"agg":   "SELECT count(*), avg(score) FROM bench WHERE score > 100",
		// a Go function of pgfuncs_*.go over every row (10 000 calls)
		"gofunc": "SELECT count(*) FROM bench WHERE initcap(name) = 'N4242'",
	}
	for _, fe := range []bool{true, false} {
		for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
			for name, q := range queries {
				b.Run(fmt.Sprintf("frontend=%v/%v/%s", fe, mode, name), func(b *testing.B) {
					srv.SetFrontEnd(fe)
					defer srv.SetFrontEnd(true)
					c := connect(b, srv.DSN(), mode)
					for b.Loop() {
						rows, err := c.Query(ctx, q)
						if err != nil {
							b.Fatal(err)
						}
						for rows.Next() {
						}
						if rows.Err() != nil {
							b.Fatal(rows.Err())
						}
					}
				})
			}
		}
	}
}

// BenchmarkFetch1M fetches a million rows with the front end on and off.
func BenchmarkFetch1M(b *testing.B) {
	ctx := context.Background()
	srv := startSandbox(b)
	for _, fe := range []bool{true, false} {
		b.Run(fmt.Sprintf("frontend=%v", fe), func(b *testing.B) {
			srv.SetFrontEnd(fe)
			defer srv.SetFrontEnd(true)
			c := connect(b, srv.DSN(), pgx.QueryExecModeCacheStatement)
			for b.Loop() {
				rows, err := c.Query(ctx, "SELECT i AS id, i * 2 AS twice, 'x' || i AS label FROM range(1000000) t(i)")
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					n++
				}
				if rows.Err() != nil || n != 1000000 {
					b.Fatalf("%d rows, %v", n, rows.Err())
				}
			}
		})
	}
}

// BenchmarkConnect measures a new connection's first statement: a plain one, and one
// that reads the catalog (which creates the front end's helpers on the connection).
func BenchmarkConnect(b *testing.B) {
	ctx := context.Background()
	srv := startSandbox(b)
	for name, q := range map[string]string{"plain": "SELECT 1", "division": "SELECT 7 / 2", "catalog": "SELECT count(*) FROM pg_catalog.pg_class",
		"macros": "SELECT length(pg_get_userbyid(10))"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				c, err := pgx.Connect(ctx, srv.DSN())
				if err != nil {
					b.Fatal(err)
				}
				var n int64
				if err := c.QueryRow(ctx, q).Scan(&n); err != nil {
					b.Fatal(err)
				}
				c.Close(ctx)
			}
		})
	}
}

// BenchmarkNumericWrites measures what the checks of numeric without precision cost
// (numericfunc.go): an INSERT of literals per row (checked by the text alone), one with
// an expression (the table's columns looked up, the value through sluice_numeric), and
// an INSERT … SELECT of 100 000 doubles (through sluice_numeric) and of decimals that
// fit (not wrapped); an upsert per row whose DO UPDATE SET computes the value, a
// multi-column UPDATE … SET (n, s) = (…) of 100 000 rows, and a COPY FROM STDIN of
// 100 000 rows into a table that also has an array column (read as text, then
// converted) and into one without. Each with the front end on and off (off rounds silently).
func BenchmarkNumericWrites(b *testing.B) {
	ctx := context.Background()
	srv := startSandbox(b)
	setup := connect(b, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
	for _, q := range []string{
		"CREATE TABLE bn (id bigint, n numeric, s text)",
		"CREATE TABLE bsrc AS SELECT i AS id, CAST(i / 8 AS DECIMAL(18,3)) AS d, i / 8.0 AS f FROM range(100000) t(i)",
		"CREATE TABLE bup (id bigint PRIMARY KEY, n numeric, s text)",
		"INSERT INTO bup VALUES (1, 1, 'x')",
		"CREATE TABLE bmulti AS SELECT id, CAST(f AS DECIMAL(38,12)) AS n, 'x' AS s FROM bsrc",
		"CREATE TABLE bcopy (id bigint, n numeric, a integer[])",
		"CREATE TABLE bcopy2 (id bigint, n numeric, a text)",
	} {
		if _, err := setup.Exec(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	var copyData strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&copyData, "%d\t%d.%03d\t\\N\n", i, i/8, i%1000)
	}
	queries := map[string]string{
		"values":        "INSERT INTO bn VALUES (1, 1.5, 'x')",
		"values-expr":   "INSERT INTO bn VALUES (1, 1.5 + 1, 'x')",
		"select-double": "INSERT INTO bn SELECT id, f, 'x' FROM bsrc",
		"select-fits":   "INSERT INTO bn SELECT id, d, 'x' FROM bsrc",
		"upsert-expr":   "INSERT INTO bup VALUES (1, 2, 'y') ON CONFLICT (id) DO UPDATE SET n = excluded.n * 0.5",
		"update-multi":  "UPDATE bmulti SET (n, s) = (n * 1, 'y')",
		"copy-arrays":   "COPY bcopy FROM STDIN",
		"copy-plain":    "COPY bcopy2 FROM STDIN",
	}
	for _, fe := range []bool{true, false} {
		for name, q := range queries {
			b.Run(fmt.Sprintf("frontend=%v/%s", fe, name), func(b *testing.B) {
				srv.SetFrontEnd(fe)
				defer srv.SetFrontEnd(true)
				c := connect(b, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
				for b.Loop() {
					var err error
					if strings.HasPrefix(q, "COPY") {
						_, err = c.PgConn().CopyFrom(ctx, strings.NewReader(copyData.String()), q)
					} else {
						_, err = c.Exec(ctx, q)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
