package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// ColumnHint is what PostgreSQL's type of a result column says that DuckDB's does not.
type ColumnHint struct {
	// Typmod: PostgreSQL sends the column's type modifier (numeric(p,s)): a column
	// reference keeps its column's, a cast names one; literals, arithmetic and
	// functions have none.
	Typmod bool
	// OID, when not 0, is the type PostgreSQL gives a column DuckDB types as text or
	// json: name (19) for the catalog's name columns and current_schema() & co.,
	// jsonb (3802) for casts to jsonb and the jsonb_ functions, varchar (1043) for
	// casts to varchar, text (25) for a NULL literal (DuckDB's is an integer).
	OID uint32
	// Mod, when not 0, is the type modifier a cast names that DuckDB's type does not
	// carry (varchar(n): n + 4).
	Mod int32
	// Source, for a column reference or a star, says which tables' columns it may be,
	// for the types the sandbox keeps (declared.go) and the catalog's "char" columns.
	Source *ColumnSource
	// Cast names the user type (an enum: DuckDB's schema and type name) a cast names.
	Cast [2]string
	// Deferred, in a query with a star, holds OID and Mod, which the session applies
	// once it knows which result columns the star stands for.
	Deferred [2]int32
}

// ColumnSource is where a result column that is a column reference (or a star) comes
// from.
type ColumnSource struct {
	// Tables are the tables of the FROM clause (DuckDB's schema name, table name) the
	// column may belong to; one when the reference is qualified. For a star, every
	// table it stands for, in order.
	Tables [][2]string
	// Column is the referenced column, "" for a star.
	Column string
	// Catalog says the star stands for catalog views' columns only.
	Catalog bool
}

// Type OIDs the hints name.
const (
	NameOID    = 19
	TextOID    = 25
	VarcharOID = 1043
	JSONBOID   = 3802
)

// nameColumns are the catalog columns PostgreSQL types name.
var nameColumns = map[string]bool{
	"relname": true, "nspname": true, "attname": true, "typname": true, "conname": true, "datname": true,
	"rolname": true, "usename": true, "proname": true, "amname": true, "collname": true, "spcname": true,
	"extname": true, "lanname": true, "tgname": true, "rulename": true, "schemaname": true, "tablename": true,
	"viewname": true, "indexname": true, "sequencename": true, "tableowner": true, "viewowner": true,
	"sequenceowner": true, "tablespace": true,
}

// charColumns are the catalog columns PostgreSQL types "char".
var charColumns = map[string]bool{
	"relkind": true, "relpersistence": true, "relreplident": true, "contype": true, "confupdtype": true,
	"confdeltype": true, "confmatchtype": true, "typtype": true, "typcategory": true, "typalign": true,
	"typstorage": true, "typdelim": true, "attidentity": true, "attgenerated": true, "attalign": true,
	"attstorage": true, "attcompression": true, "amtype": true, "prokind": true, "provolatile": true,
	"proparallel": true, "collprovider": true, "datlocprovider": true, "polcmd": true, "ev_type": true,
	"ev_enabled": true, "tgenabled": true, "deptype": true, "castcontext": true, "castmethod": true,
	"aggkind": true, "oprkind": true, "amoppurpose": true, "defaclobjtype": true, "evtenabled": true,
	"partstrat": true, "privtype": true,
}

// jsonbFuncs are the functions returning jsonb.
var jsonbFuncs = map[string]bool{
	"to_jsonb": true, "jsonb_build_object": true, "jsonb_build_array": true, "jsonb_agg": true,
	"jsonb_object_agg": true, "jsonb_strip_nulls": true, "jsonb_set": true,
}

