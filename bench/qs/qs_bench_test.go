// Package qsbench measures the query-service client: fetching a million rows into a
// table.Table from PostgreSQL and from the sandbox, the sandbox against DuckDB's own
// Go API on the same data, a GROUP BY over ten million rows in the sandbox, and bulk
// loading a million rows with COPY. run.sh runs these next to psycopg2 + pandas.
package qsbench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/sandbox"
	"github.com/sluice-dev/sluice/table"
)

// Rows is the size of the fetch benchmarks' table (6 mixed columns).
const Rows = 1_000_000

// fetchSQL reads the whole benchmark table.
const fetchSQL = "SELECT id, user_id, score, name, active, ts FROM bench_qs.events_1m"

// pgCreate builds the benchmark table in PostgreSQL.
var pgCreate = []string{
	"CREATE SCHEMA IF NOT EXISTS bench_qs",
	`CREATE TABLE IF NOT EXISTS bench_qs.events_1m AS
	 SELECT g::bigint AS id, (g % 50000)::int AS user_id, (g * 0.37)::double precision AS score,
	        'name ' || (g % 1000)::text AS name, g % 3 = 0 AS active,
	        timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' AS ts
	 FROM generate_series(1, 1000000) AS s(g)`,
}

// duckCreate builds the same table in DuckDB, plus the 10 M-row table for GROUP BY.
var duckCreate = []string{
	"CREATE SCHEMA IF NOT EXISTS bench_qs",
	`CREATE TABLE IF NOT EXISTS bench_qs.events_1m AS
	 SELECT g::bigint AS id, (g % 50000)::int AS user_id, (g * 0.37)::double AS score,
	        'name ' || (g % 1000)::varchar AS name, g % 3 = 0 AS active,
	        timestamptz '2024-01-01 00:00:00+00' + to_seconds(g) AS ts
	 FROM range(1, 1000001) AS s(g)`,
	`CREATE TABLE IF NOT EXISTS bench_qs.events_10m AS
	 SELECT g::bigint AS id, (g % 50000)::int AS user_id, (g * 0.37)::double AS score,
	        ['view', 'click', 'cart', 'buy'][1 + g % 4] AS kind
	 FROM range(10000000) AS s(g)`,
}

var (
	sbOnce sync.Once
	sbSrv  *sandbox.Server
	sbDir  string
	sbErr  error
)

// sandboxServer starts one in-process sandbox for all benchmarks, with its data in
// $SLUICE_BENCH_DIR (kept between runs) or a temporary directory.
func sandboxServer(b *testing.B) *sandbox.Server {
	b.Helper()
	sbOnce.Do(func() {
		sbDir = os.Getenv("SLUICE_BENCH_DIR")
		if sbDir == "" {
			sbDir, sbErr = os.MkdirTemp("", "qs-bench-")
			if sbErr != nil {
				return
			}
		}
		sbSrv, sbErr = sandbox.Serve(context.Background(), sandbox.Options{Dir: filepath.Join(sbDir, "sandbox")})
		if sbErr != nil {
			return
		}
		var c *qs.Client
		c, sbErr = qs.Open(context.Background(), sbSrv.DSN(), qs.Options{})
		if sbErr != nil {
			return
		}
		defer c.Close()
		for _, q := range duckCreate {
			if _, sbErr = c.Exec(context.Background(), q); sbErr != nil {
				return
			}
		}
	})
	if sbErr != nil {
		b.Fatal(sbErr)
	}
	return sbSrv
}

