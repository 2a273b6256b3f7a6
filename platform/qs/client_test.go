package qs_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/sandbox"
	"github.com/sluice-dev/sluice/table"
)

func mustExec(t *testing.T, c *qs.Client, sql string, args ...any) int64 {
	t.Helper()
	n, err := c.Exec(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestTypesRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("types")
		mustExec(t, c, `CREATE TABLE `+tbl+` (
			i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, num numeric(12,3),
			s text, v varchar(20), b boolean, d date, ts timestamp, tz timestamptz, j json,
			ia integer[], ta text[], u uuid)`)
		ts := time.Date(2024, 3, 5, 6, 7, 8, 123456000, time.UTC)
		n := mustExec(t, c, `INSERT INTO `+tbl+` VALUES
			(1, 2, 3, 1.5, 2.25, 12345.678, 'héllo', 'v', true, '2024-03-05', '2024-03-05 06:07:08.123456',
			 '2024-03-05 06:07:08.123456+00', '{"a": [1, 2], "b": "x"}', ARRAY[1,2,3], ARRAY['x','y'],
			 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
			(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`)
		if n != 2 {
			t.Errorf("INSERT affected %d rows, want 2", n)
		}
		tab, err := c.Query(ctx, `SELECT * FROM `+tbl+` ORDER BY i8 NULLS LAST`)
		if err != nil {
			t.Fatal(err)
		}
		if tab.NumRows() != 2 {
			t.Fatalf("got %d rows, want 2", tab.NumRows())
		}
		want := map[string]struct {
			kind table.Kind
			typ  string
			val  any
		}{
			"i2":  {table.KindInt, "int2", int64(1)},
			"i4":  {table.KindInt, "int4", int64(2)},
			"i8":  {table.KindInt, "int8", int64(3)},
			"f4":  {table.KindFloat, "float4", 1.5},
			"f8":  {table.KindFloat, "float8", 2.25},
			"num": {table.KindFloat, "numeric", 12345.678},
			"s":   {table.KindString, "", "héllo"},
			"v":   {table.KindString, "", "v"},
			"b":   {table.KindBool, "bool", true},
			"d":   {table.KindTime, "date", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
			"ts":  {table.KindTime, "timestamp", ts},
			"tz":  {table.KindTime, "timestamptz", ts},
			"u":   {table.KindString, "uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
		}
		for name, w := range want {
			col, err := tab.Column(name)
			if err != nil {
				t.Fatal(err)
			}
			if col.Kind() != w.kind {
				t.Errorf("%s: kind %v, want %v", name, col.Kind(), w.kind)
			}
			if w.typ != "" && col.Type != w.typ {
				t.Errorf("%s: type %q, want %q", name, col.Type, w.typ)
			}
			got := col.Value(0)
			if tm, ok := got.(time.Time); ok {
				if !tm.Equal(w.val.(time.Time)) {
					t.Errorf("%s = %v, want %v", name, tm, w.val)
				}
			} else if got != w.val {
				t.Errorf("%s = %#v, want %#v", name, got, w.val)
			}
			if !col.IsNull(1) || col.Value(1) != nil {
				t.Errorf("%s: row 2 should be NULL, got %#v", name, col.Value(1))
			}
		}
		j, _ := tab.Column("j")
		if j.Kind() != table.KindAny {
			t.Errorf("json kind %v", j.Kind())
		}
		m, ok := j.Value(0).(map[string]any)
		if !ok || m["b"] != "x" {
			t.Errorf("json = %#v, want a decoded object", j.Value(0))
		}
		ia, _ := tab.Column("ia")
		if ia.Kind() != table.KindAny || ia.Type != "_int4" {
			t.Errorf("int array column: kind %v type %q", ia.Kind(), ia.Type)
		}
		if arr, ok := ia.Value(0).([]any); !ok || len(arr) != 3 {
			t.Errorf("int array = %#v", ia.Value(0))
		}
		ta, _ := tab.Column("ta")
		if arr, ok := ta.Value(0).([]any); !ok || len(arr) != 2 || arr[1] != "y" {
			t.Errorf("text array = %#v", ta.Value(0))
		}
	})
}

func TestParameters(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tab, err := c.Query(ctx, `SELECT $1::bigint + 1 AS n, $2::text || '!' AS s, $3::double precision * 2 AS f,
			$4::boolean AS b, $5::timestamptz AS t`,
			41, "hi", 1.25, true, time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if v := tab.Columns[0].Value(0); v != int64(42) {
			t.Errorf("n = %#v", v)
		}
		if v := tab.Columns[1].Value(0); v != "hi!" {
			t.Errorf("s = %#v", v)
		}
		if v := tab.Columns[2].Value(0); v != 2.5 {
			t.Errorf("f = %#v", v)
		}
		if v := tab.Columns[3].Value(0); v != true {
			t.Errorf("b = %#v", v)
		}
		if v, ok := tab.Columns[4].Value(0).(time.Time); !ok || !v.Equal(time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)) {
			t.Errorf("t = %#v", tab.Columns[4].Value(0))
		}
		// A parameter is data, never SQL.
		tab, err = c.Query(ctx, `SELECT $1::text AS s`, "'; DROP TABLE x; --")
		if err != nil {
			t.Fatal(err)
		}
		if v := tab.Columns[0].Value(0); v != "'; DROP TABLE x; --" {
			t.Errorf("s = %#v", v)
		}
	})
}

