package pgsql

import (
	"errors"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// floatCastTypes are the names of double precision and real in a cast, with the bits
// and PostgreSQL's name.
var floatCastTypes = map[string]struct {
	bits     int
	name     string
	duckType string
}{
	"float8": {64, "double precision", "double"}, "double": {64, "double precision", "double"}, "float": {64, "double precision", "double"},
	"float4": {32, "real", "float"}, "real": {32, "real", "float"},
}

// FloatInRange reports whether PostgreSQL's input function of double precision (bits
// 64) or real (32) accepts s's magnitude: a number whose value overflows to infinity
// or underflows to zero is refused (22003); Infinity, NaN and subnormal numbers are
// not. Text that is no number at all is left to the caller (ok is true).
func FloatInRange(s string, bits int) bool {
	t := strings.Trim(s, " \t\n\r\v\f")
	v, err := strconv.ParseFloat(t, bits)
	var ne *strconv.NumError
	switch {
	case errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange):
		return false
	case err != nil:
		return true
	case v == 0:
		// Go reads an underflow as 0 with no error: refused when the mantissa is not 0.
		mant, _, _ := strings.Cut(strings.ToLower(t), "e")
		if strings.HasPrefix(strings.TrimLeft(mant, "+-"), "0x") {
			mant, _, _ = strings.Cut(mant[strings.Index(mant, "x")+1:], "p")
		}
		return strings.Trim(mant, "+-0.") == ""
	}
	return true
}

// floatRangeCast makes a cast of text to double precision or real refuse (22003) a
// number out of the type's range, as PostgreSQL does, where DuckDB reads Infinity or
// 0: a literal is checked here ('1e400'::float8 becomes the error), a column (or a
// cast to text) whose DuckDB type is VARCHAR is checked as it is read (typeof, which
// DuckDB folds, leaves other types' casts alone).
func floatRangeCast(tc *pg.TypeCast) bool {
	ft, ok := floatCastTypes[strName(tc.TypeName.Names[len(tc.TypeName.Names)-1])]
	if !ok || len(tc.TypeName.Typmods) > 0 || tc.Location < 0 {
		return false
	}
	msg := func(s string) string { return strconv.Quote(s) + " is out of range for type " + ft.name }
	if k := tc.Arg.GetAConst(); k != nil {
		var s string
		switch {
		case k.GetSval() != nil:
			s = k.GetSval().Sval
		case k.GetFval() != nil:
			s = k.GetFval().Fval
		default:
			return false
		}
		if FloatInRange(s, ft.bits) {
			return false
		}
		tc.Arg = errorCall(msg(s))
		return true
	}
	x := tc.Arg
	switch y := x.Node.(type) {
	case *pg.Node_ColumnRef:
	case *pg.Node_TypeCast:
		switch castTypeName(y.TypeCast) {
		case "text", "varchar", "bpchar":
		default:
			return false
		}
	default:
		return false
	}
	if hasParam(x) || volatile(x) {
		return false
	}
	text := func() *pg.Node {
		return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: clone(x), Location: generated,
			TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("string")}, Typemod: -1}}}}
	}
	value := func() *pg.Node {
		return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: text(), Location: generated,
			TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode(ft.duckType)}, Typemod: -1}}}}
	}
	matches := func(re string) *pg.Node { return funcCall("regexp_full_match", text(), pg.MakeAConstStrNode(re, -1)) }
	// Text that is a finite number in decimal or exponent form, whose value DuckDB
	// reads as infinite, or as 0 though a digit of its mantissa is not.
	number := pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, []*pg.Node{
		opExpr("=", funcCall("typeof", clone(x)), pg.MakeAConstStrNode("VARCHAR", -1)),
		matches(`\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*`)}, -1)
	out := pg.MakeBoolExprNode(pg.BoolExprType_OR_EXPR, []*pg.Node{
		funcCall("isinf", value()),
		pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, []*pg.Node{opExpr("=", value(), pg.MakeAConstIntNode(0, -1)), matches(`[^eE]*[1-9].*`)}, -1)}, -1)
	msgExpr := opExpr("||", opExpr("||", pg.MakeAConstStrNode(`"`, -1), text()), pg.MakeAConstStrNode(`" is out of range for type `+ft.name, -1))
	inner := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(out, funcCall("error", msgExpr), -1)}, -1)
	inner.GetCaseExpr().Defresult = clone(x)
	outer := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(number, inner, -1)}, -1)
	outer.GetCaseExpr().Defresult = x
	tc.Arg = outer
	return true
}
