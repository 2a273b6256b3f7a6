package testdb

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Two tests' schemas do not see each other's tables, and a schema is gone once its
// test has ended.
func TestSchemasAreIsolatedAndDropped(t *testing.T) {
	ctx := context.Background()
	var first string
	t.Run("a", func(t *testing.T) {
		b := Postgres(t)
		first = b.DSN
		if _, err := b.DB.Exec(ctx, "CREATE TABLE mine (x int)"); err != nil {
			t.Fatal(err)
		}
		if n := schemas(t, first); n != 1 {
			t.Fatalf("the test's schema is not there while it runs (%d)", n)
		}
	})
	t.Run("b", func(t *testing.T) {
		b := Postgres(t)
		if _, err := b.DB.Exec(ctx, "SELECT * FROM mine"); err == nil {
			t.Error("another test's table is visible")
		}
	})
	if n := schemas(t, first); n != 0 {
		t.Errorf("the first test's schema is still there after it ended")
	}
}

// schemas counts the schemas named by dsn's search_path.
func schemas(t *testing.T, dsn string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_namespace WHERE nspname = current_setting('search_path')").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDatabaseAndSandbox(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{DatabaseDSN(t), SandboxServer(t).DSN()} {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		var one int
		if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
			t.Errorf("SELECT 1 = %d, %v", one, err)
		}
		conn.Close(ctx)
	}
}
