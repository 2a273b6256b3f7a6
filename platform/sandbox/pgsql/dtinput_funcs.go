package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Date and time functions whose value DuckDB computes otherwise, silently:
//   - the epoch of an interval: PostgreSQL counts a year as 365.25 days, DuckDB as
//     twelve months of 30 days (extract(epoch FROM interval '1 year') is 31557600 there,
//     31104000 here);
//   - the year (also decade, ISO year) of a BC date: PostgreSQL says -44 for 44 BC,
//     DuckDB the astronomical year -43;
//   - make_date, make_timestamp and make_timestamptz of a negative year: PostgreSQL
//     reads -44 as 44 BC (and refuses year 0), DuckDB as the astronomical year (45 BC);
//   - date_trunc to the century or millennium: PostgreSQL's 21st century starts in
//     2001, DuckDB's in 2000;
//   - OVERLAPS, which DuckDB lacks.
// The macros are overloaded on their argument's type where only some types need them.

var dateFuncMacros = []string{
	"CREATE OR REPLACE TEMP MACRO sluice_epoch_us(x INTERVAL) AS epoch_us(x) + datepart('year', x) * 453600000000, (x) AS epoch_us(x)",
	"CREATE OR REPLACE TEMP MACRO sluice_epoch(x INTERVAL) AS (epoch_us(x) + datepart('year', x) * 453600000000) / 1000000.0, " +
		"(x) AS date_part('epoch', x)",
	"CREATE OR REPLACE TEMP MACRO sluice_year(x DATE) AS CASE WHEN year(x) <= 0 THEN year(x) - 1 ELSE year(x) END, " +
		"(x TIMESTAMP) AS CASE WHEN year(x) <= 0 THEN year(x) - 1 ELSE year(x) END, " +
		"(x TIMESTAMPTZ) AS CASE WHEN year(x) <= 0 THEN year(x) - 1 ELSE year(x) END, (x) AS date_part('year', x)",
	"CREATE OR REPLACE TEMP MACRO sluice_decade(x DATE) AS CASE WHEN year(x) >= 0 THEN year(x) // 10 ELSE -((8 - (year(x) - 1)) // 10) END, " +
		"(x TIMESTAMP) AS CASE WHEN year(x) >= 0 THEN year(x) // 10 ELSE -((8 - (year(x) - 1)) // 10) END, " +
		"(x TIMESTAMPTZ) AS CASE WHEN year(x) >= 0 THEN year(x) // 10 ELSE -((8 - (year(x) - 1)) // 10) END, (x) AS date_part('decade', x)",
	"CREATE OR REPLACE TEMP MACRO sluice_isoyear(x DATE) AS CASE WHEN isoyear(x) <= 0 THEN isoyear(x) - 1 ELSE isoyear(x) END, " +
		"(x TIMESTAMP) AS CASE WHEN isoyear(x) <= 0 THEN isoyear(x) - 1 ELSE isoyear(x) END, " +
		"(x TIMESTAMPTZ) AS CASE WHEN isoyear(x) <= 0 THEN isoyear(x) - 1 ELSE isoyear(x) END, (x) AS date_part('isoyear', x)",
	"CREATE OR REPLACE TEMP MACRO sluice_pg_year(y) AS CASE WHEN y < 0 THEN y + 1 WHEN y = 0 " +
		"THEN error('date field value out of range: year 0') ELSE y END",
	"CREATE OR REPLACE TEMP MACRO sluice_trunc_cm(u, x INTERVAL) AS date_trunc(u, x), " +
		"(u, x) AS date_trunc(u, x - INTERVAL '1 year') + INTERVAL '1 year'",
	// OVERLAPS as PostgreSQL's overlaps_timestamp: an interval end is start + interval,
	// each pair ordered, NULL where the answer depends on a missing end.
	"CREATE OR REPLACE TEMP MACRO sluice_ov_end(s, e INTERVAL) AS s + e, (s, e) AS e",
	"CREATE OR REPLACE TEMP MACRO sluice_ov_lo(s, e) AS CASE WHEN s IS NULL THEN e WHEN e IS NOT NULL AND s > e THEN e ELSE s END",
	"CREATE OR REPLACE TEMP MACRO sluice_ov_hi(s, e) AS CASE WHEN s IS NULL THEN NULL WHEN e IS NOT NULL AND s > e THEN s ELSE e END",
	"CREATE OR REPLACE TEMP MACRO sluice_ov_core(s1, e1, s2, e2) AS CASE WHEN s1 IS NULL OR s2 IS NULL THEN NULL " +
		"WHEN s1 > s2 THEN CASE WHEN e2 IS NULL THEN NULL WHEN s1 < e2 THEN true WHEN e1 IS NULL THEN NULL ELSE false END " +
		"WHEN s1 < s2 THEN CASE WHEN e1 IS NULL THEN NULL WHEN s2 < e1 THEN true WHEN e2 IS NULL THEN NULL ELSE false END " +
		"ELSE CASE WHEN e1 IS NULL OR e2 IS NULL THEN NULL ELSE true END END",
	"CREATE OR REPLACE TEMP MACRO sluice_overlaps(a, b, c, d) AS sluice_ov_core(sluice_ov_lo(a, sluice_ov_end(a, b)), " +
		"sluice_ov_hi(a, sluice_ov_end(a, b)), sluice_ov_lo(c, sluice_ov_end(c, d)), sluice_ov_hi(c, sluice_ov_end(c, d)))",
}