func TestLargeResult(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		const n = 100000
		tab, err := c.Query(ctx, `SELECT g::bigint AS i, (g * 0.5)::double precision AS f, 'row ' || g::text AS s
			FROM generate_series(1, 100000) AS t(g)`)
		if err != nil {
			t.Fatal(err)
		}
		if tab.NumRows() != n {
			t.Fatalf("rows = %d, want %d", tab.NumRows(), n)
		}
		var sum int64
		for _, v := range tab.Columns[0].Ints() {
			sum += v
		}
		if sum != n*(n+1)/2 {
			t.Errorf("sum = %d", sum)
		}
		if s := tab.Columns[2].Strings()[n-1]; s != "row 100000" {
			t.Errorf("last s = %q", s)
		}
		lim, err := c.QueryLimit(ctx, 20, `SELECT g FROM generate_series(1, 1000) AS t(g)`)
		if err != nil {
			t.Fatal(err)
		}
		if lim.NumRows() != 20 || lim.TotalRows != 1000 {
			t.Errorf("QueryLimit: %d rows held, TotalRows %d", lim.NumRows(), lim.TotalRows)
		}
	})
}

func TestErrors(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("customer_events")
		mustExec(t, c, "CREATE TABLE "+tbl+" (id bigint, name text)")
		// A near miss of an existing table: 42P01, position, caret, suggestion.
		typo := strings.Replace(tbl, "events", "evnts", 1)
		sql := "SELECT id\nFROM " + typo + " WHERE id > 1"
		_, err := c.Query(ctx, sql)
		var qe *qs.Error
		if !errors.As(err, &qe) {
			t.Fatalf("error %T %v is not *qs.Error", err, err)
		}
		if qe.Code != "42P01" {
			t.Errorf("code %s, want 42P01 (%v)", qe.Code, qe)
		}
		if qe.Position != 16 {
			t.Errorf("position %d, want 16", qe.Position)
		}
		pretty := qe.Pretty()
		wantLine := "LINE 2: FROM " + typo + " WHERE id > 1\n" + strings.Repeat(" ", len("LINE 2: FROM ")) + "^"
		if !strings.Contains(pretty, wantLine) {
			t.Errorf("Pretty() =\n%s\nwant it to contain\n%s", pretty, wantLine)
		}
		if len(qe.Suggestions) == 0 || qe.Suggestions[0] != tbl {
			t.Errorf("suggestions %v, want %s first", qe.Suggestions, tbl)
		}
		if low := strings.ToLower(pretty); !strings.Contains(low, "did you mean") || !strings.Contains(low, tbl) || strings.Count(low, "did you mean") != 1 {
			t.Errorf("Pretty() lacks the suggestion or makes it twice:\n%s", pretty)
		}
		// Syntax error: 42601 with a position.
		_, err = c.Query(ctx, "SELECT 1 FORM "+tbl)
		if !errors.As(err, &qe) || qe.Code != "42601" || qe.Position == 0 {
			t.Errorf("syntax error: %#v", err)
		}
		// Unknown column: 42703.
		_, err = c.Query(ctx, "SELECT nosuchcol FROM "+tbl)
		if !errors.As(err, &qe) || qe.Code != "42703" {
			t.Errorf("unknown column: %v", err)
		} else if qe.Position != 8 {
			t.Errorf("unknown column position %d, want 8", qe.Position)
		}
		// A run-time conversion error: 22P02 on both.
		_, err = c.Query(ctx, "SELECT s::int AS n FROM (VALUES ('1'), ('x')) AS t(s)")
		if !errors.As(err, &qe) || qe.Code != "22P02" {
			t.Errorf("conversion error: %v", err)
		}
		// The connection keeps working.
		tab, err := c.Query(ctx, "SELECT count(*) AS n FROM "+tbl)
		if err != nil || tab.Columns[0].Value(0) != int64(0) {
			t.Errorf("after errors: %v %v", tab, err)
		}
	})
}

