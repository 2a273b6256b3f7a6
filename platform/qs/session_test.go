package qs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

// scalar runs sql in s and returns its single value as text.
func scalar(t *testing.T, ctx context.Context, s *qs.Session, sql string, args ...any) string {
	t.Helper()
	tab, err := s.Query(ctx, sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if tab.NumRows() != 1 {
		t.Fatalf("%s: %d rows", sql, tab.NumRows())
	}
	return fmt.Sprint(tab.Columns[0].Value(0))
}

func sessExec(t *testing.T, ctx context.Context, s *qs.Session, sql string) {
	t.Helper()
	if _, err := s.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func TestSessionKeepsState(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		s := c.Session()
		if c.Session() != s {
			t.Fatal("Session returned a new session on the second call")
		}
		schema, tab := uniq("sp"), uniq("only_here")
		sessExec(t, ctx, s, "CREATE SCHEMA "+schema)
		t.Cleanup(func() { c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE") })
		sessExec(t, ctx, s, "CREATE TABLE "+schema+"."+tab+" (a int)")

		// SET search_path in one call reaches the next ones; the pool is not affected.
		sessExec(t, ctx, s, "SET search_path TO "+schema)
		for i := 0; i < 3; i++ {
			if got := scalar(t, ctx, s, "SELECT count(*) FROM "+tab); got != "0" {
				t.Fatalf("count via search_path = %s", got)
			}
		}
		if _, err := c.Query(ctx, "SELECT count(*) FROM "+tab); err == nil {
			t.Fatal("the pool sees the session's search_path")
		}

		// A TEMP table lives as long as the session, and only there.
		tmp := uniq("tmp")
		sessExec(t, ctx, s, "CREATE TEMP TABLE "+tmp+" AS SELECT 7 AS v")
		time.Sleep(250 * time.Millisecond) // past the idle check before the next call
		if got := scalar(t, ctx, s, "SELECT v FROM "+tmp); got != "7" {
			t.Fatalf("temp table value %s", got)
		}
		if _, err := c.Query(ctx, "SELECT v FROM "+tmp); err == nil {
			t.Fatal("the pool sees the session's TEMP table")
		}
		names, err := s.Tables(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := names.Strings("name"); !strings.Contains(strings.Join(n, ","), tmp) {
			t.Fatalf("session's Tables misses its TEMP table: %v", n)
		}

		// BEGIN in one call, COMMIT in a later one; the pool keeps working meanwhile
		// and sees nothing until the commit.
		if s.InTransaction() {
			t.Fatal("in a transaction before BEGIN")
		}
		sessExec(t, ctx, s, "BEGIN")
		if !s.InTransaction() {
			t.Fatal("not in a transaction after BEGIN")
		}
		sessExec(t, ctx, s, "INSERT INTO "+tab+" VALUES (1), (2)")
		if got := scalar(t, ctx, s, "SELECT count(*) FROM "+tab); got != "2" {
			t.Fatalf("inside the transaction: %s rows", got)
		}
		var wg sync.WaitGroup
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tb, err := c.Query(ctx, "SELECT count(*) FROM "+schema+"."+tab)
				if err != nil {
					t.Errorf("pool during the session's transaction: %v", err)
				} else if v := fmt.Sprint(tb.Columns[0].Value(0)); v != "0" {
					t.Errorf("pool sees %s uncommitted rows", v)
				}
			}()
		}
		wg.Wait()
		sessExec(t, ctx, s, "COMMIT")
		if s.InTransaction() {
			t.Fatal("in a transaction after COMMIT")
		}
		tb, err := c.Query(ctx, "SELECT count(*) FROM "+schema+"."+tab)
		if err != nil || fmt.Sprint(tb.Columns[0].Value(0)) != "2" {
			t.Fatalf("after COMMIT the pool sees %v, %v", tb, err)
		}

		// A failed transaction stays open until ROLLBACK, even after the connection sat
		// idle (and was checked) between calls; nothing reconnects.
		var notices []string
		nctx := qs.WithNotices(ctx, func(m string) { notices = append(notices, m) })
		sessExec(t, nctx, s, "BEGIN")
		if _, err := s.Exec(nctx, "INSERT INTO "+tab+" VALUES ('not a number')"); err == nil {
			t.Fatal("bad INSERT succeeded")
		}
		time.Sleep(250 * time.Millisecond)
		if _, err := s.Exec(nctx, "SELECT 1"); err == nil || !s.InTransaction() {
			t.Fatalf("statement in a failed transaction: %v (in transaction: %v)", err, s.InTransaction())
		}
		sessExec(t, nctx, s, "ROLLBACK")
		if s.InTransaction() || len(notices) != 0 {
			t.Fatalf("after ROLLBACK: in transaction %v, notices %q", s.InTransaction(), notices)
		}

		// BEGIN … ROLLBACK across calls leaves nothing; a Tx on the session ends by itself.
		sessExec(t, ctx, s, "BEGIN")
		sessExec(t, ctx, s, "INSERT INTO "+tab+" VALUES (3)")
		sessExec(t, ctx, s, "ROLLBACK")
		tx, err := s.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO "+tab+" VALUES (4)"); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if got := scalar(t, ctx, s, "SELECT string_agg(CAST(a AS text), ',' ORDER BY a) FROM "+tab); got != "1,2,4" {
			t.Fatalf("rows after rollback and Tx: %s", got)
		}
	})
}

