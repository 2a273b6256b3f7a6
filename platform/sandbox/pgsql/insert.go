package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// InsertTarget reports the table an INSERT … VALUES without a column list writes, and
// how many values its rows give, so that the caller can name the columns: PostgreSQL
// fills the columns after the last value with their defaults, DuckDB refuses the
// statement.
func InsertTarget(sql string) (schema, table string, values int, ok bool) {
	ins, _ := insertStmt(sql)
	if ins == nil || len(ins.Cols) > 0 || ins.Relation == nil {
		return "", "", 0, false
	}
	sel := ins.SelectStmt.GetSelectStmt()
	if sel == nil || len(sel.ValuesLists) == 0 {
		return "", "", 0, false
	}
	for _, row := range sel.ValuesLists {
		if n := len(row.GetList().GetItems()); n > values {
			values = n
		}
	}
	return ins.Relation.Schemaname, ins.Relation.Relname, values, true
}

// WithInsertColumns returns the INSERT sql with the column list cols.
func WithInsertColumns(sql string, cols []string) (string, bool) {
	ins, res := insertStmt(sql)
	if ins == nil {
		return sql, false
	}
	ins.Cols = make([]*pg.Node, len(cols))
	for i, c := range cols {
		ins.Cols[i] = &pg.Node{Node: &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Name: c}}}
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, false
	}
	return out, true
}

func insertStmt(sql string) (*pg.InsertStmt, *pg.ParseResult) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return nil, nil
	}
	return res.Stmts[0].Stmt.GetInsertStmt(), res
}

// Column is a table column as CastByteaValues needs it.
type Column struct {
	Name string
	Blob bool // DuckDB BLOB, PostgreSQL bytea
	List bool // a DuckDB list, a PostgreSQL array
}

// CastByteaValues rewrites the string literals an INSERT … VALUES stores into bytea
// columns so that they are read with PostgreSQL's bytea input syntax ('\x00ff' is two
// bytes), as PostgreSQL reads an untyped literal assigned to a bytea column; DuckDB would
// read them with its own blob escapes. columns returns the table's columns in order.
func CastByteaValues(sql string, columns func(schema, table string) []Column) (string, bool) {
	ins, res := insertStmt(sql)
	if ins == nil || ins.Relation == nil {
		return sql, false
	}
	sel := ins.SelectStmt.GetSelectStmt()
	if sel == nil || len(sel.ValuesLists) == 0 {
		return sql, false
	}
	cols := columns(ins.Relation.Schemaname, ins.Relation.Relname)
	targets := make([]Column, 0, len(cols))
	if len(ins.Cols) == 0 {
		targets = append(targets, cols...)
	} else {
		byName := map[string]Column{}
		for _, c := range cols {
			byName[c.Name] = c
		}
		for _, n := range ins.Cols {
			targets = append(targets, byName[n.GetResTarget().GetName()])
		}
	}
	changed := false
	for _, row := range sel.ValuesLists {
		for i, item := range row.GetList().GetItems() {
			s := item.GetAConst().GetSval()
			if i >= len(targets) || s == nil {
				continue
			}
			if targets[i].List && strings.HasPrefix(strings.TrimSpace(s.Sval), "{") {
				// PostgreSQL's array text, read by DuckDB as its list text
				s.Sval = listText(s.Sval)
				changed = true
				continue
			}
			if !targets[i].Blob {
				continue
			}
			b, err := byteaInput(s.Sval)
			if err != nil {
				continue // DuckDB reports the bad value
			}
			item.Node = &pg.Node_TypeCast{TypeCast: &pg.TypeCast{
				Arg:      pg.MakeAConstStrNode(duckBlobLiteral(b), -1),
				TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("blob")}, Typemod: -1},
			}}
			changed = true
		}
	}
	if !changed {
		return sql, false
	}
	out, err := pg.Deparse(res)
	if err != nil {
		return sql, false
	}
	return out, true
}
