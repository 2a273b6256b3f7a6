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
		"SELECT x::numeric FROM t":                    "SELECT x::numeric(38, 12) FROM t",
		"CREATE TABLE t (a numeric, b decimal(10,2))": "CREATE TABLE t (a numeric(38, 12), b numeric(10, 2))",
		"SELECT ARRAY[1.5]::numeric[]":                "SELECT ARRAY[1.5]::numeric(38, 12)[]",
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
