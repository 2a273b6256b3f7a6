package pgsql

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// literalCast rewrites a string literal cast to boolean, date, time, timestamp or
// timestamptz (also written DATE '…', TIMESTAMP WITH TIME ZONE '…') that PostgreSQL's
// input functions read and DuckDB's casts refuse or read otherwise: booleans such as
// 'on', 'yes', 'f', times without seconds before a zone ('2024-03-01 10:00+02'),
// offsets without a colon ('+0530'), month names ('Mar 1 2024'), and the special values
// 'epoch', 'allballs', 'now', 'today', 'tomorrow' and 'yesterday'.
func literalCast(n *pg.Node, tc *pg.TypeCast) bool {
	k := tc.Arg.GetAConst()
	if k == nil || k.GetSval() == nil || tc.TypeName == nil || len(tc.TypeName.ArrayBounds) > 0 || len(tc.TypeName.Names) == 0 {
		return false
	}
	s := k.GetSval()
	kind := strName(tc.TypeName.Names[len(tc.TypeName.Names)-1])
	switch kind {
	case "bool", "boolean":
		v, ok := ParseBool(s.Sval)
		if !ok || s.Sval == strconv.FormatBool(v) {
			return false
		}
		s.Sval = strconv.FormatBool(v)
		return true
	case "date", "time", "timestamp", "timestamptz", "interval":
	default:
		return false
	}
	if e := relativeDateTime(s.Sval, kind); e != nil {
		tc.Arg = e
		return true
	}
	out, ok := NormalizeDateTime(s.Sval, kind)
	if !ok || out == s.Sval {
		return false
	}
	s.Sval = out
	return true
}

// ParseBool reads PostgreSQL's boolean input: true, false, yes, no, on, off, 1, 0 or a
// prefix that names one of them alone, in any case, blanks around.
func ParseBool(s string) (bool, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return false, false
	}
	switch {
	case strings.HasPrefix("true", t), strings.HasPrefix("yes", t), t == "1", t == "on":
		return true, true
	case strings.HasPrefix("false", t), strings.HasPrefix("no", t), t == "0", len(t) >= 2 && strings.HasPrefix("off", t):
		return false, true
	}
	return false, false
}

// relativeDateTime returns the expression for 'now', 'today', 'tomorrow' and
// 'yesterday' as a value of kind, nil for other strings.
func relativeDateTime(s, kind string) *pg.Node {
	if kind == "interval" {
		return nil
	}
	day := func(off int64) *pg.Node {
		d := &pg.Node{Node: &pg.Node_SqlvalueFunction{SqlvalueFunction: &pg.SQLValueFunction{Op: pg.SQLValueFunctionOp_SVFOP_CURRENT_DATE, Typmod: -1, Location: -1}}}
		if off == 0 {
			return d
		}
		op := "+"
		if off < 0 {
			op, off = "-", -off
		}
		return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(op)}, d, pg.MakeAConstIntNode(off, -1), generated)
	}
	var e *pg.Node
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "now":
		e = &pg.Node{Node: &pg.Node_SqlvalueFunction{SqlvalueFunction: &pg.SQLValueFunction{Op: pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, Typmod: -1, Location: -1}}}
		if kind == "date" {
			e = exprCastTo(e, "timestamp") // the session's local time
		}
	case "today":
		e = day(0)
	case "tomorrow":
		e = day(1)
	case "yesterday":
		e = day(-1)
	default:
		return nil
	}
	if kind == "time" {
		e = exprCastTo(e, "timestamp")
	}
	return e
}

func exprCastTo(e *pg.Node, typ string) *pg.Node {
	return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: e, TypeName: exprTypeName(typ), Location: -1}}}
}

