package qs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/platform/qs"
)

// TestSimpleProtocolFromDSN checks that default_query_exec_mode=simple_protocol in a
// DSN (how a transaction pooler such as pgbouncer is reached) makes the whole client
// use the simple protocol, streams included: pgx's describe-then-execute, which Rows
// used otherwise, needs the unnamed statement to survive a Sync, and a pooler may hand
// the next message to another server (SQLSTATE 26000 through pgbouncer).
func TestSimpleProtocolFromDSN(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			sep := "?"
			if strings.Contains(dsn, "?") {
				sep = "&"
			}
			ctx := context.Background()
			c, err := qs.Open(ctx, dsn+sep+"default_query_exec_mode=simple_protocol", qs.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if !c.Options().SimpleProtocol {
				t.Fatal("default_query_exec_mode=simple_protocol in the DSN: Options().SimpleProtocol is false")
			}
			rows, err := c.Rows(ctx, "SELECT n FROM (VALUES (1), (2), (3)) AS v(n) WHERE n > $1", 1)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				n++
			}
			if err := rows.Err(); err != nil || n != 2 {
				t.Fatalf("streamed %d rows (%v), want 2", n, err)
			}
		})
	}
}
