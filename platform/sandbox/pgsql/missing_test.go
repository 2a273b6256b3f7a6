package pgsql

import (
	"strings"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"
)

func TestMissingRewrites(t *testing.T) {
	for q, want := range map[string]string{
		`SELECT '{"a":1}'::jsonb ? 'a'`:                         `pg_jsonb_exists(`,
		`SELECT j #>> '{a,b}' FROM t`:                           `pg_jsonb_path_text(j, '{a,b}')`,
		`SELECT '{"a":1}'::jsonb - 'a'`:                         `pg_jsonb_delete(`,
		`SELECT a - 'b' FROM t`:                                 `a - 'b'`, // no jsonb operand: subtraction
		`SELECT x FROM t WHERE (a, b) = (1, 2)`:                 `a = 1 AND b = 2`,
		`SELECT x FROM t WHERE (a, b) < (1, 2)`:                 `a < 1 OR (a = 1 AND b < 2)`,
		`SELECT * FROM unnest(a, b) AS t(x, y)`:                 `LATERAL (SELECT unnest(a) AS x, unnest(b) AS y) t`,
		`SELECT e.key FROM t, jsonb_each(t.j) e`:                `unnest(pg_jsonb_keys(t.j)) AS key`,
		`SELECT regexp_matches(s, 'a', 'g') FROM t`:             `unnest(pg_regexp_matches(s, 'a', 'g'))`,
		`SELECT make_interval(days => 3)`:                       `make_interval(0, 0, 0, 3, 0, 0, 0)`,
		`SELECT lpad(s, 3) FROM t`:                              `pg_lpad(s, 3)`,
		`SELECT substring(s FROM 'a.') FROM t`:                  `pg_substring_regex(s, 'a.')`,
		`SELECT array_replace(a, 1, 2) FROM t`:                  `list_transform(a, sluice_e -> CASE WHEN sluice_e IS NOT DISTINCT FROM 1 THEN 2 ELSE sluice_e END)`,
		`SELECT pg_relation_size(c.oid) FROM pg_class c`:        `t.table_oid = c.oid`,
		`SELECT ROW(1, 'a')`:                                    `pg_record_text(1, 'a')`,
		`SELECT jsonb_agg(x ORDER BY x) FROM t`:                 `to_json(list(x ORDER BY x))`,
		`SELECT 'a' ~ 'b'`:                                      `regexp_matches('a', 'b')`, // the front end's own call stays DuckDB's
		`SELECT jsonb_set(j, '{a}', '1') FROM t`:                `pg_jsonb_set(j, '{a}', '1')::jsonb`,
		`SELECT quote_ident(s), quote_literal(s) FROM t`:        `pg_quote_ident(s), pg_quote_literal(s)`,
		`SELECT ARRAY[1, 2] && ARRAY[2]`:                        `pg_overlap(`,
		`SELECT x FROM t WHERE tags <@ '{a,b}'`:                 `pg_contains('{a,b}', tags)`,
		`SELECT json_array_length('[1]'), every(b) FROM t`:      `pg_json_array_length('[1]'), bool_and(b)`,
		`SELECT to_jsonb(ROW(1, 'a'))`:                          `struct_pack(f1 := 1, f2 := 'a')`,
		`SELECT date_bin('1 hour', ts, '2000-01-01') FROM t`:    `time_bucket('1 hour', ts, '2000-01-01')`,
		`SELECT isfinite(INTERVAL '1 day')`:                     `SELECT true`,
		`SELECT setseed(0.5)`:                                   `concat(setseed(0.5))`,
		`SELECT x FROM t WHERE j @> '{"a": 1}' AND s ~ 'x'`:     `pg_contains(j, '{"a": 1}')`,
		`SELECT array_to_string(a, ',', '*'), to_hex(n) FROM t`: `pg_array_to_string(a, ',', '*'), pg_to_hex(n)`,
		`SELECT j ->> 'a' FROM t`:                               `CASE WHEN json_type(j -> 'a') IN ('OBJECT', 'ARRAY') THEN pg_jsonb_out(j -> 'a') ELSE j ->> 'a' END`,
		`SELECT j #>> $1 FROM t`:                                `pg_jsonb_path_text(j, $1::"varchar"[])`,
		`SELECT a && $1 FROM t`:                                 `a && $1`,
		`SELECT jsonb_extract_path_text(j, 'a', 'b') FROM t`:    `pg_jsonb_path_text(j, ARRAY['a', 'b'])`,
		`SELECT chr(65), regexp_like(s, 'x') FROM t`:            `pg_chr(65), regexp_like(s, 'x')`,
	} {
		st := Translate(q)
		if !strings.Contains(st.SQL, want) {
			t.Errorf("%s\n got %s\nwant it to contain %s", q, st.SQL, want)
		}
	}
}

func TestMissingNames(t *testing.T) {
	for q, want := range map[string]string{
		`SELECT jsonb_set('{}', '{a}', '1'), '{"a":1}'::jsonb #> '{a}', initcap('x')`: "jsonb_set,?column?,initcap",
		`SELECT * FROM unnest(ARRAY[1], ARRAY['a']) WITH ORDINALITY AS t(x, y, n)`:    "*",
		`SELECT regexp_matches('a', 'a') AS m, ROW(1, 2)`:                             "m,row",
	} {
		if got := strings.Join(Translate(q).Names, ","); got != want {
			t.Errorf("%s: names %q, want %q", q, got, want)
		}
	}
}

func TestInlineTemplates(t *testing.T) {
	for name := range inlineTemplates {
		args := []*pg.Node{pg.MakeAConstIntNode(1, -1), pg.MakeAConstIntNode(2, -1), pg.MakeAConstIntNode(3, -1)}
		out := inlineCall(name, args)
		if out == nil {
			t.Errorf("%s: the template does not parse or bind", name)
			continue
		}
		if strings.Contains(out.String(), "param_ref") {
			t.Errorf("%s: a parameter is left: %s", name, out)
		}
	}
	if inlineCall("array_replace", nil) != nil {
		t.Error("array_replace without arguments was written out")
	}
}

func TestQuoteIdent(t *testing.T) {
	for in, want := range map[string]string{
		"abc": "abc", "Abc": `"Abc"`, "a b": `"a b"`, "select": `"select"`, "user": `"user"`, "name": "name",
		"json": "json", "int": `"int"`, "_x1": "_x1", "1a": `"1a"`, `a"b`: `"a""b"`, "": `""`,
	} {
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
}

// BenchmarkTranslateMissing measures the rewrites of missing*.go, and a statement
// none applies to whose text holds one of their marks.
func BenchmarkTranslateMissing(b *testing.B) {
	for name, q := range map[string]string{
		"jsonb":    `SELECT id, doc #>> '{a,b}' FROM docs WHERE doc ? 'a' AND doc @> '{"k": 1}'`,
		"unnest":   `SELECT t.id, x, y FROM t, unnest(t.a, t.b) AS u(x, y)`,
		"marked":   `SELECT id, name FROM profiles WHERE name LIKE 'array%' ORDER BY id`,
		"unmarked": `SELECT id, name FROM profiles WHERE score > 10 ORDER BY id`,
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Translate(q)
			}
		})
	}
}
