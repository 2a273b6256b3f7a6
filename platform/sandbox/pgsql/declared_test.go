package pgsql

import (
	"fmt"
	"strings"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"
)

func TestDeclaredChange(t *testing.T) {
	for sql, want := range map[string]string{
		`CREATE TABLE public.t (a int, b varchar(10), c character varying, d char(3), e character, f jsonb, g mood, h s.mood2, i text[], k varchar(5)[])`: "DELETE main t; INSERT main t b 1043 14; INSERT main t c 1043 -1; " +
			"INSERT main t d 1042 7; INSERT main t e 1042 5; INSERT main t f 3802 -1; INSERT main t g 0 -1 main mood; INSERT main t h 0 -1 s mood2",
		`CREATE TABLE IF NOT EXISTS t (b bpchar)`:              "INSERT main t b 1042 -1  ifnotexists",
		`CREATE TEMP TABLE t (b varchar(3))`:                   "none",
		`ALTER TABLE t ADD COLUMN x varchar(4), DROP COLUMN y`: "INSERT main t x 1043 8; DELETE main t y",
		`ALTER TABLE s.t ALTER COLUMN x TYPE text`:             "DELETE s t x",
		`ALTER TABLE t ALTER COLUMN x TYPE char(2)`:            "DELETE main t x; INSERT main t x 1042 6",
		`ALTER TABLE t RENAME COLUMN x TO z`:                   "UPDATE main t x z",
		`ALTER TABLE t RENAME TO u`:                            "UPDATE main t u",
		`ALTER VIEW v RENAME TO w`:                             "UPDATE main v w",
		`DROP TABLE t, s.u`:                                    "DELETE main t; DELETE s u",
		`DROP VIEW v`:                                          "DELETE main v",
		`CREATE VIEW v AS SELECT a.b, c::varchar(4) FROM t a`:  "DELETE main v derived main.v [{[[main t]] b} cast 1043(8)]",
		`CREATE TABLE n AS SELECT * FROM t`:                    "DELETE main n derived main.n [{[[main t]] }]",
		`CREATE VIEW v (x) AS SELECT b FROM t`:                 "none",
		`SELECT 1`:                                             "none",
	} {
		d, ok := DeclaredChange(sql)
		got := "none"
		if ok {
			var parts []string
			for _, op := range d.Ops {
				verb := strings.Fields(op.SQL)[0]
				parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %s", verb, strings.Trim(fmt.Sprint(op.Args), "[]"))))
			}
			got = strings.Join(parts, "; ")
			if d.IfNotExists {
				got += "  ifnotexists"
			}
			if r := d.Derived; r != nil {
				var hs []string
				for _, h := range r.Hints {
					switch {
					case h.Source != nil:
						hs = append(hs, fmt.Sprintf("{%v %s}", h.Source.Tables, h.Source.Column))
					case h.OID != 0:
						hs = append(hs, fmt.Sprintf("cast %d(%d)", h.OID, h.Mod))
					}
				}
				got += fmt.Sprintf(" derived %s.%s %v", r.Schema, r.Name, hs)
			}
		}
		if got != want {
			t.Errorf("DeclaredChange(%q)\n got %s\nwant %s", sql, got, want)
		}
	}
}

func TestColumnSources(t *testing.T) {
	for sql, want := range map[string]string{
		`SELECT a.v, w FROM t a JOIN s.u ON u.id = a.id`:     "[[main t]] v; [[main t] [s u]] w",
		`SELECT * FROM t, u`:                                 "[[main t] [main u]] *",
		`SELECT * FROM t JOIN u USING (id)`:                  "-",
		`SELECT x.v FROM (SELECT v FROM t) x`:                "[[main t]] v",
		`WITH w AS (SELECT v AS z FROM s.t) SELECT z FROM w`: "[[s t]] v",
		`SELECT relkind, c.* FROM pg_catalog.pg_class c`:     "[[pg_catalog pg_class]] relkind catalog; [[pg_catalog pg_class]] * catalog",
		`SELECT v FROM t UNION SELECT v FROM u`:              "none",
		`WITH t AS (SELECT 'a' AS v) SELECT v FROM t`:        "-",
	} {
		res := parseOne(t, sql)
		hints, _ := columnHints(res, false, false)
		got := "none"
		if hints != nil {
			var parts []string
			for _, h := range hints {
				if h.Source == nil {
					parts = append(parts, "-")
					continue
				}
				col := h.Source.Column
				if col == "" {
					col = "*"
				}
				p := fmt.Sprintf("%v %s", h.Source.Tables, col)
				if h.Source.Catalog {
					p += " catalog"
				}
				parts = append(parts, p)
			}
			got = strings.Join(parts, "; ")
		}
		if got != want {
			t.Errorf("columnHints(%q)\n got %s\nwant %s", sql, got, want)
		}
	}
}

func parseOne(t *testing.T, sql string) *pg.Node {
	t.Helper()
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		t.Fatalf("parse %q: %v", sql, err)
	}
	return res.Stmts[0].Stmt
}
