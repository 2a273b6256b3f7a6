package sandbox_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// TestNumericParams binds numeric parameters (text and binary, as pgx sends a
// string, a pgtype.Numeric and a float64) to unbounded numeric on PostgreSQL and on
// the sandbox: values the sandbox holds come back as PostgreSQL's; a value with more
// decimals than it keeps is refused with 22003, never rounded.
func TestNumericParams(t *testing.T) {
	ctx := context.Background()
	pg := connect(t, freshPostgres(t), pgx.QueryExecModeCacheStatement)
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement)
	for _, c := range []*pgx.Conn{pg, sb} {
		if _, err := c.Exec(ctx, "CREATE TABLE num_p (id int, n numeric)"); err != nil {
			t.Fatal(err)
		}
	}
	num := func(s string) pgtype.Numeric {
		var n pgtype.Numeric
		if err := n.Scan(s); err != nil {
			t.Fatal(err)
		}
		return n
	}
	run := func(c *pgx.Conn, q string, arg any) string {
		rows, err := c.Query(ctx, q, arg)
		if err != nil {
			return "ERROR " + sqlstateOf(err)
		}
		defer rows.Close()
		var out string
		for rows.Next() {
			out += fmt.Sprintf("%q ", rows.RawValues()) // binary: digits and display scale
		}
		if err := rows.Err(); err != nil {
			return "ERROR " + sqlstateOf(err)
		}
		return out
	}
	for i, tc := range []struct {
		arg     any
		refused bool // the sandbox refuses (22003) what PostgreSQL keeps
	}{
		{arg: num("1.23456")},
		{arg: num("-0.000000000001")},
		{arg: num("123456789012345678901.5")},
		{arg: "2.5"}, // "2.50" comes back as 2.5: DIFFERENCES.md
		{arg: num("100")},
		{arg: 0.25},
		{arg: num("0.12345678901234567890"), refused: true},
		{arg: 0.1 + 0.2}, // pgx writes 0.3
	} {
		// The parameter is announced as numeric where it is a column's value (a
		// parameter only cast, $1::numeric, is announced as text: see DIFFERENCES.md).
		for _, q := range []string{"INSERT INTO num_p VALUES (%d, $1) RETURNING n", "SELECT n FROM num_p WHERE id = %d AND n = $1"} {
			q = fmt.Sprintf(q, i)
			a, b := run(pg, q, tc.arg), run(sb, q, tc.arg)
			switch {
			case tc.refused && b != "ERROR 22003":
				t.Errorf("%s with %v: sandbox %s, want ERROR 22003 (PostgreSQL %s)", q, tc.arg, b, a)
			case !tc.refused && a != b:
				t.Errorf("%s with %v: PostgreSQL %s, sandbox %s", q, tc.arg, a, b)
			}
		}
	}
}
