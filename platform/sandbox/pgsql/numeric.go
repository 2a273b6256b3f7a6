package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// PostgreSQL's numeric without a precision holds any value with the scale it was
// written with; DuckDB's DECIMAL without one is DECIMAL(18,3), which rounds to three
// decimals. The front end therefore never leaves numeric (or decimal) unqualified:
//
//   - a literal cast to it (1.23456::numeric, CAST('0.5' AS decimal)) becomes
//     DECIMAL(p,s) with the literal's own digits and scale, so the value and its text
//     are PostgreSQL's; a literal of more than 38 digits (DuckDB's limit) is refused
//     with SQLSTATE 22003 instead of being rounded;
//   - anywhere else (columns, casts of expressions, arrays) it becomes
//     DECIMAL(UnboundedPrecision, UnboundedScale), which the sandbox sends without
//     its trailing zeros (as PostgreSQL shows a value it was given without them).
//
// The scale is a compromise (tried at 8, 10, 12 and 16 on testdata/differential/numeric.sql):
// 12 decimals keep money, rates and float8 values from 0.001 up as PostgreSQL shows
// them, 26 integer digits keep every bigint and 23-digit integers (16 refused those,
// 22P02), and the product of two such values (DuckDB adds the scales) still holds 14
// integer digits where 16 would leave 6.
const (
	UnboundedPrecision = 38
	UnboundedScale     = 12
)

// unboundedNumeric reports whether tn is numeric or decimal without a precision.
func unboundedNumeric(tn *pg.TypeName) bool {
	if tn == nil || len(tn.Names) == 0 || len(tn.Typmods) > 0 {
		return false
	}
	if len(tn.Names) == 2 && strName(tn.Names[0]) != "pg_catalog" || len(tn.Names) > 2 {
		return false
	}
	switch strName(tn.Names[len(tn.Names)-1]) {
	case "numeric", "decimal":
		return true
	}
	return false
}

// boundNumeric gives an unbounded numeric type name the sandbox's precision and scale.
func boundNumeric(tn *pg.TypeName) bool {
	if !unboundedNumeric(tn) {
		return false
	}
	tn.Typmods = []*pg.Node{pg.MakeAConstIntNode(UnboundedPrecision, -1), pg.MakeAConstIntNode(UnboundedScale, -1)}
	return true
}

// numericLiteralCast rewrites a literal cast to unbounded numeric as a cast to the
// DECIMAL(p,s) that holds it exactly, or as an error (22003) when it has more digits
// than DuckDB's 38.
func numericLiteralCast(n *pg.Node, c *pg.TypeCast) bool {
	if len(c.TypeName.GetArrayBounds()) > 0 || !unboundedNumeric(c.TypeName) {
		return false
	}
	k := c.Arg.GetAConst()
	if k == nil {
		return false
	}
	var lit string
	switch {
	case k.GetFval() != nil:
		lit = k.GetFval().Fval
	case k.GetIval() != nil:
		return false // an integer literal: DuckDB's integer types convert exactly
	case k.GetSval() != nil:
		lit = strings.TrimSpace(k.GetSval().Sval)
		lit = strings.TrimPrefix(strings.TrimPrefix(lit, "+"), "-")
	default:
		return false
	}
	p, s, ok := decimalDigits(lit)
	if !ok {
		return false
	}
	if p > 38 {
		n.Node = funcCall("error", pg.MakeAConstStrNode("value is out of range: the sandbox's numeric holds at most 38 digits", -1)).Node
		return true
	}
	c.TypeName.Typmods = []*pg.Node{pg.MakeAConstIntNode(int64(p), -1), pg.MakeAConstIntNode(int64(s), -1)}
	return true
}

// decimalDigits returns the precision and scale PostgreSQL gives a plain decimal
// literal ("12.340": 5, 3), leading zeros not counted; ok is false for other forms
// (exponents, NaN, signs inside).
func decimalDigits(lit string) (p, s int, ok bool) {
	intPart, frac, _ := strings.Cut(lit, ".")
	if intPart == "" && frac == "" {
		return 0, 0, false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, 0, false
			}
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	s = len(frac)
	p = len(intPart) + s
	if p == 0 {
		p = 1
	}
	return p, s, true
}
