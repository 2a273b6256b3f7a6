package sandbox_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
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
		"CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
		"CREATE TYPE mood_copy AS ENUM ('sad', 'ok', 'happy')",
		"CREATE TABLE typed (code varchar(12) NOT NULL DEFAULT 'x', free character varying, c char(3), doc jsonb, m mood_copy DEFAULT 'ok', n mood)",
	}
	for _, dsn := range []string{pgDSN, srv.DSN()} {
		for _, q := range ddl {
			if out, err := psqlDSN(t, dsn, "-c", q); err != nil {
				t.Fatalf("%s: %v\n%s", q, err, out)
			}
		}
	}
	passed, failed := 0, 0
	for _, cmd := range []string{`\dt`, `\d profiles`, `\d events`, `\dn`, `\dv`, `\dt+ nosuch`, `\d nosuch`, `\d big_scores`, `\dt+`, `\d events_profile`, `\di`, `\du`, `\df`, `\dT`, `\x on \\ \dt`, `\d+ profiles`, `\d orders`, `\d typed`, `\dT`} {
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

// TestEnumResultTypes checks, on PostgreSQL and on the sandbox, that a result column of
// an enum type is announced with that type's OID in pg_type (of two enum types with
// the same labels, the column's own), in both protocols, and that its values are the
// labels.
func TestEnumResultTypes(t *testing.T) {
	ctx := context.Background()
	for _, server := range []struct{ name, dsn string }{{"PostgreSQL", freshPostgres(t)}, {"sandbox", startSandbox(t).DSN()}} {
		c := connect(t, server.dsn, pgx.QueryExecModeCacheStatement)
		for _, q := range []string{
			"CREATE TYPE et_a AS ENUM ('x', 'y')",
			"CREATE TYPE et_b AS ENUM ('x', 'y')",
			"CREATE TABLE et_t (id int, a et_a, b et_b)",
			"INSERT INTO et_t VALUES (1, 'y', 'x')",
		} {
			if _, err := c.Exec(ctx, q); err != nil {
				t.Fatalf("%s: %s: %v", server.name, q, err)
			}
		}
		oids := map[string]uint32{}
		for _, typ := range []string{"et_a", "et_b"} {
			var oid uint32
			if err := c.QueryRow(ctx, "SELECT oid FROM pg_type WHERE typname = $1", typ).Scan(&oid); err != nil {
				t.Fatalf("%s: pg_type %s: %v", server.name, typ, err)
			}
			oids[typ] = oid
		}
		if oids["et_a"] == oids["et_b"] {
			t.Errorf("%s: et_a and et_b share OID %d", server.name, oids["et_a"])
		}
		for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeCacheStatement} {
			for q, want := range map[string][]string{
				"SELECT a, b FROM et_t":             {"et_a", "et_b"},
				"SELECT t.b, t.a FROM et_t t":       {"et_b", "et_a"},
				"SELECT * FROM et_t":                {"", "et_a", "et_b"},
				"SELECT 'x'::et_b AS v":             {"et_b"},
				"SELECT b FROM et_t WHERE b = 'x'":  {"et_b"},
				"SELECT id, a::text AS s FROM et_t": {"", ""},
			} {
				rows, err := c.Query(ctx, q, mode)
				if err != nil {
					t.Fatalf("%s: %s: %v", server.name, q, err)
				}
				fds := rows.FieldDescriptions()
				var vals []string
				for rows.Next() {
					for _, v := range rows.RawValues() {
						vals = append(vals, string(v))
					}
				}
				rows.Close()
				for i, typ := range want {
					if typ != "" && (i >= len(fds) || fds[i].DataTypeOID != oids[typ]) {
						t.Errorf("%s (%v): %s: column %d announced as %v, want %s (%d)", server.name, mode, q, i, fds, typ, oids[typ])
					}
				}
				if q == "SELECT a, b FROM et_t" && strings.Join(vals, ",") != "y,x" {
					t.Errorf("%s (%v): %s: values %q, want y,x", server.name, mode, q, vals)
				}
			}
		}
	}
}

