package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// INSERT … VALUES … ON CONFLICT DO NOTHING leaves out a proposed row that conflicts,
// whatever its values: PostgreSQL never looks at a value of such a row beyond its
// type's input. DuckDB computes every proposed row first, so the sandbox's check of a
// value its unbounded numeric cannot hold (NumericFunc, a wide literal, a parameter)
// would refuse the statement (22003) even where the row is left out. NothingOnConflict
// therefore writes each such value as
//
//	CASE WHEN EXISTS (SELECT 1 FROM t AS sluice_k WHERE sluice_k.id = <the row's id>)
//	     THEN CAST(v AS DECIMAL(38,12)) ELSE sluice_numeric(v) END
//
// with one EXISTS per arbiter key (the ON CONFLICT columns, or every primary key and
// unique constraint): a row whose key is already in the table takes DuckDB's rounded
// value (0 for a parameter), which it never stores, and any other row the checked
// one. (A CHECK constraint sees that value in a row that conflicts.) A conflict the
// EXISTS cannot see (a key the statement does not write plainly, a duplicate within
// the statement, a unique index that is no constraint) leaves the check in place: the
// sandbox may refuse where PostgreSQL inserts nothing, never store a rounded value.

// ConflictTable is what NothingOnConflict needs to know of the table an INSERT writes.
type ConflictTable struct {
	Columns []string
	Kinds   []NumericKind // by column
	// Keys are the columns of its primary key and unique constraints.
	Keys [][]string
}

// NothingOnConflict rewrites sql, an INSERT … VALUES … ON CONFLICT [(cols)] DO
// NOTHING the front end translated, as described above; table describes the table
// it writes. It returns the parameters ($n) it wrapped, which the caller must bind
// unchecked (the statement checks them), and false when it changed nothing.
func NothingOnConflict(sql string, table func(schema, name string) ConflictTable) (string, []int, bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, nil, false
	}
	ins := res.Stmts[0].Stmt.GetInsertStmt()
	if ins == nil || ins.Relation == nil || ins.OnConflictClause == nil ||
		ins.OnConflictClause.Action != pg.OnConflictAction_ONCONFLICT_NOTHING {
		return sql, nil, false
	}
	sel := ins.SelectStmt.GetSelectStmt()
	if sel == nil || len(sel.ValuesLists) == 0 {
		return sql, nil, false
	}
	schema := ins.Relation.Schemaname
	if schema == "public" {
		schema = "main"
	}
	ct := table(schema, ins.Relation.Relname)
	targets := ct.Columns
	if len(ins.Cols) > 0 {
		targets = nil
		for _, c := range ins.Cols {
			targets = append(targets, c.GetResTarget().GetName())
		}
	}
	kindOf := func(col string) NumericKind {
		for i, c := range ct.Columns {
			if strings.EqualFold(c, col) && i < len(ct.Kinds) {
				return ct.Kinds[i]
			}
		}
		return NotNumeric
	}
	keys := ct.Keys
	if inf := ins.OnConflictClause.Infer; inf != nil {
		if inf.Conname != "" || inf.WhereClause != nil {
			return sql, nil, false
		}
		var key []string
		for _, e := range inf.IndexElems {
			ie := e.GetIndexElem()
			if ie == nil || ie.Name == "" {
				return sql, nil, false // an expression index
			}
			key = append(key, ie.Name)
		}
		if len(key) > 0 {
			keys = [][]string{key}
		}
	}
	var params []int
	changed := false
	for _, row := range sel.ValuesLists {
		items := row.GetList().GetItems()
		valueOf := func(col string) *pg.Node {
			for i, t := range targets {
				if strings.EqualFold(t, col) && i < len(items) {
					return items[i]
				}
			}
			return nil
		}
		var cond *pg.Node
		for _, key := range keys {
			if e := keyExists(ins.Relation, key, valueOf); e != nil {
				if cond == nil {
					cond = e
				} else {
					cond = pg.MakeBoolExprNode(pg.BoolExprType_OR_EXPR, []*pg.Node{cond, e}, -1)
				}
			}
		}
		if cond == nil {
			continue
		}
		for i, v := range items {
			if i >= len(targets) || !needsCheck(v) {
				continue
			}
			k := kindOf(targets[i])
			if k == NotNumeric {
				continue
			}
			if p := v.GetParamRef(); p != nil {
				if k != NumericValue {
					continue // an array parameter: checked when bound
				}
				params = append(params, int(p.Number))
			}
			items[i], changed = conflictCase(proto.Clone(cond).(*pg.Node), v, k), true
		}
	}
	if !changed {
		return sql, nil, false
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, nil, false
	}
	return quoteDuckKeywords(out), params, true
}

