package sqltx_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/testdb"
	"github.com/sluice-dev/sluice/platform/internal/sqltx"
)

func TestExecAllOrNone(t *testing.T) {
	for _, b := range testdb.All(t) {
		t.Run(b.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			count := func() int64 {
				t.Helper()
				res, err := b.DB.Query(ctx, "SELECT count(*) AS n FROM kv")
				if err != nil {
					t.Fatal(err)
				}
				return res.Ints("n")[0]
			}
			if err := sqltx.Exec(ctx, b.DB,
				sqltx.Statement("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT)"),
				sqltx.Statement("INSERT INTO kv VALUES ($1, $2)", "a", 1),
				sqltx.Statement("INSERT INTO kv VALUES ($1, $2)", "b", 2)); err != nil {
				t.Fatal(err)
			}
			if n := count(); n != 2 {
				t.Fatalf("after a committed Exec: %d rows, want 2", n)
			}
			// The second statement fails: the first does not take effect either.
			err := sqltx.Exec(ctx, b.DB,
				sqltx.Statement("DELETE FROM kv WHERE k = $1", "a"),
				sqltx.Statement("INSERT INTO kv VALUES ($1, $2)", "b", 3))
			if err == nil || !strings.Contains(strings.ToLower(err.Error()), "duplicate") && !strings.Contains(err.Error(), "constraint") {
				t.Fatalf("duplicate key: err = %v", err)
			}
			if n := count(); n != 2 {
				t.Fatalf("after a failed Exec: %d rows, want the 2 from before", n)
			}
			// A cancelled context runs nothing, and the client still works after it.
			cctx, ccancel := context.WithCancel(ctx)
			ccancel()
			if err := sqltx.Exec(cctx, b.DB, sqltx.Statement("DELETE FROM kv")); err == nil {
				t.Fatal("Exec with a cancelled context succeeded")
			}
			if n := count(); n != 2 {
				t.Fatalf("after a cancelled Exec: %d rows, want 2", n)
			}
		})
	}
}
