package qs_test

import (
	"context"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"testing"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// sandboxDSN is the DSN of the in-process sandbox the tests share.
var sandboxDSN string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "qs-sandbox-")
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: dir})
	if err != nil {
		panic(err)
	}
	sandboxDSN = srv.DSN()
	code := m.Run()
	cancel()
	srv.Close()
	os.RemoveAll(dir)
	os.Exit(code)
}

// backend is a query service the tests run against.
type backend struct {
	name string
	dsn  func(t *testing.T) string
}

// backends are the sandbox and, when configured, the real PostgreSQL (each test gets
// its own schema there, so parallel engineers' tests do not collide).
var backends = []backend{
	{"sandbox", func(t *testing.T) string { return sandboxDSN }},
	{"postgres", func(t *testing.T) string { return pgSchemaDSN(t) }},
}

func pgSchemaDSN(t *testing.T) string {
	t.Helper()
	dsn := testenv.PostgresDSN(t)
	ctx := context.Background()
	c, err := qs.Open(ctx, dsn, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	schema := fmt.Sprintf("qs_test_%d", rand.Int63())
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := qs.Open(context.Background(), dsn, qs.Options{})
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close()
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// each runs f against every backend, in both protocol modes.
func each(t *testing.T, f func(t *testing.T, c *qs.Client)) {
	for _, b := range backends {
		for _, simple := range []bool{false, true} {
			name := b.name
			if simple {
				name += "/simple"
			}
			t.Run(name, func(t *testing.T) {
				c, err := qs.Open(context.Background(), b.dsn(t), qs.Options{SimpleProtocol: simple})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(c.Close)
				f(t, c)
			})
		}
	}
}

// uniq returns a table name unique to this test run (the sandbox is shared).
func uniq(prefix string) string { return fmt.Sprintf("%s_%d", prefix, rand.Int63()%1e9) }
