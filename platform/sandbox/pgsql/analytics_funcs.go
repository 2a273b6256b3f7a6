package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// arrayPositionStart writes array_position(a, x, start), which DuckDB lacks, as
// array_position(a[s:], x) + s - 1, s the start or 1 when it is below 1 (as PostgreSQL
// starts there).
func arrayPositionStart(n *pg.Node, fc *pg.FuncCall) bool {
	if fnName(fc) != "array_position" || len(fc.Args) != 3 || fc.Location == generated {
		return false
	}
	a, x, s := fc.Args[0], fc.Args[1], fc.Args[2]
	if hasParam(s) || volatile(s) {
		return false
	}
	start := func() *pg.Node {
		if positive(s) {
			return proto.Clone(s).(*pg.Node)
		}
		below := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("<")}, proto.Clone(s).(*pg.Node),
			pg.MakeAConstIntNode(1, -1), generated)
		return &pg.Node{Node: &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
			Args:      []*pg.Node{pg.MakeCaseWhenNode(below, pg.MakeAConstIntNode(1, -1), -1)},
			Defresult: proto.Clone(s).(*pg.Node), Location: generated,
		}}}
	}
	tail := &pg.Node{Node: &pg.Node_AIndirection{AIndirection: &pg.A_Indirection{Arg: a,
		Indirection: []*pg.Node{{Node: &pg.Node_AIndices{AIndices: &pg.A_Indices{IsSlice: true, Lidx: start()}}}}}}}
	call := funcCall("array_position", tail, x)
	call.GetFuncCall().Location = generated
	n.Node = fnOp("-", fnOp("+", call, start()), pg.MakeAConstIntNode(1, -1)).Node
	return true
}
