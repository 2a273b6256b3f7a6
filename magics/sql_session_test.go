package magics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/sandbox"
	"github.com/sluice-dev/sluice/table"
)

// aliasOf returns the alias pgEnv connected env under.
func aliasOf(t *testing.T) string {
	t.Helper()
	for _, ci := range qs.RegistryOf(context.Background()).List() {
		if ci.Current {
			return ci.Alias
		}
	}
	t.Fatal("no current connection")
	return ""
}

// poolCount counts the rows of table through the connection's pool, the way platform
// helpers called from Go cells see the database.
func poolCount(t *testing.T, alias, table string) string {
	t.Helper()
	c, err := qs.RegistryOf(context.Background()).Get(alias)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := c.Query(context.Background(), "SELECT count(*) FROM "+table)
	if err != nil {
		t.Fatalf("pool count of %s: %v", table, err)
	}
	return fmt.Sprint(tab.Columns[0].Value(0))
}

func TestSQLSessionAcrossCells(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, _, _, errb, p := pgEnv(t, b, "pgsess")
		alias := aliasOf(t)
		schema := p + "s"
		mustHandle(t, env, "%sql CREATE SCHEMA "+schema)
		t.Cleanup(func() {
			if c, err := qs.RegistryOf(context.Background()).Get(alias); err == nil {
				c.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
			}
		})
		mustHandle(t, env, "%sql CREATE TABLE "+schema+".t (a int)")

		// SET search_path in one cell reaches the next.
		mustHandle(t, env, "%sql SET search_path TO "+schema)
		time.Sleep(250 * time.Millisecond) // let the session sit idle, as between cells
		if v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM t"); fmt.Sprint(v) != "0" {
			t.Fatalf("count through search_path = %v", v)
		}

		// A TEMP table made in one cell is there in the next, for queries, plots and
		// --tables.
		mustHandle(t, env, "%sql CREATE TEMP TABLE "+p+"tmp AS SELECT 5 AS v")
		if v := mustHandle(t, env, "%sql --scalar SELECT v FROM "+p+"tmp"); fmt.Sprint(v) != "5" {
			t.Fatalf("temp table value %v", v)
		}
		tabs := mustHandle(t, env, "%sql --tables").(*table.Table)
		if names := tabs.Strings("name"); !strings.Contains(strings.Join(names, ","), p+"tmp") {
			t.Fatalf("--tables misses the TEMP table: %v", names)
		}
		mustHandle(t, env, "%sqlplot hist --table "+p+"tmp --column v")

		// BEGIN in one cell, statements in the next ones, COMMIT in a later one; Go
		// helpers on the pool keep working and see the rows only after COMMIT.
		mustHandle(t, env, "%sql BEGIN")
		mustHandle(t, env, "%%sql\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2)")
		if v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM t"); fmt.Sprint(v) != "2" {
			t.Fatalf("inside the transaction: %v rows", v)
		}
		if got := poolCount(t, alias, schema+".t"); got != "0" {
			t.Fatalf("the pool sees %s uncommitted rows", got)
		}
		if d := textOf(mustHandle(t, env, "%sql")); !strings.Contains(d, "transaction open") {
			t.Fatalf("connection description during a transaction: %q", d)
		}
		mustHandle(t, env, "%sql COMMIT")
		if got := poolCount(t, alias, schema+".t"); got != "2" {
			t.Fatalf("after COMMIT the pool sees %s rows", got)
		}

		// BEGIN … ROLLBACK across cells leaves nothing.
		mustHandle(t, env, "%sql BEGIN")
		mustHandle(t, env, "%sql DELETE FROM t")
		mustHandle(t, env, "%sql ROLLBACK")
		if got := poolCount(t, alias, schema+".t"); got != "2" {
			t.Fatalf("after ROLLBACK the pool sees %s rows", got)
		}

		// An interrupt cancels a statement inside the transaction at once; the failed
		// transaction then says how to end it, and ROLLBACK does.
		mustHandle(t, env, "%sql BEGIN")
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		start := time.Now()
		_, _, err := Handle(ctx, env, "%sql "+b.sleep)
		if me := sqlErr(t, err); me.Name != "Interrupted" {
			t.Fatalf("interrupt in a transaction: %+v", me)
		}
		if el := time.Since(start); el > 1300*time.Millisecond {
			t.Fatalf("interrupt took %v", el)
		}
		_, _, err = Handle(context.Background(), env, "%sql SELECT 1")
		if me := sqlErr(t, err); !strings.Contains(me.Value, "ROLLBACK") {
			t.Fatalf("statement in the failed transaction: %+v", me)
		}
		mustHandle(t, env, "%sql ROLLBACK")
		if v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM t"); fmt.Sprint(v) != "2" {
			t.Fatalf("after the interrupted transaction: %v rows", v)
		}

		if b.name == "postgres" {
			// Server warnings reach the cell's stderr, as psql prints them.
			mustHandle(t, env, "%sql COMMIT")
			if !strings.Contains(errb.String(), "WARNING:  there is no transaction in progress") {
				t.Fatalf("stderr %q", errb.String())
			}
		}
	})
}

func TestSQLSessionReconnectsAfterSandboxRestart(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := sandbox.Serve(context.Background(), sandbox.Options{Dir: dir, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	opts := sandbox.Options{Dir: dir, Logger: quiet, Listen: srv.Addr().String(), Password: srv.Password()}
	defer func() { srv.Close() }()
	restart := func() {
		t.Helper()
		srv.Close()
		for i := 0; ; i++ {
			if srv, err = sandbox.Serve(context.Background(), opts); err == nil {
				break
			}
			if i == 50 {
				t.Fatalf("restart the sandbox: %v", err)
			}
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(250 * time.Millisecond)
	}

	env, s, _, errb := testEnv()
	alias := nextAlias("restart")
	s.Set("dsn", srv.DSN())
	mustHandle(t, env, "%sql --connect {{dsn}} --alias "+alias)
	defer qs.RegistryOf(context.Background()).CloseAlias(alias)
	mustHandle(t, env, "%%sql\nCREATE TABLE IF NOT EXISTS kept (v int);\nCREATE TEMP TABLE gone AS SELECT 1 AS v")

	restart()
	if v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM kept"); fmt.Sprint(v) != "0" {
		t.Fatalf("after restart: %v", v)
	}
	if e := errb.String(); !strings.Contains(e, "was lost and a new server session was opened") || strings.Contains(e, srv.Password()) {
		t.Fatalf("reconnect notice %q", e)
	}
	if _, _, err := Handle(context.Background(), env, "%sql SELECT v FROM gone"); err == nil {
		t.Fatal("the TEMP table survived the restart")
	}

	// Losing an open transaction fails the cell that finds out, and says why.
	mustHandle(t, env, "%sql BEGIN")
	mustHandle(t, env, "%sql INSERT INTO kept VALUES (1)")
	restart()
	_, _, err = Handle(context.Background(), env, "%sql INSERT INTO kept VALUES (2)")
	me := sqlErr(t, err)
	if me.Name != "ConnectionError" || !errors.Is(err, qs.ErrSessionLost) || !strings.Contains(me.Value, "BEGIN") {
		t.Fatalf("cell after losing the transaction: %+v", me)
	}
	if v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM kept"); fmt.Sprint(v) != "0" {
		t.Fatalf("rows after the lost transaction: %v", v)
	}
}