// columnHints returns the hints for a query's result columns; all is true when every
// column is a column reference (a target list of * and column references), in which
// case hints is nil, as it is when nothing is known (a * among other targets, set
// operations). catalog says the query reads the catalog (names of nameColumns are
// name there), infoSchema that it reads information_schema (whose sql_identifier
// columns are name, the other text columns varchar).
func columnHints(stmt *pg.Node, catalog, infoSchema bool) (hints []ColumnHint, all bool) {
	if hints, ok := returningHints(stmt); ok { // declared_returning.go
		return hints, false
	}
	s := stmt.GetSelectStmt()
	if s == nil || s.Op != pg.SetOperation_SETOP_NONE || len(s.ValuesLists) > 0 {
		return nil, false
	}
	refs, star, known := true, false, false
	from := fromItems(s)
	for _, t := range s.TargetList {
		val := t.GetResTarget().GetVal()
		if val == nil {
			return nil, false
		}
		var h ColumnHint
		switch x := val.Node.(type) {
		case *pg.Node_ColumnRef:
			f := x.ColumnRef.Fields
			star = star || len(f) > 0 && f[len(f)-1].GetAStar() != nil
			h.Typmod = true
			h.Source = from.source(f)
			if len(f) > 0 {
				col := strName(f[len(f)-1])
				switch {
				case catalog && nameColumns[col]:
					h.OID = NameOID
				case catalog && charColumns[col]:
					h.OID = CharOID
				case infoSchema && (strings.HasSuffix(col, "_catalog") || strings.HasSuffix(col, "_schema") || strings.HasSuffix(col, "_name")):
					h.OID = NameOID
				case infoSchema && col != "":
					h.OID = VarcharOID
					if strings.HasPrefix(col, "is_") {
						h.Mod = 3 + 4 // yes_or_no is varchar(3)
					}
				}
			}
		case *pg.Node_TypeCast:
			tn := x.TypeCast.TypeName
			h.Typmod = len(tn.GetTypmods()) > 0 && len(tn.GetArrayBounds()) == 0
			if len(tn.GetNames()) > 0 && len(tn.GetArrayBounds()) == 0 {
				switch strName(tn.Names[len(tn.Names)-1]) {
				case "jsonb":
					h.OID = JSONBOID
				case "name":
					h.OID = NameOID
				case "varchar", "bpchar":
					h.OID, h.Typmod = VarcharOID, false
					if strName(tn.Names[len(tn.Names)-1]) == "bpchar" {
						h.OID = BPCharOID
					}
					if len(tn.Typmods) == 1 {
						if n := tn.Typmods[0].GetAConst().GetIval(); n != nil {
							h.Mod = n.Ival + 4
						}
					}
				case "char":
					if len(tn.Names) == 1 {
						h.OID = CharOID // "char"
					}
				default:
					if d, ok := declaredOf("", tn); ok && d.OID == 0 {
						h.Cast = [2]string{d.Schema, d.Name}
					}
				}
			}
			refs = false
		case *pg.Node_AConst:
			if x.AConst.Isnull {
				h.OID = TextOID
			}
			refs = false
		case *pg.Node_FuncCall:
			name := strName(x.FuncCall.Funcname[len(x.FuncCall.Funcname)-1])
			switch {
			case jsonbFuncs[name]:
				h.OID = JSONBOID
			case name == "current_schema" || name == "current_database" || name == "current_user" || name == "session_user":
				h.OID = NameOID
			}
			refs = false
		case *pg.Node_AExpr:
			h.OID = operatorOID(x.AExpr) // missing_ops.go: jsonb operators
			refs = false
		case *pg.Node_SqlvalueFunction:
			switch x.SqlvalueFunction.Op {
			case pg.SQLValueFunctionOp_SVFOP_CURRENT_ROLE, pg.SQLValueFunctionOp_SVFOP_CURRENT_USER, pg.SQLValueFunctionOp_SVFOP_USER,
				pg.SQLValueFunctionOp_SVFOP_SESSION_USER, pg.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG, pg.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
				h.OID = NameOID
			}
			refs = false
		default:
			refs = false
		}
		known = known || h != ColumnHint{}
		hints = append(hints, h)
	}
	if star {
		// The columns a star stands for are known to the session only: the hints
		// keep their sources alone (declared.go's session side aligns them).
		for i, h := range hints {
			hints[i] = ColumnHint{Source: h.Source, Cast: h.Cast, Deferred: [2]int32{int32(h.OID), h.Mod}}
		}
		return hints, refs
	}
	if !known {
		return nil, false
	}
	return hints, false
}

// fromItem is a relation of a FROM clause: a table or view (table set) or something
// else (a subquery, a function, a CTE), known by its alias.
type fromItem struct {
	alias, schema, table string
	catalog              bool
	// sub: a subquery's (or CTE's) output columns that are column references, and
	// where they come from.
	sub map[string]*ColumnSource
}

// fromList is a query's FROM clause, flattened; plain says a star stands for the
// columns of its items in order (only tables, no USING or NATURAL joins).
type fromList struct {
	items []fromItem
	plain bool
}

