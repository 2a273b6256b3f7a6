package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// nameSubqueryColumns gives the unnamed computed columns of the queries in FROM and in
// WITH the names PostgreSQL gives them (`SELECT max FROM (SELECT (SELECT max(v) FROM
// t)) q`; DuckDB names such a column after its expression's text), and a VALUES list
// in FROM without column names PostgreSQL's column1, column2…; it reports whether it
// changed the statement. Column references keep their names in both, so they are left.
func nameSubqueryColumns(stmt *pg.Node) bool {
	sel := stmt.GetSelectStmt()
	if sel == nil {
		return false
	}
	return nameInSelect(sel)
}

func nameInSelect(s *pg.SelectStmt) bool {
	if s == nil {
		return false
	}
	changed := nameInSelect(s.Larg)
	changed = nameInSelect(s.Rarg) || changed
	if w := s.WithClause; w != nil {
		for _, c := range w.Ctes {
			if cte := c.GetCommonTableExpr(); cte != nil && len(cte.Aliascolnames) == 0 {
				if q := cte.Ctequery.GetSelectStmt(); q != nil {
					changed = nameTargets(q) || changed
					changed = nameInSelect(q) || changed
				}
			}
		}
	}
	for _, f := range s.FromClause {
		changed = nameInFrom(f) || changed
	}
	return changed
}

func nameInFrom(n *pg.Node) bool {
	switch x := n.GetNode().(type) {
	case *pg.Node_JoinExpr:
		l := nameInFrom(x.JoinExpr.Larg)
		return nameInFrom(x.JoinExpr.Rarg) || l
	case *pg.Node_RangeSubselect:
		q := x.RangeSubselect.Subquery.GetSelectStmt()
		if q == nil {
			return false
		}
		changed := nameInSelect(q)
		a := x.RangeSubselect.Alias
		if a != nil && len(a.Colnames) > 0 {
			return changed
		}
		if q.Op == pg.SetOperation_SETOP_NONE && len(q.ValuesLists) > 0 {
			row := q.ValuesLists[0].GetList()
			if row == nil || a == nil {
				return changed
			}
			for i := range row.Items {
				a.Colnames = append(a.Colnames, pg.MakeStrNode("column"+itoa(i+1)))
			}
			return true
		}
		return nameTargets(q) || changed
	}
	return false
}

// nameTargets labels a select's unlabelled computed columns (of its left side, for a
// set operation) with the names PostgreSQL gives them.
func nameTargets(s *pg.SelectStmt) bool {
	for s != nil && s.Op != pg.SetOperation_SETOP_NONE {
		s = s.Larg
	}
	if s == nil {
		return false
	}
	changed := false
	for _, t := range s.TargetList {
		rt := t.GetResTarget()
		if rt == nil || rt.Name != "" || rt.Val.GetColumnRef() != nil {
			continue
		}
		if name, _ := figureName(rt.Val); name != "" {
			rt.Name, changed = name, true
		}
	}
	return changed
}
