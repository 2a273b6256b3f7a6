package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Arithmetic over double precision columns (price * 10): the front end cannot tell a
// column's type, so the sandbox looks the statement's tables up (FloatColumnTables)
// and has CheckFloatColumns write PostgreSQL's overflow and underflow checks
// (floaterr.go's checkedFloat) where an operand is a double precision column.

// FloatColumnTables returns the relations of sql ([schema, name], schema "" when
// unqualified) when sql holds + - or * of a column and a number or another column, nil
// otherwise (judged on its text first, so that most statements are not parsed again).
func FloatColumnTables(sql string) [][2]string {
	if !arithmeticMark(sql) {
		return nil
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return nil
	}
	found := false
	var tables [][2]string
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		switch x := m.Interface().(type) {
		case *pg.A_Expr:
			if columnArith(x) != "" {
				found = true
			}
		case *pg.RangeVar:
			sch := x.Schemaname
			if sch == "public" {
				sch = ""
			}
			tables = append(tables, [2]string{sch, x.Relname})
		}
		eachChild(m, walk)
	}
	walk(res.Stmts[0].Stmt.ProtoReflect())
	if !found || len(tables) == 0 {
		return nil
	}
	return tables
}

// columnArith returns the operator of e when e is + - or * with a column operand and
// a number or column on the other side, written by the client.
func columnArith(e *pg.A_Expr) string {
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || e.Lexpr == nil || e.Rexpr == nil || e.Location < 0 {
		return ""
	}
	op := strName(e.Name[0])
	switch op {
	case "+", "-", "*":
	default:
		return ""
	}
	operand := func(n *pg.Node) bool {
		if n.GetColumnRef() != nil {
			return true
		}
		switch floatKind(n) {
		case 'i', 'n', 'd':
			return true
		}
		return false
	}
	if (e.Lexpr.GetColumnRef() != nil || e.Rexpr.GetColumnRef() != nil) && operand(e.Lexpr) && operand(e.Rexpr) {
		return op
	}
	return ""
}

// CheckFloatColumns rewrites sql so that + - and * of a column whose DuckDB type
// (colType, by name; "" when unknown) is DOUBLE with a number or another such column
// check overflow and underflow as PostgreSQL does. A column another table of the
// statement has with a date, time or interval type is left alone. It returns sql
// unchanged when there is nothing to change.
func CheckFloatColumns(sql string, colType func(name string) string) string {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return sql
	}
	double := func(n *pg.Node) bool {
		cr := n.GetColumnRef()
		return cr != nil && len(cr.Fields) > 0 && colType(strName(cr.Fields[len(cr.Fields)-1])) == "DOUBLE"
	}
	plain := func(n *pg.Node) bool { // a number, or a column that is no date, time or interval
		if cr := n.GetColumnRef(); cr != nil && len(cr.Fields) > 0 {
			t := colType(strName(cr.Fields[len(cr.Fields)-1]))
			return t != "" && !strings.Contains(t, "DATE") && !strings.Contains(t, "TIME") && !strings.Contains(t, "INTERVAL")
		}
		return n.GetColumnRef() == nil
	}
	changed := false
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if n, ok := m.Interface().(*pg.Node); ok {
			if e := n.GetAExpr(); e != nil {
				if op := columnArith(e); op != "" && (double(e.Lexpr) || double(e.Rexpr)) && plain(e.Lexpr) && plain(e.Rexpr) &&
					!volatile(e.Lexpr) && !volatile(e.Rexpr) {
					n.Node = checkedFloat(op, e.Lexpr, e.Rexpr).Node
					changed = true
					return // its operands are columns and numbers
				}
			}
		}
		eachChild(m, walk)
	}
	walk(res.Stmts[0].Stmt.ProtoReflect())
	if !changed {
		return sql
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql
	}
	return quoteDuckKeywords(out)
}

// arithmeticMark reports whether sql has, outside quotes and comments, + - or * between
// two operands (not SELECT *, t.*, count(*), a comment's --).
func arithmeticMark(sql string) bool {
	prev := byte(0) // the last character that is not blank
	word := ""      // the last word
	for i := 0; i < len(sql); i++ {
		c := sql[i]
		switch {
		case c == '\'' || c == '"':
			i = skipQuoted(sql, i, c, false) - 1
			prev, word = 'x', ""
			continue
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				return false
			}
			i += j
			continue
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			i = skipBlockComment(sql, i) - 1
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		case c == '+' || c == '-' || c == '*':
			if (isWordByte(prev) || prev == ')') && !mark[strings.ToLower(word)] {
				return true
			}
		case isWordByte(c):
			j := i
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			word, prev = sql[i:j], sql[j-1]
			i = j - 1
			continue
		}
		prev, word = c, ""
	}
	return false
}

// mark are the words after which + - * start an operand (SELECT *, RETURNING *).
var mark = map[string]bool{"select": true, "distinct": true, "all": true, "returning": true, "by": true, "and": true, "or": true,
	"not": true, "when": true, "then": true, "else": true, "where": true, "on": true, "in": true, "is": true, "as": true, "values": true}
