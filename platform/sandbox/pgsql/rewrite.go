package pgsql

import (
	"fmt"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/proto"
)

// rewrite replaces n with its DuckDB form when it needs one and reports whether it
// changed anything. Children are walked afterwards by the caller.
func (r *rewriter) rewrite(n *pg.Node) bool {
	// numcast*.go: numeric to integer rounding, float input range (in place)
	r.numCastRewrite(n)
	if r.jsonbRewrite(n) { // jsonb_rewrite.go: jsonb's normal text
		return true
	}
	if fc := n.GetFuncCall(); fc != nil && dateFuncRewrite(n, fc) { // dtinput_funcs.go
		r.helpers |= MacroHelpers
		return true
	}
	if r.analyticRewrite(n) { // analytics*.go: casts, aggregates, subscripts, rows
		return true
	}
	if r.missingRewrite(n) { // missing*.go: functions and operators DuckDB lacks
		return true
	}
	if r.exprRewrite(n) { // exprs.go: LIKE, SIMILAR TO, date/time/boolean literals, round
		return true
	}
	switch x := n.Node.(type) {
	case *pg.Node_InsertStmt, *pg.Node_UpdateStmt:
		return exactLiterals(n)
	case *pg.Node_CreateStmt:
		return r.rewriteSerials(x.CreateStmt)
	case *pg.Node_PrepareStmt:
		return prepareArgTypes(x.PrepareStmt)
	case *pg.Node_AlterTableCmd:
		return numericAlterType(x.AlterTableCmd)
	case *pg.Node_AExpr:
		if likeEscape(n, x.AExpr) || anyLiteral(n, x.AExpr) || concatOperator(n, x.AExpr) || dateDifference(n, x.AExpr) {
			return true
		}
		return rewriteOperator(n, x.AExpr)
	case *pg.Node_RangeFunction:
		return rangeFunction(n, x.RangeFunction) || nameFunctionColumn(x.RangeFunction)
	case *pg.Node_SqlvalueFunction:
		if x.SqlvalueFunction.Op == pg.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA {
			n.Node = funcCall("current_schema").Node // the helper that says public for main
			r.helpers |= CatalogHelpers
			return true
		}
	case *pg.Node_RangeVar:
		rv := x.RangeVar
		if rv.Schemaname == "public" {
			rv.Schemaname = "main" // the schema the catalog shows as public
			return true
		}
		if rv.Schemaname == "information_schema" && infoSchemaViews[rv.Relname] {
			rv.Schemaname, rv.Relname = "", "pg_information_schema_"+rv.Relname
			r.helpers |= CatalogHelpers
			return true
		}
		if catalogViews[rv.Relname] && (rv.Schemaname == "" || rv.Schemaname == "pg_catalog") {
			r.helpers |= CatalogHelpers
			if rv.Schemaname != "" {
				rv.Schemaname = "" // the temporary view shadows DuckDB's
				return true
			}
		}
	case *pg.Node_FuncCall:
		if r.rewriteFunc(n, x.FuncCall) { // funcs.go
			return true
		}
		if x.FuncCall.Funcformat == pg.CoercionForm_COERCE_SQL_SYNTAX {
			// EXTRACT(… FROM …), substring(… FROM …), x AT TIME ZONE …: the deparser
			// writes their SQL syntax, which DuckDB reads, only while qualified.
			return false
		}
		if settingValue(n, x.FuncCall) {
			return true
		}
		changed := unqualify(&x.FuncCall.Funcname)
		if r.numericRound(x.FuncCall) {
			return true
		}
		if len(x.FuncCall.Funcname) == 1 {
			r.helpers |= helperFuncs[strName(x.FuncCall.Funcname[0])]
		}
		if len(x.FuncCall.Funcname) == 1 {
			if to, ok := renamedFuncs[strName(x.FuncCall.Funcname[0])]; ok {
				x.FuncCall.Funcname = []*pg.Node{pg.MakeStrNode(to)}
				changed = true
			}
		}
		return changed
	case *pg.Node_TypeCast:
		if numericLiteralCast(n, x.TypeCast) || r.numericExprCast(n, x.TypeCast) || numericArrayCast(n, x.TypeCast) {
			return true
		}
		if vectorText(n, x.TypeCast) || floatCast(x.TypeCast) || numericText(n, x.TypeCast) {
			return true
		}
		if arrayLiteral(x.TypeCast) {
			r.rewriteCast(n, x.TypeCast)
			return true
		}
		return r.rewriteCast(n, x.TypeCast)
	case *pg.Node_ColumnRef:
		// pg_catalog.pg_class.relname names a catalog view the front end reads
		// unqualified; public.t.c names DuckDB's main schema.
		f := x.ColumnRef.Fields
		if len(f) == 3 {
			switch sch := strName(f[0]); {
			case sch == "pg_catalog" && catalogViews[strName(f[1])]:
				x.ColumnRef.Fields = f[1:]
				return true
			case sch == "public":
				f[0] = pg.MakeStrNode("main")
				return true
			}
		}
	case *pg.Node_JoinExpr:
		if x.JoinExpr.Jointype != pg.JoinType_JOIN_INNER {
			return anyInJoin(x.JoinExpr.Quals)
		}
	case *pg.Node_CollateClause:
		if isDefaultCollation(x.CollateClause.Collname) {
			n.Node = x.CollateClause.Arg.GetNode()
			if n.Node == nil {
				n.Node = pg.MakeAConstStrNode("", 0).Node
			}
			return true
		}
	}
	return false
}

