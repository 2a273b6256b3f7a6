package sandbox

import (
	"bytes"
	"errors"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

func TestSplitStatements(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"select 1", []string{"select 1"}},
		{"select 1; select 2;", []string{"select 1", " select 2"}},
		{"select ';' ; select \"a;b\"", []string{"select ';' ", " select \"a;b\""}},
		{"select $$a;b$$; select $x$ ; $x$", []string{"select $$a;b$$", " select $x$ ; $x$"}},
		{"select 1 -- ; no\n; /* ; */ select 2", []string{"select 1 -- ; no\n", " /* ; */ select 2"}},
		{"select 'it''s;'; ", []string{"select 'it''s;'"}},
		{" ; -- only a comment\n", nil},
		{"select $1; select a$b", []string{"select $1", " select a$b"}},
	}
	for _, c := range cases {
		got := splitStatements(c.in)
		if len(got) != len(c.want) {
			t.Errorf("split(%q) = %+v, want %q", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i].sql != c.want[i] {
				t.Errorf("split(%q)[%d] = %q, want %q", c.in, i, got[i].sql, c.want[i])
			}
		}
	}
	if p := splitStatements("select 1; select 2"); p[1].offset != 9 {
		t.Errorf("offset = %d, want 9", p[1].offset)
	}
}

func TestTxVerbAndTag(t *testing.T) {
	for q, want := range map[string]string{
		"BEGIN": "begin", "begin transaction isolation level serializable": "begin", "START TRANSACTION": "begin",
		"commit": "commit", "END": "commit", "rollback": "rollback", "ROLLBACK TO SAVEPOINT x": "", "select 1": "",
		"/* c */ Begin": "begin",
	} {
		if got := txVerb(q); got != want {
			t.Errorf("txVerb(%q) = %q, want %q", q, got, want)
		}
	}
	for q, want := range map[string]string{
		"create table t (a int)": "CREATE TABLE", "CREATE OR REPLACE VIEW v AS select 1": "CREATE VIEW",
		"drop table if exists t": "DROP TABLE", "insert into t values (1)": "INSERT", "-- x\nupdate t set a=1": "UPDATE",
	} {
		if got := commandTag(q); got != want {
			t.Errorf("commandTag(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestTranslatePosition(t *testing.T) {
	sql := "SELECT a\nFROM some_table_name WHERE"
	err := &duckdb.Error{Type: duckdb.ErrorTypeCatalog, Msg: "Catalog Error: Table with name some_table_name does not exist!\nDid you mean \"x\"?\n\nLINE 2: FROM some_table_name WHERE\n             ^"}
	e := translate(t.Context(), err, sql, 10)
	if e.code != "42P01" || e.position != 10+15 || e.msg != `relation "some_table_name" does not exist` || e.hint != `Did you mean "x"?` {
		t.Errorf("translated %+v", e)
	}
	// DuckDB elides long lines with "..."; the position is still found.
	long := "SELECT " + string(bytes.Repeat([]byte("x, "), 40)) + "nosuch FROM t"
	err = &duckdb.Error{Type: duckdb.ErrorTypeBinder, Msg: "Binder Error: Referenced column \"nosuch\" not found in FROM clause!\n\nLINE 1: ...x, x, nosuch FROM t\n                 ^"}
	e = translate(t.Context(), err, long, 0)
	if want := len("SELECT ") + 120 + 1; e.position != want || e.code != "42703" {
		t.Errorf("long line: position %d code %s, want %d 42703", e.position, e.code, want)
	}
	if e := translate(t.Context(), errors.New("boom"), "x", 0); e.msg != "boom" {
		t.Errorf("plain error %+v", e)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:0": true, "[::1]:0": true, "localhost:5433": true,
		"0.0.0.0:5433": false, ":5433": false, "192.168.1.2:5433": false} {
		if err := checkLoopback(addr); (err == nil) != ok {
			t.Errorf("checkLoopback(%q) = %v", addr, err)
		}
	}
	if _, err := Serve(t.Context(), Options{Dir: t.TempDir(), Listen: "0.0.0.0:0"}); err == nil {
		t.Error("served on all interfaces")
	}
}
