package pgsql

import (
	"slices"
	"testing"
)

// TestDriverRewrites checks the rewrites of what drivers, pandas and pg_dump send.
func TestDriverRewrites(t *testing.T) {
	for q, want := range map[string]string{
		// names DuckDB reserves
		"CREATE TABLE pd (id BIGINT, at TIMESTAMP WITH TIME ZONE, by int, map text)": `CREATE TABLE pd (id BIGINT, "at" TIMESTAMP WITH TIME ZONE, "by" int, "map" text)`,
		"INSERT INTO pd (id, at, by) VALUES (1, 'at by', 2)":                         `INSERT INTO pd (id, "at", "by") VALUES (1, 'at by', 2)`,
		"SELECT at, x AT TIME ZONE 'UTC' FROM pd GROUP BY at ORDER BY by":            `SELECT "at", x AT TIME ZONE 'UTC' FROM pd GROUP BY "at" ORDER BY "by"`,
		"SELECT * FROM a ASOF JOIN b ON a.t >= b.t":                                  "SELECT * FROM a ASOF JOIN b ON a.t >= b.t",
		"SELECT id FROM t ORDER BY id":                                               "SELECT id FROM t ORDER BY id",
		// serial columns
		"CREATE TABLE public.s (id serial PRIMARY KEY, v text)": "CREATE TABLE main.s (id int4 PRIMARY KEY NOT NULL DEFAULT nextval('s_id_seq'), v text)",
		// exact doubles
		"INSERT INTO t VALUES (0.00040016006402561027, 1.5)": "INSERT INTO t VALUES ('0.00040016006402561027', 1.5)",
		"SELECT 0.1::float8": "SELECT '0.1'::float8",
		// arrays, LIKE … ESCAPE, settings
		"SELECT '{1,2}'::int[]":                                       "SELECT '[1,2]'::int[]",
		"SELECT 'a_b' LIKE 'a/_b' ESCAPE '/'":                         "SELECT like_escape('a_b', 'a/_b', '/')",
		"SELECT current_setting('default_table_access_method')":       "SELECT 'heap'",
		"SELECT pg_catalog.pg_class.relname FROM pg_catalog.pg_class": "SELECT pg_class.relname FROM pg_class",
	} {
		if got := Translate(q).SQL; got != want {
			t.Errorf("%s\n got %s\nwant %s", q, got, want)
		}
	}
	if st := Translate("CREATE TABLE s (id bigserial)"); !slices.Equal(st.Before, []string{"CREATE OR REPLACE SEQUENCE s_id_seq"}) {
		t.Errorf("sequence for bigserial: %q", st.Before)
	}
}

// TestViewDef checks pg_get_viewdef's text and the tables a view reads.
func TestViewDef(t *testing.T) {
	sql := "CREATE VIEW v AS WITH x AS (SELECT * FROM a) SELECT count_star() AS n FROM x JOIN b ON true;"
	if got, want := ViewDef(sql, "public"), " WITH x AS (SELECT * FROM public.a) SELECT count(*) AS n FROM x JOIN public.b ON true;"; got != want {
		t.Errorf("ViewDef:\n got %q\nwant %q", got, want)
	}
	if got, want := ViewDef(sql, ""), " WITH x AS (SELECT * FROM a) SELECT count(*) AS n FROM x JOIN b ON true;"; got != want {
		t.Errorf("ViewDef without schema:\n got %q\nwant %q", got, want)
	}
	if got := ViewTables(sql); !slices.Equal(slices.Sorted(slices.Values(got)), []string{"a", "b"}) {
		t.Errorf("ViewTables = %q", got)
	}
}
