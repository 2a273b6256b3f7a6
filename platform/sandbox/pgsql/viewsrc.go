package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// View sources. The front end rewrites each statement into DuckDB SQL before it runs,
// so DuckDB keeps a view's query in that rewritten form (with the sandbox's helper
// functions). The sandbox keeps the CREATE VIEW statement as the client wrote it, in
// PostgreSQL's SQL, in ViewSourceTable, beside DuckDB's text of it at the time:
// pg_get_viewdef (and so psql's \d+, pg_dump, pg_views, information_schema.views)
// deparses the kept statement while DuckDB's text is still the same, and falls back to
// DuckDB's text for a view the sandbox kept nothing for (created before it did, or
// changed by a statement that did not come through the front end).

// ViewSourceTable holds, per view, its CREATE VIEW statement in PostgreSQL's SQL and
// DuckDB's text of the view when it was kept (duck_sql).
const ViewSourceTable = "pg_sluice.view_defs"

const viewSourceDDL = "CREATE TABLE IF NOT EXISTS " + ViewSourceTable +
	" (schema_name VARCHAR, view_name VARCHAR, definition VARCHAR, duck_sql VARCHAR)"

func init() { ConstraintNamesDDL = append(ConstraintNamesDDL, viewSourceDDL) }

// viewSourceMacro is pg_view_src(oid): the CREATE VIEW statement pg_get_viewdef reads
// for a view, the kept one while DuckDB's text of the view is unchanged, else DuckDB's.
const viewSourceMacro = `CREATE OR REPLACE TEMP MACRO pg_view_src(o) AS (SELECT coalesce(
		(SELECT s.definition FROM ` + ViewSourceTable + ` s WHERE lower(s.schema_name) = lower(v.schema_name)
			AND lower(s.view_name) = lower(v.view_name) AND s.duck_sql = v.sql LIMIT 1), v.sql)
	FROM duckdb_views() v WHERE v.view_oid = o)`

// duckView selects DuckDB's text of the view named by the parameters s and n.
func duckView(s, n string) string {
	return "(SELECT v.sql FROM duckdb_views() v WHERE lower(v.schema_name) = lower(" + s + ") AND lower(v.view_name) = lower(" + n +
		") AND v.database_name = current_database() AND NOT v.temporary LIMIT 1)"
}

// ViewSourceChange returns what brings ViewSourceTable in step with a statement that
// ran: CREATE [OR REPLACE] VIEW keeps the statement, ALTER VIEW/TABLE … RENAME TO
// follows the view, DROP VIEW/TABLE forgets it; nothing for other statements. The
// statements run on the session's connection, so they roll back with it.
func ViewSourceChange(sql string) []DeclaredOp {
	kw := strings.ToUpper(strings.TrimSpace(sql))
	if !strings.HasPrefix(kw, "CREATE") && !strings.HasPrefix(kw, "ALTER") && !strings.HasPrefix(kw, "DROP") {
		return nil
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return nil
	}
	const t = ViewSourceTable
	del := func(schema, name string) DeclaredOp {
		return DeclaredOp{"DELETE FROM " + t + " WHERE lower(schema_name) = lower($1) AND lower(view_name) = lower($2)",
			[]any{schema, name}}
	}
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_ViewStmt:
		vs := x.ViewStmt
		if vs.View == nil || vs.View.Relpersistence == "t" {
			return nil
		}
		schema, name := duckSchema(vs.View.Schemaname), vs.View.Relname
		def, err := pg.Deparse(&pg.ParseResult{Version: res.Version, Stmts: []*pg.RawStmt{{Stmt: res.Stmts[0].Stmt}}})
		if err != nil {
			def = sql
		}
		return []DeclaredOp{del(schema, name),
			{"INSERT INTO " + t + " SELECT $1, $2, $3, " + duckView("$1", "$2") + " WHERE " + duckView("$1", "$2") + " IS NOT NULL",
				[]any{schema, name, def}}}
	case *pg.Node_RenameStmt:
		rs := x.RenameStmt
		if rs.Relation == nil || rs.RenameType != pg.ObjectType_OBJECT_VIEW && rs.RenameType != pg.ObjectType_OBJECT_TABLE {
			return nil
		}
		schema := duckSchema(rs.Relation.Schemaname)
		return []DeclaredOp{{"UPDATE " + t + " SET view_name = $3, duck_sql = " + duckView("$1", "$3") +
			" WHERE lower(schema_name) = lower($1) AND lower(view_name) = lower($2)", []any{schema, rs.Relation.Relname, rs.Newname}}}
	case *pg.Node_DropStmt:
		ds := x.DropStmt
		if ds.RemoveType != pg.ObjectType_OBJECT_VIEW && ds.RemoveType != pg.ObjectType_OBJECT_TABLE {
			return nil
		}
		var ops []DeclaredOp
		for _, o := range ds.Objects {
			var parts []string
			for _, n := range o.GetList().GetItems() {
				parts = append(parts, strName(n))
			}
			switch len(parts) {
			case 1:
				ops = append(ops, del("main", parts[0]))
			case 2, 3:
				ops = append(ops, del(duckSchema(parts[len(parts)-2]), parts[len(parts)-1]))
			}
		}
		return ops
	}
	return nil
}

// applyViewAliases names the result columns of CREATE VIEW v (a, b) AS SELECT … with
// the view's column names, as PostgreSQL's pg_get_viewdef does (pg_dump writes the
// view as CREATE VIEW v AS <definition>). A query whose targets it cannot name one by
// one (a star, a set operation) is left as it is.
func applyViewAliases(vs *pg.ViewStmt) {
	sel := vs.Query.GetSelectStmt()
	if len(vs.Aliases) == 0 || sel == nil || len(sel.TargetList) < len(vs.Aliases) {
		return
	}
	for _, t := range sel.TargetList {
		rt := t.GetResTarget()
		if rt == nil || rt.Val.GetColumnRef() != nil && rt.Val.GetColumnRef().Fields[len(rt.Val.GetColumnRef().Fields)-1].GetAStar() != nil {
			return
		}
	}
	for i, a := range vs.Aliases {
		sel.TargetList[i].GetResTarget().Name = strName(a)
	}
	vs.Aliases = nil
}

// viewsCatalog is pg_views, in place of DuckDB's (whose definition is DuckDB's text of
// the view): its definition is pg_get_viewdef's. After pg_get_viewdef, pg_class.
const viewsCatalog = `CREATE OR REPLACE TEMP VIEW pg_views AS
	SELECT n.nspname AS schemaname, c.relname AS viewname, pg_get_userbyid(c.relowner) AS viewowner,
		pg_get_viewdef(c.oid) AS definition
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v'`
