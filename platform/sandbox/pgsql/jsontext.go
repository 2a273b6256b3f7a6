package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// JSONOID is json's type OID (a column hint).
const JSONOID = 114

// jsonStyles are the json-producing functions whose text the sandbox writes as
// PostgreSQL's (sluice_json_out's styles, the sandbox's jsontext.go).
var jsonStyles = map[string]string{
	"json_build_object": "object", "json_build_array": "array", "json_agg": "agg",
	"json_object_agg": "object_agg", "row_to_json": "compact", "to_json": "compact",
	"array_to_json": "compact",
}

// jsonOutTargets makes the result columns of a plain SELECT that are json or jsonb
// (a cast, a json function, a jsonb operator) text written by sluice_json_out, so
// that a json null is the text null (DuckDB's driver reads JSON parsed: null is SQL
// NULL) and the text is PostgreSQL's; it sets their hints to json or jsonb. It
// reports whether it changed the statement.
func jsonOutTargets(stmt *pg.Node, hints *[]ColumnHint) bool {
	s := stmt.GetSelectStmt()
	if s == nil || s.Op != pg.SetOperation_SETOP_NONE || len(s.ValuesLists) > 0 || s.IntoClause != nil {
		return false
	}
	for _, t := range s.TargetList {
		if c := t.GetResTarget().GetVal().GetColumnRef(); c != nil && len(c.Fields) > 0 && c.Fields[len(c.Fields)-1].GetAStar() != nil {
			return false // a star: the session aligns the hints
		}
	}
	changed := false
	for i, t := range s.TargetList {
		val := t.GetResTarget().GetVal()
		if val == nil {
			continue
		}
		style, oid, arg := jsonTarget(val)
		if style == "agg" {
			style = aggStyle(val.GetFuncCall(), s)
		}
		if tc := val.GetTypeCast(); style == "" && tc != nil && len(tc.TypeName.GetNames()) > 0 && len(tc.TypeName.GetArrayBounds()) == 0 {
			// json's text: ::text of a json value is its text as json writes it
			if n := strName(tc.TypeName.Names[len(tc.TypeName.Names)-1]); (n == "text" || n == "varchar") && tc.Arg != nil {
				if st, _, a := jsonTarget(tc.Arg); st != "" {
					tc.Arg = jsonOut(tc.Arg, a, st)
					changed = true
				}
			}
			continue
		}
		if style == "" {
			continue
		}
		if *hints == nil {
			*hints = make([]ColumnHint, len(s.TargetList))
		}
		if i >= len(*hints) {
			return changed
		}
		if agg := jsonAggText(val, style); agg != nil { // jsonb_agg.go
			val.Node = agg.Node
		} else {
			val.Node = jsonOut(val, arg, style).Node
		}
		(*hints)[i].OID, (*hints)[i].Typmod = oid, false
		changed = true
	}
	return changed
}

// jsonOut is sluice_json_out of arg (val itself, or the string a json cast reads) as text.
func jsonOut(val, arg *pg.Node, style string) *pg.Node {
	if arg == val {
		arg = &pg.Node{Node: val.Node}
	}
	return funcCall("sluice_json_out", textOf(arg), pg.MakeAConstStrNode(style, -1))
}

// jsonTarget returns the style sluice_json_out writes a json or jsonb expression in and
// its type, and what to write (val, or the string a json cast reads); "" when val is
// not known to be json.
func jsonTarget(val *pg.Node) (style string, oid uint32, arg *pg.Node) {
	arg = val
	switch x := val.Node.(type) {
	case *pg.Node_TypeCast:
		tn := x.TypeCast.TypeName
		if len(tn.GetNames()) == 0 || len(tn.GetArrayBounds()) > 0 {
			break
		}
		switch strName(tn.Names[len(tn.Names)-1]) {
		case "json":
			style, oid = "json", JSONOID
			if isStringConst(x.TypeCast.Arg) {
				arg = x.TypeCast.Arg // json keeps the text as written
			}
		case "jsonb":
			style, oid = "jsonb", JSONBOID
		}
	case *pg.Node_FuncCall:
		fc := x.FuncCall
		name := strName(fc.Funcname[len(fc.Funcname)-1])
		switch {
		case jsonbFuncs[name]:
			style, oid = "jsonb", JSONBOID
		case jsonStyles[name] != "":
			style, oid = jsonStyles[name], JSONOID
		}
	case *pg.Node_AExpr:
		if operatorOID(x.AExpr) == JSONBOID {
			style, oid = "jsonb", JSONBOID
		} else if jsonArrow(x.AExpr) {
			style, oid = "json", JSONOID
		}
	}
	return style, oid, arg
}

// jsonArrow reports whether e is -> or #> of an operand written as json.
func jsonArrow(e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) == 0 || e.Lexpr == nil || e.Rexpr == nil {
		return false
	}
	op := strName(e.Name[len(e.Name)-1])
	return (op == "->" || op == "#>") && jsonish(e.Lexpr) && jsonType(e.Lexpr, "jsonb") == "json"
}

// aggStyle is json_agg's style by its argument: rows and arrays after the first are on
// a new line, json values not (jsonb ones in jsonb's form); a column that is not a whole
// row is taken for a json one.
func aggStyle(fc *pg.FuncCall, s *pg.SelectStmt) string {
	if fc == nil || len(fc.Args) != 1 {
		return "agg"
	}
	a := fc.Args[0]
	if st, _, _ := jsonTarget(a); st == "jsonb" {
		return "agg_jsonb"
	} else if st != "" {
		return "agg_json"
	}
	switch x := a.Node.(type) {
	case *pg.Node_RowExpr, *pg.Node_AArrayExpr, *pg.Node_ArrayCoerceExpr:
		return "agg"
	case *pg.Node_ColumnRef:
		if len(x.ColumnRef.Fields) == 1 {
			name := strName(x.ColumnRef.Fields[0])
			for _, it := range fromItems(s).items {
				if it.alias == name || it.alias == "" && it.table == name {
					return "agg" // a whole row
				}
			}
		}
		return "agg_json"
	}
	return "agg"
}
