package testdb

import (
	"context"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/qs"
)

// Backend is one query service a test runs against, with a client on it.
type Backend struct {
	Name string
	DB   *qs.Client
	// DSN connects to the same isolated database (for a second client or a child
	// process).
	DSN string
}

// Postgres returns a client on a schema of the test's own on the test PostgreSQL
// (SchemaDSN); client and schema go when the test ends.
func Postgres(t testing.TB) Backend {
	t.Helper()
	dsn := SchemaDSN(t)
	return Backend{Name: "postgres", DB: open(t, dsn), DSN: dsn}
}

// Sandbox returns a client on a sandbox of the test's own (SandboxServer).
func Sandbox(t testing.TB) Backend {
	t.Helper()
	dsn := SandboxServer(t).DSN()
	return Backend{Name: "sandbox", DB: open(t, dsn), DSN: dsn}
}

// All returns every backend available: a sandbox and, when configured (always under
// SLUICE_REQUIRE_ALL=1), PostgreSQL.
func All(t testing.TB) []Backend {
	t.Helper()
	out := []Backend{Sandbox(t)}
	if testenv.RequireAll() || HasPostgres() {
		out = append(out, Postgres(t))
	}
	return out
}

// open opens a client on dsn that closes when the test ends (registered after the
// cleanup that drops its database, so it runs first).
func open(t testing.TB, dsn string) *qs.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	db, err := qs.Open(ctx, dsn, qs.Options{MaxConns: 8})
	if err != nil {
		t.Fatalf("connect to test database: %v", err)
	}
	t.Cleanup(db.Close)
	return db
}
