package sandbox_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/sluice-dev/sluice/internal/testenv"
)

// TestCopyPgDumpData restores the data pg_dump writes for PostgreSQL's tables (COPY …
// FROM stdin blocks in text format, read by psql) into the sandbox, and compares the
// rows with PostgreSQL's.
func TestCopyPgDumpData(t *testing.T) {
	pgDump := testenv.Command(t, "pg_dump")
	psqlBin := testenv.Command(t, "psql")
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	pg := connect(t, pgDSN, pgx.QueryExecModeCacheStatement)
	sb := connect(t, srv.DSN(), pgx.QueryExecModeCacheStatement)
	const ddl = `CREATE TABLE dump_t (id int PRIMARY KEY, t text, a int[], s text[], b bytea, ok boolean,
		ts timestamptz, d date, iv interval, n numeric(12,3), u uuid, j json)`
	for _, c := range []*pgx.Conn{pg, sb} {
		for _, q := range []string{"SET TimeZone = 'UTC'", ddl} {
			if _, err := c.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, q := range []string{
		`INSERT INTO dump_t VALUES (1, E'tab\there\nnew line \\ back', '{1,NULL,3}', '{"a b","",NULL,"q\"",NULL}',
			'\x00ff5c0a', true, '2024-01-01 00:00:00+05:30', '2024-01-01 BC', '1 year 2 mons -3 days 04:05:06.5',
			-123456789.125, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"k": [1, 2]}')`,
		`INSERT INTO dump_t VALUES (2, '', '{}', '{}', '\x', false, 'infinity', '-infinity', '-00:00:01', 0, NULL, '[]')`,
		`INSERT INTO dump_t (id) VALUES (3)`,
	} {
		if _, err := pg.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	dump, err := exec.Command(pgDump, "--data-only", "--table=dump_t", pgDSN).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	if !strings.Contains(string(dump), "FROM stdin;") {
		t.Fatalf("no COPY in the dump:\n%s", dump)
	}
	// The dump's SET statements and pg_catalog.set_config calls are PostgreSQL's; the
	// sandbox runs them too.
	restore := exec.Command(psqlBin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", srv.DSN())
	restore.Stdin = strings.NewReader(string(dump))
	if out, err := restore.CombinedOutput(); err != nil {
		t.Fatalf("restore into the sandbox: %v\n%s", err, out)
	}
	q := "COPY (SELECT * FROM dump_t ORDER BY id) TO STDOUT"
	if a, b := runDiff(ctx, pg, q, pgx.QueryExecModeSimpleProtocol), runDiff(ctx, sb, q, pgx.QueryExecModeSimpleProtocol); !a.equal(b) {
		t.Errorf("restored rows differ:\n    PostgreSQL: %v\n    sandbox:    %v", a.rows, b.rows)
	}
}
