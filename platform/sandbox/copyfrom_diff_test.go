package sandbox_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// copyFromCase is one case of testdata/copyfrom: a table, a COPY … FROM STDIN and the
// bytes it reads.
type copyFromCase struct {
	name, setup, copy, check string
	data                     strings.Builder
}

func readCopyFromCases(t *testing.T) []*copyFromCase {
	files, err := filepath.Glob("testdata/copyfrom/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	var cases []*copyFromCase
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			key, val, _ := strings.Cut(line, ": ")
			switch {
			case strings.HasPrefix(line, "== "):
				cases = append(cases, &copyFromCase{name: strings.TrimPrefix(line, "== ")})
			case line == "" || strings.HasPrefix(line, "#"):
			case len(cases) == 0:
				t.Fatalf("%s:%d: outside a case", f, n)
			case key == "setup":
				cases[len(cases)-1].setup = val
			case key == "copy":
				cases[len(cases)-1].copy = val
			case key == "check":
				cases[len(cases)-1].check = val
			case key == "data":
				s, err := strconv.Unquote(val)
				if err != nil {
					t.Fatalf("%s:%d: %v", f, n, err)
				}
				cases[len(cases)-1].data.WriteString(s)
			default:
				t.Fatalf("%s:%d: %q", f, n, line)
			}
		}
		fh.Close()
	}
	return cases
}

// tableOf returns the table a CREATE TABLE names.
func tableOf(setup string) string {
	f := strings.Fields(setup)
	return f[2]
}

// TestCopyFromDifferential loads the same bytes into PostgreSQL and the sandbox with
// COPY … FROM STDIN and compares the outcome (SQLSTATE or command tag) and the rows
// read back, as text and binary results and as COPY TO output. A difference fails
// unless DIFFERENCES.md lists `copyfrom: <name>`.
func TestCopyFromDifferential(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	known := knownDifferences(t)
	ctx := context.Background()
	pg := connect(t, pgDSN, pgx.QueryExecModeCacheStatement)
	sb := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
	for _, c := range []*pgx.Conn{pg, sb} {
		if _, err := c.Exec(ctx, "SET TimeZone = 'UTC'"); err != nil {
			t.Fatal(err)
		}
	}
	passed, failed, listed := 0, 0, 0
	for _, cc := range readCopyFromCases(t) {
		table := tableOf(cc.setup)
		var diffs []string
		for _, c := range []*pgx.Conn{pg, sb} {
			if _, err := c.Exec(ctx, "DROP TABLE IF EXISTS "+table); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Exec(ctx, cc.setup); err != nil {
				t.Fatalf("%s: setup: %v", cc.name, err)
			}
		}
		load := func(c *pgx.Conn) (string, error) {
			tag, err := c.PgConn().CopyFrom(ctx, strings.NewReader(cc.data.String()), cc.copy)
			if err != nil {
				return "ERROR " + sqlstateOf(err), err
			}
			return tag.String(), nil
		}
		a, aerr := load(pg)
		b, berr := load(sb)
		if a != b {
			diffs = append(diffs, fmt.Sprintf("  COPY: PostgreSQL %s (%v), sandbox %s (%v)", a, aerr, b, berr))
		}
		check := cc.check
		if check == "" {
			check = "SELECT * FROM " + table + " ORDER BY 1"
		}
		for _, q := range []string{check, "COPY (" + check + ") TO STDOUT"} {
			for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
				a, b := runDiff(ctx, pg, q, mode), runDiff(ctx, sb, q, mode)
				if !a.equal(b) {
					diffs = append(diffs, fmt.Sprintf("  %s (%v)\n    PostgreSQL: %s\n    sandbox:    %s", q, mode, a, b))
				}
			}
		}
		key := "copyfrom: " + cc.name
		switch {
		case len(diffs) == 0:
			passed++
			if known[key] {
				t.Logf("%s: listed in DIFFERENCES.md but no longer differs", key)
			}
		case known[key]:
			listed++
			t.Logf("%s (listed):\n%s", key, strings.Join(diffs, "\n"))
		default:
			failed++
			t.Errorf("%s: %s\n%s", cc.name, cc.copy, strings.Join(diffs, "\n"))
		}
	}
	t.Logf("%d passed, %d failed (%d more differ as DIFFERENCES.md lists)", passed, failed, listed)
}

