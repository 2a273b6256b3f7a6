package clients_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// viewsrcSchema creates views whose expressions the sandbox's front end rewrites for
// DuckDB (division, interval comparison, a jsonb cast, LIKE … ESCAPE, to_char, a
// CTE, a materialized view, column aliases, a renamed view).
var viewsrcSchema = []string{
	`CREATE TABLE viewsrc_t (id int PRIMARY KEY, iv interval, q int, doc text, s text, d date)`,
	`CREATE VIEW viewsrc_div AS SELECT id, q / 2.0 AS half, q / 3 AS third FROM viewsrc_t`,
	`CREATE VIEW viewsrc_iv AS SELECT id, iv = '22 hours'::interval AS same FROM viewsrc_t WHERE iv < '1 day'`,
	`CREATE VIEW viewsrc_json AS SELECT id, doc::jsonb -> 'a' AS a, doc::jsonb ->> 'b' AS b FROM viewsrc_t`,
	`CREATE VIEW viewsrc_like AS SELECT id, s FROM viewsrc_t WHERE s LIKE 'a!_%' ESCAPE '!'`,
	`CREATE VIEW viewsrc_char AS SELECT id, to_char(d, 'YYYY-MM-DD') AS day FROM viewsrc_t`,
	`CREATE VIEW viewsrc_cte AS WITH big AS (SELECT id, q FROM viewsrc_t WHERE q > 10) SELECT count(*) AS n, sum(q) / 2 AS h FROM big`,
	`CREATE MATERIALIZED VIEW viewsrc_mv AS SELECT id, q / 2.0 AS half FROM viewsrc_t WHERE iv < '1 day'`,
	`CREATE VIEW viewsrc_alias (a, b) AS SELECT id, q * 2 FROM viewsrc_t`,
	`CREATE VIEW viewsrc_old AS SELECT id, q / 4 AS quarter FROM viewsrc_t`,
	`ALTER VIEW viewsrc_old RENAME TO viewsrc_renamed`,
	`CREATE OR REPLACE VIEW viewsrc_char AS SELECT id, to_char(d, 'DD.MM.YYYY') AS day, q / 5 AS fifth FROM viewsrc_t`,
}

// viewsrcViews are the views the test compares.
var viewsrcViews = []string{"viewsrc_div", "viewsrc_iv", "viewsrc_json", "viewsrc_like", "viewsrc_char", "viewsrc_cte",
	"viewsrc_mv", "viewsrc_alias", "viewsrc_renamed"}

// viewsrcDB creates a database named viewsrc_<what>_<random> in the test PostgreSQL,
// dropped when the test ends, and returns its DSN.
func viewsrcDB(t *testing.T, what string) string {
	t.Helper()
	base := testenv.PostgresDSN(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "viewsrc_" + what + "_" + hex.EncodeToString(b)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := pgx.Connect(ctx, base); err == nil {
			if _, err := c.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
				t.Logf("drop %s: %v", name, err)
			}
			c.Close(ctx)
		}
	})
	if strings.Contains(base, "://") {
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		return u.String()
	}
	return base + " dbname=" + name
}

// TestViewSource creates views through the sandbox, checks that pg_get_viewdef,
// pg_views and information_schema.views give the client's PostgreSQL SQL (none of the
// sandbox's DuckDB rewrites), that a DROP rolled back keeps it, then dumps the schema
// with pg_dump 15, restores it into PostgreSQL with ON_ERROR_STOP=1 and compares
// psql's \d+ of each restored view with the same view created directly in PostgreSQL.
func TestViewSource(t *testing.T) {
	pgDump := testenv.Command(t, "pg_dump")
	psqlBin := testenv.Command(t, "psql")
	restored, direct := viewsrcDB(t, "restored"), viewsrcDB(t, "direct")
	srv := testdb.SandboxServer(t)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, srv.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	d, err := pgx.Connect(ctx, direct)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	for _, q := range viewsrcSchema {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("sandbox: %s: %v", q, err)
		}
		if _, err := d.Exec(ctx, q); err != nil {
			t.Fatalf("PostgreSQL: %s: %v", q, err)
		}
	}
	// A DROP and a CREATE OR REPLACE rolled back leave the kept text as it was.
	for _, q := range []string{"BEGIN", "DROP VIEW viewsrc_iv", "CREATE OR REPLACE VIEW viewsrc_div AS SELECT id, q / 7 AS seventh FROM viewsrc_t", "ROLLBACK"} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("sandbox: %s: %v", q, err)
		}
	}
	internal := regexp.MustCompile(`sluice_|error\(|//|CASE WHEN`)
	for _, v := range viewsrcViews {
		var def string
		if err := c.QueryRow(ctx, "SELECT pg_get_viewdef('"+v+"'::regclass)").Scan(&def); err != nil {
			t.Fatalf("pg_get_viewdef(%s): %v", v, err)
		}
		if m := internal.FindString(def); m != "" || def == "" {
			t.Errorf("pg_get_viewdef(%s) has the sandbox's rewrite %q: %s", v, m, def)
		}
		t.Logf("%s: %s", v, def)
	}
	rows, err := c.Query(ctx, `SELECT viewname || ': ' || definition FROM pg_views WHERE viewname LIKE 'viewsrc%'
		UNION ALL SELECT table_name || ': ' || view_definition FROM information_schema.views WHERE table_name LIKE 'viewsrc%'
		UNION ALL SELECT matviewname || ': ' || definition FROM pg_matviews WHERE matviewname LIKE 'viewsrc%'`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		n++
		if m := internal.FindString(s); m != "" {
			t.Errorf("catalog view text has the sandbox's rewrite %q: %s", m, s)
		}
	}
	if rows.Close(); rows.Err() != nil || n < 2*len(viewsrcViews)-1 {
		t.Errorf("pg_views, information_schema.views and pg_matviews gave %d rows (%v)", n, rows.Err())
	}

	env := append(os.Environ(), "PGPASSWORD="+srv.Password(), "PGCONNECT_TIMEOUT=10")
	cmd := exec.Command(pgDump, "--schema-only", "-h", "127.0.0.1", "-p", strconv.Itoa(srv.Port()),
		"-U", sandbox.User, sandbox.Database)
	cmd.Env = env
	dump, err := cmd.Output()
	if err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, errText(err))
	}
	if m := internal.Find(dump); m != nil {
		t.Errorf("the dump has the sandbox's rewrite %q:\n%s", m, dump)
	}
	restore := exec.Command(psqlBin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", restored)
	restore.Stdin = strings.NewReader(string(dump))
	if out, err := restore.CombinedOutput(); err != nil {
		t.Fatalf("restoring the dump into PostgreSQL: %v\n%s\n--- dump:\n%s", err, out, dump)
	}
	describe := func(dsn, obj string) string {
		out, err := exec.Command(psqlBin, "-X", "-d", dsn, "-c", `\d+ `+obj).CombinedOutput()
		if err != nil {
			t.Fatalf("psql \\d+ %s: %v\n%s", obj, err, out)
		}
		return string(out)
	}
	for _, v := range viewsrcViews {
		if want, got := describe(direct, v), describe(restored, v); want != got {
			t.Errorf("\\d+ %s: created in PostgreSQL:\n%s--- restored from the sandbox's dump:\n%s", v, want, got)
		}
	}
}
