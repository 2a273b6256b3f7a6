package pgsql

import (
	"strings"
	"testing"
)

// TestNumericResultTargets checks which result columns become calls of the result
// functions and what is left to DuckDB.
func TestNumericResultTargets(t *testing.T) {
	for q, want := range map[string]string{
		"SELECT avg(x) FROM t":                               "SELECT sluice_r_avg(sum(x), count(x)) FROM t",
		"SELECT avg(x::float8) FROM t":                       "",
		"SELECT sum(x) FILTER (WHERE y) FROM t":              "SELECT sluice_r_sum(sum(x) FILTER (WHERE y), any_value(x)) FROM t",
		"SELECT sum(x) OVER (ORDER BY y) FROM t":             "SELECT sluice_r_sum(sum(x) OVER (ORDER BY y), x) FROM t",
		"SELECT round(avg(x), 2) FROM t":                     "SELECT sluice_r_round(sluice_r_avg(sum(x), count(x)), 2, 'round') FROM t",
		"SELECT round(x, 2) FROM t":                          `SELECT round(x, 2)::"decimal"(38, 2) FROM t`,
		"SELECT k, avg(x) AS a FROM t GROUP BY k ORDER BY a": "SELECT k, sluice_r_avg(sum(x), count(x)) AS a FROM t GROUP BY k ORDER BY avg(x)",
		"SELECT k, avg(x) FROM t GROUP BY k ORDER BY 2":      "SELECT k, sluice_r_avg(sum(x), count(x)) FROM t GROUP BY k ORDER BY avg(x)",
		// left to DuckDB: a grouped expression, a parameter, a star, a subquery's column
		"SELECT x / 2.0 FROM t GROUP BY x / 2.0":      "",
		"SELECT avg(x) + $1 FROM t":                   "",
		"SELECT *, avg(x) OVER () FROM t":             "",
		"SELECT a FROM (SELECT avg(x) AS a FROM t) s": "",
		"SELECT id, name FROM t WHERE id = 4":         "",
	} {
		st := Translate(q)
		got := st.SQL
		if !strings.Contains(got, "sluice_r_") && !strings.Contains(got, `"decimal"(38`) {
			got = ""
		}
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", q, got, want)
		}
	}
}

// BenchmarkTranslateResultTypes measures the front end on BenchmarkStatement's
// statements: a point query (unchanged) and an aggregate (rewritten).
func BenchmarkTranslateResultTypes(b *testing.B) {
	for name, q := range map[string]string{
		"point": "SELECT id, name, score FROM bench WHERE id = 4242",
		"agg":   "SELECT count(*), avg(score) FROM bench WHERE score > 100",
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Translate(q)
			}
		})
	}
}