// TestCopyFromPgxBinary loads Go values of every type the sandbox holds with pgx's
// CopyFrom (the binary COPY format) into PostgreSQL and the sandbox and compares the
// rows read back.
func TestCopyFromPgxBinary(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	pg := connect(t, pgDSN, pgx.QueryExecModeCacheStatement)
	sb := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
	const ddl = `CREATE TABLE cf_bin (id int, s smallint, b bigint, f float8, r real, ok boolean, t text,
		bin bytea, d date, ts timestamp, tz timestamptz, tm time, iv interval, n numeric(12,3), u uuid, j json,
		ai int[], at text[], af float8[])`
	ts := time.Date(2024, 2, 29, 13, 14, 15, 250000000, time.UTC)
	rows := [][]any{
		{int32(1), int16(-2), int64(1) << 40, 0.1, float32(1.5), true, "plain", []byte{0, 1, 0xff, '\\'},
			time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), ts, ts, pgtype.Time{Microseconds: 3723000001, Valid: true},
			pgtype.Interval{Months: 14, Days: -3, Microseconds: 14706500000, Valid: true}, "12.345",
			[16]byte{0xa0, 0xee, 0xbc, 0x99, 0x9c, 0x0b, 0x4e, 0xf8, 0xbb, 0x6d, 0x6b, 0xb9, 0xbd, 0x38, 0x0a, 0x11},
			`{"k": [1, "x"]}`, []int32{1, 2, 3}, []string{"a b", `q"uote`, "back\\slash", "", "NULL"}, []float64{0.5, -1}},
		{int32(2), nil, nil, nil, nil, nil, "tab\there\nnew \\N", []byte{}, nil, nil, nil, nil, nil, "-0.5", nil, nil,
			[]int32{}, []*string{nil}, nil},
		{int32(3), int16(0), int64(-1), -1e300, float32(-0.25), false, "é ü", nil,
			time.Date(-44, 3, 15, 0, 0, 0, 0, time.UTC), ts.Add(-time.Hour * 24 * 365 * 30), ts.Add(time.Microsecond), nil,
			pgtype.Interval{Months: -1, Valid: true}, "0", nil, "[1, 2]", nil, nil, []float64{}},
	}
	cols := []string{"id", "s", "b", "f", "r", "ok", "t", "bin", "d", "ts", "tz", "tm", "iv", "n", "u", "j", "ai", "at", "af"}
	for _, c := range []*pgx.Conn{pg, sb} {
		if _, err := c.Exec(ctx, "SET TimeZone = 'UTC'"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, ddl); err != nil {
			t.Fatal(err)
		}
		n, err := c.CopyFrom(ctx, pgx.Identifier{"cf_bin"}, cols, pgx.CopyFromRows(rows))
		if err != nil || n != int64(len(rows)) {
			t.Fatalf("CopyFrom: %d rows, %v", n, err)
		}
	}
	for _, q := range []string{"SELECT * FROM cf_bin ORDER BY id", "COPY (SELECT * FROM cf_bin ORDER BY id) TO STDOUT"} {
		for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
			a, b := runDiff(ctx, pg, q, mode), runDiff(ctx, sb, q, mode)
			if !a.equal(b) {
				t.Errorf("%s (%v)\n    PostgreSQL: %s %v\n    sandbox:    %s %v", q, mode, a, a.rows, b, b.rows)
			}
		}
	}
}

// TestCopyBinaryRoundTrip writes a table in PostgreSQL's binary COPY format from
// PostgreSQL and from the sandbox, loads each dump into a table on both servers with
// COPY … FROM STDIN (FORMAT binary), and compares the rows read back.
func TestCopyBinaryRoundTrip(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	pg := connect(t, pgDSN, pgx.QueryExecModeCacheStatement)
	sb := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
	const cols = `(id int, s smallint, b bigint, f float8, r real, ok boolean, t text, bin bytea, d date,
		ts timestamp, tz timestamptz, tm time, iv interval, n numeric(20,6), u uuid, ai int[], at text[], dd date[])`
	for _, c := range []*pgx.Conn{pg, sb} {
		for _, q := range []string{
			"SET TimeZone = 'UTC'",
			"CREATE TABLE rt_src " + cols,
			"CREATE TABLE rt_dst " + cols,
			`INSERT INTO rt_src VALUES (1, -32768, 9223372036854775807, -0.1, 3.25, true, E'a\tb\\c "q"', '\x00ff5c',
				'2024-02-29', '2024-02-29 13:14:15.123456', '1999-12-31 23:59:59.5+00', '23:59:59.999999',
				'1 year 2 mons -3 days 04:05:06.5', -12345678901234.123456, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
				'{1,NULL,3}', '{"a b","",NULL,"\"","NULL"}', '{2024-01-01,infinity}')`,
			`INSERT INTO rt_src VALUES (2, NULL, NULL, 'NaN', '-Infinity', false, '', '\x', '0044-03-15 BC', 'infinity',
				'-infinity', '00:00', '-00:00:00.000001', 0.000001, NULL, '{}', '{}', NULL)`,
			"INSERT INTO rt_src (id) VALUES (3)",
		} {
			if _, err := c.Exec(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	for _, from := range []*pgx.Conn{pg, sb} {
		var dump strings.Builder
		if _, err := from.PgConn().CopyTo(ctx, &dump, "COPY rt_src TO STDOUT (FORMAT binary)"); err != nil {
			t.Fatal(err)
		}
		for _, to := range []*pgx.Conn{pg, sb} {
			if _, err := to.Exec(ctx, "DELETE FROM rt_dst"); err != nil {
				t.Fatal(err)
			}
			if _, err := to.PgConn().CopyFrom(ctx, strings.NewReader(dump.String()), "COPY rt_dst FROM STDIN (FORMAT binary)"); err != nil {
				t.Fatalf("loading the dump of %v into %v: %v", from == sb, to == sb, err)
			}
		}
		q := "COPY (SELECT * FROM rt_dst ORDER BY id) TO STDOUT"
		if a, b := runDiff(ctx, pg, q, pgx.QueryExecModeSimpleProtocol), runDiff(ctx, sb, q, pgx.QueryExecModeSimpleProtocol); !a.equal(b) {
			t.Errorf("dump of the sandbox=%v:\n    PostgreSQL: %v\n    sandbox:    %v", from == sb, a.rows, b.rows)
		}
	}
}
