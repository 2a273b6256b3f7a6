package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// serialTypes are PostgreSQL's serial pseudo-types and the integer types under them.
var serialTypes = map[string]string{
	"serial": "int4", "serial4": "int4", "bigserial": "int8", "serial8": "int8",
	"smallserial": "int2", "serial2": "int2",
}

// rewriteSerials gives CREATE TABLE's serial and identity columns (which DuckDB lacks)
// what PostgreSQL makes of them: an integer column, NOT NULL, whose default takes the
// next value of a sequence named <table>_<column>_seq, created before the table (the
// statements in r.before).
func (r *rewriter) rewriteSerials(cs *pg.CreateStmt) bool {
	if cs.Relation == nil {
		return false
	}
	changed := false
	for _, elt := range cs.TableElts {
		cd := elt.GetColumnDef()
		if cd == nil || cd.TypeName == nil {
			continue
		}
		names := cd.TypeName.Names
		base, isSerial := "", false
		if len(names) > 0 && len(cd.TypeName.ArrayBounds) == 0 {
			base, isSerial = serialTypes[strName(names[len(names)-1])]
			if isSerial && len(names) == 2 && strName(names[0]) != "pg_catalog" {
				isSerial = false
			}
		}
		identity := -1
		for i, c := range cd.Constraints {
			if con := c.GetConstraint(); con != nil && con.Contype == pg.ConstrType_CONSTR_IDENTITY {
				identity = i
			}
		}
		if !isSerial && identity < 0 {
			continue
		}
		seq := sequenceName(cs.Relation.Relname, cd.Colname)
		qualified := quoteIdent(seq)
		if sch := cs.Relation.Schemaname; sch != "" && sch != "public" && sch != "main" {
			qualified = quoteIdent(sch) + "." + qualified
		}
		if isSerial {
			cd.TypeName = &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode(base)}, Typemod: -1}
		} else {
			cd.Constraints = append(cd.Constraints[:identity:identity], cd.Constraints[identity+1:]...)
		}
		cd.Constraints = append(cd.Constraints,
			&pg.Node{Node: &pg.Node_Constraint{Constraint: &pg.Constraint{Contype: pg.ConstrType_CONSTR_NOTNULL, Location: -1}}},
			&pg.Node{Node: &pg.Node_Constraint{Constraint: &pg.Constraint{Contype: pg.ConstrType_CONSTR_DEFAULT, Location: -1,
				RawExpr: funcCall("nextval", pg.MakeAConstStrNode(qualified, -1))}}})
		temp := ""
		if cs.Relation.Relpersistence == "t" {
			temp = "TEMP "
		}
		r.before = append(r.before, "CREATE OR REPLACE "+temp+"SEQUENCE "+qualified)
		changed = true
	}
	return changed
}

// sequenceName is PostgreSQL's name for a serial column's sequence (its parts cut so
// the whole fits in 63 bytes, as ChooseRelationName does).
func sequenceName(table, column string) string {
	const max = 63 - len("__seq")
	for len(table)+len(column) > max {
		if len(table) > len(column) {
			table = table[:len(table)-1]
		} else {
			column = column[:len(column)-1]
		}
	}
	return table + "_" + column + "_seq"
}

