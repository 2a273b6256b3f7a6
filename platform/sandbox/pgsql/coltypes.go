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
	s := stmt.GetSelectStmt()
	if s == nil || s.Op != pg.SetOperation_SETOP_NONE || len(s.ValuesLists) > 0 {
		return nil, false
	}
	refs, star, known := true, false, false
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
			if len(f) > 0 {
				col := strName(f[len(f)-1])
				switch {
				case catalog && nameColumns[col]:
					h.OID = NameOID
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
				case "varchar":
					h.OID, h.Typmod = VarcharOID, false
					if len(tn.Typmods) == 1 {
						if n := tn.Typmods[0].GetAConst().GetIval(); n != nil {
							h.Mod = n.Ival + 4
						}
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
		return nil, refs
	}
	if !known {
		return nil, false
	}
	return hints, false
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
