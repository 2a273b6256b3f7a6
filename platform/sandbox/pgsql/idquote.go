package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Quoted names in upper or mixed case. PostgreSQL finds "Label" only in an object
// named Label; DuckDB finds names regardless of case, so "Label" would find a column
// label. The sandbox looks such names up in the catalog (idquote.go) and refuses
// those that name nothing in their exact case, with PostgreSQL's error.

// QuotedNames are the names a statement writes quoted with an upper-case letter.
type QuotedNames struct {
	// Relations are the tables and views it reads or writes ([schema, name]; schema ""
	// when unqualified, "main" for public).
	Relations [][2]string
	// Columns are the columns it references (the last name of a column reference).
	Columns []string
	// Opaque says that it reads a table function (read_csv, unnest…), whose columns
	// the catalog does not list: its column names are not checked.
	Opaque bool
}

// HasQuotedUpper reports whether sql holds a double-quoted name with an upper-case
// ASCII letter outside string constants (judged on its text, so that other statements,
// such as INSERTs of json with upper-case keys, are not parsed).
func HasQuotedUpper(sql string) bool {
	for i := 0; i < len(sql); i++ {
		if sql[i] == '\'' {
			i = skipQuoted(sql, i, '\'', i > 0 && (sql[i-1] == 'e' || sql[i-1] == 'E')) - 1
			continue
		}
		if sql[i] != '"' {
			continue
		}
		for j := i + 1; j < len(sql); j++ {
			c := sql[j]
			if c == '"' {
				i = j
				break
			}
			if c >= 'A' && c <= 'Z' {
				return true
			}
		}
	}
	return false
}

// FindQuotedNames returns the quoted upper-case names of sql that no part of sql
// itself defines (a CTE, an alias, a column alias, a created object), or nil.
func FindQuotedNames(sql string) *QuotedNames {
	if !HasQuotedUpper(sql) {
		return nil
	}
	return findNames(sql, hasUpper)
}

// findNames returns the names of sql for which keep is true, or nil.
func findNames(sql string, keep func(string) bool) *QuotedNames {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return nil
	}
	stmt := res.Stmts[0].Stmt
	switch stmt.Node.(type) {
	case *pg.Node_SelectStmt, *pg.Node_InsertStmt, *pg.Node_UpdateStmt, *pg.Node_DeleteStmt:
	default:
		return nil // DDL names what it creates; the catalog statements are the session's
	}
	defined := map[string]bool{}
	var rels [][2]string
	var cols []string
	q := &QuotedNames{}
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		switch x := m.Interface().(type) {
		case *pg.RangeVar:
			if keep(x.Relname) {
				sch := x.Schemaname
				if sch == "public" {
					sch = "main"
				}
				rels = append(rels, [2]string{sch, x.Relname})
			}
		case *pg.Alias:
			defined[x.Aliasname] = true
			for _, c := range x.Colnames {
				defined[strName(c)] = true
			}
		case *pg.CommonTableExpr:
			defined[x.Ctename] = true
			for _, c := range x.Aliascolnames {
				defined[strName(c)] = true
			}
		case *pg.ResTarget:
			defined[x.Name] = true // a label (ORDER BY "Total"), an INSERT's or UPDATE's column
		case *pg.RangeFunction, *pg.RangeTableFunc, *pg.RangeTableSample:
			q.Opaque = true
		case *pg.ColumnRef:
			if n := len(x.Fields); n > 0 {
				if name := strName(x.Fields[n-1]); name != "" && keep(name) {
					cols = append(cols, name)
				}
			}
		}
		eachChild(m, walk)
	}
	walk(stmt.ProtoReflect())
	for _, r := range rels {
		if !defined[r[1]] {
			q.Relations = append(q.Relations, r)
		}
	}
	for _, c := range cols {
		if !defined[c] {
			q.Columns = append(q.Columns, c)
		}
	}
	// the columns an INSERT or UPDATE writes are the table's, whatever labels say
	var targets []*pg.Node
	if ins := stmt.GetInsertStmt(); ins != nil {
		targets = ins.Cols
	} else if up := stmt.GetUpdateStmt(); up != nil {
		targets = up.TargetList
	}
	for _, t := range targets {
		if name := t.GetResTarget().GetName(); keep(name) {
			q.Columns = append(q.Columns, name)
		}
	}
	if len(q.Relations) == 0 && (len(q.Columns) == 0 || q.Opaque) {
		return nil
	}
	return q
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}
