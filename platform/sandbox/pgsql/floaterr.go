package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// Expressions where DuckDB returns a value and PostgreSQL raises an error, silently:
// double precision arithmetic that overflows (Infinity) or underflows (0), exp and
// power out of range, zero to a negative power (Infinity), a negative number to a
// fractional power (NaN), mod by zero (NULL), a negative substring length, a zero
// split_part position, split_part with an empty delimiter (DuckDB splits into
// characters), a step of zero in generate_series (no rows), repeat beyond PostgreSQL's
// 1 GB limit, and upper of ß (DuckDB writes ẞ, PostgreSQL under C.UTF-8 keeps ß).

// The Go functions (registered by the sandbox, floaterr.go) that compute double
// precision arithmetic and raise PostgreSQL's errors: 22003 overflow and underflow,
// 22012 division by zero, 2201F for power.
const (
	FloatAddFunc   = "sluice_float_add"
	FloatSubFunc   = "sluice_float_sub"
	FloatMulFunc   = "sluice_float_mul"
	FloatDivFunc   = "sluice_float_div"
	FloatExpFunc   = "sluice_float_exp"
	FloatPowerFunc = "sluice_float_power" // (x, y, underflow): underflow is checked for float8 only
)

// floatOps are the arithmetic operators and their checked functions.
var floatOps = map[string]string{"+": FloatAddFunc, "-": FloatSubFunc, "*": FloatMulFunc, "/": FloatDivFunc}

// floatRewrite rewrites n when it is one of the expressions above and reports whether
// it replaced n; the arguments of repeat and generate_series change in place (the
// call's other rewrites follow).
func (r *rewriter) floatRewrite(n *pg.Node) bool {
	switch x := n.Node.(type) {
	case *pg.Node_AExpr:
		return floatArith(n, x.AExpr)
	case *pg.Node_FuncCall:
		fc := x.FuncCall
		if len(fc.Funcname) == 0 || fc.Over != nil || fc.AggStar || fc.FuncVariadic ||
			len(fc.Funcname) == 2 && strName(fc.Funcname[0]) != "pg_catalog" {
			return false
		}
		name := strName(fc.Funcname[len(fc.Funcname)-1])
		if name == "generate_series" { // a FROM item's call is marked generated
			r.changed = seriesStep(fc) || r.changed
			return false
		}
		if fc.Location < 0 {
			return false // written by the front end
		}
		switch name {
		case "exp":
			return floatExp(n, fc)
		case "power", "pow":
			if len(fc.Args) == 2 {
				n.Node = powerCall(fc.Args[0], fc.Args[1]).Node
				return true
			}
		case "mod":
			if len(fc.Args) == 2 {
				n.Node = checkedDivision("%", fc.Args[0], fc.Args[1]).Node // rewrite.go
				return true
			}
		case "split_part":
			return splitPart(n, fc)
		case "repeat":
			r.changed = repeatLimit(fc) || r.changed
			return false
		case "upper":
			return upperSharpS(n, fc)
		}
	}
	return false
}

// floatKind is the kind of n the front end can tell from how it is written: 'd' for
// double precision, 'r' for real, 'i' integer, 'n' numeric, 0 unknown.
func floatKind(n *pg.Node) byte {
	if tc := n.GetTypeCast(); tc != nil && tc.TypeName != nil && len(tc.TypeName.Names) > 0 && len(tc.TypeName.ArrayBounds) == 0 {
		switch strName(tc.TypeName.Names[len(tc.TypeName.Names)-1]) {
		case "float4", "real":
			return 'r'
		case "float":
			if len(tc.TypeName.Typmods) > 0 {
				if iv := tc.TypeName.Typmods[0].GetAConst().GetIval(); iv != nil && iv.Ival <= 24 {
					return 'r'
				}
			}
		}
	}
	if e := n.GetAExpr(); e != nil && e.Lexpr != nil && e.Kind == pg.A_Expr_Kind_AEXPR_OP && len(e.Name) == 1 {
		l, r := floatKind(e.Lexpr), floatKind(e.Rexpr)
		if l == 'r' || r == 'r' {
			return 'r' // the front end does not check real arithmetic
		}
	}
	switch k := pgKind(n); k { // exprs_num.go
	case 'f':
		return 'd'
	case 'i', 'n':
		return k
	}
	return 0
}

// floatArith writes a op b as the checked function when one operand is double
// precision and the other a number (an operand of unknown type may be an interval or
// a date, which PostgreSQL multiplies and adds otherwise).
func floatArith(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || e.Lexpr == nil || e.Rexpr == nil || e.Location == generated {
		return false
	}
	op := strName(e.Name[0])
	if op == "^" {
		n.Node = powerCall(e.Lexpr, e.Rexpr).Node
		return true
	}
	fn, ok := floatOps[op]
	if !ok {
		return false
	}
	l, r := floatKind(e.Lexpr), floatKind(e.Rexpr)
	if !(l == 'd' || r == 'd') || l == 0 || r == 0 || l == 'r' || r == 'r' {
		return false
	}
	if volatile(e.Lexpr) || volatile(e.Rexpr) {
		n.Node = funcCall(fn, e.Lexpr, e.Rexpr).Node // evaluated once (random() * 10)
		n.GetFuncCall().Location = generated
		return true
	}
	n.Node = checkedFloat(op, e.Lexpr, e.Rexpr).Node
	return true
}

