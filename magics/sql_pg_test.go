package magics

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
)

// pgEnv connects %sql to backend b under a fresh alias and returns a fresh env and a
// unique table-name prefix; the tables made with it are dropped at the end.
func pgEnv(t *testing.T, b backend, name string) (*Env, *fakeSession, *syncBuffer, *syncBuffer, string) {
	t.Helper()
	dsn := b.dsn(t)
	alias := nextAlias(name)
	env, s, out, errb := testEnv()
	s.Set("dsn", dsn)
	mustHandle(t, env, "%sql --connect {{dsn}} --alias "+alias)
	prefix := fmt.Sprintf("mt%d_", rand.Int63n(1e9))
	t.Cleanup(func() {
		c, err := qs.RegistryOf(context.Background()).Get(alias)
		if err != nil {
			return
		}
		ctx := context.Background()
		names, _ := c.TableNames(ctx)
		for _, n := range names {
			if strings.HasPrefix(n, prefix) {
				c.Exec(ctx, "DROP TABLE IF EXISTS "+n+" CASCADE")
			}
		}
		qs.RegistryOf(context.Background()).CloseAlias(alias)
	})
	return env, s, out, errb, prefix
}

// passwordOf returns the password in b's DSN.
func passwordOf(t *testing.T, b backend) string {
	u, err := url.Parse(b.dsn(t))
	if err != nil {
		t.Fatal(err)
	}
	pw, _ := u.User.Password()
	if pw == "" {
		t.Fatal("test DSN has no password")
	}
	return pw
}

func sqlErr(t *testing.T, err error) *Error {
	t.Helper()
	var me *Error
	if !errors.As(err, &me) {
		t.Fatalf("want an *Error, got %T %v", err, err)
	}
	return me
}

