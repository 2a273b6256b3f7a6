package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// PostgreSQL functions that DuckDB lacks or types differently, rewritten where the
// function alone says what PostgreSQL gives: to_char/to_date/to_timestamp/to_number
// (Go functions the sandbox registers), div, overlay, set-returning generate_series
// in a select list, and integer results (length, strpos, position, array_length…),
// double precision (date_part) and numeric (extract) where DuckDB says bigint.

// The Go functions the sandbox registers in DuckDB for PostgreSQL's formatting functions.
const (
	ToCharFunc      = "sluice_to_char"      // (value, template, typeof(value), time zone) → varchar
	ToDateFunc      = "sluice_to_date"      // (text, template) → date
	ToTimestampFunc = "sluice_to_timestamp" // (text, template, time zone) → timestamptz
	ToNumberFunc    = "sluice_to_number"    // (text, template) → numeric
)

func init() { rewriteMarks = append(rewriteMarks, funcMarks...) }

// funcMarks are the texts that make Translate walk a statement for these rewrites.
var funcMarks = []string{"to_char", "to_date", "to_timestamp", "to_number", "div", "overlay", "||", "length", "strpos",
	"position", "array_length", "extract", "date_part", "ascii"}

// fnIntFuncs return integer in PostgreSQL where DuckDB's return bigint.
var fnIntFuncs = map[string]bool{"length": true, "char_length": true, "character_length": true, "octet_length": true,
	"bit_length": true, "strpos": true, "position": true, "array_length": true, "cardinality": true, "ascii": true}

// fnName returns a call's name without a pg_catalog qualification.
func fnName(fc *pg.FuncCall) string {
	switch len(fc.Funcname) {
	case 1:
		return strName(fc.Funcname[0])
	case 2:
		if strName(fc.Funcname[0]) == "pg_catalog" {
			return strName(fc.Funcname[1])
		}
	}
	return ""
}

// rewriteFunc rewrites a call of one of the functions above and reports whether it
// replaced n; the call it wraps is marked (generated) and then rewritten as any call.
func (r *rewriter) rewriteFunc(n *pg.Node, fc *pg.FuncCall) bool {
	if fc.Location == generated || fc.AggStar || fc.Over != nil {
		return false
	}
	name, args := fnName(fc), fc.Args
	switch {
	case name == "to_char" && len(args) == 2:
		n.Node = funcCall(ToCharFunc, args[0], args[1], funcCall("typeof", fnClone(args[0])), fnTimeZone()).Node
	case name == "to_date" && len(args) == 2:
		n.Node = funcCall(ToDateFunc, args[0], args[1]).Node
	case name == "to_timestamp" && len(args) == 2:
		n.Node = funcCall(ToTimestampFunc, args[0], args[1], fnTimeZone()).Node
	case name == "to_number" && len(args) == 2:
		n.Node = funcCall(ToNumberFunc, args[0], args[1]).Node
	case name == "div" && len(args) == 2:
		// numeric: the quotient truncated towards zero, 22012 for a zero divisor.
		a, b := args[0], args[1]
		whole := fnOp("-", a, fnOp("%", fnClone(a), fnClone(b)))
		n.Node = fnCast(checkedDivision("/", whole, b), "decimal", 38, 0).Node
	case name == "overlay" && (len(args) == 3 || len(args) == 4):
		// overlay(s placing t from i [for k]): s's first i-1 characters, t, and s
		// from i+k on (k is t's length when missing).
		s, t, from := args[0], args[1], args[2]
		var count *pg.Node
		if len(args) == 4 {
			count = args[3]
		} else {
			count = funcCall("length", fnClone(t))
		}
		head := funcCall("substring", s, pg.MakeAConstIntNode(1, -1), fnOp("-", from, pg.MakeAConstIntNode(1, -1)))
		tail := funcCall("substring", fnClone(s), fnOp("+", fnClone(from), count))
		n.Node = fnOp("||", fnOp("||", head, t), tail).Node
	case name == "generate_series" && len(args) >= 2:
		// In a select list (a FROM item's call is marked by rangeFunction) it returns a
		// set of rows: DuckDB's unnest of its list.
		fc.Location = generated
		inner := &pg.Node{Node: n.Node}
		call := funcCall("unnest", inner)
		if t := seriesType(args); t != "" {
			call = fnCast(call, t, -1, -1)
		}
		n.Node = call.Node
	case name == "date_part" && len(args) == 2:
		fc.Location = generated
		n.Node = r.datePart(args[0], args[1], &pg.Node{Node: n.Node}, false).Node
	case name == "extract" && len(args) == 2:
		fc.Location = generated
		n.Node = r.datePart(args[0], args[1], &pg.Node{Node: n.Node}, true).Node
	case name == "octet_length" && len(args) == 1 && fnIsText(args[0]):
		// DuckDB's octet_length takes blobs only; strlen counts a string's bytes.
		n.Node = fnCast(funcCall("strlen", args[0]), "int4", -1, -1).Node
	case fnIntFuncs[name]:
		fc.Location = generated
		n.Node = fnCast(&pg.Node{Node: n.Node}, "int4", -1, -1).Node
	default:
		return false
	}
	return true
}

