package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// Arguments PostgreSQL refuses where DuckDB computes something (NULLs, an empty frame)
// or refuses with another SQLSTATE: a frame offset that is negative or NULL (22013,
// 22004), nth_value's and ntile's argument below 1 (22016, 22014), a negative LIMIT or
// OFFSET (2201W, 2201X). Literals only; each becomes CAST(error('PostgreSQL's
// message') AS bigint), which errors.go maps to the SQLSTATE.

// refused is CAST(error(msg) AS bigint).
func refused(msg string) *pg.Node {
	c := fnCast(funcCall("error", pg.MakeAConstStrNode(msg, -1)), "int8", -1, -1)
	c.GetTypeCast().Location = generated
	return c
}

// literalValue returns the value of an integer literal (also written with a unary
// minus), or reports NULL; ok is false for anything else.
func literalValue(n *pg.Node) (v float64, isNull, ok bool) {
	if n == nil {
		return 0, false, false
	}
	if k := n.GetAConst(); k != nil {
		switch {
		case k.Isnull:
			return 0, true, true
		case k.GetIval() != nil:
			return float64(k.GetIval().Ival), false, true
		}
		return 0, false, false
	}
	if e := n.GetAExpr(); e != nil && e.Kind == pg.A_Expr_Kind_AEXPR_OP && e.Lexpr == nil && len(e.Name) == 1 && strName(e.Name[0]) == "-" {
		if v, null, ok := literalValue(e.Rexpr); ok && !null {
			return -v, false, true
		}
	}
	return 0, false, false
}

// frameOffsets refuses negative or NULL literal frame offsets of w.
func frameOffsets(w *pg.WindowDef) bool {
	if w == nil {
		return false
	}
	changed := false
	for _, o := range []struct {
		p    **pg.Node
		what string
	}{{&w.StartOffset, "starting"}, {&w.EndOffset, "ending"}} {
		v, null, ok := literalValue(*o.p)
		switch {
		case !ok:
		case null:
			*o.p, changed = refused("frame "+o.what+" offset must not be null"), true
		case v < 0:
			*o.p, changed = refused("frame "+o.what+" offset must not be negative"), true
		}
	}
	return changed
}

// windowArgs refuses nth_value(x, n) and ntile(n) with a literal n below 1, and the
// negative frame offsets of the call's window.
func windowArgs(fc *pg.FuncCall) bool {
	changed := frameOffsets(fc.Over)
	if fc.Over == nil {
		return changed
	}
	i, msg := -1, ""
	switch fnName(fc) {
	case "nth_value":
		i, msg = 1, "argument of nth_value must be greater than zero"
	case "ntile":
		i, msg = 0, "argument of ntile must be greater than zero"
	}
	if i >= 0 && i < len(fc.Args) {
		if v, null, ok := literalValue(fc.Args[i]); ok && !null && v < 1 {
			fc.Args[i], changed = refused(msg), true
		}
	}
	return changed
}

// limitArgs refuses a negative literal LIMIT or OFFSET, and writes ORDER BY x USING <
// and USING > as ASC and DESC (DuckDB has no USING).
func limitArgs(s *pg.SelectStmt) bool {
	changed := false
	if v, null, ok := literalValue(s.LimitCount); ok && !null && v < 0 {
		s.LimitCount, changed = refused("LIMIT must not be negative"), true
	}
	if v, null, ok := literalValue(s.LimitOffset); ok && !null && v < 0 {
		s.LimitOffset, changed = refused("OFFSET must not be negative"), true
	}
	for _, k := range s.SortClause {
		sb := k.GetSortBy()
		if sb == nil || sb.SortbyDir != pg.SortByDir_SORTBY_USING || len(sb.UseOp) == 0 {
			continue
		}
		switch strName(sb.UseOp[len(sb.UseOp)-1]) {
		case "<":
			sb.SortbyDir, sb.UseOp, changed = pg.SortByDir_SORTBY_ASC, nil, true
		case ">":
			sb.SortbyDir, sb.UseOp, changed = pg.SortByDir_SORTBY_DESC, nil, true
		}
	}
	return changed
}
