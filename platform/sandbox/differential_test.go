package sandbox_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/sluice-dev/sluice/internal/testdb"
)

// The differential suite runs every statement of testdata/differential/*.sql against
// PostgreSQL and against the sandbox, through pgx in the simple protocol (text results)
// and in the extended protocol (binary results where pgx asks for them), and compares
// what a client sees: the SQLSTATE of an error, the result's column names and type
// OIDs, and every value's bytes. A difference fails unless DIFFERENCES.md lists the
// statement (in a code span at the start of a table row).

// diffResult is what a client sees of one statement.
type diffResult struct {
	code  string     // SQLSTATE, "" when it succeeded
	names []string   // column names
	oids  []uint32   // column type OIDs
	mods  []int32    // the type modifiers of numeric and varchar columns (typmod)
	rows  [][]string // values: their bytes quoted, NULL as "NULL"
	tag   string     // command tag
}

func (r diffResult) String() string {
	if r.code != "" {
		return "ERROR " + r.code
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s columns=%q oids=%v", r.tag, r.names, r.oids)
	if len(r.mods) > 0 {
		fmt.Fprintf(&b, " typmods=%v", r.mods)
	}
	for i, row := range r.rows {
		if i == 5 {
			fmt.Fprintf(&b, " … (%d rows)", len(r.rows))
			break
		}
		fmt.Fprintf(&b, " %v", row)
	}
	return b.String()
}

// equal compares two results; an error compares by SQLSTATE only.
func (r diffResult) equal(o diffResult) bool {
	return r.String() == o.String() && fmt.Sprint(r.rows) == fmt.Sprint(o.rows)
}

var copyToRE = regexp.MustCompile(`(?is)^\s*COPY\b.*\bTO\s+STDOUT\b`)

// runDiff runs q on c and records what the client sees. A COPY … TO STDOUT runs
// through pgx's CopyTo (the simple protocol in either mode) and its output is one value.
func runDiff(ctx context.Context, c *pgx.Conn, q string, mode pgx.QueryExecMode) diffResult {
	if copyToRE.MatchString(q) {
		var buf strings.Builder
		tag, err := c.PgConn().CopyTo(ctx, &buf, q)
		if err != nil {
			return diffResult{code: sqlstateOf(err)}
		}
		return diffResult{tag: tag.String(), rows: [][]string{{fmt.Sprintf("%q", buf.String())}}}
	}
	rows, err := c.Query(ctx, q, mode)
	if err != nil {
		return diffResult{code: sqlstateOf(err)}
	}
	defer rows.Close()
	var r diffResult
	for _, f := range rows.FieldDescriptions() {
		r.names = append(r.names, f.Name)
		r.oids = append(r.oids, f.DataTypeOID)
		if f.DataTypeOID == 1700 || f.DataTypeOID == 1043 || f.DataTypeOID == 1042 {
			r.mods = append(r.mods, f.TypeModifier)
		}
	}
	for rows.Next() {
		var row []string
		for _, v := range rows.RawValues() {
			if v == nil {
				row = append(row, "NULL")
			} else {
				row = append(row, fmt.Sprintf("%q", v))
			}
		}
		r.rows = append(r.rows, row)
	}
	if err := rows.Err(); err != nil {
		return diffResult{code: sqlstateOf(err)}
	}
	r.tag = rows.CommandTag().String()
	return r
}

func sqlstateOf(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return "client: " + err.Error()
}

// diffCase is one statement of the corpus: setup statements run on both servers but
// are only compared for success.
type diffCase struct {
	file  string
	line  int
	sql   string
	setup bool
}

// readDiffCorpus reads the corpus: one statement per line; lines starting with "--"
// are comments, and "-- setup" makes the following statements setup statements until
// "-- compare".
func readDiffCorpus(t *testing.T) []diffCase {
	files, err := filepath.Glob("testdata/differential/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	var cases []diffCase
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		setup := false
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			switch {
			case line == "-- setup":
				setup = true
			case line == "-- compare":
				setup = false
			case line == "" || strings.HasPrefix(line, "--"):
			default:
				cases = append(cases, diffCase{file: filepath.Base(f), line: n, sql: line, setup: setup})
			}
		}
		fh.Close()
	}
	return cases
}

var knownDiffRE = regexp.MustCompile("^\\| `((?:[^`]|``)+)`")

// knownDifferences returns the statements DIFFERENCES.md lists.
func knownDifferences(t *testing.T) map[string]bool {
	b, err := os.ReadFile("DIFFERENCES.md")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if m := knownDiffRE.FindStringSubmatch(line); m != nil {
			known[m[1]] = true
		}
	}
	return known
}

// freshPostgres creates a database for one run of a suite (testdb.DatabaseDSN).
func freshPostgres(t *testing.T) string { return testdb.DatabaseDSN(t) }

func TestDifferentialPostgres(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	cases := readDiffCorpus(t)
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
	for _, dc := range cases {
		where := fmt.Sprintf("%s:%d", dc.file, dc.line)
		if dc.setup {
			a, b := runDiff(ctx, pg, dc.sql, pgx.QueryExecModeSimpleProtocol), runDiff(ctx, sb, dc.sql, pgx.QueryExecModeSimpleProtocol)
			if a.code != "" || b.code != "" {
				t.Errorf("%s: setup %q: PostgreSQL %s, sandbox %s", where, dc.sql, a, b)
			}
			continue
		}
		var diffs []string
		for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
			a, b := runDiff(ctx, pg, dc.sql, mode), runDiff(ctx, sb, dc.sql, mode)
			if !a.equal(b) {
				diffs = append(diffs, fmt.Sprintf("  %v\n    PostgreSQL: %s\n    sandbox:    %s", mode, a, b))
			}
		}
		switch {
		case len(diffs) == 0:
			passed++
			if known[dc.sql] {
				t.Logf("%s: listed in DIFFERENCES.md but no longer differs: %s", where, dc.sql)
			}
		case known[dc.sql]:
			listed++
		default:
			failed++
			t.Errorf("%s: %s\n%s", where, dc.sql, strings.Join(diffs, "\n"))
		}
	}
	t.Logf("%d passed, %d failed (%d more differ as DIFFERENCES.md lists)", passed, failed, listed)
}
