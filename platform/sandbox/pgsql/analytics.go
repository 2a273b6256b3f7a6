package pgsql

import (
	"regexp"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// The analyst's SQL where DuckDB computes another value than PostgreSQL without any
// error (found by differential probing, testdata/differential/analytics*.sql):
//
//   - casts of text to integer types and boolean (analytics_casts.go): DuckDB rounds
//     '1.5'::int to 2 and reads '1e3', '0x10', '1_000'; PostgreSQL refuses them (22P02);
//     a text column holding 'yes' or 'on' is refused by DuckDB as boolean;
//     ROW(…)::text is DuckDB's struct text;
//   - aggregates (analytics_aggs.go): array_agg/string_agg(DISTINCT x) come out in hash
//     order (PostgreSQL sorts them), percentile_cont of a numeric keeps its scale
//     (2.17 for 2.175), string_agg(x, NULL) is NULL;
//   - arrays (analytics_arrays.go): a negative subscript counts from the end, slices
//     with bounds below 1 too, array_length of an empty array is 0 (NULL);
//   - rows (analytics_rows.go): ROW(…) IS [NOT] NULL tests the row, not its fields,
//     and (a, b) IN ((…), (…)) ignores NULLs;
//   - an integer compared with a string literal it cannot hold (x = '5.5', also in IN,
//     BETWEEN, ANY('{…}'), CASE x WHEN, coalesce, greatest, least, nullif, and written
//     by INSERT … VALUES and UPDATE … SET: analytics_compare.go) used the literal
//     rounded; PostgreSQL refuses it (22P02); # (exclusive or) was missing;
//   - x = ANY(a) and x <> ALL(a) of a NULL array were false and true (NULL);
//   - window frames, nth_value, ntile, LIMIT and OFFSET with literal arguments
//     PostgreSQL refuses ran (analytics_frames.go), ORDER BY … USING was refused;
//   - array_position(a, x, start) was missing (analytics_funcs.go);
//   - FETCH FIRST n ROWS WITH TIES, which DuckDB lacks (analytics_ties.go);
//   - regular expressions (analytics_regex.go): . did not match a new line,
//     regexp_replace's \& was not the match, \y \m \M \Z were refused and \b (a
//     backspace in PostgreSQL) was a word boundary.

// analyticRewrite applies the rewrites above to n and reports whether it replaced it.
func (r *rewriter) analyticRewrite(n *pg.Node) bool {
	switch x := n.Node.(type) {
	case *pg.Node_TypeCast:
		return rowTextCast(n, x.TypeCast) || textIntCast(n, x.TypeCast) || textBoolCast(n, x.TypeCast)
	case *pg.Node_FuncCall:
		if regexFlags(n, x.FuncCall) || windowArgs(x.FuncCall) { // changed in place; other rewrites of the call follow
			r.changed = true
		}
		return distinctAggOrder(x.FuncCall) || percentileFloat(x.FuncCall) || stringAggNullDelim(x.FuncCall) ||
			arrayPositionStart(n, x.FuncCall) ||
			emptyArrayLength(n, x.FuncCall)
	case *pg.Node_AIndirection:
		return subscripts(x.AIndirection)
	case *pg.Node_SelectStmt:
		if limitArgs(x.SelectStmt) { // changed in place (analytics_frames.go)
			r.changed = true
		}
		return withTies(n, x.SelectStmt)
	case *pg.Node_WindowDef:
		if frameOffsets(x.WindowDef) { // WINDOW w AS (…)
			r.changed = true
		}
		return false
	case *pg.Node_CaseExpr:
		return intLiteralCase(n, x.CaseExpr)
	case *pg.Node_CoalesceExpr:
		return intLiteralArgs(n, &x.CoalesceExpr.Location, x.CoalesceExpr.Args...)
	case *pg.Node_MinMaxExpr:
		return intLiteralArgs(n, &x.MinMaxExpr.Location, x.MinMaxExpr.Args...)
	case *pg.Node_NullTest:
		return rowNullTest(n, x.NullTest)
	case *pg.Node_AExpr:
		if dotAllPattern(x.AExpr) { // changed in place; rewriteOperator follows
			r.changed = true
		}
		return rowInList(n, x.AExpr) || nullArrayAny(n, x.AExpr) || intLiteralCompare(n, x.AExpr) || xorOperator(n, x.AExpr)
	}
	return false
}

// analyticMark reports whether low (a statement in lower case) may hold one of the
// expressions above, so that Translate walks it.
func analyticMark(low string) bool {
	if plainInsert(low) && plainValues(low) {
		return false // literals, NULL and DEFAULT: bulk loads keep the fast path
	}
	if analyticCast.MatchString(low) || analyticDistinct.MatchString(low) || analyticRowIn.MatchString(low) ||
		analyticIntLit.MatchString(low) || analyticLimits.MatchString(low) {
		return true
	}
	for _, m := range analyticWords {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

var (
	analyticCast     = regexp.MustCompile(`(::|\bas)\s*"?(int|int2|int4|int8|integer|bigint|smallint|bool|boolean|text)\b`)
	analyticDistinct = regexp.MustCompile(`_agg\s*\(\s*distinct\b`)
	analyticIntLit   = regexp.MustCompile(`'\s*[-+]?[0-9]*[.ex_][0-9a-f._+-]*\s*'`)
	analyticLimits   = regexp.MustCompile(`(limit|offset)\s*\(?\s*-|-\s*[0-9.]+\s*\)?\s*(preceding|following)|null\s+(preceding|following)|using\s*[<>]`)
	analyticRowIn    = regexp.MustCompile(`\)\s*(not\s+)?in\s*\(\s*(row\s*)?\(`)
	analyticWords    = []string{"percentile_cont", "string_agg", "[", "array_length", "null", "regexp_", "some", "#", "ties",
		"nth_value", "ntile", "array_position"}
)
