package pgsql

import (
	"math"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// numericFuncRewrite rewrites round(x) of double precision: PostgreSQL rounds half to
// even (rint: round(2.5::float8) is 2), DuckDB half away from zero, as PostgreSQL rounds
// numeric. Where the front end can tell x is double precision in PostgreSQL (a cast to
// float8 or real, random(), float arithmetic) it calls DuckDB's round_even; where it
// cannot (columns), it corrects DuckDB's round when x is a DOUBLE at a half made of
// no numeric column; numeric and integers are left alone.
func numericFuncRewrite(n *pg.Node, fc *pg.FuncCall) bool {
	if len(fc.Funcname) == 0 || len(fc.Args) != 1 || fc.AggStar || fc.Over != nil || fc.AggDistinct || fc.Location == generated {
		return false
	}
	if len(fc.Funcname) == 2 && strName(fc.Funcname[0]) != "pg_catalog" || strName(fc.Funcname[len(fc.Funcname)-1]) != "round" {
		return false
	}
	x := fc.Args[0]
	switch pgKind(x) {
	case 'f':
		n.Node = funcCall("round_even", x, pg.MakeAConstIntNode(0, -1)).Node
		return true
	case 'n', 'i':
		return false
	}
	// DuckDB's type of x is PostgreSQL's when it is a double made of no numeric
	// column (DuckDB divides numeric as double, PostgreSQL as numeric): the columns
	// of x are checked too, and x without a column is left to DuckDB's round.
	var cols []*pg.Node
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if cr, ok := m.Interface().(*pg.ColumnRef); ok {
			cols = append(cols, &pg.Node{Node: &pg.Node_ColumnRef{ColumnRef: proto.Clone(cr).(*pg.ColumnRef)}})
			return
		}
		eachChild(m, walk)
	}
	walk(x.ProtoReflect())
	if len(cols) == 0 || volatile(x) {
		return false
	}
	clone := func() *pg.Node { return proto.Clone(x).(*pg.Node) }
	op := func(name string, a, b *pg.Node) *pg.Node {
		return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(name)}, a, b, generated)
	}
	isDouble := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_IN, []*pg.Node{pg.MakeStrNode("=")}, funcCall("typeof", clone()),
		pg.MakeListNode([]*pg.Node{pg.MakeAConstStrNode("DOUBLE", -1), pg.MakeAConstStrNode("FLOAT", -1)}), -1)
	half := op("=", funcCall("abs", op("-", clone(), funcCall("trunc", clone()))), &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Val: &pg.A_Const_Fval{Fval: &pg.Float{Fval: "0.5"}}, Location: -1}}})
	round := func(a *pg.Node) *pg.Node {
		return pg.MakeFuncCallNode([]*pg.Node{pg.MakeStrNode("round")}, []*pg.Node{a}, generated)
	}
	odd := op("<>", op("%", round(clone()), pg.MakeAConstIntNode(2, -1)), pg.MakeAConstIntNode(0, -1))
	conds := []*pg.Node{isDouble, half, odd}
	if x.GetColumnRef() == nil {
		for _, c := range cols {
			conds = append(conds, pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_LIKE, []*pg.Node{pg.MakeStrNode("!~~")},
				funcCall("typeof", c), pg.MakeAConstStrNode("DECIMAL%", -1), generated))
		}
	}
	cond := pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, conds, -1)
	adj := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(cond, funcCall("sign", clone()), -1)}, -1)
	adj.GetCaseExpr().Defresult = pg.MakeAConstIntNode(0, -1)
	n.Node = op("-", round(x), adj).Node
	return true
}

// pgKind guesses the PostgreSQL type of n: 'f' double precision, 'n' numeric, 'i' an
// integer, 0 unknown.
func pgKind(n *pg.Node) byte {
	switch x := n.GetNode().(type) {
	case *pg.Node_AConst:
		switch {
		case x.AConst.GetIval() != nil:
			return 'i'
		case x.AConst.GetFval() != nil:
			return 'n'
		}
	case *pg.Node_TypeCast:
		if tn := x.TypeCast.TypeName; tn != nil && len(tn.Names) > 0 && len(tn.ArrayBounds) == 0 {
			switch strName(tn.Names[len(tn.Names)-1]) {
			case "float8", "float4", "float", "double", "real":
				return 'f'
			case "numeric", "decimal":
				return 'n'
			case "int2", "int4", "int8", "integer", "bigint", "smallint", "int":
				return 'i'
			}
		}
	case *pg.Node_FuncCall:
		name := strName(x.FuncCall.Funcname[len(x.FuncCall.Funcname)-1])
		switch name {
		case "random":
			return 'f'
		case "count", "length", "char_length", "strpos", "position":
			return 'i'
		case "avg", "sum", "extract":
			if name == "sum" && len(x.FuncCall.Args) == 1 && pgKind(x.FuncCall.Args[0]) == 'f' {
				return 'f'
			}
			return 'n'
		case "date_part":
			return 'f'
		case "sqrt", "exp", "ln", "log", "power", "pow", "cbrt":
			k := byte('f')
			for _, a := range x.FuncCall.Args {
				switch pgKind(a) {
				case 'n':
					k = 'n'
				case 0:
					return 0
				}
			}
			return k
		case "abs", "trunc", "ceil", "ceiling", "floor", "sign":
			if len(x.FuncCall.Args) == 1 {
				return pgKind(x.FuncCall.Args[0])
			}
		}
	case *pg.Node_AExpr:
		e := x.AExpr
		if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 {
			return 0
		}
		switch strName(e.Name[0]) {
		case "+", "-", "*", "/", "%", "^":
			r := pgKind(e.Rexpr)
			if e.Lexpr == nil {
				return r
			}
			l := pgKind(e.Lexpr)
			switch {
			case l == 'f' || r == 'f':
				return 'f'
			case l == 0 || r == 0:
				return 0
			case l == 'n' || r == 'n':
				return 'n'
			}
			return 'i'
		}
	}
	return 0
}

