package sandbox_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
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

// TestNumericClientTypedParams binds parameters the client typed itself, as psycopg 3
// does (a Python float is float8, a str text), to an unbounded numeric column's value,
// comparison, UPDATE and ON CONFLICT … DO UPDATE SET, and to a numeric(12,4) column.
// float8: what PostgreSQL gives (its 15 significant digits; compared as float8), or
// 22003 where the sandbox cannot hold that value — never DuckDB's rounding to 12
// decimals, which stored 0.333333333333 for 1/3 and 0 for 1e-13. text, which
// PostgreSQL refuses for a numeric column (42804, 42883): the exact value or 22003.
func TestNumericClientTypedParams(t *testing.T) {
	ctx := context.Background()
	pg := connect(t, freshPostgres(t), pgx.QueryExecModeCacheStatement).PgConn()
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement).PgConn()
	for _, c := range []*pgconn.PgConn{pg, sb} {
		if err := c.Exec(ctx, "CREATE TABLE num_ct (id int PRIMARY KEY, n numeric, m numeric(12,4))").Close(); err != nil {
			t.Fatal(err)
		}
	}
	queries := []string{
		"INSERT INTO num_ct (id, n) VALUES ($1, $2) RETURNING n",
		"SELECT id FROM num_ct WHERE id = $1 AND n = $2",
		"SELECT id FROM num_ct WHERE id = $1 AND n < $2",
		"UPDATE num_ct SET n = $2 WHERE id = $1 RETURNING n",
		"INSERT INTO num_ct (id, n) VALUES ($1, 0) ON CONFLICT (id) DO UPDATE SET n = $2 RETURNING n",
		"UPDATE num_ct SET m = $2 WHERE id = $1 RETURNING m",
		"INSERT INTO num_ct (id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING n",
		// compared and written: written as numeric (not as the double it is compared as)
		"UPDATE num_ct SET n = $2 WHERE id = $1 AND n <> $2 RETURNING n",
	}
	run := func(c *pgconn.PgConn, q string, oid uint32, id int32, val []byte, format int16) string {
		if _, err := c.Prepare(ctx, "", q, []uint32{pgtype.Int4OID, oid}); err != nil {
			return "ERROR " + sqlstateOf(err)
		}
		idb := binary.BigEndian.AppendUint32(nil, uint32(id))
		res := c.ExecPrepared(ctx, "", [][]byte{idb, val}, []int16{1, format}, nil).Read()
		if res.Err != nil {
			return "ERROR " + sqlstateOf(res.Err)
		}
		return fmt.Sprintf("%s %q", res.CommandTag, res.Rows)
	}
	float8 := func(f float64) []byte { return binary.BigEndian.AppendUint64(nil, math.Float64bits(f)) }
	for i, tc := range []struct {
		val     []byte
		format  int16
		refused bool // the sandbox refuses (22003) what PostgreSQL keeps
	}{
		{val: float8(0.1), format: 1},
		{val: float8(0.1 + 0.2), format: 1}, // 0.3 as PostgreSQL converts it; not equal as float8
		{val: float8(-2.75), format: 1},
		{val: float8(1.5e20), format: 1}, // 150000000000000000000 (overflows numeric(12,4): 22003)
		{val: float8(1.0 / 3), format: 1, refused: true},
		{val: float8(1e-13), format: 1, refused: true},
		{val: []byte("0.30000000000000004"), format: 0},
		{val: []byte("-1e-12"), format: 0},
		{val: []byte("1e-13"), format: 0, refused: true},
	} {
		id := int32(i + 1)
		for _, q := range queries {
			a, b := run(pg, q, pgtype.Float8OID, id, tc.val, tc.format), run(sb, q, pgtype.Float8OID, id, tc.val, tc.format)
			ok := a == b
			if strings.Contains(q, "<> $2") && b == "UPDATE 0 []" {
				// Compared and written, the parameter is converted to numeric first,
				// then compared: 0.1 + 0.2 equals 0.3 (DIFFERENCES.md).
				ok = true
			}
			if tc.refused {
				// Refused, or no row since it was refused: never a rounded value.
				ok = b == "ERROR 22003" || strings.HasSuffix(b, " []")
			}
			if !ok {
				t.Errorf("%s with float8 %q: PostgreSQL %s, sandbox %s", q, tc.val, a, b)
			}
		}
	}
	// text and varchar parameters: PostgreSQL refuses them for a numeric column; the
	// sandbox takes the exact value, or refuses it (22003), never rounds it.
	for _, oid := range []uint32{pgtype.TextOID, pgtype.VarcharOID} {
		for i, tc := range []struct{ val, want string }{
			{"2.5", `INSERT 0 1 [["2.5"]]`},
			{" -1e-12 ", `INSERT 0 1 [["-0.000000000001"]]`},
			{"0.1234567890123", "ERROR 22003"},
			{"1e-13", "ERROR 22003"},
			{"NaN", "ERROR 22P02"},
		} {
			id := int32(100*int(oid%10) + i)
			if got := run(sb, queries[0], oid, id, []byte(tc.val), 0); got != tc.want {
				t.Errorf("%s with %d %q: sandbox %s, want %s", queries[0], oid, tc.val, got, tc.want)
			}
			for _, q := range queries[1:5] {
				if got := run(sb, q, oid, id, []byte(tc.val), 0); strings.HasPrefix(tc.want, "ERROR") && got != tc.want {
					t.Errorf("%s with %d %q: sandbox %s, want %s", q, oid, tc.val, got, tc.want)
				}
			}
		}
	}
}

