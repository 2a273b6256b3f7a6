package sandbox_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestRewrittenViewOnAnotherConnection creates views whose SQL the front end rewrites
// (division) on one connection and reads them from a new one, as a notebook's later
// cell or another kernel does: what a view stores must not depend on the creating
// connection.
func TestRewrittenViewOnAnotherConnection(t *testing.T) {
	ctx := context.Background()
	srv := startSandbox(t)
	a := connect(t, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
	for _, q := range []string{
		"CREATE TABLE nums (a int, b int)",
		"INSERT INTO nums VALUES (7, 2), (9, 4)",
		"CREATE VIEW ratios AS SELECT a / b AS q, a % b AS r, extract(epoch FROM TIMESTAMP '2024-01-01') / 60 AS m FROM nums",
	} {
		if _, err := a.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	a.Close(ctx)
	b := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
	var sum, rem int64
	if err := b.QueryRow(ctx, "SELECT sum(q), sum(r) FROM ratios").Scan(&sum, &rem); err != nil {
		t.Fatalf("view from another connection: %v", err)
	}
	if sum != 3+2 || rem != 1+1 {
		t.Fatalf("sum(q), sum(r) = %d, %d; want 5, 2 (integer division)", sum, rem)
	}
}