// unqualify drops a leading pg_catalog from a function or operator name: DuckDB finds
// its built-in functions and its pg_catalog macros unqualified.
func unqualify(name *[]*pg.Node) bool {
	if len(*name) == 2 && strName((*name)[0]) == "pg_catalog" {
		*name = (*name)[1:]
		return true
	}
	return false
}

// setFuncs return a set of single values: PostgreSQL names their one column after the
// table alias (FROM generate_series(1, 3) s reads s as a number), DuckDB's alias
// names a row.
var setFuncs = map[string]bool{"generate_series": true, "unnest": true, "generate_subscripts": true, "regexp_split_to_table": true}

// nameFunctionColumn gives FROM f(…) AS s the column alias s when f is one of setFuncs.
func nameFunctionColumn(rf *pg.RangeFunction) bool {
	if rf.Alias == nil || len(rf.Alias.Colnames) > 0 || len(rf.Functions) != 1 || rf.Ordinality {
		return false
	}
	items := rf.Functions[0].GetList().GetItems()
	if len(items) == 0 {
		return false
	}
	fc := items[0].GetFuncCall()
	if fc == nil || len(fc.Funcname) == 0 || !setFuncs[strName(fc.Funcname[len(fc.Funcname)-1])] {
		return false
	}
	if fc.Funcname[len(fc.Funcname)-1] != nil && strName(fc.Funcname[len(fc.Funcname)-1]) == "unnest" && len(fc.Args) != 1 {
		return false // unnest of several arrays gives several columns
	}
	rf.Alias.Colnames = []*pg.Node{pg.MakeStrNode(rf.Alias.Aliasname)}
	return true
}

// renamedFuncs are PostgreSQL functions DuckDB has under another name.
var renamedFuncs = map[string]string{
	"cardinality":       "len", // DuckDB's cardinality is for maps
	"json_build_object": "json_object", "jsonb_build_object": "json_object",
	"json_build_array": "json_array", "jsonb_build_array": "json_array",
	"json_agg": "json_group_array", "jsonb_agg": "json_group_array",
	"json_object_agg": "json_group_object", "jsonb_object_agg": "json_group_object",
	"to_jsonb": "to_json",
}

func strName(n *pg.Node) string {
	if s := n.GetString_(); s != nil {
		return s.Sval
	}
	return ""
}

func isDefaultCollation(name []*pg.Node) bool {
	last := ""
	if len(name) > 0 {
		last = strName(name[len(name)-1])
	}
	return last == "default" || (len(name) == 2 && strName(name[0]) == "pg_catalog")
}

func funcCall(name string, args ...*pg.Node) *pg.Node {
	return pg.MakeFuncCallNode([]*pg.Node{pg.MakeStrNode(name)}, args, -1)
}

