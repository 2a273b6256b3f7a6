package tablesql_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sluice-dev/sluice/internal/testenv"
	"github.com/sluice-dev/sluice/table"
	"github.com/sluice-dev/sluice/tablesql"
)

// The differential tests run the same question three ways — table's Go operations,
// DuckDB in process (through tablesql) and PostgreSQL — on generated data with NULLs,
// ties and duplicate keys, and compare the answers; Describe is also compared with the
// real pandas (Debian's and the PyPI environment's).

// facts is the generated fact table: string and int keys with NULLs, a float with ties
// (multiples of 0.25) and NULLs, an int with NULLs, a bool.
func facts(n int, seed uint64) *table.Table {
	r := rand.New(rand.NewPCG(seed, 7))
	b := table.NewRowBuilder(
		table.NewBuilder("g", "", table.KindString),
		table.NewBuilder("k", "", table.KindInt),
		table.NewBuilder("x", "", table.KindFloat),
		table.NewBuilder("n", "", table.KindInt),
		table.NewBuilder("flag", "", table.KindBool),
	)
	null := func(p float64, v any) any {
		if r.Float64() < p {
			return nil
		}
		return v
	}
	for i := 0; i < n; i++ {
		if err := b.Append(
			null(0.1, string(rune('a'+r.IntN(5)))),
			null(0.1, int64(r.IntN(4))),
			null(0.15, float64(r.IntN(400)-100)/4),
			null(0.1, int64(r.IntN(1000)-300)),
			null(0.05, r.IntN(2) == 0),
		); err != nil {
			panic(err)
		}
	}
	return b.Table()
}

// side is a join side: keys k (with NULLs and duplicates) and g, and a value column.
func side(n int, seed uint64, val string) *table.Table {
	r := rand.New(rand.NewPCG(seed, 9))
	b := table.NewRowBuilder(table.NewBuilder("k", "", table.KindInt), table.NewBuilder("g", "", table.KindString), table.NewBuilder(val, "", table.KindInt))
	for i := 0; i < n; i++ {
		var k, g any = int64(r.IntN(30)), string(rune('a' + r.IntN(3)))
		if r.IntN(10) == 0 {
			k = nil
		}
		if r.IntN(12) == 0 {
			g = nil
		}
		if err := b.Append(k, g, int64(i)); err != nil {
			panic(err)
		}
	}
	return b.Table()
}

// rowsOf returns a table's rows as text, NULL as "NULL".
func rowsOf(t *table.Table) [][]string {
	out := make([][]string, t.NumRows())
	for i := range out {
		for _, c := range t.Columns {
			v := "NULL"
			if !c.IsNull(i) {
				switch c.Kind() {
				case table.KindFloat:
					v = strconv.FormatFloat(c.FloatAt(i), 'g', -1, 64)
				default:
					v = fmt.Sprint(c.Value(i))
				}
			}
			out[i] = append(out[i], v)
		}
	}
	return out
}

// sameRows compares row sets in any order, numbers within a relative 1e-9.
func sameRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	key := func(r []string) string { return strings.Join(r, "|") }
	sortRows := func(rs [][]string) {
		slices.SortFunc(rs, func(a, b []string) int { return strings.Compare(key(a), key(b)) })
	}
	sortRows(got)
	sortRows(want)
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d", what, len(got), len(want))
		return
	}
	bad := 0
	for i := range got {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("%s: row %v vs %v", what, got[i], want[i])
		}
		for j := range got[i] {
			if !sameValue(got[i][j], want[i][j]) {
				if bad++; bad < 5 {
					t.Errorf("%s: row %v, want %v", what, got[i], want[i])
				}
				break
			}
		}
	}
}

func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-9*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
}

