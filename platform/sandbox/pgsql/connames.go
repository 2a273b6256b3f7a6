package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Constraint names. DuckDB keeps no names for constraints; the sandbox keeps the names
// a CREATE TABLE gives them in a table of its own (ConstraintNamesTable) and the
// catalog shows them (pg_constraint, the indexes of keys), or PostgreSQL's default
// name for a constraint the statement left unnamed.

// ConstraintNamesTable holds the names CREATE TABLE statements gave their constraints,
// in a schema PostgreSQL's rules reserve for the system (pg_*), which the catalog views
// leave out.
const ConstraintNamesTable = "pg_sluice.constraint_names"

// ConstraintNamesDDL creates ConstraintNamesTable, and DeclaredTypesTable
// (declared.go), where they are missing.
var ConstraintNamesDDL = []string{
	"CREATE SCHEMA IF NOT EXISTS pg_sluice",
	"CREATE TABLE IF NOT EXISTS " + ConstraintNamesTable + ` (schema_name VARCHAR, table_name VARCHAR,
		constraint_type VARCHAR, columns VARCHAR, check_ordinal INTEGER, conname VARCHAR)`,
	declaredTypesDDL,
}

// NamedConstraint is a constraint a CREATE TABLE names.
type NamedConstraint struct {
	Type    string // DuckDB's constraint_type: PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY
	Columns string // the key's columns, comma-separated (not for CHECK)
	Check   int    // the CHECK's place among the statement's CHECK constraints, from 1
	Name    string
}

// TableDDL is what a statement does to the tables whose constraint names the sandbox
// keeps: the table it creates (with the constraints it names) or those it drops.
type TableDDL struct {
	Schema, Table string // created (DuckDB's schema name: main for public)
	IfNotExists   bool
	Constraints   []NamedConstraint
	Dropped       [][2]string // schema and name of each dropped table
	RenamedTo     string      // ALTER TABLE Schema.Table RENAME TO RenamedTo
}

// TableChange reads a CREATE TABLE (… AS), DROP TABLE or ALTER TABLE … RENAME TO;
// false for other statements.
func TableChange(sql string) (TableDDL, bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return TableDDL{}, false
	}
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_CreateStmt:
		cs := x.CreateStmt
		d := TableDDL{Schema: duckSchema(cs.Relation.GetSchemaname()), Table: cs.Relation.GetRelname(),
			IfNotExists: cs.IfNotExists}
		if cs.Relation.GetRelpersistence() == "t" {
			return TableDDL{}, false // a temporary table's names are not kept
		}
		checks := 0
		add := func(c *pg.Constraint, cols []string) {
			typ := map[pg.ConstrType]string{pg.ConstrType_CONSTR_PRIMARY: "PRIMARY KEY",
				pg.ConstrType_CONSTR_UNIQUE: "UNIQUE", pg.ConstrType_CONSTR_CHECK: "CHECK",
				pg.ConstrType_CONSTR_FOREIGN: "FOREIGN KEY"}[c.Contype]
			if typ == "" {
				return
			}
			nc := NamedConstraint{Type: typ, Name: c.Conname}
			if typ == "CHECK" {
				checks++
				nc.Check = checks
			} else {
				nc.Columns = strings.Join(cols, ",")
			}
			if c.Conname != "" {
				d.Constraints = append(d.Constraints, nc)
			}
		}
		for _, el := range cs.TableElts {
			if col := el.GetColumnDef(); col != nil {
				for _, c := range col.Constraints {
					if k := c.GetConstraint(); k != nil {
						add(k, []string{col.Colname})
					}
				}
			} else if k := el.GetConstraint(); k != nil {
				keys := k.Keys
				if k.Contype == pg.ConstrType_CONSTR_FOREIGN {
					keys = k.FkAttrs
				}
				var cols []string
				for _, n := range keys {
					cols = append(cols, strName(n))
				}
				add(k, cols)
			}
		}
		return d, true
	case *pg.Node_CreateTableAsStmt:
		into := x.CreateTableAsStmt.GetInto().GetRel()
		if into == nil || x.CreateTableAsStmt.Objtype != pg.ObjectType_OBJECT_TABLE || into.Relpersistence == "t" {
			return TableDDL{}, false
		}
		return TableDDL{Schema: duckSchema(into.Schemaname), Table: into.Relname, IfNotExists: x.CreateTableAsStmt.IfNotExists}, true
	case *pg.Node_RenameStmt:
		rs := x.RenameStmt
		if rs.RenameType != pg.ObjectType_OBJECT_TABLE || rs.Relation == nil {
			return TableDDL{}, false
		}
		return TableDDL{Schema: duckSchema(rs.Relation.Schemaname), Table: rs.Relation.Relname, RenamedTo: rs.Newname}, true
	case *pg.Node_DropStmt:
		ds := x.DropStmt
		if ds.RemoveType != pg.ObjectType_OBJECT_TABLE {
			return TableDDL{}, false
		}
		var d TableDDL
		for _, o := range ds.Objects {
			var parts []string
			for _, n := range o.GetList().GetItems() {
				parts = append(parts, strName(n))
			}
			switch len(parts) {
			case 1:
				d.Dropped = append(d.Dropped, [2]string{"main", parts[0]})
			case 2, 3:
				d.Dropped = append(d.Dropped, [2]string{duckSchema(parts[len(parts)-2]), parts[len(parts)-1]})
			}
		}
		return d, len(d.Dropped) > 0
	}
	return TableDDL{}, false
}

// duckSchema is DuckDB's name of a schema a statement names ("" and public are main).
func duckSchema(s string) string {
	if s == "" || s == "public" {
		return "main"
	}
	return s
}

// constraintNames is the catalog's view of every constraint's name: the one its CREATE
// TABLE gave it, else PostgreSQL's default (t_pkey, t_a_b_key, t_a_check, t_a_fkey).
const constraintNames = `CREATE OR REPLACE TEMP VIEW pg_constraint_names AS
	SELECT k.table_oid, k.constraint_index,
		coalesce((SELECT n.conname FROM ` + ConstraintNamesTable + ` n
			WHERE n.schema_name = k.schema_name AND n.table_name = k.table_name AND n.constraint_type = k.constraint_type
				AND CASE WHEN k.constraint_type = 'CHECK' THEN n.check_ordinal = k.ordinal
					ELSE n.columns = array_to_string(k.constraint_column_names, ',') END LIMIT 1),
			CASE k.constraint_type
				WHEN 'PRIMARY KEY' THEN k.table_name || '_pkey'
				WHEN 'UNIQUE' THEN k.table_name || '_' || array_to_string(k.constraint_column_names, '_') || '_key'
				WHEN 'CHECK' THEN k.table_name || '_' || array_to_string(k.constraint_column_names, '_') || '_check'
				WHEN 'FOREIGN KEY' THEN k.table_name || '_' || array_to_string(k.constraint_column_names, '_') || '_fkey'
				ELSE k.constraint_name END) AS name
	FROM (SELECT c.*, row_number() OVER (PARTITION BY c.table_oid, c.constraint_type ORDER BY c.constraint_index) AS ordinal
		FROM duckdb_constraints() c) k`
