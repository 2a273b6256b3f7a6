package pgsql

import (
	"sync"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Functions written out in place from SQL templates, so that no connection has to
// create helper macros for them (as division is): $1, $2… stand for the call's
// arguments. DuckDB keeps no per-relation sizes, so a relation's size is an estimate:
// its row count times 8 bytes per fixed-width column and 16 per string, blob or list
// column, in whole 8 kB pages (0 for an empty table); its indexes' the row count times
// 16 bytes per index or key, in pages. pg_database_size is the real size of the
// database's files (pg_database_file_size, platform/sandbox/pgfuncs_misc.go).
var inlineTemplates = map[string]string{
	"array_replace":   `list_transform($1, sluice_e -> CASE WHEN sluice_e IS NOT DISTINCT FROM $2 THEN $3 ELSE sluice_e END)`,
	"array_positions": `CAST(list_filter(range(1, len($1) + 1), sluice_i -> ($1)[sluice_i] IS NOT DISTINCT FROM $2) AS INTEGER[])`,
	"array_fill":      `list_transform(range(($2)[1]), sluice_i -> $1)`,
	"pg_table_size": `(SELECT CAST(ceil(t.estimated_size * (SELECT sum(CASE WHEN c.data_type IN ('VARCHAR', 'BLOB') OR c.data_type LIKE '%[]' THEN 16 ELSE 8 END)
		FROM duckdb_columns() c WHERE c.table_oid = t.table_oid) * 0.0001220703125) * 8192 AS BIGINT) FROM duckdb_tables() t WHERE t.table_oid = $1)`,
	"pg_indexes_size": `(SELECT CAST(ceil(t.estimated_size * 16 * ((SELECT count(*) FROM duckdb_indexes() i WHERE i.table_oid = t.table_oid) +
		(SELECT count(*) FROM duckdb_constraints() k WHERE k.table_oid = t.table_oid AND k.constraint_type IN ('PRIMARY KEY', 'UNIQUE'))) * 0.0001220703125) * 8192 AS BIGINT)
		FROM duckdb_tables() t WHERE t.table_oid = $1)`,
	"pg_database_size": `(SELECT pg_database_file_size(db.path) FROM duckdb_databases() db WHERE db.database_name = current_database())`,
}

func init() {
	inlineTemplates["pg_relation_size"] = inlineTemplates["pg_table_size"]
	inlineTemplates["pg_total_relation_size"] = "(" + inlineTemplates["pg_table_size"] + " + " + inlineTemplates["pg_indexes_size"] + ")"
}

var inlineParsed sync.Map // name → *pg.Node (the template's expression)

// inlineCall writes a call of one of inlineTemplates out in place, or returns nil.
func inlineCall(name string, args []*pg.Node) *pg.Node {
	tmpl, ok := inlineTemplates[name]
	if !ok {
		return nil
	}
	var expr *pg.Node
	if v, ok := inlineParsed.Load(name); ok {
		expr = v.(*pg.Node)
	} else {
		res, err := pg.Parse("SELECT " + tmpl)
		if err != nil || len(res.Stmts) != 1 {
			return nil
		}
		expr = res.Stmts[0].Stmt.GetSelectStmt().GetTargetList()[0].GetResTarget().GetVal()
		inlineParsed.Store(name, expr)
	}
	out := proto.Clone(expr).(*pg.Node)
	if !bindParams(out.ProtoReflect(), args) {
		return nil
	}
	return out
}

// bindParams replaces the parameters $n under m with copies of args[n-1]; false when
// one has no argument.
func bindParams(m protoreflect.Message, args []*pg.Node) bool {
	ok := true
	eachChild(m, func(c protoreflect.Message) {
		if n, isNode := c.Interface().(*pg.Node); isNode {
			if p := n.GetParamRef(); p != nil {
				if int(p.Number) > len(args) {
					ok = false
					return
				}
				n.Node = proto.Clone(args[p.Number-1]).(*pg.Node).Node
				return
			}
		}
		ok = bindParams(c, args) && ok
	})
	return ok
}
