package pgsql

import "testing"

func TestFloatErrorRewrites(t *testing.T) {
	for q, want := range map[string]string{
		`SELECT random() * 1e308::float8`:     `SELECT sluice_float_mul(random(), '1e308'::float8)`,
		`SELECT 2.5::float8 / random()`:       `SELECT sluice_float_div('2.5'::float8, random())`,
		`SELECT f * 10 FROM t`:                `SELECT f * 10 FROM t`,
		`SELECT 1.5::real * 2`:                `SELECT '1.5'::real * 2`,
		`SELECT exp(1000)`:                    `SELECT sluice_float_exp(1000)`,
		`SELECT power(0, -1), 2 ^ x FROM t`:   `SELECT sluice_float_power(0, -1, true), sluice_float_power(2, x, false) FROM t`,
		`SELECT mod(a, b) FROM t`:             `SELECT CASE WHEN b = 0 THEN error('division by zero') ELSE a % b END FROM t`,
		`SELECT split_part(s, ',', 2) FROM t`: `SELECT split_part(s, ',', 2) FROM t`,
		`SELECT split_part(s, '', 1) FROM t`:  `SELECT CASE WHEN 1 IN (1, -1) THEN s ELSE "left"(s, 0 * 1) END FROM t`,
		`SELECT repeat('ab', 3)`:              `SELECT repeat('ab', 3)`,
		`SELECT substr(s, 2, -1) FROM t`:      `SELECT substr(s, 2, CASE WHEN -1 < 0 THEN error('negative substring length not allowed') ELSE -1 END) FROM t`,
		`SELECT upper('straße')`:              `SELECT CASE WHEN contains('straße', 'ß') THEN replace(upper(replace('straße', 'ß', decode(E'\\x00'::blob))), decode(E'\\x00'::blob), 'ß') ELSE upper('straße') END`,
		`SELECT upper('abc')`:                 `SELECT upper('abc')`,
		`SELECT -x - 1 FROM t`:                `SELECT -x - 1 FROM t`, // a prefix minus under a binary one (crashed the sandbox)
		`SELECT ROW(1, 'a')::text`:            `SELECT pg_record_text(1, 'a')`,
	} {
		if got := Translate(q).SQL; got != want {
			t.Errorf("%s:\n got  %s\n want %s", q, got, want)
		}
	}
}

func TestFloatErrorInPlace(t *testing.T) {
	got := Translate(`SELECT 1e308::float8 * 2`).SQL
	want := `SELECT CASE WHEN isinf('1e308'::float8 * 2) AND NOT isinf('1e308'::float8::float8) AND NOT isinf(2::float8) THEN error('value out of range: overflow') ` +
		`WHEN ('1e308'::float8 * 2) = 0 AND '1e308'::float8 <> 0 AND 2 <> 0 THEN error('value out of range: underflow') ELSE '1e308'::float8 * 2 END`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestFindQuotedNames(t *testing.T) {
	for q, want := range map[string]string{
		`SELECT label FROM t`:                              "<nil>",
		`SELECT "Label" FROM t`:                            "rels=[] cols=[Label]",
		`SELECT code AS "Total" FROM t ORDER BY "Total"`:   "<nil>",
		`SELECT * FROM "T" JOIN u ON true`:                 "rels=[[ T]] cols=[]",
		`WITH "W" AS (SELECT 1) SELECT * FROM "W"`:         "<nil>",
		`SELECT s."X" FROM t AS s("X")`:                    "<nil>",
		`UPDATE t SET "Label" = 1`:                         "rels=[] cols=[Label]",
		`SELECT "Name" FROM read_csv('f.csv')`:             "<nil>",
		`CREATE TABLE "T" ("A" int)`:                       "<nil>",
		`SELECT '{"A": 1}'::json, "B" FROM public."Tab" x`: "rels=[[main Tab]] cols=[B]",
	} {
		got := "<nil>"
		if qn := FindQuotedNames(q); qn != nil {
			got = fmtNames(qn)
		}
		if got != want {
			t.Errorf("%s: got %s, want %s", q, got, want)
		}
	}
}

func TestHasQuotedUpper(t *testing.T) {
	for q, want := range map[string]bool{
		`SELECT "Label" FROM t`: true, `SELECT "label" FROM t`: false,
		`INSERT INTO t VALUES ('{"A": 1}')`: false, `INSERT INTO t VALUES ('it''s', "X")`: true,
		`SELECT E'\'"A"' FROM t`: false,
	} {
		if got := HasQuotedUpper(q); got != want {
			t.Errorf("HasQuotedUpper(%s) = %v", q, got)
		}
	}
}

func fmtNames(q *QuotedNames) string {
	s := "rels=["
	for i, r := range q.Relations {
		if i > 0 {
			s += " "
		}
		s += "[" + r[0] + " " + r[1] + "]"
	}
	s += "] cols=["
	for i, c := range q.Columns {
		if i > 0 {
			s += " "
		}
		s += c
	}
	return s + "]"
}

func TestFloatColumns(t *testing.T) {
	types := map[string]string{"f": "DOUBLE", "i": "INTEGER", "d": "DATE", "iv": "INTERVAL"}
	colType := func(name string) string { return types[name] }
	for q, want := range map[string]string{
		`SELECT f * 10 FROM t`: `SELECT CASE WHEN isinf(f * 10) AND NOT isinf(f::float8) AND NOT isinf(10::float8) THEN error('value out of range: overflow') ` +
			`WHEN (f * 10) = 0 AND f <> 0 AND 10 <> 0 THEN error('value out of range: underflow') ELSE f * 10 END FROM t`,
		`SELECT i * 10, d + i, iv * 2 FROM t`: `SELECT i * 10, d + i, iv * 2 FROM t`,
		`SELECT f + i FROM t`:                 `SELECT CASE WHEN isinf(f + i) AND NOT isinf(f::float8) AND NOT isinf(i::float8) THEN error('value out of range: overflow') ELSE f + i END FROM t`,
		`SELECT f + d FROM t`:                 `SELECT f + d FROM t`,
	} {
		if got := CheckFloatColumns(q, colType); got != want {
			t.Errorf("%s:\n got  %s\n want %s", q, got, want)
		}
	}
	for q, want := range map[string]bool{
		`SELECT * FROM t`: false, `SELECT count(*), t.* FROM t`: false, `SELECT -x FROM t WHERE a = -1`: false,
		`SELECT '2024-01-01' -- a - b`: false, `SELECT f * 10 FROM t`: true, `SELECT (a)-1 FROM t`: true, `SELECT "a b" + 1 FROM t`: true,
	} {
		if got := arithmeticMark(q); got != want {
			t.Errorf("arithmeticMark(%s) = %v", q, got)
		}
	}
}
