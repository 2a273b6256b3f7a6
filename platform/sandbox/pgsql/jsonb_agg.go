package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// jsonAggText writes json_agg and jsonb_agg of a column whose values are json or
// jsonb as PostgreSQL does: each element's text as stored (a json value's text as
// written, a jsonb value's normal text), joined by ", ". DuckDB's json_group_array
// parses its elements and writes them again (compact, 1.50 as 1.5), and the front end
// cannot tell a json column from another, so the choice is DuckDB's, by the column's
// type when the query runs:
//
//	CASE WHEN any_value(typeof(x)) = 'JSON'
//	     THEN sluice_json_out(printf('[%s]', string_agg(coalesce(x::string, 'null'), ', ')), style)
//	     ELSE <as before> END
//
// It returns nil when val is not such a call (style agg_json, or jsonb of jsonb_agg).
func jsonAggText(val *pg.Node, style string) *pg.Node {
	fc := val.GetFuncCall()
	if fc == nil || len(fc.Args) != 1 || fc.AggStar || fc.Over != nil || fc.Args[0].GetColumnRef() == nil {
		return nil
	}
	name := strName(fc.Funcname[len(fc.Funcname)-1])
	outStyle := "json"
	switch {
	case style == "agg_json" && name == "json_agg":
	case style == "jsonb" && name == "jsonb_agg":
		outStyle = "jsonb"
	default:
		return nil
	}
	clone := func(n *pg.Node) *pg.Node {
		if n == nil {
			return nil
		}
		return proto.Clone(n).(*pg.Node)
	}
	x := fc.Args[0]
	kind := funcCall("any_value", funcCall("typeof", clone(x)))
	kind.GetFuncCall().AggFilter = clone(fc.AggFilter)
	elem := &pg.Node{Node: &pg.Node_CoalesceExpr{CoalesceExpr: &pg.CoalesceExpr{
		Args: []*pg.Node{textOf(clone(x)), pg.MakeAConstStrNode("null", -1)}, Location: -1}}}
	agg := funcCall("string_agg", elem, pg.MakeAConstStrNode(", ", -1))
	a := agg.GetFuncCall()
	a.AggFilter, a.AggDistinct = clone(fc.AggFilter), fc.AggDistinct
	for _, o := range fc.AggOrder {
		a.AggOrder = append(a.AggOrder, clone(o))
	}
	// printf, not ||, whose operands the front end would write as text again; the
	// THEN branch has at least one row, so string_agg is not NULL.
	text := funcCall("printf", pg.MakeAConstStrNode("[%s]", -1), agg)
	isJSON := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("=")}, kind, pg.MakeAConstStrNode("JSON", -1), -1)
	c := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(isJSON,
		funcCall("sluice_json_out", text, pg.MakeAConstStrNode(outStyle, -1)), -1)}, -1)
	c.GetCaseExpr().Defresult = jsonOut(val, val, style)
	return c
}