// rewriteOperator rewrites the operators whose meaning differs in DuckDB: / and %
// (PostgreSQL divides integers as integers and raises 22012 on a zero divisor; DuckDB
// returns a double, or NULL) and the POSIX regex matches (DuckDB's ~ matches the whole
// string). It also drops OPERATOR(pg_catalog.…) qualification.
func rewriteOperator(n *pg.Node, e *pg.A_Expr) bool {
	changed := unqualify(&e.Name)
	if e.Kind != pg.A_Expr_Kind_AEXPR_OP || len(e.Name) != 1 || e.Rexpr == nil || e.Location == generated {
		return changed
	}
	if e.Lexpr == nil {
		// Prefix operators DuckDB lacks: square root, cube root, absolute value.
		fn := map[string]string{"|/": "sqrt", "||/": "cbrt", "@": "abs"}[strName(e.Name[0])]
		if fn == "" {
			return changed
		}
		n.Node = funcCall(fn, e.Rexpr).Node
		return true
	}
	var repl *pg.Node
	switch strName(e.Name[0]) {
	case "/":
		op := "//" // DuckDB's division that truncates integers and divides floats
		if isIntervalCast(e.Lexpr) {
			op = "/" // // has no interval form
		}
		repl = checkedDivision(op, e.Lexpr, e.Rexpr)
	case "%":
		repl = checkedDivision("%", e.Lexpr, e.Rexpr)
	case "~":
		repl = funcCall("regexp_matches", e.Lexpr, e.Rexpr)
	case "~*":
		repl = funcCall("regexp_matches", e.Lexpr, e.Rexpr, pg.MakeAConstStrNode("i", -1))
	case "!~":
		repl = not(funcCall("regexp_matches", e.Lexpr, e.Rexpr))
	case "!~*":
		repl = not(funcCall("regexp_matches", e.Lexpr, e.Rexpr, pg.MakeAConstStrNode("i", -1)))
	default:
		return changed
	}
	n.Node = repl.Node
	return true
}

// generated is the location of operators the front end wrote, which it leaves alone.
const generated = -2

// checkedDivision writes a op b as CASE WHEN b = 0 THEN error('division by zero')
// ELSE a op b END: PostgreSQL raises 22012 where DuckDB returns NULL or infinity. It is
// written out rather than called as a macro so that views and defaults created with it
// depend on nothing but DuckDB (the divisor is evaluated twice).
func checkedDivision(op string, a, b *pg.Node) *pg.Node {
	zero := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode("=")},
		proto.Clone(b).(*pg.Node), pg.MakeAConstIntNode(0, -1), -1)
	fail := funcCall("error", pg.MakeAConstStrNode("division by zero", -1))
	div := pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(op)}, a, b, generated)
	n := pg.MakeCaseExprNode(nil, []*pg.Node{pg.MakeCaseWhenNode(zero, fail, -1)}, -1)
	n.GetCaseExpr().Defresult = div
	return n
}

// isIntervalCast reports whether n is written as an interval (INTERVAL '1 hour',
// x::interval); the front end has no types for other expressions.
func isIntervalCast(n *pg.Node) bool {
	tc := n.GetTypeCast()
	if tc == nil || tc.TypeName == nil || len(tc.TypeName.Names) == 0 {
		return false
	}
	return strName(tc.TypeName.Names[len(tc.TypeName.Names)-1]) == "interval"
}

func not(arg *pg.Node) *pg.Node {
	return pg.MakeBoolExprNode(pg.BoolExprType_NOT_EXPR, []*pg.Node{arg}, -1)
}

// DuckDB's names for PostgreSQL types it knows under another name, or not at all.
var castTypes = map[string]string{
	"oid": "int8", "regproc": "", "name": "varchar", "char": "varchar", "bpchar": "varchar",
	"xid": "int8", "cid": "int8", "tid": "varchar", "regoper": "", "int2vector": "varchar",
	"oidvector": "varchar", "aclitem": "varchar", "pg_node_tree": "varchar",
}

