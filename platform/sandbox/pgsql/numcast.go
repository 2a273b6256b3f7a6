package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Casts whose value DuckDB computes differently from PostgreSQL, silently:
//
//   - numeric to an integer type rounds half away from zero in PostgreSQL, double
//     precision half to even (rint). DuckDB divides numeric as DOUBLE (x / 2.0,
//     x::numeric / 2, numeric columns divided), so (1 / 2.0)::int is 0 where PostgreSQL
//     says 1. A cast to an integer type of arithmetic whose PostgreSQL type is numeric
//     rounds its value half away from zero (DuckDB's round) before the cast.
//   - text to double precision or real out of the type's range: PostgreSQL raises
//     22003, DuckDB reads Infinity or 0 (numcast_float.go).

// numCastRewrite changes n in place when it is one of the casts above and notes the
// change; it never replaces n, so the cast's other rewrites still follow.
func (r *rewriter) numCastRewrite(n *pg.Node) {
	tc := n.GetTypeCast()
	if tc == nil || tc.Arg == nil || tc.TypeName == nil || len(tc.TypeName.ArrayBounds) > 0 || len(tc.TypeName.Names) == 0 {
		return
	}
	if intRoundCast(tc) || floatRangeCast(tc) {
		r.changed = true
	}
}

// intRoundCast writes x::int (int2, int8, CAST(x AS bigint)…) as round(x)::int when x's
// PostgreSQL type is numeric: arithmetic with a division or avg (which DuckDB computes
// as DOUBLE) of numeric literals, numeric casts, avg and sum, integers and columns; only
// casts the client wrote. A column's type is asked of DuckDB (typeof, which it
// folds): where any column is DOUBLE or FLOAT, PostgreSQL computes double precision
// and x is left to DuckDB's cast, which rounds half to even as PostgreSQL's does.
func intRoundCast(tc *pg.TypeCast) bool {
	if _, ok := intCastTypes[strName(tc.TypeName.Names[len(tc.TypeName.Names)-1])]; !ok {
		return false
	}
	x := tc.Arg
	switch {
	case x.GetAExpr() != nil:
	case x.GetFuncCall() != nil && x.GetFuncCall().Location != generated:
	default:
		return false // a column or a cast: DuckDB's cast of DECIMAL rounds as PostgreSQL's
	}
	if tc.Location < 0 || !findNode(x, doubleInDuck) {
		return false // the front end's own casts; DuckDB keeps + - * of DECIMAL a DECIMAL
	}
	var checks []*pg.Node
	kind, ok := numCastKind(x, false, &checks)
	if !ok || kind == 'f' || kind == 'i' && len(checks) == 0 {
		return false
	}
	round := pg.MakeFuncCallNode([]*pg.Node{pg.MakeStrNode("round")}, []*pg.Node{x}, generated)
	if len(checks) == 0 {
		tc.Arg = round
		return true
	}
	var conds []*pg.Node
	for _, c := range checks {
		conds = append(conds, pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_IN, []*pg.Node{pg.MakeStrNode("<>")}, funcCall("typeof", c),
			pg.MakeListNode([]*pg.Node{pg.MakeAConstStrNode("DOUBLE", -1), pg.MakeAConstStrNode("FLOAT", -1)}), generated))
	}
	cond := conds[0]
	if len(conds) > 1 {
		cond = pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, conds, -1)
	}
	round.GetFuncCall().Args = []*pg.Node{clone(x)}
	c := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(cond, round, -1)}, -1)
	c.GetCaseExpr().Defresult = x
	tc.Arg = c
	return true
}

// doubleInDuck reports whether m is a division or avg, which DuckDB computes as
// DOUBLE where PostgreSQL's operands are numeric.
func doubleInDuck(m protoreflect.Message) bool {
	switch x := m.Interface().(type) {
	case *pg.A_Expr:
		return len(x.Name) == 1 && strName(x.Name[0]) == "/"
	case *pg.FuncCall:
		return len(x.Funcname) == 1 && strName(x.Funcname[0]) == "avg"
	}
	return false
}

// numCastKind is the PostgreSQL type of n when n is made only of numbers, columns,
// casts to numeric, integer or float types, + - * / %, and avg or sum: 'n' numeric,
// 'i' an integer, 'f' double precision, 0 told by the columns, whose checks (typeof's
// argument: the column, or min(column) under an aggregate) are added to checks. ok is
// false for anything else.
func numCastKind(n *pg.Node, inAgg bool, checks *[]*pg.Node) (kind byte, ok bool) {
	switch x := n.GetNode().(type) {
	case *pg.Node_AConst:
		switch {
		case x.AConst.GetIval() != nil:
			return 'i', true
		case x.AConst.GetFval() != nil:
			return 'n', true
		}
	case *pg.Node_ColumnRef:
		c := clone(n)
		if inAgg {
			c = funcCall("min", c)
		}
		*checks = append(*checks, c)
		return 0, true
	case *pg.Node_TypeCast:
		switch k := pgKind(n); k {
		case 'f', 'n', 'i':
			return k, true
		}
	case *pg.Node_AExpr:
		e := x.AExpr
		if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || e.Rexpr == nil {
			return 0, false
		}
		switch strName(e.Name[0]) {
		case "+", "-", "*", "/", "%":
		default:
			return 0, false
		}
		r, ok := numCastKind(e.Rexpr, inAgg, checks)
		if !ok || e.Lexpr == nil {
			return r, ok
		}
		l, ok := numCastKind(e.Lexpr, inAgg, checks)
		switch {
		case !ok:
			return 0, false
		case l == 'f' || r == 'f':
			return 'f', true
		case l == 'n' || r == 'n':
			return 'n', true
		case l == 0 || r == 0:
			return 0, true
		}
		return 'i', true
	case *pg.Node_FuncCall:
		fc := x.FuncCall
		if inAgg || len(fc.Funcname) != 1 || len(fc.Args) != 1 || fc.Over != nil || fc.AggStar || fc.AggDistinct || len(fc.AggOrder) > 0 || fc.AggFilter != nil {
			return 0, false
		}
		name := strName(fc.Funcname[0])
		if name != "avg" && name != "sum" {
			return 0, false
		}
		k, ok := numCastKind(fc.Args[0], true, checks)
		if !ok || k == 'f' {
			return k, ok
		}
		if name == "sum" && k == 'i' {
			return 'i', true
		}
		return 'n', true // avg of integers or numeric, sum of numeric (or columns, checked)
	}
	return 0, false
}