func TestSQLResults(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, s, out, _, p := pgEnv(t, b, "pgres")
		if !strings.Contains(out.String(), ":xxxxx@127.0.0.1:") || strings.Contains(out.String(), passwordOf(t, b)) {
			t.Fatalf("connect message %q", out.String())
		}
		res := mustHandle(t, env, fmt.Sprintf(`%%%%sql
CREATE TABLE %[1]sev (id int, kind text, amount numeric, ts timestamptz, tags text[], doc json, ok bool);
INSERT INTO %[1]sev SELECT g, CASE WHEN g %% 3 = 0 THEN 'buy' ELSE 'view' END, g * 1.5, '2026-01-01T00:00:00Z'::timestamptz + g * interval '1 hour',
  ARRAY['a', 'b'], '{"k": 1}', g %% 2 = 0 FROM generate_series(1, 50) AS s(g);
INSERT INTO %[1]sev (id) VALUES (NULL)`, p))
		if got := textOf(res); !strings.HasPrefix(got, "1 row affected · ") {
			t.Fatalf("last DML result = %q", got)
		}
		if !strings.Contains(out.String(), "[1/3] CREATE TABLE") || !strings.Contains(out.String(), "[2/3] 50 rows affected") {
			t.Fatalf("progress lines %q", out.String())
		}

		res = mustHandle(t, env, "%sql SELECT * FROM "+p+"ev ORDER BY id NULLS LAST")
		tab, ok := res.(*table.Table)
		if !ok {
			t.Fatalf("SELECT returned %T", res)
		}
		if tab.NumRows() != 20 || tab.Total() != 51 || tab.Limit != 20 || !strings.HasPrefix(tab.Note, "51 rows · ") {
			t.Fatalf("rows %d total %d limit %d note %q", tab.NumRows(), tab.Total(), tab.Limit, tab.Note)
		}
		if got := strings.Join(tab.ColumnNames(), ","); got != "id,kind,amount,ts,tags,doc,ok" {
			t.Fatalf("columns %s", got)
		}

		// -o keeps every row; the name << form does the same.
		mustHandle(t, env, "%%sql all << --limit 3\nSELECT id, kind FROM "+p+"ev WHERE id IS NOT NULL ORDER BY id")
		all, ok := s.vars["all"].(*table.Table)
		if !ok || all.NumRows() != 50 {
			t.Fatalf("stored %T with %d rows", s.vars["all"], all.NumRows())
		}
		mustHandle(t, env, "%sql -o buys SELECT id FROM "+p+"ev WHERE kind = 'buy'")
		if b := s.vars["buys"].(*table.Table); b.NumRows() != 16 {
			t.Fatalf("buys has %d rows", b.NumRows())
		}

		// Bound parameters, scalar results, and the assignment form.
		s.Set("minID", 10)
		s.Set("kinds", []string{"buy", "nope"})
		s.Set("table", p+"ev")
		v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM {{table|ident}} WHERE id > {{minID}} AND kind IN {{kinds|in}}")
		if v != int64(13) {
			t.Fatalf("scalar = %#v, want 13", v)
		}
		mustHandle(t, env, "n := %sql --scalar SELECT max(amount) FROM "+p+"ev")
		if s.vars["n"] != 75.0 {
			t.Fatalf("n = %#v", s.vars["n"])
		}
		// A hostile string is only ever a value.
		s.Set("evil", "x'; DROP TABLE "+p+"ev; --")
		v = mustHandle(t, env, "%sql --scalar SELECT count(*) FROM "+p+"ev WHERE kind = {{evil}}")
		if v != int64(0) {
			t.Fatalf("hostile param count = %v", v)
		}
		_, _, err := Handle(context.Background(), env, "%sql --scalar SELECT id FROM "+p+"ev")
		if me := sqlErr(t, err); !strings.Contains(me.Value, "exactly one row and one column; the query returned 51 rows × 1 column") {
			t.Fatalf("scalar of many: %v", me)
		}

		// --file runs SQL from a file; a NULL scalar shows as NULL.
		f := filepath.Join(t.TempDir(), "q.sql")
		os.WriteFile(f, []byte("-- from a file\nSELECT count(*) FROM "+p+"ev WHERE kind = 'view';\n"), 0o644)
		if v := mustHandle(t, env, "%sql --scalar -f "+f); fmt.Sprint(v) != "34" {
			t.Fatalf("--file scalar = %v", v)
		}
		if v := textOf(mustHandle(t, env, "%sql --scalar SELECT NULL")); v != "NULL" {
			t.Fatalf("NULL scalar shows %q", v)
		}

		// --limit 0 shows everything; displaylimit changes the default.
		tab = mustHandle(t, env, "%sql --limit 0 SELECT id FROM "+p+"ev").(*table.Table)
		if tab.Limit != -1 || tab.NumRows() != 51 {
			t.Fatalf("--limit 0: limit %d rows %d", tab.Limit, tab.NumRows())
		}
		mustHandle(t, env, "%sql --config displaylimit=7")
		tab = mustHandle(t, env, "%sql SELECT id FROM "+p+"ev").(*table.Table)
		if tab.NumRows() != 7 || tab.Total() != 51 {
			t.Fatalf("displaylimit=7: rows %d total %d", tab.NumRows(), tab.Total())
		}
		if html := display.TableHTML(tab); !strings.Contains(html, "showing 7 of 51 rows") {
			t.Fatalf("footer missing from HTML: %s", html[max(0, len(html)-300):])
		}

		// UPDATE/DELETE counts.
		if got := textOf(mustHandle(t, env, "%sql UPDATE "+p+"ev SET ok = true WHERE kind = 'buy'")); !strings.HasPrefix(got, "16 rows affected") {
			t.Fatalf("update: %q", got)
		}
		mustHandle(t, env, "%sql -o gone DELETE FROM "+p+"ev WHERE id IS NULL")
		if s.vars["gone"] != int64(1) {
			t.Fatalf("-o on DELETE stored %#v", s.vars["gone"])
		}
	})
}

