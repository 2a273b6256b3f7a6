package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// anyDone marks the comparisons nullArrayAny wrapped (other rewrites leave alone only
// the location generated).
const anyDone = -3

// nullArrayAny writes x op ANY(a) and x op ALL(a), a an array expression that may be
// NULL (a column, a function), as CASE WHEN a IS NULL THEN NULL ELSE x op ANY(a) END:
// PostgreSQL's ANY and ALL of a NULL array are NULL, DuckDB's false and true, so
// NOT (x = ANY(a)) and x <> ALL(a) kept the rows whose array is NULL. Arrays written
// out, literals and parameters are left alone.
func nullArrayAny(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP_ANY && e.Kind != pg.A_Expr_Kind_AEXPR_OP_ALL || e.Lexpr == nil || e.Rexpr == nil ||
		e.Location == generated || e.Location == anyDone {
		return false
	}
	a := e.Rexpr
	if tc := a.GetTypeCast(); tc != nil && (tc.Arg.GetAConst() != nil && !tc.Arg.GetAConst().Isnull || tc.Arg.GetAArrayExpr() != nil) {
		return false // '{1,2}'::int[], ARRAY[…]::text[]
	}
	switch a.Node.(type) {
	case *pg.Node_AArrayExpr, *pg.Node_AConst, *pg.Node_ParamRef, *pg.Node_SubLink:
		return false
	}
	if hasParam(a) || volatile(a) {
		return false
	}
	e.Location = anyDone
	isNull := &pg.Node{Node: &pg.Node_NullTest{NullTest: &pg.NullTest{
		Arg: proto.Clone(a).(*pg.Node), Nulltesttype: pg.NullTestType_IS_NULL, Location: -1,
	}}}
	null := &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{
		Arg:      &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Isnull: true, Location: -1}}},
		TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("bool")}, Typemod: -1}, Location: -1,
	}}}
	n.Node = &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Args:      []*pg.Node{pg.MakeCaseWhenNode(isNull, null, -1)},
		Defresult: &pg.Node{Node: n.Node},
		Location:  -1,
	}}
	return true
}