// datePart types date_part (double precision) and extract (numeric: an integer, or
// with 6 decimals for seconds and epochs of timestamps and intervals, 3 for
// milliseconds) as PostgreSQL 15 does; DuckDB gives bigint and drops the fraction of
// seconds. call is the call itself, marked.
func (r *rewriter) datePart(field, arg, call *pg.Node, numeric bool) *pg.Node {
	f := field.GetAConst().GetSval()
	if f == nil {
		if numeric {
			return call
		}
		return fnCast(call, "float8", -1, -1)
	}
	micro := func() *pg.Node {
		c := funcCall("date_part", pg.MakeAConstStrNode("microsecond", -1), arg)
		c.GetFuncCall().Location = generated
		return c
	}
	switch strings.ToLower(f.Sval) {
	case "second", "seconds", "sec", "secs":
		if !numeric {
			return fnCast(fnOp("/", micro(), fnFloat("1000000.0", -1)), "float8", -1, -1)
		}
		return fnScaled(micro(), "0.000001", 6)
	case "millisecond", "milliseconds", "ms", "msec", "msecs":
		if !numeric {
			return fnCast(fnOp("/", micro(), fnFloat("1000.0", -1)), "float8", -1, -1)
		}
		return fnScaled(micro(), "0.001", 3)
	case "epoch":
		if numeric {
			if isDateExpr(arg) {
				return fnCast(funcCall("epoch", arg), "decimal", 38, 0)
			}
			return fnScaled(funcCall("sluice_epoch_us", arg), "0.000001", 6) // dtinput_funcs.go: intervals
		}
		return fnCast(funcCall("sluice_epoch", arg), "float8", -1, -1)
	case "julian":
		return call
	case "year", "years", "decade", "decades", "isoyear":
		call = funcCall(bcYearMacros[strings.ToLower(f.Sval)], arg) // dtinput_funcs.go: BC years
	}
	if numeric {
		return fnCast(call, "decimal", 38, 0)
	}
	return fnCast(call, "float8", -1, -1)
}

// fnScaled writes a bigint count of units times unit (0.001…) as numeric with that many
// decimals, exactly.
func fnScaled(count *pg.Node, unit string, decimals int32) *pg.Node {
	product := fnOp("*", fnCast(count, "decimal", 18, 0), fnCast(fnFloat(unit, -1), "decimal", 18, decimals))
	return fnCast(product, "decimal", 38, decimals)
}

// isDateExpr reports whether n is written as a date (DATE '…', x::date, current_date).
func isDateExpr(n *pg.Node) bool {
	if tc := n.GetTypeCast(); tc != nil && tc.TypeName != nil && len(tc.TypeName.Names) > 0 && len(tc.TypeName.ArrayBounds) == 0 {
		return strName(tc.TypeName.Names[len(tc.TypeName.Names)-1]) == "date"
	}
	if sv := n.GetSqlvalueFunction(); sv != nil {
		return sv.Op == pg.SQLValueFunctionOp_SVFOP_CURRENT_DATE
	}
	return false
}

// seriesType is the type PostgreSQL gives generate_series where DuckDB's differs:
// integer for integer literals (DuckDB: bigint), timestamptz for dates (DuckDB:
// timestamp); "" when the arguments do not say.
func seriesType(args []*pg.Node) string {
	switch {
	case allInt4(args):
		return "int4"
	case len(args) == 3 && isDateExpr(args[0]) && isDateExpr(args[1]):
		return "timestamptz"
	}
	return ""
}

// allInt4 reports whether every argument is an integer literal PostgreSQL types as
// integer (or a cast to integer).
func allInt4(args []*pg.Node) bool {
	for _, a := range args {
		if !isInt4(a) {
			return false
		}
	}
	return true
}

func isInt4(a *pg.Node) bool {
	if k := a.GetAConst(); k != nil {
		return k.GetIval() != nil || (k.Val == nil && !k.Isnull) // 0 has no value set
	}
	if tc := a.GetTypeCast(); tc != nil && tc.TypeName != nil && len(tc.TypeName.Names) > 0 && len(tc.TypeName.ArrayBounds) == 0 {
		switch strName(tc.TypeName.Names[len(tc.TypeName.Names)-1]) {
		case "int4", "int", "integer", "int2", "smallint":
			return true
		}
	}
	return false
}

