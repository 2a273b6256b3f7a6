package qs_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/platform/qs"
)

func TestRedact(t *testing.T) {
	cases := []struct{ in, want string }{
		{"postgres://u:s3cret@h:5432/db?sslmode=disable", "postgres://u:xxxxx@h:5432/db?sslmode=disable"},
		{"postgresql://u@h/db", "postgresql://u@h/db"},
		{"postgres://h/db?user=u&password=s3cret", "postgres://h/db?user=u&password=xxxxx"},
		{"host=h user=u password=s3cret dbname=d", "host=h user=u password=xxxxx dbname=d"},
		{"host=h password='s3 cret' dbname=d", "host=h password=xxxxx dbname=d"},
		{"postgres://u:p%40ss@h/db", "postgres://u:xxxxx@h/db"},
	}
	for _, c := range cases {
		if got := qs.Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
		if strings.Contains(qs.Redact(c.in), "s3cret") {
			t.Errorf("Redact(%q) leaks", c.in)
		}
	}
}

func TestOpenErrorHidesPassword(t *testing.T) {
	_, err := qs.Open(context.Background(), "postgres://u:hunter2secret@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", qs.Options{})
	if err == nil {
		t.Fatal("connected to port 1")
	}
	if strings.Contains(err.Error(), "hunter2secret") {
		t.Errorf("error leaks the password: %v", err)
	}
}

// clearEnv unsets every variable Resolve reads and points HOME at an empty directory.
func clearEnv(t *testing.T) string {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, k := range []string{"SLUICE_DSN", "DATABASE_URL", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE", "PGPASSWORD"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	return home
}

func TestResolveOrder(t *testing.T) {
	home := clearEnv(t)
	t.Setenv("PGHOST", "pghost")
	t.Setenv("PGUSER", "pguser")
	dsn, src, err := qs.Resolve()
	if err != nil || src != qs.SourcePGEnv || !strings.Contains(dsn, "host=pghost") || !strings.Contains(dsn, "user=pguser") {
		t.Errorf("PG vars: %q %q %v", dsn, src, err)
	}
	t.Setenv("DATABASE_URL", "postgres://d@dbhost/db")
	if dsn, src, _ = qs.Resolve(); src != qs.SourceDatabase || dsn != "postgres://d@dbhost/db" {
		t.Errorf("DATABASE_URL: %q %q", dsn, src)
	}
	ini := "[other]\ndrivername = postgresql\nhost = nothere\n\n[default]\ndrivername = postgresql\nusername = ana\npassword = pw\nhost = inihost\nport = 6543\ndatabase = warehouse\nquery = {'sslmode': 'require'}\n"
	os.MkdirAll(filepath.Join(home, ".jupysql"), 0o700)
	if err := os.WriteFile(filepath.Join(home, ".jupysql", "connections.ini"), []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	dsn, src, err = qs.Resolve()
	if err != nil || src != qs.SourceJupySQL || dsn != "postgres://ana:pw@inihost:6543/warehouse?sslmode=require" {
		t.Errorf("connections.ini: %q %q %v", dsn, src, err)
	}
	t.Setenv("SLUICE_DSN", "postgres://s@sluicehost/x")
	if dsn, src, _ = qs.Resolve(); src != qs.SourceEnv || dsn != "postgres://s@sluicehost/x" {
		t.Errorf("SLUICE_DSN: %q %q", dsn, src)
	}
}

func TestResolveRejectsOtherDrivers(t *testing.T) {
	home := clearEnv(t)
	os.MkdirAll(filepath.Join(home, ".jupysql"), 0o700)
	os.WriteFile(filepath.Join(home, ".jupysql", "connections.ini"), []byte("[default]\ndrivername = mysql\nhost = h\n"), 0o600)
	if _, _, err := qs.Resolve(); err == nil || !strings.Contains(err.Error(), "mysql") {
		t.Errorf("mysql driver: %v", err)
	}
}

func TestRegistry(t *testing.T) {
	reg := qs.NewRegistry()
	defer reg.CloseAll()
	clearEnv(t)
	t.Setenv("SLUICE_DSN", sandboxDSN)
	ctx := qs.WithRegistry(context.Background(), reg)
	cur, err := qs.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := qs.Current(ctx)
	if cur != again {
		t.Error("Current opened a second client")
	}
	other, err := qs.Connect(ctx, sandboxDSN, "second", qs.Options{SimpleProtocol: true})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := qs.Current(ctx); c != other {
		t.Error("Connect did not make the new connection current")
	}
	list := reg.List()
	if len(list) != 2 || list[0].Alias != qs.DefaultAlias || list[1].Alias != "second" || !list[1].Current || !list[1].Simple {
		t.Errorf("List = %+v", list)
	}
	for _, ci := range list {
		if strings.Contains(ci.DSN, "xxxxx") == false || ci.Dialect != "duckdb" {
			t.Errorf("ConnInfo %+v: DSN not redacted or wrong dialect", ci)
		}
	}
	if err := reg.Use(qs.DefaultAlias); err != nil {
		t.Fatal(err)
	}
	if c, _ := qs.Current(ctx); c != cur {
		t.Error("Use did not switch")
	}
	if g, err := reg.Get("second"); err != nil || g != other {
		t.Errorf("Get: %v", err)
	}
	if err := reg.Use("nope"); err == nil {
		t.Error("Use of an unknown alias succeeded")
	}
	if err := reg.CloseAlias(qs.DefaultAlias); err != nil {
		t.Fatal(err)
	}
	if c, _ := qs.Current(ctx); c != other {
		t.Error("after closing the current one, the other should be current")
	}
}

// Two sessions in one process, each with its registry in its context, with different
// default DSNs: neither sees the other's connections, and the process's own registry
// (a context without one) sees neither.
func TestRegistriesAreSeparate(t *testing.T) {
	clearEnv(t)
	pg := pgSchemaDSN(t)
	a, b := qs.NewRegistry(), qs.NewRegistry()
	defer a.CloseAll()
	defer b.CloseAll()
	ctxA := qs.WithRegistry(context.Background(), a)
	ctxB := qs.WithRegistry(context.Background(), b)
	t.Setenv("SLUICE_DSN", sandboxDSN)
	ca, err := qs.Current(ctxA)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SLUICE_DSN", pg)
	cb, err := qs.Current(ctxB)
	if err != nil {
		t.Fatal(err)
	}
	if ca == cb || ca.Dialect() != "duckdb" || cb.Dialect() != "postgres" {
		t.Fatalf("sessions share a connection or got the wrong one: %s / %s", ca.Dialect(), cb.Dialect())
	}
	if again, _ := qs.Current(ctxA); again != ca {
		t.Error("session A's current connection changed when B opened its own")
	}
	if _, err := qs.Connect(ctxB, sandboxDSN, "extra", qs.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Get("extra"); err == nil || len(a.List()) != 1 || len(b.List()) != 2 {
		t.Errorf("A sees B's connection: A %+v, B %+v", a.List(), b.List())
	}
	if qs.RegistryOf(context.Background()) == a || qs.RegistryOf(ctxB) != b {
		t.Error("RegistryOf does not follow the context")
	}
}
