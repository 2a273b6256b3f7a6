package sandbox_test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// psycopgDiffScript runs each statement of the corpus on two servers through
// psycopg2 (text results, parsed into Python values by psycopg2's typecasters) and
// prints one line per statement whose outcome differs: the column names, type codes,
// Python values (repr) or error SQLSTATE.
const psycopgDiffScript = `
import sys, psycopg2
pg = psycopg2.connect(sys.argv[1]); sb = psycopg2.connect(sys.argv[2])
for c in (pg, sb):
    c.autocommit = True
    c.cursor().execute("SET TimeZone = 'UTC'")
def run(conn, q):
    cur = conn.cursor()
    try:
        cur.execute(q)
    except psycopg2.Error as e:
        return "ERROR %s" % e.pgcode
    if cur.description is None:
        return "OK"
    cols = [(d.name, d.type_code) for d in cur.description]
    try:
        rows = cur.fetchall()
    except Exception as e:
        return "CLIENT ERROR %s: %s" % (type(e).__name__, e)
    return "%r %r" % (cols, rows)
for line in sys.stdin:
    kind, q = line.rstrip("\n").split("\t", 1)
    a, b = run(pg, q), run(sb, q)
    if kind == "setup":
        if a.startswith("ERROR") or b.startswith("ERROR"):
            print("SETUP\t%s\t%s\t%s" % (q, a, b))
    elif a != b:
        print("DIFF\t%s\t%s\t%s" % (q, a, b))
    else:
        print("SAME\t%s" % q)
`

// TestDifferentialPsycopg2 compares what psycopg2 reads from PostgreSQL and from the
// sandbox for every statement of the differential corpus.
func TestDifferentialPsycopg2(t *testing.T) {
	py := testenv.Python(t, "psycopg2")
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	known := knownDifferences(t)
	var in strings.Builder
	for _, dc := range readDiffCorpus(t) {
		kind := "compare"
		if dc.setup {
			kind = "setup"
		}
		fmt.Fprintf(&in, "%s\t%s\n", kind, dc.sql)
	}
	cmd := exec.Command(py, "-c", psycopgDiffScript, pgDSN, srv.DSN())
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("psycopg2: %v\n%s", err, out)
	}
	passed, failed, listed := 0, 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		switch f[0] {
		case "SAME":
			passed++
		case "DIFF":
			if known[f[1]] {
				listed++
				continue
			}
			failed++
			t.Errorf("%s\n  PostgreSQL: %s\n  sandbox:    %s", f[1], f[2], f[3])
		case "SETUP":
			t.Errorf("setup %s: PostgreSQL %s, sandbox %s", f[1], f[2], f[3])
		default:
			t.Errorf("unexpected output: %s", line)
		}
	}
	t.Logf("psycopg2: %d passed, %d failed (%d more differ as DIFFERENCES.md lists)", passed, failed, listed)
}
