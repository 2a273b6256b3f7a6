package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// The sandbox's Go functions that give numeric results PostgreSQL's types and display
// scales (the sandbox's resulttype.go). Each is a set of overloads DuckDB picks from by
// its arguments' types: double precision arguments give double precision, integers
// the integer type PostgreSQL gives, anything else (integers of a numeric result,
// DECIMAL, the numeric text of another of these functions) the exact numeric, written
// as text with PostgreSQL's display scale and announced as numeric.
const (
	ResultAvg    = "sluice_r_avg"    // (sum(x), count(x), avg(x)): avg
	ResultSum    = "sluice_r_sum"    // (sum(x), a value of x's type): sum
	ResultVar    = "sluice_r_var"    // (sum(x), sum(x*x), count(x), DuckDB's, kind): stddev & co.
	ResultDiv    = "sluice_r_div"    // a / b
	ResultMul    = "sluice_r_mul"    // a * b
	ResultAdd    = "sluice_r_add"    // a + b
	ResultSub    = "sluice_r_sub"    // a - b
	ResultNeg    = "sluice_r_neg"    // -a
	ResultRound  = "sluice_r_round"  // (a, n, mode): round(a, n), trunc(a, n); mode round or trunc
	ResultRound1 = "sluice_r_round1" // (a, mode): round(a), trunc(a); mode round1 or trunc1
)

// TranslateDuckTypes is Translate without the result functions: the session's
// second try when DuckDB refuses them (avg of an interval, which DuckDB cannot sum).
func TranslateDuckTypes(sql string) Statement { return translate(sql, false) }

// varKinds are the variance and standard deviation aggregates PostgreSQL computes
// in numeric for integer and numeric arguments.
var varKinds = map[string]bool{
	"stddev": true, "stddev_samp": true, "stddev_pop": true,
	"variance": true, "var_samp": true, "var_pop": true,
}

// numericResultTargets rewrites the result columns of a plain SELECT whose PostgreSQL
// type is numeric where DuckDB's is another — avg, sum of integers, division of
// numerics, and the arithmetic and round() over them — into calls of the sandbox's
// result functions, and marks their hints numeric (the session announces a column
// numeric when DuckDB gives the functions' text). round(x, n) of anything else
// becomes a DECIMAL(38, n), PostgreSQL's display scale. An ORDER BY naming such a
// column by its name or position orders by the original expression. Only the result
// columns change: an expression in WHERE, HAVING, a subquery or a view keeps DuckDB's
// type. It reports whether it changed the statement.
func numericResultTargets(stmt *pg.Node, hints *[]ColumnHint) bool {
	s := stmt.GetSelectStmt()
	if s == nil || s.Op != pg.SetOperation_SETOP_NONE || len(s.ValuesLists) > 0 || s.IntoClause != nil {
		return false
	}
	for _, t := range s.TargetList {
		if c := t.GetResTarget().GetVal().GetColumnRef(); c != nil && len(c.Fields) > 0 && c.Fields[len(c.Fields)-1].GetAStar() != nil {
			return false // a star: the session aligns the hints
		}
	}
	grouped := len(s.GroupClause) > 0
	changed := false
	for i, t := range s.TargetList {
		rt := t.GetResTarget()
		val := rt.GetVal()
		if val == nil || !resultCandidate(val) || hasParam(val) || grouped && !hasAggregate(val) {
			// A parameter needs the typing the rewriter gives it; a grouped
			// expression must stay the one GROUP BY names.
			continue
		}
		orig := proto.Clone(val).(*pg.Node)
		out, prog, ch := numericResult(val)
		if !ch {
			continue
		}
		if s.DistinctClause != nil && sortRefers(s.SortClause, rt.Name, i) {
			continue
		}
		rt.Val = out
		restoreSort(s.SortClause, rt.Name, i, orig)
		changed = true
		if !prog {
			continue
		}
		if *hints == nil {
			*hints = make([]ColumnHint, len(s.TargetList))
		}
		if i < len(*hints) {
			(*hints)[i].OID, (*hints)[i].Typmod = NumericOID, false
		}
	}
	return changed
}

