package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// CTAS is a CREATE TABLE … AS or a SELECT … INTO, which PostgreSQL answers with the
// command tag SELECT n (CREATE TABLE AS when WITH NO DATA, or IF NOT EXISTS found the
// table).
type CTAS struct {
	NoData      bool
	IfNotExists bool
	Temp        bool
	Rel         Rel
	// SQL is the statement DuckDB runs for a SELECT … INTO, which it does not read:
	// CREATE TABLE … AS the query; "" for a CREATE TABLE … AS.
	SQL string
}

// ParseCTAS reads a CREATE TABLE … AS (not a materialized view) or a SELECT … INTO.
func ParseCTAS(sql string) (CTAS, bool) {
	w := firstWord(sql)
	switch w {
	case "CREATE":
		if !strings.Contains(strings.ToUpper(sql), "AS") {
			return CTAS{}, false
		}
	case "SELECT", "WITH":
		if !strings.Contains(strings.ToUpper(sql), "INTO") {
			return CTAS{}, false
		}
	default:
		return CTAS{}, false
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return CTAS{}, false
	}
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_CreateTableAsStmt:
		c := x.CreateTableAsStmt
		if c.Objtype != pg.ObjectType_OBJECT_TABLE || c.Into == nil {
			return CTAS{}, false
		}
		return CTAS{NoData: c.Into.SkipData, IfNotExists: c.IfNotExists, Temp: c.Into.Rel.GetRelpersistence() == "t",
			Rel: rangeRel(c.Into.Rel)}, true
	case *pg.Node_SelectStmt:
		s := x.SelectStmt
		into := s.IntoClause
		if into == nil || into.Rel == nil {
			return CTAS{}, false
		}
		s.IntoClause = nil
		q, err := pg.Deparse(res)
		if err != nil {
			return CTAS{}, false
		}
		name := pgQuoteIdent(into.Rel.Relname)
		if into.Rel.Schemaname != "" {
			name = pgQuoteIdent(into.Rel.Schemaname) + "." + name
		}
		temp := into.Rel.Relpersistence == "t"
		create := "CREATE TABLE "
		if temp {
			create = "CREATE TEMP TABLE "
		}
		return CTAS{Temp: temp, Rel: rangeRel(into.Rel), SQL: create + name + " AS " + q}, true
	}
	return CTAS{}, false
}