// rangeFunction marks the generate_series calls of a FROM item, which are sets
// already, and gives FROM generate_series(…) PostgreSQL's column type where DuckDB's
// differs (seriesType).
func rangeFunction(n *pg.Node, rf *pg.RangeFunction) bool {
	var calls []*pg.FuncCall
	seen := false
	for _, f := range rf.Functions {
		if items := f.GetList().GetItems(); len(items) > 0 {
			if fc := items[0].GetFuncCall(); fc != nil && fnName(fc) == "generate_series" {
				seen = seen || fc.Location == generated
				fc.Location = generated // not the select list's set-returning call
				calls = append(calls, fc)
			}
		}
	}
	typ := ""
	if len(calls) == 1 {
		typ = seriesType(calls[0].Args)
	}
	if seen || len(calls) != 1 || len(rf.Functions) != 1 || rf.Ordinality || typ == "" {
		return false
	}
	alias := rf.Alias
	if alias == nil {
		alias = &pg.Alias{Aliasname: "generate_series"}
	}
	if len(alias.Colnames) == 0 {
		alias.Colnames = []*pg.Node{pg.MakeStrNode(alias.Aliasname)}
	}
	if len(alias.Colnames) != 1 {
		return false
	}
	col := pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode("g")}, -1)
	target := pg.MakeResTargetNodeWithVal(fnCast(col, typ, -1, -1), -1)
	inner := &pg.RangeFunction{Functions: rf.Functions, Alias: &pg.Alias{Aliasname: "s", Colnames: []*pg.Node{pg.MakeStrNode("g")}}}
	sel := &pg.SelectStmt{
		TargetList:  []*pg.Node{target},
		FromClause:  []*pg.Node{{Node: &pg.Node_RangeFunction{RangeFunction: inner}}},
		Op:          pg.SetOperation_SETOP_NONE,
		LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT,
	}
	n.Node = &pg.Node_RangeSubselect{RangeSubselect: &pg.RangeSubselect{
		Lateral:  rf.Lateral,
		Subquery: &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: sel}},
		Alias:    alias,
	}}
	return true
}

// concatOperator rewrites a || b where PostgreSQL's meaning is clear from the
// operands and DuckDB's differs: an array with an element (list_append,
// list_prepend), two arrays (list_concat, which like array_cat ignores a NULL array),
// and text with an untyped NULL (text, where DuckDB types 'a' || NULL as integer).
func concatOperator(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || strName(e.Name[0]) != "||" || e.Lexpr == nil || e.Rexpr == nil || e.Location == generated {
		return false
	}
	l, r := e.Lexpr, e.Rexpr
	la, ra := fnIsArray(l), fnIsArray(r)
	switch {
	case la && (ra || fnIsNull(r)), ra && fnIsNull(l):
		n.Node = funcCall("list_concat", l, r).Node
	case la && fnIsScalar(r):
		n.Node = funcCall("list_append", l, r).Node
	case ra && fnIsScalar(l):
		n.Node = funcCall("list_prepend", l, r).Node
	case fnIsNull(r) && fnIsText(l), fnIsNull(l) && fnIsText(r):
		// DuckDB folds 'a' || NULL to an integer NULL, even with the NULL cast.
		e.Location = generated
		n.Node = fnCast(&pg.Node{Node: n.Node}, "varchar", -1, -1).Node
	default:
		return false
	}
	return true
}

// dateDifference types date − date as integer where both are written as dates.
func dateDifference(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || strName(e.Name[0]) != "-" || e.Location == generated ||
		e.Lexpr == nil || e.Rexpr == nil || !isDateExpr(e.Lexpr) || !isDateExpr(e.Rexpr) {
		return false
	}
	e.Location = generated
	n.Node = fnCast(&pg.Node{Node: n.Node}, "int4", -1, -1).Node
	return true
}

// fnArrayFuncs return arrays.
var fnArrayFuncs = map[string]bool{"array_append": true, "array_prepend": true, "array_cat": true, "array_agg": true,
	"string_to_array": true, "array_remove": true, "array_replace": true, "regexp_split_to_array": true, "array_fill": true}

// fnTextFuncs return text.
var fnTextFuncs = map[string]bool{"upper": true, "lower": true, "concat": true, "concat_ws": true, "trim": true, "btrim": true,
	"ltrim": true, "rtrim": true, "substr": true, "substring": true, "replace": true, "lpad": true, "rpad": true, "left": true,
	"right": true, "repeat": true, "reverse": true, "initcap": true, "md5": true, "split_part": true, "format": true, "to_char": true}