var (
	isoDateRE   = regexp.MustCompile(`^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})`)
	compactRE   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:$|[ T])`)
	mdyRE       = regexp.MustCompile(`^(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4})`)
	monFirstRE  = regexp.MustCompile(`^([A-Za-z]+)\.?[ -]+(\d{1,2})(?:st|nd|rd|th)?,?[ -]+(\d{4})`)
	dayFirstRE  = regexp.MustCompile(`^(\d{1,2})[ -]+([A-Za-z]+)\.?,?[ -]+(\d{4})`)
	clockRE     = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d*)?)?(?:\s*([aApP])\.?[mM]\.?)?`)
	offsetRE    = regexp.MustCompile(`^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$`)
	zoneNameRE  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_/+-]*$`)
	monthByName = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
		"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4,
		"june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12}
)

// NormalizeDateTime writes s, PostgreSQL's input of a date, time, timestamp or
// timestamptz (kind, PostgreSQL's type name) with DateStyle MDY, in the form DuckDB
// reads: "YYYY-MM-DD", "HH:MM:SS[.f]", "YYYY-MM-DD HH:MM:SS[.f]" and, for timestamptz,
// the zone written "+HH:MM[:SS]" or " Name". A zone of a timestamp without time zone is
// dropped, as PostgreSQL does. It reports false for what it does not read (DuckDB then
// says what is wrong).
func NormalizeDateTime(s, kind string) (string, bool) {
	if kind == "interval" {
		if !suspectInterval(s) { // DuckDB reads it alike (or refuses it)
			return s, true
		}
		return NormalizeInterval(s)
	}
	t := strings.TrimSpace(s)
	switch strings.ToLower(t) {
	case "epoch":
		switch kind {
		case "date":
			return "1970-01-01", true
		case "timestamp":
			return "1970-01-01 00:00:00", true
		case "timestamptz":
			return "1970-01-01 00:00:00+00", true
		}
		return "", false
	case "infinity", "+infinity", "-infinity":
		if kind == "time" {
			return "", false
		}
		return strings.TrimPrefix(strings.ToLower(t), "+"), true
	case "allballs":
		if kind == "time" {
			return "00:00:00", true
		}
		return "", false
	}
	if out, ok, done := eraDateTime(t, kind); done { // dtinput_era.go
		return out, ok
	}
	t, bc := stripEra(t)
	y, mo, d, rest, hasDate := readDate(t)
	if !hasDate && kind != "time" || bc && (!hasDate || y < 1) {
		return "", false
	}
	if bc {
		y = 1 - y // DuckDB's astronomical year
	}
	if hasDate {
		if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
			return "", false
		}
	}
	rest = strings.TrimLeft(rest, " \t")
	if hasDate && (strings.HasPrefix(rest, "T") || strings.HasPrefix(rest, "t")) {
		rest = rest[1:]
	}
	clock := ""
	if m := clockRE.FindStringSubmatch(rest); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		sec := 0
		if m[3] != "" {
			sec, _ = strconv.Atoi(m[3])
		}
		if m[5] != "" {
			if h < 1 || h > 12 {
				return "", false
			}
			if p := strings.ToLower(m[5]); p == "p" && h != 12 {
				h += 12
			} else if p == "a" && h == 12 {
				h = 0
			}
		}
		if h > 24 || mi > 59 || sec > 60 || h == 24 && (mi > 0 || sec > 0 || strings.Trim(m[4], ".0") != "") {
			return "", false
		}
		frac := m[4]
		if frac == "." {
			frac = ""
		}
		clock = fmt.Sprintf("%02d:%02d:%02d%s", h, mi, sec, frac)
		rest = rest[len(m[0]):]
	} else if !hasDate {
		return "", false
	}
	zone, ok := readZone(strings.TrimSpace(rest))
	if !ok {
		return "", false
	}
	date := ""
	if hasDate {
		date = duckDate(y, mo, d)
	}
	switch kind {
	case "date":
		return date, true
	case "time":
		if clock == "" {
			return "", false
		}
		return clock, true
	case "timestamp":
		if clock == "" {
			clock = "00:00:00"
		}
		return date + " " + clock, true
	}
	if clock == "" {
		clock = "00:00:00"
	}
	return date + " " + clock + zone, true
}

// readDate reads a leading date: ISO (2024-03-01, 2024/03/01, 20240301), MDY
// (03/01/2024) or with a month name (Mar 1 2024, March 1, 2024, 1 Mar 2024).
func readDate(t string) (y, mo, d int, rest string, ok bool) {
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	if m := isoDateRE.FindStringSubmatch(t); m != nil && m[2] == m[4] {
		return atoi(m[1]), atoi(m[3]), atoi(m[5]), t[len(m[0]):], true
	}
	if m := compactRE.FindStringSubmatch(t); m != nil {
		return atoi(m[1]), atoi(m[2]), atoi(m[3]), t[8:], true
	}
	if m := mdyRE.FindStringSubmatch(t); m != nil && m[2] == m[4] {
		return atoi(m[5]), atoi(m[1]), atoi(m[3]), t[len(m[0]):], true
	}
	if m := monFirstRE.FindStringSubmatch(t); m != nil {
		if mon, ok := monthByName[strings.ToLower(m[1])]; ok {
			return atoi(m[3]), mon, atoi(m[2]), t[len(m[0]):], true
		}
	}
	if m := dayFirstRE.FindStringSubmatch(t); m != nil {
		if mon, ok := monthByName[strings.ToLower(m[2])]; ok {
			return atoi(m[3]), mon, atoi(m[1]), t[len(m[0]):], true
		}
	}
	return 0, 0, 0, t, false
}

// readZone reads a zone after the time: Z, UTC, GMT, an offset (+05, +0530, -07:30) or
// a zone name, written as DuckDB reads it ("" for none).
func readZone(z string) (string, bool) {
	switch strings.ToLower(z) {
	case "":
		return "", true
	case "z", "utc", "gmt", "zulu", "ut":
		return "+00", true
	}
	if m := offsetRE.FindStringSubmatch(z); m != nil {
		h, _ := strconv.Atoi(m[2])
		if h > 15 {
			return "", false
		}
		out := fmt.Sprintf("%s%02d", m[1], h)
		if m[3] != "" || m[4] != "" {
			mi := m[3]
			if mi == "" {
				mi = "00"
			}
			out += ":" + mi
			if m[4] != "" {
				out += ":" + m[4]
			}
		}
		return out, true
	}
	if zoneNameRE.MatchString(z) && strings.Contains(z, "/") {
		return " " + z, true
	}
	return "", false
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// comparedLiteral normalises a string literal compared (=, <, BETWEEN, IN…) with an
// expression whose date or time type the front end can tell (a cast, current_date,
// now()): PostgreSQL reads the literal as that type.
func comparedLiteral(e *pg.A_Expr) bool {
	fix := func(kind string, n *pg.Node) bool {
		s := n.GetAConst().GetSval()
		if kind == "" || s == nil {
			return false
		}
		if out, ok := NormalizeDateTime(s.Sval, kind); ok && out != s.Sval {
			s.Sval = out
			return true
		}
		return false
	}
	changed := false
	switch e.Kind {
	case pg.A_Expr_Kind_AEXPR_OP:
		if len(e.Name) != 1 || e.Lexpr == nil {
			return false
		}
		switch strName(e.Name[0]) {
		case "=", "<>", "!=", "<", ">", "<=", ">=":
			changed = fix(dateTimeKind(e.Lexpr), e.Rexpr) || fix(dateTimeKind(e.Rexpr), e.Lexpr)
		}
	case pg.A_Expr_Kind_AEXPR_IN, pg.A_Expr_Kind_AEXPR_BETWEEN, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		kind := dateTimeKind(e.Lexpr)
		for _, it := range e.Rexpr.GetList().GetItems() {
			if fix(kind, it) {
				changed = true
			}
		}
	}
	return changed
}

// dateTimeKind is the date or time type of n when the front end can tell it.
func dateTimeKind(n *pg.Node) string {
	switch x := n.GetNode().(type) {
	case *pg.Node_TypeCast:
		if tn := x.TypeCast.TypeName; tn != nil && len(tn.Names) > 0 && len(tn.ArrayBounds) == 0 {
			switch k := strName(tn.Names[len(tn.Names)-1]); k {
			case "date", "time", "timestamp", "timestamptz", "interval":
				return k
			}
		}
	case *pg.Node_SqlvalueFunction:
		switch x.SqlvalueFunction.Op {
		case pg.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
			return "date"
		case pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
			return "timestamptz"
		case pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
			return "timestamp"
		}
	case *pg.Node_FuncCall:
		if fn := x.FuncCall.Funcname; len(fn) > 0 && strName(fn[len(fn)-1]) == "now" && len(x.FuncCall.Args) == 0 {
			return "timestamptz"
		}
	}
	return ""
}

// dateTruncDate casts a date argument of date_trunc to timestamptz, as PostgreSQL's
// function resolution does (date_trunc('month', DATE '2024-03-15') is a timestamptz;
// DuckDB's gives a timestamp). Only a date the front end can tell (a cast, a DATE
// literal, current_date) is cast.
func dateTruncDate(fc *pg.FuncCall) bool {
	if len(fc.Funcname) == 0 || strName(fc.Funcname[len(fc.Funcname)-1]) != "date_trunc" || len(fc.Args) != 2 {
		return false
	}
	if dateTimeKind(fc.Args[1]) != "date" {
		return false
	}
	fc.Args[1] = exprCastTo(fc.Args[1], "timestamptz")
	unqualify(&fc.Funcname)
	return true
}
