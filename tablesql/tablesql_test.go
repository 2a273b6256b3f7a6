package tablesql_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/internal/tabletest"
	"github.com/sluice-dev/sluice/table"
	"github.com/sluice-dev/sluice/tablesql"
)

// every has a column of every kind with NULLs in each.
func every() *table.Table {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 12, 0, 0, 5000, time.UTC) }
	return tabletest.EveryKind(
		[]any{"gold", int64(1), 1.5, true, day(1), map[string]any{"k": 1.0}},
		[]any{"silver", int64(2), nil, false, day(2), nil},
		[]any{nil, int64(1), 2.5, nil, nil, []any{1.0}},
		[]any{"gold", nil, 4.0, true, day(1), nil},
	)
}

func TestRoundTripEveryKind(t *testing.T) {
	in := every()
	out, err := tablesql.Query("SELECT * FROM x", map[string]*table.Table{"x": in})
	if err != nil {
		t.Fatal(err)
	}
	for j, c := range in.Columns {
		o := out.Columns[j]
		want := tabletest.Texts(c)
		if c.Kind() == table.KindAny {
			want = `{"k":1},NULL,[1],NULL`
		}
		if got := tabletest.Texts(o); got != want {
			t.Errorf("%s: got %s, want %s", c.Name, got, want)
		}
		if c.Kind() != table.KindAny && o.Kind() != c.Kind() {
			t.Errorf("%s: kind %s, want %s", c.Name, o.Kind(), c.Kind())
		}
	}
	if !out.Times("t")[0].Equal(in.Times("t")[0]) {
		t.Errorf("time %v, want %v", out.Times("t")[0], in.Times("t")[0])
	}
}

func TestJoinWithAggregate(t *testing.T) {
	scores := table.New(table.IntColumn("id", []int64{1, 2, 3, 4}), table.FloatColumn("score", []float64{0.9, 0.2, 0.6, 0.8}))
	d, err := tablesql.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.Register("scores", scores)
	d.SetLookup(func(name string) *table.Table {
		if name == "people" {
			return every().WithInt("id", func(r table.Row) int64 { return int64(r.Index() + 1) })
		}
		return nil
	})
	out, err := d.Query(`SELECT p.s AS tier, count(*) AS n, round(avg(score), 3) AS avg_score
		FROM scores JOIN people p USING (id) WHERE score > $1 GROUP BY ALL ORDER BY tier NULLS LAST`, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if got := tabletest.Texts(out.Col("tier")) + "|" + tabletest.Texts(out.Col("n")) + "|" + tabletest.Texts(out.Col("avg_score")); got != "gold,NULL|2,1|0.85,0.6" {
		t.Errorf("got %s\n%s", got, out)
	}
	if _, err := d.Query("SELECT * FROM nowhere"); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("missing table: %v", err)
	}
}

func TestWhere(t *testing.T) {
	in := every()
	out := tablesql.Where(in, "i = 1 OR f > $1", 3)
	if got := tabletest.Texts(out.Col("s")); got != "gold,NULL,gold" {
		t.Errorf("got %s", got)
	}
	if out.Col("a").Kind() != table.KindAny || out.Col("i").Type != "int8" {
		t.Errorf("columns changed: %s %s", out.Col("a").Kind(), out.Col("i").Type)
	}
	if n := tablesql.Where(in, "s = 'gold' AND b").NumRows(); n != 2 {
		t.Errorf("gold and b: %d rows", n)
	}
	if _, err := tablesql.Filter(in, "nope > 1"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("bad column: %v", err)
	}
	if _, err := tablesql.Filter(in, "1) UNION SELECT 1 --"); err == nil {
		t.Error("an expression that closes the WHERE ran")
	}
}

// TestLargeTableKeepsRowOrder reads a table of many chunks (DuckDB may read them from
// several threads) and checks that a plain SELECT, a projection with an expression and
// a filter return the rows in the table's order, and that every row arrives once.
func TestLargeTableKeepsRowOrder(t *testing.T) {
	n := 300000
	ids, xs := make([]int64, n), make([]float64, n)
	gs := make([]string, n)
	nulls := make([]bool, n)
	for i := range ids {
		ids[i], xs[i], gs[i], nulls[i] = int64(i), float64(i%1000)/4, "g"+strings.Repeat("x", i%20), i%7 == 0
	}
	big := table.New(table.IntColumn("id", ids), table.FloatColumn("x", xs).WithNulls(nulls), table.StringColumn("g", gs))
	tables := map[string]*table.Table{"big": big}
	for _, q := range []string{"SELECT id FROM big", "SELECT id, x * 2 AS y, g FROM big", "SELECT id FROM big WHERE id % 3 = 0"} {
		out, err := tablesql.Query(q, tables)
		if err != nil {
			t.Fatal(err)
		}
		got := out.Ints("id")
		step := int64(1)
		if strings.Contains(q, "% 3") {
			step = 3
		}
		if int64(len(got)) != (int64(n)+step-1)/step {
			t.Fatalf("%s: %d rows", q, len(got))
		}
		for i, v := range got {
			if v != int64(i)*step {
				t.Fatalf("%s: row %d is id %d", q, i, v)
			}
		}
		if out.Has("y") {
			y, g := out.Col("y"), out.Strings("g")
			for i := range got {
				if y.IsNull(i) != nulls[i] || (!nulls[i] && y.FloatAt(i) != xs[i]*2) || g[i] != gs[i] {
					t.Fatalf("row %d: y %v g %q", i, y.Value(i), g[i])
				}
			}
		}
	}
	sum, err := tablesql.Query("SELECT sum(id)::BIGINT AS s, count(x) AS c FROM big", tables)
	if err != nil {
		t.Fatal(err)
	}
	if s, c := sum.Ints("s")[0], sum.Ints("c")[0]; s != int64(n)*int64(n-1)/2 || c != int64(n-(n+6)/7) {
		t.Errorf("sum %d count %d", s, c)
	}
}
