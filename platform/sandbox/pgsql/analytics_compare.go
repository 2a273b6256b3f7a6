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
	}
	if x == nil {
		return false
	}
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
	e.Location = compareDone
	var whens []*pg.Node
	for _, t := range []struct{ duck, pg string }{{"INTEGER", "integer"}, {"BIGINT", "bigint"}, {"SMALLINT", "smallint"}, {"HUGEINT", "bigint"}} {
		msg := "invalid input syntax for type " + t.pg + `: "` + lit + `"`
		whens = append(whens, pg.MakeCaseWhenNode(pg.MakeAConstStrNode(t.duck, -1), funcCall("error", pg.MakeAConstStrNode(msg, -1)), -1))
	}
	n.Node = &pg.Node_CaseExpr{CaseExpr: &pg.CaseExpr{
		Arg:       funcCall("typeof", proto.Clone(x).(*pg.Node)),
		Args:      whens,
		Defresult: &pg.Node{Node: n.Node},
		Location:  -1,
	}}
	return true
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