// numericResult rewrites n (a result column's expression or part of one): out is
// what replaces it, prog whether out calls a result function (its value may be the
// numeric text), changed whether out differs from n.
func numericResult(n *pg.Node) (out *pg.Node, prog, changed bool) {
	switch x := n.GetNode().(type) {
	case *pg.Node_FuncCall:
		fc := x.FuncCall
		if len(fc.Funcname) == 0 || fc.AggWithinGroup || len(fc.Funcname) == 2 && strName(fc.Funcname[0]) != "pg_catalog" || len(fc.Funcname) > 2 {
			return n, false, false
		}
		name := strName(fc.Funcname[len(fc.Funcname)-1])
		switch {
		case name == "avg" && len(fc.Args) == 1 && !fc.AggStar && pgKind(fc.Args[0]) != 'f':
			a := fc.Args[0]
			return funcCall(ResultAvg, aggLike(fc, "sum", a), aggLike(fc, "count", a)), true, true
		case name == "sum" && len(fc.Args) == 1 && !fc.AggStar && pgKind(fc.Args[0]) != 'f' && pgKind(fc.Args[0]) != 'n':
			a := fc.Args[0]
			tmpl := proto.Clone(a).(*pg.Node) // x's type: x itself beside a window function
			if fc.Over == nil {
				tmpl = funcCall("any_value", tmpl)
			}
			return funcCall(ResultSum, aggLike(fc, "sum", a), tmpl), true, true
		case varKinds[name] && len(fc.Args) == 1 && !fc.AggStar && pgKind(fc.Args[0]) != 'f':
			a := fc.Args[0]
			wide := func() *pg.Node { // x + 0::HUGEINT: integers squared without overflow
				return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("+")},
					proto.Clone(a).(*pg.Node), exprCastTo(pg.MakeAConstIntNode(0, -1), "hugeint"), generated)
			}
			sq := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("*")}, wide(), wide(), generated)
			return funcCall(ResultVar, aggLike(fc, "sum", a), aggLike(fc, "sum", sq), aggLike(fc, "count", a),
				aggLike(fc, name, a), pg.MakeAConstStrNode(name, -1)), true, true
		case name == "ntile" && fc.Over != nil:
			return exprCastTo(n, "int4"), false, true // DuckDB's ntile is bigint
		case (name == "round" || name == "trunc") && (len(fc.Args) == 1 || len(fc.Args) == 2) && fc.Over == nil && !fc.AggStar:
			arg, p, _ := numericResult(fc.Args[0])
			places, mode := pg.MakeAConstIntNode(0, -1), name+"1"
			if len(fc.Args) == 2 {
				places, mode = fc.Args[1], name
			}
			if p && len(fc.Args) == 1 {
				return funcCall(ResultRound1, arg, pg.MakeAConstStrNode(mode, -1)), true, true
			}
			iv := places.GetAConst().GetIval()
			if p || iv != nil && iv.Ival > 37 { // more places than DuckDB's DECIMAL: Go
				return funcCall(ResultRound, arg, places, pg.MakeAConstStrNode(mode, -1)), true, true
			}
			if len(fc.Args) != 2 || iv == nil {
				return n, false, false
			}
			width := int64(38)
			if iv.Ival == UnboundedScale {
				width = 37 // DECIMAL(38,12) is the unbounded numeric, sent without trailing zeros
			}
			// round(x, n) of anything but a result function: PostgreSQL's numeric of
			// display scale n (DuckDB keeps an integer, or a double).
			tn := exprTypeName("decimal")
			tn.Typmods = []*pg.Node{pg.MakeAConstIntNode(width, -1), pg.MakeAConstIntNode(int64(max(iv.Ival, 0)), -1)}
			c := &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: n, TypeName: tn, Location: -1}}}
			return c, false, true
		}
	case *pg.Node_AExpr:
		e := x.AExpr
		if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || e.Rexpr == nil || e.Location == generated {
			return n, false, false
		}
		op := strName(e.Name[0])
		if e.Lexpr == nil {
			if op != "-" {
				return n, false, false
			}
			r, p, ch := numericResult(e.Rexpr)
			if p {
				return funcCall(ResultNeg, r), true, true
			}
			if ch {
				e.Rexpr = r
			}
			return n, false, ch
		}
		fn := map[string]string{"/": ResultDiv, "*": ResultMul, "+": ResultAdd, "-": ResultSub}[op]
		if fn == "" {
			return n, false, false
		}
		l, lp, lch := numericResult(e.Lexpr)
		r, rp, rch := numericResult(e.Rexpr)
		if lp || rp {
			return funcCall(fn, l, r), true, true
		}
		if op == "/" && divMayBeNumeric(e.Lexpr, e.Rexpr) {
			return funcCall(fn, l, r), true, true
		}
		if lch {
			e.Lexpr = l
		}
		if rch {
			e.Rexpr = r
		}
		return n, false, lch || rch
	}
	return n, false, false
}

