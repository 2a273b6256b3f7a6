package sandbox_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// BenchmarkFetchTimestamptz1M fetches a million rows with a timestamptz column in the
// default zone (UTC) and in America/New_York, as text (simple protocol) and binary.
func BenchmarkFetchTimestamptz1M(b *testing.B) {
	srv := startSandbox(b)
	ctx := context.Background()
	fetch := func(b *testing.B, c *pgx.Conn) {
		rows, err := c.Query(ctx, "SELECT i AS id, TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL '1 second' AS at FROM range(1000000) t(i)")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		if rows.Err() != nil || n != 1000000 {
			b.Fatal(rows.Err(), n)
		}
	}
	warm := connect(b, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
	fetch(b, warm) // the first query of a new database is slower
	warm.Close(ctx)
	for _, zone := range []string{"UTC", "America/New_York"} {
		for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
			b.Run(zone+"/"+mode.String(), func(b *testing.B) {
				c := connect(b, srv.DSN(), mode)
				defer c.Close(ctx)
				if _, err := c.Exec(ctx, "SET TimeZone = '"+zone+"'"); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					fetch(b, c)
				}
			})
		}
	}
}