func TestSQLErrors(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, _, _, _, p := pgEnv(t, b, "pgerr")
		mustHandle(t, env, "%sql CREATE TABLE "+p+"events (id int)")

		_, _, err := Handle(context.Background(), env, "%sql SELECT * FROM "+p+"evnts")
		me := sqlErr(t, err)
		if me.Name != "SQLError" || !strings.Contains(me.Value, "42P01") || !strings.Contains(me.Value, "did you mean "+p+"events?") {
			t.Fatalf("missing table: %+v", me)
		}

		_, _, err = Handle(context.Background(), env, "%%sql\nSELECT id,\n       idd + 1\nFROM "+p+"events")
		me = sqlErr(t, err)
		tb := strings.Join(me.Traceback, "\n")
		if !strings.Contains(me.Value, "42703") || !strings.Contains(tb, "LINE 2:        idd + 1\n"+strings.Repeat(" ", 15)+"^") {
			t.Fatalf("caret:\n%s\n%s", me.Value, tb)
		}

		// A failing statement rolls back the cell's earlier statements and names itself.
		_, _, err = Handle(context.Background(), env, "%%sql\nINSERT INTO "+p+"events VALUES (1);\nINSERT INTO "+p+"events VALUES ('x')")
		me = sqlErr(t, err)
		if !strings.Contains(strings.Join(me.Traceback, "\n"), "in statement 2 of 2 (cell line 3)") {
			t.Fatalf("statement position: %v", me.Traceback)
		}
		if v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM "+p+"events"); v != int64(0) {
			t.Fatalf("the first INSERT was not rolled back: %v rows", v)
		}
		// The connection stays usable after errors.
		if v := mustHandle(t, env, "%sql --scalar SELECT 1"); v != int32(1) && v != int64(1) {
			t.Fatalf("after errors: %#v", v)
		}
	})
}

func TestSQLCancel(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, _, _, _, _ := pgEnv(t, b, "pgcancel")
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		start := time.Now()
		_, _, err := Handle(ctx, env, "%sql "+b.sleep)
		el := time.Since(start)
		me := sqlErr(t, err)
		if me.Name != "Interrupted" || !errors.Is(err, context.Canceled) {
			t.Fatalf("cancel: %+v", me)
		}
		if el > 1300*time.Millisecond {
			t.Fatalf("cancel took %v (want well under a second after the interrupt)", el)
		}
		_, _, err = Handle(context.Background(), env, "%sql --timeout 0.3 "+b.sleep)
		if me := sqlErr(t, err); !strings.Contains(me.Value, "timeout") {
			t.Fatalf("timeout: %+v", me)
		}
		if v := mustHandle(t, env, "%sql --scalar SELECT 2"); fmt.Sprint(v) != "2" {
			t.Fatalf("after cancel: %#v", v)
		}
	})
}

func TestSQLSaveWithCatalog(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, _, out, _, p := pgEnv(t, b, "pgsave")
		mustHandle(t, env, "%%sql\nCREATE TABLE "+p+"ev (uid int, kind text);\nINSERT INTO "+p+"ev VALUES (1,'buy'),(1,'view'),(2,'view'),(3,'buy'),(3,'buy')")
		mustHandle(t, env, "%%sql --save buyers\nSELECT DISTINCT uid FROM "+p+"ev WHERE kind = 'buy'")
		if !strings.Contains(out.String(), "Saved query buyers") {
			t.Fatalf("save message: %q", out.String())
		}
		mustHandle(t, env, "%%sql --save repeat --with buyers --no-execute\nSELECT uid FROM "+p+"ev JOIN buyers USING (uid) GROUP BY uid HAVING count(*) > 1")
		if v := mustHandle(t, env, "%sql --with repeat --scalar SELECT count(*) FROM repeat"); v != int64(2) {
			t.Fatalf("composed count = %v", v)
		}
		// A user CTE with the same name wins.
		if v := mustHandle(t, env, "%%sql --with buyers --scalar\nWITH buyers AS (SELECT 99 AS uid) SELECT max(uid) FROM buyers"); fmt.Sprint(v) != "99" {
			t.Fatalf("user CTE overridden: %#v", v)
		}
		// CREATE TABLE AS with a saved CTE.
		mustHandle(t, env, "%sql --with buyers CREATE TABLE "+p+"b AS SELECT * FROM buyers")
		if v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM "+p+"b"); v != int64(2) {
			t.Fatalf("CTAS rows %v", v)
		}

		tabs := mustHandle(t, env, "%sql --tables").(*table.Table)
		names := tabs.Strings("name")
		if !strings.Contains(strings.Join(names, ","), p+"ev") {
			t.Fatalf("--tables lacks %sev: %v", p, names)
		}
		cols := mustHandle(t, env, "%sql --columns "+p+"ev").(*table.Table)
		if n := cols.Strings("name"); strings.Join(n, ",") != "uid,kind" {
			t.Fatalf("--columns = %v", n)
		}
		_, _, err := Handle(context.Background(), env, "%sql --columns "+p+"e")
		if err == nil || !strings.Contains(err.Error(), p+"ev") {
			t.Fatalf("--columns of a missing table: %v", err)
		}

		// Completion of tables, columns and qualified columns.
		cell := "%%sql\nSELECT k FROM " + p + "ev e WHERE e.u"
		m, start, ok := Complete(context.Background(), env, cell, len(cell))
		if !ok || strings.Join(m, ",") != "uid" || cell[start:] != "u" {
			t.Fatalf("complete e.u: %v %d %v", m, start, ok)
		}
		cell = "%%sql\nSELECT ki FROM " + p + "ev"
		m, _, _ = Complete(context.Background(), env, cell, strings.Index(cell, "ki")+2)
		if strings.Join(m, ",") != "kind" {
			t.Fatalf("complete ki: %v", m)
		}
		cell = "%%sql\nSELECT * FROM " + p + "e"
		m, _, _ = Complete(context.Background(), env, cell, len(cell))
		if !strings.Contains(strings.Join(m, ","), p+"ev") {
			t.Fatalf("complete table: %v", m)
		}
		cell = "%%sql --lim"
		if m, _, _ = Complete(context.Background(), env, cell, len(cell)); strings.Join(m, ",") != "--limit" {
			t.Fatalf("complete option: %v", m)
		}
		if m, _, _ = Complete(context.Background(), env, "%sq", 3); strings.Join(m, ",") != "%sql,%sqlplot" && strings.Join(m, ",") != "%sql" {
			t.Fatalf("complete magic name: %v", m)
		}
		// New tables show up in completion after DDL through %sql.
		mustHandle(t, env, "%sql CREATE TABLE "+p+"fresh (x int)")
		cell = "%%sql\nSELECT * FROM " + p + "fr"
		if m, _, _ = Complete(context.Background(), env, cell, len(cell)); strings.Join(m, ",") != p+"fresh" {
			t.Fatalf("complete after CREATE: %v", m)
		}
	})
}