// dateFuncMark reports whether low (a statement in lower case) may call one of the
// functions above.
func dateFuncMark(low string) bool {
	return strings.Contains(low, "make_") || strings.Contains(low, "century") || strings.Contains(low, "millennium") ||
		strings.Contains(low, "overlaps")
}

// dateFuncRewrite rewrites n, a call of make_date, make_timestamp[tz], date_trunc to a
// century or millennium, or OVERLAPS, as above.
func dateFuncRewrite(n *pg.Node, fc *pg.FuncCall) bool {
	if len(fc.Funcname) == 0 || len(fc.Funcname) > 2 || len(fc.Funcname) == 2 && strName(fc.Funcname[0]) != "pg_catalog" {
		return false
	}
	switch name := strName(fc.Funcname[len(fc.Funcname)-1]); name {
	case "make_date", "make_timestamp", "make_timestamptz":
		if len(fc.Args) == 0 || fc.Args[0].GetNamedArgExpr() != nil || fc.Args[0].GetFuncCall() != nil && fnName(fc.Args[0].GetFuncCall()) == "sluice_pg_year" {
			return false
		}
		fc.Funcname = []*pg.Node{pg.MakeStrNode(name)}
		fc.Args[0] = funcCall("sluice_pg_year", fc.Args[0])
		return true
	case "date_trunc":
		u := fc.Args
		if len(u) != 2 || u[0].GetAConst().GetSval() == nil {
			return false
		}
		switch strings.ToLower(u[0].GetAConst().GetSval().Sval) {
		case "century", "centuries", "millennium", "millennia":
		default:
			return false
		}
		arg := u[1]
		if dateTimeKind(arg) == "date" {
			arg = exprCastTo(arg, "timestamptz") // PostgreSQL's date_trunc(text, timestamptz)
		}
		n.Node = funcCall("sluice_trunc_cm", u[0], arg).Node
		return true
	case "overlaps":
		if len(fc.Args) != 4 {
			return false
		}
		n.Node = funcCall("sluice_overlaps", fc.Args...).Node
		return true
	}
	return false
}

// bcYearMacros are the macros datePart (funcs.go) calls for fields of BC years.
var bcYearMacros = map[string]string{"year": "sluice_year", "years": "sluice_year", "decade": "sluice_decade",
	"decades": "sluice_decade", "isoyear": "sluice_isoyear"}
