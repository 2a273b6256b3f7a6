package sandbox_test

import (
	"context"
	"fmt"
	"strings"
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
	for i, tc := range []struct {
		arg     any
		refused bool // the sandbox refuses (22003) what PostgreSQL keeps
	}{
		{arg: numericArg(t, "1.23456")},
		{arg: numericArg(t, "-0.000000000001")},
		{arg: numericArg(t, "123456789012345678901.5")},
		{arg: "2.5"}, // "2.50" comes back as 2.5: DIFFERENCES.md
		{arg: numericArg(t, "100")},
		{arg: 0.25},
		{arg: numericArg(t, "0.12345678901234567890"), refused: true},
		{arg: 0.1 + 0.2}, // pgx writes 0.3
	} {
		// The parameter is announced as numeric: it is a column's value.
		for _, q := range []string{"INSERT INTO num_p VALUES (%d, $1) RETURNING n", "SELECT n FROM num_p WHERE id = %d AND n = $1"} {
			compareNumeric(ctx, t, pg, sb, fmt.Sprintf(q, i), tc.arg, tc.refused)
		}
	}
}

// TestNumericCastParams binds parameters the statement only casts to unbounded numeric
// ($1::numeric, announced as numeric as PostgreSQL does; pgx sends text and binary):
// the value PostgreSQL's cast gives, exact, or 22003 where the sandbox's numeric cannot
// hold it (checked when bound, so also under round()); never rounded to 12 decimals.
func TestNumericCastParams(t *testing.T) {
	ctx := context.Background()
	pg := connect(t, freshPostgres(t), pgx.QueryExecModeCacheStatement)
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement)
	for _, tc := range []struct {
		arg     any
		refused bool // the sandbox refuses (22003) what PostgreSQL takes
	}{
		{arg: "1.5"},
		{arg: " -0.001 "},
		{arg: "1e3"},
		{arg: "-123456789012345678901234.5"},
		{arg: "0.123456789012"},
		{arg: numericArg(t, "-0.000000000001")},
		{arg: 0.1 + 0.2},
		{arg: int64(-42)},
		{arg: "0.12345678901234567890", refused: true},
		{arg: "-2.345000000000000000001", refused: true},
		{arg: "1e-20", refused: true},
		{arg: numericArg(t, "1.0000000000001"), refused: true},
	} {
		for _, q := range []string{"SELECT $1::numeric AS n", "SELECT CAST($1 AS decimal) + 1 AS n",
			"SELECT round($1::numeric, 2) AS n", "SELECT trunc($1::numeric, 3) AS n", "SELECT round(-$1::numeric) AS n"} {
			compareNumeric(ctx, t, pg, sb, q, tc.arg, tc.refused)
		}
	}
}

// TestNumericUpsertParams binds numeric parameters (text and binary) to INSERT … ON
// CONFLICT … DO UPDATE SET and to the multi-column SET (n, m) = (…), as the value and
// cast in an expression (a bare $1 in arithmetic is announced as text, DIFFERENCES.md),
// on PostgreSQL and on the sandbox: exact values alike; a value with more
// decimals than the sandbox keeps refused (22003), never rounded.
func TestNumericUpsertParams(t *testing.T) {
	ctx := context.Background()
	pg := connect(t, freshPostgres(t), pgx.QueryExecModeCacheStatement)
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement)
	for _, c := range []*pgx.Conn{pg, sb} {
		if _, err := c.Exec(ctx, "CREATE TABLE num_u (id int PRIMARY KEY, n numeric, m numeric); INSERT INTO num_u VALUES (1, 1, 1)"); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		arg     any
		refused bool // the sandbox refuses (22003) what PostgreSQL keeps
	}{
		{arg: numericArg(t, "1.25")},
		{arg: "-0.000000000001"},
		{arg: 0.5},
		{arg: numericArg(t, "0.12345678901234567890"), refused: true},
		{arg: "1.0000000000001", refused: true},
	} {
		for _, q := range []string{
			"INSERT INTO num_u VALUES (1, 0, 0) ON CONFLICT (id) DO UPDATE SET n = $1 RETURNING n, m",
			"INSERT INTO num_u VALUES (1, 0, 0) ON CONFLICT (id) DO UPDATE SET (m, n) = (2, excluded.n + $1::numeric) RETURNING n, m",
			"UPDATE num_u SET (n, m) = ($1, 3) WHERE id = 1 RETURNING n, m",
			"UPDATE num_u SET (m, n) = (4, $1::numeric + 1) WHERE id = 1 RETURNING n, m",
		} {
			compareNumeric(ctx, t, pg, sb, q, tc.arg, tc.refused)
		}
	}
}

