package sandbox_test

import (
	"context"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/sluice-dev/sluice/internal/testenv"
)

// withParam adds a connection parameter to a URL DSN.
func withParam(t *testing.T, dsn, k, v string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	return u.String()
}

// TestTimeZoneStartup checks the zone a client asks for at startup (the TimeZone
// parameter, as libpq sends PGTZ, and options=-c TimeZone=…) on both servers: text in
// the zone, the ParameterStatus, and the same instant in binary.
func TestTimeZoneStartup(t *testing.T) {
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	ctx := context.Background()
	want := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ key, val, text, status string }{
		{"timezone", "America/New_York", "2024-07-01 08:00:00-04", "America/New_York"},
		{"options", "-c TimeZone=Asia/Kolkata", "2024-07-01 17:30:00+05:30", "Asia/Kolkata"},
	} {
		for name, dsn := range map[string]string{"PostgreSQL": pgDSN, "sandbox": srv.DSN()} {
			c, err := pgx.Connect(ctx, withParam(t, dsn, tc.key, tc.val))
			if err != nil {
				t.Fatalf("%s %s: %v", name, tc.val, err)
			}
			if got := c.PgConn().ParameterStatus("TimeZone"); got != tc.status {
				t.Errorf("%s %s: ParameterStatus TimeZone %q, want %q", name, tc.val, got, tc.status)
			}
			var text string
			if err := c.QueryRow(ctx, "SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00'", pgx.QueryExecModeSimpleProtocol).Scan(&text); err != nil || text != tc.text {
				t.Errorf("%s %s: text %q (%v), want %q", name, tc.val, text, err, tc.text)
			}
			var bin time.Time
			if err := c.QueryRow(ctx, "SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00'").Scan(&bin); err != nil || !bin.Equal(want) {
				t.Errorf("%s %s: binary %v (%v), want %v", name, tc.val, bin, err, want)
			}
			if _, err := c.Exec(ctx, "SET TimeZone = 'Europe/Paris'"); err != nil {
				t.Fatal(err)
			}
			if got := c.PgConn().ParameterStatus("TimeZone"); got != "Europe/Paris" {
				t.Errorf("%s: ParameterStatus after SET %q", name, got)
			}
			c.Close(ctx)
		}
	}
	if _, err := pgx.Connect(ctx, withParam(t, srv.DSN(), "timezone", "Nowhere/Bad")); err == nil || !strings.Contains(err.Error(), "22023") {
		t.Errorf("sandbox accepted a bad startup zone: %v", err)
	}
}

// TestTimeZonePsycopg2 reads a timestamptz through psycopg2 under PGTZ from both
// servers: the same aware datetime.
func TestTimeZonePsycopg2(t *testing.T) {
	py := testenv.Python(t, "psycopg2")
	pgDSN := freshPostgres(t)
	srv := startSandbox(t)
	script := `import psycopg2, sys
c = psycopg2.connect(sys.argv[1]); cur = c.cursor()
cur.execute("SELECT TIMESTAMPTZ '2024-07-01 12:00:00.5+00', now() IS NOT NULL")
v, ok = cur.fetchone(); print(v.isoformat(), v.utcoffset(), ok)`
	var outs []string
	for _, dsn := range []string{pgDSN, srv.DSN()} {
		cmd := exec.Command(py, "-c", script, dsn)
		cmd.Env = append(cmd.Environ(), "PGTZ=America/New_York")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Skipf("psycopg2: %v %s", err, out)
		}
		outs = append(outs, strings.TrimSpace(string(out)))
	}
	if outs[0] != outs[1] || !strings.HasPrefix(outs[0], "2024-07-01T08:00:00.500000-04:00") {
		t.Errorf("psycopg2 read PostgreSQL %q, sandbox %q", outs[0], outs[1])
	}
}