func TestCancel(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.Query(ctx, "SELECT pg_sleep(30)")
		took := time.Since(start)
		if err == nil {
			t.Fatal("pg_sleep(30) returned without error")
		}
		if took > 3*time.Second {
			t.Errorf("cancel took %v", took)
		}
		var qe *qs.Error
		if !errors.As(err, &qe) || qe.Code != "57014" {
			t.Errorf("error %v, want SQLSTATE 57014", err)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v does not unwrap to the context's error", err)
		}
		tab, err := c.Query(context.Background(), "SELECT 7 AS x")
		if err != nil || tab.Columns[0].Value(0) == nil {
			t.Errorf("after cancel: %v", err)
		}
	})
}

func TestTransactions(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("tx")
		mustExec(t, c, "CREATE TABLE "+tbl+" (id bigint, s text)")
		tx, err := c.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO "+tbl+" VALUES (1, 'a')"); err != nil {
			t.Fatal(err)
		}
		in, err := tx.Query(ctx, "SELECT count(*) FROM "+tbl)
		if err != nil || in.Columns[0].Value(0) != int64(1) {
			t.Fatalf("inside tx: %v %v", in, err)
		}
		if err := tx.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
		out, err := c.Query(ctx, "SELECT count(*) FROM "+tbl)
		if err != nil || out.Columns[0].Value(0) != int64(0) {
			t.Fatalf("after rollback: %v %v", out, err)
		}
		// A failed statement aborts the batch; rollback leaves nothing behind.
		tx, err = c.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		batch := table.New(table.IntColumn("id", []int64{1, 2}), table.StringColumn("s", []string{"x", "y"}))
		if _, err := tx.CopyFrom(ctx, tbl, nil, batch); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO "+tbl+" VALUES ('not a number', 'z')"); err == nil {
			t.Fatal("bad insert succeeded")
		}
		tx.Rollback(ctx)
		out, _ = c.Query(ctx, "SELECT count(*) FROM "+tbl)
		if out.Columns[0].Value(0) != int64(0) {
			t.Errorf("after failed batch: %v rows", out.Columns[0].Value(0))
		}
		// Commit keeps.
		tx, _ = c.Begin(ctx)
		tx.CopyFrom(ctx, tbl, nil, batch)
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		out, _ = c.Query(ctx, "SELECT count(*) FROM "+tbl)
		if out.Columns[0].Value(0) != int64(2) {
			t.Errorf("after commit: %v rows", out.Columns[0].Value(0))
		}
	})
}

