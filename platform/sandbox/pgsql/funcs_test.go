package pgsql

import "testing"

// The rewrites of funcs.go; their results are checked against PostgreSQL by the
// differential corpus (testdata/differential/functions2.sql).
func TestFuncRewrites(t *testing.T) {
	cases := map[string]string{
		"SELECT to_char(ts, 'YYYY')":                                            "SELECT sluice_to_char(ts, 'YYYY', typeof(ts), current_setting('TimeZone'))",
		"SELECT to_timestamp(s, 'YYYY'), to_timestamp(0)":                       "SELECT sluice_to_timestamp(s, 'YYYY', current_setting('TimeZone')), to_timestamp(0)",
		"SELECT to_date(s, 'YYYY'), to_number(s, '99')":                         "SELECT sluice_to_date(s, 'YYYY'), sluice_to_number(s, '99')",
		"SELECT div(a, b)":                                                      "SELECT CASE WHEN b = 0 THEN error('division by zero') ELSE (a - (a % b)) / b END::\"decimal\"(38, 0)",
		"SELECT overlay(s placing 'XY' from 2 for 3)":                           "SELECT (\"substring\"(s, 1, 2 - 1) || 'XY') || \"substring\"(s, 2 + 3)",
		"SELECT ARRAY[1] || 2, 0 || ARRAY[1]":                                   "SELECT list_append(ARRAY[1], 2), list_prepend(0, ARRAY[1])",
		"SELECT ARRAY[1] || ARRAY[2], ARRAY[1] || NULL":                         "SELECT list_concat(ARRAY[1], ARRAY[2]), list_concat(ARRAY[1], NULL)",
		"SELECT 'a' || NULL":                                                    "SELECT ('a' || NULL)::\"varchar\"",
		"SELECT a || b, a || NULL":                                              "SELECT a || b, a || NULL",
		"SELECT generate_series(1, 3)":                                          "SELECT unnest(generate_series(1, 3))::int",
		"SELECT generate_series(1, n) FROM t":                                   "SELECT unnest(generate_series(1, n)) FROM t",
		"SELECT * FROM generate_series(1, 3) AS g(n)":                           "SELECT * FROM (SELECT g::int FROM generate_series(1, 3) s(g)) g(n)",
		"SELECT length(s), strpos(s, 'a') FROM t":                               "SELECT length(s)::int, strpos(s, 'a')::int FROM t",
		"SELECT date_part('dow', d), extract(year FROM d) FROM t":               "SELECT date_part('dow', d)::double precision, sluice_year(d)::\"decimal\"(38, 0) FROM t",
		"SELECT DATE '2024-01-02' - DATE '2024-01-01', d - e FROM t":            "SELECT ('2024-01-02'::date - '2024-01-01'::date)::int, d - e FROM t",
		"SELECT generate_series(DATE '2024-01-01', d, INTERVAL '1 day') FROM t": "SELECT unnest(generate_series('2024-01-01'::date, d, '1 day'::interval)) FROM t",
		"SELECT count(*) FROM t":                                                "SELECT count(*) FROM t",
	}
	for in, want := range cases {
		if got := Translate(in).SQL; got != want {
			t.Errorf("%s:\n got %s\nwant %s", in, got, want)
		}
	}
}

func TestViewDefFormat(t *testing.T) {
	create := Translate("CREATE VIEW v AS SELECT to_char(ts, 'YYYY-MM') AS m, to_timestamp(s, 'YYYY') AS t FROM tab").SQL
	want := " SELECT to_char(ts, 'YYYY-MM') AS m, to_timestamp(s, 'YYYY') AS t FROM tab;"
	if got := ViewDef(create, ""); got != want {
		t.Errorf("ViewDef(%s):\n got %s\nwant %s", create, got, want)
	}
}