// volatile reports whether n calls a function that gives a new value at each call, or
// holds a subquery.
func volatile(n *pg.Node) bool {
	found := false
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if found {
			return
		}
		switch x := m.Interface().(type) {
		case *pg.FuncCall:
			if len(x.Funcname) > 0 {
				switch strName(x.Funcname[len(x.Funcname)-1]) {
				case "random", "nextval", "gen_random_uuid", "uuid", "setseed", "clock_timestamp", "timeofday":
					found = true
					return
				}
			}
		case *pg.SubLink:
			found = true
			return
		}
		eachChild(m, walk)
	}
	walk(n.ProtoReflect())
	return found
}

// exponentLiteral writes a numeric literal with an exponent (1e3, 2.5E-3), which
// PostgreSQL reads as numeric and DuckDB as double precision, as the decimal literal
// PostgreSQL's numeric holds (1000, 0.0025) when DuckDB's DECIMAL holds it (38 digits);
// the literal -2147483648, an integer in PostgreSQL, is cast to integer (DuckDB reads
// a bigint).
func exponentLiteral(n *pg.Node, c *pg.A_Const) bool {
	if c.Location == generated {
		return false
	}
	wrap := func() {
		k := proto.Clone(c).(*pg.A_Const)
		k.Location = generated
		n.Node = exprCastTo(&pg.Node{Node: &pg.Node_AConst{AConst: k}}, "int4").Node
	}
	if iv := c.GetIval(); iv != nil {
		if iv.Ival == math.MinInt32 {
			wrap()
			return true
		}
		return false
	}
	f := c.GetFval()
	if f != nil && f.Fval == "-2147483648" {
		wrap() // PostgreSQL folds the minus into the literal: an integer, not a bigint
		return true
	}
	if f == nil || !strings.ContainsAny(f.Fval, "eE") {
		return false
	}
	if out, ok := expandExponent(f.Fval); ok {
		f.Fval = out
		if !strings.Contains(out, ".") {
			// DuckDB reads 1000 as an integer: keep it numeric.
			k := proto.Clone(c).(*pg.A_Const)
			k.Location = generated
			tn := exprTypeName("numeric")
			tn.Names = append([]*pg.Node{pg.MakeStrNode("pg_catalog")}, tn.Names...)
			tn.Typmods = []*pg.Node{pg.MakeAConstIntNode(int64(max(len(strings.TrimPrefix(out, "-")), 1)), -1), pg.MakeAConstIntNode(0, -1)}
			n.Node = &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: &pg.Node{Node: &pg.Node_AConst{AConst: k}}, TypeName: tn, Location: -1}}
		}
		return true
	}
	return false
}

// expandExponent writes s (digits, a point, an exponent) as a plain decimal with
// PostgreSQL's display scale, when it has at most 38 digits.
func expandExponent(s string) (string, bool) {
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, s = strings.TrimPrefix(s[:1], "+"), s[1:]
	}
	i := strings.IndexAny(s, "eE")
	exp, err := strconv.Atoi(s[i+1:])
	if err != nil || exp > 40 || exp < -40 {
		return "", false
	}
	mant := s[:i]
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	scale := len(frac) - exp // the decimal point's place counted from the right of digits
	if digits == "" {
		digits = "0"
		scale = max(scale, 0)
	}
	if scale < 0 {
		digits += strings.Repeat("0", -scale)
		scale = 0
	}
	if len(digits) < scale+1 {
		digits = strings.Repeat("0", scale+1-len(digits)) + digits
	}
	if len(digits) > 38 {
		return "", false
	}
	if scale == 0 {
		return sign + digits, true
	}
	return sign + digits[:len(digits)-scale] + "." + digits[len(digits)-scale:], true
}

// bitCast writes an integer cast to bit(n) as PostgreSQL's: the integer's n low bits
// (DuckDB's cast gives all 32 or 64 bits, whatever n). A literal is converted at once,
// another integer through its bits' text; n above 32 and strings are left to DuckDB.
func bitCast(n *pg.Node, tc *pg.TypeCast) bool {
	tn := tc.TypeName
	if tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 || strName(tn.Names[len(tn.Names)-1]) != "bit" || len(tn.Typmods) != 1 {
		return false
	}
	width := tn.Typmods[0].GetAConst().GetIval()
	if width == nil || width.Ival < 1 || width.Ival > 32 {
		return false
	}
	w := int(width.Ival)
	if c := tc.Arg.GetAConst(); c != nil {
		if c.GetSval() != nil || c.GetIsnull() {
			return false
		}
		v := int64(0)
		switch {
		case c.GetIval() != nil:
			v = int64(c.GetIval().Ival)
		default:
			return false
		}
		bits := strconv.FormatUint(uint64(v)&(1<<w-1), 2)
		bits = strings.Repeat("0", w-len(bits)) + bits
		n.Node = exprCastTo(pg.MakeAConstStrNode(bits, -1), "bit").Node
		return true
	}
	if pgKind(tc.Arg) != 'i' && tc.Arg.GetColumnRef() == nil {
		return false
	}
	text := exprCastTo(exprCastTo(tc.Arg, "bit"), "varchar")
	n.Node = exprCastTo(funcCall("right", text, pg.MakeAConstIntNode(int64(w), -1)), "bit").Node
	return true
}
