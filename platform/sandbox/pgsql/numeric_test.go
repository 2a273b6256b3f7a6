package pgsql

import (
	"fmt"
	"strings"
	"testing"
)

func TestUnboundedNumeric(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 1.23456::numeric":                     "SELECT (1.23456)::numeric(6, 5)",
		"SELECT CAST('-0.000000001' AS decimal)":      "SELECT '-0.000000001'::numeric(9, 9)",
		"SELECT 12345678901234567890::numeric":        "SELECT (12345678901234567890)::numeric(20, 0)",
		"SELECT x::numeric FROM t":                    "SELECT sluice_numeric(x) FROM t",
		"SELECT NULL::numeric, x::numeric(10,2)":      "SELECT NULL::numeric(38, 12), x::numeric(10, 2)",
		"SELECT $1::numeric":                          "SELECT sluice_numeric($1)",
		"SELECT round(x::numeric, 2) FROM t":          "SELECT round(sluice_numeric_round(x, 2, false), 2)::\"decimal\"(38, 2) FROM t",
		"SELECT trunc(-pg_catalog.avg(x)::numeric)":   "SELECT trunc(- sluice_numeric_round(avg(x), 0, true), 0)",
		"CREATE TABLE t (a numeric, b decimal(10,2))": "CREATE TABLE t (a numeric(38, 12), b numeric(10, 2))",
		"SELECT ARRAY[1.5]::numeric[]":                "SELECT list_transform(ARRAY[1.5], sluice_e -> sluice_numeric(sluice_e))",
		"SELECT '{1.5,NULL}'::numeric[]":              "SELECT list_transform('[1.5,NULL]'::text[], sluice_e -> sluice_numeric(sluice_e))",
		"SELECT '1e-13'::numeric, 'NaN'::numeric":     "SELECT sluice_numeric('1e-13'), sluice_numeric('NaN')",
	} {
		if got := Translate(in).SQL; got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
	if got := Translate("SELECT 1234567890123456789012345678901234567890.5::numeric").SQL; !strings.Contains(got, "error(") {
		t.Errorf("a literal of more than 38 digits is not refused: %s", got)
	}
	if !strings.Contains(pgTypmod, fmt.Sprintf("'DECIMAL(%d,%d)'", UnboundedPrecision, UnboundedScale)) {
		t.Error("pg_typmod does not know the unbounded numeric's type")
	}
}

