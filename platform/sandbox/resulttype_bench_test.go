package sandbox_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// BenchmarkResultTypes fetches a million rows whose result column divides a numeric
// (a call of sluice_r_div per row) and aggregates a million rows into a thousand
// averages (a call of sluice_r_avg per group), with the front end on (PostgreSQL's
// numeric) and off (DuckDB's double precision).
func BenchmarkResultTypes(b *testing.B) {
	ctx := context.Background()
	srv := startSandbox(b)
	queries := map[string]string{
		"division": "SELECT i / 7.0 AS q FROM range(1000000) t(i)",
		// the same million numerics as a DECIMAL column DuckDB computes itself
		"decimal": "SELECT CAST(i AS DECIMAL(38,16)) AS q FROM range(1000000) t(i)",
		"avg":     "SELECT i % 1000 AS k, avg(i) AS a, sum(i::int) AS s FROM range(1000000) t(i) GROUP BY k",
	}
	for name, q := range queries {
		for _, fe := range []bool{true, false} {
			b.Run(fmt.Sprintf("%s/frontend=%v", name, fe), func(b *testing.B) {
				srv.SetFrontEnd(fe)
				defer srv.SetFrontEnd(true)
				c := connect(b, srv.DSN(), pgx.QueryExecModeCacheStatement)
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
