package sandbox_test

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
)

// psqlDSN runs psql with a connection string and returns its combined output.
func psqlDSN(t *testing.T, dsn string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(testenv.Command(t, "psql"), append([]string{"-X", "-v", "ON_ERROR_STOP=1", dsn}, args...)...)
	cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=5")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// owners are the role names that own objects on either server, sizes the sizes psql
// prints; both are normalised away, as are the widths of psql's columns.
var (
	owners = regexp.MustCompile(`\b(postgres|sluice|pg_database_owner)\b`)
	sizes  = regexp.MustCompile(`\b\d+ (bytes|kB|MB|GB)\b`)
	runs   = regexp.MustCompile(`( |-)+`)
)

func normalisePsql(s string) string {
	s = sizes.ReplaceAllString(owners.ReplaceAllString(s, "OWNER"), "SIZE")
	return strings.TrimSpace(runs.ReplaceAllString(s, "$1"))
}

// TestPsqlDescribeDifferential runs psql's \d family against PostgreSQL and against the
// sandbox after the same DDL, and compares psql's output with owners normalised.
func TestPsqlDescribeDifferential(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ddl := []string{
		"CREATE TABLE profiles (id bigint PRIMARY KEY, name text NOT NULL, score double precision, born date, segment text, n numeric(12,4) DEFAULT 0, ts timestamp with time zone)",
		"CREATE TABLE events (id integer, profile_id bigint, kind text UNIQUE, seen timestamp)",
		"CREATE INDEX events_profile ON events (profile_id)",
		"CREATE VIEW big_scores AS SELECT id, score FROM profiles WHERE score > 0.5",
		"CREATE TABLE orders (id integer PRIMARY KEY, profile_id bigint REFERENCES profiles (id), qty integer NOT NULL CHECK (qty > 0), note text DEFAULT 'none')",
	}
	for _, dsn := range []string{pgDSN, srv.DSN()} {
		for _, q := range ddl {
			if out, err := psqlDSN(t, dsn, "-c", q); err != nil {
				t.Fatalf("%s: %v\n%s", q, err, out)
			}
		}
	}
	passed, failed := 0, 0
	for _, cmd := range []string{`\dt`, `\d profiles`, `\d events`, `\dn`, `\dv`, `\dt+ nosuch`, `\d nosuch`, `\d big_scores`, `\dt+`, `\d events_profile`, `\di`, `\du`, `\df`, `\dT`, `\x on \\ \dt`, `\d+ profiles`, `\d orders`} {
		want, werr := psqlDSN(t, pgDSN, "-c", cmd)
		got, gerr := psqlDSN(t, srv.DSN(), "-c", cmd)
		want, got = normalisePsql(want), normalisePsql(got)
		if (werr == nil) != (gerr == nil) || want != got {
			failed++
			t.Errorf("psql %s differs\n--- PostgreSQL (%v):\n%s\n--- sandbox (%v):\n%s", cmd, werr, want, gerr, got)
			continue
		}
		passed++
	}
	// \l lists PostgreSQL's own databases too; the sandbox lists its one.
	if out, err := psqlDSN(t, srv.DSN(), "-c", `\l`); err != nil || !strings.Contains(out, " sluice | sluice | UTF8") {
		failed++
		t.Errorf(`psql \l: %v\n%s`, err, out)
	} else {
		passed++
	}
	t.Logf("psql: %d passed, %d failed", passed, failed)
}