// TestNumericOperandParams binds a bare parameter of arithmetic or a comparison with
// a numeric column or literal (SET n = n + $1, $1 + 1.5, WHERE n > $1 * 2), which
// PostgreSQL types by the other operand (numeric, or integer for $1 * 2) and the
// sandbox now announces alike, so pgx sends a float64 or a decimal for it: values as
// PostgreSQL's, 22003 where the sandbox's numeric cannot hold one.
func TestNumericOperandParams(t *testing.T) {
	ctx := context.Background()
	pg := connect(t, freshPostgres(t), pgx.QueryExecModeCacheStatement)
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement)
	for _, c := range []*pgx.Conn{pg, sb} {
		if _, err := c.Exec(ctx, "CREATE TABLE num_o (id int PRIMARY KEY, n numeric, f float8); INSERT INTO num_o VALUES (1, 1.5, 0.5), (2, 3, 1)"); err != nil {
			t.Fatal(err)
		}
	}
	// $1 * 2 and f + $1: integer and double precision, as PostgreSQL says.
	for _, q := range []string{"SELECT id FROM num_o WHERE n > $1 * 2 ORDER BY id", "SELECT f + $1 AS g FROM num_o ORDER BY id"} {
		for _, c := range []*pgx.Conn{pg, sb} {
			sd, err := c.Prepare(ctx, "", q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			want := uint32(pgtype.Int4OID)
			if strings.Contains(q, "f +") {
				want = pgtype.Float8OID
			}
			if len(sd.ParamOIDs) != 1 || sd.ParamOIDs[0] != want {
				t.Errorf("%s: parameter types %v, want %d", q, sd.ParamOIDs, want)
			}
		}
		compareNumeric(ctx, t, pg, sb, q, int64(1), false)
	}
	for _, tc := range []struct {
		arg     any
		refused bool
	}{
		{arg: 0.25},
		{arg: numericArg(t, "-2.125")},
		{arg: "3.5"},
		{arg: int64(4)},
		{arg: numericArg(t, "0.0000000000001"), refused: true},
	} {
		for _, q := range []string{
			"SELECT id FROM num_o WHERE n - $1 > 0 ORDER BY id",
			"SELECT n * $1 AS p, $1 + 1.5 AS q FROM num_o ORDER BY id",
			"UPDATE num_o SET n = $1 + 1.5 WHERE id = 2 RETURNING n",
			"UPDATE num_o SET n = n + $1 WHERE id = 1 RETURNING n",
		} {
			// Values compared: the sandbox keeps no trailing zeros and gives a
			// product DuckDB's scale (DIFFERENCES.md).
			a, b := numericValues(ctx, pg, q, tc.arg), numericValues(ctx, sb, q, tc.arg)
			switch {
			case tc.refused && b != "ERROR 22003":
				t.Errorf("%s with %v: sandbox %s, want ERROR 22003 (PostgreSQL %s)", q, tc.arg, b, a)
			case !tc.refused && a != b:
				t.Errorf("%s with %v: PostgreSQL %s, sandbox %s", q, tc.arg, a, b)
			}
		}
	}
}

