package sandbox_test

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// startSandbox starts a sandbox of the test's own (testdb.SandboxServer).
func startSandbox(t testing.TB) *sandbox.Server { return testdb.SandboxServer(t) }

func psql(t *testing.T, srv *sandbox.Server, stdin string, args ...string) (string, error) {
	t.Helper()
	bin := testenv.Command(t, "psql")
	base := []string{"-X", "-h", "127.0.0.1", "-p", strconv.Itoa(srv.Port()), "-U", sandbox.User, "-d", sandbox.Database, "-v", "ON_ERROR_STOP=1"}
	cmd := exec.Command(bin, append(base, args...)...)
	cmd.Env = append(os.Environ(), "PGPASSWORD="+srv.Password(), "PGSSLMODE=prefer", "PGCONNECT_TIMEOUT=5")
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestPsql(t *testing.T) {
	srv := startSandbox(t)
	out, err := psql(t, srv, "", "-A", "-t", "-c", "SELECT 40 + 2 AS answer, 'hi' AS s")
	if err != nil || strings.TrimSpace(out) != "42|hi" {
		t.Fatalf("psql -c: %v\n%s", err, out)
	}
	out, err = psql(t, srv, "", "-A", "-t",
		"-c", "CREATE TABLE events (id bigint, kind text, ts timestamp)",
		"-c", "INSERT INTO events VALUES (1, 'view', '2024-01-01 10:00:00'), (2, 'buy', NULL)",
		"-c", "SELECT count(*), count(ts) FROM events")
	if err != nil || !strings.Contains(out, "2|1") {
		t.Fatalf("psql statements: %v\n%s", err, out)
	}
	// COPY FROM STDIN through psql, text format with escapes and NULLs.
	data := "3\tclick\\tx\t2024-01-02 00:00:00\n4\t\\N\t\\N\n\\.\n"
	out, err = psql(t, srv, data, "-c", "COPY events FROM STDIN")
	if err != nil || !strings.Contains(out, "COPY 2") {
		t.Fatalf("psql COPY: %v\n%s", err, out)
	}
	out, err = psql(t, srv, "", "-A", "-t", "-c", "SELECT kind FROM events WHERE id = 3", "-c", "SELECT count(*) FROM events WHERE kind IS NULL")
	if err != nil || !strings.Contains(out, "click\tx") || !strings.HasSuffix(strings.TrimSpace(out), "1") {
		t.Fatalf("after COPY: %v\n%q", err, out)
	}
	// Errors show SQLSTATE-backed messages with psql's caret.
	out, err = psql(t, srv, "", "-c", "SELECT id FROM evnts")
	if err == nil || !strings.Contains(out, `relation "evnts" does not exist`) || !strings.Contains(out, "LINE 1: SELECT id FROM evnts") || !strings.Contains(out, "^") {
		t.Fatalf("psql error: %v\n%s", err, out)
	}
	// Wrong password is refused.
	cmd := exec.Command(testenv.Command(t, "psql"), "-X", "-h", "127.0.0.1", "-p", strconv.Itoa(srv.Port()), "-U", "sluice", "-d", "sluice", "-c", "select 1")
	cmd.Env = append(os.Environ(), "PGPASSWORD=wrong", "PGCONNECT_TIMEOUT=5")
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("wrong password accepted: %s", out)
	}
}

const psycopgScript = `
import sys, psycopg2, psycopg2.errors
conn = psycopg2.connect(host="127.0.0.1", port=int(sys.argv[1]), user="sluice", password=sys.argv[2], dbname="sluice", connect_timeout=5)
cur = conn.cursor()
cur.execute("CREATE TABLE people (id bigint, name text, score double precision, born date)")
cur.execute("INSERT INTO people VALUES (%s, %s, %s, %s)", (1, "O'Brien", 1.5, "1990-05-06"))
cur.executemany("INSERT INTO people VALUES (%s, %s, %s, NULL)", [(2, "b", 2.5), (3, "c", None)])
conn.commit()
cur.execute("INSERT INTO people VALUES (99, 'gone', 0, NULL)")
conn.rollback()
cur.execute("SELECT id, name, score, born FROM people ORDER BY id")
rows = cur.fetchall()
assert [r[0] for r in rows] == [1, 2, 3], rows
assert rows[0][1] == "O'Brien" and rows[0][2] == 1.5 and str(rows[0][3]) == "1990-05-06", rows[0]
assert rows[2][2] is None
import io
cur.copy_expert("COPY people (id, name) FROM STDIN WITH (FORMAT csv)", io.StringIO('4,"d, with comma"\n5,\n'))
conn.commit()
cur.execute("SELECT name FROM people WHERE id >= 4 ORDER BY id")
got = cur.fetchall()
assert got == [("d, with comma",), (None,)], got
try:
    cur.execute("SELECT * FROM nosuch")
    raise SystemExit("no error")
except psycopg2.Error as e:
    assert e.pgcode == "42P01", e.pgcode
conn.rollback()
cur.execute("SELECT count(*) FROM people")
print("OK", cur.fetchone()[0])
`

func TestPsycopg2(t *testing.T) {
	srv := startSandbox(t)
	py := testenv.Python(t, "psycopg2")
	out, err := exec.Command(py, "-c", psycopgScript, strconv.Itoa(srv.Port()), srv.Password()).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "OK 5") {
		t.Fatalf("psycopg2: %v\n%s", err, out)
	}
}
