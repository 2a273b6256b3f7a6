package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// ReadsRelation returns the first of names (DuckDB's schema and name of relations,
// "main" for public) the statement reads by name, or ok false. The sandbox refuses
// reading a materialized view created WITH NO DATA (55000), as PostgreSQL does; a
// statement whose text does not mention a name is not parsed.
func ReadsRelation(sql string, names []Rel) (Rel, bool) {
	lower := strings.ToLower(sql)
	var cand []Rel
	for _, r := range names {
		if strings.Contains(lower, strings.ToLower(r.Name)) {
			cand = append(cand, r)
		}
	}
	if len(cand) == 0 {
		return Rel{}, false
	}
	res, err := pg.Parse(sql)
	if err != nil {
		return Rel{}, false
	}
	var found Rel
	ok := false
	for _, st := range res.Stmts {
		walk(st.Stmt, func(n *pg.Node) {
			rv := n.GetRangeVar()
			if rv == nil || ok {
				return
			}
			r := rangeRel(rv)
			for _, c := range cand {
				if c.Name == r.Name && (r.Schema == "" || r.Schema == c.Schema) {
					found, ok = c, true
				}
			}
		})
	}
	return found, ok
}

// matViewComment makes COMMENT ON MATERIALIZED VIEW, which DuckDB does not read, the
// COMMENT ON TABLE of the table that holds the view's rows.
func matViewComment(c *pg.CommentStmt) (Admin, bool) {
	if c.Objtype != pg.ObjectType_OBJECT_MATVIEW || c.Object == nil {
		return Admin{}, false
	}
	var parts []string
	for _, n := range c.Object.GetList().GetItems() {
		s := n.GetString_()
		if s == nil {
			return Admin{}, false
		}
		name := s.Sval
		if name == "public" && len(parts) == 0 {
			name = "main"
		}
		parts = append(parts, pgQuoteIdent(name))
	}
	if len(parts) == 0 {
		return Admin{}, false
	}
	text := "NULL"
	if c.Comment != "" {
		text = quote(c.Comment)
	}
	return Admin{Kind: AdminSteps, Tag: "COMMENT", Steps: []string{"COMMENT ON TABLE " + strings.Join(parts, ".") + " IS " + text}}, true
}
