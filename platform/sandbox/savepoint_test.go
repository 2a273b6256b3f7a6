package sandbox_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestSavepointReplayAfterOtherCommit: ROLLBACK TO SAVEPOINT replays the transaction's
// statements, which is only sound while no other session commits. A transaction whose
// INSERT … SELECT read a table another session then changed must not be replayed (it
// would insert the new values under the same command tag): 40001. Without another
// session's commit the same transaction rolls back to its savepoint and keeps the rows
// written before it.
func TestSavepointReplayAfterOtherCommit(t *testing.T) {
	srv := startSandbox(t)
	ctx := context.Background()
	a := connect(t, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
	b := connect(t, srv.DSN(), pgx.QueryExecModeSimpleProtocol)
	exec := func(c *pgx.Conn, sql string) error {
		_, err := c.Exec(ctx, sql)
		return err
	}
	for _, s := range []string{"CREATE TABLE sp_src (v int)", "INSERT INTO sp_src VALUES (1)",
		"CREATE TABLE sp_dst (v int PRIMARY KEY)"} {
		if err := exec(a, s); err != nil {
			t.Fatal(s, err)
		}
	}
	run := func(other bool) error {
		for _, s := range []string{"BEGIN", "INSERT INTO sp_dst SELECT v FROM sp_src", "SAVEPOINT s"} {
			if err := exec(a, s); err != nil {
				t.Fatal(s, err)
			}
		}
		if err := exec(a, "INSERT INTO sp_dst VALUES (1)"); err == nil {
			t.Fatal("duplicate key accepted")
		}
		if other {
			if err := exec(b, "UPDATE sp_src SET v = v + 10"); err != nil {
				t.Fatal(err)
			}
		}
		err := exec(a, "ROLLBACK TO SAVEPOINT s")
		if err == nil {
			if err := exec(a, "COMMIT"); err != nil {
				t.Fatal(err)
			}
		} else {
			_ = exec(a, "ROLLBACK")
		}
		return err
	}
	if err := run(false); err != nil {
		t.Fatalf("ROLLBACK TO without another session's commit: %v", err)
	}
	var n, v int
	if err := a.QueryRow(ctx, "SELECT count(*), max(v) FROM sp_dst").Scan(&n, &v); err != nil || n != 1 || v != 1 {
		t.Fatalf("after the savepoint's rollback: %d rows, max %d, %v (want the row written before it)", n, v, err)
	}
	if err := exec(a, "DELETE FROM sp_dst"); err != nil {
		t.Fatal(err)
	}
	err := run(true)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "40001" {
		t.Fatalf("ROLLBACK TO after another session's commit: %v, want 40001", err)
	}
	if err := a.QueryRow(ctx, "SELECT count(*) FROM sp_dst").Scan(&n); err != nil || n != 0 {
		t.Fatalf("after the refused rollback and ROLLBACK: %d rows, %v", n, err)
	}
}