func TestCopyFrom(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("copy")
		mustExec(t, c, "CREATE TABLE "+tbl+" (i bigint, f double precision, s text, b boolean, ts timestamptz, j json)")
		ts := time.Date(2024, 1, 2, 3, 4, 5, 600000000, time.UTC)
		in := table.New(
			table.IntColumn("i", []int64{1, 2, 3}),
			table.FloatColumn("f", []float64{0.5, math.Pi, -1e10}),
			table.StringColumn("s", []string{"tab\there", "new\nline \\ back", `quote " and ' and ,`}),
			table.BoolColumn("b", []bool{true, false, true}),
			table.TimeColumn("ts", []time.Time{ts, ts.Add(time.Hour), ts}),
			table.AnyColumn("j", []any{map[string]any{"k": 1.0}, []any{"a", 2.0}, nil}),
		)
		in.Columns[2] = in.Columns[2].WithNulls([]bool{false, false, false})
		in.Columns[5] = in.Columns[5].WithNulls([]bool{false, false, true})
		in.Columns[1] = in.Columns[1].WithNulls([]bool{false, true, false})
		n, err := c.CopyFrom(ctx, tbl, nil, in)
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("copied %d rows, want 3", n)
		}
		out, err := c.Query(ctx, "SELECT * FROM "+tbl+" ORDER BY i")
		if err != nil {
			t.Fatal(err)
		}
		s, _ := out.Column("s")
		for i, want := range in.Columns[2].Strings() {
			if s.Strings()[i] != want {
				t.Errorf("s[%d] = %q, want %q", i, s.Strings()[i], want)
			}
		}
		f, _ := out.Column("f")
		if !f.IsNull(1) || f.Floats()[2] != -1e10 || f.Floats()[0] != 0.5 {
			t.Errorf("f = %v nulls %v", f.Floats(), f.Nulls())
		}
		tsc, _ := out.Column("ts")
		if !tsc.Times()[0].Equal(ts) {
			t.Errorf("ts = %v, want %v", tsc.Times()[0], ts)
		}
		j, _ := out.Column("j")
		if !j.IsNull(2) {
			t.Errorf("j[2] should be NULL: %#v", j.Values()[2])
		}
		if m, ok := j.Values()[0].(map[string]any); !ok || m["k"] != 1.0 {
			t.Errorf("j[0] = %#v", j.Values()[0])
		}
	})
}

func TestRowStream(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		rs, err := c.Rows(ctx, "SELECT g::bigint AS g, 'x' || g::text AS s FROM generate_series(1, 2500) AS t(g) ORDER BY g")
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		cols := rs.Columns()
		if len(cols) != 2 || cols[0].Name != "g" || cols[0].Kind != table.KindInt {
			t.Fatalf("columns %+v", cols)
		}
		rows := 0
		for {
			b, err := rs.NextBatch(1000)
			if err != nil {
				t.Fatal(err)
			}
			if b.NumRows() == 0 {
				break
			}
			rows += b.NumRows()
		}
		if rows != 2500 || rs.RowsRead() != 2500 {
			t.Errorf("read %d rows (%d)", rows, rs.RowsRead())
		}
		rs2, err := c.Rows(ctx, "SELECT 1::bigint AS a, NULL::text AS b")
		if err != nil {
			t.Fatal(err)
		}
		defer rs2.Close()
		if !rs2.Next() {
			t.Fatal(rs2.Err())
		}
		if v := rs2.Values(); v[0] != int64(1) || v[1] != nil {
			t.Errorf("values %#v", v)
		}
		if rs2.Next() || rs2.Err() != nil {
			t.Errorf("extra row or error %v", rs2.Err())
		}
	})
}

func TestRunTags(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("tags")
		mustExec(t, c, "CREATE TABLE "+tbl+" (id bigint)")
		r, err := c.Run(ctx, 0, "INSERT INTO "+tbl+" SELECT g FROM generate_series(1, 5) AS t(g)")
		if err != nil {
			t.Fatal(err)
		}
		if r.HasRows() || r.RowsAffected != 5 || !strings.HasPrefix(r.Command, "INSERT") {
			t.Errorf("insert result %+v", r)
		}
		r, err = c.Run(ctx, 0, "UPDATE "+tbl+" SET id = id + 1 WHERE id > 2")
		if err != nil || r.RowsAffected != 3 {
			t.Errorf("update result %+v %v", r, err)
		}
		r, err = c.Run(ctx, 0, "SELECT * FROM "+tbl)
		if err != nil || !r.HasRows() || r.Table.NumRows() != 5 {
			t.Errorf("select result %+v %v", r, err)
		}
	})
}

