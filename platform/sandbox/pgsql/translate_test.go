package pgsql

import (
	"reflect"
	"testing"
)

func TestNames(t *testing.T) {
	for q, want := range map[string][]string{
		"SELECT 1":                                        {"?column?"},
		"SELECT count(*) FROM t":                          {"count"},
		"SELECT a, t.b, sum(c) AS s FROM t":               {"a", "b", "s"},
		"SELECT 1::text, CAST(2 AS int), 'x'::varchar(3)": {"text", "int4", "varchar"},
		"SELECT x::text FROM t":                           {"x"},
		"SELECT CASE WHEN a THEN 1 END, coalesce(a, b), greatest(1, 2), ARRAY[1]": {"case", "coalesce", "greatest", "array"},
		"SELECT EXISTS (SELECT 1), (SELECT 1 AS one), (SELECT 2)":                 {"exists", "one", "?column?"},
		"SELECT current_date, current_user, now()":                                {"current_date", "current_user", "now"},
		"VALUES (1, 2)":                                 {"column1", "column2"},
		"SELECT a FROM t UNION SELECT b FROM u":         {"a"},
		"SELECT * FROM t":                               {"*"},
		"SELECT *, count(*) OVER () FROM t":             {"*", "count"},
		"SELECT t.*, u.* FROM t, u":                     nil,
		"INSERT INTO t VALUES (1) RETURNING id, id * 2": {"id", "?column?"},
		"CREATE TABLE t (a int)":                        nil,
		"SELECT nullif(a, b), a IS NULL FROM t":         {"nullif", "?column?"},
		"SELECT pg_catalog.version()":                   {"version"},
	} {
		got := Translate(q).Names
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: names %q, want %q", q, got, want)
		}
	}
}

func TestMergeNames(t *testing.T) {
	for _, c := range []struct{ names, duck, want []string }{
		{[]string{"*", "count"}, []string{"a", "b", "count_star() OVER ()"}, []string{"a", "b", "count"}},
		{[]string{"x", "*"}, []string{"x", "a"}, []string{"x", "a"}},
		{[]string{"x", "*"}, []string{"x"}, []string{"x"}},
		{[]string{"?column?"}, []string{"(1 + 2)"}, []string{"?column?"}},
		{[]string{"a", "b"}, []string{"a"}, []string{"a"}},
	} {
		if got := MergeNames(c.names, c.duck); !reflect.DeepEqual(got, c.want) {
			t.Errorf("MergeNames(%q, %q) = %q, want %q", c.names, c.duck, got, c.want)
		}
	}
}

func TestTranslate(t *testing.T) {
	for q, want := range map[string]string{
		"SELECT 1":                     "SELECT 1",
		"select a from t where b = $1": "select a from t where b = $1",
		"SELECT * EXCLUDE (a) FROM t":  "SELECT * EXCLUDE (a) FROM t",
		"SELECT 7 / 2":                 "SELECT CASE WHEN 2 = 0 THEN error('division by zero') ELSE 7 // 2 END",
		"SELECT a % b FROM t":          "SELECT CASE WHEN b = 0 THEN error('division by zero') ELSE a % b END FROM t",
		"SELECT pg_catalog.version()":  "SELECT version()",
		"SELECT '\\x0102'::bytea":      `SELECT E'\\x01\\x02'::blob`,
		"SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(p)$' COLLATE pg_catalog.default": "SELECT c.relname FROM pg_class c WHERE regexp_matches(c.relname, '^(p)$')",
		"SELECT n.nspname !~ '^pg_' FROM n":         "SELECT NOT regexp_matches(n.nspname, '^pg_') FROM n",
		"SELECT c.oid::pg_catalog.regclass FROM c":  "SELECT pg_regclass_name(c.oid) FROM c",
		"SELECT 'profiles'::regclass":               "SELECT pg_regclass_oid('profiles')",
		"SELECT extract(epoch FROM ts) / 60 FROM t": "SELECT sluice_r_div((sluice_epoch_us(ts)::\"decimal\"(18, 0) * (0.000001)::\"decimal\"(18, 6))::\"decimal\"(38, 6), 60) FROM t",
		"INSERT INTO t VALUES (7 / 2)":              "INSERT INTO t VALUES (CASE WHEN 2 = 0 THEN error('division by zero') ELSE 7 // 2 END)",
		"INSERT INTO t VALUES ('2024-01-01'::date)": "INSERT INTO t VALUES ('2024-01-01'::date)",
		"SELECT CAST(1 AS oid)":                     "SELECT 1::int8",
		"SELECT s FROM generate_series(1, n) s":     "SELECT s FROM generate_series(1, n) s(s)",
		"SELECT * FROM read_csv('x.csv') AS t":      "SELECT * FROM read_csv('x.csv') AS t",
		"SELECT 1::oid, 'a'::pg_catalog.text":       "SELECT 1::int8, 'a'::text",
	} {
		got := Translate(q).SQL
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", q, got, want)
		}
	}
}

func TestHelpersFlag(t *testing.T) {
	for q, want := range map[string]int{
		"SELECT 1":                              0,
		"SELECT relname FROM pg_class":          CatalogHelpers,
		"SELECT pg_backend_pid()":               MacroHelpers,
		"SELECT 7 / 2":                          0,
		"SELECT 'p'::regclass":                  MacroHelpers,
		"SELECT * FROM read_parquet('/a/b.pq')": 0,
		"SELECT * FROM profiles":                0,
	} {
		if got := Translate(q).Helpers; got != want {
			t.Errorf("%s: Helpers = %b, want %b", q, got, want)
		}
	}
}

func TestByteaInput(t *testing.T) {
	for in, want := range map[string]string{`\x0102`: "\x01\x02", `\x`: "", `\xDEad`: "\xde\xad", `abc`: "abc", `a\\b`: `a\b`, `\000\101`: "\x00A"} {
		got, err := byteaInput(in)
		if err != nil || string(got) != want {
			t.Errorf("byteaInput(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`\x1`, `\xzz`, `a\b`} {
		if _, err := byteaInput(bad); err == nil {
			t.Errorf("byteaInput(%q) accepted", bad)
		}
	}
}

// BenchmarkTranslate measures the front end's cost per statement: one that needs no
// rewrite (parse and name the columns only) and one that is rewritten and deparsed.
func BenchmarkTranslate(b *testing.B) {
	for name, q := range map[string]string{
		"unchanged": "SELECT id, name, score FROM profiles WHERE score > $1 ORDER BY score DESC LIMIT 10",
		"rewritten": "SELECT c.relname, count(*) / 2 FROM pg_catalog.pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(p)$' GROUP BY 1",
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Translate(q)
			}
		})
	}
}

func TestCastByteaValues(t *testing.T) {
	cols := func(schema, table string) []Column {
		return []Column{{Name: "id"}, {Name: "b", Blob: true}, {Name: "s"}}
	}
	for q, want := range map[string]string{
		`INSERT INTO t VALUES (1, '\x00ff', '\x00ff')`: `INSERT INTO t VALUES (1, E'\\x00\\xFF'::blob, E'\\x00ff')`,
		`INSERT INTO t (b, id) VALUES ('\x01', 2)`:     `INSERT INTO t (b, id) VALUES (E'\\x01'::blob, 2)`,
		`INSERT INTO t (id, s) VALUES (1, '\x01')`:     `INSERT INTO t (id, s) VALUES (1, '\x01')`,
		`INSERT INTO t SELECT 1, '\x01', 'a'`:          `INSERT INTO t SELECT 1, '\x01', 'a'`,
	} {
		got, _ := CastByteaValues(q, cols)
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", q, got, want)
		}
	}
}
