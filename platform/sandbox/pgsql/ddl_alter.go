package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// AdminDirect ends a statement the sandbox runs itself as the client wrote it, which
// ParseAdmin leaves alone (the ALTER inside an AdminAlter).
const AdminDirect = " /* sluice: direct */"

// AlterDef is an ALTER TABLE (or RENAME) that DuckDB refuses on a table with indexes
// other than its keys, or one another table's foreign key references: the sandbox
// drops the indexes, alters the table and creates them again in one transaction.
type AlterDef struct {
	Rel      Rel
	Renamed  map[string]string // columns renamed (old → new)
	Dropped  map[string]bool   // columns dropped
	Retyped  map[string]bool   // columns whose type changes
	NewTable string            // RENAME TO
}

// alterAdmin claims an ALTER TABLE that drops a column, changes a column's type or
// its NOT NULL; other ALTER TABLEs (ADD COLUMN, defaults…) DuckDB carries out itself.
func alterAdmin(at *pg.AlterTableStmt) Admin {
	if at.Objtype != pg.ObjectType_OBJECT_TABLE || at.Relation == nil {
		return Admin{}
	}
	d := &AlterDef{Rel: rangeRel(at.Relation), Renamed: map[string]string{}, Dropped: map[string]bool{}, Retyped: map[string]bool{}}
	claim := false
	for _, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd == nil {
			return Admin{}
		}
		switch cmd.Subtype {
		case pg.AlterTableType_AT_DropColumn:
			d.Dropped[cmd.Name], claim = true, true
		case pg.AlterTableType_AT_AlterColumnType:
			d.Retyped[cmd.Name], claim = true, true
		case pg.AlterTableType_AT_SetNotNull, pg.AlterTableType_AT_DropNotNull:
			claim = true
		}
	}
	if !claim {
		return Admin{}
	}
	return Admin{Kind: AdminAlter, Tag: "ALTER TABLE", Alter: d}
}

// renameAdmin claims ALTER TABLE … RENAME [COLUMN] … TO and ALTER TABLE … RENAME TO.
func renameAdmin(rs *pg.RenameStmt) Admin {
	if rs.Relation == nil || rs.RelationType != pg.ObjectType_OBJECT_TABLE && rs.RenameType != pg.ObjectType_OBJECT_TABLE {
		return Admin{}
	}
	d := &AlterDef{Rel: rangeRel(rs.Relation), Renamed: map[string]string{}, Dropped: map[string]bool{}, Retyped: map[string]bool{}}
	switch rs.RenameType {
	case pg.ObjectType_OBJECT_COLUMN:
		d.Renamed[rs.Subname] = rs.Newname
	case pg.ObjectType_OBJECT_TABLE:
		d.NewTable = rs.Newname
	default:
		return Admin{}
	}
	return Admin{Kind: AdminAlter, Tag: "ALTER TABLE", Alter: d}
}

// Columns returns the columns an index statement (DuckDB's or PostgreSQL's text)
// names, and whether it parses.
func (d *AlterDef) Columns(index string) ([]string, bool) {
	res, err := pg.Parse(index)
	if err != nil || len(res.Stmts) != 1 || res.Stmts[0].Stmt.GetIndexStmt() == nil {
		return nil, false
	}
	var cols []string
	walkNames(res.Stmts[0].Stmt.GetIndexStmt().ProtoReflect(), func(name *string) { cols = append(cols, *name) })
	return cols, true
}

// Rewrite gives an index statement (DuckDB's or PostgreSQL's text) the table's and
// the columns' new names; for DuckDB (duck) without an access method.
func (d *AlterDef) Rewrite(index string, duck bool) (string, bool) {
	res, err := pg.Parse(strings.TrimSuffix(strings.TrimSpace(index), ";"))
	if err != nil || len(res.Stmts) != 1 || res.Stmts[0].Stmt.GetIndexStmt() == nil {
		return "", false
	}
	is := res.Stmts[0].Stmt.GetIndexStmt()
	if d.NewTable != "" {
		is.Relation.Relname = d.NewTable
	}
	walkNames(is.ProtoReflect(), func(name *string) {
		if n, ok := d.Renamed[*name]; ok {
			*name = n
		}
	})
	if !duck {
		// PostgreSQL's text of the definition, as CREATE INDEX made it.
		a := indexAdmin(is)
		if a.Index == nil {
			return "", false
		}
		return a.Index.Definition(is.Idxname), true
	}
	is.AccessMethod = ""
	out, err := pg.Deparse(res)
	return out, err == nil
}

// walkNames calls fn on every column name an index statement holds: its keys' and
// INCLUDE columns' names and the column references of expressions and predicates.
func walkNames(m protoreflect.Message, fn func(*string)) {
	switch x := m.Interface().(type) {
	case *pg.IndexElem:
		if x.Name != "" {
			fn(&x.Name)
		}
	case *pg.ColumnRef:
		if len(x.Fields) > 0 {
			if s := x.Fields[len(x.Fields)-1].GetString_(); s != nil {
				fn(&s.Sval)
			}
		}
		return
	case *pg.RangeVar:
		return
	}
	eachChild(m, func(c protoreflect.Message) { walkNames(c, fn) })
}
