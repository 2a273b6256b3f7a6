package pgsql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// Declared column types. DuckDB has one string type and one JSON type, so it forgets
// that a column was declared varchar(n), char(n) or jsonb; and it spells an enum
// column's type by its labels, not its name. The sandbox keeps the PostgreSQL type of
// such columns, as a CREATE TABLE or ALTER TABLE declares it, in DeclaredTypesTable,
// beside the constraint names (connames.go); the catalog shows it (pg_attribute,
// format_type, information_schema) and result columns that are references to such a
// column are announced with it (the session, from ColumnHint.Source).

// DeclaredTypesTable holds the declared type of the columns whose PostgreSQL type
// DuckDB's does not tell: type_oid is 1043 (varchar), 1042 (bpchar) or 3802 (jsonb),
// with PostgreSQL's typmod (n + 4, or -1); 0 for a user type (an enum), named by
// type_schema and type_name (DuckDB's schema name).
const DeclaredTypesTable = "pg_sluice.column_types"

// declaredTypesDDL creates DeclaredTypesTable where it is missing.
const declaredTypesDDL = "CREATE TABLE IF NOT EXISTS " + DeclaredTypesTable + ` (schema_name VARCHAR, table_name VARCHAR,
	column_name VARCHAR, type_oid INTEGER, typmod INTEGER, type_schema VARCHAR, type_name VARCHAR)`

// Type OIDs of the declared types.
const (
	BPCharOID = 1042
	CharOID   = 18 // "char", the catalog's one-byte columns
)

// DeclaredType is the PostgreSQL type a column declares, when DuckDB's does not keep it.
type DeclaredType struct {
	OID          int32 // 0 for a user type
	Typmod       int32
	Schema, Name string // a user type's (DuckDB's schema name)
	Column       string
}

// DeclaredOp is a statement the session runs, with its arguments, to keep
// DeclaredTypesTable in step with a DDL statement that just ran.
type DeclaredOp struct {
	SQL  string
	Args []any
}

// declaredOf returns the type a column of type tn declares that DuckDB forgets.
func declaredOf(col string, tn *pg.TypeName) (DeclaredType, bool) {
	if tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 || tn.Setof {
		return DeclaredType{}, false
	}
	names := make([]string, len(tn.Names))
	for i, n := range tn.Names {
		names[i] = strName(n)
	}
	name := names[len(names)-1]
	typmod := int32(-1)
	if len(tn.Typmods) == 1 {
		if v := tn.Typmods[0].GetAConst().GetIval(); v != nil {
			typmod = v.Ival + 4
		}
	}
	builtin := len(names) == 1 || len(names) == 2 && names[0] == "pg_catalog"
	if builtin {
		switch name {
		case "varchar":
			return DeclaredType{OID: VarcharOID, Typmod: typmod, Column: col}, true
		case "bpchar":
			return DeclaredType{OID: BPCharOID, Typmod: typmod, Column: col}, true
		case "jsonb":
			return DeclaredType{OID: JSONBOID, Typmod: -1, Column: col}, true
		}
		if len(names) == 2 || builtinTypes[name] || len(tn.Typmods) > 0 {
			return DeclaredType{}, false
		}
	}
	// Another name may be an enum type; the catalog keeps it when DuckDB's type of
	// the column is one.
	schema := "main"
	if len(names) >= 2 {
		schema = duckSchema(names[len(names)-2])
	}
	return DeclaredType{Typmod: -1, Schema: schema, Name: name, Column: col}, true
}

// builtinTypes are the type names that are not user types (lower case, as the parser
// gives them).
var builtinTypes = map[string]bool{}

func init() {
	for _, n := range []string{"int", "int2", "int4", "int8", "integer", "smallint", "bigint", "float4", "float8",
		"real", "double", "numeric", "decimal", "bool", "boolean", "text", "bytea", "blob", "date", "time", "timetz",
		"timestamp", "timestamptz", "interval", "uuid", "json", "name", "oid", "char", "string", "varchar", "serial",
		"bigserial", "smallserial", "serial2", "serial4", "serial8", "hugeint", "uhugeint", "tinyint", "utinyint",
		"usmallint", "uinteger", "ubigint", "struct", "map", "union", "list", "bit", "bitstring", "inet", "float",
		"datetime", "regclass", "regtype", "regproc", "xml", "money", "citext", "varint", "bignum"} {
		builtinTypes[n] = true
	}
}

