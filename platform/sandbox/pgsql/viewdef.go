package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// ViewDef returns the query of a view as pg_get_viewdef does, from the CREATE VIEW
// statement DuckDB keeps: the query alone, ending with a semicolon, its table names
// qualified with schema when schema is not empty (pg_dump reads view definitions with
// an empty search_path, and restores them with one). A statement PostgreSQL's grammar
// refuses comes back as the text after its AS.
func ViewDef(createView, schema string) string {
	res, err := pg.Parse(createView)
	if err == nil && len(res.Stmts) == 1 {
		if vs := res.Stmts[0].Stmt.GetViewStmt(); vs != nil && vs.Query != nil {
			qualifyTables(vs.Query.ProtoReflect(), schema, map[string]bool{})
			applyViewAliases(vs) // viewsrc.go
			if out, err := deparseNode(res.Version, vs.Query); err == nil {
				return " " + out + ";"
			}
		}
	}
	low := strings.ToLower(createView)
	if i := strings.Index(low, " as "); i >= 0 {
		return " " + strings.TrimRight(strings.TrimSpace(createView[i+4:]), ";") + ";"
	}
	return createView
}

// qualifyTables gives the unqualified table names under m the schema, except the
// names of common table expressions.
func qualifyTables(m protoreflect.Message, schema string, ctes map[string]bool) {
	if len(ctes) == 0 {
		ctes["\x00"] = true
		collectCTEs(m, ctes)
	}
	if fc, ok := m.Interface().(*pg.FuncCall); ok && len(fc.Funcname) == 1 && strName(fc.Funcname[0]) == "count_star" {
		// DuckDB keeps count(*) as count_star()
		fc.Funcname = []*pg.Node{pg.MakeStrNode("count")}
		fc.AggStar = true
	}
	if n, ok := m.Interface().(*pg.Node); ok {
		unwrapNumeric(n)
		unwrapFormat(n) // funcs.go
	}
	if rv, ok := m.Interface().(*pg.RangeVar); ok {
		if rv.Schemaname == "" && schema != "" && !ctes[rv.Relname] {
			rv.Schemaname = schema
		}
		return
	}
	eachChild(m, func(c protoreflect.Message) { qualifyTables(c, schema, ctes) })
}

// ViewTables returns the names of the tables and views a CREATE VIEW statement's query
// reads (common table expressions left out), for the catalog's dependencies.
func ViewTables(createView string) []string {
	res, err := pg.Parse(createView)
	if err != nil || len(res.Stmts) != 1 {
		return nil
	}
	vs := res.Stmts[0].Stmt.GetViewStmt()
	if vs == nil || vs.Query == nil {
		return nil
	}
	qualifyTables(vs.Query.ProtoReflect(), "\x00", map[string]bool{})
	var names []string
	seen := map[string]bool{}
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if rv, ok := m.Interface().(*pg.RangeVar); ok {
			if rv.Schemaname == "\x00" && !seen[rv.Relname] {
				seen[rv.Relname] = true
				names = append(names, rv.Relname)
			}
			return
		}
		eachChild(m, walk)
	}
	walk(vs.Query.ProtoReflect())
	return names
}

// collectCTEs records the names of the common table expressions under m.
func collectCTEs(m protoreflect.Message, ctes map[string]bool) {
	if cte, ok := m.Interface().(*pg.CommonTableExpr); ok {
		ctes[cte.Ctename] = true
	}
	eachChild(m, func(c protoreflect.Message) { collectCTEs(c, ctes) })
}

// unwrapNumeric writes a call of NumericFunc or NumericRoundFunc the front end made of
// x::numeric (numeric.go) as that cast again.
func unwrapNumeric(n *pg.Node) {
	fc := n.GetFuncCall()
	if fc == nil || len(fc.Funcname) != 1 || len(fc.Args) == 0 {
		return
	}
	if name := strName(fc.Funcname[0]); name != NumericFunc && name != NumericRoundFunc {
		return
	}
	n.Node = &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: fc.Args[0],
		TypeName: &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("pg_catalog"), pg.MakeStrNode("numeric")}, Typemod: -1}}}
}