// keyExists is EXISTS (SELECT 1 FROM rel AS sluice_k WHERE sluice_k.c = v …) for the
// key columns and the row's values (valueOf); nil when a key column is not written
// plainly (a literal, a parameter, or a cast of one), so the conflict cannot be told.
func keyExists(rel *pg.RangeVar, key []string, valueOf func(string) *pg.Node) *pg.Node {
	var conds []*pg.Node
	for _, col := range key {
		v := valueOf(col)
		if v == nil || !repeatable(v) {
			return nil
		}
		ref := pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode("sluice_k"), pg.MakeStrNode(col)}, -1)
		conds = append(conds, pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("=")}, ref, proto.Clone(v).(*pg.Node), -1))
	}
	if len(conds) == 0 {
		return nil
	}
	where := conds[0]
	if len(conds) > 1 {
		where = pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, conds, -1)
	}
	from := proto.Clone(rel).(*pg.RangeVar)
	from.Alias = &pg.Alias{Aliasname: "sluice_k"}
	sub := &pg.SelectStmt{
		TargetList:  []*pg.Node{pg.MakeResTargetNodeWithVal(pg.MakeAConstIntNode(1, -1), -1)},
		FromClause:  []*pg.Node{{Node: &pg.Node_RangeVar{RangeVar: from}}},
		WhereClause: where,
	}
	return &pg.Node{Node: &pg.Node_SubLink{SubLink: &pg.SubLink{SubLinkType: pg.SubLinkType_EXISTS_SUBLINK,
		Subselect: &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: sub}}}}}
}

// repeatable reports whether a key value can be written twice with the same value:
// a literal, a parameter, or a cast or negation of one.
func repeatable(n *pg.Node) bool {
	if c := n.GetTypeCast(); c != nil && c.Arg != nil {
		n = c.Arg
	}
	if e := n.GetAExpr(); e != nil && e.Lexpr == nil && len(e.Name) == 1 && strName(e.Name[0]) == "-" {
		n = e.Rexpr
	}
	return n.GetAConst() != nil || n.GetParamRef() != nil
}

// needsCheck reports whether a value written into an unbounded numeric column may be
// refused: anything but NULL, DEFAULT and a literal that fits.
func needsCheck(v *pg.Node) bool {
	if v.GetSetToDefault() != nil {
		return false
	}
	lit := v
	if e := v.GetAExpr(); e != nil && e.Lexpr == nil && len(e.Name) == 1 && strName(e.Name[0]) == "-" {
		lit = e.Rexpr
	}
	if c := lit.GetAConst(); c != nil {
		if c.Isnull || c.GetIval() != nil {
			return false
		}
		if f := c.GetFval(); f != nil {
			return containsAny(f.Fval, "eE") || wideLiteral(lit)
		}
	}
	return true
}

// conflictCase is CASE WHEN cond THEN CAST(v AS the column's type) ELSE checked v END;
// for a parameter CASE WHEN cond THEN 0 ELSE NumericTextFunc($n) END, so that DuckDB
// types it as text (the sandbox binds it as its exact text, plan.sqlNumParams).
func conflictCase(cond, v *pg.Node, k NumericKind) *pg.Node {
	if v.GetParamRef() != nil {
		return &pg.Node{Node: &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
			Args:      []*pg.Node{pg.MakeCaseWhenNode(cond, pg.MakeAConstIntNode(0, -1), -1)},
			Defresult: funcCall(NumericTextFunc, v),
		}}}
	}
	tn := &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("pg_catalog"), pg.MakeStrNode("numeric")}, Typemod: -1,
		Typmods: []*pg.Node{pg.MakeAConstIntNode(UnboundedPrecision, -1), pg.MakeAConstIntNode(UnboundedScale, -1)}}
	checked := funcCall(NumericFunc, proto.Clone(v).(*pg.Node))
	if k == NumericArray {
		tn.ArrayBounds = []*pg.Node{pg.MakeIntNode(-1)}
		checked = numericList(proto.Clone(v).(*pg.Node))
	}
	rounded := &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: v, TypeName: tn}}}
	return &pg.Node{Node: &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Args:      []*pg.Node{pg.MakeCaseWhenNode(cond, rounded, -1)},
		Defresult: checked,
	}}}
}