func TestSessionNotices(t *testing.T) {
	c, err := qs.Open(context.Background(), pgSchemaDSN(t), qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var got []string
	ctx := qs.WithNotices(context.Background(), func(m string) { got = append(got, m) })
	if _, err := c.Session().Exec(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "WARNING:  there is no transaction in progress" {
		t.Fatalf("notices %q", got)
	}
}

func TestSessionCancel(t *testing.T) {
	sleeps := map[string]string{"sandbox": "SELECT count(*) FROM range(100000000000) a", "postgres": "SELECT pg_sleep(30)"}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			c, err := qs.Open(context.Background(), b.dsn(t), qs.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			s := c.Session()
			sessExec(t, context.Background(), s, "CREATE TEMP TABLE kept AS SELECT 1 AS v")
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(200*time.Millisecond, cancel)
			start := time.Now()
			_, err = s.Run(ctx, 0, sleeps[b.name])
			var qe *qs.Error
			if !errors.As(err, &qe) || qe.Code != "57014" || !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled query: %v", err)
			}
			if el := time.Since(start); el > 1500*time.Millisecond {
				t.Fatalf("cancel took %v", el)
			}
			// The session survives the cancel with its state.
			if got := scalar(t, context.Background(), s, "SELECT v FROM kept"); got != "1" {
				t.Fatalf("after cancel: %s", got)
			}
		})
	}
}

func TestSessionReconnectsAfterRestart(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := sandbox.Serve(context.Background(), sandbox.Options{Dir: dir, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	opts := sandbox.Options{Dir: dir, Logger: quiet, Listen: srv.Addr().String(), Password: srv.Password()}
	start := func() {
		t.Helper()
		for i := 0; ; i++ {
			srv, err = sandbox.Serve(context.Background(), opts)
			if err == nil {
				return
			}
			if i == 50 {
				t.Fatalf("restart the sandbox: %v", err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	restart := func() {
		t.Helper()
		srv.Close()
		start()
	}
	defer func() { srv.Close() }()

	c, err := qs.Open(context.Background(), srv.DSN(), qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var notices []string
	ctx := qs.WithNotices(context.Background(), func(m string) { notices = append(notices, m) })
	s := c.Session()
	sessExec(t, ctx, s, "CREATE TEMP TABLE gone AS SELECT 1 AS v")
	sessExec(t, ctx, s, "CREATE TABLE IF NOT EXISTS kept (v int)")
	if len(notices) != 0 {
		t.Fatalf("notices before the restart: %q", notices)
	}

	restart()
	time.Sleep(250 * time.Millisecond)
	if got := scalar(t, ctx, s, "SELECT count(*) FROM kept"); got != "0" {
		t.Fatalf("after restart: %s", got)
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "was lost and a new server session was opened") ||
		!strings.Contains(notices[0], "TEMP tables") || strings.Contains(notices[0], srv.Password()) {
		t.Fatalf("reconnect notice %q", notices)
	}
	if _, err := s.Query(ctx, "SELECT v FROM gone"); err == nil {
		t.Fatal("the TEMP table of the old session is still there")
	}

	// A transaction open when the session is lost is reported, not silently dropped.
	notices = nil
	sessExec(t, ctx, s, "BEGIN")
	sessExec(t, ctx, s, "INSERT INTO kept VALUES (1)")
	restart()
	time.Sleep(250 * time.Millisecond)
	_, err = s.Exec(ctx, "INSERT INTO kept VALUES (2)")
	if !errors.Is(err, qs.ErrSessionLost) || !strings.Contains(err.Error(), "not run") {
		t.Fatalf("statement after losing the transaction: %v", err)
	}
	if s.InTransaction() {
		t.Fatal("still in a transaction after the session was lost")
	}
	if got := scalar(t, ctx, s, "SELECT count(*) FROM kept"); got != "0" {
		t.Fatalf("rows after the lost transaction: %s", got)
	}

	// While the service is down a call fails (without the password); once it is back
	// the session reopens and says so.
	notices = nil
	srv.Close()
	time.Sleep(250 * time.Millisecond)
	if _, err := s.Exec(ctx, "SELECT 1"); err == nil || strings.Contains(err.Error(), srv.Password()) {
		t.Fatalf("call while the service is down: %v", err)
	}
	start()
	if got := scalar(t, ctx, s, "SELECT count(*) FROM kept"); got != "0" {
		t.Fatalf("after the service came back: %s", got)
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "new server session") {
		t.Fatalf("notices after the service came back: %q", notices)
	}

	// A closed client's session refuses calls.
	c.Close()
	if _, err := c.Session().Exec(ctx, "SELECT 1"); err == nil {
		t.Fatal("a closed client's session still runs statements")
	}
}