// TestNumericUpsertRefused writes values the sandbox's numeric cannot hold through
// INSERT … ON CONFLICT and the multi-column SET (a, b) = (…): each is refused with
// 22003 (PostgreSQL keeps them) and the row keeps its values, never rounded ones.
func TestNumericUpsertRefused(t *testing.T) {
	ctx := context.Background()
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeSimpleProtocol)
	if _, err := sb.Exec(ctx, "CREATE TABLE num_r (id int PRIMARY KEY, n numeric, m numeric, a numeric[]); INSERT INTO num_r VALUES (1, 0.5, 0.5, NULL)"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"INSERT INTO num_r VALUES (1, 5, 6, NULL) ON CONFLICT (id) DO UPDATE SET n = excluded.n / 7",
		"INSERT INTO num_r VALUES (1, 5, 6, NULL) ON CONFLICT (id) DO UPDATE SET (m, n) = (1, num_r.n * 0.1234567890123)",
		"INSERT INTO num_r VALUES (2, 1.0 / 3, 1, NULL) ON CONFLICT DO NOTHING",
		"INSERT INTO num_r SELECT 2, 1.0 / 3, 1, NULL ON CONFLICT (id) DO UPDATE SET m = 1",
		"INSERT INTO num_r VALUES (1, 0, 0, NULL) ON CONFLICT (id) DO UPDATE SET a = ARRAY[excluded.n + 1e-13]",
		"UPDATE num_r SET (n, m) = (n / 3, 1) WHERE id = 1",
		"UPDATE num_r SET (m, n) = (1, 0.1234567890123) WHERE id = 1",
		"UPDATE num_r SET (m, a) = (1, ARRAY[m * 0.1234567890123]) WHERE id = 1",
	} {
		if _, err := sb.Exec(ctx, q); err == nil || sqlstateOf(err) != "22003" {
			t.Errorf("%s: %v, want 22003", q, err)
		}
	}
	q := "SELECT id, n, m, a FROM num_r ORDER BY id"
	if got := runDiff(ctx, sb, q, pgx.QueryExecModeSimpleProtocol).String(); !strings.Contains(got, `["1" "0.5" "0.5" NULL]`) || !strings.HasPrefix(got, "SELECT 1 ") {
		t.Errorf("%s: %s", q, got)
	}
}

