package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// subscripts gives array subscripts PostgreSQL's meaning where DuckDB's differs: a
// subscript below 1 finds no element (DuckDB counts a negative one from the end), and a
// slice's bounds are clamped to the array (a[-1:2] is a[1:2]; a[1:-1] is empty, DuckDB
// counts -1 from the end). Positive literal subscripts are left alone.
func subscripts(ind *pg.A_Indirection) bool {
	changed := false
	for _, el := range ind.Indirection {
		ix := el.GetAIndices()
		if ix == nil {
			continue
		}
		if !ix.IsSlice {
			if clampIndex(&ix.Uidx, 1, 0) {
				changed = true
			}
			continue
		}
		if clampIndex(&ix.Lidx, 1, 1) {
			changed = true
		}
		if clampIndex(&ix.Uidx, 0, 0) {
			changed = true
		}
	}
	return changed
}

// clampIndex writes the subscript *p as CASE WHEN i < min THEN to ELSE i END unless it
// is missing, a literal of at least min, or not an integer (a jsonb key).
func clampIndex(p **pg.Node, min, to int64) bool {
	i := *p
	if i == nil {
		return false
	}
	if k := i.GetAConst(); k != nil {
		if iv := k.GetIval(); iv == nil || int64(iv.Ival) >= min {
			return false
		}
	}
	if ce := i.GetCaseExpr(); ce != nil && ce.Location == generated {
		return false
	}
	switch pgKind(i) {
	case 'f', 'n':
		return false
	}
	if tc := i.GetTypeCast(); tc != nil {
		if t := castTypeName(tc); t == "text" || t == "varchar" {
			return false
		}
	}
	below := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("<")}, i,
		pg.MakeAConstIntNode(min, -1), generated)
	*p = &pg.Node{Node: &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Args:      []*pg.Node{pg.MakeCaseWhenNode(below, pg.MakeAConstIntNode(to, -1), -1)},
		Defresult: proto.Clone(i).(*pg.Node),
		Location:  generated,
	}}}
	return true
}

// emptyArrayLength writes array_length(a, d) as nullif(array_length(a, d)::integer, 0):
// the length of an empty array is NULL in PostgreSQL, 0 in DuckDB.
func emptyArrayLength(n *pg.Node, fc *pg.FuncCall) bool {
	if fnName(fc) != "array_length" || len(fc.Args) != 2 || fc.Location == generated || fc.Over != nil {
		return false
	}
	fc.Location = generated
	call := fnCast(&pg.Node{Node: n.Node}, "int4", -1, -1)
	call.GetTypeCast().Location = generated
	n.Node = funcCall("nullif", call, pg.MakeAConstIntNode(0, -1)).Node
	return true
}