// numericValues runs q with arg and returns its values as text without trailing
// zeros, or the error's SQLSTATE.
func numericValues(ctx context.Context, c *pgx.Conn, q string, arg any) string {
	rows, err := c.Query(ctx, q, arg)
	if err != nil {
		return "ERROR " + sqlstateOf(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return "ERROR " + err.Error()
		}
		for _, v := range vals {
			s := fmt.Sprint(v)
			if n, ok := v.(pgtype.Numeric); ok {
				d, _ := n.Value()
				s = fmt.Sprint(d)
				if strings.Contains(s, ".") {
					s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
				}
			}
			out = append(out, s)
		}
	}
	if err := rows.Err(); err != nil {
		return "ERROR " + sqlstateOf(err)
	}
	return strings.Join(out, " ")
}

// TestNumericNothingOnConflict inserts rows with values the sandbox's numeric cannot
// hold through INSERT … ON CONFLICT DO NOTHING (literals, expressions, parameters):
// a row whose key is in the table is left out, as PostgreSQL leaves it out (the
// sandbox refused the statement); a row that would be inserted is refused (22003).
func TestNumericNothingOnConflict(t *testing.T) {
	ctx := context.Background()
	sb := connect(t, startSandbox(t).DSN(), pgx.QueryExecModeCacheStatement)
	if _, err := sb.Exec(ctx, "CREATE TABLE num_n (id int PRIMARY KEY, n numeric NOT NULL, s text UNIQUE, a numeric[]); INSERT INTO num_n VALUES (1, 0.5, 'x', NULL)"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q    string
		args []any
		want string
	}{
		{"INSERT INTO num_n VALUES (1, 0.1234567890123, 'y', NULL) ON CONFLICT DO NOTHING", nil, "INSERT 0 0"},
		{"INSERT INTO num_n VALUES (2, 1e-13, 'x', NULL) ON CONFLICT DO NOTHING", nil, "INSERT 0 0"},
		{"INSERT INTO num_n (id, n) VALUES (1, 1.0 / 3) ON CONFLICT (id) DO NOTHING", nil, "INSERT 0 0"},
		{"INSERT INTO num_n VALUES (1, 1, NULL, ARRAY[1e-13]) ON CONFLICT (id) DO NOTHING", nil, "INSERT 0 0"},
		{"INSERT INTO num_n (id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING", []any{1, numericArg(t, "0.1234567890123")}, "INSERT 0 0"},
		{"INSERT INTO num_n (id, n) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", []any{1, 1.0 / 3}, "INSERT 0 0"},
		{"INSERT INTO num_n (id, n) VALUES (3, 0.1234567890123) ON CONFLICT DO NOTHING", nil, "ERROR 22003"},
		{"INSERT INTO num_n (id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING", []any{3, numericArg(t, "0.1234567890123")}, "ERROR 22003"},
		{"INSERT INTO num_n (id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING", []any{3, "2.25"}, "INSERT 0 1"},
		{"INSERT INTO num_n (id, n, s) VALUES (1, 0.1234567890123, 'p'), (4, 0.5, 'q') ON CONFLICT DO NOTHING", nil, "INSERT 0 1"},
		{"INSERT INTO num_n (id, n) VALUES (1, 0.5), (5, 1.0 / 3) ON CONFLICT DO NOTHING", nil, "ERROR 22003"},
		// A duplicate within the statement is not seen: refused where PostgreSQL
		// inserts the first row only.
		{"INSERT INTO num_n (id, n) VALUES (6, 0.5), (6, 1.0 / 3) ON CONFLICT (id) DO NOTHING", nil, "ERROR 22003"},
	} {
		got := "ERROR"
		tag, err := sb.Exec(ctx, tc.q, tc.args...)
		if err != nil {
			got += " " + sqlstateOf(err)
		} else {
			got = tag.String()
		}
		if got != tc.want {
			t.Errorf("%s %v: %s, want %s", tc.q, tc.args, got, tc.want)
		}
	}
	q := "SELECT id, n FROM num_n ORDER BY id"
	if got := runDiff(ctx, sb, q, pgx.QueryExecModeSimpleProtocol).String(); !strings.HasPrefix(got, "SELECT 3 ") || !strings.HasSuffix(got, `["1" "0.5"] ["3" "2.25"] ["4" "0.5"]`) {
		t.Errorf("%s: %s", q, got)
	}
}
