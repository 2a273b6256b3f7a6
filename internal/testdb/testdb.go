// Package testdb gives tests the query services they run against: a fresh schema or
// database on the test PostgreSQL (SLUICE_TEST_PG_DSN), a sandbox of their own or one
// shared by a package's tests, and clients on either. Everything it creates is removed
// when the test (or TestMain) ends. Without a test PostgreSQL the PostgreSQL helpers
// skip, or fail under SLUICE_REQUIRE_ALL=1 (internal/testenv decides).
//
// It is the one place tests set up databases; test files of every package use it.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// setupTimeout bounds creating and dropping a schema or database.
const setupTimeout = 30 * time.Second

// HasPostgres reports whether a test PostgreSQL is configured.
func HasPostgres() bool { return os.Getenv("SLUICE_TEST_PG_DSN") != "" }

// SchemaDSN returns a DSN on the test PostgreSQL whose search_path is a new schema of
// the test's own, dropped with its tables when the test ends.
func SchemaDSN(t testing.TB) string {
	t.Helper()
	base := testenv.PostgresDSN(t)
	schema := "sluice_t_" + randomHex()
	admin(t, base, "CREATE SCHEMA "+schema, "DROP SCHEMA "+schema+" CASCADE")
	dsn, err := withSearchPath(base, schema)
	if err != nil {
		t.Fatalf("test DSN: %v", err)
	}
	return dsn
}

// DatabaseDSN returns a DSN on a new database of the test's own on the test PostgreSQL,
// dropped (its connections closed) when the test ends. It suits tests that need a
// whole database: their own schemas, catalogs or settings.
func DatabaseDSN(t testing.TB) string {
	t.Helper()
	base := testenv.PostgresDSN(t)
	name := "sluice_db_" + randomHex()
	admin(t, base, "CREATE DATABASE "+name, "DROP DATABASE "+name+" WITH (FORCE)")
	if strings.Contains(base, "://") {
		u, err := url.Parse(base)
		if err != nil {
			t.Fatalf("parse test DSN: %v", err)
		}
		u.Path = "/" + name
		return u.String()
	}
	return base + " dbname=" + name
}

// admin runs create on the test PostgreSQL now and drop when the test ends.
func admin(t testing.TB, dsn, create, drop string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to test PostgreSQL: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, create); err != nil {
		t.Fatalf("test PostgreSQL: %s: %v", create, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		conn, err := pgx.Connect(ctx, dsn)
		if err == nil {
			_, err = conn.Exec(ctx, drop)
			conn.Close(ctx)
		}
		if err != nil {
			t.Logf("test PostgreSQL: %s: %v", drop, err)
		}
	})
}

// withSearchPath adds search_path=schema to a URL or key/value DSN.
func withSearchPath(dsn, schema string) (string, error) {
	if !strings.Contains(dsn, "://") {
		return dsn + " search_path=" + schema, nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func randomHex() string {
	var b [5]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// quiet discards the sandbox's logs.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// SandboxServer starts a sandbox of the test's own in a temporary directory; it stops
// when the test ends.
func SandboxServer(t testing.TB) *sandbox.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: t.TempDir(), Logger: quiet})
	if err != nil {
		cancel()
		t.Fatalf("start sandbox: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		srv.Close()
	})
	return srv
}

// SharedSandbox starts a sandbox for all of a package's tests, from TestMain, in a new
// temporary directory; stop closes it and removes the directory. The error says why it
// did not start (then srv is nil and stop only cleans up).
func SharedSandbox(name string) (srv *sandbox.Server, stop func(), err error) {
	dir, err := os.MkdirTemp("", name+"-sandbox-")
	if err != nil {
		return nil, func() {}, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv, err = sandbox.Serve(ctx, sandbox.Options{Dir: dir, Logger: quiet})
	stop = func() {
		cancel()
		if srv != nil {
			srv.Close()
		}
		os.RemoveAll(dir)
	}
	if err != nil {
		return nil, stop, fmt.Errorf("start sandbox: %w", err)
	}
	return srv, stop, nil
}
