package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// compareDone marks the comparisons intLiteralCompare wrapped.
const compareDone = -4

// intLiteralCompare makes x = '5.5' (also <>, <, >, <=, >=, IN and BETWEEN) fail with
// 22P02 when x is an integer, as PostgreSQL reads the literal as x's type and refuses
// it; DuckDB cast '5.5' to 6 and compared (x = '20.4' found the rows holding 20). The
// comparison becomes CASE typeof(x) WHEN 'INTEGER' THEN error(…) … ELSE x = '5.5' END,
// which DuckDB folds: other types compare as before. Only literals PostgreSQL's
// integer input refuses but DuckDB's cast reads (decimals, exponents, 0x, _) count.
func intLiteralCompare(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind == pg.A_Expr_Kind_AEXPR_NULLIF && e.Location != generated {
		return intLiteralArgs(n, &e.Location, e.Lexpr, e.Rexpr)
	}
	if e.Location == generated || e.Location == compareDone || e.Lexpr == nil || e.Rexpr == nil || len(e.Name) != 1 {
		return false
	}
	var x *pg.Node
	var lit string
	switch e.Kind {
	case pg.A_Expr_Kind_AEXPR_OP:
		switch strName(e.Name[0]) {
		case "=", "<>", "!=", "<", ">", "<=", ">=":
		default:
			return false
		}
		if s, ok := intLookalike(e.Rexpr); ok {
			x, lit = e.Lexpr, s
		} else if s, ok := intLookalike(e.Lexpr); ok {
			x, lit = e.Rexpr, s
		}
	case pg.A_Expr_Kind_AEXPR_IN, pg.A_Expr_Kind_AEXPR_BETWEEN, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		for _, it := range e.Rexpr.GetList().GetItems() {
			if s, ok := intLookalike(it); ok {
				x, lit = e.Lexpr, s
				break
			}
		}
	case pg.A_Expr_Kind_AEXPR_OP_ANY, pg.A_Expr_Kind_AEXPR_OP_ALL:
		// x = ANY('{5, 10.5}'): the array's text is read as an array of x's type.
		if s := e.Rexpr.GetAConst().GetSval(); s != nil {
			elems, _ := ParseArrayText(s.Sval)
			for _, el := range elems {
				if el != nil && intInputSuspect(*el) {
					x, lit = e.Lexpr, *el
					break
				}
			}
		}
	}
	if x == nil || !intTypeUnknown(x) {
		return false
	}
	e.Location = compareDone
	n.Node = intTypeGuard(x, lit, &pg.Node{Node: n.Node}).Node
	return true
}

// intLiteralArgs does for coalesce, greatest, least and nullif what intLiteralCompare
// does for comparisons: coalesce(x, '1.5') of an integer x is 22P02 in PostgreSQL, 2
// in DuckDB. loc is the expression's location, which marks it done.
func intLiteralArgs(n *pg.Node, loc *int32, args ...*pg.Node) bool {
	if *loc == compareDone || len(args) < 2 {
		return false
	}
	var x *pg.Node
	lit := ""
	for _, a := range args {
		if s, ok := intLookalike(a); ok {
			if lit == "" {
				lit = s
			}
		} else if x == nil && a.GetAConst() == nil {
			x = a
		}
	}
	if x == nil || lit == "" || !intTypeUnknown(x) {
		return false
	}
	*loc = compareDone
	n.Node = intTypeGuard(x, lit, &pg.Node{Node: n.Node}).Node
	return true
}

// intTypeUnknown reports whether x may be an integer whose type the statement does
// not tell (a column, a function): one the typeof guard must ask about.
func intTypeUnknown(x *pg.Node) bool {
	switch x.Node.(type) {
	case *pg.Node_AConst, *pg.Node_ParamRef, *pg.Node_RowExpr:
		return false
	}
	if k := pgKind(x); k == 'f' || k == 'n' || hasParam(x) || volatile(x) || dateTimeKind(x) != "" {
		return false
	}
	if tc := x.GetTypeCast(); tc != nil {
		if t := castTypeName(tc); t == "text" || t == "varchar" {
			return false
		}
	}
	return true
}