func TestSQLConnectionsRedacted(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, _, _, _, _ := pgEnv(t, b, "pgconns")
		alias := ""
		for _, ci := range qs.RegistryOf(context.Background()).List() {
			if ci.Current {
				alias = ci.Alias
			}
		}
		cur := textOf(mustHandle(t, env, "%sql"))
		if !strings.Contains(cur, "as "+alias) || strings.Contains(cur, passwordOf(t, b)) || !strings.Contains(cur, "xxxxx") {
			t.Fatalf("%%sql = %q", cur)
		}
		tab := mustHandle(t, env, "%sql --connections").(*table.Table)
		if s := tab.String(); strings.Contains(s, passwordOf(t, b)) || !strings.Contains(s, alias) {
			t.Fatalf("--connections:\n%s", s)
		}
		// A second alias used per cell with -c, leaving the current one alone.
		dsn := b.dsn(t)
		mustHandle(t, env, "%sql --connect "+dsn+" --alias "+alias+"b --simple")
		defer qs.RegistryOf(context.Background()).CloseAlias(alias + "b")
		mustHandle(t, env, "%sql --use "+alias)
		if v := mustHandle(t, env, "%sql -c "+alias+"b --scalar SELECT 'two'"); v != "two" {
			t.Fatalf("-c: %v", v)
		}
		// Bound parameters through the simple protocol (interpolated by pgx), hostile ones too.
		env.Session.Set("neg", -5)
		env.Session.Set("quote", "it's -- not a comment")
		if v := mustHandle(t, env, "%sql -c "+alias+"b --scalar SELECT 1-{{neg}}"); fmt.Sprint(v) != "6" {
			t.Fatalf("simple protocol 1-{{neg}} = %v", v)
		}
		if v := mustHandle(t, env, "%sql -c "+alias+"b --scalar SELECT {{quote}} || '!'"); v != "it's -- not a comment!" {
			t.Fatalf("simple protocol string = %v", v)
		}
		if cur := textOf(mustHandle(t, env, "%sql")); !strings.Contains(cur, "as "+alias+" ") && !strings.HasSuffix(cur, "as "+alias) {
			t.Fatalf("-c changed the current connection: %q", cur)
		}
		bad := strings.Replace(dsn, ":"+passwordOf(t, b)+"@", ":wrongpass@", 1)
		_, _, err := Handle(context.Background(), env, "%sql --connect "+bad)
		if err == nil || strings.Contains(err.Error(), "wrongpass") {
			t.Fatalf("bad password error leaks or is missing: %v", err)
		}
	})
}

