package pgsql

import "testing"

// TestAnalyticRewrites pins the rewrites of analytics*.go; the differential corpus
// (testdata/differential/analytics.sql) checks what they compute against PostgreSQL.
func TestAREToRE2(t *testing.T) {
	for in, want := range map[string]string{
		`\yword\y`: `\bword\b`, `\bx`: `\x08x`, `a\Z`: `a\z`, `[\b]\Y`: `[\b]\B`, `\mfoo\M`: `\bfoo\b`, `a\.b`: `a\.b`, `[]\y]`: `[]\y]`,
	} {
		if got := AREToRE2(in); got != want {
			t.Errorf("AREToRE2(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAnalyticMarkBulkInsert(t *testing.T) {
	if analyticMark("insert into t values (1, null, 'a'), (2, 'x', null)") {
		t.Error("a plain INSERT … VALUES with NULLs is walked")
	}
	if !analyticMark("insert into t select x::int from s") {
		t.Error("INSERT … SELECT with a cast is not walked")
	}
}

func TestAnalyticRewrites(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT t::int FROM v":                                                     "SELECT CASE WHEN typeof(t) = 'VARCHAR' THEN pg_int4_in(t::string) ELSE t::int END FROM v",
		"SELECT x::bigint + 1 FROM v":                                              "SELECT CASE WHEN typeof(x) = 'VARCHAR' THEN pg_int8_in(x::string) ELSE x::bigint END + 1 FROM v",
		"SELECT '1.5'::int":                                                        `SELECT error('invalid input syntax for type integer: "1.5"')::int`,
		"SELECT ' 12 '::int, 1::int":                                               "SELECT ' 12 '::int, 1::int",
		"SELECT (x * 2)::int FROM v":                                               "SELECT (x * 2)::int FROM v",
		"SELECT ok::bool FROM v":                                                   "SELECT CASE WHEN typeof(ok) = 'VARCHAR' THEN pg_bool_in(ok::string) ELSE ok::bool END FROM v",
		"SELECT $1::int":                                                           "SELECT $1::int",
		"SELECT ROW(1, NULL)::text":                                                "SELECT pg_record_text(1, NULL)",
		"SELECT array_agg(DISTINCT x) FROM v":                                      "SELECT array_agg(DISTINCT x ORDER BY x) FROM v",
		"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n) FROM v":             "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n::double precision) FROM v",
		"SELECT string_agg(t, NULL) FROM v":                                        "SELECT string_agg(t, '') FROM v",
		"SELECT a[i], a[2], a[i:j] FROM v":                                         "SELECT a[CASE WHEN i < 1 THEN 0 ELSE i END], a[2], a[CASE WHEN i < 1 THEN 1 ELSE i END:CASE WHEN j < 0 THEN 0 ELSE j END] FROM v",
		"SELECT array_length(a, 1) FROM v":                                         `SELECT "nullif"(array_length(a, 1)::int, 0) FROM v`,
		"SELECT ROW(a, b) IS NULL FROM v":                                          "SELECT a IS NULL AND b IS NULL FROM v",
		"SELECT (a, b) NOT IN ((1, 2)) FROM v":                                     "SELECT NOT (a = 1 AND b = 2) FROM v",
		"SELECT x <> ALL(a), 1 = ANY(ARRAY[1, NULL]), x = ANY($1) FROM v":          "SELECT CASE WHEN a IS NULL THEN NULL::bool ELSE x <> ALL(a) END, 1 = ANY(ARRAY[1, NULL]), x = ANY($1) FROM v",
		"SELECT 1 FROM v WHERE x = '5.5' AND d = '2024-01-01' AND y IN ('1', '2')": "SELECT 1 FROM v WHERE CASE typeof(x) WHEN 'INTEGER' THEN error('invalid input syntax for type integer: \"5.5\"') WHEN 'BIGINT' THEN error('invalid input syntax for type bigint: \"5.5\"') WHEN 'SMALLINT' THEN error('invalid input syntax for type smallint: \"5.5\"') WHEN 'HUGEINT' THEN error('invalid input syntax for type bigint: \"5.5\"') ELSE x = '5.5' END AND d = '2024-01-01' AND y IN ('1', '2')",
		"SELECT coalesce(x, '1.5'), CASE x WHEN '2.5' THEN 1 END, 5 # 3 FROM v":    "SELECT CASE typeof(x) WHEN 'INTEGER' THEN error('invalid input syntax for type integer: \"1.5\"') WHEN 'BIGINT' THEN error('invalid input syntax for type bigint: \"1.5\"') WHEN 'SMALLINT' THEN error('invalid input syntax for type smallint: \"1.5\"') WHEN 'HUGEINT' THEN error('invalid input syntax for type bigint: \"1.5\"') ELSE COALESCE(x, '1.5') END, CASE typeof(x) WHEN 'INTEGER' THEN error('invalid input syntax for type integer: \"2.5\"') WHEN 'BIGINT' THEN error('invalid input syntax for type bigint: \"2.5\"') WHEN 'SMALLINT' THEN error('invalid input syntax for type smallint: \"2.5\"') WHEN 'HUGEINT' THEN error('invalid input syntax for type bigint: \"2.5\"') ELSE CASE x WHEN '2.5' THEN 1 END END, xor(5, 3) FROM v",
		"SELECT s ~ '\\yab\\y' FROM v":                                             "SELECT regexp_matches(s, E'\\\\bab\\\\b') FROM v",
		"SELECT id, x AS v, lower(t) FROM w ORDER BY v DESC, 3, y NULLS FIRST FETCH FIRST 2 ROWS WITH TIES": "SELECT sluice_c1 AS id, sluice_c2 AS v, sluice_c3 FROM (SELECT *, rank() OVER (ORDER BY sluice_c2 DESC, sluice_c3, sluice_k3 NULLS FIRST) AS sluice_rank FROM (SELECT id AS sluice_c1, x AS sluice_c2, lower(t) AS sluice_c3, y AS sluice_k3 FROM w) sluice_q) sluice_r WHERE sluice_rank <= 2 ORDER BY sluice_rank",
		"SELECT s ~ 'a.b' FROM v":                           "SELECT regexp_matches(s, '(?s)a.b') FROM v",
		`SELECT regexp_replace(s, 'b', '\&\x', 'g') FROM v`: `SELECT regexp_replace(s, 'b', E'\\0\\\\x', 'gs') FROM v`,
		"SELECT regexp_replace(s, 'b', 'c', 'n') FROM v":    "SELECT regexp_replace(s, 'b', 'c', 'n') FROM v",
	} {
		if got := Translate(in).SQL; got != want {
			t.Errorf("%s\n got: %s\nwant: %s", in, got, want)
		}
	}
}
