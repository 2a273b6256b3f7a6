package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// UnsupportedConstraint reports a constraint of a CREATE TABLE or ALTER TABLE … ADD
// that DuckDB cannot enforce as PostgreSQL does: a foreign key's ON DELETE/ON UPDATE
// CASCADE, SET NULL or SET DEFAULT (DuckDB refuses them as a syntax error; dropping
// them would let a DELETE fail, or succeed, where PostgreSQL acts), UNIQUE/PRIMARY KEY
// NULLS NOT DISTINCT and EXCLUDE. It returns the message to refuse it with (0A000).
func UnsupportedConstraint(sql string) (string, bool) {
	if !containsFoldASCII(sql, "cascade") && !containsFoldASCII(sql, "set ") &&
		!containsFoldASCII(sql, "nulls") && !containsFoldASCII(sql, "exclude") {
		return "", false
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return "", false
	}
	var cons []*pg.Constraint
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_CreateStmt:
		for _, e := range x.CreateStmt.TableElts {
			if c := e.GetConstraint(); c != nil {
				cons = append(cons, c)
			}
			if cd := e.GetColumnDef(); cd != nil {
				for _, n := range cd.Constraints {
					if c := n.GetConstraint(); c != nil {
						cons = append(cons, c)
					}
				}
			}
		}
	case *pg.Node_AlterTableStmt:
		for _, n := range x.AlterTableStmt.Cmds {
			cmd := n.GetAlterTableCmd()
			if cmd == nil || cmd.Def == nil {
				continue
			}
			if c := cmd.Def.GetConstraint(); c != nil {
				cons = append(cons, c)
			}
			if cd := cmd.Def.GetColumnDef(); cd != nil {
				for _, n := range cd.Constraints {
					if c := n.GetConstraint(); c != nil {
						cons = append(cons, c)
					}
				}
			}
		}
	default:
		return "", false
	}
	for _, c := range cons {
		switch {
		case c.Contype == pg.ConstrType_CONSTR_EXCLUSION:
			return "EXCLUDE constraints are not supported by the sandbox", true
		case c.NullsNotDistinct:
			return "UNIQUE NULLS NOT DISTINCT is not supported by the sandbox", true
		case c.Contype == pg.ConstrType_CONSTR_FOREIGN:
			if a := fkAction(c.FkDelAction); a != "" {
				return "foreign key action ON DELETE " + a + " is not supported by the sandbox", true
			}
			if a := fkAction(c.FkUpdAction); a != "" {
				return "foreign key action ON UPDATE " + a + " is not supported by the sandbox", true
			}
		}
	}
	return "", false
}

// fkAction names a referential action DuckDB lacks; "" for NO ACTION and RESTRICT.
func fkAction(a string) string {
	switch a {
	case "c":
		return "CASCADE"
	case "n":
		return "SET NULL"
	case "d":
		return "SET DEFAULT"
	}
	return ""
}