func fnIsArray(n *pg.Node) bool {
	switch x := n.Node.(type) {
	case *pg.Node_AArrayExpr:
		return true
	case *pg.Node_TypeCast:
		return x.TypeCast.TypeName != nil && len(x.TypeCast.TypeName.ArrayBounds) > 0
	case *pg.Node_FuncCall:
		return fnArrayFuncs[fnName(x.FuncCall)]
	case *pg.Node_AExpr:
		e := x.AExpr
		return e.Kind == pg.A_Expr_Kind_AEXPR_OP && len(e.Name) == 1 && strName(e.Name[0]) == "||" &&
			(fnIsArray(e.Lexpr) || e.Rexpr != nil && fnIsArray(e.Rexpr))
	}
	return false
}

// fnIsScalar reports whether n is certainly not an array: a literal other than an
// untyped string or NULL, or a cast to a type that is not an array.
func fnIsScalar(n *pg.Node) bool {
	switch x := n.Node.(type) {
	case *pg.Node_AConst:
		return !x.AConst.Isnull && x.AConst.GetSval() == nil
	case *pg.Node_TypeCast:
		return x.TypeCast.TypeName != nil && len(x.TypeCast.TypeName.ArrayBounds) == 0
	}
	return false
}

func fnIsNull(n *pg.Node) bool {
	k := n.GetAConst()
	return k != nil && k.Isnull
}

// fnIsText reports whether n is certainly text: a string literal, a cast to text, a
// text function, or a concatenation of text.
func fnIsText(n *pg.Node) bool {
	switch x := n.Node.(type) {
	case *pg.Node_AConst:
		return x.AConst.GetSval() != nil
	case *pg.Node_TypeCast:
		if tn := x.TypeCast.TypeName; tn != nil && len(tn.Names) > 0 && len(tn.ArrayBounds) == 0 {
			switch strName(tn.Names[len(tn.Names)-1]) {
			case "text", "varchar", "bpchar", "char", "name":
				return true
			}
		}
	case *pg.Node_FuncCall:
		return fnTextFuncs[fnName(x.FuncCall)]
	case *pg.Node_AExpr:
		e := x.AExpr
		return e.Kind == pg.A_Expr_Kind_AEXPR_OP && len(e.Name) == 1 && strName(e.Name[0]) == "||" &&
			(fnIsText(e.Lexpr) || e.Rexpr != nil && fnIsText(e.Rexpr))
	}
	return false
}

// fnOp writes a binary operator the rewriter leaves alone.
func fnOp(name string, a, b *pg.Node) *pg.Node {
	return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(name)}, a, b, generated)
}

// fnCast writes CAST(n AS typ[(p, s)]) (p < 0: no modifiers).
func fnCast(n *pg.Node, typ string, p, s int32) *pg.Node {
	tn := &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode(typ)}, Typemod: -1}
	if typ == "int4" || typ == "float8" || typ == "timestamptz" {
		tn.Names = []*pg.Node{pg.MakeStrNode("pg_catalog"), pg.MakeStrNode(typ)} // deparsed as integer, double precision
	}
	if p >= 0 {
		tn.Typmods = []*pg.Node{pg.MakeAConstIntNode(int64(p), -1), pg.MakeAConstIntNode(int64(s), -1)}
	}
	return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: n, TypeName: tn, Location: -1}}}
}

// fnFloat writes a numeric literal (1000.0).
func fnFloat(v string, _ int32) *pg.Node {
	return &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Val: &pg.A_Const_Fval{Fval: &pg.Float{Fval: v}}, Location: -1}}}
}

func fnClone(n *pg.Node) *pg.Node { return proto.Clone(n).(*pg.Node) }

// fnTimeZone is current_setting('TimeZone'), the session's zone.
func fnTimeZone() *pg.Node {
	return funcCall("current_setting", pg.MakeAConstStrNode("TimeZone", -1))
}

// unwrapFormat writes a call of the formatting functions the front end made of
// to_char, to_date, to_timestamp or to_number as PostgreSQL's call again (for
// pg_get_viewdef, so that pg_dump's views restore into PostgreSQL).
func unwrapFormat(n *pg.Node) {
	fc := n.GetFuncCall()
	if fc == nil || len(fc.Funcname) != 1 || len(fc.Args) < 2 {
		return
	}
	name := map[string]string{ToCharFunc: "to_char", ToDateFunc: "to_date", ToTimestampFunc: "to_timestamp",
		ToNumberFunc: "to_number"}[strName(fc.Funcname[0])]
	if name != "" {
		fc.Funcname, fc.Args = []*pg.Node{pg.MakeStrNode(name)}, fc.Args[:2]
	}
}
