// Package catalogtest gives the platform packages' tests fresh, isolated query services
// to run against: a private schema on the test PostgreSQL and, when the embedded sandbox
// is available, a sandbox of their own.
package catalogtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// Backend is one query service a test runs against.
type Backend struct {
	Name string
	DB   *qs.Client
	// DSN connects to the same isolated database (for a second client or a child
	// process).
	DSN string
}

// Postgres returns a client on the test PostgreSQL whose search_path is a new schema
// that is dropped when the test ends, or skips (fails under SLUICE_REQUIRE_ALL=1) when
// there is no test PostgreSQL.
func Postgres(t testing.TB) Backend {
	t.Helper()
	base := testenv.PostgresDSN(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := qs.Open(ctx, base, qs.Options{MaxConns: 2})
	if err != nil {
		t.Fatalf("connect to test PostgreSQL: %v", err)
	}
	var b [5]byte
	_, _ = rand.Read(b[:])
	schema := "sluice_t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create test schema: %v", err)
	}
	dsn := withSearchPath(t, base, schema)
	db, err := qs.Open(ctx, dsn, qs.Options{MaxConns: 8})
	if err != nil {
		admin.Close()
		t.Fatalf("connect to test schema: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Logf("drop test schema %s: %v", schema, err)
		}
		admin.Close()
	})
	return Backend{Name: "postgres", DB: db, DSN: dsn}
}

func withSearchPath(t testing.TB, dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("parse test DSN: %v", err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// Sandbox starts a sandbox of the test's own in a temporary directory and returns a
// client on it; both are closed when the test ends.
func Sandbox(t testing.TB) Backend {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		cancel()
		t.Fatalf("start sandbox: %v", err)
	}
	octx, ocancel := context.WithTimeout(ctx, 30*time.Second)
	defer ocancel()
	db, err := qs.Open(octx, srv.DSN(), qs.Options{MaxConns: 8})
	if err != nil {
		cancel()
		srv.Close()
		t.Fatalf("connect to sandbox: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		cancel()
		srv.Close()
	})
	return Backend{Name: "sandbox", DB: db, DSN: srv.DSN()}
}

// All returns every backend available to tests: PostgreSQL (when configured) and the
// sandbox (when its in-process server is available).
func All(t testing.TB) []Backend {
	t.Helper()
	var out []Backend
	for _, open := range openers {
		if b, ok := open(t); ok {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		testenv.Missing(t, "a query service (PostgreSQL via SLUICE_TEST_PG_DSN)")
	}
	return out
}

// openers are the backends All tries, in order.
var openers = []func(testing.TB) (Backend, bool){
	func(t testing.TB) (Backend, bool) { return Sandbox(t), true },
	func(t testing.TB) (Backend, bool) {
		if testenv.RequireAll() || hasPostgres() {
			return Postgres(t), true
		}
		return Backend{}, false
	},
}