// intTypeGuard writes CASE typeof(x) WHEN 'INTEGER' THEN error(…) … ELSE expr END: the
// error PostgreSQL's integer input gives lit when x is an integer, else expr.
func intTypeGuard(x *pg.Node, lit string, expr *pg.Node) *pg.Node {
	var whens []*pg.Node
	for _, t := range []struct{ duck, pg string }{{"INTEGER", "integer"}, {"BIGINT", "bigint"}, {"SMALLINT", "smallint"}, {"HUGEINT", "bigint"}} {
		msg := "invalid input syntax for type " + t.pg + `: "` + lit + `"`
		whens = append(whens, pg.MakeCaseWhenNode(pg.MakeAConstStrNode(t.duck, -1), funcCall("error", pg.MakeAConstStrNode(msg, -1)), -1))
	}
	return &pg.Node{Node: &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Arg:       funcCall("typeof", proto.Clone(x).(*pg.Node)),
		Args:      whens,
		Defresult: expr,
		Location:  -1,
	}}}
}

// intLookalike reports whether n is a string literal that DuckDB's cast reads as an
// integer and PostgreSQL's integer input refuses: 5.0, 5.5, 1e3, 0x10, 1_000.
func intLookalike(n *pg.Node) (string, bool) {
	s := n.GetAConst().GetSval()
	if s == nil || !intInputSuspect(s.Sval) {
		return "", false
	}
	return s.Sval, true
}

// intInputSuspect reports whether s is text DuckDB's cast reads as an integer and
// PostgreSQL's integer input refuses (a number with a fraction or an exponent, 0x…,
// digits with _).
func intInputSuspect(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" || len(t) > 64 || !strings.ContainsAny(t, ".eEx_") || strings.Trim(t, "+-0123456789.eExX_abcdefABCDEF") != "" {
		return false
	}
	if c := t[0]; !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+') {
		return false
	}
	_, err := ParseInt(t, 64, "bigint")
	return err != nil
}

// compared is the position forEachInputLiteral gives a literal compared with a column
// (the column is found by name): fixIntLiteral leaves those to intLiteralCompare, which
// asks the compared expression's own type (a name may be another table's column).
const compared = -2

// duckIntTypes are DuckDB's integer column types, by PostgreSQL's name.
var duckIntTypes = map[string]string{"INTEGER": "integer", "BIGINT": "bigint", "SMALLINT": "smallint", "TINYINT": "smallint", "HUGEINT": "bigint"}

// fixIntLiteral replaces a string literal written into or compared with a column of
// the DuckDB integer type duckType by the error PostgreSQL's input function raises for
// it ('3.7' was stored as 4); FixInputLiterals calls it for the literals
// intInputSuspect takes.
func fixIntLiteral(duckType string, lit *pg.Node) bool {
	name, ok := duckIntTypes[duckType]
	s := lit.GetAConst().GetSval()
	if !ok || s == nil {
		return false
	}
	_, err := ParseInt(s.Sval, 64, name)
	if err == nil {
		return false
	}
	lit.Node = funcCall("error", pg.MakeAConstStrNode(err.Error(), -1)).Node
	return true
}

// xorOperator writes PostgreSQL's bitwise exclusive or, a # b, as DuckDB's xor(a, b)
// (DuckDB has no # operator).
func xorOperator(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || strName(e.Name[0]) != "#" || e.Lexpr == nil || e.Rexpr == nil {
		return false
	}
	n.Node = funcCall("xor", e.Lexpr, e.Rexpr).Node
	return true
}

// intLiteralCase does the same for CASE x WHEN '5.5' THEN …: PostgreSQL compares x with
// the literal read as x's type.
func intLiteralCase(n *pg.Node, ce *pg.CaseExpr) bool {
	if ce.Arg == nil || ce.Location == compareDone || ce.Location == generated || !intTypeUnknown(ce.Arg) {
		return false
	}
	for _, w := range ce.Args {
		if s, ok := intLookalike(w.GetCaseWhen().GetExpr()); ok {
			ce.Location = compareDone
			n.Node = intTypeGuard(ce.Arg, s, &pg.Node{Node: n.Node}).Node
			return true
		}
	}
	return false
}