// DeclaredDDL is what a DDL statement that ran does to DeclaredTypesTable.
type DeclaredDDL struct {
	Ops []DeclaredOp
	// IfNotExists: the records of a CREATE TABLE IF NOT EXISTS are to be written
	// only when the table has none (it may have been there already).
	IfNotExists bool
	// Derived, for CREATE VIEW and CREATE TABLE … AS, is the relation whose columns
	// take the declared types of the query's columns.
	Derived *DerivedRelation
}

// DerivedRelation is a view or a table made from a query: its columns are the query's
// result columns, described by Hints (as a query's are, coltypes.go).
type DerivedRelation struct {
	Schema, Name string
	Hints        []ColumnHint
}

// DeclaredChange returns what brings DeclaredTypesTable in step with a DDL statement
// that ran: CREATE TABLE, ALTER TABLE ADD COLUMN, ALTER COLUMN … TYPE, DROP COLUMN,
// RENAME COLUMN, RENAME TO, DROP TABLE, CREATE VIEW, CREATE TABLE … AS, DROP VIEW;
// false for other statements.
func DeclaredChange(sql string) (DeclaredDDL, bool) {
	ops, ifNotExists, derived, ok := declaredChange(sql)
	return DeclaredDDL{Ops: ops, IfNotExists: ifNotExists, Derived: derived}, ok
}

func declaredChange(sql string) (ops []DeclaredOp, ifNotExists bool, derived *DerivedRelation, ok bool) {
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return nil, false, nil, false
	}
	const t = DeclaredTypesTable
	insert := func(schema, table string, d DeclaredType) DeclaredOp {
		return DeclaredOp{"INSERT INTO " + t + " VALUES ($1, $2, $3, $4, $5, $6, $7)",
			[]any{schema, table, d.Column, int64(d.OID), int64(d.Typmod), d.Schema, d.Name}}
	}
	delTable := func(schema, table string) DeclaredOp {
		return DeclaredOp{"DELETE FROM " + t + " WHERE schema_name = $1 AND table_name = $2", []any{schema, table}}
	}
	delColumn := func(schema, table, col string) DeclaredOp {
		return DeclaredOp{"DELETE FROM " + t + " WHERE schema_name = $1 AND table_name = $2 AND column_name = $3",
			[]any{schema, table, col}}
	}
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_CreateStmt:
		cs := x.CreateStmt
		if cs.Relation == nil || cs.Relation.Relpersistence == "t" {
			return nil, false, nil, false
		}
		schema, table := duckSchema(cs.Relation.Schemaname), cs.Relation.Relname
		if !cs.IfNotExists {
			ops = append(ops, delTable(schema, table))
		}
		for _, el := range cs.TableElts {
			if col := el.GetColumnDef(); col != nil {
				if d, ok := declaredOf(col.Colname, col.TypeName); ok {
					ops = append(ops, insert(schema, table, d))
				}
			}
		}
		return ops, cs.IfNotExists, nil, true
	case *pg.Node_ViewStmt:
		vs := x.ViewStmt
		if vs.View == nil || vs.View.Relpersistence == "t" || len(vs.Aliases) > 0 {
			return nil, false, nil, false
		}
		schema, view := duckSchema(vs.View.Schemaname), vs.View.Relname
		hints, _ := columnHints(vs.Query, false, false)
		return []DeclaredOp{delTable(schema, view)}, false, &DerivedRelation{Schema: schema, Name: view, Hints: hints}, true
	case *pg.Node_CreateTableAsStmt:
		ct := x.CreateTableAsStmt
		into := ct.GetInto().GetRel()
		if into == nil || ct.Objtype != pg.ObjectType_OBJECT_TABLE || into.Relpersistence == "t" || ct.IfNotExists ||
			len(ct.GetInto().GetColNames()) > 0 {
			return nil, false, nil, false
		}
		schema, table := duckSchema(into.Schemaname), into.Relname
		hints, _ := columnHints(ct.Query, false, false)
		return []DeclaredOp{delTable(schema, table)}, false, &DerivedRelation{Schema: schema, Name: table, Hints: hints}, true
	case *pg.Node_AlterTableStmt:
		as := x.AlterTableStmt
		if as.Relation == nil || as.Objtype != pg.ObjectType_OBJECT_TABLE {
			return nil, false, nil, false
		}
		schema, table := duckSchema(as.Relation.Schemaname), as.Relation.Relname
		for _, c := range as.Cmds {
			cmd := c.GetAlterTableCmd()
			if cmd == nil {
				continue
			}
			switch cmd.Subtype {
			case pg.AlterTableType_AT_AddColumn:
				if col := cmd.GetDef().GetColumnDef(); col != nil {
					if d, ok := declaredOf(col.Colname, col.TypeName); ok {
						ops = append(ops, insert(schema, table, d))
					}
				}
			case pg.AlterTableType_AT_AlterColumnType:
				ops = append(ops, delColumn(schema, table, cmd.Name))
				if col := cmd.GetDef().GetColumnDef(); col != nil {
					if d, ok := declaredOf(cmd.Name, col.TypeName); ok {
						ops = append(ops, insert(schema, table, d))
					}
				}
			case pg.AlterTableType_AT_DropColumn:
				ops = append(ops, delColumn(schema, table, cmd.Name))
			}
		}
		return ops, false, nil, len(ops) > 0
	case *pg.Node_RenameStmt:
		rs := x.RenameStmt
		if rs.Relation == nil {
			return nil, false, nil, false
		}
		schema, table := duckSchema(rs.Relation.Schemaname), rs.Relation.Relname
		switch {
		case rs.RenameType == pg.ObjectType_OBJECT_TABLE || rs.RenameType == pg.ObjectType_OBJECT_VIEW:
			return []DeclaredOp{{"UPDATE " + t + " SET table_name = $3 WHERE schema_name = $1 AND table_name = $2",
				[]any{schema, table, rs.Newname}}}, false, nil, true
		case rs.RenameType == pg.ObjectType_OBJECT_COLUMN && rs.RelationType == pg.ObjectType_OBJECT_TABLE:
			return []DeclaredOp{{"UPDATE " + t + " SET column_name = $4 WHERE schema_name = $1 AND table_name = $2 AND column_name = $3",
				[]any{schema, table, rs.Subname, rs.Newname}}}, false, nil, true
		}
	case *pg.Node_DropStmt:
		ds := x.DropStmt
		if ds.RemoveType != pg.ObjectType_OBJECT_TABLE && ds.RemoveType != pg.ObjectType_OBJECT_VIEW {
			return nil, false, nil, false
		}
		for _, o := range ds.Objects {
			var parts []string
			for _, n := range o.GetList().GetItems() {
				parts = append(parts, strName(n))
			}
			switch len(parts) {
			case 1:
				ops = append(ops, delTable("main", parts[0]))
			case 2, 3:
				ops = append(ops, delTable(duckSchema(parts[len(parts)-2]), parts[len(parts)-1]))
			}
		}
		return ops, false, nil, len(ops) > 0
	}
	return nil, false, nil, false
}