// pgRows runs query on PostgreSQL and returns its rows as text.
func pgRows(t *testing.T, conn *pgx.Conn, query string) [][]string {
	t.Helper()
	rows, err := conn.Query(context.Background(), query)
	if err != nil {
		t.Fatalf("postgres: %v\n%s", err, query)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		var r []string
		for _, v := range vals {
			switch x := v.(type) {
			case nil:
				r = append(r, "NULL")
			case float64:
				r = append(r, strconv.FormatFloat(x, 'g', -1, 64))
			default:
				r = append(r, fmt.Sprint(x))
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("postgres: %v\n%s", err, query)
	}
	return out
}

// loadPG copies tables into PostgreSQL temp tables of the same names.
func loadPG(t *testing.T, conn *pgx.Conn, tables map[string]*table.Table) {
	t.Helper()
	ctx := context.Background()
	for name, tb := range tables {
		var cols []string
		for _, c := range tb.Columns {
			typ := map[table.Kind]string{table.KindString: "text", table.KindInt: "bigint", table.KindFloat: "float8", table.KindBool: "boolean"}[c.Kind()]
			cols = append(cols, fmt.Sprintf("%q %s", c.Name, typ))
		}
		if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE TEMP TABLE %s (%s)", name, strings.Join(cols, ", "))); err != nil {
			t.Fatal(err)
		}
		rows := make([][]any, tb.NumRows())
		for i := range rows {
			for _, c := range tb.Columns {
				rows[i] = append(rows[i], c.Value(i))
			}
		}
		if _, err := conn.CopyFrom(ctx, pgx.Identifier{name}, tb.ColumnNames(), pgx.CopyFromRows(rows)); err != nil {
			t.Fatal(err)
		}
	}
}

type engines struct {
	duck *tablesql.DB
	pg   *pgx.Conn // nil when PostgreSQL is not there
}

func newEngines(t *testing.T, tables map[string]*table.Table) engines {
	t.Helper()
	var e engines
	var err error
	if e.duck, err = tablesql.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.duck.Close() })
	for name, tb := range tables {
		e.duck.Register(name, tb)
	}
	if os.Getenv("SLUICE_TEST_PG_DSN") != "" || testenv.RequireAll() {
		if e.pg, err = pgx.Connect(context.Background(), testenv.PostgresDSN(t)); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { e.pg.Close(context.Background()) })
		loadPG(t, e.pg, tables)
	} else {
		t.Log("PostgreSQL not set (SLUICE_TEST_PG_DSN): comparing with DuckDB only")
	}
	return e
}

// check compares got with query's answer from DuckDB and from PostgreSQL.
func (e engines) check(t *testing.T, what string, got *table.Table, query string) {
	t.Helper()
	d, err := e.duck.Query(query)
	if err != nil {
		t.Fatalf("duckdb: %v\n%s", err, query)
	}
	sameRows(t, what+" vs DuckDB", rowsOf(got), rowsOf(d))
	if e.pg != nil {
		sameRows(t, what+" vs PostgreSQL", rowsOf(got), pgRows(t, e.pg, query))
	}
}

func TestGroupByMatchesSQL(t *testing.T) {
	f := facts(3000, 1)
	e := newEngines(t, map[string]*table.Table{"facts": f})
	got := f.GroupBy("g", "k").Agg(table.CountRows(), table.Count("x"), table.Sum("n"), table.Sum("x"), table.Mean("x"),
		table.Min("x"), table.Max("n"), table.Std("x"), table.Var("n"), table.Median("x"), table.CountDistinct("x"),
		table.Min("g").As("min_g"), table.Sum("flag"))
	e.check(t, "group by g, k", got, `SELECT g, k, count(*), count(x), sum(n)::bigint, sum(x), avg(x), min(x), max(n),
		stddev_samp(x), var_samp(n)::float8, percentile_cont(0.5) WITHIN GROUP (ORDER BY x), count(DISTINCT x), min(g),
		sum(CASE WHEN flag THEN 1 WHEN NOT flag THEN 0 END)::bigint
		FROM facts GROUP BY g, k`)
	got = f.GroupBy("flag").Agg(table.Mean("n"), table.Std("n"))
	e.check(t, "group by flag", got, `SELECT flag, avg(n)::float8, stddev_samp(n)::float8 FROM facts GROUP BY flag`)
}

func TestJoinsMatchSQL(t *testing.T) {
	l, r := side(400, 2, "a"), side(300, 3, "b")
	e := newEngines(t, map[string]*table.Table{"l": l, "r": r})
	for how, sql := range map[string]string{
		"inner": `SELECT l.k, l.g, a, b FROM l JOIN r ON l.k = r.k AND l.g = r.g`,
		"left":  `SELECT l.k, l.g, a, b FROM l LEFT JOIN r ON l.k = r.k AND l.g = r.g`,
		"right": `SELECT r.k, r.g, a, b FROM l RIGHT JOIN r ON l.k = r.k AND l.g = r.g`,
		"outer": `SELECT coalesce(l.k, r.k), coalesce(l.g, r.g), a, b FROM l FULL JOIN r ON l.k = r.k AND l.g = r.g`,
	} {
		e.check(t, how+" join on k, g", l.Join(r, how, "k", "g"), sql)
	}
	e.check(t, "left join on k", l.Select("k", "a").LeftJoin(r.Select("k", "b"), "k"),
		`SELECT l.k, a, b FROM l LEFT JOIN r ON l.k = r.k`)
}

