package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// BenchmarkCopyFrom loads 200,000 rows (bigint, text, double, timestamptz) into
// the sandbox with COPY … FROM STDIN in text and CSV formats, and with pgx's CopyFrom
// (the binary format). Each iteration loads into an emptied table.
func BenchmarkCopyFrom(b *testing.B) {
	const n = 200_000
	ctx := context.Background()
	srv := startSandbox(b)
	c := connect(b, srv.DSN(), pgx.QueryExecModeCacheStatement)
	const ddl = "CREATE TABLE bcopy (id bigint, name text, score double precision, ts timestamptz)"
	if _, err := c.Exec(ctx, ddl); err != nil {
		b.Fatal(err)
	}
	var text, csv strings.Builder
	rows := make([][]any, n)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ts := base.Add(time.Duration(i) * time.Second)
		fmt.Fprintf(&text, "%d\tname %d\t%g\t%s\n", i, i, float64(i)/7, ts.Format("2006-01-02 15:04:05+00"))
		fmt.Fprintf(&csv, "%d,\"name, %d\",%g,%s\n", i, i, float64(i)/7, ts.Format("2006-01-02 15:04:05+00"))
		rows[i] = []any{int64(i), fmt.Sprint("name ", i), float64(i) / 7, ts}
	}
	run := func(b *testing.B, load func() (int64, error)) {
		for b.Loop() {
			b.StopTimer()
			for _, q := range []string{"DROP TABLE bcopy", ddl, "CHECKPOINT"} {
				if _, err := c.Exec(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			got, err := load()
			if err != nil || got != n {
				b.Fatalf("%d rows, %v", got, err)
			}
		}
	}
	b.Run("text", func(b *testing.B) {
		run(b, func() (int64, error) {
			tag, err := c.PgConn().CopyFrom(ctx, strings.NewReader(text.String()), "COPY bcopy FROM STDIN")
			return tag.RowsAffected(), err
		})
	})
	b.Run("csv", func(b *testing.B) {
		run(b, func() (int64, error) {
			tag, err := c.PgConn().CopyFrom(ctx, strings.NewReader(csv.String()), "COPY bcopy FROM STDIN (FORMAT csv)")
			return tag.RowsAffected(), err
		})
	})
	b.Run("pgx-binary", func(b *testing.B) {
		run(b, func() (int64, error) {
			return c.CopyFrom(ctx, pgx.Identifier{"bcopy"}, []string{"id", "name", "score", "ts"}, pgx.CopyFromRows(rows))
		})
	})
}
