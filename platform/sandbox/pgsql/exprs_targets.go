package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// InputLiterals says that a statement writes string literals into columns, or compares
// columns with them, in forms PostgreSQL's input functions read and DuckDB's casts
// refuse or read otherwise ('2024-03-02 11:30+02' for a timestamptz, 'on' for a
// boolean): INSERT … VALUES, UPDATE … SET and comparisons (=, <, BETWEEN, IN) of a
// column with a literal. Whether such a literal is a date or text depends on the
// column's type, which the sandbox looks up in Tables before FixInputLiterals.
type InputLiterals struct {
	// Tables are the relations of the statement (schema "" for main), the INSERT's or
	// UPDATE's target first.
	Tables [][2]string
}

// inputLiterals finds such literals in stmt; nil when there are none.
func inputLiterals(sql string, stmt *pg.Node) *InputLiterals {
	if !mayHoldInputLiteral(sql) {
		return nil
	}
	found := false
	forEachInputLiteral(stmt, func(string, int, *pg.Node) { found = true })
	if !found {
		return nil
	}
	il := &InputLiterals{}
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if rv, ok := m.Interface().(*pg.RangeVar); ok {
			sch := rv.Schemaname
			if sch == "public" {
				sch = ""
			}
			il.Tables = append(il.Tables, [2]string{sch, rv.Relname})
		}
		eachChild(m, walk)
	}
	walk(stmt.ProtoReflect())
	if len(il.Tables) == 0 {
		return nil
	}
	return il
}

// forEachInputLiteral calls fn with the column (by name, or by position in the
// INSERT's target table when name is "") of every suspect literal of stmt.
func forEachInputLiteral(stmt *pg.Node, fn func(name string, pos int, lit *pg.Node)) {
	check := func(name string, pos int, n *pg.Node) {
		if k := n.GetAConst(); k != nil && k.GetSval() != nil && (suspectLiteral(k.GetSval().Sval) || intInputSuspect(k.GetSval().Sval)) {
			fn(name, pos, n)
		}
	}
	if ins := stmt.GetInsertStmt(); ins != nil {
		for _, row := range ins.GetSelectStmt().GetSelectStmt().GetValuesLists() {
			for i, item := range row.GetList().GetItems() {
				if i < len(ins.Cols) {
					check(ins.Cols[i].GetResTarget().GetName(), i, item)
				} else {
					check("", i, item)
				}
			}
		}
	}
	if up := stmt.GetUpdateStmt(); up != nil {
		for _, t := range up.TargetList {
			if rt := t.GetResTarget(); rt != nil && rt.Val != nil && len(rt.Indirection) == 0 {
				check(rt.Name, -1, rt.Val)
			}
		}
	}
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if e, ok := m.Interface().(*pg.A_Expr); ok {
			col := columnName(e.Lexpr)
			switch e.Kind {
			case pg.A_Expr_Kind_AEXPR_OP:
				if len(e.Name) == 1 {
					switch strName(e.Name[0]) {
					case "=", "<>", "!=", "<", ">", "<=", ">=":
						if col != "" {
							check(col, compared, e.Rexpr)
						} else if c := columnName(e.Rexpr); c != "" && e.Lexpr != nil {
							check(c, compared, e.Lexpr)
						}
					}
				}
			case pg.A_Expr_Kind_AEXPR_IN, pg.A_Expr_Kind_AEXPR_BETWEEN, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN:
				if col != "" {
					for _, it := range e.Rexpr.GetList().GetItems() {
						check(col, compared, it)
					}
				}
			}
		}
		eachChild(m, walk)
	}
	walk(stmt.ProtoReflect())
}

// columnName returns the column a column reference names, "" for anything else.
func columnName(n *pg.Node) string {
	cr := n.GetColumnRef()
	if cr == nil || len(cr.Fields) == 0 {
		return ""
	}
	return strName(cr.Fields[len(cr.Fields)-1])
}

// suspectLiteral reports whether s may be a date, time or boolean PostgreSQL reads and
// DuckDB does not read alike.
func suspectLiteral(s string) bool {
	if s == "" || len(s) > 64 || canonicalDateTime(s) || !mayBeInput(s) {
		return false
	}
	if _, ok := ParseBool(s); ok {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "false", "t", "f", "yes", "no", "y", "n", "1", "0":
			return false
		}
		return true
	}
	for _, kind := range []string{"timestamptz", "time"} {
		if out, ok := NormalizeDateTime(s, kind); ok && out != s {
			return true
		}
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "now", "today", "tomorrow", "yesterday":
		return true
	}
	return suspectInterval(s)
}

