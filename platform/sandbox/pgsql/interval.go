package pgsql

import (
	"strings"
	"sync"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// PostgreSQL compares intervals by their span, months counted as 30 days and days as
// 24 hours: '1 day -02:00:00' equals '22 hours'. DuckDB normalises each interval's
// fields one by one, which gives that span only when the fields have one sign, so
// intervals with fields of mixed signs compare, sort, group and deduplicate otherwise
// there. Where an expression may be an interval, the front end compares, sorts, groups
// and deduplicates sluice_ivkey(x) instead of x: a macro overloaded on its argument's
// type, x's span written as microseconds for an interval (one sign, which DuckDB
// compares right) and x itself for any other type, so a guess that is wrong costs
// nothing. The values a query returns stay as they were.

// intervalMacros define the key (the span, for intervals within 50000 years; beyond,
// where the microseconds would overflow, the interval itself) and the key of a string
// literal met by an expression that may be an interval: read as an interval (in its
// normalised form n) when the expression is one, the literal s otherwise.
var intervalMacros = []string{
	"CREATE OR REPLACE TEMP MACRO sluice_ivkey(x INTERVAL) AS CASE WHEN x BETWEEN INTERVAL '-50000 years' AND INTERVAL '50000 years' " +
		"THEN to_microseconds(epoch_us(x)) ELSE x END, (x) AS x",
	"CREATE OR REPLACE TEMP MACRO sluice_ivlit(x INTERVAL, n, s) AS sluice_ivkey(CAST(n AS INTERVAL)), (x, n, s) AS s",
}

const (
	ivKeyName = "sluice_ivkey"
	ivLitName = "sluice_ivlit"
)

var (
	ivColsMu sync.RWMutex
	ivCols   = map[string]bool{}
)

// NoteIntervalColumns adds names (any case) to the column names known to hold
// intervals in some table or view. The set only grows: a name that another table uses
// for another type only makes the front end wrap an expression the macro leaves as it
// is.
func NoteIntervalColumns(names []string) {
	ivColsMu.Lock()
	defer ivColsMu.Unlock()
	for _, n := range names {
		ivCols[strings.ToLower(n)] = true
	}
}

func intervalColumn(name string) bool {
	ivColsMu.RLock()
	defer ivColsMu.RUnlock()
	return ivCols[strings.ToLower(name)]
}

// intervalMark reports whether low (a statement in lower case) may compare intervals:
// it names the type or a function making one, or a column known to hold them.
func intervalMark(low string) bool {
	if strings.Contains(low, "interval") || strings.Contains(low, "justify_") || tzMark(low) {
		return true
	}
	ivColsMu.RLock()
	defer ivColsMu.RUnlock()
	for n := range ivCols {
		if strings.Contains(low, n) {
			return true
		}
	}
	return false
}

// ivWalker rewrites one statement's interval comparisons.
type ivWalker struct {
	aliases   map[string]bool // output names of expressions that may be intervals
	tzAliases map[string]bool // … that may be timestamptz values (interval_tz.go)
	changed   bool
}

// intervalCompare rewrites the comparisons, sorts, groupings and DISTINCTs of stmt
// over expressions that may be intervals (see above) and reports whether it changed
// anything; the statement then needs MacroHelpers.
func intervalCompare(stmt *pg.Node) bool {
	w := &ivWalker{aliases: map[string]bool{}, tzAliases: map[string]bool{}}
	for i := 0; i < 4; i++ { // aliases of aliases, a few levels deep
		n := len(w.aliases) + len(w.tzAliases)
		w.collectAliases(stmt.ProtoReflect())
		w.collectTzAliases(stmt.ProtoReflect())
		if len(w.aliases)+len(w.tzAliases) == n {
			break
		}
	}
	w.walk(stmt.ProtoReflect())
	return w.changed
}

func (w *ivWalker) collectAliases(m protoreflect.Message) {
	if rt, ok := m.Interface().(*pg.ResTarget); ok && rt.Name != "" && rt.Val != nil && w.maybe(rt.Val) {
		w.aliases[strings.ToLower(rt.Name)] = true
	}
	eachChild(m, w.collectAliases)
}

// ivAggregates are aggregate functions: grouped columns inside their arguments stay
// as they are.
var ivAggregates = map[string]bool{"count": true, "sum": true, "avg": true, "min": true, "max": true, "any_value": true,
	"array_agg": true, "string_agg": true, "bool_and": true, "bool_or": true, "every": true, "arg_min": true, "arg_max": true,
	"stddev": true, "stddev_pop": true, "stddev_samp": true, "variance": true, "var_pop": true, "var_samp": true,
	"json_agg": true, "jsonb_agg": true, "json_object_agg": true, "jsonb_object_agg": true, "percentile_cont": true,
	"percentile_disc": true, "mode": true, "median": true, "first": true, "last": true, "bit_and": true, "bit_or": true,
	"corr": true, "covar_pop": true, "covar_samp": true, "regr_slope": true, "regr_intercept": true, "xmlagg": true}

// maybe reports whether n may be an interval: a cast to interval, a column known to
// hold intervals (or an output name given to such an expression), make_interval,
// justify_*, aggregates and arithmetic over such expressions.
func (w *ivWalker) maybe(n *pg.Node) bool {
	if n == nil {
		return false
	}
	switch x := n.Node.(type) {
	case *pg.Node_TypeCast:
		tn := x.TypeCast.TypeName
		return tn != nil && len(tn.Names) > 0 && len(tn.ArrayBounds) == 0 && strName(tn.Names[len(tn.Names)-1]) == "interval"
	case *pg.Node_ColumnRef:
		f := x.ColumnRef.Fields
		if len(f) == 0 || f[len(f)-1].GetString_() == nil {
			return false
		}
		name := strName(f[len(f)-1])
		return intervalColumn(name) || len(f) == 1 && w.aliases[strings.ToLower(name)]
	case *pg.Node_FuncCall:
		switch name := fnName(x.FuncCall); name {
		case "make_interval", "justify_hours", "justify_days", ivKeyName:
			return true
		case "sum", "avg", "min", "max", "any_value", "first", "last", "lag", "lead", "first_value", "last_value", "nth_value",
			"arg_min", "arg_max", "nullif":
			return len(x.FuncCall.Args) > 0 && w.maybe(x.FuncCall.Args[0])
		}
	case *pg.Node_AExpr:
		e := x.AExpr
		if e.Kind == pg.A_Expr_Kind_AEXPR_NULLIF {
			return w.maybe(e.Lexpr)
		}
		if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 {
			return false
		}
		switch strName(e.Name[0]) {
		case "+", "-", "*", "/":
			return w.maybe(e.Lexpr) || w.maybe(e.Rexpr)
		}
	case *pg.Node_CoalesceExpr:
		return w.anyMaybe(x.CoalesceExpr.Args)
	case *pg.Node_MinMaxExpr:
		return w.anyMaybe(x.MinMaxExpr.Args)
	case *pg.Node_CaseExpr:
		for _, c := range x.CaseExpr.Args {
			if w.maybe(c.GetCaseWhen().GetResult()) {
				return true
			}
		}
		return w.maybe(x.CaseExpr.Defresult)
	}
	return false
}

func (w *ivWalker) anyMaybe(ns []*pg.Node) bool {
	for _, n := range ns {
		if w.maybe(n) {
			return true
		}
	}
	return false
}

// walk rewrites below m first, then m itself.
func (w *ivWalker) walk(m protoreflect.Message) {
	eachChild(m, w.walk)
	switch x := m.Interface().(type) {
	case *pg.Node:
		w.tzMinus(x) // interval_tz.go
	case *pg.A_Expr:
		w.compare(x)
	case *pg.FuncCall:
		w.aggregate(x)
	case *pg.SubLink:
		w.subLink(x)
	case *pg.WindowDef:
		for i, p := range x.PartitionClause {
			if w.maybe(p) {
				x.PartitionClause[i] = w.key(p)
			}
		}
		w.sorts(x.OrderClause, nil)
	case *pg.SelectStmt:
		if x.Op != pg.SetOperation_SETOP_NONE {
			return
		}
		w.group(x)
		w.distinct(x)
		w.sorts(x.SortClause, x.TargetList)
	}
}

// key wraps n in sluice_ivkey. DuckDB picks a macro's overload before it knows an
// aggregate's type (it would take the interval one), so the key of an aggregate is
// the aggregate of the key where that orders alike (min, max, sum, avg, any_value),
// and n itself otherwise.
func (w *ivWalker) key(n *pg.Node) *pg.Node {
	if fc := n.GetFuncCall(); fc != nil && ivHasAggregate(n.ProtoReflect()) {
		name := fnName(fc)
		arg := (*pg.Node)(nil)
		switch {
		case (name == "arg_min" || name == "arg_max") && len(fc.Args) == 2 && isIvKey(fc.Args[1]):
			name, arg = name[4:], fc.Args[1]
		case len(fc.Args) == 1 && (name == "min" || name == "max" || name == "sum" || name == "avg" || name == "any_value") &&
			!ivHasAggregate(fc.Args[0].ProtoReflect()):
			arg = funcCall(ivKeyName, fc.Args[0])
		default:
			return n
		}
		c := proto.Clone(fc).(*pg.FuncCall)
		c.Funcname, c.Args = []*pg.Node{pg.MakeStrNode(name)}, []*pg.Node{proto.Clone(arg).(*pg.Node)}
		w.changed = true
		return &pg.Node{Node: &pg.Node_FuncCall{FuncCall: c}}
	}
	if ivHasAggregate(n.ProtoReflect()) {
		return n
	}
	w.changed = true
	return funcCall(ivKeyName, n)
}

// keyAgainst is the key of n compared with other, which may be an interval: a string
// literal reads as an interval when other is one.
func (w *ivWalker) keyAgainst(n, other *pg.Node) *pg.Node {
	if s := n.GetAConst().GetSval(); s != nil {
		norm, ok := NormalizeInterval(s.Sval)
		if !ok {
			norm = s.Sval
		}
		w.changed = true
		return funcCall(ivLitName, proto.Clone(other).(*pg.Node), pg.MakeAConstStrNode(norm, -1), n)
	}
	if c := n.GetAConst(); c != nil || n.GetParamRef() != nil {
		return n // a number or NULL: no interval; a parameter keeps the type DuckDB infers
	}
	return w.key(n)
}

var ivCompareOps = map[string]bool{"=": true, "<>": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true}

// compare rewrites a comparison, IN list or BETWEEN whose operands may be intervals.
func (w *ivWalker) compare(e *pg.A_Expr) {
	if e.Lexpr == nil || e.Rexpr == nil || isIvKey(e.Lexpr) {
		return
	}
	switch e.Kind {
	case pg.A_Expr_Kind_AEXPR_OP:
		if len(e.Name) != 1 || !ivCompareOps[strName(e.Name[0])] || !w.maybe(e.Lexpr) && !w.maybe(e.Rexpr) {
			return
		}
		l, r := e.Lexpr, e.Rexpr
		e.Lexpr, e.Rexpr = w.keyAgainst(l, r), w.keyAgainst(r, l)
	case pg.A_Expr_Kind_AEXPR_IN, pg.A_Expr_Kind_AEXPR_BETWEEN, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		items := e.Rexpr.GetList().GetItems()
		if items == nil || !w.maybe(e.Lexpr) && !w.anyMaybe(items) {
			return
		}
		l := e.Lexpr
		for i, it := range items {
			items[i] = w.keyAgainst(it, l)
		}
		e.Lexpr = w.keyAgainst(l, items[0])
	case pg.A_Expr_Kind_AEXPR_OP_ANY, pg.A_Expr_Kind_AEXPR_OP_ALL:
		arr := e.Rexpr.GetAArrayExpr()
		if arr == nil || len(arr.Elements) == 0 || len(e.Name) != 1 || !ivCompareOps[strName(e.Name[0])] ||
			!w.maybe(e.Lexpr) && !w.anyMaybe(arr.Elements) {
			return
		}
		l := e.Lexpr
		for i, it := range arr.Elements {
			arr.Elements[i] = w.keyAgainst(it, l)
		}
		e.Lexpr = w.keyAgainst(l, arr.Elements[0])
	}
}

func isIvKey(n *pg.Node) bool {
	fc := n.GetFuncCall()
	return fc != nil && (fnName(fc) == ivKeyName || fnName(fc) == ivLitName)
}

// aggregate makes min and max of a possible interval arg_min and arg_max by its key, and
// count(DISTINCT x) count the distinct keys.
func (w *ivWalker) aggregate(fc *pg.FuncCall) {
	w.sorts(fc.AggOrder, nil) // string_agg(… ORDER BY x)
	if len(fc.Args) != 1 || len(fc.Funcname) > 2 || fc.AggOrder != nil || !w.maybe(fc.Args[0]) || isIvKey(fc.Args[0]) {
		return
	}
	switch fnName(fc) {
	case "min", "max":
		if fc.AggDistinct {
			fc.AggDistinct = false // the same value either way
		}
		name := "arg_" + fnName(fc)
		fc.Funcname = []*pg.Node{pg.MakeStrNode(name)}
		fc.Args = append(fc.Args, w.key(proto.Clone(fc.Args[0]).(*pg.Node)))
	case "count":
		if fc.AggDistinct {
			fc.Args[0] = w.key(fc.Args[0])
		}
	}
}

// target returns the expression an ORDER BY or GROUP BY item names: an output column's
// position or name (a bare name of no input column PostgreSQL would prefer is not
// known here, so only names of expressions that may be intervals are taken), else the
// item itself.
func (w *ivWalker) target(n *pg.Node, targets []*pg.Node) *pg.Node {
	if iv := n.GetAConst().GetIval(); iv != nil {
		if i := int(iv.Ival) - 1; i >= 0 && i < len(targets) {
			if rt := targets[i].GetResTarget(); rt != nil && rt.Val != nil && !hasStar(rt.Val) {
				return proto.Clone(rt.Val).(*pg.Node)
			}
		}
		return nil
	}
	if f := n.GetColumnRef().GetFields(); len(f) == 1 && f[0].GetString_() != nil {
		name := strings.ToLower(strName(f[0]))
		for _, t := range targets {
			if rt := t.GetResTarget(); rt != nil && strings.ToLower(rt.Name) == name && rt.Val != nil && w.maybe(rt.Val) {
				return proto.Clone(rt.Val).(*pg.Node)
			}
		}
	}
	return n
}

// sorts sorts by the keys of the items that may be intervals.
func (w *ivWalker) sorts(items []*pg.Node, targets []*pg.Node) {
	for _, it := range items {
		sb := it.GetSortBy()
		if sb == nil || sb.Node == nil || isIvKey(sb.Node) {
			continue
		}
		t := w.target(sb.Node, targets)
		if t == nil || !w.maybe(t) {
			continue
		}
		sb.Node = w.key(t)
	}
}

// distinct makes SELECT DISTINCT over targets that may be intervals DISTINCT ON their
// keys.
func (w *ivWalker) distinct(s *pg.SelectStmt) {
	if len(s.DistinctClause) != 1 || s.DistinctClause[0].GetNode() != nil {
		return
	}
	var keys []*pg.Node
	found := false
	for _, t := range s.TargetList {
		rt := t.GetResTarget()
		if rt == nil || rt.Val == nil || hasStar(rt.Val) {
			return
		}
		if w.maybe(rt.Val) {
			found = true
		}
		keys = append(keys, w.key(proto.Clone(rt.Val).(*pg.Node)))
	}
	if found {
		s.DistinctClause, w.changed = keys, true
	}
}

func hasStar(n *pg.Node) bool {
	f := n.GetColumnRef().GetFields()
	return len(f) > 0 && f[len(f)-1].GetAStar() != nil
}

// subLink rewrites x IN (SELECT y …) and x op ANY/ALL (SELECT y …) where x or y may be
// an interval: both sides compare by their keys.
func (w *ivWalker) subLink(sl *pg.SubLink) {
	if sl.SubLinkType != pg.SubLinkType_ANY_SUBLINK && sl.SubLinkType != pg.SubLinkType_ALL_SUBLINK || sl.Testexpr == nil || isIvKey(sl.Testexpr) {
		return
	}
	if len(sl.OperName) > 1 || len(sl.OperName) == 1 && !ivCompareOps[strName(sl.OperName[0])] {
		return
	}
	sub := sl.Subselect.GetSelectStmt()
	if sub == nil || sub.Op != pg.SetOperation_SETOP_NONE || len(sub.TargetList) != 1 {
		return
	}
	rt := sub.TargetList[0].GetResTarget()
	if rt == nil || rt.Val == nil || hasStar(rt.Val) || !w.maybe(sl.Testexpr) && !w.maybe(rt.Val) {
		return
	}
	sl.Testexpr = w.key(sl.Testexpr)
	rt.Val = w.key(rt.Val)
}