func TestSQLParameterTypes(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, s, _, _, p := pgEnv(t, b, "pgtypes")
		mustHandle(t, env, "%%sql\nCREATE TABLE "+p+"ty (i int, f double precision, ok boolean, ts timestamptz, d date, s text);\n"+
			"INSERT INTO "+p+"ty VALUES (1, 1.5, true, '2026-03-01T10:00:00Z', '2026-03-01', 'x'), (2, 2.5, false, '2026-04-01T10:00:00Z', '2026-04-01', 'y')")
		type level int
		s.Set("n", level(40))
		s.Set("f", float32(2))
		s.Set("yes", true)
		s.Set("since", time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC))
		s.Set("day", "2026-03-15")
		s.Set("ids", []int{2, 3})
		s.Set("nothing", (*int)(nil))
		cases := map[string]string{
			"SELECT 2 + {{n}}": "42",
			"SELECT count(*) FROM " + p + "ty WHERE f > {{f}}":                   "1",
			"SELECT count(*) FROM " + p + "ty WHERE ok = {{yes}}":                "1",
			"SELECT max(i) FROM " + p + "ty WHERE ts > {{since}}":                "2",
			"SELECT max(i) FROM " + p + "ty WHERE d > {{since}}":                 "2",
			"SELECT max(i) FROM " + p + "ty WHERE d < {{day}}":                   "1",
			"SELECT count(*) FROM " + p + "ty WHERE i IN {{ids|in}}":             "1",
			"SELECT count(*) FROM " + p + "ty WHERE i = {{nothing}}":             "0",
			"SELECT count(*) FROM " + p + "ty WHERE s = {{\"y\"}} AND i = {{2}}": "1",
		}
		// A slice without |in binds as one array parameter, on both services.
		s.Set("names", []string{"y", "a,b", `q"x`})
		s.Set("noIDs", []int{})
		cases["SELECT count(*) FROM "+p+"ty WHERE i = ANY({{ids}})"] = "1"
		cases["SELECT count(*) FROM "+p+"ty WHERE s = ANY({{names}})"] = "1"
		cases["SELECT count(*) FROM "+p+"ty WHERE i = ANY({{noIDs}})"] = "0"
		cases["SELECT count(*) FROM "+p+"ty WHERE NOT (i = ANY({{ids}}))"] = "1"
		cases["SELECT 'a,b' = ANY({{names}})"] = "true"
		for q, want := range cases {
			v := mustHandle(t, env, "%sql --scalar "+q)
			if fmt.Sprint(v) != want {
				t.Errorf("%s = %v, want %s", q, v, want)
			}
		}
		// IN with a bare slice is a mistake that gets a way out, not a syntax error.
		for _, in := range []string{"IN {{ids}}", "NOT IN ( {{ids}} )"} {
			_, _, err := Handle(context.Background(), env, "%sql SELECT count(*) FROM "+p+"ty WHERE i "+in)
			if me := sqlErr(t, err); me.Name != "ParameterError" || !strings.Contains(me.Value, "{{ids|in}}") || !strings.Contains(me.Value, "ANY({{ids}})") {
				t.Fatalf("%s: %+v", in, me)
			}
		}
	})
}

func TestSQLCancelMultiStatementRollsBack(t *testing.T) {
	forBackends(t, func(t *testing.T, b backend) {
		env, _, _, _, p := pgEnv(t, b, "pgcancel2")
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		start := time.Now()
		_, _, err := Handle(ctx, env, "%%sql\nCREATE TABLE "+p+"half (a int);\nINSERT INTO "+p+"half VALUES (1);\n"+b.sleep)
		if el := time.Since(start); el > 1300*time.Millisecond {
			t.Fatalf("interrupt took %v", el)
		}
		if me := sqlErr(t, err); me.Name != "Interrupted" || !strings.Contains(strings.Join(me.Traceback, " "), "statement 3 of 3") {
			t.Fatalf("interrupt: %+v", me)
		}
		// Nothing of the interrupted cell is left behind, and the connection works.
		v := mustHandle(t, env, "%sql --scalar SELECT count(*) FROM information_schema.tables WHERE table_name = '"+p+"half'")
		if fmt.Sprint(v) != "0" {
			t.Fatalf("the interrupted cell's CREATE TABLE survived (%v)", v)
		}
	})
}