// checkedFloat writes a op b in place with PostgreSQL's checks (eight times faster
// than the Go function, which stays for volatile operands):
// CASE WHEN isinf(r) AND NOT isinf(a) AND NOT isinf(b) THEN error(overflow)
// [WHEN r = 0 AND a <> 0 AND b <> 0 THEN error(underflow)] ELSE r END, where r is
// a op b; for division, a zero divisor first.
func checkedFloat(op string, a, b *pg.Node) *pg.Node {
	dbl := func(x *pg.Node) *pg.Node {
		return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: clone(x), TypeName: exprTypeName("float8"), Location: generated}}}
	}
	isinf := func(x *pg.Node) *pg.Node { return funcCall("isinf", x) }
	r := func() *pg.Node { return opExpr(op, clone(a), clone(b)) }
	zero := func() *pg.Node { return pg.MakeAConstIntNode(0, -1) }
	and := func(xs ...*pg.Node) *pg.Node { return pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, xs, -1) }
	var whens []*pg.Node
	if op == "/" {
		whens = append(whens, pg.MakeCaseWhenNode(and(opExpr("=", clone(b), zero()), not(funcCall("isnan", dbl(a)))), errorCall("division by zero"), -1))
	}
	over := []*pg.Node{isinf(r()), not(isinf(dbl(a)))}
	if op != "/" {
		over = append(over, not(isinf(dbl(b))))
	}
	whens = append(whens, pg.MakeCaseWhenNode(and(over...), errorCall("value out of range: overflow"), -1))
	switch op {
	case "*":
		whens = append(whens, pg.MakeCaseWhenNode(and(opExpr("=", r(), zero()), opExpr("<>", clone(a), zero()), opExpr("<>", clone(b), zero())),
			errorCall("value out of range: underflow"), -1))
	case "/":
		whens = append(whens, pg.MakeCaseWhenNode(and(opExpr("=", r(), zero()), opExpr("<>", clone(a), zero()), not(isinf(dbl(b)))),
			errorCall("value out of range: underflow"), -1))
	}
	c := pg.MakeCaseExprNode(nil, whens, -1)
	c.GetCaseExpr().Defresult = opExpr(op, a, b)
	return c
}

// floatExp checks exp of an integer or double precision (exp of numeric is DuckDB's
// double too; PostgreSQL's numeric does not underflow, so it is left alone).
func floatExp(n *pg.Node, fc *pg.FuncCall) bool {
	if len(fc.Args) != 1 {
		return false
	}
	switch floatKind(fc.Args[0]) {
	case 'i', 'd':
		n.Node = funcCall(FloatExpFunc, fc.Args[0]).Node
		n.GetFuncCall().Location = generated
		return true
	}
	return false
}

// powerCall is the checked power(x, y): underflow is an error only where both
// operands are integers or double precision (power of numeric gives 0 there).
func powerCall(x, y *pg.Node) *pg.Node {
	under := true
	for _, a := range []*pg.Node{x, y} {
		if k := floatKind(a); k != 'i' && k != 'd' {
			under = false
		}
	}
	c := funcCall(FloatPowerFunc, x, y, boolConst(under))
	c.GetFuncCall().Location = generated
	return c
}

// errorCall is error(msg): DuckDB raises it, the sandbox gives it its SQLSTATE
// (errors.go).
func errorCall(msg string) *pg.Node { return funcCall("error", pg.MakeAConstStrNode(msg, -1)) }

// guarded returns CASE WHEN cond THEN error(msg) ELSE x END.
func guarded(cond *pg.Node, msg string, x *pg.Node) *pg.Node {
	c := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(cond, errorCall(msg), -1)}, -1)
	c.GetCaseExpr().Defresult = x
	return c
}

func opExpr(op string, a, b *pg.Node) *pg.Node {
	return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(op)}, a, b, generated)
}

func clone(n *pg.Node) *pg.Node { return proto.Clone(n).(*pg.Node) }

// intLiteral returns the value of an integer literal (also a negated one).
func intLiteral(n *pg.Node) (int64, bool) {
	if iv := n.GetAConst().GetIval(); iv != nil {
		return int64(iv.Ival), true
	}
	if e := n.GetAExpr(); e != nil && e.Lexpr == nil && len(e.Name) == 1 && strName(e.Name[0]) == "-" {
		if v, ok := intLiteral(e.Rexpr); ok {
			return -v, true
		}
	}
	return 0, false
}

