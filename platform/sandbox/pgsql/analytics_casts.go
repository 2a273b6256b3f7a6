package pgsql

import (
	"fmt"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// The Go functions (registered by the sandbox) that read text as PostgreSQL's input
// functions of the integer types and boolean do, refusing what they refuse.
const (
	Int2InFunc = "pg_int2_in"
	Int4InFunc = "pg_int4_in"
	Int8InFunc = "pg_int8_in"
	BoolInFunc = "pg_bool_in"
)

// intCastTypes are the integer type names of a cast: the bits and PostgreSQL's name.
var intCastTypes = map[string]struct {
	bits int
	name string
	fn   string
}{
	"int2": {16, "smallint", Int2InFunc}, "smallint": {16, "smallint", Int2InFunc},
	"int4": {32, "integer", Int4InFunc}, "int": {32, "integer", Int4InFunc}, "integer": {32, "integer", Int4InFunc},
	"int8": {64, "bigint", Int8InFunc}, "bigint": {64, "bigint", Int8InFunc},
}

// ParseInt reads s as PostgreSQL 15's input function of an integer type of the given
// bits reads it: blanks around, an optional sign and decimal digits, nothing else
// (DuckDB's cast also reads '1.5' as 2, '1e3', '0x10' and '1_000'). The error is
// PostgreSQL's message: invalid input syntax (22P02) or out of range (22003).
func ParseInt(s string, bits int, typeName string) (int64, error) {
	t := strings.Trim(s, " \t\n\r\v\f")
	digits := strings.TrimLeft(t, "+-")
	ok := len(t)-len(digits) <= 1 && digits != ""
	for i := 0; ok && i < len(digits); i++ {
		ok = digits[i] >= '0' && digits[i] <= '9'
	}
	if !ok {
		return 0, fmt.Errorf("invalid input syntax for type %s: %q", typeName, s)
	}
	v, err := strconv.ParseInt(t, 10, bits)
	if err != nil {
		return 0, fmt.Errorf("value %q is out of range for type %s", s, typeName)
	}
	return v, nil
}

// castTypeName returns the last name of a cast's type when it is a cast the client
// wrote (the front end's own have no location) to a plain type (no array bounds, no
// modifiers), else "".
func castTypeName(tc *pg.TypeCast) string {
	tn := tc.TypeName
	if tc.Location < 0 || tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 || len(tn.Typmods) > 0 || tc.Arg == nil {
		return ""
	}
	return strName(tn.Names[len(tn.Names)-1])
}

// textIntCast rewrites x::int (int2, int8…) where x may be text as
// CASE WHEN typeof(x) = 'VARCHAR' THEN pg_int4_in(x) ELSE CAST(x AS integer) END
// (DuckDB folds typeof, so other types keep their cast), and a string literal that
// PostgreSQL refuses into the error it raises.
func textIntCast(n *pg.Node, tc *pg.TypeCast) bool {
	it, ok := intCastTypes[castTypeName(tc)]
	if !ok {
		return false
	}
	if k := tc.Arg.GetAConst(); k != nil {
		s := k.GetSval()
		if s == nil {
			return false
		}
		if _, err := ParseInt(s.Sval, it.bits, it.name); err != nil {
			tc.Arg, tc.Location = funcCall("error", pg.MakeAConstStrNode(err.Error(), -1)), generated
			return true
		}
		return false
	}
	return typeofText(n, tc, it.fn)
}

// textBoolCast rewrites x::boolean where x may be text: DuckDB reads only true, false,
// t, f, 1, 0 (and refuses 'yes', 'on', 'off'…, which PostgreSQL reads).
func textBoolCast(n *pg.Node, tc *pg.TypeCast) bool {
	switch castTypeName(tc) {
	case "bool", "boolean":
		if tc.Arg.GetAConst() != nil {
			return false // literalCast reads literals
		}
		return typeofText(n, tc, BoolInFunc)
	}
	return false
}

// typeofText writes the cast tc (of node n) as CASE WHEN typeof(x) = 'VARCHAR' THEN
// fn(x::string) ELSE tc END (DuckDB's VARCHAR under a name no other rewrite takes), unless its argument's type is told by the statement (a
// number, a cast to a type other than text) or cannot be asked (a parameter).
func typeofText(n *pg.Node, tc *pg.TypeCast, fn string) bool {
	arg := tc.Arg
	switch x := arg.Node.(type) {
	case *pg.Node_ParamRef, *pg.Node_AConst:
		return false
	case *pg.Node_TypeCast:
		switch castTypeName(x.TypeCast) {
		case "text", "varchar", "bpchar":
		default:
			return false
		}
	case *pg.Node_AExpr:
		if x.AExpr.Kind == pg.A_Expr_Kind_AEXPR_OP && len(x.AExpr.Name) == 1 && strings.Contains("+-*/%^", strName(x.AExpr.Name[0])) {
			return false
		}
	case *pg.Node_BoolExpr, *pg.Node_NullTest, *pg.Node_BooleanTest, *pg.Node_SubLink:
		return false
	}
	if pgKind(arg) != 0 || hasParam(arg) || volatile(arg) {
		return false
	}
	clone := func() *pg.Node { return proto.Clone(arg).(*pg.Node) }
	asText := &pg.TypeCast{Arg: clone(), TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("string")}, Typemod: -1}, Location: generated}
	isText := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("=")}, funcCall("typeof", clone()),
		pg.MakeAConstStrNode("VARCHAR", -1), generated)
	orig := proto.Clone(tc).(*pg.TypeCast)
	orig.Location = generated
	n.Node = &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Args:      []*pg.Node{pg.MakeCaseWhenNode(isText, funcCall(fn, &pg.Node{Node: &pg.Node_TypeCast{TypeCast: asText}}), -1)},
		Defresult: &pg.Node{Node: &pg.Node_TypeCast{TypeCast: orig}},
	}}
	return true
}

// rowTextCast writes ROW(a, b)::text (and (a, b)::text) as PostgreSQL's record text,
// (1,,"a b"), where DuckDB writes its struct's text, (1, NULL, a b).
func rowTextCast(n *pg.Node, tc *pg.TypeCast) bool {
	switch castTypeName(tc) {
	case "text", "varchar":
	default:
		return false
	}
	re := tc.Arg.GetRowExpr()
	if re == nil || len(re.Args) == 0 {
		return false
	}
	n.Node = funcCall("pg_record_text", re.Args...).Node
	return true
}