// rewriteCast rewrites casts to types DuckDB lacks: the reg* types become look-ups in
// the catalog, oid and name become DuckDB types, and a string cast to bytea is read
// with PostgreSQL's bytea input syntax.
func (r *rewriter) rewriteCast(n *pg.Node, c *pg.TypeCast) bool {
	tn := c.TypeName
	if tn == nil || len(tn.Names) == 0 {
		return false
	}
	if varlenCast(n, c) { // varlen.go
		return true
	}
	name := strName(tn.Names[len(tn.Names)-1])
	qualified := len(tn.Names) == 2 && strName(tn.Names[0]) == "pg_catalog"
	array := len(tn.ArrayBounds) > 0
	if inner := c.Arg.GetTypeCast(); inner != nil && !array && (name == "text" || name == "varchar" || name == "name") {
		// x::regclass::text is the relation's name, whatever x is.
		if reg := regType(inner.TypeName); reg != "" {
			arg := inner.Arg
			if arg.GetAConst().GetSval() != nil {
				arg = funcCall("pg_"+reg+"_oid", arg)
			}
			c.Arg = funcCall("pg_"+reg+"_name", arg)
			tn.Names = []*pg.Node{pg.MakeStrNode("varchar")}
			r.helpers |= MacroHelpers
			return true
		}
	}
	if !array {
		switch name {
		case "regclass", "regtype", "regnamespace", "regproc", "regprocedure", "regrole":
			// A name becomes its OID; an OID becomes its name, as PostgreSQL prints it.
			fn := "pg_" + name + "_name"
			if s := c.Arg.GetAConst().GetSval(); s != nil {
				fn = "pg_" + name + "_oid"
			}
			n.Node = funcCall(fn, c.Arg).Node
			r.helpers |= MacroHelpers
			return true
		case "bytea":
			if s := c.Arg.GetAConst().GetSval(); s != nil {
				if b, err := byteaInput(s.Sval); err == nil {
					s.Sval = duckBlobLiteral(b)
					tn.Names = []*pg.Node{pg.MakeStrNode("blob")}
					return true
				}
			}
		}
	}
	if t, ok := castTypes[name]; ok && t != "" {
		tn.Names = []*pg.Node{pg.MakeStrNode(t)}
		return true
	}
	if qualified && !pgTypeSpelled[name] {
		tn.Names = tn.Names[1:]
		return true
	}
	return false
}

// regType returns the reg* type a type name names ("regclass"…), or "".
func regType(tn *pg.TypeName) string {
	if tn == nil || len(tn.Names) == 0 || len(tn.ArrayBounds) > 0 {
		return ""
	}
	switch name := strName(tn.Names[len(tn.Names)-1]); name {
	case "regclass", "regtype", "regnamespace", "regproc", "regprocedure", "regrole":
		return name
	}
	return ""
}

// pgTypeSpelled are the pg_catalog types the deparser writes under their SQL names
// (pg_catalog.int4 as integer), so their qualification can stay.
var pgTypeSpelled = map[string]bool{
	"bool": true, "int2": true, "int4": true, "int8": true, "float4": true, "float8": true,
	"numeric": true, "varchar": true, "time": true, "timetz": true, "timestamp": true,
	"timestamptz": true, "interval": true, "bit": true, "varbit": true,
}

// byteaInput reads PostgreSQL's bytea input forms: hex ("\x0102") and escape
// ("a\\000b", octal escapes and doubled backslashes).
func byteaInput(s string) ([]byte, error) {
	if strings.HasPrefix(s, `\x`) || strings.HasPrefix(s, `\X`) {
		var out []byte
		h := s[2:]
		for i := 0; i < len(h); {
			if h[i] == ' ' || h[i] == '\t' || h[i] == '\n' || h[i] == '\r' {
				i++
				continue
			}
			if i+1 >= len(h) {
				return nil, fmt.Errorf("invalid hexadecimal data: odd number of digits")
			}
			hi, ok1 := HexDigit(h[i])
			lo, ok2 := HexDigit(h[i+1])
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("invalid hexadecimal digit")
			}
			out = append(out, hi<<4|lo)
			i += 2
		}
		return out, nil
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			out = append(out, s[i])
			continue
		}
		switch {
		case i+1 < len(s) && s[i+1] == '\\':
			out = append(out, '\\')
			i++
		case i+3 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) && isOctal(s[i+3]) && s[i+1] <= '3':
			out = append(out, (s[i+1]-'0')<<6|(s[i+2]-'0')<<3|(s[i+3]-'0'))
			i += 3
		default:
			return nil, fmt.Errorf("invalid input syntax for type bytea")
		}
	}
	return out, nil
}

// HexDigit is the value of the hexadecimal digit c.
func HexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// duckBlobLiteral writes bytes as DuckDB's blob string: every byte as \xHH.
func duckBlobLiteral(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		fmt.Fprintf(&sb, `\x%02X`, c)
	}
	return sb.String()
}
