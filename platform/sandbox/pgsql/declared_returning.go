package pgsql

import pg "github.com/pganalyze/pg_query_go/v6"

// returningHints describes the RETURNING list of an INSERT, UPDATE or DELETE as
// columnHints describes a select list: a reference to a column of the written table,
// or a star standing for its columns, takes the column's declared type (varchar(n),
// char(n) padded, jsonb, an enum type) and type modifier, as PostgreSQL announces it.
// Other expressions have no hint. false when stmt has no RETURNING list.
func returningHints(stmt *pg.Node) ([]ColumnHint, bool) {
	var rel *pg.RangeVar
	var list []*pg.Node
	joined := false
	switch x := stmt.GetNode().(type) {
	case *pg.Node_InsertStmt:
		rel, list = x.InsertStmt.Relation, x.InsertStmt.ReturningList
	case *pg.Node_UpdateStmt:
		rel, list, joined = x.UpdateStmt.Relation, x.UpdateStmt.ReturningList, len(x.UpdateStmt.FromClause) > 0
	case *pg.Node_DeleteStmt:
		rel, list, joined = x.DeleteStmt.Relation, x.DeleteStmt.ReturningList, len(x.DeleteStmt.UsingClause) > 0
	}
	if rel == nil || len(list) == 0 {
		return nil, false
	}
	table := [2]string{duckSchema(rel.Schemaname), rel.Relname}
	alias := rel.Relname
	if rel.Alias != nil {
		alias = rel.Alias.Aliasname
	}
	hints := make([]ColumnHint, len(list))
	for i, t := range list {
		cr := t.GetResTarget().GetVal().GetColumnRef()
		if cr == nil || len(cr.Fields) == 0 || len(cr.Fields) > 2 {
			continue
		}
		f := cr.Fields
		star := f[len(f)-1].GetAStar() != nil
		if len(f) == 2 && strName(f[0]) != alias || star && joined && len(f) == 1 {
			continue // another table's column, or a star over several tables
		}
		col := ""
		if !star {
			col = strName(f[len(f)-1])
		}
		hints[i] = ColumnHint{Typmod: true, Source: &ColumnSource{Tables: [][2]string{table}, Column: col}}
	}
	return hints, true
}