// resultCandidate reports, cheaply, whether numericResult may change n.
func resultCandidate(n *pg.Node) bool {
	switch x := n.GetNode().(type) {
	case *pg.Node_FuncCall:
		if len(x.FuncCall.Funcname) == 0 {
			return false
		}
		switch name := strName(x.FuncCall.Funcname[len(x.FuncCall.Funcname)-1]); name {
		case "avg", "sum", "round", "trunc", "ntile":
			return true
		default:
			return varKinds[name]
		}
	case *pg.Node_AExpr:
		e := x.AExpr
		if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || e.Rexpr == nil {
			return false
		}
		switch strName(e.Name[0]) {
		case "/":
			return true
		case "*", "+", "-":
			return e.Lexpr != nil && resultCandidate(e.Lexpr) || resultCandidate(e.Rexpr)
		}
	}
	return false
}

// divMayBeNumeric reports whether a / b may divide numerics in PostgreSQL: not when
// both are integers or either is double precision or an interval, by how they are
// written.
func divMayBeNumeric(a, b *pg.Node) bool {
	ka, kb := pgKind(a), pgKind(b)
	switch {
	case ka == 'f' || kb == 'f', ka == 'i' && kb == 'i', isIntervalCast(a):
		return false
	}
	return true
}

// aggLike is the aggregate name over arg with fc's DISTINCT, FILTER, ORDER BY and
// window.
func aggLike(fc *pg.FuncCall, name string, arg *pg.Node) *pg.Node {
	out := &pg.FuncCall{
		Funcname:    []*pg.Node{pg.MakeStrNode(name)},
		Args:        []*pg.Node{proto.Clone(arg).(*pg.Node)},
		AggDistinct: fc.AggDistinct,
		Funcformat:  fc.Funcformat,
		Location:    -1,
	}
	if fc.AggFilter != nil {
		out.AggFilter = proto.Clone(fc.AggFilter).(*pg.Node)
	}
	if fc.Over != nil {
		out.Over = proto.Clone(fc.Over).(*pg.WindowDef)
	}
	for _, o := range fc.AggOrder {
		out.AggOrder = append(out.AggOrder, proto.Clone(o).(*pg.Node))
	}
	return &pg.Node{Node: &pg.Node_FuncCall{FuncCall: out}}
}

// sortRefers reports whether an ORDER BY item names result column i (by its name or
// its position).
func sortRefers(sort []*pg.Node, name string, i int) bool {
	for _, it := range sort {
		if sb := it.GetSortBy(); sb != nil && refersTo(sb.Node, name, i) {
			return true
		}
	}
	return false
}

// restoreSort makes the ORDER BY items that name result column i order by orig.
func restoreSort(sort []*pg.Node, name string, i int, orig *pg.Node) {
	for _, it := range sort {
		if sb := it.GetSortBy(); sb != nil && refersTo(sb.Node, name, i) {
			sb.Node = proto.Clone(orig).(*pg.Node)
		}
	}
}

func refersTo(n *pg.Node, name string, i int) bool {
	if c := n.GetAConst(); c != nil && c.GetIval() != nil {
		return int(c.GetIval().Ival) == i+1
	}
	if cr := n.GetColumnRef(); cr != nil && len(cr.Fields) == 1 && name != "" {
		return strName(cr.Fields[0]) == name
	}
	return false
}

// hasParam reports whether n holds a parameter ($1).
func hasParam(n *pg.Node) bool {
	return findNode(n, func(m protoreflect.Message) bool {
		_, ok := m.Interface().(*pg.ParamRef)
		return ok
	})
}

// aggregateNames are the aggregates a grouped query's result column may apply.
var aggregateNames = map[string]bool{
	"avg": true, "sum": true, "count": true, "min": true, "max": true, "stddev": true, "stddev_samp": true,
	"stddev_pop": true, "variance": true, "var_samp": true, "var_pop": true, "bool_and": true, "bool_or": true,
	"every": true, "string_agg": true, "array_agg": true,
}

// hasAggregate reports whether n calls an aggregate.
func hasAggregate(n *pg.Node) bool {
	return findNode(n, func(m protoreflect.Message) bool {
		fc, ok := m.Interface().(*pg.FuncCall)
		return ok && len(fc.Funcname) > 0 && (aggregateNames[strName(fc.Funcname[len(fc.Funcname)-1])] || fc.AggStar)
	})
}

// findNode reports whether a message under n satisfies f (subqueries included).
func findNode(n *pg.Node, f func(protoreflect.Message) bool) bool {
	found := false
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if found {
			return
		}
		if f(m) {
			found = true
			return
		}
		eachChild(m, walk)
	}
	walk(n.ProtoReflect())
	return found
}