// splitPart gives split_part PostgreSQL's meaning: an empty delimiter makes the whole
// string the only field (DuckDB splits it into characters), and a position of zero is
// an error (22023).
func splitPart(n *pg.Node, fc *pg.FuncCall) bool {
	if len(fc.Args) != 3 {
		return false
	}
	s, d, pos := fc.Args[0], fc.Args[1], fc.Args[2]
	p, litPos := intLiteral(pos)
	delim := d.GetAConst().GetSval()
	if litPos && p != 0 && delim != nil && delim.Sval != "" {
		return false
	}
	if volatile(s) || volatile(d) || volatile(pos) {
		return false
	}
	orig := &pg.Node{Node: &pg.Node_FuncCall{FuncCall: proto.Clone(fc).(*pg.FuncCall)}}
	orig.GetFuncCall().Location = generated
	// empty delimiter: the string is field 1 (and -1); any other field is ''
	one := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_IN, []*pg.Node{pg.MakeStrNode("=")}, clone(pos),
		pg.MakeListNode([]*pg.Node{pg.MakeAConstIntNode(1, -1), pg.MakeAConstIntNode(-1, -1)}), -1)
	whole := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(one, clone(s), -1)}, -1)
	whole.GetCaseExpr().Defresult = funcCall("left", clone(s), opExpr("*", pg.MakeAConstIntNode(0, -1), clone(pos)))
	var out *pg.Node
	switch {
	case delim != nil && delim.Sval == "":
		out = whole
	case delim != nil:
		out = orig
	default:
		empty := opExpr("=", clone(d), pg.MakeAConstStrNode("", -1))
		out = pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(empty, whole, -1)}, -1)
		out.GetCaseExpr().Defresult = orig
	}
	if !litPos || p == 0 {
		out = guarded(opExpr("=", clone(pos), pg.MakeAConstIntNode(0, -1)), "field position must not be zero", out)
	}
	n.Node = out.Node
	return true
}

// maxTextBytes is the longest text PostgreSQL builds (MaxAllocSize less its header).
const maxTextBytes = 1<<30 - 1 - 4

// repeatLimit makes repeat(s, n) refuse a result longer than PostgreSQL's limit
// (54000) instead of building it.
func repeatLimit(fc *pg.FuncCall) bool {
	if len(fc.Args) != 2 || volatile(fc.Args[0]) {
		return false
	}
	s, cnt := fc.Args[0], fc.Args[1]
	if c, ok := intLiteral(cnt); ok {
		if k := s.GetAConst().GetSval(); k != nil && int64(len(k.Sval))*c <= maxTextBytes {
			return false
		}
		if c <= 1<<16 {
			return false // at most 64 KiB times a text: DuckDB's own limits apply
		}
	}
	size := opExpr("*", funcCall("strlen", clone(s)), clone(cnt))
	fc.Args[1] = guarded(opExpr(">", size, pg.MakeAConstIntNode(maxTextBytes, -1)), "requested length too large", cnt)
	return true
}

// seriesStep makes generate_series(a, b, step) of numbers refuse a step of zero
// (22023), where DuckDB returns no rows.
func seriesStep(fc *pg.FuncCall) bool {
	if len(fc.Args) != 3 {
		return false
	}
	step := fc.Args[2]
	if v, ok := intLiteral(step); ok && v != 0 {
		return false
	}
	switch floatKind(step) {
	case 'i', 'n', 'd':
	default:
		return false // an interval step, or one the front end cannot tell
	}
	if volatile(step) {
		return false
	}
	fc.Args[2] = guarded(opExpr("=", clone(step), pg.MakeAConstIntNode(0, -1)), "step size cannot equal zero", step)
	return true
}

// upperSharpS keeps ß in upper(x), as PostgreSQL's upper under C.UTF-8 does (DuckDB
// writes ẞ; no other character differs): where x holds a ß, ß becomes a NUL (which no
// PostgreSQL text holds) before upper and ß again after; other strings take upper
// alone (the replaces cost six times upper).
func upperSharpS(n *pg.Node, fc *pg.FuncCall) bool {
	if len(fc.Args) != 1 || volatile(fc.Args[0]) {
		return false
	}
	x := fc.Args[0]
	if k := x.GetAConst().GetSval(); k != nil && !strings.Contains(k.Sval, "ß") {
		return false
	}
	nul := funcCall("decode", &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{
		Arg: pg.MakeAConstStrNode(`\x00`, -1), TypeName: exprTypeName("blob"), Location: generated}}})
	up := func(arg *pg.Node) *pg.Node {
		c := funcCall("upper", arg)
		c.GetFuncCall().Location = generated
		return c
	}
	kept := funcCall("replace", up(funcCall("replace", clone(x), pg.MakeAConstStrNode("ß", -1), nul)), clone(nul), pg.MakeAConstStrNode("ß", -1))
	out := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(funcCall("contains", clone(x), pg.MakeAConstStrNode("ß", -1)), kept, -1)}, -1)
	out.GetCaseExpr().Defresult = up(x)
	n.Node = out.Node
	return true
}

// floatMarks reports whether low (a statement in lower case) may hold an expression
// floatRewrite changes.
func floatMarks(low string) bool {
	for _, m := range []string{"^", "exp(", "pow(", "power(", "mod(", "split_part(", "repeat(", "generate_series(", "upper(",
		"random(", "sqrt(", "ln(", "log(", "log10(", "cbrt(", "date_part("} {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}
