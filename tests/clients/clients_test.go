// Package clients_test runs real PostgreSQL clients — psycopg2, SQLAlchemy 1.4 and 2,
// pandas, jupysql, lib/pq, node-postgres, pg_dump — against the sandbox, and where a
// client's output can be compared, against PostgreSQL 15 too (SLUICE_TEST_PG_DSN): each
// client script prints one line per thing it checked, and the two servers' lines must
// be equal unless the test lists the line's key as a known difference, with its reason.
package clients_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testdb"
)

// sqlalchemyURL is dsn with the scheme SQLAlchemy wants (postgresql+psycopg2://).
func sqlalchemyURL(dsn string) string {
	return "postgresql+psycopg2://" + strings.TrimPrefix(strings.TrimPrefix(dsn, "postgres://"), "postgresql://")
}

// runBoth runs a client program with args and then a DSN twice: against a database of
// the test's own on the test PostgreSQL (want) and against a sandbox of its own (got).
func runBoth(t *testing.T, name string, args ...string) (want, got []string) {
	t.Helper()
	pg := testdb.DatabaseDSN(t)
	srv := testdb.SandboxServer(t)
	want = runScript(t, name, slices.Concat(args, []string{pg})...)
	got = runScript(t, name, slices.Concat(args, []string{srv.DSN()})...)
	return want, got
}

// runScript runs a client program with dsn as its last argument and returns its
// output lines; a failing program fails the test.
func runScript(t *testing.T, name string, args ...string) []string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=10", "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args[:len(args)-1], " "), err, out)
	}
	return strings.Split(strings.TrimRight(string(out), "\n"), "\n")
}

// compareLines compares what a client printed against PostgreSQL (want) and against
// the sandbox (got), line by line. A line is "key rest"; known maps keys whose lines
// may differ to the reason they do.
func compareLines(t *testing.T, client string, want, got []string, known map[string]string) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: PostgreSQL printed %d lines, the sandbox %d\nPostgreSQL:\n%s\nsandbox:\n%s", client, len(want), len(got),
			strings.Join(want, "\n"), strings.Join(got, "\n"))
		return
	}
	passed, failed, listed := 0, 0, 0
	for i := range want {
		key, _, _ := strings.Cut(want[i], " ")
		switch {
		case want[i] == got[i]:
			passed++
		case known[key] != "":
			listed++
			t.Logf("%s: %s differs as known (%s):\n    PostgreSQL: %s\n    sandbox:    %s", client, key, known[key], want[i], got[i])
		default:
			failed++
			t.Errorf("%s: line %d differs\n    PostgreSQL: %s\n    sandbox:    %s", client, i+1, want[i], got[i])
		}
	}
	t.Logf("%s: %d passed, %d failed (%d more differ as known)", client, passed, failed, listed)
}

// script returns the path of a client script in testdata.
func script(name string) string { return filepath.Join("testdata", name) }