func TestDescribeMatchesSQL(t *testing.T) {
	f := facts(2500, 4)
	e := newEngines(t, map[string]*table.Table{"facts": f})
	s := f.Describe()
	for _, name := range []string{"x", "n", "k"} {
		c, _ := s.Column(name)
		got := table.New(table.IntColumn("count", []int64{int64(c.Count)}), table.IntColumn("nulls", []int64{int64(c.Nulls)}),
			table.IntColumn("distinct", []int64{int64(c.Distinct)}), table.FloatColumn("stats", []float64{c.Mean}),
			table.FloatColumn("std", []float64{c.Std}), table.FloatColumn("min", []float64{c.Min}),
			table.FloatColumn("q1", []float64{c.Q1}), table.FloatColumn("q2", []float64{c.Median}),
			table.FloatColumn("q3", []float64{c.Q3}), table.FloatColumn("max", []float64{c.Max}))
		e.check(t, "describe "+name, got, fmt.Sprintf(`SELECT count(%[1]s), count(*) - count(%[1]s), count(DISTINCT %[1]s),
			avg(%[1]s)::float8, stddev_samp(%[1]s)::float8, min(%[1]s)::float8,
			percentile_cont(0.25) WITHIN GROUP (ORDER BY %[1]s), percentile_cont(0.5) WITHIN GROUP (ORDER BY %[1]s),
			percentile_cont(0.75) WITHIN GROUP (ORDER BY %[1]s), max(%[1]s)::float8 FROM facts`, name))
	}
	g, _ := s.Column("g")
	got := table.New(table.IntColumn("count", []int64{int64(g.Count)}), table.IntColumn("distinct", []int64{int64(g.Distinct)}),
		table.StringColumn("min", []string{g.MinText}), table.StringColumn("max", []string{g.MaxText}), table.IntColumn("top", []int64{int64(g.Top[0].Count)}))
	e.check(t, "describe g", got, `SELECT count(g), count(DISTINCT g), min(g), max(g), (SELECT count(*) FROM facts WHERE g IS NOT NULL GROUP BY g ORDER BY 1 DESC LIMIT 1) FROM facts`)
}

// TestDescribeMatchesPandas compares Describe with pandas' describe() run on the same
// data written to CSV: Debian's pandas (1.5) and the PyPI environment's (pandas 3).
func TestDescribeMatchesPandas(t *testing.T) {
	f := facts(2000, 5)
	dir := t.TempDir()
	path := filepath.Join(dir, "facts.csv")
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(fh)
	w.Write(f.ColumnNames())
	for _, r := range rowsOf(f) {
		for j := range r {
			if r[j] == "NULL" {
				r[j] = ""
			}
		}
		w.Write(r)
	}
	w.Flush()
	fh.Close()
	script := `import json, sys, pandas as pd
df = pd.read_csv(sys.argv[1])
out = {}
for c in ["x", "n", "k"]:
    d = df[c].describe()
    out[c] = {k: float(d[k]) for k in ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]}
d = df["g"].describe()
out["g"] = {"count": float(d["count"]), "unique": float(d["unique"]), "freq": float(d["freq"])}
print(json.dumps(out))`
	pythons := map[string]func() string{
		"debian": func() string { return testenv.Python(t, "pandas") },
		"venv":   func() string { return testenv.VenvPython(t, "pandas") },
	}
	s := f.Describe()
	for name, py := range pythons {
		t.Run(name, func(t *testing.T) {
			bin := py()
			out, err := exec.Command(bin, "-c", script, path).Output()
			if err != nil {
				t.Fatalf("pandas: %v", err)
			}
			var pd map[string]map[string]float64
			if err := json.Unmarshal(out, &pd); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			for _, col := range []string{"x", "n", "k"} {
				c, _ := s.Column(col)
				ours := map[string]float64{"count": float64(c.Count), "mean": c.Mean, "std": c.Std, "min": c.Min,
					"25%": c.Q1, "50%": c.Median, "75%": c.Q3, "max": c.Max}
				for k, v := range pd[col] {
					if !sameValue(fmt.Sprint(ours[k]), fmt.Sprint(v)) {
						t.Errorf("%s %s: ours %v, pandas %v", col, k, ours[k], v)
					}
				}
			}
			g, _ := s.Column("g")
			if float64(g.Count) != pd["g"]["count"] || float64(g.Distinct) != pd["g"]["unique"] || float64(g.Top[0].Count) != pd["g"]["freq"] {
				t.Errorf("g: ours %+v, pandas %v", g, pd["g"])
			}
		})
	}
}
