package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// rowNullTest writes ROW(a, b) IS NULL as a IS NULL AND b IS NULL, and IS NOT NULL as
// a IS NOT NULL AND b IS NOT NULL, as PostgreSQL tests a row's fields; DuckDB tests the
// struct itself, which is never NULL. Rows nested in the row are left to DuckDB.
func rowNullTest(n *pg.Node, nt *pg.NullTest) bool {
	re := nt.Arg.GetRowExpr()
	if re == nil || len(re.Args) == 0 {
		return false
	}
	var tests []*pg.Node
	for _, a := range re.Args {
		if a.GetRowExpr() != nil {
			return false
		}
		tests = append(tests, &pg.Node{Node: &pg.Node_NullTest{NullTest: &pg.NullTest{
			Arg: a, Nulltesttype: nt.Nulltesttype, Location: -1,
		}}})
	}
	if len(tests) == 1 {
		n.Node = tests[0].Node
		return true
	}
	n.Node = pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, tests, -1).Node
	return true
}

// rowInList writes (a, b) IN ((c, d), (e, f)) as (a, b) = (c, d) OR (a, b) = (e, f)
// (and NOT IN as its negation), each comparison written field by field with PostgreSQL's
// NULL semantics (missing_ops.go): (1, 2) NOT IN ((1, NULL)) is NULL, not true.
func rowInList(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_IN || len(e.Name) != 1 || rowItems(e.Lexpr) == nil {
		return false
	}
	items := e.Rexpr.GetList().GetItems()
	if len(items) == 0 {
		return false
	}
	var eqs []*pg.Node
	for _, it := range items {
		if len(rowItems(it)) != len(rowItems(e.Lexpr)) {
			return false
		}
		eq := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("=")},
			proto.Clone(e.Lexpr).(*pg.Node), it, -1)
		rowComparison(eq, "=", eq.GetAExpr())
		eqs = append(eqs, eq)
	}
	out := eqs[0]
	if len(eqs) > 1 {
		out = pg.MakeBoolExprNode(pg.BoolExprType_OR_EXPR, eqs, -1)
	}
	if strName(e.Name[0]) == "<>" {
		out = not(out)
	}
	n.Node = out.Node
	return true
}
