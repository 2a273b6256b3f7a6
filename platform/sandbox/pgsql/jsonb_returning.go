package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// ReturningJSON rewrites the RETURNING list of sql, an INSERT, UPDATE or DELETE, so that
// the items at the positions styles names return sluice_json_out's text of their value
// in that style ("json": as stored, "jsonb": normal text), named names[i]: DuckDB's
// driver reads a JSON value parsed (a json null as SQL NULL, 1.50 as 1.5). style gives
// the style of an item by the column it names ("" for another expression). It returns
// the styles it used, and false when the statement has no such list, or a star in it.
func ReturningJSON(sql string, style func(col string) string, wrap []int, names []string) (string, []string, bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, nil, false
	}
	var list []*pg.Node
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_InsertStmt:
		list = x.InsertStmt.ReturningList
	case *pg.Node_UpdateStmt:
		list = x.UpdateStmt.ReturningList
	case *pg.Node_DeleteStmt:
		list = x.DeleteStmt.ReturningList
	}
	if len(list) == 0 || len(list) != len(names) {
		return sql, nil, false
	}
	for _, it := range list {
		if c := it.GetResTarget().GetVal().GetColumnRef(); c != nil && len(c.Fields) > 0 && c.Fields[len(c.Fields)-1].GetAStar() != nil {
			return sql, nil, false
		}
	}
	var styles []string
	for _, i := range wrap {
		if i >= len(list) {
			return sql, nil, false
		}
		rt := list[i].GetResTarget()
		if rt == nil || rt.Val == nil {
			return sql, nil, false
		}
		col := ""
		if c := rt.Val.GetColumnRef(); c != nil && len(c.Fields) > 0 {
			col = strName(c.Fields[len(c.Fields)-1])
		}
		st := style(col)
		styles = append(styles, st)
		rt.Val = funcCall("sluice_json_out", textOf(rt.Val), pg.MakeAConstStrNode(st, -1))
		rt.Name = names[i]
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, nil, false
	}
	return quoteDuckKeywords(out), styles, true
}

// DMLTarget returns the table an INSERT, UPDATE or DELETE writes (schema main for none
// or public); ok is false for other statements.
func DMLTarget(sql string) (schema, table string, ok bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return "", "", false
	}
	var rv *pg.RangeVar
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_InsertStmt:
		rv = x.InsertStmt.Relation
	case *pg.Node_UpdateStmt:
		rv = x.UpdateStmt.Relation
	case *pg.Node_DeleteStmt:
		rv = x.DeleteStmt.Relation
	}
	if rv == nil {
		return "", "", false
	}
	schema = rv.Schemaname
	if schema == "" || schema == "public" {
		schema = "main"
	}
	return schema, rv.Relname, true
}
