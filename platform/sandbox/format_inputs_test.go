package sandbox_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestInputParams sends dates, times and booleans as text parameters in PostgreSQL's
// input forms (the extended protocol), as a client interpolating strings does, and
// reads back what the columns hold.
func TestInputParams(t *testing.T) {
	ctx := context.Background()
	srv := startSandbox(t)
	c := connect(t, srv.DSN(), pgx.QueryExecModeCacheDescribe)
	if _, err := c.Exec(ctx, "CREATE TABLE inp (id int, placed timestamptz, d date, ok boolean, note text)"); err != nil {
		t.Fatal(err)
	}
	for _, row := range [][]any{
		{1, "2024-03-02 11:30+02", "Mar 3 2024", "on", "2024-03-02 11:30+02"},
		{2, "2024-03-02T09:00:00+0530", "03/04/2024", "off", "on"},
	} {
		if _, err := c.Exec(ctx, "INSERT INTO inp VALUES ($1, $2, $3, $4, $5)", row...); err != nil {
			t.Fatalf("insert %v: %v", row, err)
		}
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT count(*) FROM inp WHERE placed >= $1 AND ok = $2", "2024-03-02 09:00+00", "yes").Scan(&n); err != nil || n != 1 {
		t.Fatalf("count: %d %v", n, err)
	}
	rows, err := c.Query(ctx, "SELECT placed::text, d::text, ok::text, note FROM inp ORDER BY id", pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct{ P, D, Ok, Note string }])
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ P, D, Ok, Note string }{
		{"2024-03-02 09:30:00+00", "2024-03-03", "true", "2024-03-02 11:30+02"},
		{"2024-03-02 03:30:00+00", "2024-03-04", "false", "on"},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("rows %v, want %v", got, want)
	}
}