// quoteIdent quotes an identifier unless PostgreSQL reads it unquoted as itself.
func quoteIdent(s string) string {
	plain := s != ""
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '$')) {
			plain = false
		}
	}
	if plain {
		if res, err := pg.Scan(s); err == nil && len(res.Tokens) == 1 && res.Tokens[0].KeywordKind == pg.KeywordKind_NO_KEYWORD {
			return s
		}
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// vectorColumns are the catalog's int2vector and oidvector columns, lists in the
// sandbox, whose text PostgreSQL writes as numbers separated by spaces.
var vectorColumns = map[string]bool{"indkey": true, "indoption": true, "indclass": true, "indcollation": true,
	"proargtypes": true, "tgattr": true, "stxkeys": true}

// vectorText rewrites col::text of a vector column as array_to_string(col, ' ').
func vectorText(n *pg.Node, c *pg.TypeCast) bool {
	ref := c.Arg.GetColumnRef()
	if ref == nil || len(ref.Fields) == 0 || c.TypeName == nil || len(c.TypeName.Names) == 0 || len(c.TypeName.ArrayBounds) > 0 {
		return false
	}
	switch strName(c.TypeName.Names[len(c.TypeName.Names)-1]) {
	case "text", "varchar":
	default:
		return false
	}
	if !vectorColumns[strName(ref.Fields[len(ref.Fields)-1])] {
		return false
	}
	n.Node = funcCall("array_to_string", c.Arg, pg.MakeAConstStrNode(" ", -1)).Node
	return true
}

// anyInJoin rewrites x = ANY(array) and x <> ALL(array) in the condition of an outer
// join as list_contains (DuckDB plans ANY over a list as a subquery, which an outer
// join's condition cannot hold). Unlike ANY, list_contains is false, not NULL, when
// the list holds NULL and no match.
func anyInJoin(n *pg.Node) bool {
	if n == nil {
		return false
	}
	switch x := n.Node.(type) {
	case *pg.Node_BoolExpr:
		changed := false
		for _, a := range x.BoolExpr.Args {
			changed = anyInJoin(a) || changed
		}
		return changed
	case *pg.Node_AExpr:
		e := x.AExpr
		if len(e.Name) != 1 || e.Rexpr == nil || e.Lexpr == nil || e.Rexpr.GetAConst() != nil {
			return false // an array's text is rewritten as an IN list (anyLiteral)
		}
		op := strName(e.Name[0])
		switch {
		case e.Kind == pg.A_Expr_Kind_AEXPR_OP_ANY && op == "=":
			n.Node = funcCall("list_contains", e.Rexpr, e.Lexpr).Node
			return true
		case e.Kind == pg.A_Expr_Kind_AEXPR_OP_ALL && (op == "<>" || op == "!="):
			n.Node = not(funcCall("list_contains", e.Rexpr, e.Lexpr)).Node
			return true
		}
	}
	return false
}

// likeEscape rewrites a LIKE or ILIKE with an ESCAPE clause, which PostgreSQL's grammar
// turns into x LIKE like_escape(pattern, escape), into DuckDB's like_escape(x, pattern,
// escape) (or ilike_escape), negated for NOT LIKE.
func likeEscape(n *pg.Node, e *pg.A_Expr) bool {
	if e.Kind != pg.A_Expr_Kind_AEXPR_LIKE && e.Kind != pg.A_Expr_Kind_AEXPR_ILIKE || len(e.Name) != 1 {
		return false
	}
	fc := e.Rexpr.GetFuncCall()
	if fc == nil || len(fc.Funcname) == 0 || strName(fc.Funcname[len(fc.Funcname)-1]) != "like_escape" || len(fc.Args) != 2 {
		return false
	}
	fn := "like_escape"
	if e.Kind == pg.A_Expr_Kind_AEXPR_ILIKE {
		fn = "ilike_escape"
	}
	repl := funcCall(fn, e.Lexpr, fc.Args[0], fc.Args[1])
	if strings.HasPrefix(strName(e.Name[0]), "!") {
		repl = not(repl)
	}
	n.Node = repl.Node
	return true
}

// exactLiterals writes the numeric literals of an INSERT's VALUES rows and of an
// UPDATE's SET that carry more than 15 significant digits as strings, which DuckDB casts
// to the column's type exactly: read as DECIMAL and then converted, as DuckDB reads
// them, the value a client sent for a double precision column (psycopg2 sends 17
// digits) can come back off by its last bit.
func exactLiterals(n *pg.Node) bool {
	changed := false
	conv := func(item *pg.Node) {
		c := item.GetAConst()
		if c == nil || c.GetFval() == nil || significantDigits(c.GetFval().Fval) <= 15 {
			return
		}
		item.Node = pg.MakeAConstStrNode(c.GetFval().Fval, c.Location).Node
		changed = true
	}
	switch x := n.Node.(type) {
	case *pg.Node_InsertStmt:
		for _, row := range x.InsertStmt.SelectStmt.GetSelectStmt().GetValuesLists() {
			for _, item := range row.GetList().GetItems() {
				conv(item)
			}
		}
	case *pg.Node_UpdateStmt:
		for _, t := range x.UpdateStmt.TargetList {
			if rt := t.GetResTarget(); rt != nil && rt.Val != nil {
				conv(rt.Val)
			}
		}
	}
	return changed
}

// significantDigits counts the digits of a numeric literal from its first non-zero one.
func significantDigits(lit string) int {
	if i := strings.IndexAny(lit, "eE"); i >= 0 {
		lit = lit[:i]
	}
	n, started := 0, false
	for _, c := range lit {
		if c >= '1' && c <= '9' {
			started = true
		}
		if started && c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

// floatCast makes a numeric literal cast to a floating-point type a string cast
// ('0.1'::float8), which DuckDB parses exactly; a literal it reads as DECIMAL first
// can be off by the last bit.
func floatCast(c *pg.TypeCast) bool {
	k := c.Arg.GetAConst()
	if k == nil || k.GetFval() == nil || c.TypeName == nil || len(c.TypeName.Names) == 0 || len(c.TypeName.ArrayBounds) > 0 {
		return false
	}
	switch strName(c.TypeName.Names[len(c.TypeName.Names)-1]) {
	case "float8", "float4", "float", "real", "double":
	default:
		return false
	}
	c.Arg = pg.MakeAConstStrNode(k.GetFval().Fval, k.Location)
	return true
}

// arrayLiteral rewrites PostgreSQL's array text in a cast to an array type
// ('{1,2}'::int[]) as DuckDB's list text ('[1,2]').
func arrayLiteral(c *pg.TypeCast) bool {
	k := c.Arg.GetAConst()
	if k == nil || k.GetSval() == nil || c.TypeName == nil || len(c.TypeName.ArrayBounds) == 0 {
		return false
	}
	v := strings.TrimSpace(k.GetSval().Sval)
	if !strings.HasPrefix(v, "{") {
		return false
	}
	k.GetSval().Sval = listText(v)
	return true
}

// listText rewrites PostgreSQL's array text ({a,"b c",NULL}, nested {{1},{2}}) as
// DuckDB's list text ([a,"b c",NULL]): the braces outside quoted elements become
// brackets; elements keep their quotes and backslash escapes.
func listText(v string) string {
	b := []byte(strings.TrimSpace(v))
	quoted := false
	for i := 0; i < len(b); i++ {
		switch ch := b[i]; {
		case quoted && ch == '\\':
			i++
		case ch == '"':
			quoted = !quoted
		case !quoted && ch == '{':
			b[i] = '['
		case !quoted && ch == '}':
			b[i] = ']'
		}
	}
	return string(b)
}

// prepareArgTypes rewrites PREPARE name(type, …) AS query, whose argument types DuckDB
// does not take, as PREPARE name AS query with each $n cast to its type (pg_dump
// prepares its per-object queries so).
func prepareArgTypes(ps *pg.PrepareStmt) bool {
	if len(ps.Argtypes) == 0 || ps.Query == nil {
		return false
	}
	types := ps.Argtypes
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if n, ok := m.Interface().(*pg.Node); ok {
			if p := n.GetParamRef(); p != nil && int(p.Number) >= 1 && int(p.Number) <= len(types) {
				if tn := types[p.Number-1].GetTypeName(); tn != nil {
					n.Node = &pg.Node_TypeCast{TypeCast: &pg.TypeCast{
						Arg: &pg.Node{Node: &pg.Node_ParamRef{ParamRef: p}}, TypeName: proto.Clone(tn).(*pg.TypeName)}}
					return
				}
			}
		}
		eachChild(m, walk)
	}
	walk(ps.Query.ProtoReflect())
	ps.Argtypes = nil
	return true
}
