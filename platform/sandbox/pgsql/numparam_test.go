package pgsql

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

func TestParamOperandTypes(t *testing.T) {
	cols := map[string]uint32{"n": NumericOID, "i": operandInt4, "f": operandFloat8}
	colType := func(tables []ParamTable, q, c string) uint32 {
		for _, tb := range tables {
			if tb.Table == "t" && (q == "" || q == tb.Alias) {
				return cols[c]
			}
		}
		return 0
	}
	for in, want := range map[string]string{
		"UPDATE t SET n = n + $1":                      "types 1:1700",
		"UPDATE t SET n = $1 + 1.5 WHERE id = $2":      "types 1:1700 compared 2",
		"UPDATE t SET n = $1 + 1":                      "types 1:23",
		"SELECT id FROM t WHERE n > $1 * 2":            "types 1:23",
		"SELECT id FROM t AS x WHERE x.n - $1 > 0":     "types 1:1700",
		"SELECT f + $1, i * $2 FROM public.t":          "types 1:701 2:23",
		"SELECT id FROM t WHERE n = $1 AND $2 < i":     "types 1:1700 2:23 compared 1 2",
		"SELECT id FROM t WHERE n BETWEEN $1 AND $2":   "compared 1 2",
		"SELECT id FROM t WHERE n IN ($1, 2)":          "compared 1",
		"UPDATE t SET n = $1 WHERE n < $1":             "types 1:1700",
		"UPDATE t SET n = 1 WHERE n < $1 OR n > $1":    "types 1:1700 compared 1",
		"SELECT $1 + $2":                               "",
		"SELECT id FROM u WHERE n + $1 > 0":            "",
		"SELECT $1::float8 * 2 + $2 FROM t":            "types 2:701",
		"SELECT id FROM t WHERE n = $1 + 0.5":          "types 1:1700",
		"INSERT INTO t (id, n) VALUES ($1, $2 + 1e-3)": "types 2:1700",
	} {
		ops := ParamOperandTypes(in, colType)
		var parts []string
		var types []string
		for n, oid := range ops.Types {
			types = append(types, fmt.Sprintf("%d:%d", n, oid))
		}
		sort.Strings(types)
		if len(types) > 0 {
			parts = append(parts, "types "+strings.Join(types, " "))
		}
		var compared []string
		for n := range ops.Compared {
			compared = append(compared, fmt.Sprint(n))
		}
		sort.Strings(compared)
		if len(compared) > 0 {
			parts = append(parts, "compared "+strings.Join(compared, " "))
		}
		if got := strings.Join(parts, " "); got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}

func TestNothingOnConflict(t *testing.T) {
	table := func(schema, name string) ConflictTable {
		if name != "t" {
			return ConflictTable{}
		}
		return ConflictTable{Columns: []string{"id", "n", "a", "s"},
			Kinds: []NumericKind{NotNumeric, NumericValue, NumericArray, NotNumeric},
			Keys:  [][]string{{"id"}, {"s"}}}
	}
	exists := func(col, v string) string {
		return fmt.Sprintf("EXISTS (SELECT 1 FROM t sluice_k WHERE sluice_k.%s = %s)", col, v)
	}
	for _, tc := range []struct {
		in, want string
		params   []int
	}{
		{"INSERT INTO t (id, n) VALUES (9, 0.1234567890123 * 1) ON CONFLICT DO NOTHING", "INSERT INTO t (id, n) VALUES (9, CASE WHEN " +
			exists("id", "9") + " THEN (0.1234567890123 * 1)::numeric(38, 12) ELSE sluice_numeric(0.1234567890123 * 1) END) ON CONFLICT DO NOTHING", nil},
		{"INSERT INTO t VALUES ($1, $2, NULL, $3) ON CONFLICT (id) DO NOTHING", "INSERT INTO t VALUES ($1, CASE WHEN " +
			exists("id", "$1") + " THEN 0 ELSE sluice_numeric_text($2) END, NULL, $3) ON CONFLICT (id) DO NOTHING", []int{2}},
		{"INSERT INTO t (id, n) VALUES (1, 1.5), (2, 1 / 3) ON CONFLICT (id) DO NOTHING", "INSERT INTO t (id, n) VALUES (1, 1.5), (2, CASE WHEN " +
			exists("id", "2") + " THEN (1 / 3)::numeric(38, 12) ELSE sluice_numeric(1 / 3) END) ON CONFLICT (id) DO NOTHING", nil},
		{"INSERT INTO t VALUES (1, 2, ARRAY[1e-13], 'x') ON CONFLICT DO NOTHING", "INSERT INTO t VALUES (1, 2, CASE WHEN " +
			exists("id", "1") + " OR " + exists("s", "'x'") + " THEN ARRAY[1e-13]::numeric(38, 12)[] ELSE list_transform(ARRAY[1e-13], sluice_e -> sluice_numeric(sluice_e)) END, 'x') ON CONFLICT DO NOTHING", nil},
	} {
		got, params, ok := NothingOnConflict(tc.in, table)
		if !ok || got != tc.want || fmt.Sprint(params) != fmt.Sprint(tc.params) {
			t.Errorf("%s:\n got %s %v (%v)\nwant %s %v", tc.in, got, params, ok, tc.want, tc.params)
		}
	}
	for _, in := range []string{
		"INSERT INTO t (id, n) VALUES (9, 1.5) ON CONFLICT DO NOTHING",                        // fits
		"INSERT INTO t (n) VALUES (0.1234567890123 * 1) ON CONFLICT DO NOTHING",               // no key written
		"INSERT INTO t (id, n) VALUES (random(), n / 3) ON CONFLICT (id) DO NOTHING",          // a key that is no literal
		"INSERT INTO t (id, n) VALUES (9, 1 / 3) ON CONFLICT (id) DO UPDATE SET n = 1",        // DO UPDATE
		"INSERT INTO t (id, n) VALUES (9, 1 / 3) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING", // by name
		"INSERT INTO u VALUES (9, 1 / 3) ON CONFLICT DO NOTHING",                              // no numeric column
	} {
		if got, _, ok := NothingOnConflict(in, table); ok {
			t.Errorf("%s: rewritten as %s", in, got)
		}
	}
}