func pgClient(b *testing.B) *qs.Client {
	b.Helper()
	dsn := testenv.PostgresDSN(b)
	c, err := qs.Open(context.Background(), dsn, qs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range pgCreate {
		if _, err := c.Exec(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
	return c
}

func fetch(b *testing.B, c *qs.Client) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		t, err := c.Query(context.Background(), fetchSQL)
		if err != nil {
			b.Fatal(err)
		}
		if t.NumRows() != Rows {
			b.Fatalf("%d rows", t.NumRows())
		}
	}
	b.ReportMetric(float64(Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkFetchPostgres fetches 1 M rows × 6 columns from PostgreSQL into a table.
func BenchmarkFetchPostgres(b *testing.B) {
	c := pgClient(b)
	defer c.Close()
	b.ResetTimer()
	fetch(b, c)
}

// BenchmarkFetchSandbox fetches the same rows through the sandbox's wire protocol.
func BenchmarkFetchSandbox(b *testing.B) {
	srv := sandboxServer(b)
	c, err := qs.Open(context.Background(), srv.DSN(), qs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	b.ResetTimer()
	fetch(b, c)
}

// BenchmarkFetchDuckDBDirect reads the same rows with DuckDB's own Go API (database/sql
// on a copy of the database), into the same table shape: the wire protocol's baseline.
func BenchmarkFetchDuckDBDirect(b *testing.B) {
	sandboxServer(b)
	dir := b.TempDir()
	connector, err := duckdb.NewConnector(filepath.Join(dir, "direct.duckdb"), nil)
	if err != nil {
		b.Fatal(err)
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	for _, q := range duckCreate[:2] {
		if _, err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, err := db.Query(fetchSQL)
		if err != nil {
			b.Fatal(err)
		}
		bs := []*table.Builder{table.NewBuilder("id", "", table.KindInt), table.NewBuilder("user_id", "", table.KindInt),
			table.NewBuilder("score", "", table.KindFloat), table.NewBuilder("name", "", table.KindString),
			table.NewBuilder("active", "", table.KindBool), table.NewBuilder("ts", "", table.KindTime)}
		var (
			id     int64
			uid    int32
			score  float64
			name   string
			active bool
			ts     time.Time
		)
		for rows.Next() {
			if err := rows.Scan(&id, &uid, &score, &name, &active, &ts); err != nil {
				b.Fatal(err)
			}
			bs[0].AppendInt(id)
			bs[1].AppendInt(int64(uid))
			bs[2].AppendFloat(score)
			bs[3].AppendString(name)
			bs[4].AppendBool(active)
			bs[5].AppendTime(ts)
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		rows.Close()
		cols := make([]*table.Column, len(bs))
		for j, b := range bs {
			cols[j] = b.Finish()
		}
		if n := table.New(cols...).NumRows(); n != Rows {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkGroupBySandbox10M aggregates 10 M rows in the sandbox.
func BenchmarkGroupBySandbox10M(b *testing.B) {
	srv := sandboxServer(b)
	c, err := qs.Open(context.Background(), srv.DSN(), qs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, err := c.Query(context.Background(),
			"SELECT kind, user_id % 100 AS bucket, count(*) AS n, avg(score) AS mean FROM bench_qs.events_10m GROUP BY 1, 2")
		if err != nil {
			b.Fatal(err)
		}
		if t.NumRows() != 100 {
			b.Fatalf("%d groups", t.NumRows())
		}
	}
	b.ReportMetric(10e6*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// eventsTable builds an n-row events table in memory.
func eventsTable(n int) *table.Table {
	ids := make([]int64, n)
	users := make([]int64, n)
	scores := make([]float64, n)
	kinds := make([]string, n)
	flags := make([]bool, n)
	ts := make([]time.Time, n)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	names := []string{"view", "click", "cart", "buy"}
	for i := range ids {
		ids[i] = int64(i)
		users[i] = int64(i % 50000)
		scores[i] = float64(i) * 0.37
		kinds[i] = names[i%4]
		flags[i] = i%3 == 0
		ts[i] = base.Add(time.Duration(i) * time.Second)
	}
	return table.New(table.IntColumn("id", ids), table.IntColumn("user_id", users),
		table.FloatColumn("score", scores), table.StringColumn("kind", kinds),
		table.BoolColumn("active", flags), table.TimeColumn("ts", ts))
}

func copyBench(b *testing.B, c *qs.Client, table string) {
	t := eventsTable(Rows)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := c.Exec(ctx, "DROP TABLE IF EXISTS "+table); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Exec(ctx, "CREATE TABLE "+table+" (id bigint, user_id bigint, score double precision, kind text, active boolean, ts timestamptz)"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := c.CopyFrom(ctx, table, nil, t)
		if err != nil {
			b.Fatal(err)
		}
		if n != Rows {
			b.Fatalf("copied %d", n)
		}
	}
	b.ReportMetric(float64(Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkCopyFromSandbox1M bulk-loads 1 M event rows into the sandbox.
func BenchmarkCopyFromSandbox1M(b *testing.B) {
	srv := sandboxServer(b)
	c, err := qs.Open(context.Background(), srv.DSN(), qs.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	copyBench(b, c, "bench_qs.copy_target")
}

// BenchmarkCopyFromPostgres1M bulk-loads 1 M event rows into PostgreSQL.
func BenchmarkCopyFromPostgres1M(b *testing.B) {
	c := pgClient(b)
	defer c.Close()
	copyBench(b, c, fmt.Sprintf("bench_qs.copy_target_%d", os.Getpid()))
	c.Exec(context.Background(), fmt.Sprintf("DROP TABLE IF EXISTS bench_qs.copy_target_%d", os.Getpid()))
}
