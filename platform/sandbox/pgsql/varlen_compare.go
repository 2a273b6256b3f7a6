package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// char(n) compares without its trailing blanks: PostgreSQL reads `c = 'ab '` with c a
// char(n) column as a comparison of char(n) values, true for a stored 'ab'. The
// sandbox stores char(n) values without those blanks (varlen.go), so BlankCompare
// cuts them from a string literal compared with such a column (=, <>, <, <=, >, >=,
// IN) and compares a parameter as rtrim($n, ' ').

// BlankCompare rewrites sql as described above; blank returns the columns declared
// char(n) of a table (lower-case names), nil for none. false when nothing changed.
func BlankCompare(sql string, blank func(schema, table string) map[string]bool) (string, bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql, false
	}
	stmt := res.Stmts[0].Stmt
	// The tables the statement names, by name and alias.
	cols := map[string]map[string]bool{}
	var all []map[string]bool
	add := func(rv *pg.RangeVar) {
		if rv == nil {
			return
		}
		b := blank(duckSchema(rv.Schemaname), rv.Relname)
		if len(b) == 0 {
			return
		}
		cols[rv.Relname] = b
		if rv.Alias != nil {
			cols[rv.Alias.Aliasname] = b
		}
		all = append(all, b)
	}
	// The written table is a RangeVar that is no Node.
	add(stmt.GetUpdateStmt().GetRelation())
	add(stmt.GetDeleteStmt().GetRelation())
	walk(stmt, func(n *pg.Node) { add(n.GetRangeVar()) })
	if len(all) == 0 {
		return sql, false
	}
	isBlank := func(n *pg.Node) bool {
		cr := n.GetColumnRef()
		if cr == nil || len(cr.Fields) == 0 || len(cr.Fields) > 2 {
			return false
		}
		name := strings.ToLower(strName(cr.Fields[len(cr.Fields)-1]))
		if len(cr.Fields) == 2 {
			return cols[strName(cr.Fields[0])][name]
		}
		for _, b := range all {
			if b[name] {
				return true
			}
		}
		return false
	}
	changed := false
	trim := func(n *pg.Node) *pg.Node {
		if c := n.GetAConst(); c != nil {
			if s := c.GetSval(); s != nil && strings.HasSuffix(s.Sval, " ") {
				s.Sval, changed = strings.TrimRight(s.Sval, " "), true
			}
			return n
		}
		if n.GetParamRef() != nil {
			changed = true
			return funcCall("rtrim", n, pg.MakeAConstStrNode(" ", -1))
		}
		return n
	}
	walk(stmt, func(n *pg.Node) {
		e := n.GetAExpr()
		if e == nil || e.Lexpr == nil || e.Rexpr == nil {
			return
		}
		switch e.Kind {
		case pg.A_Expr_Kind_AEXPR_OP:
			if len(e.Name) != 1 {
				return
			}
			switch strName(e.Name[0]) {
			case "=", "<>", "!=", "<", "<=", ">", ">=":
			default:
				return
			}
			if isBlank(e.Lexpr) {
				e.Rexpr = trim(e.Rexpr)
			} else if isBlank(e.Rexpr) {
				e.Lexpr = trim(e.Lexpr)
			}
		case pg.A_Expr_Kind_AEXPR_IN:
			if !isBlank(e.Lexpr) {
				return
			}
			if l := e.Rexpr.GetList(); l != nil {
				for i, it := range l.Items {
					l.Items[i] = trim(it)
				}
			}
		}
	})
	if !changed {
		return sql, false
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, false
	}
	return quoteDuckKeywords(out), true
}

// BlankLiteral reports whether sql holds a string literal ending with a blank, or a
// parameter: what BlankCompare may change.
func BlankLiteral(sql string) bool {
	in := false
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case c == '\'':
			if in && i+1 < len(sql) && sql[i+1] == '\'' {
				i++
				continue
			}
			if in && i > 0 && sql[i-1] == ' ' {
				return true
			}
			in = !in
		case c == '$' && !in:
			return true
		}
	}
	return false
}
