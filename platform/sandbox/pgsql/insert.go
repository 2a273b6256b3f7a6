package pgsql

import pg "github.com/pganalyze/pg_query_go/v6"

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