func TestCatalog(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("catalog")
		mustExec(t, c, "CREATE TABLE "+tbl+" (id bigint NOT NULL, label text)")
		tabs, err := c.Tables(ctx)
		if err != nil {
			t.Fatal(err)
		}
		names := tabs.Strings("name")
		found := false
		for _, n := range names {
			found = found || n == tbl
		}
		if !found {
			t.Errorf("Tables() lacks %s: %v", tbl, names)
		}
		cols, err := c.Columns(ctx, tbl)
		if err != nil {
			t.Fatal(err)
		}
		cn := cols.Strings("name")
		if strings.Join(cn, ",") != "id,label" {
			t.Errorf("Columns = %v", cn)
		}
		_, err = c.Columns(ctx, tbl+"x")
		var qe *qs.Error
		if !errors.As(err, &qe) || qe.Code != "42P01" || len(qe.Suggestions) == 0 {
			t.Errorf("Columns of a missing table: %v", err)
		}
	})
}

func TestDialect(t *testing.T) {
	c, err := qs.Open(context.Background(), sandboxDSN, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Dialect() != "duckdb" {
		t.Errorf("sandbox dialect %q", c.Dialect())
	}
	if strings.Contains(c.Redacted(), "@") && !strings.Contains(c.Redacted(), "xxxxx") {
		t.Errorf("Redacted() leaks: %s", c.Redacted())
	}
}

func TestReconnectAfterRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	srv, err := sandbox.Serve(ctx, sandbox.Options{Dir: dir, Password: "pw-restart"})
	if err != nil {
		t.Fatal(err)
	}
	addr := srv.Addr().String()
	c, err := qs.Open(ctx, srv.DSN(), qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	mustExec(t, c, "CREATE TABLE survives AS SELECT 1 AS x")
	srv.Close()
	if _, err := c.Query(ctx, "SELECT 1"); err == nil {
		t.Error("query succeeded while the server was down")
	}
	srv, err = sandbox.Serve(ctx, sandbox.Options{Dir: dir, Password: "pw-restart", Listen: addr})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	tab, err := c.Query(ctx, "SELECT x FROM survives")
	if err != nil {
		t.Fatalf("after restart: %v", err)
	}
	if tab.Columns[0].Value(0) == nil {
		t.Error("no row after restart")
	}
}

func TestTwoClientsShareSandbox(t *testing.T) {
	ctx := context.Background()
	a, err := qs.Open(ctx, sandboxDSN, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := qs.Open(ctx, sandboxDSN, qs.Options{SimpleProtocol: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tbl := uniq("shared")
	mustExec(t, a, "CREATE TABLE "+tbl+" (id bigint)")
	tx, err := a.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx.Exec(ctx, "INSERT INTO "+tbl+" VALUES (1)")
	// b does not see a's uncommitted row, and sees it once committed.
	tab, err := b.Query(ctx, "SELECT count(*) FROM "+tbl)
	if err != nil || tab.Columns[0].Value(0) != int64(0) {
		t.Fatalf("before commit: %v %v", tab, err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	tab, err = b.Query(ctx, "SELECT count(*) FROM "+tbl)
	if err != nil || tab.Columns[0].Value(0) != int64(1) {
		t.Fatalf("after commit: %v %v", tab, err)
	}
	// Concurrent queries from both clients.
	errs := make(chan error, 20)
	for i := 0; i < 10; i++ {
		go func() { _, err := a.Query(ctx, "SELECT sum(range) FROM range(100000)"); errs <- err }()
		go func() { _, err := b.Exec(ctx, "INSERT INTO "+tbl+" VALUES (2)"); errs <- err }()
	}
	for i := 0; i < 20; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestCancelLongDuckDBQuery(t *testing.T) {
	c, err := qs.Open(context.Background(), sandboxDSN, qs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.Query(ctx, "SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3")
	if err == nil {
		t.Fatal("the long query finished")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancel took %v", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
	if _, err := c.Query(context.Background(), "SELECT 1"); err != nil {
		t.Errorf("after cancel: %v", err)
	}
}

func TestTimestampCopyIntoPlainTimestamp(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("plain_ts")
		mustExec(t, c, "CREATE TABLE "+tbl+" (ts timestamp, d date)")
		ts := time.Date(2024, 6, 7, 8, 9, 10, 0, time.UTC)
		in := table.New(table.TimeColumn("ts", []time.Time{ts}), table.TimeColumn("d", []time.Time{ts.Truncate(24 * time.Hour)}))
		if _, err := c.CopyFrom(ctx, tbl, nil, in); err != nil {
			t.Fatal(err)
		}
		out, err := c.Query(ctx, "SELECT ts, d FROM "+tbl)
		if err != nil {
			t.Fatal(err)
		}
		if got := out.Columns[0].Times()[0]; !got.Equal(ts) {
			t.Errorf("ts = %v, want %v", got, ts)
		}
		if got := out.Columns[1].Times()[0]; !got.Equal(ts.Truncate(24 * time.Hour)) {
			t.Errorf("d = %v", got)
		}
	})
}

func TestJSONParameter(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("jsonp")
		mustExec(t, c, "CREATE TABLE "+tbl+" (id bigint, doc json)")
		mustExec(t, c, "INSERT INTO "+tbl+" VALUES ($1, $2)", 1, map[string]any{"plan": "gold", "n": 2})
		tab, err := c.Query(ctx, "SELECT doc FROM "+tbl)
		if err != nil {
			t.Fatal(err)
		}
		if m, ok := tab.Columns[0].Value(0).(map[string]any); !ok || m["plan"] != "gold" {
			t.Errorf("doc = %#v", tab.Columns[0].Value(0))
		}
		names, err := c.ColumnNames(ctx, tbl)
		if err != nil || strings.Join(names, ",") != "id,doc" {
			t.Errorf("ColumnNames = %v %v", names, err)
		}
	})
}

func TestTableReplacedBetweenRuns(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("replaced")
		mustExec(t, c, "CREATE TABLE "+tbl+" AS SELECT 1 AS a")
		q := "SELECT * FROM " + tbl
		if _, err := c.Query(ctx, q); err != nil {
			t.Fatal(err)
		}
		mustExec(t, c, "DROP TABLE "+tbl)
		mustExec(t, c, "CREATE TABLE "+tbl+" AS SELECT 'x' AS b, 2.5 AS c")
		tab, err := c.Query(ctx, q)
		if err != nil {
			t.Fatalf("re-running after the table changed: %v", err)
		}
		if strings.Join(tab.ColumnNames(), ",") != "b,c" {
			t.Errorf("columns %v", tab.ColumnNames())
		}
		rs, err := c.Rows(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		rs.Close()
		// Same names, other types.
		mustExec(t, c, "DROP TABLE "+tbl)
		mustExec(t, c, "CREATE TABLE "+tbl+" AS SELECT 'z' AS c")
		rs, err = c.Rows(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !rs.Next() || rs.Values()[0] != "z" {
			t.Errorf("stream after replace: %v %v", rs.Values(), rs.Err())
		}
		rs.Close()
		mustExec(t, c, "DROP TABLE "+tbl)
		mustExec(t, c, "CREATE TABLE "+tbl+" AS SELECT 7 AS b, 'y' AS c")
		tab, err = c.Query(ctx, q)
		if err != nil {
			t.Fatalf("re-running after the column types changed: %v", err)
		}
		if v := tab.Columns[1].Value(0); v != "y" {
			t.Errorf("c = %#v", v)
		}
	})
}

func TestCopyArrays(t *testing.T) {
	each(t, func(t *testing.T, c *qs.Client) {
		ctx := context.Background()
		tbl := uniq("arr")
		mustExec(t, c, "CREATE TABLE "+tbl+" (a integer[], s text[], j json)")
		in := table.New(
			table.AnyColumn("a", []any{[]any{1.0, 2.0}}),
			table.AnyColumn("s", []any{[]string{"x", `y "z"`, `back\slash`}}),
			table.AnyColumn("j", []any{[]any{"json", 1.0}}))
		if _, err := c.CopyFrom(ctx, tbl, nil, in); err != nil {
			t.Fatal(err)
		}
		out, err := c.Query(ctx, "SELECT * FROM "+tbl)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := out.Columns[0].Values()[0].([]any)
		s, _ := out.Columns[1].Values()[0].([]any)
		j, _ := out.Columns[2].Values()[0].([]any)
		if len(a) != 2 || len(s) != 3 || s[1] != `y "z"` || s[2] != `back\slash` || len(j) != 2 || j[0] != "json" {
			t.Errorf("arrays: %#v %#v %#v", a, s, j)
		}
	})
}
