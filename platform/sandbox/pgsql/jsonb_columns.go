package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
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

// JSONBLiterals rewrites the string literals sql compares with a column declared jsonb
// (col = 'text', col <> 'text', col IN ('a', 'b'), either side, CASE col WHEN 'text')
// into jsonb's normal text, as PostgreSQL reads such a literal as jsonb: DuckDB would
// compare the text as written. isJSONB says whether a column name is a jsonb column of one of the tables
// the statement names. It reports whether it changed sql.
func JSONBLiterals(sql string, isJSONB func(tables [][2]string, col string) bool) (string, bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, false
	}
	stmt := res.Stmts[0].Stmt
	var tables [][2]string
	var exprs []*pg.A_Expr
	var cases []*pg.CaseExpr
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		switch x := m.Interface().(type) {
		case *pg.RangeVar:
			sch := x.Schemaname
			if sch == "" || sch == "public" {
				sch = "main"
			}
			tables = append(tables, [2]string{sch, x.Relname})
		case *pg.A_Expr:
			exprs = append(exprs, x)
		case *pg.CaseExpr:
			if x.Arg != nil {
				cases = append(cases, x)
			}
		}
		eachChild(m, walk)
	}
	walk(stmt.ProtoReflect())
	if len(tables) == 0 || len(exprs) == 0 && len(cases) == 0 {
		return sql, false
	}
	changed := false
	norm := func(n *pg.Node) {
		if s := n.GetAConst().GetSval(); s != nil {
			if out, err := NormalizeJSONB(s.Sval); err == nil && out != s.Sval {
				s.Sval, changed = out, true
			}
		}
	}
	column := func(n *pg.Node) string {
		if c := n.GetColumnRef(); c != nil && len(c.Fields) > 0 {
			return strName(c.Fields[len(c.Fields)-1])
		}
		return ""
	}
	for _, c := range cases { // CASE jb WHEN '…'
		if col := column(c.Arg); col != "" && isJSONB(tables, col) {
			for _, w := range c.Args {
				if cw := w.GetCaseWhen(); cw != nil && cw.Expr != nil {
					norm(cw.Expr)
				}
			}
		}
	}
	for _, e := range exprs {
		if len(e.Name) != 1 || e.Lexpr == nil || e.Rexpr == nil {
			continue
		}
		op := strName(e.Name[0])
		switch {
		case e.Kind == pg.A_Expr_Kind_AEXPR_OP && (op == "=" || op == "<>" || op == "!="):
			if col := column(e.Lexpr); col != "" && e.Rexpr.GetAConst() != nil && isJSONB(tables, col) {
				norm(e.Rexpr)
			} else if col := column(e.Rexpr); col != "" && e.Lexpr.GetAConst() != nil && isJSONB(tables, col) {
				norm(e.Lexpr)
			}
		case e.Kind == pg.A_Expr_Kind_AEXPR_IN:
			if col := column(e.Lexpr); col != "" && isJSONB(tables, col) {
				for _, it := range e.Rexpr.GetList().GetItems() {
					norm(it)
				}
			}
		}
	}
	if !changed {
		return sql, false
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, false
	}
	return quoteDuckKeywords(out), true
}

// jsonbOperators are the operators whose meaning with a jsonb operand the front end
// gives (missing_ops.go) when it knows the operand is jsonb.
var jsonbOperators = map[string]bool{
	"->": true, "->>": true, "#>": true, "#>>": true, "@>": true, "<@": true, "?": true,
	"?|": true, "?&": true, "||": true, "-": true, "#-": true,
}

// CastJSONBOperands casts the references to columns declared jsonb that are operands of
// jsonb's operators to jsonb (jb -> 'a' becomes jb::jsonb -> 'a'), so that the front
// end, which knows no column's type, gives them PostgreSQL's meaning and type, and
// orders such columns by their sort key (ORDER BY jb becomes ORDER BY
// sluice_jsonb_key(jb::string)). isJSONB
// says whether a column name is a jsonb column of the tables the statement names (and
// no other column of theirs). It reports whether it changed sql.
func CastJSONBOperands(sql string, isJSONB func(tables [][2]string, col string) bool) (string, bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, false
	}
	var tables [][2]string
	var exprs []*pg.A_Expr
	var sorts []*pg.SelectStmt
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		switch x := m.Interface().(type) {
		case *pg.RangeVar:
			sch := x.Schemaname
			if sch == "" || sch == "public" {
				sch = "main"
			}
			tables = append(tables, [2]string{sch, x.Relname})
		case *pg.A_Expr:
			if x.Kind == pg.A_Expr_Kind_AEXPR_OP && len(x.Name) == 1 && jsonbOperators[strName(x.Name[0])] {
				exprs = append(exprs, x)
			}
		case *pg.SelectStmt:
			// not DISTINCT ON (…), whose ORDER BY must start with its expressions
			distinctOn := len(x.DistinctClause) > 0 && x.DistinctClause[0].GetNode() != nil
			if x.Op == pg.SetOperation_SETOP_NONE && !distinctOn && len(x.SortClause) > 0 {
				sorts = append(sorts, x)
			}
		}
		eachChild(m, walk)
	}
	walk(res.Stmts[0].Stmt.ProtoReflect())
	if len(tables) == 0 || len(exprs) == 0 && len(sorts) == 0 {
		return sql, false
	}
	changed := false
	cast := func(n *pg.Node) {
		c := n.GetColumnRef()
		if c == nil || len(c.Fields) == 0 || c.Fields[len(c.Fields)-1].GetAStar() != nil {
			return
		}
		if isJSONB(tables, strName(c.Fields[len(c.Fields)-1])) {
			n.Node, changed = castTo(&pg.Node{Node: n.Node}, "jsonb").Node, true
		}
	}
	for _, e := range exprs {
		op := strName(e.Name[0])
		if e.Lexpr != nil {
			cast(e.Lexpr)
		}
		if e.Rexpr != nil && (op == "@>" || op == "<@" || op == "||") {
			cast(e.Rexpr)
		}
	}
	for _, sel := range sorts {
		// ORDER BY a jsonb column: by its sort key (jsonb_order.go), unless the name is
		// one of the select list's, which ORDER BY means first.
		for _, it := range sel.SortClause {
			sb := it.GetSortBy()
			c := sb.GetNode().GetColumnRef()
			if c == nil || len(c.Fields) == 0 || c.Fields[len(c.Fields)-1].GetAStar() != nil {
				continue
			}
			col := strName(c.Fields[len(c.Fields)-1])
			if outputName(sel, col) || !isJSONB(tables, col) {
				continue
			}
			sb.Node, changed = funcCall(JSONBKeyFunc, textOf(sb.Node)), true
		}
	}
	if !changed {
		return sql, false
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, false
	}
	return out, true
}

// outputName reports whether a column of sel's select list is named name.
func outputName(sel *pg.SelectStmt, name string) bool {
	for _, t := range sel.TargetList {
		if rt := t.GetResTarget(); rt != nil && rt.Name == name {
			return true
		}
	}
	return false
}
