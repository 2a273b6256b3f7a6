package qs_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"testing"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/qs"
)

// sandboxDSN is the DSN of the in-process sandbox the tests share.
var sandboxDSN string

func TestMain(m *testing.M) {
	srv, stop, err := testdb.SharedSandbox("qs")
	if err != nil {
		panic(err)
	}
	sandboxDSN = srv.DSN()
	code := m.Run()
	stop()
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

func pgSchemaDSN(t *testing.T) string { return testdb.SchemaDSN(t) }

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