// TestNumericCopyFrom loads unbounded numeric columns with COPY FROM STDIN (text and
// CSV) on PostgreSQL and on the sandbox: the rows read back alike; a value with more
// decimals than the sandbox keeps is refused (22003) instead of rounded.
func TestNumericCopyFrom(t *testing.T) {
	ctx := context.Background()
	pg := connect(t, freshPostgres(t), pgx.QueryExecModeCacheStatement)
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement)
	for _, c := range []*pgx.Conn{pg, sb} {
		if _, err := c.Exec(ctx, `CREATE TABLE num_c (id int, n numeric, d date, "S t" text, f float8)`); err != nil {
			t.Fatal(err)
		}
	}
	copyIn := func(c *pgx.Conn, data, q string) string {
		tag, err := c.PgConn().CopyFrom(ctx, strings.NewReader(data), q)
		if err != nil {
			return "ERROR " + sqlstateOf(err)
		}
		return tag.String()
	}
	for _, tc := range []struct{ q, data, want string }{
		{"COPY num_c FROM STDIN", "1\t1.5\t2024-02-29\ta\\tb\t0.1\n2\t-1e3\t\\N\t\\N\t1e-20\n3\t\\N\t2024-01-01\tx\t2\n", "COPY 3"},
		{"COPY num_c (n, id) FROM STDIN WITH (FORMAT csv, HEADER)", "n,id\n0.123456789012,4\n\"7\",5\n,6\n", "COPY 3"},
		{`COPY public.num_c (id, "S t", n) FROM STDIN (FORMAT csv, DELIMITER ';')`, "7;\"q;r\";000123456789012345678901234.5\n", "COPY 1"},
		{"COPY num_c FROM STDIN", "8\t0.1234567890123\t\\N\t\\N\t\\N\n", "ERROR 22003"},
		{"COPY num_c (id, n) FROM STDIN WITH (FORMAT csv)", "9,1e-13\n", "ERROR 22003"},
	} {
		a, b := copyIn(pg, tc.data, tc.q), copyIn(sb, tc.data, tc.q)
		if b != tc.want || !strings.HasPrefix(tc.want, "ERROR") && a != b {
			t.Errorf("%s: PostgreSQL %s, sandbox %s, want %s", tc.q, a, b, tc.want)
		}
	}
	q := `SELECT id, n, d, "S t", f FROM num_c WHERE id < 8 ORDER BY id`
	a, b := runDiff(ctx, pg, q, pgx.QueryExecModeSimpleProtocol), runDiff(ctx, sb, q, pgx.QueryExecModeSimpleProtocol)
	if !a.equal(b) {
		t.Errorf("%s:\n  PostgreSQL %s\n  sandbox    %s", q, a, b)
	}
	if b.tag != "SELECT 7" {
		t.Errorf("sandbox: %s, want 7 rows", b)
	}

	// A table that also has array columns, numeric[] among them, goes through the same
	// check. The sandbox reads arrays in DuckDB's list text ([…], DIFFERENCES.md), which
	// PostgreSQL refuses (22P02): those rows are the sandbox's alone.
	for _, c := range []*pgx.Conn{pg, sb} {
		if _, err := c.Exec(ctx, `CREATE TABLE num_ca (id int, n numeric, a int[], b numeric[])`); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ q, data, want string }{
		{"COPY num_ca (id, n) FROM STDIN", "1\t0.5\n2\t-123456789012.000000000001\n", "COPY 2"},
		{"COPY num_ca FROM STDIN", "3\t0.1234567890123\t\\N\t\\N\n", "ERROR 22003"},
		{"COPY num_ca FROM STDIN WITH (FORMAT csv)", "4,1e-13,,\n", "ERROR 22003"},
		{"COPY num_ca FROM STDIN WITH (FORMAT csv)", "5,2.75,,\n", "COPY 1"},
	} {
		a, b := copyIn(pg, tc.data, tc.q), copyIn(sb, tc.data, tc.q)
		if b != tc.want || !strings.HasPrefix(tc.want, "ERROR") && a != b {
			t.Errorf("%s: PostgreSQL %s, sandbox %s, want %s", tc.q, a, b, tc.want)
		}
	}
	q = `SELECT id, n, a, b FROM num_ca WHERE id IN (1, 2, 5) ORDER BY id`
	a, b = runDiff(ctx, pg, q, pgx.QueryExecModeSimpleProtocol), runDiff(ctx, sb, q, pgx.QueryExecModeSimpleProtocol)
	if !a.equal(b) || b.tag != "SELECT 3" {
		t.Errorf("%s:\n  PostgreSQL %s\n  sandbox    %s", q, a, b)
	}
	for _, tc := range []struct{ data, want string }{
		{"6\t1\t[1,2]\t[1.5,NULL,-2]\n", "COPY 1"},
		{"7\t1\t[]\t[0.1234567890123]\n", "ERROR 22003"},
	} {
		if got := copyIn(sb, tc.data, "COPY num_ca FROM STDIN"); got != tc.want {
			t.Errorf("sandbox COPY %q: %s, want %s", tc.data, got, tc.want)
		}
	}
	q = "SELECT id, a, b FROM num_ca WHERE id > 5"
	if got := runDiff(ctx, sb, q, pgx.QueryExecModeSimpleProtocol).String(); !strings.Contains(got, `["6" "{1,2}" "{1.5,NULL,-2}"]`) || !strings.HasPrefix(got, "SELECT 1 ") {
		t.Errorf("sandbox: %s: %s", q, got)
	}
}

// numericArg is s as the pgtype.Numeric pgx sends in binary.
func numericArg(t *testing.T, s string) pgtype.Numeric {
	var n pgtype.Numeric
	if err := n.Scan(s); err != nil {
		t.Fatal(err)
	}
	return n
}

// compareNumeric runs q with arg on PostgreSQL (pg) and the sandbox (sb): the sandbox
// must refuse it (22003) when refused, else give what PostgreSQL gives.
func compareNumeric(ctx context.Context, t *testing.T, pg, sb *pgx.Conn, q string, arg any, refused bool) {
	t.Helper()
	a, b := numericRows(ctx, pg, q, arg), numericRows(ctx, sb, q, arg)
	switch {
	case refused && b != "ERROR 22003":
		t.Errorf("%s with %v: sandbox %s, want ERROR 22003 (PostgreSQL %s)", q, arg, b, a)
	case !refused && a != b:
		t.Errorf("%s with %v: PostgreSQL %s, sandbox %s", q, arg, a, b)
	}
}

// numericRows runs q with arg and returns what the client reads (values in binary:
// digits and display scale), or the error's SQLSTATE.
func numericRows(ctx context.Context, c *pgx.Conn, q string, arg any) string {
	rows, err := c.Query(ctx, q, arg)
	if err != nil {
		return "ERROR " + sqlstateOf(err)
	}
	defer rows.Close()
	var out string
	for rows.Next() {
		out += fmt.Sprintf("%q ", rows.RawValues())
	}
	if err := rows.Err(); err != nil {
		return "ERROR " + sqlstateOf(err)
	}
	return out
}
