package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// Set-returning functions in FROM that DuckDB lacks become a LATERAL subquery that
// unnests the lists the sandbox's Go functions return: FROM jsonb_each(j) AS e gives
// the columns key and value, FROM unnest(a, b) AS t(x, y) one column per array.

// fromColumns are the columns of the functions rewritten in FROM: name and value.
func fromColumns(name string, args []*pg.Node) ([]string, []*pg.Node) {
	if sr, ok := setReturning[name]; ok {
		fn := sr[0]
		if name == "regexp_matches" && len(args) < 2 {
			return nil, nil
		}
		v := funcCall("unnest", funcCall(fn, args...))
		if sr[1] != "" {
			v = castTo(v, sr[1])
		}
		col := "value"
		if name == "jsonb_object_keys" || name == "json_object_keys" || name == "regexp_matches" {
			col = name
		}
		return []string{col}, []*pg.Node{v}
	}
	switch name {
	case "jsonb_each", "jsonb_each_text", "json_each", "json_each_text":
		if len(args) != 1 {
			return nil, nil
		}
		prefix := "pg_jsonb_"
		if name[:5] == "json_" {
			prefix = "pg_json_"
		}
		suffix, typ := "", "jsonb"
		if name[len(name)-5:] == "_text" {
			suffix, typ = "_text", ""
		} else if prefix == "pg_json_" {
			typ = "json"
		}
		v := funcCall("unnest", funcCall(prefix+"values"+suffix, args[0]))
		if typ != "" {
			v = castTo(v, typ)
		}
		return []string{"key", "value"}, []*pg.Node{funcCall("unnest", funcCall(prefix+"keys", args[0])), v}
	case "unnest":
		if len(args) < 2 {
			return nil, nil
		}
		var names []string
		var vals []*pg.Node
		for _, a := range args {
			names = append(names, "unnest")
			vals = append(vals, funcCall("unnest", a))
		}
		return names, vals
	}
	return nil, nil
}

// missingRangeFunc rewrites FROM f(…) for the functions fromColumns knows.
func missingRangeFunc(n *pg.Node, rf *pg.RangeFunction) bool {
	if len(rf.Functions) != 1 || rf.IsRowsfrom {
		return false
	}
	items := rf.Functions[0].GetList().GetItems()
	if len(items) == 0 || len(items) > 1 && items[1] != nil && items[1].Node != nil {
		return false // a column definition list
	}
	fc := items[0].GetFuncCall()
	if fc == nil || len(fc.Funcname) == 0 || len(fc.Funcname) == 2 && strName(fc.Funcname[0]) != "pg_catalog" {
		return false
	}
	name := strName(fc.Funcname[len(fc.Funcname)-1])
	cols, vals := fromColumns(name, fc.Args)
	if cols == nil {
		return false
	}
	alias := rf.Alias
	if alias == nil {
		alias = &pg.Alias{Aliasname: name}
	}
	if len(cols) == 1 && len(alias.Colnames) == 0 && rf.Alias != nil && name != "jsonb_array_elements" && name != "json_array_elements" &&
		name != "jsonb_array_elements_text" && name != "json_array_elements_text" {
		// a function returning a base type: the alias names its column too
		cols[0] = alias.Aliasname
	}
	if rf.Ordinality {
		// 1, 2, … as far as the longest list goes
		var lens []*pg.Node
		for _, v := range vals {
			un := v.GetFuncCall()
			if un == nil {
				un = v.GetTypeCast().GetArg().GetFuncCall()
			}
			lens = append(lens, funcCall("len", un.Args[0]))
		}
		longest := lens[0]
		if len(lens) > 1 {
			longest = &pg.Node{Node: &pg.Node_MinMaxExpr{MinMaxExpr: &pg.MinMaxExpr{Op: pg.MinMaxOp_IS_GREATEST, Args: lens, Location: -1}}}
		}
		end := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("+")}, longest, pg.MakeAConstIntNode(1, -1), generated)
		cols = append(cols, "ordinality")
		vals = append(vals, funcCall("unnest", funcCall("range", pg.MakeAConstIntNode(1, -1), end)))
	}
	for i, c := range alias.Colnames {
		if i < len(cols) {
			cols[i] = strName(c)
		}
	}
	sel := &pg.SelectStmt{LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT}
	for i, v := range vals {
		sel.TargetList = append(sel.TargetList, pg.MakeResTargetNodeWithNameAndVal(cols[i], v, -1))
	}
	n.Node = &pg.Node_RangeSubselect{RangeSubselect: &pg.RangeSubselect{
		Lateral:  true,
		Subquery: &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: sel}},
		Alias:    &pg.Alias{Aliasname: alias.Aliasname},
	}}
	return true
}
