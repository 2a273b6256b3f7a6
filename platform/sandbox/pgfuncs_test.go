package sandbox_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestPGFuncsHostileInput sends the Go functions of pgfuncs_*.go input meant to break
// them (json nested a hundred thousand deep, a pattern per row, a bad encoding name):
// each statement fails or succeeds with PostgreSQL's answer, and the sandbox keeps
// answering on the same connection.
func TestPGFuncsHostileInput(t *testing.T) {
	ctx := context.Background()
	srv := startSandbox(t)
	c := connect(t, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
	for _, q := range []string{
		`SELECT jsonb_pretty(repeat('[', 3000000) || repeat(']', 3000000))`,
		`SELECT '{"a":1}'::jsonb @> (repeat('{"a":', 50000) || '1' || repeat('}', 50000))`,
		`SELECT jsonb_typeof('{"a":')`,
		`SELECT convert_to('x', 'no-such-encoding')`,
		`SELECT decode('zz', 'hex')`,
		`SELECT regexp_match('abc', '(')`,
		`SELECT lpad('x', 2000000000, 'ab')`,
	} {
		var s any
		if err := c.QueryRow(ctx, q).Scan(&s); err == nil {
			t.Errorf("%s: no error", q)
		}
		var one int
		if err := c.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
			t.Fatalf("after %s the sandbox does not answer: %v", q, err)
		}
	}
	var n int
	q := `SELECT count(regexp_match('x' || g, 'x' || g)) FROM generate_series(1, 5000) g`
	if err := c.QueryRow(ctx, q).Scan(&n); err != nil || n != 5000 {
		t.Errorf("%s: %d, %v", q, n, err)
	}
	var s string
	if err := c.QueryRow(ctx, `SELECT jsonb_pretty(repeat('[', 500) || repeat(']', 500))`).Scan(&s); err != nil || len(s) < 1000 {
		t.Errorf("json nested 500 deep: %v", err)
	}
}