// mayBeInput is suspectLiteral's quick test: a digit first, or a word that may start a
// boolean, a month name or a special value.
func mayBeInput(s string) bool {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return false
	}
	if c := t[0]; c >= '0' && c <= '9' || intervalStart(t) {
		return true
	}
	if len(t) > 24 {
		return false
	}
	w := strings.ToLower(t[:min(3, len(t))])
	if _, ok := monthByName[w]; ok || w == "sep" {
		return true
	}
	switch w {
	case "o", "on", "of", "off", "tr", "tru", "fa", "fal", "ye", "yes", "epo", "inf", "+in", "-in", "all", "now", "tod", "tom":
		return true
	}
	return false
}

// canonicalDateTime reports whether s is "YYYY-MM-DD[ HH:MM:SS[.f][±HH[:MM]]]", which
// DuckDB reads as PostgreSQL does (the common case, checked without a regexp).
func canonicalDateTime(s string) bool {
	digits := func(from, to int) bool {
		for i := from; i < to; i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	if len(s) < 10 || !digits(0, 4) || s[4] != '-' || !digits(5, 7) || s[7] != '-' || !digits(8, 10) {
		return false
	}
	if len(s) == 10 {
		return true
	}
	if len(s) < 19 || s[10] != ' ' || !digits(11, 13) || s[13] != ':' || !digits(14, 16) || s[16] != ':' || !digits(17, 19) {
		return false
	}
	r := s[19:]
	if strings.HasPrefix(r, ".") {
		i := 1
		for i < len(r) && r[i] >= '0' && r[i] <= '9' {
			i++
		}
		r = r[i:]
	}
	switch {
	case r == "":
		return true
	case len(r) == 3 && (r[0] == '+' || r[0] == '-'):
		return r[1] >= '0' && r[1] <= '9' && r[2] >= '0' && r[2] <= '9'
	case len(r) == 6 && (r[0] == '+' || r[0] == '-') && r[3] == ':':
		return true
	}
	return false
}

// mayHoldInputLiteral reports whether sql has a string literal suspectLiteral takes,
// judged on its text (so that statements without one are not walked).
func mayHoldInputLiteral(sql string) bool {
	for i := 0; i < len(sql); i++ {
		if sql[i] != '\'' {
			continue
		}
		j := i + 1
		for j < len(sql) && (sql[j] != '\'' || j+1 < len(sql) && sql[j+1] == '\'') {
			if sql[j] == '\'' {
				j++
			}
			j++
		}
		if lit := strings.ReplaceAll(sql[i+1:min(j, len(sql))], "''", "'"); j-i-1 <= 64 && (suspectLiteral(lit) || intInputSuspect(lit)) {
			return true
		}
		i = j
	}
	return false
}

// FixInputLiterals rewrites sql (a statement inputLiterals described) so that each
// suspect literal written into or compared with a column of a date, time, timestamp,
// timestamptz or boolean type (colType gives a column's DuckDB type by name, or by
// position in the INSERT's table for name "") is in the form DuckDB reads. It returns
// sql unchanged when there is nothing to change.
func FixInputLiterals(sql string, colType func(name string, pos int) string) string {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql
	}
	changed := false
	forEachInputLiteral(res.Stmts[0].Stmt, func(name string, pos int, lit *pg.Node) {
		k := lit.GetAConst()
		kind := ""
		switch t := colType(name, pos); {
		case t == "TIMESTAMP WITH TIME ZONE":
			kind = "timestamptz"
		case strings.HasPrefix(t, "TIMESTAMP"):
			kind = "timestamp"
		case t == "DATE":
			kind = "date"
		case t == "TIME":
			kind = "time"
		case t == "INTERVAL":
			kind = "interval"
		case t == "BOOLEAN":
			if v, ok := ParseBool(k.GetSval().Sval); ok {
				k.GetSval().Sval = map[bool]string{true: "true", false: "false"}[v]
				changed = true
			}
			return
		case duckIntTypes[t] != "" && pos != compared: // comparisons: intLiteralCompare
			changed = fixIntLiteral(t, lit) || changed // analytics_compare.go
			return
		default:
			return
		}
		if !suspectLiteral(k.GetSval().Sval) {
			return // taken for an integer column only (intInputSuspect)
		}
		if e := relativeDateTime(k.GetSval().Sval, kind); e != nil {
			lit.Node = exprCastTo(e, kind).Node // now, today, tomorrow, yesterday
			changed = true
			return
		}
		if out, ok := NormalizeDateTime(k.GetSval().Sval, kind); ok && out != k.GetSval().Sval {
			k.GetSval().Sval = out
			changed = true
		}
	})
	if !changed {
		return sql
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql
	}
	return quoteDuckKeywords(out)
}