// fromItems lists the relations of a query's FROM clause.
func fromItems(s *pg.SelectStmt) fromList {
	ctes := map[string]*pg.CommonTableExpr{}
	for _, c := range s.GetWithClause().GetCtes() {
		if cte := c.GetCommonTableExpr(); cte != nil {
			ctes[cte.Ctename] = cte
		}
	}
	l := fromList{plain: true}
	var walk func(n *pg.Node)
	walk = func(n *pg.Node) {
		switch x := n.Node.(type) {
		case *pg.Node_RangeVar:
			rv := x.RangeVar
			it := fromItem{alias: rv.Relname, table: rv.Relname, schema: duckSchema(rv.Schemaname)}
			if rv.Alias != nil {
				it.alias = rv.Alias.Aliasname
			}
			switch {
			case rv.Schemaname == "" && ctes[rv.Relname] != nil:
				it.table, l.plain = "", false
				if cte := ctes[rv.Relname]; len(cte.Aliascolnames) == 0 && !s.GetWithClause().GetRecursive() {
					it.sub = subquerySources(cte.Ctequery)
				}
			case rv.Schemaname == "information_schema":
				it.table, l.plain = "", false
			case catalogViews[rv.Relname] && (rv.Schemaname == "" || rv.Schemaname == "pg_catalog"):
				it.catalog, it.schema = true, "pg_catalog"
			}
			l.items = append(l.items, it)
		case *pg.Node_JoinExpr:
			j := x.JoinExpr
			if j.IsNatural || len(j.UsingClause) > 0 || j.Alias != nil {
				l.plain = false
			}
			walk(j.Larg)
			walk(j.Rarg)
		case *pg.Node_RangeSubselect:
			it := fromItem{alias: x.RangeSubselect.GetAlias().GetAliasname()}
			if len(x.RangeSubselect.GetAlias().GetColnames()) == 0 {
				it.sub = subquerySources(x.RangeSubselect.Subquery)
			}
			l.items, l.plain = append(l.items, it), false
		case *pg.Node_RangeFunction:
			l.items, l.plain = append(l.items, fromItem{alias: x.RangeFunction.GetAlias().GetAliasname()}), false
		default:
			l.plain = false
		}
	}
	for _, n := range s.FromClause {
		walk(n)
	}
	return l
}

// source returns where the column reference with fields f comes from, nil when it
// cannot be known from the statement.
func (l fromList) source(f []*pg.Node) *ColumnSource {
	if len(f) == 0 || len(l.items) == 0 {
		return nil
	}
	star := f[len(f)-1].GetAStar() != nil
	col := ""
	if !star {
		col = strName(f[len(f)-1])
	}
	src := &ColumnSource{Column: col, Catalog: true}
	add := func(it fromItem) {
		if it.table != "" {
			src.Tables = append(src.Tables, [2]string{it.schema, it.table})
			src.Catalog = src.Catalog && it.catalog
		}
	}
	switch len(f) {
	case 1:
		if star && !l.plain {
			return nil
		}
		for _, it := range l.items {
			if sub := it.sub[col]; sub != nil && !star {
				return sub
			}
		}
		for _, it := range l.items {
			add(it)
		}
	case 2, 3:
		rel := strName(f[len(f)-2])
		for _, it := range l.items {
			if it.alias == rel && (len(f) == 2 || duckSchema(strName(f[0])) == it.schema) {
				if it.table == "" {
					if star {
						return nil
					}
					return it.sub[col]
				}
				add(it)
				break
			}
		}
	}
	if len(src.Tables) == 0 {
		return nil
	}
	return src
}

// readsCatalog reports whether the statement under m reads one of the catalog views
// (catalog) or information_schema's (infoSchema).
func readsCatalog(m protoreflect.Message) (catalog, infoSchema bool) {
	if rv, ok := m.Interface().(*pg.RangeVar); ok {
		return catalogViews[rv.Relname] && (rv.Schemaname == "" || rv.Schemaname == "pg_catalog"),
			rv.Schemaname == "information_schema" && infoSchemaViews[rv.Relname]
	}
	eachChild(m, func(c protoreflect.Message) {
		a, b := readsCatalog(c)
		catalog, infoSchema = catalog || a, infoSchema || b
	})
	return catalog, infoSchema
}

// CatalogColumnOID is the type PostgreSQL gives a catalog column DuckDB types as text,
// by its name: name (19), "char" (18); 0 for text.
func CatalogColumnOID(col string) uint32 {
	switch {
	case nameColumns[col]:
		return NameOID
	case charColumns[col]:
		return CharOID
	}
	return 0
}

// subquerySources returns, for a subquery's output columns that are column
// references, where they come from.
func subquerySources(n *pg.Node) map[string]*ColumnSource {
	s := n.GetSelectStmt()
	if s == nil || s.Op != pg.SetOperation_SETOP_NONE {
		return nil
	}
	from := fromItems(s)
	var m map[string]*ColumnSource
	for _, t := range s.TargetList {
		rt := t.GetResTarget()
		f := rt.GetVal().GetColumnRef().GetFields()
		if len(f) == 0 || f[len(f)-1].GetAStar() != nil {
			continue
		}
		name := rt.Name
		if name == "" {
			name = strName(f[len(f)-1])
		}
		if src := from.source(f); src != nil && !src.Catalog {
			if m == nil {
				m = map[string]*ColumnSource{}
			}
			m[name] = src
		}
	}
	return m
}