// declaredColumns is every column of the database with PostgreSQL's type OID and
// typmod: the declared type where the sandbox keeps one that DuckDB's type still
// matches (VARCHAR for varchar and bpchar, JSON for jsonb, an ENUM with the named
// type's labels), else the type DuckDB's maps to (an enum column without a record:
// the oldest enum type with its labels). Names compare as DuckDB's do, whatever their
// case (PostgreSQL's grammar folds unquoted names, DuckDB keeps them as written).
const declaredColumns = `CREATE OR REPLACE TEMP VIEW pg_declared_columns AS
	SELECT c.*,
		coalesce(CASE WHEN d.type_oid IN (1043, 1042) AND c.data_type = 'VARCHAR' THEN d.type_oid
				WHEN d.type_oid = 3802 AND c.data_type = 'JSON' THEN d.type_oid END,
			(SELECT e.type_oid FROM pg_enum_types e WHERE e.type_name = d.type_name AND e.schema_name = d.type_schema
				AND e.spelled = c.data_type LIMIT 1),
			(SELECT min(e.type_oid) FROM pg_enum_types e WHERE e.spelled = c.data_type),
			pg_type_oid(c.data_type)) AS atttypid,
		CASE WHEN d.type_oid IN (1043, 1042) AND c.data_type = 'VARCHAR' THEN d.typmod ELSE pg_typmod(c.data_type) END AS atttypmod
	FROM duckdb_columns() c
	LEFT JOIN ` + DeclaredTypesTable + ` d ON lower(d.schema_name) = lower(c.schema_name)
		AND lower(d.table_name) = lower(c.table_name) AND lower(d.column_name) = lower(c.column_name)
		AND c.database_name = current_database()`