// TestDeclaredTypesAcrossSessions checks that a session sees the declared types of a
// table another session created in a transaction once it committed (and not those of
// one rolled back), as PostgreSQL's sessions do.
func TestDeclaredTypesAcrossSessions(t *testing.T) {
	ctx := context.Background()
	for _, server := range []struct{ name, dsn string }{{"PostgreSQL", freshPostgres(t)}, {"sandbox", startSandbox(t).DSN()}} {
		a := connect(t, server.dsn, pgx.QueryExecModeSimpleProtocol)
		b := connect(t, server.dsn, pgx.QueryExecModeSimpleProtocol)
		exec := func(c *pgx.Conn, q string) {
			t.Helper()
			if _, err := c.Exec(ctx, q); err != nil {
				t.Fatalf("%s: %s: %v", server.name, q, err)
			}
		}
		describe := func(q string) string {
			t.Helper()
			rows, err := b.Query(ctx, q)
			if err != nil {
				t.Fatalf("%s: %s: %v", server.name, q, err)
			}
			defer rows.Close()
			var out []string
			for _, f := range rows.FieldDescriptions() {
				out = append(out, fmt.Sprintf("%s %d(%d)", f.Name, f.DataTypeOID, f.TypeModifier))
			}
			return strings.Join(out, ", ")
		}
		exec(b, "CREATE TABLE xs_src (v varchar(3))")
		describe("SELECT v FROM xs_src")
		exec(a, "BEGIN")
		exec(a, "CREATE TABLE xs_t (v varchar(5), j jsonb, c char(3))")
		describe("SELECT v FROM xs_src") // b reads the types while a's transaction is open
		exec(a, "COMMIT")
		if got, want := describe("SELECT v, j, c FROM xs_t"), "v 1043(9), j 3802(-1), c 1042(7)"; got != want {
			t.Errorf("%s: after another session's COMMIT: %s, want %s", server.name, got, want)
		}
		exec(a, "BEGIN")
		exec(a, "CREATE TABLE xs_r (v varchar(2))")
		exec(a, "ROLLBACK")
		exec(a, "CREATE TABLE xs_r (v text)")
		if got, want := describe("SELECT v FROM xs_r"), "v 25(-1)"; got != want {
			t.Errorf("%s: after ROLLBACK: %s, want %s", server.name, got, want)
		}
	}
}

// TestCatalogStarTypes compares, between PostgreSQL and the sandbox, the types announced
// for the catalog's name, "char" and smallint columns where * stands for them.
func TestCatalogStarTypes(t *testing.T) {
	ctx := context.Background()
	cols := []string{"relname", "relkind", "relpersistence", "relnatts", "relchecks", "attname", "attnum", "attlen",
		"attidentity", "attgenerated", "attstorage", "typname", "typtype", "typlen", "typcategory", "conname", "contype",
		"conkey", "indnatts", "indnkeyatts", "nspname", "adnum"}
	queries := []string{
		"SELECT * FROM pg_catalog.pg_class WHERE relname = 'star_t'",
		"SELECT * FROM pg_attribute WHERE attrelid = 'star_t'::regclass",
		"SELECT * FROM pg_type WHERE typname = 'int4'",
		"SELECT * FROM pg_constraint WHERE conrelid = 'star_t'::regclass",
		"SELECT * FROM pg_index WHERE indrelid = 'star_t'::regclass",
		"SELECT * FROM pg_namespace WHERE nspname = 'public'",
		"SELECT * FROM pg_attrdef WHERE adrelid = 'star_t'::regclass",
		"SELECT c.*, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'star_t'",
	}
	announced := func(dsn string) map[string]string {
		c := connect(t, dsn, pgx.QueryExecModeCacheStatement)
		if _, err := c.Exec(ctx, "CREATE TABLE star_t (id int PRIMARY KEY, v varchar(4) DEFAULT 'x' CHECK (v <> ''))"); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, q := range queries {
			rows, err := c.Query(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			for _, f := range rows.FieldDescriptions() {
				for _, name := range cols {
					if f.Name == name {
						out[q+" "+name] = fmt.Sprint(f.DataTypeOID)
					}
				}
			}
			rows.Close()
		}
		return out
	}
	want, got := announced(freshPostgres(t)), announced(startSandbox(t).DSN())
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: sandbox announces %s, PostgreSQL %s", k, got[k], w)
		}
	}
}
