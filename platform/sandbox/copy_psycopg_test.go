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

// copyPsycopg3Script loads rows with psycopg 3's Copy.write_row (text and binary
// formats, the types set for binary) and Copy.write of raw CSV, reads them back with
// Copy.rows (text and binary) and a query, and prints everything.
const copyPsycopg3Script = `
import sys, datetime, decimal, uuid, psycopg
conn = psycopg.connect(sys.argv[1], autocommit=True)
cur = conn.cursor()
cur.execute("SET TimeZone = 'UTC'")
cur.execute("DROP TABLE IF EXISTS cp3")
cur.execute("CREATE TABLE cp3 (id int, t text, a int[], s text[], b bytea, ok boolean, ts timestamptz, d date, n numeric(10,2), u uuid)")
rows = [
    (1, "plain", [1, 2], ["a b", None, 'q"'], b"\x00\xff\\", True,
     datetime.datetime(2024, 1, 1, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=5))),
     datetime.date(2024, 2, 29), decimal.Decimal("1.50"), uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
    (2, "tab\there\nnl", [], [], b"", False, None, None, decimal.Decimal("-2"), None),
    (3, None, None, None, None, None, None, None, None, None),
]
with cur.copy("COPY cp3 FROM STDIN") as cp:
    for r in rows:
        cp.write_row(r)
with cur.copy("COPY cp3 FROM STDIN (FORMAT BINARY)") as cp:
    cp.set_types(["int4", "text", "int4[]", "text[]", "bytea", "bool", "timestamptz", "date", "numeric", "uuid"])
    for r in rows:
        cp.write_row((r[0] + 10,) + r[1:])
with cur.copy("COPY cp3 (id, t, a) FROM STDIN (FORMAT csv)") as cp:
    cp.write('21,"x,y","{7,8}"\n22,,\n')
cur.execute("SELECT * FROM cp3 ORDER BY id")
for row in cur.fetchall():
    print(repr(row))
with cur.copy("COPY (SELECT id, t, a, s, b FROM cp3 ORDER BY id) TO STDOUT") as cp:
    print("text", [r for r in cp.rows()])
with cur.copy("COPY (SELECT id, t, a, s, b, ok, n FROM cp3 ORDER BY id) TO STDOUT (FORMAT BINARY)") as cp:
    cp.set_types(["int4", "text", "int4[]", "text[]", "bytea", "bool", "numeric"])
    print("binary", [r for r in cp.rows()])
`

// TestCopyPsycopg3 runs psycopg 3's COPY API (write_row in text and binary, rows in
// text and binary) against PostgreSQL and the sandbox and compares what it printed.
func TestCopyPsycopg3(t *testing.T) {
	py := testenv.VenvPython(t, "psycopg")
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	run := func(dsn string) string {
		out, err := exec.Command(py, "-c", copyPsycopg3Script, dsn).CombinedOutput()
		if err != nil {
			t.Fatalf("psycopg 3: %v\n%s", err, out)
		}
		return string(out)
	}
	a, b := run(pgDSN), run(srv.DSN())
	if a != b {
		t.Errorf("psycopg 3 COPY differs\nPostgreSQL:\n%s\nsandbox:\n%s", a, b)
	}
}
