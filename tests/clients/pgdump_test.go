package clients_test

import (
	"context"
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

// pgdumpSchema is what the test creates in the sandbox before dumping it.
var pgdumpSchema = []string{
	`CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL UNIQUE, created date DEFAULT '2024-01-01')`,
	`CREATE TABLE people (id bigint PRIMARY KEY, team_id int REFERENCES teams(id), email text NOT NULL,
		score numeric(8,2) CHECK (score >= 0), active boolean DEFAULT true, seen timestamptz, tags text[], meta json, at date)`,
	`CREATE INDEX people_email_idx ON people (email)`,
	`CREATE UNIQUE INDEX people_team_email ON people (team_id, email)`,
	`CREATE VIEW active_people AS SELECT id, email FROM people WHERE active`,
	`CREATE VIEW a_team_sizes AS WITH t AS (SELECT team_id FROM active_people JOIN people USING (id)) SELECT team_id, count(*) AS n FROM t GROUP BY team_id`,
	`CREATE SEQUENCE counter_seq START 5`,
	// Constraint names DuckDB does not keep, which the sandbox keeps for it.
	`CREATE TABLE named (a int CONSTRAINT named_pk PRIMARY KEY, b int CONSTRAINT b_positive CHECK (b > 0),
		c text, d int CHECK (d > 1), CONSTRAINT c_d_uniq UNIQUE (c, d),
		CONSTRAINT named_team FOREIGN KEY (d) REFERENCES teams (id), CONSTRAINT d_small CHECK (d < 100))`,
	`COMMENT ON TABLE people IS 'one row per person'`,
	`COMMENT ON COLUMN people.email IS 'where to write'`,
	`COMMENT ON VIEW active_people IS 'people still active'`,
	// An enum type and a table using it; a serial column's sequence is AS integer.
	`CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine')`,
	`CREATE TABLE moods (id serial PRIMARY KEY, m mood NOT NULL, n bigint)`,
	// Declared types DuckDB does not keep (varchar(n), char(n), jsonb, an enum with a
	// default), one added by ALTER TABLE; names in mixed case, folded or quoted.
	`CREATE TYPE mood_copy AS ENUM ('sad', 'ok', 'it''s fine')`,
	`CREATE TABLE declared (code varchar(12) NOT NULL DEFAULT 'x', free character varying, c char(3),
		doc jsonb DEFAULT '{}', m mood_copy DEFAULT 'ok')`,
	`ALTER TABLE declared ADD COLUMN w varchar(7)`,
	`CREATE TABLE Mixed_Case (Id int PRIMARY KEY, "Title" varchar(20), Amount numeric(6,2), "Key Col" text)`,
	`CREATE INDEX Mixed_Case_Title ON Mixed_Case ("Title")`,
	// Materialized views (one never populated), an index on one, comments on an index,
	// a sequence, a materialized view and a column of one.
	`CREATE MATERIALIZED VIEW team_counts AS SELECT team_id, count(*) AS n FROM people GROUP BY team_id`,
	`CREATE MATERIALIZED VIEW empty_mv AS SELECT id, name FROM teams WITH NO DATA`,
	`CREATE INDEX team_counts_team ON team_counts (team_id)`,
	`COMMENT ON MATERIALIZED VIEW team_counts IS 'people per team'`,
	`COMMENT ON INDEX people_email_idx IS 'lookups by email'`,
	`COMMENT ON SEQUENCE counter_seq IS 'a counter'`,
	`COMMENT ON COLUMN team_counts.n IS 'how many'`,
	// Temporary objects of the creating session, which pg_dump's session does not see.
	`CREATE TEMP TABLE scratch (a int PRIMARY KEY, b text)`,
	`CREATE TEMP VIEW scratch_v AS SELECT a FROM scratch`,
	`CREATE INDEX scratch_b ON scratch (b)`,
}

// pgdumpKnown are the lines of psql's \d that differ between the sandbox and PostgreSQL
// after the restore, with why: PostgreSQL writes the casts it adds to expressions.
var pgdumpKnown = []*regexp.Regexp{
	regexp.MustCompile(`CHECK \(score >= 0(::numeric)?\)`),
}

// TestPgDump dumps the sandbox's schema with pg_dump 15 (--schema-only, and no
// --no-owner: the dump must name no owner, the sandbox's user existing nowhere else),
// restores it into a new PostgreSQL database with ON_ERROR_STOP=1 and compares psql's
// \d of every table, view and sequence there with the sandbox's, constraint names
// included.
func TestPgDump(t *testing.T) {
	pgDump := testenv.Command(t, "pg_dump")
	psqlBin := testenv.Command(t, "psql")
	pg := testdb.DatabaseDSN(t)
	srv := testdb.SandboxServer(t)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, srv.DSN())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range pgdumpSchema {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	defer c.Close(ctx) // open while pg_dump runs: its TEMP objects exist, in its session only
	env := append(os.Environ(), "PGPASSWORD="+srv.Password(), "PGCONNECT_TIMEOUT=10")
	cmd := exec.Command(pgDump, "--schema-only", "-h", "127.0.0.1", "-p", strconv.Itoa(srv.Port()),
		"-U", sandbox.User, sandbox.Database)
	cmd.Env = env
	dump, err := cmd.Output()
	if err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, errText(err))
	}
	if m := regexp.MustCompile(`(?m)^.*(scratch|pg_temp).*$`).Find(dump); m != nil {
		t.Errorf("the dump has another session's temporary objects: %s", m)
	}
	if m := regexp.MustCompile(`(?m)^.*OWNER TO.*$`).Find(dump); m != nil {
		t.Errorf("the dump names an owner: %s", m)
	}
	for _, re := range []string{`CREATE TYPE public\.mood AS ENUM \(\s*'sad',\s*'ok',\s*'it''s fine'\s*\);`,
		`CREATE SEQUENCE public\.teams_id_seq\s+AS integer`, `m public\.mood NOT NULL`,
		`CREATE TABLE public\.mixed_case \(`, `"Title" character varying\(20\)`, `"Key Col" text`} {
		if !regexp.MustCompile(re).Match(dump) {
			t.Errorf("the dump has no %s:\n%s", re, dump)
		}
	}
	restore := exec.Command(psqlBin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pg)
	restore.Stdin = strings.NewReader(string(dump))
	if out, err := restore.CombinedOutput(); err != nil {
		t.Fatalf("restoring the dump into PostgreSQL: %v\n%s\n--- dump:\n%s", err, out, dump)
	}
	describe := func(dsn string, env []string, args ...string) string {
		cmd := exec.Command(psqlBin, append([]string{"-X", "-d", dsn}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("psql %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	u, _ := url.Parse(srv.DSN())
	u.User = url.User(sandbox.User)
	owner := regexp.MustCompile(`\b(postgres|sluice)\b`)
	passed, failed := 0, 0
	for _, obj := range []string{"teams", "people", "named", "active_people", "a_team_sizes", "counter_seq", "teams_id_seq", "moods", "moods_id_seq", "declared", "mixed_case", "mixed_case_title",
		"team_counts", "empty_mv", "team_counts_team", "people_email_idx"} {
		want := describe(pg, os.Environ(), "-c", `\d `+obj)
		got := describe(u.String(), env, "-c", `\d `+obj)
		wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
		same := len(wl) == len(gl)
		for i := 0; same && i < len(wl); i++ {
			if wl[i] == gl[i] {
				continue
			}
			known := false
			for _, re := range pgdumpKnown {
				known = known || (re.MatchString(wl[i]) && re.MatchString(gl[i]))
			}
			same = known
		}
		if same {
			passed++
			continue
		}
		failed++
		t.Errorf("\\d %s after the restore:\n--- PostgreSQL:\n%s--- sandbox:\n%s", obj, want, got)
	}
	// One -c per command: psql runs only the first backslash command of a -c string.
	var lists []string
	for _, cmd := range []string{`\dt`, `\dv`, `\di`, `\ds`, `\dT`, `\dt+ people`, `\dv+ active_people`, `\dm`,
		`\di+ people_email_idx`, `\ds+ counter_seq`, `\dm+ team_counts`,
		`SELECT matviewname, ispopulated FROM pg_matviews WHERE matviewname = 'empty_mv'`,
		`SELECT attname, col_description(attrelid, attnum) FROM pg_attribute WHERE attrelid = 'people'::regclass AND attnum > 0 ORDER BY attnum`} {
		lists = append(lists, "-c", cmd)
	}
	want := owner.ReplaceAllString(describe(pg, os.Environ(), lists...), "OWNER")
	got := owner.ReplaceAllString(describe(u.String(), env, lists...), "OWNER")
	if norm(want) != norm(got) {
		failed++
		t.Errorf("\\dt \\dv \\di \\ds after the restore:\n--- PostgreSQL:\n%s--- sandbox:\n%s", want, got)
	} else {
		passed++
	}
	t.Logf("pg_dump: %d passed, %d failed", passed, failed)
}

// norm collapses runs of spaces and dashes (column widths depend on the owner's name)
// and drops sizes (DuckDB keeps none per relation).
func norm(s string) string {
	s = regexp.MustCompile(`\b\d+ (bytes|kB|MB|GB)\b`).ReplaceAllString(s, "")
	return regexp.MustCompile(`[ -]+`).ReplaceAllString(s, " ")
}

func errText(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
