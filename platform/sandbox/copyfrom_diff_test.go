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
