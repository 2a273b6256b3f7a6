package sandbox_test

import (
	"os/exec"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// copyPsycopgScript loads and dumps a table through psycopg2's copy_from, copy_expert
// and copy_to on one server and prints everything it read back.
const copyPsycopgScript = `
import io, sys, psycopg2
conn = psycopg2.connect(sys.argv[1]); conn.autocommit = True
cur = conn.cursor()
cur.execute("SET TimeZone = 'UTC'")
cur.execute("DROP TABLE IF EXISTS cp_t")
cur.execute("CREATE TABLE cp_t (id int, t text, a int[], s text[], b bytea, ok boolean, ts timestamptz, iv interval, n numeric(10,2))")
cur.copy_from(io.StringIO("1\tplain\t{1,2}\t{\"a b\",NULL}\t\\\\x00ff\tt\t2024-01-01 00:00:00+05\t1 day 02:00:00\t1.5\n"
    "2\ttab\\there\t{}\t{}\t\\\\x\tno\t2024-02-29 12:00:00+00\t-1 mons\t-2\n"
    "3\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n"), "cp_t")
cur.copy_from(io.StringIO("4|x|{3}\n"), "cp_t", sep="|", null="", columns=("id", "t", "a"))
cur.copy_expert("COPY cp_t (id, t, s, ok) FROM STDIN WITH (FORMAT csv, HEADER)",
    io.StringIO('id,t,s,ok\n5,"a,b","{""x y"",z}",on\n6,,{},\n'))
cur.execute("SELECT * FROM cp_t ORDER BY id")
for row in cur.fetchall():
    print(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)))
for q in ("COPY cp_t TO STDOUT", "COPY (SELECT * FROM cp_t ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)",
          "COPY (SELECT id, a, s FROM cp_t ORDER BY id) TO STDOUT (FORMAT binary)"):
    out = io.BytesIO()
    cur.copy_expert(q, out)
    print(q, repr(out.getvalue()))
out = io.StringIO()
cur.copy_to(out, "cp_t", sep=",", null="NULL", columns=("id", "t"))
print("copy_to", repr(sorted(out.getvalue().splitlines())))
try:
    cur.copy_expert("COPY cp_t (id, a) FROM STDIN", io.StringIO("7\t{1,{2}}\n"))
except psycopg2.Error as e:
    print("ERROR", e.pgcode)
`

// TestCopyPsycopg2 runs psycopg2's copy_from, copy_expert and copy_to (text, CSV and
// binary, in and out) against PostgreSQL and the sandbox and compares what it printed.
func TestCopyPsycopg2(t *testing.T) {
	py := testenv.Python(t, "psycopg2")
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	run := func(dsn string) string {
		out, err := exec.Command(py, "-c", copyPsycopgScript, dsn).CombinedOutput()
		if err != nil {
			t.Fatalf("psycopg2: %v\n%s", err, out)
		}
		return string(out)
	}
	a, b := run(pgDSN), run(srv.DSN())
	if a != b {
		t.Errorf("psycopg2 COPY differs\nPostgreSQL:\n%s\nsandbox:\n%s", a, b)
	}
}