func TestWideDecimals(t *testing.T) {
	for in, want := range map[string]string{
		"INSERT INTO t (a, n) VALUES (1, 0.1234567890123)":         ".t [n] []",
		"INSERT INTO public.t VALUES (1, -0.12345678901234567890)": "main.t [] [1]",
		"INSERT INTO s.t VALUES (0.1234567890120000, 1)":           "<nil>",
		"UPDATE t SET n = 0.0000000000001, m = 2 WHERE id = 1":     ".t [n] []",
		"INSERT INTO t VALUES ('3.14159265358979323', 1.5)":        ".t [] [0]",
		"SELECT 0.1234567890123":                                   "<nil>",
		"INSERT INTO t VALUES (1, 1e-13)":                          ".t [] [1]",
		"UPDATE t SET n = -1.5E-12 WHERE id = 1":                   ".t [n] []",
		"INSERT INTO t VALUES (1, 100e-13, 1e-12, 2.5e3)":          "<nil>",
	} {
		got := "<nil>"
		if w := Translate(in).Wide; w != nil {
			got = fmt.Sprintf("%s.%s %v %v", w.Schema, w.Table, w.Columns, w.Positions)
		}
		if got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}

func TestNumericTargets(t *testing.T) {
	for in, want := range map[string]string{
		"INSERT INTO t VALUES (1, 0.5, NULL, DEFAULT, -2, $1, 'x')": "<nil>",
		"INSERT INTO t VALUES (1, 1.5e-3)":                          ".t [] [false true]",
		"INSERT INTO public.t (a, n) VALUES (1, sqrt(2)), (2, 1)":   "main.t [a n] [false true]",
		"INSERT INTO t (n) SELECT x FROM u":                         ".t [n] []",
		"UPDATE t SET a = 1, n = n / 3 WHERE id = 1":                ".t [a n] [false true]",
		"UPDATE t SET a = 1":                                        "<nil>",
		"INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING":           "<nil>",
	} {
		got := "<nil>"
		if w := Translate(in).Targets; w != nil {
			got = fmt.Sprintf("%s.%s %v %v", w.Schema, w.Table, w.Columns, w.Fed)
		}
		if got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"INSERT INTO t VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET n = excluded.n / 7, m = excluded.m": "[] [n m] [true false]",
		"INSERT INTO t VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET (n, m) = (1, m + 1)":                "[] [n m] [false true]",
		"INSERT INTO t VALUES (1, sqrt(2)) ON CONFLICT DO NOTHING":                                     "[false true] [] []",
		"UPDATE t SET (a, n) = (1, n / 3), m = m":                                                      "[false true false] [] []",
	} {
		got := "<nil>"
		if w := Translate(in).Targets; w != nil {
			got = fmt.Sprintf("%v %v %v", w.Fed, w.SetColumns, w.SetFed)
		}
		if got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"UPDATE t SET (a, n) = (1, 0.1234567890123)":                                         "[n]",
		"INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET n = -0.1234567890123, m = 1": "[n]",
	} {
		if w := Translate(in).Wide; w == nil || fmt.Sprint(w.Columns) != want {
			t.Errorf("%s: wide %+v, want %s", in, w, want)
		}
	}
	probe := func(q string) ([]bool, error) {
		if q != "SELECT x, y FROM u" {
			t.Errorf("query probed: %s", q)
		}
		return []bool{true, true}, nil
	}
	for _, c := range []struct {
		in        string
		unbounded []NumericKind
		set       []NumericKind
		want      string
	}{
		{"INSERT INTO t VALUES (1, sqrt(2)), (2, 1)", []NumericKind{NotNumeric, NumericValue}, nil, "INSERT INTO t VALUES (1, sluice_numeric(sqrt(2))), (2, 1)"},
		{"INSERT INTO t VALUES (1, sqrt(2))", []NumericKind{NotNumeric, NotNumeric}, nil, ""},
		{"UPDATE t SET a = a + 1, n = n / 3", []NumericKind{NumericValue, NumericValue}, nil, "UPDATE t SET a = sluice_numeric(a + 1), n = sluice_numeric(n / 3)"},
		{"INSERT INTO t VALUES (ARRAY[0.5])", []NumericKind{NumericArray}, nil, "INSERT INTO t VALUES (list_transform(ARRAY[0.5], sluice_e -> sluice_numeric(sluice_e)))"},
		{"INSERT INTO t (n, m) SELECT x, y FROM u", []NumericKind{NotNumeric, NumericValue}, nil,
			"INSERT INTO t (n, m) SELECT sluice_src.sluice_c1, sluice_numeric(sluice_src.sluice_c2) FROM (SELECT x, y FROM u) sluice_src(sluice_c1, sluice_c2)"},
		{"UPDATE t SET (a, n, m) = (a + 1, n / 3, m), s = 0.5 * 2", []NumericKind{NotNumeric, NumericValue, NumericValue, NumericValue}, nil,
			"UPDATE t SET (a, n, m) = (a + 1, sluice_numeric(n / 3), m), s = sluice_numeric(0.5 * 2)"},
		{"UPDATE t SET (a, n) = (SELECT 1, 2)", []NumericKind{NumericValue, NumericValue}, nil, ""},
		{"INSERT INTO t VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET n = excluded.n / 7, m = excluded.m, (x, y) = (2 * 3, 1)",
			[]NumericKind{NotNumeric, NumericValue}, []NumericKind{NumericValue, NumericValue, NumericValue, NotNumeric},
			"INSERT INTO t VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET n = sluice_numeric(excluded.n / 7), m = excluded.m, (x, y) = (sluice_numeric(2 * 3), 1)"},
	} {
		got, ok, err := WrapNumeric(c.in, c.unbounded, c.set, probe)
		if err != nil || ok != (c.want != "") || ok && got != c.want {
			t.Errorf("%s: got %s %v %v, want %s", c.in, got, ok, err, c.want)
		}
	}
	if !plainValues("INSERT INTO t VALUES (1, 'a''b sqrt(2)', NULL, -0.5, $1)") || plainValues("INSERT INTO t VALUES (1e5)") ||
		plainValues("INSERT INTO t VALUES (random())") || plainValues("INSERT INTO t SELECT 1") {
		t.Error("plainValues misjudges")
	}
}

func TestViewDefNumeric(t *testing.T) {
	got := ViewDef("CREATE VIEW v AS SELECT sluice_numeric(x) AS a, round(sluice_numeric_round(y, 2, false), 2) AS b FROM t;", "public")
	if want := " SELECT x::numeric AS a, round(y::numeric, 2) AS b FROM public.t;"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
