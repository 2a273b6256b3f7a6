package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// Star stands in Statement.Names for the columns one * of the target list expands to,
// whose names are the relations' own (DuckDB's names for them are right).
const Star = "*"

// resultNames returns the names PostgreSQL gives the result columns of stmt, or nil
// when they cannot be known from the statement alone (a statement that returns no
// rows or whose columns come from elsewhere, more than one *).
func resultNames(stmt *pg.Node) []string {
	switch n := stmt.GetNode().(type) {
	case *pg.Node_SelectStmt:
		return selectNames(n.SelectStmt)
	case *pg.Node_InsertStmt:
		return targetNames(n.InsertStmt.GetReturningList())
	case *pg.Node_UpdateStmt:
		return targetNames(n.UpdateStmt.GetReturningList())
	case *pg.Node_DeleteStmt:
		return targetNames(n.DeleteStmt.GetReturningList())
	}
	return nil
}

func selectNames(s *pg.SelectStmt) []string {
	if s == nil {
		return nil
	}
	if s.Op != pg.SetOperation_SETOP_NONE {
		return selectNames(s.Larg) // a set operation's columns are named by its left side
	}
	if len(s.ValuesLists) > 0 {
		row, _ := s.ValuesLists[0].GetNode().(*pg.Node_List)
		if row == nil {
			return nil
		}
		names := make([]string, len(row.List.Items))
		for i := range names {
			names[i] = "column" + itoa(i+1)
		}
		return names
	}
	return targetNames(s.TargetList)
}

// targetNames names a target list's columns as PostgreSQL's FigureColname does.
func targetNames(list []*pg.Node) []string {
	if len(list) == 0 {
		return nil
	}
	names := make([]string, 0, len(list))
	stars := 0
	for _, t := range list {
		rt := t.GetResTarget()
		if rt == nil {
			return nil
		}
		if rt.Name != "" {
			names = append(names, rt.Name)
			continue
		}
		if isStar(rt.Val) {
			if stars++; stars > 1 {
				return nil
			}
			names = append(names, Star)
			continue
		}
		name, _ := figureName(rt.Val)
		names = append(names, name)
	}
	return names
}

// MergeNames returns the names to announce for a result whose columns DuckDB named
// duck: PostgreSQL's names, with a Star replaced by DuckDB's names of the columns it
// expanded to; duck when the counts do not fit.
func MergeNames(names, duck []string) []string {
	star := -1
	for i, n := range names {
		if n == Star {
			star = i
		}
	}
	if star < 0 {
		if len(names) == len(duck) {
			return names
		}
		return duck
	}
	expanded := len(duck) - (len(names) - 1)
	if expanded < 0 {
		return duck
	}
	out := make([]string, 0, len(duck))
	out = append(out, names[:star]...)
	out = append(out, duck[star:star+expanded]...)
	return append(out, names[star+1:]...)
}

func isStar(n *pg.Node) bool {
	cr := n.GetColumnRef()
	if cr == nil || len(cr.Fields) == 0 {
		return false
	}
	return cr.Fields[len(cr.Fields)-1].GetAStar() != nil
}

// figureName returns an expression's column name and the strength of the guess (0: no
// name, PostgreSQL's "?column?"; 1: a weak name such as a cast's type; 2: a real name),
// following PostgreSQL's FigureColnameInternal.
func figureName(n *pg.Node) (string, int) {
	switch x := n.GetNode().(type) {
	case *pg.Node_ColumnRef:
		f := x.ColumnRef.Fields
		if len(f) > 0 {
			if s := f[len(f)-1].GetString_(); s != nil {
				return s.Sval, 2
			}
		}
	case *pg.Node_AIndirection:
		for i := len(x.AIndirection.Indirection) - 1; i >= 0; i-- {
			if s := x.AIndirection.Indirection[i].GetString_(); s != nil {
				return s.Sval, 2 // the last field name, whatever subscripts follow
			}
		}
		return figureName(x.AIndirection.Arg)
	case *pg.Node_FuncCall:
		fn := x.FuncCall.Funcname
		if len(fn) > 0 {
			if s := fn[len(fn)-1].GetString_(); s != nil {
				return s.Sval, 2
			}
		}
	case *pg.Node_AExpr:
		if x.AExpr.Kind == pg.A_Expr_Kind_AEXPR_NULLIF {
			return "nullif", 2
		}
	case *pg.Node_TypeCast:
		name, strength := figureName(x.TypeCast.Arg)
		if strength <= 1 && x.TypeCast.TypeName != nil {
			if tn := x.TypeCast.TypeName.Names; len(tn) > 0 {
				if s := tn[len(tn)-1].GetString_(); s != nil {
					return s.Sval, 1
				}
			}
		}
		return name, strength
	case *pg.Node_CollateClause:
		return figureName(x.CollateClause.Arg)
	case *pg.Node_GroupingFunc:
		return "grouping", 2
	case *pg.Node_SubLink:
		switch x.SubLink.SubLinkType {
		case pg.SubLinkType_EXISTS_SUBLINK:
			return "exists", 2
		case pg.SubLinkType_ARRAY_SUBLINK:
			return "array", 2
		case pg.SubLinkType_EXPR_SUBLINK:
			// The name PostgreSQL gave the subquery's single column, its label or
			// the name figured from its expression.
			// (a set operation's left side names it, VALUES "column1").
			if names := selectNames(x.SubLink.Subselect.GetSelectStmt()); len(names) > 0 && names[0] != Star {
				return names[0], 2
			}
		}
	case *pg.Node_CaseExpr:
		name, strength := figureName(x.CaseExpr.Defresult)
		if strength <= 1 {
			return "case", 1
		}
		return name, strength
	case *pg.Node_AArrayExpr:
		return "array", 2
	case *pg.Node_RowExpr:
		return "row", 2
	case *pg.Node_CoalesceExpr:
		return "coalesce", 2
	case *pg.Node_MinMaxExpr:
		if x.MinMaxExpr.Op == pg.MinMaxOp_IS_GREATEST {
			return "greatest", 2
		}
		return "least", 2
	case *pg.Node_SqlvalueFunction:
		if name, ok := sqlValueNames[x.SqlvalueFunction.Op]; ok {
			return name, 2
		}
	}
	return "?column?", 0
}

var sqlValueNames = map[pg.SQLValueFunctionOp]string{
	pg.SQLValueFunctionOp_SVFOP_CURRENT_DATE:        "current_date",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_TIME:        "current_time",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N:      "current_time",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP:   "current_timestamp",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N: "current_timestamp",
	pg.SQLValueFunctionOp_SVFOP_LOCALTIME:           "localtime",
	pg.SQLValueFunctionOp_SVFOP_LOCALTIME_N:         "localtime",
	pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP:      "localtimestamp",
	pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:    "localtimestamp",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:        "current_role",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_USER:        "current_user",
	pg.SQLValueFunctionOp_SVFOP_USER:                "user",
	pg.SQLValueFunctionOp_SVFOP_SESSION_USER:        "session_user",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:     "current_catalog",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:      "current_schema",
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
